"""The shipped curriculum: every kind the content issue asks for, sound timings, and no personal data."""

from __future__ import annotations

import hashlib
import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.load import load_catalogue

from .conftest import ROOT, SMALL, write_curriculum

KERTOI = {
    "esine-tai-kuva-tarinan-lahteena",
    "oma-piirros",
    "patsastekniikka",
    "roolinvaihto",
    "valmis-tarina",
    "varikortit",
    "aikajana",
    "sosiaalinen-atomi",
    "elamankaari",
    "sosiodraama",
    "toiminnalliset-tyopajat",
    "paivakirja",
    "kirje-itselle",
}
OTHER_METHODS = {
    "vatupassi-keskustelu",
    "odotusten-kartoitus",
    "pelisaannot",
    "palautekierros",
    "digitaalinen-ideaseina",
    "vahvuuskartoitus",
    "arvostava-keskustelu",
    "valiarviointi",
}
SESSIONS = {
    "ensimmainen-tapaaminen",
    "teematapaaminen-lahi",
    "teematapaaminen-eta",
    "valiarviointi-tapaaminen",
    "paatostapaaminen",
    "vatupassi-keskustelu-tapaaminen",
    "keva-tyopajapaiva",
}
SOURCE_DOCUMENTS = {
    "keva-aktiivinen-tuki-2016",
    "etana-enemman-vertaispienryhmat",
    "etana-enemman-hanke",
    "blogi-yhteisollisyys-2023",
    "samk-esimiesten-vertaistuki-2016",
}
CONCEPT_AUTHORS = ["Laaksonen", "Juuti", "Latostenmaa", "Onnismaa", "Tynjälä", "Wenger", "Tillman"]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "curriculum")


def test_methods_include_every_kertoi_technique_and_the_other_sources_methods(catalogue):
    methods = catalogue.methods
    assert set(methods) >= KERTOI and set(methods) >= OTHER_METHODS
    assert len(methods) >= 22
    assert {m for m in KERTOI if methods[m].family == "KerToi"} == KERTOI


def test_every_method_is_complete_and_its_steps_fit_its_duration(catalogue):
    for method_id, method in catalogue.methods.items():
        total = sum(step.minutes for step in method.steps)
        assert method.duration.min <= total <= method.duration.max, method_id
        assert method.materials or method.preparation, method_id
        assert method.tips and method.remote_notes and method.sources, method_id


def test_strong_methods_say_what_the_facilitator_does(catalogue):
    for method_id in ("sosiodraama", "patsastekniikka", "roolinvaihto"):
        method = catalogue.methods[method_id]
        assert method.intensity in ("keskitaso", "korkea")
        assert method.safety and len(method.safety) > 200, method_id


def test_counts_of_every_kind(catalogue):
    assert sorted(s.number for s in catalogue.seminars.values()) == sorted(["I", "II", "III", "IV", "V"])
    assert sorted(m.order for m in catalogue.modules.values()) == [1, 2, 3, 4, 5, 6, 7]
    assert {"verme", "etana-enemman-pienryhmat", "hyria", "tyohyvinvointivalmennus"} <= set(catalogue.processes)
    assert set(catalogue.sessions) >= SESSIONS
    assert len(catalogue.principles) >= 8
    assert len(catalogue.terms) >= 18
    assert len(catalogue.comparisons) >= 2
    assert len(catalogue.support) >= 1 and any(
        s.proactive and s.reactive and s.questions for s in catalogue.support.values()
    )
    assert len(catalogue.themes) >= 9
    assert set(catalogue.sources) >= SOURCE_DOCUMENTS


def test_sources_include_the_concept_references(catalogue):
    literature = [s for s in catalogue.sources.values() if s.kind == "kirjallisuus"]
    for author in CONCEPT_AUTHORS:
        assert any(any(author in a for a in s.authors) for s in literature), author


def test_every_record_cites_a_source(catalogue):
    for kind, records in catalogue.records.items():
        if kind == "sources":
            continue
        for record_id, record in records.items():
            assert record.sources, f"{kind}/{record_id}"


