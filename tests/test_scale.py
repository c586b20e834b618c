"""The shortcuts that keep a large build linear give exactly the answers of the plain way.

The loader's quick parse must build the data SafeLoader builds (or hand the file to the careful path),
and the term index must find every use the per-term search finds, whatever the letters' case.
"""

from __future__ import annotations

import re
import re._casefix
from pathlib import Path

import pytest
import yaml

from macros.load import SafeLoader, _quick_data
from macros.models import Catalogue, Principle, Term
from macros.site import _UNUSUAL_CASE, _strings, _term_uses

from .conftest import ROOT, SMALL

TRICKY_YAML = {
    "plain": "name: Aikajana\nsteps:\n  - title: Ohje\n    minutes: 5\n",
    "numbers-and-dates": "year: 2016\nratio: 1.5\nflag: yes\nwhen: 2016-05-18\nnothing: ~\nclock: 13.00\n",
    "quoted": "start: \"9.15\"\nname: 'Kierros'\nblock: >-\n  kaksi\n  riviä\n",
    "explicit-str": "year: !!str 2016\n",
    "anchor-alias": "a: &x [1, 2]\nb: *x\n",
    "merge-key": "base: &b {min: 1, max: 2}\nrange:\n  <<: *b\n  max: 3\n",
    "repeated-key": "name: A\nname: B\n",
    "number-key": "1: yksi\n",
    "bool-key": "on: true\n",
    "set-tag": "s: !!set {a, b}\n",
    "omap-tag": "o: !!omap [a: 1, b: 2]\n",
    "custom-tag": "x: !vaarallinen 1\n",
    "python-tag": "x: !!python/object:os.system ls\n",
    "top-level-list": "- a\n- b\n",
    "top-level-text": "pelkkä teksti\n",
    "document-marker-only": "---\n",
    "two-documents": "a: 1\n---\nb: 2\n",
    "syntax-error": "a: [1, 2\n",
    "tab-indent": "a:\n\t- 1\n",
    "complex-key": "? [a, b]\n: c\n",
}


def careful_data(text: str):
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 (a SafeLoader subclass)


@pytest.mark.parametrize("name", sorted(TRICKY_YAML))
def test_quick_parse_gives_safe_loaders_data_or_steps_aside(name):
    text = TRICKY_YAML[name]
    quick = _quick_data(text)
    if quick is None:
        return  # the careful path, unchanged, handles this file
    assert quick == careful_data(text)
    assert isinstance(quick, dict)


def test_quick_parse_steps_aside_for_what_only_the_careful_path_reports():
    for name in (
        "repeated-key",
        "merge-key",
        "set-tag",
        "custom-tag",
        "python-tag",
        "two-documents",
        "syntax-error",
        "tab-indent",
        "complex-key",
        "top-level-list",
        "number-key",
        "bool-key",
    ):
        assert _quick_data(TRICKY_YAML[name]) is None, name


