"""Finnish search in real Chromium on the real built site: a reader's queries (inflected words, two-word
inflected phrases, compounds, one-letter typos) typed into the handbook's own search box; the page they
are after must be among the first three results. The same over HTTP, under a sub-path and from file://.
Also the combobox by keyboard alone, axe on the open result list in both palettes, and the payload
loading only when the reader starts to search."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .browser import serve
from .intranet import RequestLog

INFLECTED = [
    ("aikajanalla", "menetelmat/aikajana/"),
    ("sosiodraamassa", "menetelmat/sosiodraama/"),
    ("roolinvaihdossa", "menetelmat/roolinvaihto/"),
    ("päiväkirjaan", "menetelmat/paivakirja/"),
    ("värikorttien", "menetelmat/varikortit/"),
    ("prosessikonsultaatiossa", "menetelmat/prosessikonsultaatio/"),
    ("kotiryhmädialogissa", "menetelmat/kotiryhmadialogi/"),
    ("vahvuuskartoituksen", "menetelmat/vahvuuskartoitus/"),
    ("tasavertaisuudesta", "periaatteet/tasavertaisuus/"),
    ("vapaaehtoisuudesta", "periaatteet/vapaaehtoisuus/"),
    ("kunnioituksella", "periaatteet/kunnioitus/"),
    ("luottamuksellisuudesta", "periaatteet/luottamuksellisuus/"),
    ("työnohjauksesta", "kasitteet/tyonohjaus/"),
    ("tutoroinnissa", "kasitteet/tutorointi/"),
    ("narratiivisuudesta", "kasitteet/narratiivisuus/"),
    ("toimintatutkimuksessa", "kasitteet/toimintatutkimus/"),
    ("oppimiskumppanuudesta", "kasitteet/oppimiskumppanuus/"),
    ("päätöstapaamisessa", "tapaamispohjat/paatostapaaminen/"),
    ("palautekulttuurista", "keskusteluaiheet/palautekulttuuri/"),
    ("positiivisuutta", "keskusteluaiheet/positiivisuuden-lisaaminen/"),
    ("ideaseinällä", "menetelmat/digitaalinen-ideaseina/"),
]
PHRASES = [
    ("psykologisesta turvallisuudesta", "kasitteet/psykologinen-turvallisuus/"),
    ("arvostavassa keskustelussa", "menetelmat/arvostava-keskustelu/"),
    ("haastavissa johtamistilanteissa", "kriisi-ja-etajohtaminen/haastavat-johtamistilanteet/"),
    ("itsensä johtamisesta", "kriisi-ja-etajohtaminen/itsensa-johtaminen/"),
    ("odotusten kartoituksessa", "menetelmat/odotusten-kartoitus/"),
    ("varhaisesta tuesta työyhteisössä", "varhainen-tuki/varhainen-tuki/"),
    ("uuden opettajan", "keskusteluaiheet/uuden-opettajan-tyo/"),
    ("johdon tuesta", "periaatteet/johdon-tuki/"),
    ("sosiaalisella atomilla", "menetelmat/sosiaalinen-atomi/"),
    ("toiminnallisissa työpajoissa", "menetelmat/toiminnalliset-tyopajat/"),
    ("työssä jaksamisesta", "mentorikoulutus/seminaari-2/"),
]
COMPOUNDS = [
    ("vertaispienryhmissä", "kasitteet/vertaispienryhma/"),
    ("työhyvinvointivalmennuksessa", "ryhmaprosessit/tyohyvinvointivalmennus/"),
    ("etävertaistuesta", "kasitteet/etavertaistuki/"),
    ("käytäntöyhteisössä", "kasitteet/kaytantoyhteiso/"),
    ("esimiesfoorumissa", "kasitteet/esimiesfoorumi/"),
    ("sähköpostiohjeista", "keskusteluaiheet/viestinta-ja-sahkopostiohjeet/"),
    ("elämänkaaresta", "menetelmat/elamankaari/"),
    ("työsuojeluosaamisesta", "kriisi-ja-etajohtaminen/tyosuojeluosaaminen-esimiestaitona/"),
]
TYPOS = [
    ("patsastekniika", "menetelmat/patsastekniikka/"),
    ("kuulumiskiertos", "menetelmat/kuulumiskierros/"),
    ("prosesikonsultaatio", "menetelmat/prosessikonsultaatio/"),
    ("roolinvaihtto", "menetelmat/roolinvaihto/"),
    ("dialogisus", "kasitteet/dialogisuus/"),
    ("pelisäänöt", "menetelmat/pelisaannot/"),
    ("narratiivisus", "kasitteet/narratiivisuus/"),
]
QUERIES = INFLECTED + PHRASES + COMPOUNDS + TYPOS
BOX = "#verme-search-input"


def search(page, query: str) -> None:
    """Type the query as a reader would and wait until the results shown are this query's."""
    box = page.locator(BOX)
    box.click()
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_function(
        "q => document.getElementById('verme-search').dataset.query === q"
        " && document.getElementById('verme-search-status').textContent !== ''",
        arg=query,
    )


