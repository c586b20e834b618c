"""The browsable handbook built from the shipped curriculum: structure, catalogue, cross-links both ways,
glossary explanations and the whole-handbook print view. Expected values come from the YAML."""

from __future__ import annotations

import json
import posixpath
import re

import pytest
from bs4 import BeautifulSoup

from macros.load import load_catalogue, session_plan
from macros.models import PHASES
from macros.site import slugify
from macros.timing import facts_from_method, format_clock, schedule

from .conftest import ROOT, make_project, mkdocs_build, write_curriculum

SECTIONS = [
    "Etusivu",
    "Vertaisryhmämentorointi",
    "Mentorikoulutus",
    "Kriisi- ja etäjohtaminen",
    "Menetelmät",
    "Tapaamispohjat",
    "Tapaamisen suunnittelija",
    "Käsitteet",
    "Lähteet",
]


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "curriculum")


def soup_of(site, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(site, page: str):
    return soup_of(site, page).find("article")


def section_after(heading) -> list:
    """The elements after a heading, up to the next heading of the same or a higher level."""
    level = int(heading.name[1])
    found = []
    for sibling in heading.find_next_siblings():
        if re.fullmatch(r"h[1-6]", sibling.name) and int(sibling.name[1]) <= level:
            break
        found.append(sibling)
    return found


def heading(node, text: str):
    # A heading's text ends with its permalink sign.
    return next(h for h in node.find_all(re.compile(r"h[1-6]")) if h.get_text(strip=True).rstrip("¶") == text)


def linked_pages(page: str, elements) -> set[str]:
    """Site-relative directories of every link inside the elements, e.g. 'menetelmat/aikajana'."""
    hrefs = [a["href"] for element in elements for a in element.find_all("a", href=True)]
    return {posixpath.normpath(posixpath.join(page, href.split("#")[0])) for href in hrefs if not href.startswith("#")}


def text_of(element) -> str:
    return " ".join(element.get_text().split())


def cells(row) -> list[str]:
    return [text_of(cell) for cell in row.find_all(["td", "th"])]


def span(value) -> str:
    return str(value.min) if value.min == value.max else f"{value.min}–{value.max}"


# ---------------------------------------------------------------- structure


def test_navigation_lists_the_handbook_sections_in_reading_order(real_site):
    nav = soup_of(real_site, ".").select_one("nav.md-nav--primary > ul")
    titles = [item.find(["a", "label"]).get_text(" ", strip=True) for item in nav.find_all("li", recursive=False)]
    assert [title for title in titles if title in SECTIONS] == SECTIONS
    inner = nav.find("li", class_="md-nav__item--section")
    assert [a.get_text(strip=True) for a in inner.select("li a")][:6] == [
        "Vertaisryhmämentorointi",
        "Periaatteet",
        "Ryhmän kulku",
        "Vertailut",
        "Varhainen tuki",
        "Keskusteluaiheet",
    ]


def test_home_page_offers_three_paths_with_their_links(real_site):
    cards = article(real_site, ".").select(".grid.cards > ul > li")
    assert [card.find("strong").get_text() for card in cards] == [
        "Aloitan vertaismentorina",
        "Suunnittelen tapaamista",
        "Ylläpidän käsikirjaa",
    ]
    assert "vertaisryhmamentorointi" in linked_pages(".", cards[0:1])
    assert {"tapaamispohjat", "menetelmat", "suunnittelija"} <= linked_pages(".", cards[1:2])
    assert {"yllapito", "lahteet", "koko-kasikirja"} <= linked_pages(".", cards[2:3])


# ---------------------------------------------------------------- the method catalogue


def test_catalogue_groups_every_method_by_phase_and_by_family(real_site, catalogue):
    page = article(real_site, "menetelmat")
    by_phase = section_after(heading(page, "Tapaamisen vaiheen mukaan"))
    assert [h.get_text(strip=True).rstrip("¶") for h in by_phase if h.name == "h3"] == [p.capitalize() for p in PHASES]
    for phase in PHASES:
        expected = {f"menetelmat/{m}" for m, method in catalogue.methods.items() if phase in method.phases}
        assert linked_pages("menetelmat", section_after(heading(page, phase.capitalize()))) >= expected
    by_family = section_after(heading(page, "Menetelmäperheen mukaan"))
    families = sorted({method.family for method in catalogue.methods.values()})
    assert [h.get_text(strip=True).rstrip("¶") for h in by_family if h.name == "h3"] == families
    method_links = [a for element in by_family for a in element.select("td:first-child a")]
    assert sorted(a["href"] for a in method_links) == sorted(f"{m}/" for m in catalogue.methods)


def test_each_catalogue_row_shows_duration_group_size_modes_and_intensity(real_site, catalogue):
    rows = article(real_site, "menetelmat").select("table tr")
    assert cells(rows[0]) == ["Menetelmä", "Kesto", "Ryhmän koko", "Tapaamismuoto", "Tunnekuorma"]
    seen = set()
    for row in rows:
        link = row.select_one("td:first-child a")
        if link is None:
            continue
        method = catalogue.methods[link["href"].strip("/")]
        assert cells(row) == [
            method.name,
            f"{span(method.duration)} min",
            span(method.group_size),
            ", ".join(method.modes),
            method.intensity,
        ]
        assert [a["href"] for a in row.select("td:nth-child(4) a")] == [f"muoto/{slugify(m)}/" for m in method.modes]
        seen.add(method.id)
    assert seen == set(catalogue.methods)


def test_catalogue_links_every_phase_family_and_mode_page(real_site, catalogue):
    index = article(real_site, "menetelmat").select_one(".verme-tag-index")
    expected = {f"menetelmat/vaihe/{slugify(p)}" for m in catalogue.methods.values() for p in m.phases}
    expected |= {f"menetelmat/perhe/{slugify(m.family)}" for m in catalogue.methods.values()}
    expected |= {f"menetelmat/muoto/{slugify(mode)}" for m in catalogue.methods.values() for mode in m.modes}
    assert linked_pages("menetelmat", [index]) == expected
    for tag_page in expected:
        axis, value = tag_page.split("/")[1:]
        listed = linked_pages(tag_page, article(real_site, tag_page).select("td:first-child"))
        assert listed, tag_page
        for method_page in listed:
            method = catalogue.methods[method_page.split("/")[-1]]
            values = {"vaihe": method.phases, "perhe": [method.family], "muoto": method.modes}[axis]
            assert value in {slugify(v) for v in values}


def test_catalogue_is_usable_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="fi-FI")
    page = context.new_page()
    page.goto(site_url + "menetelmat/")
    assert page.locator("h3", has_text="Tutustuminen").is_visible()
    row = page.locator("tr", has=page.locator("a", has_text="Aikajana")).first
    assert row.is_visible() and "45–90 min" in row.inner_text()
    row.locator("a", has_text="Aikajana").click()
    page.wait_for_url("**/menetelmat/aikajana/")
    assert page.locator("h1").inner_text().startswith("Aikajana")
    context.close()


