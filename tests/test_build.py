"""The real MkDocs build: strict, generated pages with their content, escaping, and the same errors as `check`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from macros.planner_index import INDEX_VERSION

from .conftest import ROOT, make_project, mkdocs_build, write_curriculum


def article_text(site, page: str) -> str:
    soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    return soup.find("article").get_text(" ", strip=True)


def test_every_record_gets_a_page_with_its_content(small_site):
    text = article_text(small_site, "menetelmat/aikajana")
    assert "Osallistuja piirtää janalle työuransa käänteet." in text
    assert "Ohjeistus (5 min)" in text
    assert "Testilähde – Esimerkkiorganisaatio, 18.5.2016" in text
    for page in (
        "menetelmat/kuulumiskierros",
        "mentorikoulutus/seminaari-1",
        "kriisi-ja-etajohtaminen/luottamus",
        "tapaamispohjat/teematapaaminen",
        "ryhmaprosessit/verme",
        "kasitteet/verme",
        "periaatteet/vapaaehtoisuus",
        "lahteet/lahde",
        "menetelmat/vaihe/aloitus",
        "menetelmat/perhe/kertoi",
    ):
        assert (small_site / page / "index.html").is_file(), page


def test_session_page_shows_computed_clock_times(small_site):
    text = article_text(small_site, "tapaamispohjat/teematapaaminen")
    for row in (
        "13.00–13.18 18 min Kuulumiskierros",
        "13.18–14.03 45 min Aikajana",
        "14.20–15.05 45 min Sosiodraama",
        "15.05–15.17 12 min Palautekierros",
    ):
        assert row in text


def test_back_links_are_computed_from_the_data(small_site):
    text = article_text(small_site, "menetelmat/aikajana")
    assert "Mentorikoulutuksen seminaarit: I Orientoiva seminaari" in text
    assert "Tapaamispohjat: Teematapaaminen" in text


def test_yaml_html_and_jinja_come_out_literally(small_site):
    html = (small_site / "menetelmat" / "sosiodraama" / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;rooleissa&lt;/b&gt; {{ config }} {% raw %}" in html
    assert "<b>rooleissa</b>" not in html


def test_record_pages_stay_out_of_the_navigation(small_site):
    nav = BeautifulSoup((small_site / "index.html").read_text(encoding="utf-8"), "html.parser").select_one(
        "nav.md-nav--primary"
    )
    hrefs = [a["href"] for a in nav.find_all("a", href=True)]
    assert not any("aikajana" in href for href in hrefs)


def test_planner_index_is_written(small_site):
    index = json.loads((small_site / "assets" / "planner" / "index.json").read_text(encoding="utf-8"))
    assert index["version"] == INDEX_VERSION
    aikajana = next(m for m in index["methods"] if m["id"] == "aikajana")
    assert aikajana["duration"] == [30, 60] and aikajana["url"] == "menetelmat/aikajana/"
    assert [s["id"] for s in index["sessions"]] == ["teematapaaminen"]


@pytest.mark.site
def test_build_fails_with_the_same_report_as_check(tmp_path):
    curriculum = write_curriculum(tmp_path, {"methods/aikajana.yml": "name: [\n"})
    check = subprocess.run(
        [sys.executable, "-m", "macros", "check", str(curriculum)], capture_output=True, text=True, cwd=tmp_path
    )
    project = make_project(tmp_path, curriculum)
    build = mkdocs_build(project)
    assert check.returncode == 1 and build.returncode != 0
    report = check.stderr.strip()
    assert report.startswith("curriculum/methods/aikajana.yml:2:1: invalid YAML")
    assert report in build.stderr
    assert not (project / "site" / "index.html").exists()


def test_check_prints_a_summary_and_exits_zero(tmp_path):
    curriculum = write_curriculum(tmp_path)
    check = subprocess.run([sys.executable, "-m", "macros", "check", str(curriculum)], capture_output=True, text=True)
    assert check.returncode == 0
    assert check.stdout.startswith("OK: 11 records (1 sources, 1 terms, 1 principles, 4 methods, 1 sessions,")


@pytest.mark.site
def test_a_macro_error_fails_the_strict_build(tmp_path):
    project = make_project(tmp_path)
    (project / "docs" / "index.md").write_text("# Etusivu\n\n{{ no_such_macro() }}\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "no_such_macro" in result.stderr


@pytest.mark.site
def test_a_broken_link_fails_the_strict_build(tmp_path):
    project = make_project(tmp_path)
    (project / "docs" / "index.md").write_text("# Etusivu\n\n[rikki](ei-ole.md)\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "ei-ole.md" in result.stderr


def test_committed_json_schemas_are_current(tmp_path):
    subprocess.run([sys.executable, "-m", "macros", "schema", str(tmp_path)], check=True, capture_output=True, cwd=ROOT)
    for fresh in sorted(tmp_path.glob("*.schema.json")):
        committed = ROOT / "schema" / fresh.name
        assert committed.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
            f"run: python -m macros schema ({fresh.name})"
        )
    method = json.loads((tmp_path / "method.schema.json").read_text(encoding="utf-8"))
    assert "name" in method["required"] and "id" not in method["properties"]


@pytest.mark.site
def test_a_hostile_record_name_stays_text_in_title_and_heading(tmp_path):
    hostile = "</title><script>alert(1)</script> &lt;i&gt;"
    original = (ROOT / "tests/fixtures/small/methods/sosiodraama.yml").read_text(encoding="utf-8")
    curriculum = write_curriculum(
        tmp_path, {"methods/sosiodraama.yml": original.replace("name: Sosiodraama", f"name: '{hostile}'")}
    )
    project = make_project(tmp_path, curriculum)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "menetelmat" / "sosiodraama" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.title.string.startswith(hostile)
    assert soup.find("h1").get_text().startswith(hostile)
    assert "<script>alert(1)</script>" not in page
    # The whole-handbook page writes the name again, in its table of contents and in the method's section.
    printed = (project / "site" / "koko-kasikirja" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(printed, "html.parser")
    assert soup.select_one(".verme-print-toc a[href='#menetelmat-sosiodraama']").get_text() == hostile
    assert soup.select_one("#menetelmat-sosiodraama h1").get_text().startswith(hostile)
    assert "<script>alert(1)</script>" not in printed
