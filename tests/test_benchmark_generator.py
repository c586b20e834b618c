"""The benchmark's parts stay working: its synthetic curriculum validates, and its plain-Markdown twin builds.

No timings here: the figures live in BENCHMARKS.md, written by `python -m benchmarks`.
"""

from __future__ import annotations

import filecmp

import pytest

from benchmarks.generate import counts_for, generate, term_word
from benchmarks.measure import build, cold_build, site_size
from benchmarks.projects import OUR_PLUGINS, _entry_name, make_ours, make_pair, read_config
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


@pytest.mark.site
def test_baseline_has_our_pages_as_plain_markdown_and_builds(tmp_path):
    generate(tmp_path / "curriculum", 10)
    pair = make_pair(tmp_path, tmp_path / "curriculum")
    plugins = [_entry_name(entry) for entry in read_config(pair.baseline / "mkdocs.yml")["plugins"]]
    ours = [_entry_name(entry) for entry in read_config(ROOT / "mkdocs.yml")["plugins"]]
    assert plugins == [name for name in ours if name not in OUR_PLUGINS]
    method = (pair.baseline / "docs" / "menetelmat" / "method-1.md").read_text(encoding="utf-8")
    # No front matter: our plugin gives a record page none (search reads the keywords from the page).
    assert method.startswith("# ") and "render_macros" not in method
    abbr = next(
        entry
        for entry in read_config(pair.baseline / "mkdocs.yml")["markdown_extensions"]
        if _entry_name(entry) == "abbr"
    )
    assert term_word(0) in abbr["abbr"]["glossary"]  # the glossary our plugin gives the abbr extension
    catalogue_page = (pair.baseline / "docs" / "menetelmat" / "index.md").read_text(encoding="utf-8")
    assert "{{" not in catalogue_page and "method-1" in catalogue_page
    run = build(pair.baseline, tmp_path / "baseline-site")
    assert run.seconds > 0 and run.peak_mb > 0
    assert (tmp_path / "baseline-site" / "menetelmat" / "method-1" / "index.html").is_file()
    # The search index is our plugin's work too (macros/search_index.py; mkdocs.yml has no search plugin).
    assert site_size(tmp_path / "baseline-site").search_index_bytes == 0
    # The whole-handbook page is our plugin's work: the baseline goes without it.
    assert not list(pair.baseline.joinpath("docs").glob("koko-kasikirja*"))
    assert not (tmp_path / "baseline-site" / "koko-kasikirja").exists()


@pytest.mark.site
def test_a_cold_build_of_ours_starts_without_compiled_templates(tmp_path):
    generate(tmp_path / "curriculum", 10)
    ours = make_ours(tmp_path / "ours", tmp_path / "curriculum")
    cache = ours / ".cache" / "plugin" / "verme" / "templates"
    build(ours, tmp_path / "site")
    kept = sorted(cache.iterdir())
    assert kept  # compiled theme and record templates, for the next build
    marker = cache / "left-by-an-earlier-build"
    marker.write_bytes(b"")
    cold_build(ours, tmp_path / "site")
    assert not marker.exists() and sorted(cache.iterdir()) == kept
    assert (tmp_path / "site" / "koko-kasikirja" / "index.html").is_file()


def test_serve_target_is_judged_on_plain_mkdocs_serve():
    from benchmarks.measure import Run, Runs, SiteSize
    from benchmarks.report import SizeResult, _target_rows
    from benchmarks.serve import ServeResult

    runs = Runs([Run(1.0, 50.0, 1.0)])
    size = SiteSize(1000, 10, 500, 100, 200)
    shipped = SizeResult("julkaistu", 24, 126, runs, runs, size, size, 0, runs, ours_cold=Run(1.2, 50.0, 1.2))
    shipped.serve = [ServeResult(False, [1.8, 1.7, 1.9]), ServeResult(True, [1.1, 1.2, 1.0])]
    rows = _target_rows([shipped])
    serve = next(row for row in rows if "mkdocs serve" in row)
    assert serve.endswith("| **ei** |") and "oletus: mediaani 1,80 s" in serve
    overhead = next(row for row in rows if "pelkän Markdownin" in row)
    assert "ilman välimuistia 1,20 ×" in overhead
