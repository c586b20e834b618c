"""The search index's build side: Voikko's base forms and compound parts, the page extracts, the cache
between builds, and hostile text kept as data."""

from __future__ import annotations

import json

import pytest

from macros.finnish import Analyser
from macros.search_index import GLOBAL, build_index, extract_page, index_script, write_search_index

PAGE = """<!doctype html><html lang="fi"><head><title>Aikajana - Verme-käsikirja</title></head><body>
<nav>Valikko ei kuulu hakuun</nav>
<article class="md-content__inner md-typeset">
<h1 id="aikajana">Aikajana<a class="headerlink" href="#aikajana" title="Linkki">&para;</a></h1>
<p>Osallistujat piirtävät <abbr title="Selitys ei kuulu hakuun">janan</abbr> vertaistukiryhmässä.</p>
<h2 id="kulku">Kulku<a class="headerlink" href="#kulku">&para;</a></h2>
<ol><li><strong>Ohjeistus</strong> (5 min).</li><li>Parikeskustelu</li></ol>
<script>ei tätäkään</script>
<h3 id="etana">Etänä</h3><p>Digitaalinen taulu &amp; kynä</p>
<p class="verme-keywords">Hakusanat: jana, työura</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def analyser():
    voikko = Analyser()
    yield voikko
    voikko.close()


def test_voikko_gives_base_forms_of_inflected_words(analyser):
    assert analyser.terms("luottamuksesta")[0] == ["luottamus"]
    assert "jana" in analyser.terms("janalla")[0]
    assert "sosiodraama" in analyser.terms("sosiodraamassa")[0]


def test_compounds_get_their_parts(analyser):
    bases, parts = analyser.terms("vertaistukiryhmässä")
    assert bases == ["vertaistukiryhmä"]
    assert parts == ["vertaistuki", "ryhmä"]
    assert analyser.terms("työhyvinvointi")[1] == ["työ", "hyvinvointi"]


def test_words_voikko_lacks_get_a_stem_and_a_known_first_part(analyser):
    # Voikko has no "mentori": every form gets the same Snowball stem.
    stems = {tuple(analyser.terms(form)[0]) for form in ("mentorin", "mentorit", "mentoreille")}
    assert stems == {("mentor",)}
    _bases, parts = analyser.terms("vertaisryhmämentorointi")
    assert "vertaisryhmä" in parts and "mentorointi" in parts


def test_hyphenated_words_are_analysed_whole_and_by_part(analyser):
    _bases, parts = analyser.terms("vatupassi-keskustelussa")
    assert {"vatupassi", "keskustelu"} <= set(parts)


def test_a_page_gives_its_title_sections_with_anchors_and_keywords():
    page = extract_page(PAGE)
    assert page["title"] == "Aikajana"
    assert page["keywords"] == "jana, työura"
    assert [(anchor, heading) for anchor, heading, _ in page["sections"]] == [
        ("aikajana", "Aikajana"),
        ("kulku", "Kulku"),
        ("etana", "Etänä"),
    ]
    first, steps, remote = (text for _, _, text in page["sections"])
    assert first == "Osallistujat piirtävät janan vertaistukiryhmässä."
    assert steps == "Ohjeistus (5 min). Parikeskustelu"
    assert remote == "Digitaalinen taulu & kynä"
    assert "Selitys" not in json.dumps(page) and "tätäkään" not in json.dumps(page) and "¶" not in json.dumps(page)


def test_the_whole_handbook_page_and_pages_without_an_article_are_left_out():
    assert extract_page('<html><article><div id="verme-print"><h1>Koko</h1></div></article></html>') is None
    assert extract_page("<html><body>Ei artikkelia</body></html>") is None


def test_a_rebuild_analyses_only_new_words_and_parses_only_changed_pages(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(PAGE, encoding="utf-8")
    first = build_index(site, cache)
    stored = json.loads((cache / "analyses.json").read_text(encoding="utf-8"))["terms"]
    assert "vertaistukiryhmässä" in stored
    # The same analyses, from the cache: a changed cache entry shows in the next index.
    stored["osallistujat"] = [["keksitty"], []]
    data = json.loads((cache / "analyses.json").read_text(encoding="utf-8"))
    data["terms"] = stored
    (cache / "analyses.json").write_text(json.dumps(data), encoding="utf-8")
    second = build_index(site, cache)
    assert second["forms"]["osallistujat"] == "keksitty"
    assert first["docs"] == second["docs"]
    assert second["forms"]["vertaistukiryhmässä"] == "vertaistukiryhmä|vertaistuki ryhmä"


def test_a_broken_cache_is_rebuilt_not_trusted(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(PAGE, encoding="utf-8")
    cache.mkdir()
    (cache / "analyses.json").write_text("{ei jsonia", encoding="utf-8")
    (cache / "pages.json").write_text("[]", encoding="utf-8")
    index = build_index(site, cache)
    assert index["forms"]["janan"] == "jana"


def test_hostile_text_stays_data_in_the_index_script(tmp_path):
    hostile = PAGE.replace("Digitaalinen taulu", "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
    (tmp_path / "index.html").write_text(hostile, encoding="utf-8")
    written = write_search_index(tmp_path)
    script = written.read_text(encoding="utf-8")
    assert "</script>" not in script
    assert script.startswith(f"window.{GLOBAL}=")
    data = json.loads(script.removeprefix(f"window.{GLOBAL}=").removesuffix(";\n"))
    assert any("</script><script>alert(1)</script>" in doc[3] for doc in data["docs"])
    assert index_script({"x": "</"}) == f'window.{GLOBAL}={{"x":"<\\/"}};\n'
