"""WCAG 2.1 AA: axe-core in Debian's Chromium on every page of the shipped site in both palettes, on the
search and on the planner's main states; lang="fi" and alt text everywhere; the build refuses images
without a text alternative."""

from __future__ import annotations

import re

import pytest

from macros.sitecheck import page_problems

from .conftest import SMALL, make_project, mkdocs_build, write_curriculum
from .intranet import (
    PLANNER,
    active_scheme,
    axe_context,
    axe_result,
    axe_violations,
    page_paths,
    start_axe,
    switch_to_dark,
)

METHOD = (SMALL / "methods" / "aikajana.yml").read_text(encoding="utf-8")


def test_every_page_is_finnish_and_every_image_has_alt_text(real_site):
    assert len(page_paths(real_site)) >= 100
    assert page_problems(real_site) == []


def test_the_page_check_finds_a_missing_lang_and_alt(tmp_path):
    (tmp_path / "a.html").write_text(
        '<html lang="en"><body><img src="x.png"><img src="y.png" alt=" "></body></html>', encoding="utf-8"
    )
    assert page_problems(tmp_path) == [
        "a.html: expected <html lang=\"fi\">, received 'en'",
        "a.html: image x.png has no alt text",
        "a.html: image y.png has no alt text",
    ]


def test_axe_finds_no_violations_on_any_page_in_either_palette(real_site, site_url, browser):
    # One context per palette, each in its own renderer: while axe checks a page in one palette, the other
    # palette's page loads or is checked, so the two cores work at once.
    contexts = {palette: axe_context(browser) for palette in ("default", "slate")}
    pages = {palette: context.new_page() for palette, context in contexts.items()}
    pages["slate"].goto(site_url)
    switch_to_dark(pages["slate"])
    paths = page_paths(real_site)
    failures, schemes = {}, set()

    def start(palette, path):
        page = pages[palette]
        page.goto(site_url + path)
        scheme, luminance = active_scheme(page)
        # The stored choice must really repaint every page: a dark background in slate, a light one otherwise.
        schemes.add((palette, scheme, luminance < 0.2))
        start_axe(page)

    def finish(palette, path):
        if violations := axe_result(pages[palette]):
            failures[f"{palette} {path}"] = violations

    start("default", paths[0])
    for index, path in enumerate(paths):
        start("slate", path)
        finish("default", path)
        if index + 1 < len(paths):
            start("default", paths[index + 1])
        finish("slate", path)
    for context in contexts.values():
        context.close()
    assert len(paths) >= 100
    assert schemes == {("default", "default", False), ("slate", "slate", True)}
    assert failures == {}


def _home_in_palette(browser, site_url, palette):
    """A new axe-ready context on the home page, in the dark palette if asked (the choice is stored)."""
    context = axe_context(browser)
    page = context.new_page()
    page.goto(site_url)
    if palette == "dark":
        switch_to_dark(page)
    return context, page


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_no_violations_in_open_search_results(site_url, browser, palette):
    context, page = _home_in_palette(browser, site_url, palette)
    page.locator("#verme-search-input").click()
    page.locator("#verme-search-input").press_sequentially("aikajana")
    page.wait_for_function("document.getElementById('verme-search').dataset.query === 'aikajana'")
    # The count is a status message (WCAG 4.1.3): screen readers hear it without leaving the search box.
    assert re.match(r"\d+ osumaa[.,]", page.locator("[role=status]#verme-search-status").inner_text())
    assert axe_violations(page) == []
    context.close()


# ---------------------------------------------------------------- the planner's states


def _planner(browser, site_url, palette):
    context, page = _home_in_palette(browser, site_url, palette)
    page.goto(site_url + PLANNER)
    page.wait_for_selector("#verme-planner[data-ready]")
    page.wait_for_selector("#vp-results li")
    return context, page


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_no_violations_in_the_planners_states(site_url, browser, palette):
    context, page = _planner(browser, site_url, palette)
    states = {"empty": axe_violations(page)}

    everything = page.locator("#vp-results > li").count()
    page.locator("#vp-search").fill("aikajana")
    page.wait_for_function(f"document.querySelectorAll('#vp-results > li').length < {everything}")
    states["filtered"] = axe_violations(page)

    page.locator("#vp-filters button[type=reset]").click()
    page.wait_for_function("document.querySelectorAll('#vp-results > li').length >= 3")
    for index in range(3):
        page.locator("#vp-results > li").nth(index).get_by_role("button", name="Lisää").click()
    page.wait_for_function("document.querySelectorAll('#vp-blocks > li').length === 3")
    states["with a plan"] = axe_violations(page)

    # An end time long before the three methods can finish is the surest way to a warning.
    page.locator("#vp-start").fill("9.00")
    page.locator("#vp-end").fill("9.05")
    page.locator("#vp-end").press("Tab")
    page.wait_for_selector("#vp-warnings li")
    states["warnings shown"] = axe_violations(page)
    context.close()
    assert states == {"empty": [], "filtered": [], "with a plan": [], "warnings shown": []}


# ---------------------------------------------------------------- the planner with the keyboard alone