def top_pages(page, base_path: str, count: int = 3) -> list[str]:
    hrefs = page.locator("#verme-search-results > [role=option]").evaluate_all(
        "items => items.map(i => i.dataset.href)"
    )
    pages = [urlsplit(href).path.removeprefix(base_path).removesuffix("index.html") for href in hrefs]
    # From file:// (no directory URLs) a page is a file: menetelmat/aikajana.html → menetelmat/aikajana/.
    pages = [p.removesuffix(".html") + "/" if p.endswith(".html") else p for p in pages]
    return list(dict.fromkeys(pages))[:count]


def hit_rate(page, base_path: str) -> tuple[float, dict[str, list[str]]]:
    misses = {}
    for query, expected in QUERIES:
        search(page, query)
        top = top_pages(page, base_path)
        if expected not in top:
            misses[query] = top
    return 1 - len(misses) / len(QUERIES), misses


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url)
    yield page, urlsplit(site_url).path
    context.close()


def test_the_query_set_has_every_kind_of_query():
    assert len(QUERIES) >= 40
    assert len({query for query, _ in QUERIES}) == len(QUERIES)
    assert len(PHRASES) >= 8 and all(" " in query for query, _ in PHRASES)
    assert len(COMPOUNDS) >= 6 and len(TYPOS) >= 6
    assert all(len(query) >= 5 for query, _ in TYPOS)


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[query for query, _ in QUERIES])
def test_query_finds_the_page_among_the_first_three(search_page, query, expected):
    page, base_path = search_page
    search(page, query)
    top = top_pages(page, base_path)
    assert expected in top, f"{query!r}: first results {top}"


def test_a_query_with_no_match_says_so_in_finnish(search_page):
    page, _ = search_page
    search(page, "xyzzyq")
    assert page.locator("#verme-search-status").inner_text() == "Ei osumia haulla ”xyzzyq”."
    assert page.locator("#verme-search-results > li").count() == 0


def test_results_show_title_section_and_the_inflected_words_highlighted(search_page):
    page, _ = search_page
    search(page, "luottamuksesta")
    results = page.locator("#verme-search-results > [role=option]")
    assert results.first.locator(".verme-search__title").inner_text()
    marks = {text.lower() for text in results.locator("mark").all_inner_texts()}
    # The reader typed the elative; the pages also say luottamus, luottamuksen, luottamusta …
    assert marks and all(mark.startswith("luottamu") for mark in marks)
    assert marks - {"luottamuksesta"}
    sections = page.locator("#verme-search-results .verme-search__section").all_inner_texts()
    assert sections and all(sections)


def test_exact_and_base_form_matches_rank_above_typos(search_page):
    page, base_path = search_page
    # "janat" is one edit from "jana": the page on janat (aikajana) must come before pages only one edit away.
    search(page, "aikajana")
    assert top_pages(page, base_path, 1) == ["menetelmat/aikajana/"]


