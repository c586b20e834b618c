"""The shipped curriculum: every kind the content issue asks for, sound timings, and no personal data."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import re
from pathlib import Path

import pytest
import yaml

from macros.load import load_catalogue

from .conftest import ROOT, SMALL, write_curriculum

KERTOI = {
    "esine-tai-kuva-tarinan-lahteena", "oma-piirros", "patsastekniikka", "roolinvaihto", "valmis-tarina",
    "varikortit", "aikajana", "sosiaalinen-atomi", "elamankaari", "sosiodraama", "toiminnalliset-tyopajat",
    "paivakirja", "kirje-itselle",
}
OTHER_METHODS = {
    "vatupassi-keskustelu", "odotusten-kartoitus", "pelisaannot", "palautekierros", "digitaalinen-ideaseina",
    "vahvuuskartoitus", "arvostava-keskustelu", "valiarviointi",
}
SESSIONS = {
    "ensimmainen-tapaaminen", "teematapaaminen-lahi", "teematapaaminen-eta", "valiarviointi-tapaaminen",
    "paatostapaaminen", "vatupassi-keskustelu-tapaaminen", "keva-tyopajapaiva",
}
SOURCE_DOCUMENTS = {
    "keva-aktiivinen-tuki-2016", "etana-enemman-vertaispienryhmat", "etana-enemman-hanke",
    "blogi-yhteisollisyys-2023", "samk-esimiesten-vertaistuki-2016",
}
CONCEPT_AUTHORS = ["Laaksonen", "Juuti", "Latostenmaa", "Onnismaa", "Tynjälä", "Wenger", "Tillman"]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "curriculum")


def test_methods_include_every_kertoi_technique_and_the_other_sources_methods(catalogue):
    methods = catalogue.methods
    assert KERTOI <= set(methods) and OTHER_METHODS <= set(methods)
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
    assert SESSIONS <= set(catalogue.sessions)
    assert len(catalogue.principles) >= 8
    assert len(catalogue.terms) >= 18
    assert len(catalogue.comparisons) >= 2
    assert len(catalogue.support) >= 1 and any(s.proactive and s.reactive and s.questions for s in catalogue.support.values())
    assert len(catalogue.themes) >= 9
    assert SOURCE_DOCUMENTS <= set(catalogue.sources)


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
    from macros.views import session_schedule
    from macros.site import build_site

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
    for first, last in zip(words, words[1:]):
        yield hashlib.sha256(f"{first} {last}".lower().encode()).hexdigest()


def _site_text(site: Path):
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".json", ".xml", ".js") and path.is_file() and "assets/javascripts" not in path.as_posix():
            yield path, path.read_text(encoding="utf-8", errors="replace")


def test_no_private_names_in_the_curriculum_or_the_site(real_site):
    hashes = _private_name_hashes()
    assert len(hashes) >= 40
    texts = [(p, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "curriculum").rglob("*.yml"))]
    for path, text in [*texts, *_site_text(real_site)]:
        found = hashes.intersection(_name_pairs(text))
        assert not found, f"a private person's name in {path}"


def test_no_email_addresses_but_the_configured_contact(real_site):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
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

PROVENANCE_SEMINAR = (SMALL / "seminars" / "seminaari-1.yml").read_text(encoding="utf-8") + """\
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
PROVENANCE_ONLY_NAMED = (SMALL / "sources" / "lahde.yml").read_text(encoding="utf-8") + "names_only: [methods/aikajana, methods/puuttuu]\n"
PROVENANCE_METHOD = (SMALL / "methods" / "aikajana.yml").read_text(encoding="utf-8") + """\
source_says:
  - source: lahde
    fields: [name, steps]
"""
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
    write_curriculum(tmp_path, {
        "seminars/seminaari-1.yml": PROVENANCE_SEMINAR,
        "sources/lahde.yml": PROVENANCE_ONLY_NAMED,
        "methods/aikajana.yml": PROVENANCE_METHOD,
    })
    result = subprocess.run([sys.executable, "-m", "macros", "check", "curriculum"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
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