def test_quick_parse_reads_every_shipped_record_like_safe_loader():
    files = sorted((ROOT / "curriculum").rglob("*.yml")) + sorted(SMALL.rglob("*.yml"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _quick_data(text) == careful_data(text), path


def test_unusual_case_class_covers_every_letter_ignorecase_folds_beyond_lower():
    letters = {chr(c) for key, values in re._casefix._EXTRA_CASES.items() for c in (key, *values)}
    letters -= {"i", "s"}  # plain letters; their odd partners (ı, ſ) are in the class
    letters.add("\u0130")
    missing = sorted(c for c in letters if not _UNUSUAL_CASE.match(c))
    assert missing == []


def _plain_term_uses(catalogue: Catalogue) -> dict:
    """The obvious, quadratic definition: every term's pattern against every record."""
    uses = {}
    for term_id, term in catalogue.terms.items():
        forms = [term.term, *term.forms, *([term.abbreviation] if term.abbreviation else [])]
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.IGNORECASE)
        uses[term_id] = [
            (kind, record_id)
            for kind, records in catalogue.records.items()
            if kind not in ("terms", "sources")
            for record_id, record in records.items()
            if pattern.search(" ".join(_strings(record.model_dump())))
        ]
    return uses


TERMS = {
    "verme": ("Vertaisryhmämentorointi", ["Verme", "Vermessä"], "VRM"),
    "tyonohjaus": ("työnohjaus", ["työnohjauksessa"], None),
    "psyk": ("psykologinen turvallisuus", ["psykologisen turvallisuuden"], None),
    "istanbul": ("İstanbul-malli", [], None),
    "sigma": ("ΣΟΦΙΑ", [], None),
    "kelvin": ("Kapasiteetti", [], None),
    "merkki": ("#aihetunniste", ["(sulkeissa)"], None),
}
TEXTS = [
    "Ryhmä käy VERMEssä ja vermessä säännöllisesti.",
    "Työnohjauksessa pohditaan psykologisen  turvallisuuden rajoja.",
    "Psykologisen turvallisuuden kokemus vahvistuu.",
    "istanbul-malli ja ıstanbul-malli ovat kirjoitusasuja.",
    "Kreikaksi σοφια tai σοφιας.",
    "\u212aapasiteetti kirjoitettuna kelvin-merkillä.",
    "Tunniste #aihetunniste ja (sulkeissa) oleva teksti.",
    "vrm on lyhenne, verme-ryhmä yhdyssana.",
    "Tässä ei ole yhtään käsitettä.",
]


def test_term_index_finds_exactly_the_uses_the_plain_search_finds():
    catalogue = Catalogue()
    for term_id, (term, forms, abbreviation) in TERMS.items():
        catalogue.terms[term_id] = Term(
            id=term_id, term=term, forms=forms, abbreviation=abbreviation, definition="Määritelmä."
        )
    for index, text in enumerate(TEXTS, start=1):
        record_id = f"periaate-{index}"
        catalogue.principles[record_id] = Principle(
            id=record_id, title=f"Periaate {index}", order=index, summary=text, in_practice=["Käytännössä."]
        )
    found = _term_uses(catalogue)
    assert found == _plain_term_uses(catalogue)
    assert found["verme"] == [("principles", "periaate-1"), ("principles", "periaate-8")]
    assert found["istanbul"] == [("principles", "periaate-4")]
    assert found["kelvin"] == [("principles", "periaate-6")]


def test_site_is_checked_once_per_build_and_reloaded_after_an_edit(tmp_path):
    from macros.cache import begin_build, cached_site, end_build, start_build

    from .conftest import write_curriculum

    curriculum = write_curriculum(tmp_path)
    first = begin_build(curriculum)
    method = curriculum / "methods" / "aikajana.yml"
    method.write_text(
        method.read_text(encoding="utf-8").replace("name: Aikajana", "name: Aikajana uusi"), encoding="utf-8"
    )
    try:
        assert cached_site(curriculum) is first  # within one build the files are not statted again
    finally:
        end_build()
    second = cached_site(curriculum)
    assert second is not first
    assert second.catalogue.methods["aikajana"].name == "Aikajana uusi"
    assert begin_build(curriculum) is second
    end_build()
    # A build whose plan was kept loads the curriculum at its first macro: checked then, trusted after.
    start_build()
    try:
        third = cached_site(curriculum)
        method.write_text(method.read_text(encoding="utf-8").replace("Aikajana uusi", "Aikajana 3"), encoding="utf-8")
        assert cached_site(curriculum) is third is second
    finally:
        end_build()
    assert cached_site(curriculum).catalogue.methods["aikajana"].name == "Aikajana 3"


GLOSSARY = {
    "Verme": "Vertaisryhmämentorointi: ryhmässä mentorointi.",
    "Vermessä": "Vertaisryhmämentorointi: …",
    "verme": "pieni kirjain",
    "KerToi": "Kerronnallinen ja toiminnallinen työote.",
    "Ker": "lyhyt etuliite",
    "työnohjaus": "Työnohjaus: ammatillinen ohjaus.",
    "työnohjauksessa": "Työnohjaus: …",
    "C++": "merkkejä",
    "psykologinen turvallisuus": "kaksi sanaa",
    "psykologinen": "yksi sana",
}


def test_glossary_trie_matches_exactly_what_the_abbr_alternation_matches():
    import random

    from macros.glossary_pattern import trie_pattern

    forms = sorted(GLOSSARY, key=len, reverse=True)
    alternation = re.compile(rf"\b(?:{'|'.join(re.escape(form) for form in forms)})\b")
    trie = re.compile(rf"\b(?:{trie_pattern(forms)})\b")
    rng = random.Random(7)
    pieces = [*GLOSSARY, "ja", "Vermeä", "KerToi-työ", "Kerto", "turvallisuus", "C+", "ö", " ", ".", "-"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "n", "-", ", "]) for _ in range(12))
        assert [(m.span(), m.group()) for m in trie.finditer(text)] == [
            (m.span(), m.group()) for m in alternation.finditer(text)
        ], text


def test_glossary_extension_renders_what_abbr_alone_renders(monkeypatch):
    import markdown

    from macros import glossary_pattern
    from macros.glossary_pattern import GlossaryPatternExtension

    # The same matches as abbr's own pass; the first-use rule (tested in test_handbook_units) set aside.
    monkeypatch.setattr(glossary_pattern, "keep_first_uses", lambda root: None)

    text = (
        "Verme ja Vermessä, KerToi-työ ja työnohjauksessa opittu psykologinen turvallisuus.\n\n"
        "*[HTML]: Hypertext Markup Language\n\nHTML ja C++ sekä verme.\n\n# Verme otsikossa\n"
    )
    extension = GlossaryPatternExtension()
    configs = {"abbr": {"glossary": GLOSSARY}}
    plain = markdown.markdown(text, extensions=["abbr"], extension_configs=configs)
    for _ in range(2):  # the second page reuses the compiled pattern
        assert markdown.markdown(text, extensions=["abbr", extension], extension_configs=configs) == plain
    assert plain.count("<abbr") == 8  # C++ ends in no word boundary, as in abbr itself