def test_keva_day_keeps_the_programme_times(catalogue):
    from macros.site import build_site
    from macros.views import session_schedule

    site = build_site(ROOT / "curriculum")
    timed = session_schedule(site, site.catalogue.sessions["keva-tyopajapaiva"])
    starts = [row["timed"].start for row in timed["rows"]]
    assert starts[0] == 9 * 60 + 15 and timed["finish"] == 15 * 60
    assert 11 * 60 + 30 in starts  # lunch


def _private_name_hashes() -> set[str]:
    lines = (ROOT / "tests" / "private_names.sha256").read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def _name_pairs(text: str):
    words = re.findall(r"[A-Za-zÅÄÖåäö-]+", text)
    for first, last in itertools.pairwise(words):
        yield hashlib.sha256(f"{first} {last}".lower().encode()).hexdigest()


def _site_text(site: Path):
    for path in sorted(site.rglob("*")):
        if (
            path.suffix in (".html", ".json", ".xml", ".js")
            and path.is_file()
            and "assets/javascripts" not in path.as_posix()
        ):
            yield path, path.read_text(encoding="utf-8", errors="replace")


def test_no_private_names_in_the_curriculum_or_the_site(real_site):
    hashes = _private_name_hashes()
    assert len(hashes) >= 40
    texts = [(p, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "curriculum").rglob("*.yml"))]
    for path, text in [*texts, *_site_text(real_site)]:
        found = hashes.intersection(_name_pairs(text))
        assert not found, f"a private person's name in {path}"


def test_no_email_addresses_but_the_configured_contact(real_site):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)  # noqa: S506 (a SafeLoader subclass)
    allowed = set(EMAIL.findall(yaml.safe_dump(config.get("extra", {}))))
    for path in sorted((ROOT / "curriculum").rglob("*.yml")):
        assert not EMAIL.findall(path.read_text(encoding="utf-8")), path
    for path, text in _site_text(real_site):
        stray = set(EMAIL.findall(text)) - allowed
        assert not stray, f"{path}: {stray}"


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml may use !ENV or !relative tags; read them as plain values."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


# ---------------------------------------------------------------- provenance: what the source says, what the handbook suggests

PROVENANCE_SEMINAR = (
    (SMALL / "seminars" / "seminaari-1.yml").read_text(encoding="utf-8")
    + """\
source_says:
  - source: lahde
    slides: 22–39
    fields: [goal, themes, contents]
  - source: toinen
    fields:
      - methds
      - themes[3]
handbook_suggests: [contents, dates]
"""
)
PROVENANCE_ONLY_NAMED = (SMALL / "sources" / "lahde.yml").read_text(
    encoding="utf-8"
) + "names_only: [methods/aikajana, methods/puuttuu]\n"
PROVENANCE_METHOD = (
    (SMALL / "methods" / "aikajana.yml").read_text(encoding="utf-8")
    + """\
source_says:
  - source: lahde
    fields: [name, steps]
"""
)
PROVENANCE_REPORT = """\
curriculum/methods/aikajana.yml:28:20: source_says[0].fields[1]: 'lahde' only names this record (see its names_only), so 'steps' cannot be its statement: move 'steps' to handbook_suggests
curriculum/seminars/seminaari-1.yml:14:13: source_says[1].source: expected one of this record's sources (lahde), received 'toinen': add it to sources or cite one of those
curriculum/seminars/seminaari-1.yml:16:9: source_says[1].fields[0]: unknown field 'methds': did you mean 'methods'?
curriculum/seminars/seminaari-1.yml:17:9: source_says[1].fields[1]: expected an index from 0 to 0 ('themes' has 1 item; the first is themes[0]), received 3
curriculum/seminars/seminaari-1.yml:18:21: handbook_suggests[0]: 'contents' is listed as the handbook's suggestion and cited as a source statement at source_says[0].fields[2]: keep it in one list, in handbook_suggests if the handbook wrote it
curriculum/seminars/seminaari-1.yml:18:31: handbook_suggests[1]: expected a field with content, received 'dates', which this record leaves empty: fill it in or remove 'dates'
curriculum/sources/lahde.yml:7:32: names_only[1]: expected a record as folder/id, like 'methods/aikajana', received 'methods/puuttuu', which does not exist: correct or remove it
7 errors in the curriculum.
"""


