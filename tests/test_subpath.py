"""The site served from a sub-path (https://intra.example.fi/kasikirjat/verme/) with the deployment guide's
headers: every page, asset, the search and the planner load from inside the sub-path and nothing is
blocked by the guide's Content-Security-Policy."""

from __future__ import annotations

import re

import pytest

from .conftest import make_project, mkdocs_build
from .intranet import (
    CSP_RECORDER,
    PLANNER,
    RequestLog,
    apache_headers,
    axe_context,
    axe_violations,
    nginx_headers,
    one_page_per_template,
    page_paths,
    serve_deployed,
    switch_to_dark,
)

PREFIX = "/kasikirjat/verme/"
ROOT_RELATIVE = re.compile(r"""(?:href|src)="/(?!/)""")


@pytest.fixture(scope="module")
def deployed(real_site):
    with serve_deployed(real_site, PREFIX, {**nginx_headers(), "Cache-Control": "no-cache"}) as url:
        yield url


@pytest.fixture
def deployed_page(browser, deployed):
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    context.add_init_script(script=CSP_RECORDER)
    page = context.new_page()
    yield page, RequestLog(context, deployed.rstrip("/").rsplit(PREFIX.rstrip("/"), 1)[0])
    context.close()


def test_the_nginx_and_apache_samples_send_the_same_headers():
    nginx, apache = nginx_headers(), apache_headers()
    assert apache.pop("Cache-Control") == "no-cache"
    assert nginx == apache
    assert "default-src 'self'" in nginx["Content-Security-Policy"]
    assert set(nginx) == {
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
        "Cross-Origin-Opener-Policy",
    }


def test_no_page_links_from_the_server_root(real_site):
    pages = sorted(real_site.rglob("*.html"))
    assert "404.html" in [page.name for page in pages]
    assert [
        page.relative_to(real_site).as_posix()
        for page in pages
        if ROOT_RELATIVE.search(page.read_text(encoding="utf-8"))
    ] == []


def test_a_page_of_every_template_loads_inside_the_sub_path(real_site, deployed, deployed_page):
    page, log = deployed_page
    blocked = {}
    paths = one_page_per_template([path for path in page_paths(real_site) if path != "404.html"])
    assert {"", "koko-kasikirja/", "menetelmat/", "menetelmat/aikajana/", "saavutettavuusseloste/", PLANNER} <= set(
        paths
    )
    assert any(path.startswith("menetelmat/") and path.count("/") == 3 for path in paths)  # a tag page
    for path in paths:
        page.goto(deployed + path)
        if found := page.evaluate("window.__blocked"):
            blocked[path] = found
    assert blocked == {}
    assert log.failed == []
    assert [url for url in log.urls if not url.startswith(deployed)] == []


def test_search_finds_and_opens_pages_inside_the_sub_path(deployed, deployed_page):
    page, log = deployed_page
    page.goto(deployed + "menetelmat/")
    page.locator("#verme-search-input").click()
    page.locator("#verme-search-input").press_sequentially("aikajana")
    first = page.locator("#verme-search-results > [role=option]").first
    first.wait_for()
    assert first.get_attribute("data-href").startswith(deployed)
    first.click()
    page.wait_for_load_state()
    assert page.url.startswith(deployed + "menetelmat/aikajana/")
    assert page.locator("h1").inner_text().startswith("Aikajana")
    assert page.evaluate("window.__blocked") == []
    assert log.failed == []


def test_the_planner_works_inside_the_sub_path(deployed, deployed_page):
    page, log = deployed_page
    page.goto(deployed + PLANNER)
    page.wait_for_selector("#vp-results li")
    card = page.locator("#vp-results > li").first
    assert card.locator("a").first.evaluate("a => a.href").startswith(deployed)
    card.get_by_role("button", name="Lisää").click()
    page.wait_for_selector("#vp-blocks > li")
    assert page.evaluate("window.__blocked") == []
    assert f"{deployed}assets/planner/index.json" in log.urls
    assert log.failed == []
    assert [url for url in log.urls if not url.startswith(deployed)] == []


