"""Parity of the two engines: the shipped curriculum built by MkDocs (real_site) and by Zensical gives the
same handbook, page for page. Where the engines must differ, a test below names the difference (README,
'Two engines', lists the same). Also the engine-free plan and the post-build passes on their own."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from macros.build import Settings, page_file, page_url, plan, read_config, settings_from_config
from macros.postbuild import PASSES, run

from .conftest import ROOT, SMALL

# Files only one engine writes: each theme's own scripts and styles, search index and sitemap formats.
MKDOCS_ONLY = re.compile(
    r"^(search/search_index\.json|sitemap\.xml\.gz|assets/(javascripts|stylesheets)/(?!handbook|print|intranet)[^/]*(/.*)?)$"
)
ZENSICAL_ONLY = re.compile(r"^(search\.json|assets/(javascripts|stylesheets)/(?!handbook|print|intranet)[^/]*(/.*)?)$")


def files_of(site: Path, engine_only: re.Pattern) -> set[str]:
    return {
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and not engine_only.match(path.relative_to(site).as_posix())
    }


def article(site: Path, page: str) -> Tag:
    found = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").find("article")
    assert found is not None, page
    return found


def text_without_spaces(element) -> str:
    # Whitespace between elements differs (Zensical highlights code blocks in spans); the text may not.
    return re.sub(r"\s+", "", element.get_text())


# ---------------------------------------------------------------- the two sites


def test_both_engines_write_the_same_pages_and_files(real_site, zensical_site):
    mkdocs, zensical = files_of(real_site, MKDOCS_ONLY), files_of(zensical_site, ZENSICAL_ONLY)
    assert sorted(mkdocs - zensical) == [] and sorted(zensical - mkdocs) == []
    assert "menetelmat/aikajana/index.html" in mkdocs and "koko-kasikirja/index.html" in mkdocs


def test_each_page_has_the_same_heading_and_main_text(real_site, zensical_site):
    pages = sorted(page for page in files_of(real_site, MKDOCS_ONLY) if page.endswith(".html"))
    assert len(pages) > 150
    different = []
    for page in pages:
        ours, theirs = article(real_site, page), article(zensical_site, page)
        heading = [h.get_text() for h in ours.find_all("h1")], [h.get_text() for h in theirs.find_all("h1")]
        if heading[0] != heading[1] or text_without_spaces(ours) != text_without_spaces(theirs):
            different.append(page)
    assert different == []


def test_the_planner_index_and_offline_script_are_identical(real_site, zensical_site):
    for name in ("index.json", "offline.js"):
        mkdocs = (real_site / "assets" / "planner" / name).read_bytes()
        assert mkdocs == (zensical_site / "assets" / "planner" / name).read_bytes(), name


def test_the_whole_handbook_page_is_the_same(real_site, zensical_site):
    page = "koko-kasikirja/index.html"
    ours, theirs = article(real_site, page), article(zensical_site, page)
    sections = [[s["id"] for s in side.select("section.verme-print-page")] for side in (ours, theirs)]
    assert sections[0] == sections[1] and len(sections[0]) > 150
    contents = [[(a["href"], a.get_text()) for a in side.select(".verme-print-toc a")] for side in (ours, theirs)]
    assert contents[0] == contents[1]
    links = [[a["href"] for a in side.select("#verme-print a[href]")] for side in (ours, theirs)]
    assert links[0] == links[1]


def test_glossary_explanations_are_the_same(real_site, zensical_site):
    pages = sorted(page for page in files_of(real_site, MKDOCS_ONLY) if page.endswith(".html"))
    found = 0
    for page in pages:
        sides = [
            [
                (abbr.get("title"), abbr.get("tabindex"), abbr.get_text())
                for abbr in article(site, page).find_all("abbr")
            ]
            for site in (real_site, zensical_site)
        ]
        assert sides[0] == sides[1], page
        found += len(sides[0])
    assert found > 100


# ---------------------------------------------------------------- where the engines differ, by name


def test_both_engines_carry_the_handbooks_own_search(real_site, zensical_site):
    # Both sites search with the handbook's own index (macros/search_index.py, run by postbuild), built
    # from the finished pages: the same pages and text give the same index. Zensical also writes its own
    # search.json, which no page of ours reads. The whole-handbook page is left out of the index.
    ours = [site / "assets" / "search" / "index.js" for site in (real_site, zensical_site)]
    assert ours[0].read_bytes() == ours[1].read_bytes()
    assert "koko-kasikirja/" not in ours[0].read_text(encoding="utf-8")
    assert not (real_site / "search").exists()
    for site in (real_site, zensical_site):
        home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert home.select_one("#verme-search-input[aria-controls=verme-search-results]") is not None, site


def test_difference_code_blocks_are_highlighted_by_zensical(real_site, zensical_site):
    # Zensical always adds pymdownx.superfences (with highlighting); MkDocs writes plain <pre><code>.
    page = "yllapito/julkaiseminen/index.html"
    assert not article(real_site, page).select("div.highlight")
    assert article(zensical_site, page).select("div.highlight")
    assert text_without_spaces(article(real_site, page).find("pre")) == text_without_spaces(
        article(zensical_site, page).find("pre")
    )


def test_difference_zensical_puts_the_skip_target_in_the_article(real_site, zensical_site):
    # Zensical's template puts the skip link's target inside <article>; the passes leave it where it is.
    assert not article(real_site, "index.html").select("#__skip")
    assert article(zensical_site, "index.html").select("#__skip")


def test_zensical_writes_straight_into_the_site_and_keeps_our_caches(zensical_site):
    # No copy of the site: Zensical's config sits beside mkdocs.yml, so site/ is inside its project.
    project = zensical_site.parent
    assert not (project / "build" / "zensical" / "site").exists()
    # Zensical's own `clean` empties .cache/, where our analyses and pages are kept: the edge cleans site/ itself.
    for kept in ("search/analyses.json", "search/pages.json", "plan/plan.json"):
        assert (project / ".cache" / "plugin" / "verme" / kept).is_file(), kept


@pytest.mark.site
def test_zensical_builds_a_site_folder_outside_its_project(tmp_path):
    from .conftest import make_project, zensical_build

    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    outside = tmp_path / "elsewhere" / "site"
    result = zensical_build(project, outside)
    assert result.returncode == 0, result.stdout + result.stderr
    # Zensical writes only inside its project: the build folder's site is copied out, whole.
    assert (outside / "menetelmat" / "aikajana" / "index.html").is_file()
    assert (outside / "assets" / "search" / "index.js").is_file() and not (project / "site").exists()


# ---------------------------------------------------------------- the plan and the passes, without an engine


def shipped_settings() -> Settings:
    return settings_from_config(read_config(ROOT / "mkdocs.yml"), ROOT / "mkdocs.yml")


def test_plan_is_plain_data_and_the_same_twice():
    settings = shipped_settings()
    first, second = plan(SMALL, settings), plan(SMALL, settings)
    assert first.pages == second.pages and first.files == second.files and first.glossary == second.glossary
    assert "menetelmat/aikajana.md" in first.pages and "menetelmat/vaihe/aloitus.md" in first.pages
    assert first.print_page is not None and first.print_page.uri in first.pages
    assert "index.md" in first.documents and "menetelmat/aikajana.md" in first.documents
    assert settings.print_exclude == ("suunnittelija/",)


def test_plan_refuses_bad_settings_with_one_report(tmp_path):
    from macros.build import PlanError

    settings = shipped_settings()
    extra = {**settings.extra, "organisation": {**settings.extra["organisation"], "logo": {"src": "logo.svg"}}}
    with pytest.raises(PlanError) as raised:
        plan(SMALL, Settings(**{**settings.__dict__, "extra": extra}))
    assert str(raised.value).startswith(
        "The site settings have errors; nothing was built.\nmkdocs.yml: extra.organisation.logo.alt: expected the logo's text alternative"
    )


def test_plan_refuses_to_start_without_the_finnish_analyser(monkeypatch):
    import libvoikko

    from macros.build import PlanError

    def no_dictionary(language):
        raise OSError("libvoikko.so.1: cannot open shared object file")

    monkeypatch.setattr(libvoikko, "Voikko", no_dictionary)
    with pytest.raises(PlanError) as raised:
        plan(SMALL, shipped_settings())
    assert str(raised.value) == (
        "The search index needs Voikko; nothing was built.\nVoikko's Finnish dictionary is missing (Debian packages "
        "libvoikko1 and voikko-fi): run `bash scripts/setup.sh` (libvoikko.so.1: cannot open shared object file)"
    )


def test_page_addresses_follow_the_engines():
    assert page_url("index.md") == "" and page_url("menetelmat/index.md") == "menetelmat/"
    assert page_url("menetelmat/aikajana.md") == "menetelmat/aikajana/"
    assert page_url("menetelmat/aikajana.md", directory_urls=False) == "menetelmat/aikajana.html"
    assert page_file("site", "") == Path("site/index.html") and page_file("site", "a/b/") == Path("site/a/b/index.html")


def test_the_passes_run_again_without_changing_a_finished_site(small_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(small_site, site)
    before = {path: path.read_bytes() for path in site.rglob("*.html")}
    run(site, plan(SMALL, shipped_settings()))
    assert {path: path.read_bytes() for path in site.rglob("*.html")} == before
    assert [finish.__name__ for finish in PASSES] == ["whole_handbook"]


def test_difference_home_page_title(real_site, zensical_site):
    # Material titles the home page with the site name alone; Zensical puts the page's nav title first.
    def title(site: Path, page: str) -> str:
        return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").title.get_text()

    assert title(real_site, "index.html") == "Verme-käsikirja"
    assert title(zensical_site, "index.html") == "Etusivu - Verme-käsikirja"
    assert (
        title(real_site, "menetelmat/aikajana/index.html")
        == title(zensical_site, "menetelmat/aikajana/index.html")
        == "Aikajana - Verme-käsikirja"
    )


def test_the_plan_follows_a_site_without_directory_urls(monkeypatch):
    # Material's offline plugin turns directory URLs off after our on_config; the planner's links follow.
    the_plan = plan(SMALL, shipped_settings())
    offline = the_plan.with_directory_urls(False)
    assert '"url":"menetelmat/aikajana/"' in the_plan.files["assets/planner/index.json"]
    assert '"url":"menetelmat/aikajana.html"' in offline.files["assets/planner/index.json"]
    assert (
        offline.url_of("menetelmat/aikajana.md") == "menetelmat/aikajana.html"
        and the_plan.with_directory_urls(True) is the_plan
    )
    # Read as plain data (the Zensical edge), mkdocs.yml says so only through the offline plugin being on.
    monkeypatch.setenv("VERME_OFFLINE", "true")
    assert not shipped_settings().use_directory_urls


def test_the_plan_is_kept_until_the_curriculum_or_the_code_changes(tmp_path, monkeypatch):
    from macros import build, plan_cache

    curriculum = tmp_path / "curriculum"
    shutil.copytree(SMALL, curriculum)
    settings = Settings(**{**shipped_settings().__dict__, "cache_dir": tmp_path / "cache"})
    loads: list[Path] = []

    def counted(root):
        loads.append(root)
        return build.build_site(root)

    first = plan(curriculum, settings, load=counted)
    again = plan(curriculum, settings, load=counted)
    # Kept: the same plan, and the curriculum not loaded until something asks for it.
    assert (again.pages, again.files, again.glossary, again.print_page) == (
        first.pages,
        first.files,
        first.glossary,
        first.print_page,
    )
    assert len(loads) == 1 and again.site.catalogue.methods and len(loads) == 2
    method = curriculum / "methods" / "aikajana.yml"
    method.write_text(method.read_text(encoding="utf-8").replace("Aikajana", "Aikajanat", 1), encoding="utf-8")
    edited = plan(curriculum, settings, load=counted)
    assert len(loads) == 3 and "Aikajanat" in edited.pages["menetelmat/aikajana.md"]
    # A change to the package's code or templates, or to directory URLs, is a new key too.
    monkeypatch.setattr(plan_cache, "PACKAGE", tmp_path / "curriculum")
    plan(curriculum, settings, load=counted)
    assert len(loads) == 4
    plan(curriculum, Settings(**{**settings.__dict__, "use_directory_urls": False}), load=counted)
    assert len(loads) == 5


def test_a_broken_edit_after_a_kept_plan_is_still_reported(tmp_path):
    from macros.build import PlanError

    curriculum = tmp_path / "curriculum"
    shutil.copytree(SMALL, curriculum)
    settings = Settings(**{**shipped_settings().__dict__, "cache_dir": tmp_path / "cache"})
    plan(curriculum, settings)
    method = curriculum / "methods" / "aikajana.yml"
    method.write_text(method.read_text(encoding="utf-8").replace("name: Aikajana", "name: [", 1), encoding="utf-8")
    with pytest.raises(PlanError, match=r"nothing was built.\n.*methods/aikajana.yml:3:8: invalid YAML"):
        plan(curriculum, settings)


def test_the_passes_rewrite_only_the_whole_handbook_page(small_site, tmp_path):
    from macros.postbuild import WrittenPages

    site = tmp_path / "site"
    shutil.copytree(small_site, site)
    the_plan = plan(SMALL, shipped_settings())
    pages = WrittenPages(site, the_plan)
    pages.set_content("index.md", "<p>muutettu</p>")
    with pytest.raises(RuntimeError, match=r"A pass rewrote pages it may not: \['index.md'\]"):
        pages.flush(allowed={"koko-kasikirja.md"})


def test_the_search_job_analyses_the_sources_ahead_and_ends_without_a_site(tmp_path):
    import subprocess
    import sys

    from macros.finnish import Analyser

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Vertaisryhmässä\n\nLuottamuksesta puhutaan.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    job = subprocess.run(
        [sys.executable, "-m", "macros.search_index", "--cache", str(cache), "--sources", str(docs)],
        input="",
        capture_output=True,
        text=True,
        timeout=120,
    )
    # An empty stdin is a build that failed: no index, the analyses kept for the next build.
    assert job.returncode == 0 and job.stderr == ""
    assert not list(tmp_path.rglob("index.js"))
    analyser = Analyser(cache / "search" / "analyses.json")
    try:
        assert analyser.terms("vertaisryhmässä")[0] == ["vertaisryhmä"] and analyser.analysed == 0
    finally:
        analyser.close()


@pytest.mark.site
def test_zensical_serve_shows_a_saved_edit_after_one_rebuild(tmp_path):
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from .conftest import BUILD_ENV, make_project

    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "macros.zensical_edge",
            "serve",
            "--project",
            str(project),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        env={**BUILD_ENV, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def page_shows(text: str, path: str = "menetelmat/aikajana/") -> bool:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
                    if text in response.read().decode("utf-8"):
                        return True
            except OSError:
                pass
            time.sleep(0.1)
        return False

    try:
        assert page_shows("</html>") and page_shows("__vermeSearchIndex", "assets/search/index.js")
        method = project / "curriculum" / "methods" / "aikajana.yml"
        method.write_text(
            method.read_text(encoding="utf-8").replace("summary: ", "summary: Tallennusmuutos ", 1), encoding="utf-8"
        )
        assert page_shows("Tallennusmuutos")
        # The passes run after the rebuild: the search index knows the new word.
        assert page_shows("tallennusmuutos", "assets/search/index.js")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text(encoding="utf-8")
    # Zensical reloads (and renders every page again) when a file it watches changes; it watches neither
    # the curriculum nor the build folder, so an edit is one incremental rebuild.
    assert "Reloading" not in output, output