# ---------------------------------------------------------------- seminars and modules


def test_seminar_overview_is_a_table_of_goals_themes_and_working_methods(real_site, catalogue):
    table = article(real_site, "mentorikoulutus").find("table")
    rows = table.find_all("tr")
    assert cells(rows[0]) == ["Seminaari", "Tavoite", "Teemat", "Työtavat"]
    seminars = sorted(catalogue.seminars.values(), key=lambda s: ["I", "II", "III", "IV", "V"].index(s.number))
    assert [cells(row) for row in rows[1:]] == [
        [f"{s.number} {s.title}", " ".join(s.goal.split()), "; ".join(s.themes), ", ".join(s.working_methods)]
        for s in seminars
    ]
    assert linked_pages("mentorikoulutus", [table]) == {f"mentorikoulutus/{s.id}" for s in seminars}


def test_each_seminar_and_module_page_links_its_methods(real_site, catalogue):
    for kind, prefix, title in (
        ("seminars", "mentorikoulutus", "Menetelmiä, jotka sopivat seminaarin teemoihin"),
        ("modules", "kriisi-ja-etajohtaminen", "Sopivia menetelmiä"),
    ):
        for record_id, record in catalogue.records[kind].items():
            page = f"{prefix}/{record_id}"
            lists = [e for e in section_after(heading(article(real_site, page), title)) if e.name == "ul"]
            listed = linked_pages(page, lists)
            assert listed == {f"menetelmat/{m}" for m in record.methods}, page


