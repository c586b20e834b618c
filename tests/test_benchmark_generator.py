"""The benchmark's parts stay working: its synthetic curriculum validates, and its plain-Markdown twin builds.

No timings here: the figures live in BENCHMARKS.md, written by `python -m benchmarks`.
"""

from __future__ import annotations

import filecmp

from benchmarks.generate import counts_for, generate, term_word
from benchmarks.measure import build, site_size
from benchmarks.projects import OUR_PLUGINS, _entry_name, make_pair, read_config
from macros.load import load_catalogue
from macros.site import build_site

from .conftest import ROOT


def test_generated_curriculum_validates_with_every_kind_and_cross_reference(tmp_path):
    generated = generate(tmp_path / "curriculum", 10)
    catalogue = load_catalogue(tmp_path / "curriculum")
    assert catalogue.count() == generated.counts == counts_for(10)
    assert all(count >= 1 for count in catalogue.count().values())
    site = build_site(tmp_path / "curriculum")
    assert site.users_of("methods", "method-1", "methods")  # related methods point back
    opening = catalogue.sessions["session-1"].blocks[0].method
    assert ("sessions", "session-1") in site.backlinks[("methods", opening)]
    assert any(site.term_uses.values())


def test_generation_is_deterministic(tmp_path):
    generate(tmp_path / "a", 10)
    generate(tmp_path / "b", 10)
    comparison = filecmp.dircmp(tmp_path / "a", tmp_path / "b")
    assert not comparison.diff_files and all(not sub.diff_files for sub in comparison.subdirs.values())


def test_counts_grow_with_the_methods():
    small, large = counts_for(100), counts_for(2000)
    assert large["methods"] == 20 * small["methods"]
    assert large["sessions"] == 20 * small["sessions"] == 500


def test_baseline_has_our_pages_as_plain_markdown_and_builds(tmp_path):
    generate(tmp_path / "curriculum", 10)
    pair = make_pair(tmp_path, tmp_path / "curriculum")
    plugins = [_entry_name(entry) for entry in read_config(pair.baseline / "mkdocs.yml")["plugins"]]
    ours = [_entry_name(entry) for entry in read_config(ROOT / "mkdocs.yml")["plugins"]]
    assert plugins == [name for name in ours if name not in OUR_PLUGINS]
    method = (pair.baseline / "docs" / "menetelmat" / "method-1.md").read_text(encoding="utf-8")
    front, body = method.split("\n---\n\n", 1)
    assert front.startswith("---\ntags:")  # the search keywords our plugin gives the page
    assert body.startswith("# ") and "render_macros" not in method
    abbr = next(entry for entry in read_config(pair.baseline / "mkdocs.yml")["markdown_extensions"] if _entry_name(entry) == "abbr")
    assert term_word(0) in abbr["abbr"]["glossary"]  # the glossary our plugin gives the abbr extension
    catalogue_page = (pair.baseline / "docs" / "menetelmat" / "index.md").read_text(encoding="utf-8")
    assert "{{" not in catalogue_page and "method-1" in catalogue_page
    run = build(pair.baseline, tmp_path / "baseline-site")
    assert run.seconds > 0 and run.peak_mb > 0
    assert (tmp_path / "baseline-site" / "menetelmat" / "method-1" / "index.html").is_file()
    assert site_size(tmp_path / "baseline-site").search_index_bytes > 0
