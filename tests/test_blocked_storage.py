"""Pages in a Chromium whose settings block site data (cookies and storage), as a locked-down workplace
browser may: `localStorage` then throws a SecurityError on every read. Material's first inline script
read it outside its try (overrides/partials/javascripts/base.html); now no page ends in an uncaught error,
the palette toggle still works for the page, and the planner runs with its plans in memory."""

from __future__ import annotations

import json

import pytest

from .browser import CHROMIUM, CHROMIUM_ARGS
from .intranet import PLANNER, one_page_per_template, page_paths

# Chromium's own content setting, as chrome://settings/cookies writes it: 2 = block.
BLOCKED = {"profile": {"default_content_setting_values": {"cookies": 2}}}


@pytest.fixture(scope="module")
def blocked(browser, tmp_path_factory):
    """A second Chromium with its own profile, from the same Playwright as the session's `browser`."""
    profile = tmp_path_factory.mktemp("blocked-profile")
    (profile / "Default").mkdir()
    (profile / "Default" / "Preferences").write_text(json.dumps(BLOCKED), encoding="utf-8")
    context = browser.browser_type.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, locale="fi-FI"
    )
    yield context
    context.close()


@pytest.fixture
def page(blocked):
    page = blocked.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(f"{page.url}: {error}"))
    yield page
    page.close()


def test_storage_is_really_blocked(page, site_url):
    page.goto(site_url)
    assert (
        page.evaluate("() => { try { localStorage; return 'luettavissa'; } catch (error) { return error.name; } }")
        == "SecurityError"
    )
    assert (
        page.evaluate("() => { try { sessionStorage; return 'luettavissa'; } catch (error) { return error.name; } }")
        == "SecurityError"
    )


def test_every_kind_of_page_loads_without_uncaught_errors(page, real_site, site_url):
    paths = one_page_per_template([path for path in page_paths(real_site) if path != "404.html"])
    assert {"", "menetelmat/", "menetelmat/aikajana/", PLANNER, "koko-kasikirja/"} <= set(paths)
    for path in paths:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
    assert page.errors == []


def test_the_palette_toggle_and_search_work_without_storage(page, site_url):
    page.goto(site_url + "menetelmat/")
    page.get_by_title("Vaihda tummaan teemaan").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    page.locator("#verme-search-input").click()
    page.locator("#verme-search-input").press_sequentially("aikajana")
    page.locator("#verme-search-results [role=option]").first.wait_for()
    assert page.errors == []


def test_the_planner_runs_with_its_plans_in_memory(page, site_url):
    page.goto(site_url + PLANNER)
    page.wait_for_selector("#verme-planner[data-ready]")
    assert page.locator("#vp-alert-messages p").all_inner_texts() == [
        "Selain ei salli tallentamista, joten suunnitelmat katoavat, kun suljet sivun."
    ]
    page.locator("#vp-results > li").first.get_by_role("button", name="Lisää").click()
    page.wait_for_selector("#vp-blocks > li")
    assert page.locator("#vp-recovery").is_hidden()
    assert page.errors == []
