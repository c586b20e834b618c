"""WCAG 2.1 AA of the planner's series view: axe in both palettes with a series on show (its warnings, the
new-series form with an error, a shared series), and a series planned, marked and printed with the keyboard
alone. The single-plan states are in tests/test_accessibility.py, whose helpers these tests share."""

from __future__ import annotations

import pytest

from .browser import serve
from .intranet import PLANNER, axe_violations
from .test_accessibility import _planner, tab_to


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_no_violations_in_the_series_view(site_url, browser, palette):
    context, page = _planner(browser, site_url, palette)
    states = {}
    page.locator("#vp-course-new").click()
    page.locator("#vp-cf-size").fill("kaksi")
    page.locator("#vp-cf-create").click()
    page.wait_for_selector("#vp-cf-name-error:not([hidden])")
    states["form with errors"] = axe_violations(page)

    page.locator("#vp-cf-process").select_option("verme")
    page.locator("#vp-cf-size").fill("7")
    page.locator("#vp-cf-date").fill("2026-09-29")
    page.locator("#vp-cf-create").click()
    page.wait_for_function("document.querySelectorAll('#vp-course-meetings tr').length === 6")
    page.locator("#vp-c0-held").check()
    states["series"] = axe_violations(page)

    # A series from scratch warns about its arc.
    page.locator("#vp-course-new").click()
    page.locator("#vp-cf-name").fill("Oma sarja")
    page.locator("#vp-cf-create").click()
    page.wait_for_selector("#vp-course-warnings li")
    states["series with warnings"] = axe_violations(page)

    page.locator("#vp-course-share").click()
    link = page.locator("#vp-course-share-link").input_value()
    page.goto(link)
    page.wait_for_selector("#vp-shared:not([hidden])")
    states["shared series"] = axe_violations(page)
    context.close()
    assert states == {"form with errors": [], "series": [], "series with warnings": [], "shared series": []}


def test_a_series_is_planned_marked_and_printed_with_the_keyboard_alone(small_site, browser):
    with serve(small_site, "/kasikirjat/verme/") as url:
        context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
        page.goto(url + PLANNER)
        page.wait_for_selector("#verme-planner[data-ready]")
        unseen: list[dict] = []

        tab_to(page, lambda f: f["id"] == "vp-course-new", unseen)
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "vp-cf-process"
        page.keyboard.press("ArrowDown")  # the fixture's one process
        assert page.locator("#vp-cf-process").input_value() == "verme"
        tab_to(page, lambda f: f["id"] == "vp-cf-group", unseen)
        page.keyboard.type("Ryhmä K")
        # Typing into a date field depends on the browser's locale, so the dates are left to be picked later.
        tab_to(page, lambda f: f["id"] == "vp-cf-create", unseen)
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "vp-course-name"
        page.wait_for_function(
            "document.querySelector('#vp-live').textContent.startsWith('Sarja ”Verme-ryhmän kulku” luotiin')"
        )
        assert (
            page.locator("#vp-c0-date").input_value() == "" and page.locator("#vp-c0-day").inner_text() == "ei päivää"
        )

        tab_to(page, lambda f: f["id"] == "vp-c0-held", unseen)
        page.keyboard.press("Space")
        assert page.locator("#vp-c0-held").is_checked()
        assert page.evaluate("document.activeElement.id") == "vp-c0-held"

        tab_to(page, lambda f: f["id"] == "vp-course-print", unseen)
        page.keyboard.press("Enter")
        assert page.evaluate("window.printed") == 1
        page.emulate_media(media="print")
        printed = page.locator(".vp-print__course").inner_text()
        page.emulate_media(media="screen")

        # Back to the table: the meeting's plan opens in the composer.
        page.keyboard.press("Shift+Tab")
        while not page.evaluate("document.activeElement.textContent").startswith("Auki"):
            page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "vp-name"
        context.close()
    assert "sovitaan myöhemmin" in printed and "Ensimmäinen tapaaminen" in printed
    assert unseen == []