# Where the focus is, and whether it can be seen: a focus-visible element with an outline or a ring. When
# the focus is inside a control's own parts (the date field's calendar button), the browser draws the ring.
_FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  const inside = !el.matches(":focus");
  return {id: el.id, label: el.getAttribute("aria-label") || el.textContent.trim().slice(0, 60),
          tag: el.tagName, visible: el === document.body || inside || (el.matches(":focus-visible") && ring)};
}"""


def tab_to(page, wanted, unseen: list, limit: int = 400) -> dict:
    """Press Tab until `wanted(focus)` holds, noting every stop whose focus cannot be seen."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS)
        if not focus["visible"]:
            unseen.append(focus)
        if wanted(focus):
            return focus
    raise AssertionError("the focus never reached the wanted control")


def test_a_plan_is_made_and_printed_with_the_keyboard_alone(small_site, browser):
    from .browser import serve

    with serve(small_site, "/kasikirjat/verme/") as url:
        context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        # The real print dialog would block the test; the planner's button only calls window.print().
        page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
        page.goto(url + PLANNER)
        page.wait_for_selector("#verme-planner[data-ready]")
        unseen: list[str] = []

        tab_to(page, lambda f: f["id"] == "vp-search", unseen)
        page.keyboard.type("kierros")
        page.wait_for_function("document.querySelectorAll('#vp-results > li').length === 2")
        for name in ("Kuulumiskierros", "Palautekierros"):
            tab_to(page, lambda f, name=name: f["label"].endswith(f"suunnitelmaan: {name}"), unseen)
            page.keyboard.press("Enter")
        assert page.locator("#vp-live").get_attribute("aria-live") == "polite"
        page.wait_for_function("document.querySelector('#vp-live').textContent.startsWith('Palautekierros lisätty')")

        page.keyboard.press("Shift+Tab")
        while page.evaluate("document.activeElement.id") != "vp-search":
            page.keyboard.press("Shift+Tab")
        page.keyboard.press("Control+A")
        page.keyboard.type("aikajana")
        page.wait_for_function("document.querySelectorAll('#vp-results > li').length === 1")
        tab_to(page, lambda f: f["label"].endswith("suunnitelmaan: Aikajana"), unseen)
        page.keyboard.press("Enter")
        blocks = "[...document.querySelectorAll('#vp-blocks .vp-block__title')].map(t => t.textContent.trim())"
        page.wait_for_function(f"{blocks}.length === 3")
        assert page.evaluate(blocks) == ["Kuulumiskierros", "Palautekierros", "Aikajana"]

        # Reorder: from a field of the last block, Alt + arrow up moves it, and the move is announced.
        tab_to(page, lambda f: f["id"] == "vp-b2-minutes", unseen)
        page.keyboard.press("Alt+ArrowUp")
        assert page.evaluate(blocks) == ["Kuulumiskierros", "Aikajana", "Palautekierros"]
        page.wait_for_function(
            "document.querySelector('#vp-live').textContent.startsWith('Aikajana siirretty kohtaan 2/3.')"
        )
        assert page.evaluate("document.activeElement.id") == "vp-b1-minutes"

        tab_to(page, lambda f: f["id"] == "vp-print-facilitator", unseen)
        page.keyboard.press("Enter")
        assert page.evaluate("window.printed") == 1
        page.emulate_media(media="print")
        # The agenda table: the timeline above it names the blocks too (and "Aikajana" is its own title).
        printed = page.locator(".vp-print__facilitator table").first.inner_text()
        context.close()
    assert printed.index("Kuulumiskierros") < printed.index("Aikajana") < printed.index("Palautekierros")
    assert unseen == []


# ---------------------------------------------------------------- images in the curriculum


@pytest.mark.site
def test_a_record_image_without_alt_text_stops_the_build(tmp_path):
    spoiled = METHOD.replace(
        "materials: [paperia, kyniä]", "materials: [paperia, kyniä]\nimage:\n  src: kuva.png\n  alt: ''"
    )
    project = make_project(tmp_path, write_curriculum(tmp_path, {"methods/aikajana.yml": spoiled}))
    result = mkdocs_build(project)
    assert result.returncode != 0
    line = spoiled.splitlines().index("  alt: ''") + 1
    assert f"curriculum/methods/aikajana.yml:{line}:8: image.alt: expected non-empty text, received ''" in result.stderr
    assert not (project / "site").exists()


@pytest.mark.site
def test_a_record_image_is_published_with_its_alt_text(tmp_path):
    with_image = METHOD.replace(
        "materials: [paperia, kyniä]",
        "materials: [paperia, kyniä]\nimage:\n  src: ../assets/aikajana.svg\n  alt: Aikajana, jolle on merkitty kolme käännettä",
    )
    project = make_project(tmp_path, write_curriculum(tmp_path, {"methods/aikajana.yml": with_image}))
    (project / "docs" / "assets" / "aikajana.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>', encoding="utf-8"
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "menetelmat" / "aikajana" / "index.html").read_text(encoding="utf-8")
    assert '<img alt="Aikajana, jolle on merkitty kolme käännettä" src="../../assets/aikajana.svg"' in html
    assert page_problems(project / "site") == []