def test_check_refuses_a_suggestion_cited_as_a_source_statement(tmp_path):
    write_curriculum(
        tmp_path,
        {
            "seminars/seminaari-1.yml": PROVENANCE_SEMINAR,
            "sources/lahde.yml": PROVENANCE_ONLY_NAMED,
            "methods/aikajana.yml": PROVENANCE_METHOD,
        },
    )
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check", "curriculum"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == PROVENANCE_REPORT


def test_the_shipped_curriculum_marks_what_its_sources_only_name(catalogue):
    keva = catalogue.sources["keva-aktiivinen-tuki-2016"]
    # The Keva deck lists the thirteen KerToi techniques by name only (item 7 of issue 14).
    assert {f"methods/{m}" for m in KERTOI} <= set(keva.names_only)
    for method_id in KERTOI:
        method = catalogue.methods[method_id]
        cited = {path for entry in method.source_says if entry.source == keva.id for path in entry.fields}
        assert cited <= {"name", "family"}, method_id
        assert "steps" in method.handbook_suggests, method_id


# ---------------------------------------------------------------- issue 14: each erratum has a check that fails on the old text

DOCS = ROOT / "docs"


def _docs_text(relative: str) -> str:
    return " ".join((DOCS / relative).read_text(encoding="utf-8").split())


def _all_text() -> list[tuple[Path, str]]:
    paths = [*sorted((ROOT / "curriculum").rglob("*.yml")), *sorted(DOCS.rglob("*.md"))]
    return [(path, " ".join(path.read_text(encoding="utf-8").split())) for path in paths]


@pytest.fixture(scope="module")
def site():
    from macros.site import build_site

    return build_site(ROOT / "curriculum")


def _page(site, kind: str, record_id: str) -> str:
    from macros.views import render_record

    return render_record(site, kind, record_id)


def _said(record) -> set[str]:
    return {path for entry in record.source_says for path in entry.fields}


def test_1_the_peer_group_is_six_to_eight_colleagues_and_the_mentor_of_the_same_field(catalogue):
    for path, text in _all_text():
        assert "6–8 saman alan" not in text, path
    assert "saman ammattialan osaaja" in _docs_text("index.md")
    assert "monialaisia ryhmiä" in _docs_text("vertaisryhmamentorointi/index.md")
    assert "saman ammattialan osaaja" in catalogue.terms["verme"].definition


def test_2_the_handbook_names_the_organisations_instead_of_many(catalogue):
    for path, text in _all_text():
        assert "monissa organisaatioissa" not in text, path
    text = _docs_text("vertaisryhmamentorointi/index.md")
    for fact in ("Oulun kaupungin sivistys- ja kulttuuripalvelut", "Hyria Koulutus", "Opelix", "2013–2014", "TAMK"):
        assert fact in text, fact


def test_3_seminar_contents_titles_and_methods_are_marked_as_the_handbooks(catalogue, site):
    seminars = {s.number: s for s in catalogue.seminars.values()}
    for number in ("I", "II", "IV", "V"):
        assert "contents" in seminars[number].handbook_suggests, number
    for number in ("II", "IV", "V"):
        assert "title" in seminars[number].handbook_suggests, number
    assert "avaimena" in seminars["IV"].title and "perustana" not in seminars["IV"].title
    for seminar in catalogue.seminars.values():
        page = _page(site, "seminars", seminar.id)
        assert "Seminaarissa käytettävät menetelmät" not in page
        assert "methods" not in _said(seminar) or seminar.number == "III"


def test_4_module_pages_say_what_is_the_programmes_and_when_it_ran(catalogue):
    for module in catalogue.modules.values():
        assert {"goal", "themes", "questions"} <= set(module.handbook_suggests), module.id
        assert not {"goal", "themes", "questions"} & _said(module), module.id
    text = _docs_text("kriisi-ja-etajohtaminen/index.md")
    for fact in ("6/2020–6/2021", "TAMK", "KT Kuntatyönantajat", "(STM)", "Euroopan sosiaalirahaston"):
        assert fact in text, fact


def test_5_confidentiality_is_not_said_to_be_in_every_source(catalogue):
    summary = catalogue.principles["luottamuksellisuus"].summary
    assert "kaikissa lähteissä" not in summary
    assert "luottamuksen rakentamisesta" in summary


def test_6_discussion_topics_say_where_each_came_from():
    text = _docs_text("keskusteluaiheet/index.md")
    assert "ovat pitäneet hyödyllisinä" not in text
    assert "rehtoreille tehdystä kyselystä" in text and "valmentaja toi ne" in text


