"""The offline bundle: one command builds the file:// variant with Material's offline plugin, checks it and
packs a zip for a shared drive; opened from disk in Chromium, pages, search and the planner work and
nothing is requested from any server."""

from __future__ import annotations

import hashlib
import re
import zipfile

import pytest

from macros.publish import BUNDLE_FOLDER, offline_bundle

from .conftest import ROOT
from .intranet import PLANNER, RequestLog

# Every test here builds a site (or runs a script that does).
pytestmark = pytest.mark.site

VENDOR = ROOT / "docs" / "assets" / "vendor" / "iframe-worker"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    work = tmp_path_factory.mktemp("offline")
    archive = work / "verme-kasikirja.zip"
    assert offline_bundle(ROOT, archive) == []
    with zipfile.ZipFile(archive) as packed:
        packed.extractall(work / "purettu")
    return archive, work / "purettu" / BUNDLE_FOLDER


@pytest.fixture
def disk_page(browser, bundle):
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page, RequestLog(context, "file"), bundle[1].as_uri() + "/"
    context.close()


def test_the_zip_holds_one_folder_with_the_whole_site(bundle):
    archive, _site = bundle
    with zipfile.ZipFile(archive) as packed:
        names = packed.namelist()
    assert all(name.startswith(f"{BUNDLE_FOLDER}/") for name in names)
    for needed in (
        "index.html",
        "menetelmat/aikajana.html",
        "suunnittelija/index.html",
        "assets/search/index.js",
        "assets/planner/index.json",
        "assets/vendor/iframe-worker/shim.js",
        "assets/vendor/iframe-worker/LICENSE",
    ):
        assert f"{BUNDLE_FOLDER}/{needed}" in names, needed
    # About 2 MB today; a bundle many times that would no longer suit a shared drive or e-mail.
    assert 500_000 < archive.stat().st_size < 8_000_000


def test_pages_link_to_files_and_load_the_local_polyfill(bundle):
    _, site = bundle
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<script src="assets/vendor/iframe-worker/shim.js"></script>' in home
    assert 'href="menetelmat/index.html"' in home
    pages = sorted(site.rglob("*.html"))
    assert [page.name for page in pages if "unpkg" in page.read_text(encoding="utf-8")] == []
    assert (
        (site / "assets" / "search" / "index.js").read_text(encoding="utf-8").startswith("window.__vermeSearchIndex={")
    )


def test_the_vendored_shim_is_the_recorded_npm_file():
    recorded = re.search(r"shim\.js sha256: ([0-9a-f]{64})", (VENDOR / "SOURCE.txt").read_text(encoding="utf-8")).group(
        1
    )
    assert hashlib.sha256((VENDOR / "shim.js").read_bytes()).hexdigest() == recorded
    assert "Permission is hereby granted" in (VENDOR / "LICENSE").read_text(encoding="utf-8")


def test_a_page_opens_from_disk_and_its_links_work(disk_page):
    page, log, root = disk_page
    page.goto(root + "index.html")
    page.locator(".md-nav--primary a", has_text="Menetelmät").first.click()
    page.wait_for_load_state()
    assert page.url == root + "menetelmat/index.html"
    page.locator("article a", has_text="Aikajana").first.click()
    page.wait_for_load_state()
    assert page.url == root + "menetelmat/aikajana.html"
    assert page.locator("h1").inner_text().startswith("Aikajana")
    assert log.outside() == []


def test_search_works_from_disk(disk_page):
    page, log, root = disk_page
    page.goto(root + "menetelmat/index.html")
    page.locator("#verme-search-input").click()
    page.locator("#verme-search-input").press_sequentially("aikajana")
    first = page.locator("#verme-search-results > [role=option]").first
    first.wait_for()
    first.click()
    page.wait_for_load_state()
    assert page.url.startswith(root + "menetelmat/aikajana.html")
    assert f"{root}assets/search/index.js" in log.urls
    assert f"{root}assets/vendor/iframe-worker/shim.js" in log.urls
    assert log.outside() == []


def test_the_planner_works_from_disk(disk_page):
    page, log, root = disk_page
    page.goto(root + PLANNER + "index.html")
    page.wait_for_selector("#vp-app:not([hidden])")
    page.wait_for_selector("#vp-results li")
    page.locator("#vp-results > li").first.get_by_role("button", name="Lisää").click()
    page.wait_for_selector("#vp-blocks > li")
    link = page.locator("#vp-results > li a").first.evaluate("a => a.href")
    assert link.startswith(root) and link.endswith(".html")
    assert log.outside() == []