def _reference_md_text(value) -> str:
    """md_text as first written: one regex per paragraph, split on every kind of line break."""
    import html

    text = html.escape(str(value), quote=False)
    paragraphs = [" ".join(line.strip() for line in part.splitlines()) for part in re.split(r"\n\s*\n", text)]
    return "\n\n".join(re.sub(r"([\\`*_{}\[\]()#+\-.!|])", r"\\\1", part) for part in paragraphs if part)


def test_md_text_fast_path_escapes_exactly_as_the_reference():
    import random

    from macros.views import md_text

    rng = random.Random(3)
    alphabet = "ab äÖ<>&\"'\\`*_{}[]()#+-.!|\n\r\t\x0b\x0c\x1c\x1f\x85\u2028\u00a0{%}"
    samples = ["", " ", "Aikajana", "  sisennys", "1. kohta", "a\n\nb", 12, 1.5, None]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 30))) for _ in range(3000)]
    for sample in samples:
        assert md_text(sample) == _reference_md_text(sample), repr(sample)


def test_titles_come_from_the_first_field_each_kind_has():
    from macros.load import load_catalogue
    from macros.site import title_of

    catalogue = load_catalogue(SMALL)
    assert title_of(catalogue.seminars["seminaari-1"]) == "I Orientoiva seminaari"
    assert title_of(catalogue.methods["aikajana"]) == "Aikajana"
    assert title_of(catalogue.terms["verme"]) == "Vertaisryhmämentorointi"
    assert title_of(catalogue.sources["lahde"]) == "Testilähde"


def _render_counting_compiles(templates: Path, cache, compiled: list) -> str:
    """Render page.html from `templates` in a new Jinja environment using `cache`; compiles go to `compiled`."""
    from jinja2 import Environment, FileSystemLoader

    class Counting(Environment):
        def _compile(self, source, filename):
            compiled.append(filename)
            return super()._compile(source, filename)

    env = Counting(loader=FileSystemLoader(str(templates)), auto_reload=False)
    env.bytecode_cache = cache
    return env.get_template("page.html").render(title="Otsikko")


def test_theme_templates_compile_once_and_again_only_after_an_edit(tmp_path):
    from macros.cache import _SharedBytecodeCache

    (tmp_path / "page.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    cache = _SharedBytecodeCache()
    compiled: list[str] = []

    def render() -> str:
        return _render_counting_compiles(tmp_path, cache, compiled)

    assert render() == render() == "<p>Otsikko</p>"
    assert len(compiled) == 1  # the second environment reused the code
    (tmp_path / "page.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    assert render() == "<h1>Otsikko</h1>" and len(compiled) == 2


def test_compiled_templates_kept_on_disk_serve_the_next_build_until_the_source_changes(tmp_path):
    from macros.cache import _SharedBytecodeCache

    templates, folder = tmp_path / "templates", tmp_path / ".cache" / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    compiled: list[str] = []

    def render_in_a_new_process() -> str:
        cache = _SharedBytecodeCache()  # nothing in memory, as in a fresh `mkdocs build`
        cache.use_folder(folder)
        return _render_counting_compiles(templates, cache, compiled)

    assert render_in_a_new_process() == "<p>Otsikko</p>" and len(compiled) == 1
    assert any(folder.iterdir())
    assert render_in_a_new_process() == "<p>Otsikko</p>" and len(compiled) == 1
    (templates / "page.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    assert render_in_a_new_process() == "<h1>Otsikko</h1>" and len(compiled) == 2


def test_file_names_in_reports_are_the_same_when_folders_are_resolved_once(tmp_path):
    from macros.load import _Relative, relative

    from .conftest import write_curriculum

    curriculum = write_curriculum(tmp_path)
    (curriculum / "methods" / "linkki.yml").symlink_to(curriculum / "methods" / "aikajana.yml")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "ulkona.yml").write_text("name: x\n", encoding="utf-8")
    (curriculum / "terms" / "ulkona.yml").symlink_to(tmp_path / "elsewhere" / "ulkona.yml")
    shown = _Relative(curriculum)
    paths = sorted(curriculum.rglob("*.yml"))
    assert [shown(path) for path in paths] == [relative(path, curriculum) for path in paths]
    assert "curriculum/methods/aikajana.yml" in [shown(path) for path in paths]