def test_the_not_found_page_works_inside_the_sub_path_with_site_url(tmp_path, browser):
    project = make_project(tmp_path)
    (project / "deployed.yml").write_text(
        f"INHERIT: mkdocs.yml\nsite_url: https://intra.example.fi{PREFIX}\n", encoding="utf-8"
    )
    result = mkdocs_build(project, "--config-file", str(project / "deployed.yml"))
    assert result.returncode == 0, result.stderr
    violations = {}
    with serve_deployed(project / "site", PREFIX, nginx_headers()) as url:
        context = axe_context(browser)
        log = RequestLog(context, url.split(PREFIX)[0])
        page = context.new_page()
        response = page.goto(url + "ei-ole/tallaista/")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Sivua ei löytynyt"
        stylesheet = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
        violations["light"] = axe_violations(page)
        switch_to_dark(page)
        violations["dark"] = axe_violations(page)
        page.get_by_role("link", name="käsikirjan etusivulle").click()
        page.wait_for_load_state()
        home = page.url
        context.close()
    assert stylesheet == "sticky" and violations == {"light": [], "dark": []}
    assert home == url
    assert [entry for entry in log.failed if "ei-ole/tallaista" not in entry] == []
    assert [u for u in log.urls if not u.startswith(url)] == []


# Without site_url the not-found page loads nothing by address and finds the site's root itself.
NOT_FOUND = "ei-ole/tallaista/"


def test_the_not_found_page_works_inside_the_sub_path_without_site_url(deployed, deployed_page):
    page, log = deployed_page
    response = page.goto(deployed + NOT_FOUND)
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Sivua ei löytynyt"
    home = page.get_by_role("link", name="käsikirjan etusivulle")
    home.wait_for()
    assert home.evaluate("a => a.href") == deployed
    # The organisation's logo and the accessibility statement, as on every page, from the root found.
    statement = page.get_by_role("link", name="Saavutettavuusseloste")
    assert statement.evaluate("a => a.href") == deployed + "saavutettavuusseloste/"
    logo = page.get_by_role("img", name="Esimerkkiorganisaatio")
    logo.wait_for()
    page.wait_for_function("document.querySelector('header img').complete")
    assert logo.evaluate("img => img.naturalWidth") > 0
    # The folders above the address are asked, deepest first, until the root answers.
    probes = [url for url in log.urls if url.endswith("assets/planner/index.json")]
    assert deployed + "assets/brand/logo.svg" in log.urls
    assert probes == [
        deployed + NOT_FOUND + "assets/planner/index.json",
        deployed + "ei-ole/assets/planner/index.json",
        deployed + "assets/planner/index.json",
    ]
    assert log.failed == [f"404 {deployed}{NOT_FOUND}", f"404 {probes[0]}", f"404 {probes[1]}"]
    assert page.evaluate("window.__blocked") == []
    home.click()
    page.wait_for_load_state()
    assert page.url == deployed and page.locator(".md-header").is_visible()
    assert [url for url in log.urls if not url.startswith(deployed)] == []


@pytest.mark.parametrize("palette", ["light", "dark", "dark from the system"])
def test_axe_finds_no_violations_on_the_not_found_page_without_site_url(browser, deployed, palette):
    context = axe_context(browser, color_scheme="dark" if palette == "dark from the system" else "light")
    page = context.new_page()
    if palette == "dark":
        page.goto(deployed)
        switch_to_dark(page)
    page.goto(deployed + "menetelmat/" + NOT_FOUND)
    page.get_by_role("link", name="käsikirjan etusivulle").wait_for()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    violations = axe_violations(page)
    context.close()
    assert background == ("rgb(255, 255, 255)" if palette == "light" else "rgb(30, 33, 41)")
    assert violations == []