def test_the_payload_loads_only_when_the_reader_starts_to_search(browser, site_url):
    context = browser.new_context(locale="fi-FI")
    log = RequestLog(context, site_url.rstrip("/"))
    page = context.new_page()
    page.goto(site_url + "menetelmat/")
    page.wait_for_load_state("networkidle")
    loaded = [url for url in log.urls if "/assets/search/" in url]
    assert f"{site_url}assets/search/search.js" in loaded
    assert not [url for url in loaded if url.endswith(("index.js", "minisearch.js"))]
    page.locator(BOX).focus()
    page.wait_for_function("() => window.__vermeSearchIndex && window.MiniSearch")
    assert f"{site_url}assets/search/index.js" in log.urls
    assert f"{site_url}assets/search/vendor/minisearch/minisearch.js" in log.urls
    assert log.outside() == []
    context.close()


def test_the_combobox_works_with_the_keyboard_alone(browser, site_url):
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "periaatteet/")
    box = page.locator(BOX)
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-controls") == "verme-search-results"
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "verme-search-input"
    page.keyboard.type("sosiodraamassa")
    page.wait_for_function("document.getElementById('verme-search').dataset.query === 'sosiodraamassa'")
    assert box.get_attribute("aria-expanded") == "true"
    assert page.locator("#verme-search-status").get_attribute("role") == "status"
    assert page.locator("#verme-search-status").inner_text().endswith(("osumaa.", "osuma.", "näkyvissä."))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active == "verme-search-option-1"
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowUp")
    active = box.get_attribute("aria-activedescendant")
    assert active == "verme-search-option-0"
    href = page.locator(f"#{active}").get_attribute("data-href")
    page.keyboard.press("Enter")
    page.wait_for_url(href)
    assert page.locator("h1").first.inner_text().startswith("Sosiodraama")
    # "s" focuses the box too; Escape closes the list, a second Escape empties the box.
    page.keyboard.press("s")
    assert page.evaluate("document.activeElement.id") == "verme-search-input"
    page.keyboard.type("pelisäännöt")
    page.wait_for_function("document.getElementById('verme-search').dataset.query === 'pelisäännöt'")
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Escape")
    assert box.input_value() == ""
    context.close()


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_no_violations_in_the_open_result_list(browser, site_url, palette):
    from .intranet import axe_context, axe_violations, switch_to_dark

    context = axe_context(browser)
    page = context.new_page()
    page.goto(site_url)
    if palette == "dark":
        switch_to_dark(page)
    search(page, "vertaistuesta")
    page.keyboard.press("ArrowDown")
    assert page.locator("#verme-search-results > [role=option]").count() >= 3
    assert axe_violations(page) == []
    context.close()


def test_the_query_set_finds_its_pages_under_a_sub_path(browser, real_site):
    with serve(real_site, "/intranet/verme/") as url:
        context = browser.new_context(locale="fi-FI")
        log = RequestLog(context, url.rstrip("/"))
        page = context.new_page()
        page.goto(url + "menetelmat/")
        rate, misses = hit_rate(page, "/intranet/verme/")
        assert rate >= 0.95, misses
        assert all(
            href.startswith(url)
            for href in page.locator("#verme-search-results > li").evaluate_all("i => i.map(x => x.dataset.href)")
        )
        context.close()
    assert log.failed == []


def test_the_query_set_finds_its_pages_from_disk(browser, tmp_path_factory):
    from macros.publish import build

    from .conftest import ROOT

    site = tmp_path_factory.mktemp("offline-search") / "site"
    result = build(ROOT, site, offline=True)
    assert result.returncode == 0, result.stderr
    root = site.as_uri() + "/"
    context = browser.new_context(locale="fi-FI")
    log = RequestLog(context, "file")
    page = context.new_page()
    page.goto(root + "menetelmat/index.html")
    rate, misses = hit_rate(page, urlsplit(root).path)
    assert rate >= 0.95, misses
    href = page.locator("#verme-search-results > li").first.get_attribute("data-href")
    assert href.startswith(root) and href.split("#")[0].endswith(".html")
    context.close()
    assert log.outside() == []


def test_the_query_set_finds_its_pages_on_the_zensical_site(browser, zensical_site):
    # The same search, index and page text under the second engine (README, 'Two engines').
    with serve(zensical_site) as url:
        context = browser.new_context(locale="fi-FI")
        log = RequestLog(context, url.rstrip("/"))
        page = context.new_page()
        page.goto(url + "menetelmat/")
        rate, misses = hit_rate(page, "/")
        assert rate >= 0.95, misses
        context.close()
    assert log.failed == []