def test_module_overview_lists_the_seven_themes_in_order(real_site, catalogue):
    rows = article(real_site, "kriisi-ja-etajohtaminen").find("table").find_all("tr")[1:]
    modules = sorted(catalogue.modules.values(), key=lambda m: m.order)
    assert len(modules) == 7
    assert [cells(row)[0] for row in rows] == [f"{i}. {m.title}" for i, m in enumerate(modules, 1)]


# ---------------------------------------------------------------- cross-links both ways


def _users_of(catalogue, method_id: str) -> set[str]:
    """Every page that uses a method, worked out from the YAML here rather than by the site code."""
    users = {f"mentorikoulutus/{i}" for i, s in catalogue.seminars.items() if method_id in s.methods}
    users |= {f"kriisi-ja-etajohtaminen/{i}" for i, m in catalogue.modules.items() if method_id in m.methods}
    users |= {
        f"tapaamispohjat/{i}"
        for i, s in catalogue.sessions.items()
        if any(getattr(b, "method", None) == method_id for b in s.blocks)
    }
    users |= {
        f"ryhmaprosessit/{i}"
        for i, p in catalogue.processes.items()
        if any(method_id in m.methods for m in p.meetings_sequence)
    }
    users |= {f"keskusteluaiheet/{i}" for i, t in catalogue.themes.items() if method_id in t.methods}
    users |= {f"varhainen-tuki/{i}" for i, g in catalogue.support.items() if method_id in g.methods}
    return users


def test_every_method_page_lists_what_uses_it_and_its_related_methods(real_site, catalogue):
    for method_id, method in catalogue.methods.items():
        page = f"menetelmat/{method_id}"
        text = article(real_site, page)
        users = _users_of(catalogue, method_id)
        if users:
            assert linked_pages(page, section_after(heading(text, "Missä menetelmää käytetään"))) == users, page
        related = {f"menetelmat/{r}" for r in method.related}
        related |= {f"menetelmat/{i}" for i, m in catalogue.methods.items() if method_id in m.related}
        if related:
            assert linked_pages(page, section_after(heading(text, "Liittyvät menetelmät"))) == related, page


def test_glossary_links_every_term_page_and_term_pages_link_where_they_are_used(real_site, catalogue):
    glossary = article(real_site, "kasitteet").select_one(".verme-glossary")
    terms = [text_of(dt) for dt in glossary.find_all("dt")]
    expected = sorted(catalogue.terms.values(), key=lambda t: t.term.casefold())
    assert terms == [f"{t.term} ({t.abbreviation})" if t.abbreviation else t.term for t in expected]
    assert linked_pages("kasitteet", glossary.find_all("dt")) == {f"kasitteet/{t}" for t in catalogue.terms}
    verme = article(real_site, "kasitteet/kertoi")
    used = linked_pages("kasitteet/kertoi", section_after(heading(verme, "Missä käsite esiintyy")))
    assert "menetelmat/aikajana" in used  # its purpose says "KerToi-työn"


def test_comparisons_are_tables_with_their_columns(real_site, catalogue):
    page = article(real_site, "vertailut")
    for comparison in catalogue.comparisons.values():
        table = next(e for e in section_after(heading(page, comparison.title)) if e.name == "table")
        rows = table.find_all("tr")
        assert cells(rows[0]) == ["Näkökulma", *comparison.columns]
        assert [cells(row) for row in rows[1:]] == [[row.aspect, *row.values] for row in comparison.rows]


def test_sources_say_what_the_handbook_took_from_each(real_site, catalogue):
    text = " ".join(article(real_site, "lahteet").get_text(" ", strip=True).split())
    for source in catalogue.sources.values():
        # A work cited only by author and year is listed so, with no title made up for it.
        assert (
            source.title or f"{', '.join(source.authors)} ({source.year}). Teoksen nimeä lähdeaineisto ei kerro"
        ) in text
        if source.used_for:
            assert " ".join(source.used_for.split())[:60] in text, source.id