def test_8_the_pirkanmaa_figures_the_source_page_promises_are_in_the_handbook(catalogue):
    assert "osallistujamäärät" in catalogue.sources["etana-enemman-hanke"].used_for
    text = _docs_text("kriisi-ja-etajohtaminen/index.md")
    for figure in ("84 esihenkilöä", "54 työntekijää", "kuusi ryhmää", "yhdeksän valmennuskertaa", "(n=13)"):
        assert figure in text, figure


def test_9_literature_has_no_invented_titles(catalogue):
    titles = [s.title for s in catalogue.sources.values() if s.title]
    assert len(titles) == len(set(titles))
    for source in catalogue.sources.values():
        assert "teoksen nimeä" not in (source.title or ""), source.id
    assert catalogue.sources["tillman-2003"].title is None and catalogue.sources["heikkinen-2008"].title is None


# The tool's own sub-questions (Evira's VatuPassi, Keva workshop 18.5.2016), as published.
VATUPASSI = {
    "Tiedänkö?": [
        "Mitkä ovat työn tavoitteet ja mitkä asiat sen tekemisestä tukevat?",
        "Onko tehtäviin tulossa muutoksia?",
        "Mikä työssäni on epäselvää tai hämmentää?",
    ],
    "Osaanko?": [
        "Miten hyvin osaan tehtäväni?",
        "Mitä osaamista tarvitsen lisää?",
        "Mikä on jo hallussa?",
        "Mistä voisin luopua?",
        "Mitä uutta voisin opetella?",
        "Mitä osaamista minulla on?",
    ],
    "Kykenenkö?": [
        "Mikä työssä sujuu?",
        "Mikä tuntuu vaikealta ja raskaalta?",
        "Miten huolehdin jaksamisestani / työkyvystäni?",
        "Miten esimieheni voi sitä tukea?",
        "Mitä keinoja minulla on palautumiseen?",
        "Mitä keinoja voisin lisätä / kokeilla?",
    ],
    "Haluanko?": [
        "Mikä minua työssäni motivoi?",
        "Miten itse vaikutan työhöni?",
        "Miten itse vaikutan työyhteisössä?",
        "Innostaako työni tällä hetkellä minua?",
        "Kuinka voisin löytää uusia haasteita tai innostumisen kohteita?",
        "Millaisissa tilanteissa haluan palautetta, yhteistä keskustelua tai tukea?",
    ],
}


def test_10_vatupassi_keeps_every_sub_question_verbatim_and_its_wording(catalogue):
    method = catalogue.methods["vatupassi-keskustelu"]
    sections = {section.heading: section.lines for section in method.tool_text.sections}
    for heading, questions in VATUPASSI.items():
        assert [line for line in sections[heading] if line.endswith("?")] == questions, heading
    steps = " ".join(step.description for step in method.steps)
    assert "toimintatavat" in steps and "pelisäännöt" not in steps
    assert "keinoja palautumiseen" in steps and "innostaako työ" in steps
    assert "tool_text" in _said(method)


def test_11_the_keva_day_says_its_group_size_is_the_handbooks_example(catalogue, site):
    session = catalogue.sessions["keva-tyopajapaiva"]
    assert "group_size" in session.handbook_suggests
    assert "20 hengen ryhmä on käsikirjan esimerkki" in " ".join(session.purpose.split())
    assert "20 henkeä *(Käsikirjan ehdotus)*" in _page(site, "sessions", session.id)


def test_12_no_template_has_everyone_tell_a_prepared_story_in_one_block(catalogue):
    story = catalogue.methods["valmis-tarina"]
    for session in catalogue.sessions.values():
        for block in session.blocks:
            if getattr(block, "method", None) == "valmis-tarina":
                minutes = block.minutes or story.duration.max
                assert minutes < 2 * story.duration.min, session.id
                assert not (block.notes or "").startswith("Jokainen"), session.id


