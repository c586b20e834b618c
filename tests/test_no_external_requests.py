"""The site loads nothing from another host: no fonts, CDN scripts, unpkg polyfills or analytics.

Two ways: every src/href of a loading element and every CSS url()/@import in the build, and Chromium
recording every request while it opens every page, the search and the planner.
"""

from __future__ import annotations

from macros.sitecheck import external_loads

from .intranet import PLANNER, RequestLog, page_paths


def test_no_page_or_stylesheet_points_at_another_host(real_site):
    assert external_loads(real_site) == []


def test_the_reference_check_finds_every_kind_of_outside_load(tmp_path):
    (tmp_path / "sivu.html").write_text(
        '<html lang="fi"><head>'
        '<script src="https://unpkg.com/iframe-worker/shim"></script>'
        '<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">'
        '<link rel="canonical" href="https://intra.example.fi/sivu/">'
        '<style>@import url("https://cdn.example.com/a.css");</style>'
        "</head><body>"
        '<img src="http://kuvat.example.com/a.png" alt="a"><img src="assets/b.png" alt="b">'
        '<a href="https://www.saavutettavuusvaatimukset.fi">linkki, ei lataus</a>'
        "</body></html>",
        encoding="utf-8",
    )
    (tmp_path / "tyyli.css").write_text(
        "@font-face{src:url(https://fonts.gstatic.com/r.woff2)}.a{background:url('../kuva.png')}"
        ".b{background:url(data:image/png;base64,AAAA)}",
        encoding="utf-8",
    )
    assert external_loads(tmp_path) == [
        "sivu.html: loads https://unpkg.com/iframe-worker/shim",
        "sivu.html: loads //fonts.googleapis.com/css?family=Roboto",
        "sivu.html: loads http://kuvat.example.com/a.png",
        "sivu.html: loads https://cdn.example.com/a.css",
        "tyyli.css: loads https://fonts.gstatic.com/r.woff2",
    ]


def test_chromium_requests_nothing_but_the_local_server(real_site, site_url, browser):
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    log = RequestLog(context, site_url.rstrip("/"))
    page = context.new_page()
    paths = page_paths(real_site)
    for path in paths:
        page.goto(site_url + path)

    page.goto(site_url)
    page.locator("#verme-search-input").click()
    page.locator("#verme-search-input").press_sequentially("mentori")
    page.wait_for_selector("#verme-search-results > [role=option]")

    page.goto(site_url + PLANNER)
    page.wait_for_selector("#vp-results li")
    page.locator("#vp-results > li").first.get_by_role("button", name="Lisää").click()
    page.wait_for_selector("#vp-blocks > li")
    page.wait_for_load_state("networkidle")
    context.close()

    assert len(paths) >= 100
    assert f"{site_url}assets/planner/index.json" in log.urls
    assert f"{site_url}assets/search/index.js" in log.urls
    assert log.outside() == []
    assert log.failed == []