def test_session_overview_shows_the_computed_clock_times(real_site, catalogue):
    facts = {i: facts_from_method(m) for i, m in catalogue.methods.items()}
    rows = {cells(row)[0]: cells(row) for row in article(real_site, "tapaamispohjat").find("table").find_all("tr")[1:]}
    for session in catalogue.sessions.values():
        timed = schedule(session_plan(session), facts)
        assert rows[session.title][3] == f"{format_clock(timed.blocks[0].start)}–{format_clock(timed.finish)}"
    assert rows["Teematapaaminen lähitapaamisena (2 tuntia)"][3:] == ["13.00–15.00", "2 h"]


# ---------------------------------------------------------------- glossary explanations


def test_first_use_of_a_term_carries_a_focusable_explanation_outside_headings_and_links(real_site, catalogue):
    soup = soup_of(real_site, "menetelmat/aikajana")
    explained = soup.find("article").find_all("abbr")
    assert explained, "expected glossary explanations on the page"
    titles = [abbr["title"] for abbr in explained]
    assert len(titles) == len(set(titles))
    assert all(abbr.get("tabindex") == "0" for abbr in explained)
    assert not soup.select("h1 abbr, h2 abbr, h3 abbr, a abbr")
    kertoi = next(a for a in explained if a.get_text() == "KerToi")
    assert kertoi["title"].startswith("KerToi: Kerronnallinen menetelmä")
    assert not soup_of(real_site, "kasitteet/verme").select("h1 abbr")


def test_explanation_appears_when_the_term_gets_keyboard_focus(page, site_url):
    page.goto(site_url + "menetelmat/aikajana/")
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "KerToi"
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().startswith("KerToi: Kerronnallinen menetelmä")


@pytest.mark.site
def test_a_hostile_term_definition_stays_text_in_its_explanation(tmp_path):
    hostile = 'Määritelmä "><script>alert(1)</script> {{ config }}.'
    original = (ROOT / "tests/fixtures/small/terms/verme.yml").read_text(encoding="utf-8")
    definition = re.search(r"(?m)^definition:.*(?:\n  .*)*", original).group(0)
    changed = original.replace(definition, "definition: " + json.dumps(hostile, ensure_ascii=False))
    project = make_project(tmp_path, write_curriculum(tmp_path, {"terms/verme.yml": changed}))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    abbr = BeautifulSoup(html, "html.parser").find("article").find("abbr", title=re.compile("Määritelmä"))
    assert abbr["title"] == "Vertaisryhmämentorointi: " + hostile


# ---------------------------------------------------------------- keywords and the print view


def test_record_keywords_are_shown_and_indexed_but_not_printed(real_site, catalogue):
    method = catalogue.methods["aikajana"]
    shown = article(real_site, "menetelmat/aikajana").select_one(".verme-keywords").get_text(strip=True)
    assert shown == "Hakusanat: " + ", ".join(method.keywords)
    script = (real_site / "assets" / "search" / "index.js").read_text(encoding="utf-8")
    index = json.loads(script.removeprefix("window.__vermeSearchIndex=").removesuffix(";\n"))
    page = [path for path, _ in index["pages"]].index("menetelmat/aikajana/index.html")
    entries = [doc for doc in index["docs"] if doc[0] == page]
    assert entries[0][4] == ", ".join(method.keywords)
    printed = soup_of(real_site, "koko-kasikirja")
    assert not printed.select(".md-tags")


def test_print_view_holds_every_page_while_the_navigation_keeps_to_overviews(real_site, catalogue):
    printed = soup_of(real_site, "koko-kasikirja")
    sections = {section.get("id") for section in printed.select("#verme-print section.verme-print-page")}
    for kind, prefix in (
        ("methods", "menetelmat"),
        ("sessions", "tapaamispohjat"),
        ("terms", "kasitteet"),
        ("seminars", "mentorikoulutus"),
        ("sources", "lahteet"),
        ("support", "varhainen-tuki"),
    ):
        assert {f"{prefix}-{i}" for i in catalogue.records[kind]} <= sections, kind
    assert {"menetelmat", "menetelmat-vaihe-aloitus", "index"} <= sections
    assert "suunnittelija" not in sections
    nav_links = len(soup_of(real_site, ".").select("nav.md-nav--primary a"))
    assert len(printed.select("nav.md-nav--primary a")) <= nav_links < 40