# Titles quoted as published keep the older word; so do the SAMK term and its forms and the tool's own text.
AS_PUBLISHED = (
    "Aktiivinen tuki esimiestyön välineenä",
    "Työhyvinvointijohtaminen osana esimiestyötä",
    "Vertaispienryhmäohjausta sote-alan esimiehille",
    "Esimiesten vertaistuki",
    "Työsuojeluosaaminen esimiestaitona",
    "Esimiesten HR-lainsäädäntö ja sopimukset",
    "Mitä välineitä HR voi tarjota esimiestyön tueksi",
)
OLD_WORD = re.compile(r"(?<![\w-])(?:sote-|lähi)?[Ee]simie(?!sfoorumi)\w*")


def _content_strings(value, key=""):
    if key in ("keywords", "forms", "names_only", "tool_text"):
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _content_strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _content_strings(v, key)


def test_13_esihenkilo_is_the_handbooks_word_and_esimies_a_synonym(catalogue):
    for kind, records in catalogue.records.items():
        for record_id, record in records.items():
            if (kind, record_id) == ("terms", "esihenkilo"):
                continue  # the glossary entry explains the two words
            for text in _content_strings(record.model_dump()):
                if kind == "sources" and text == record.title:
                    continue
                for title in AS_PUBLISHED:
                    text = text.replace(title, "")
                assert not OLD_WORD.findall(text), (kind, record_id, OLD_WORD.findall(text))
    for path in sorted(DOCS.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        for title in AS_PUBLISHED:
            text = text.replace(title, "")
        assert not OLD_WORD.findall(text), path
    term = catalogue.terms["esihenkilo"]
    assert "esimies" in term.forms and "esimies" in term.keywords


def test_every_record_page_marks_what_is_the_sources_and_what_the_handbooks(catalogue, site):
    page = _page(site, "methods", "aikajana")
    assert "Lähteen mukaan: [Keva 18\\.5\\.2016](../lahteet/keva-aktiivinen-tuki-2016.md), diat 22–39" in page
    assert "## Kulku\n\n\nKäsikirjan ehdotus\n{: .verme-provenance .verme-provenance--suggestion }" in page
    for kind in ("methods", "seminars", "modules", "themes", "processes"):
        for record_id, record in catalogue.records[kind].items():
            assert record.source_says or record.handbook_suggests, f"{kind}/{record_id}"


# ---------------------------------------------------------------- Finnish order of every A–Ö list

FINNISH_ORDER = [
    "aikajana",
    "Ennalta mietitty kertomus",
    "Vahvuus",
    "Väliarviointi",
    "Watti",
    "Yö",
    "Zeta",
    "Åland",
    "Ääni",
    "Öljy",
]


def test_finnish_order_puts_a_ring_a_and_o_umlaut_after_z_and_keeps_v_and_w_apart():
    from macros.collation import finnish_sorted

    assert finnish_sorted(reversed(FINNISH_ORDER)) == FINNISH_ORDER
    assert finnish_sorted(["Wilma", "Vesi", "Watti", "Valmis"]) == ["Valmis", "Vesi", "Watti", "Wilma"]


@pytest.mark.parametrize("locale", ["C", "C.UTF-8", "en_US.UTF-8", "fi_FI.UTF-8"])
def test_finnish_order_does_not_depend_on_the_machines_locale(locale):
    script = f"from macros.collation import finnish_sorted; print('|'.join(finnish_sorted({list(reversed(FINNISH_ORDER))!r})))"
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": locale, "LANG": locale}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "|".join(FINNISH_ORDER), result.stderr


def test_catalogue_tables_and_lists_follow_finnish_order_of_titles(site):
    from macros.collation import finnish_key
    from macros.views import render_fragment, render_tag_page

    catalogue = render_fragment(site, "method_catalogue", "menetelmat/index.md")
    for table in catalogue.split("<table")[1:]:
        names = re.findall(r'data-label="Menetelmä" markdown="span">\[([^\]]+)\]', table)
        assert names and names == sorted(names, key=finnish_key), names
    reflection = catalogue.split("### Reflektio")[1].split("###")[0]
    assert reflection.index("Ennalta mietitty kertomus") < reflection.index("Väliarviointi")
    tag_page = render_tag_page(site, "phase", "reflektio")
    assert tag_page.index("Ennalta mietitty kertomus") < tag_page.index("Väliarviointi")
    glossary = re.findall(r"^\[([^\]]+)\]\(", render_fragment(site, "glossary", "kasitteet/index.md"), flags=re.M)
    assert len(glossary) == len(site.catalogue.terms) and glossary == sorted(glossary, key=finnish_key)
