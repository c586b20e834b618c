"""The session planner in Debian's Chromium: pick, compose, reorder, keep, share, print and export.

Most tests use the small fixture site served under a sub-path (its four methods do not change with the
content work); the links from the handbook's session pages are checked on the shipped site.
"""

from __future__ import annotations

import base64
import io
import json
import re
import subprocess
import unicodedata
from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar
from pypdf import PdfReader

from macros.load import load_catalogue, session_plan

from .browser import serve
from .conftest import BUILD_ENV, MKDOCS, SMALL, make_project, write_curriculum

PLANNER = "suunnittelija/"
STORE_KEY = "verme-suunnittelija"


@pytest.fixture(scope="module")
def small_url(small_site):
    with serve(small_site, "/kasikirjat/verme/") as url:
        yield url


@pytest.fixture
def planner(page, small_url):
    return open_planner(page, small_url)


# ---------------------------------------------------------------- shared steps


def open_planner(page, url: str, fragment: str = ""):
    # Any script error, and any dialog a hostile link might raise, is recorded for the test to see.
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.dialog_guard = lambda dialog: page.errors.append(f"dialog: {dialog.message}") or dialog.dismiss()
    page.on("dialog", page.dialog_guard)
    page.goto(url + PLANNER + fragment)
    page.wait_for_selector("#verme-planner[data-ready]")
    return page


def add(page, *names: str) -> None:
    for name in names:
        page.get_by_role("button", name=f"Lisää suunnitelmaan: {name}").click()


def times(page) -> list[str]:
    return page.locator("#vp-blocks .vp-block__time").all_inner_texts()


def titles(page) -> list[str]:
    return page.locator("#vp-blocks :is(.vp-block__title, .vp-block__kind)").all_inner_texts()


def results(page) -> list[str]:
    return page.locator("#vp-results .vp-card__title").all_inner_texts()


def row(page, title: str):
    return page.locator("#vp-blocks li.vp-block").filter(
        has=page.locator(".vp-block__title, .vp-block__kind", has_text=title)
    )


def fill(page, label: str, value: str, within=None) -> None:
    (within or page.locator("#vp-app")).get_by_label(label, exact=True).fill(value)


def alerts(page) -> list[str]:
    return page.locator("#vp-alert-messages p").all_inner_texts()


def download(page, button: str) -> str:
    with page.expect_download() as caught:
        page.get_by_role("button", name=button).click()
    return caught.value.path().read_text(encoding="utf-8")


# ---------------------------------------------------------------- without JavaScript


def test_without_javascript_the_page_says_so_and_links_to_the_templates(browser, small_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(small_url + PLANNER)
    assert page.get_by_text("Suunnittelija tarvitsee toimiakseen JavaScriptin.").is_visible()
    page.get_by_role("link", name="Teematapaaminen").click()
    assert page.url == small_url + "tapaamispohjat/teematapaaminen/"
    assert not page.locator("#vp-app").is_visible()
    context.close()


# ---------------------------------------------------------------- pick


def test_filters_narrow_the_methods(planner):
    page = planner
    assert page.locator("#vp-count").inner_text() == "4 menetelmää."
    steps = [
        (lambda: fill(page, "Hae nimellä tai aiheella", "JANA"), ["Aikajana"]),
        (
            lambda: fill(page, "Hae nimellä tai aiheella", ""),
            ["Aikajana", "Kuulumiskierros", "Palautekierros", "Sosiodraama"],
        ),
        (lambda: page.get_by_label("Vaihe").select_option("lopetus"), ["Palautekierros"]),
        (lambda: page.get_by_label("Vaihe").select_option(""), None),
        (
            lambda: page.get_by_label("Kesto", exact=True).select_option("30"),
            ["Aikajana", "Kuulumiskierros", "Palautekierros"],
        ),
        (
            lambda: page.locator("#vp-filters").get_by_label("Tapaamismuoto").select_option("etä"),
            ["Aikajana", "Kuulumiskierros", "Palautekierros"],
        ),
        (lambda: fill(page, "Ryhmän koko", "11", page.locator("#vp-filters")), ["Palautekierros"]),
    ]
    for action, expected in steps:
        action()
        if expected is not None:
            assert results(page) == expected
    page.get_by_label("Tunnekuorma").select_option("korkea")
    assert results(page) == [] and page.locator("#vp-count").inner_text() == "Ei menetelmiä näillä rajauksilla."
    page.get_by_role("button", name="Tyhjennä rajaukset").click()
    page.get_by_label("Menetelmäperhe").select_option("KerToi")
    assert results(page) == ["Aikajana", "Sosiodraama"]


def test_the_size_and_mode_filters_follow_the_plan(planner):
    page = planner
    filters = page.locator("#vp-filters")
    assert (
        filters.get_by_label("Ryhmän koko").input_value() == "6"
        and filters.get_by_label("Tapaamismuoto").input_value() == "lähi"
    )
    fill(page, "Ryhmän koko", "11", page.locator(".vp-settings"))
    assert filters.get_by_label("Ryhmän koko").input_value() == "11" and results(page) == ["Palautekierros"]
    page.locator(".vp-settings").get_by_label("Tapaamismuoto").select_option("etä")
    assert filters.get_by_label("Tapaamismuoto").input_value() == "etä"
    # The reader can still widen the filters, and another plan starts from its own size again.
    page.get_by_role("button", name="Tyhjennä rajaukset").click()
    page.wait_for_function("document.querySelectorAll('#vp-results .vp-card').length === 4")
    page.get_by_role("button", name="Uusi suunnitelma").click()
    assert (
        filters.get_by_label("Ryhmän koko").input_value() == "6"
        and filters.get_by_label("Tapaamismuoto").input_value() == "lähi"
    )


def test_a_result_shows_its_facts_as_text_and_links_to_its_page(planner, small_url):
    page = planner
    card = page.locator(".vp-card").filter(has_text="Sosiodraama")
    assert (
        card.locator(".vp-card__summary").inner_text()
        == "Ryhmä esittää yhteisen tilanteen <b>rooleissa</b> {{ config }} {% raw %}"
    )
    assert card.locator("b").count() == 0
    assert (
        card.locator(".vp-card__facts").inner_text()
        == "45–90 min · 5–10 henkeä · lähi · vaihe: työskentely · tunnekuorma: korkea"
    )
    card.get_by_role("link", name="Sosiodraama").click()
    assert page.url == small_url + "menetelmat/sosiodraama/"


# ---------------------------------------------------------------- compose


def test_clock_times_and_warnings_follow_every_edit(planner):
    page = planner
    add(page, "Kuulumiskierros", "Aikajana", "Palautekierros")
    assert times(page) == ["13.00–13.18", "13.18–13.58", "13.58–14.10"]
    assert (
        page.locator("#vp-summary").inner_text()
        == "Aika: klo 13.00–14.10 (1 h 10 min). Menetelmien vaihteluvälien mukaan aikaisintaan klo 14.00, viimeistään klo 14.30."
    )
    assert page.locator("#vp-no-warnings").is_visible()
    fill(page, "Ryhmän koko", "8", page.locator(".vp-settings"))
    assert times(page) == ["13.00–13.24", "13.24–14.04", "14.04–14.20"]
    assert row(page, "Kuulumiskierros").locator(".vp-block__round").inner_text() == "24 min (3 min × 8 henkeä)"
    minutes = row(page, "Aikajana").get_by_label("Kesto (min)")
    minutes.fill("45")
    assert times(page) == ["13.00–13.24", "13.24–14.09", "14.09–14.25"]
    minutes.fill("puoli")
    assert minutes.get_attribute("aria-invalid") == "true"
    assert row(page, "Aikajana").locator(".vp-error:visible").inner_text() == "Anna kesto minuutteina (1–1440)."
    assert times(page)[-1] == "14.09–14.25"
    fill(page, "Päättyy klo", "14.00")
    add(page, "Sosiodraama")
    page.locator(".vp-settings").get_by_label("Tapaamismuoto").select_option("etä")
    assert page.locator("#vp-warnings li").all_inner_texts() == [
        "Menetelmä ”Sosiodraama” ei sovi etätapaamiseen.",
        "Suunnitelma päättyy klo 15.10, mutta tapaamisen pitäisi päättyä klo 14.00.",
        "Tapaaminen päättyy voimakkaita tunteita herättävään menetelmään ”Sosiodraama”: lisää sen jälkeen rauhoittava lopetus.",
    ]
    assert row(page, "Sosiodraama").locator(".vp-block__warnings li").count() == 2
    page.wait_for_function("document.querySelector('#vp-live').textContent.includes('3 varoitusta')")
    assert (
        page.locator("#vp-live")
        .inner_text()
        .startswith("Suunnitelma päättyy klo 15.10. 3 varoitusta: Menetelmä ”Sosiodraama” ei sovi")
    )


def test_finnish_words_and_dates_whatever_the_browsers_locale(browser, small_url):
    context = browser.new_context(locale="en-US", timezone_id="America/New_York")
    page = open_planner(context.new_page(), small_url)
    page.locator(".vp-settings").get_by_label("Päivämäärä").fill("2025-09-16")
    assert page.locator("#vp-date-text").inner_text() == "tiistai 16.9.2025"
    card = page.locator(".vp-card").filter(has_text="Aikajana")
    assert card.locator(".vp-card__facts").inner_text().endswith("tunnekuorma: keskitasoinen")
    assert page.locator("#vp-intensity option").all_inner_texts() == ["Kaikki", "matala", "keskitasoinen", "korkea"]
    assert page.locator(".vp-settings").get_by_label("Tapaamismuoto").locator("option").all_inner_texts() == [
        "lähitapaaminen",
        "etätapaaminen",
        "hybriditapaaminen",
    ]
    fill(page, "Ryhmän koko", "12", page.locator(".vp-settings"))
    page.locator("#vp-filters").get_by_role("button", name="Tyhjennä rajaukset").click()
    add(page, "Aikajana")
    assert (
        page.locator("#vp-warnings li").all_inner_texts()[0]
        == "Menetelmä ”Aikajana” sopii 3–8 hengen ryhmälle, mutta ryhmässä on 12 henkeä."
    )
    context.close()


def test_the_meeting_as_a_timeline_with_the_same_facts_in_text(page, small_url):
    open_planner(page, small_url, "#pohja=teematapaaminen")
    timeline = page.locator("#vp-timeline .vp-timeline")
    bars = timeline.locator(".vp-timeline__bar > span")
    # Five blocks and the two idle minutes before Sosiodraama's fixed 14.20, as long as their minutes.
    widths = bars.evaluate_all("spans => spans.map((span) => span.getBoundingClientRect().width)")
    classes = bars.evaluate_all("spans => spans.map((span) => span.className)")
    assert len(widths) == 6 and "vp-timeline__idle" in classes[3]
    minutes = [18, 45, 15, 2, 45, 12]
    assert all(abs(width / widths[1] - share / 45) < 0.02 for width, share in zip(widths, minutes, strict=True)), widths
    assert (
        "vp-timeline--intense" in classes[4]
        and "vp-timeline--fixed" in classes[4]
        and "vp-timeline--tauko" in classes[2]
    )
    assert timeline.locator("[aria-hidden=true]").count() == 1
    caption = timeline.locator("figcaption").inner_text()
    assert caption.startswith(
        "Tapaamisen kulku kuvana: 13.00–13.18 Kuulumiskierros, vaihe aloitus, tunnekuorma matala; "
    )
    assert "14.20–15.05 Sosiodraama, vaihe työskentely, tunnekuorma korkea, kiinteä aika klo 14.20" in caption
    assert re.search(r"\. Päättyy aikaisintaan klo \d+\.\d\d, viimeistään klo \d+\.\d\d\.$", caption)


def test_custom_blocks_breaks_and_a_new_day(planner):
    page = planner
    add(page, "Kuulumiskierros")
    page.get_by_role("button", name="Lisää oma ohjelmakohta").click()
    assert page.evaluate("document.activeElement.id") == "vp-b1-activity"
    page.keyboard.press("Control+A")
    page.keyboard.type("Teeman alustus")
    fill(page, "Kesto (min)", "20", row(page, "Ohjelmakohta"))
    page.get_by_role("button", name="Lisää tauko").click()
    fill(page, "Kiinteä aika", "13.45", row(page, "Tauko"))
    page.get_by_role("button", name="Lisää uusi päivä").click()
    fill(page, "Alkaa klo", "8.30", row(page, "Uusi päivä"))
    add(page, "Palautekierros")
    assert times(page) == [
        "1. pv 13.00–13.18",
        "1. pv 13.18–13.38",
        "1. pv 13.45–13.55",
        "2. päivä klo 8.30",
        "2. pv 8.30–8.42",
    ]
    assert page.locator("#vp-summary").inner_text() == "Aika: klo 13.00 – 2. päivänä klo 8.42."
    assert page.locator("#vp-warnings li").count() == 0


def test_a_high_intensity_method_needs_a_debrief_and_an_own_block_can_be_one(planner):
    page = planner
    add(page, "Kuulumiskierros", "Sosiodraama")
    page.get_by_role("button", name="Lisää oma ohjelmakohta").click()
    row(page, "Ohjelmakohta").get_by_label("Vaihe").select_option("lopetus")
    debrief = "Voimakkaita tunteita herättävän menetelmän ”Sosiodraama” jälkeen ei ole purkua ennen tapaamisen loppua tai seuraavaa voimakasta menetelmää: lisää purkuun sopiva menetelmä (esimerkiksi palautekierros) tai merkitse oma ohjelmakohta purkuksi."
    assert page.locator("#vp-warnings li").all_inner_texts() == [debrief]
    row(page, "Ohjelmakohta").get_by_label("Toimii purkuna").check()
    assert page.locator("#vp-no-warnings").is_visible()
    page.reload()
    page.wait_for_selector("#verme-planner[data-ready]")
    assert (
        row(page, "Ohjelmakohta").get_by_label("Toimii purkuna").is_checked()
        and page.locator("#vp-no-warnings").is_visible()
    )
    # The method records say which methods are a debrief: Palautekierros is one.
    row(page, "Ohjelmakohta").get_by_role("button", name="Poista: Oma ohjelmakohta").click()
    add(page, "Palautekierros")
    assert page.locator("#vp-no-warnings").is_visible()


def test_blocks_move_with_the_keyboard(planner):
    page = planner
    add(page, "Kuulumiskierros", "Aikajana", "Palautekierros")
    row(page, "Aikajana").get_by_label("Kesto (min)").focus()
    page.keyboard.press("Alt+ArrowUp")
    assert titles(page) == ["Aikajana", "Kuulumiskierros", "Palautekierros"]
    assert times(page) == ["13.00–13.40", "13.40–13.58", "13.58–14.10"]
    assert page.evaluate("document.activeElement.id") == "vp-b0-minutes"
    page.wait_for_function(
        "document.querySelector('#vp-live').textContent.startsWith('Aikajana siirretty kohtaan 1/3.')"
    )
    page.keyboard.press("Alt+ArrowUp")  # already first: nothing moves
    assert titles(page) == ["Aikajana", "Kuulumiskierros", "Palautekierros"]
    page.get_by_role("button", name="Alas: Aikajana").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert titles(page) == ["Kuulumiskierros", "Palautekierros", "Aikajana"]
    # On the last row "Alas" is disabled, so the focus stays in the row on its next button.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Ylös: Aikajana"
    page.keyboard.press("Alt+ArrowDown")
    page.get_by_role("button", name="Poista: Palautekierros").click()
    assert titles(page) == ["Kuulumiskierros", "Aikajana"]


def test_blocks_move_by_drag_and_drop(planner):
    page = planner
    add(page, "Kuulumiskierros", "Aikajana", "Palautekierros")
    page.drag_and_drop(
        "#vp-blocks li:nth-child(3) .vp-block__handle", "#vp-blocks li:nth-child(1)", target_position={"x": 40, "y": 4}
    )
    assert titles(page) == ["Palautekierros", "Kuulumiskierros", "Aikajana"]


# ---------------------------------------------------------------- undo and redo


def test_undo_restores_a_removed_block_and_redo_removes_it_again(planner):
    page = planner
    add(page, "Kuulumiskierros", "Aikajana", "Palautekierros")
    fill(page, "Kesto (min)", "45", row(page, "Aikajana"))
    page.get_by_role("button", name="Poista: Aikajana").click()
    assert titles(page) == ["Kuulumiskierros", "Palautekierros"]
    page.get_by_role("button", name="Kumoa").click()
    assert titles(page) == ["Kuulumiskierros", "Aikajana", "Palautekierros"]
    assert row(page, "Aikajana").get_by_label("Kesto (min)").input_value() == "45"
    assert times(page) == ["13.00–13.18", "13.18–14.03", "14.03–14.15"]
    page.wait_for_function("document.querySelector('#vp-live').textContent.startsWith('Muutos kumottiin.')")
    page.get_by_role("button", name="Tee uudelleen").click()
    assert titles(page) == ["Kuulumiskierros", "Palautekierros"]
    assert page.get_by_role("button", name="Tee uudelleen").is_disabled()
    # The restored plan is the saved one too.
    page.get_by_role("button", name="Kumoa").click()
    page.reload()
    page.wait_for_selector("#verme-planner[data-ready]")
    assert titles(page) == ["Kuulumiskierros", "Aikajana", "Palautekierros"]


def test_typing_is_one_step_and_the_keys_undo_and_redo(planner):
    page = planner
    name = page.locator(".vp-settings").get_by_label("Nimi")
    name.fill("")
    name.press_sequentially("Kevät")
    add(page, "Kuulumiskierros")
    name.focus()
    page.keyboard.press("Control+Z")
    assert titles(page) == [] and name.input_value() == "Kevät"
    page.keyboard.press("Control+Z")
    assert name.input_value() == "Uusi tapaaminen"
    assert page.evaluate("document.activeElement.id") == "vp-name"
    page.keyboard.press("Control+Shift+Z")
    assert name.input_value() == "Kevät"
    page.keyboard.press("Control+Y")
    assert titles(page) == ["Kuulumiskierros"]
    # In the method search, Ctrl+Z is the field's own undo, not the plan's.
    page.locator("#vp-search").fill("jana")
    page.locator("#vp-search").press("Control+Z")
    assert titles(page) == ["Kuulumiskierros"]


# ---------------------------------------------------------------- suggestions


def test_a_suggested_meeting_fits_the_plan_and_another_can_be_asked_for(page, site_url):
    open_planner(page, site_url)
    fill(page, "Ryhmän koko", "7", page.locator(".vp-settings"))
    page.get_by_text("Ehdota koko tapaaminen").click()
    page.get_by_role("button", name="Ehdota", exact=True).click()
    first = titles(page)
    assert len(first) >= 4 and page.locator("#vp-no-warnings").is_visible()
    assert page.locator(".vp-settings").get_by_label("Päättyy klo").input_value() == "15.30"
    assert page.locator("#vp-suggest-status").inner_text().startswith("Ehdotus 1: ")
    page.get_by_role("button", name="Ehdota toinen").click()
    assert titles(page) != first and page.locator("#vp-no-warnings").is_visible()
    assert page.locator("#vp-suggest-status").inner_text().startswith("Ehdotus 2: ")
    page.get_by_role("button", name="Kumoa").click()
    assert titles(page) == first
    page.locator("#vp-suggest-minutes").fill("5")
    page.get_by_role("button", name="Ehdota", exact=True).click()
    assert (
        page.locator("#vp-suggest-minutes-error").inner_text() == "Anna kesto minuutteina (15–600)."
        and titles(page) == first
    )


# ---------------------------------------------------------------- keep


def test_plans_survive_a_reload_and_a_group_remembers_its_methods(planner):
    page = planner
    settings = page.locator(".vp-settings")
    fill(page, "Nimi", "Syystapaaminen", settings)
    fill(page, "Ryhmä (vapaaehtoinen)", "Ryhmä A", settings)
    add(page, "Kuulumiskierros", "Palautekierros")
    page.reload()
    page.wait_for_selector("#verme-planner[data-ready]")
    assert settings.get_by_label("Nimi").input_value() == "Syystapaaminen" and titles(page) == [
        "Kuulumiskierros",
        "Palautekierros",
    ]
    page.get_by_role("button", name="Uusi suunnitelma").click()
    assert page.evaluate("document.activeElement.id") == "vp-name" and titles(page) == []
    assert page.get_by_label("Ryhmän kokeilemattomat menetelmät ensin").is_disabled()
    fill(page, "Ryhmä (vapaaehtoinen)", "ryhmä a ", settings)
    page.get_by_label("Ryhmän kokeilemattomat menetelmät ensin").check()
    assert results(page) == ["Aikajana", "Sosiodraama", "Kuulumiskierros", "Palautekierros"]
    used = page.locator(".vp-card").filter(has=page.locator(".vp-card__used:visible"))
    assert used.locator(".vp-card__title").all_inner_texts() == ["Kuulumiskierros", "Palautekierros"]
    assert page.locator("#vp-plan-select option").all_inner_texts() == [
        "Syystapaaminen – Ryhmä A",
        "Uusi tapaaminen – ryhmä a ",
    ]
    page.get_by_role("combobox", name="Suunnitelma", exact=True).select_option(label="Syystapaaminen – Ryhmä A")
    assert titles(page) == ["Kuulumiskierros", "Palautekierros"]
    page.remove_listener("dialog", page.dialog_guard)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Poista suunnitelma").click()
    assert page.locator("#vp-plan-select option").all_inner_texts() == ["Uusi tapaaminen – ryhmä a "]


def test_a_corrupt_saved_plan_is_set_aside_with_a_message(planner):
    page = planner
    page.evaluate(f"localStorage.setItem('{STORE_KEY}', '{{\"version\": 1, \"plans\": [rikki')")
    page.reload()
    page.wait_for_selector("#verme-planner[data-ready]")
    [message] = alerts(page)
    key = re.search(r"avaimella ”([^”]+)”", message).group(1)
    assert (
        message
        == f"Selaimeen tallennetut suunnitelmat olivat vioittuneet, joten ne siirrettiin sivuun avaimella ”{key}”. Aloitetaan tyhjästä suunnitelmasta."
    )
    assert page.evaluate(f"localStorage.getItem('{key}')") == '{"version": 1, "plans": [rikki'
    add(page, "Kuulumiskierros")
    assert json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')"))["plans"][0]["blocks"] == [
        {"method": "kuulumiskierros"}
    ]


# Puts `value` in the planner's key (and any other items given), then fills the rest of the origin's
# storage until not one character more fits.
FILL_TO_QUOTA = """([key, value, others = {}]) => {
  localStorage.clear();
  localStorage.setItem(key, value);
  for (const [name, text] of Object.entries(others)) localStorage.setItem(name, text);
  let chunk = "t".repeat(1 << 20), count = 0;
  while (chunk.length) {
    try { localStorage.setItem(`täyte-${count++}`, chunk); } catch { chunk = chunk.slice(0, chunk.length >> 1); }
  }
  return count;
}"""
FREE_THE_FILLER = "() => Object.keys(localStorage).filter((key) => key.startsWith('täyte-')).forEach((key) => localStorage.removeItem(key))"
HELD = (
    "Selaimeen tallennetut suunnitelmat ovat vioittuneet, eikä niitä voitu siirtää sivuun, koska selaimen tallennustila on täynnä. "
    "Ne ovat yhä selaimessa sellaisinaan, eikä suunnittelija tallenna mitään niiden päälle. Lataa ne tiedostona talteen. "
    "Kun olet vapauttanut tilaa, esimerkiksi poistamalla sivuun siirrettyjä kopioita, valitse ”Yritä siirtää uudelleen”. "
    "Jos tilaa ei saa vapaaksi, voit poistaa ne selaimesta, kun tiedosto on tallessa."
)
NOT_SAVED = "Muutoksia ei tallenneta selaimeen, jotta aiemmin tallennetut suunnitelmat eivät katoa."


def downloaded_bytes(page, button) -> bytes:
    with page.expect_download() as caught:
        button.click()
    return caught.value.path().read_bytes()


def test_a_full_storage_never_loses_the_stored_plans(planner):
    page = planner
    # 3.5 MB that is not a store: setting it aside would need as much room again, and there is none.
    garbage = "ä{rikki}" * 437_500
    assert page.evaluate(FILL_TO_QUOTA, [STORE_KEY, garbage]) > 1
    page.reload()
    page.wait_for_selector("#verme-planner[data-ready]")
    assert alerts(page)[0] == HELD
    # The alert's own button, reached and pressed with the keyboard alone.
    from .test_accessibility import tab_to

    unseen: list[dict] = []
    tab_to(
        page,
        lambda focus: page.evaluate(
            "document.activeElement.closest('#vp-alert') !== null && document.activeElement.textContent.startsWith('Lataa tiedostona')"
        ),
        unseen,
    )
    with page.expect_download() as caught:
        page.keyboard.press("Enter")
    assert caught.value.path().read_bytes() == garbage.encode("utf-8") and unseen == []

    add(page, "Kuulumiskierros")
    assert alerts(page)[-1] == NOT_SAVED
    assert page.evaluate("([key, value]) => localStorage.getItem(key) === value", [STORE_KEY, garbage])
    recovery = page.locator("#vp-recovery")
    assert downloaded_bytes(page, recovery.get_by_role("button", name="Lataa tiedostona")) == garbage.encode("utf-8")
    recovery.get_by_role("button", name="Yritä siirtää uudelleen").click()
    assert alerts(page)[-1].startswith("Tilaa ei vieläkään ole tarpeeksi")
    assert page.evaluate("([key, value]) => localStorage.getItem(key) === value", [STORE_KEY, garbage])

    # Even without the filler there is no room for a second 3.5 MB: the reader, with the file, may let go.
    page.evaluate(FREE_THE_FILLER)
    recovery.get_by_role("button", name="Yritä siirtää uudelleen").click()
    assert alerts(page)[-1].startswith("Tilaa ei vieläkään ole tarpeeksi")
    page.remove_listener("dialog", page.dialog_guard)
    page.once("dialog", lambda dialog: dialog.accept())
    recovery.get_by_role("button", name="Poista ne selaimesta").click()
    assert json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')"))["plans"][0]["blocks"] == [
        {"method": "kuulumiskierros"}
    ]
    assert not recovery.is_visible() and page.errors == []


def test_with_room_made_the_held_original_is_set_aside_whole_and_listed(planner):
    page = planner
    garbage = "ä{rikki}" * 125_000
    page.evaluate(FILL_TO_QUOTA, [STORE_KEY, garbage])
    page.reload()
    page.wait_for_selector("#verme-planner[data-ready]")
    add(page, "Kuulumiskierros")
    assert page.evaluate("([key, value]) => localStorage.getItem(key) === value", [STORE_KEY, garbage])
    page.evaluate(FREE_THE_FILLER)
    recovery = page.locator("#vp-recovery")
    recovery.get_by_role("button", name="Yritä siirtää uudelleen").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "vp-recovery-title"
    assert json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')"))["plans"][0]["blocks"] == [
        {"method": "kuulumiskierros"}
    ]
    [copy] = recovery.locator("li").all()
    assert re.fullmatch(
        r"Siirretty \d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d{2}: tietoja, joita ei voi lukea suunnitelmiksi \(1000 kt\)",
        copy.locator("p").inner_text(),
    )
    assert downloaded_bytes(page, copy.get_by_role("button", name="Lataa tiedostona")) == garbage.encode("utf-8")
    assert page.errors == []


def on_button(page, action: str, copy: str) -> bool:
    """Whether the focus is on the button `action` of the set-aside copy whose label has `copy`."""
    name = page.evaluate("document.activeElement.tagName === 'BUTTON' ? document.activeElement.textContent : ''")
    return name.startswith(f"{action}: ") and copy in name


def stored_copies(page) -> list[str]:
    return page.evaluate("() => Object.keys(localStorage).filter((key) => key.includes('/sivuun/')).sort()")


def test_set_aside_copies_are_listed_and_restored_with_the_keyboard(planner):
    from .test_accessibility import tab_to

    page = planner

    def plan(id, name, *methods):
        return {
            "id": id,
            "name": name,
            "group": "",
            "purpose": "",
            "date": "",
            "start": "17.00",
            "end": "",
            "mode": "lähi",
            "group_size": 6,
            "blocks": [{"method": method} for method in methods],
        }

    old = {
        "version": 1,
        "current": "a1",
        "plans": [plan("a1", "Kevään aloitus", "aikajana"), plan("b2", "Kevään päätös", "palautekierros", "poistettu")],
    }
    whole = plan("c3", "Syksyn ilta", "kuulumiskierros")
    page.evaluate(
        """([old, whole]) => {
      localStorage.setItem('verme-suunnittelija/sivuun/2026-03-01T10:00:00.000Z-1', old);
      localStorage.setItem('verme-suunnittelija/sivuun/2026-03-02T10:00:00.000Z-1', whole);
      localStorage.setItem('verme-suunnittelija/sivuun/2026-03-03T10:00:00.000Z-1', '{rikki');
    }""",
        [json.dumps(old), json.dumps(whole)],
    )
    page.reload()
    page.wait_for_selector("#verme-planner[data-ready]")
    labels = page.locator("#vp-recovery li p").all_inner_texts()
    assert [re.sub(r"Siirretty [^:]+: ", "", label) for label in labels] == [
        "2 suunnitelmaa (1 kt)",
        "suunnitelma ”Syksyn ilta” (1 kt)",
        "tietoja, joita ei voi lukea suunnitelmiksi (1 kt)",
    ]

    unseen: list[dict] = []
    tab_to(page, lambda focus: on_button(page, "Palauta", "2 suunnitelmaa"), unseen)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "vp-plan-select"
    assert page.locator("#vp-plan-select option").all_inner_texts() == ["Kevään aloitus", "Kevään päätös"]
    assert alerts(page) == [
        "2 suunnitelmaa palautettiin omiin suunnitelmiisi. Osaa kopion tiedoista ei voitu palauttaa, joten kopio jää talteen."
    ]
    assert len(stored_copies(page)) == 3

    tab_to(page, lambda focus: on_button(page, "Palauta", "Syksyn ilta"), unseen)
    page.keyboard.press("Enter")
    assert page.locator("#vp-plan-select option").all_inner_texts() == [
        "Kevään aloitus",
        "Kevään päätös",
        "Syksyn ilta",
    ]
    assert [plan["name"] for plan in json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')"))["plans"]] == [
        "Kevään aloitus",
        "Kevään päätös",
        "Syksyn ilta",
    ]
    assert stored_copies(page) == [
        "verme-suunnittelija/sivuun/2026-03-01T10:00:00.000Z-1",
        "verme-suunnittelija/sivuun/2026-03-03T10:00:00.000Z-1",
    ]

    tab_to(page, lambda focus: on_button(page, "Palauta", "ei voi lukea"), unseen)
    page.keyboard.press("Enter")
    assert alerts(page)[-1].startswith("Kopiossa (Siirretty ") and alerts(page)[-1].endswith(
        "ei ole suunnitelmia, jotka suunnittelija voisi palauttaa. Voit ladata sen tiedostona."
    )
    page.remove_listener("dialog", page.dialog_guard)
    page.once("dialog", lambda dialog: dialog.accept())
    tab_to(page, lambda focus: on_button(page, "Poista", "ei voi lukea"), unseen)
    page.keyboard.press("Enter")
    assert stored_copies(page) == ["verme-suunnittelija/sivuun/2026-03-01T10:00:00.000Z-1"]
    assert page.evaluate("document.activeElement.id") == "vp-recovery-title"
    assert unseen == [] and page.errors == []


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_no_violations_in_the_storage_recovery(browser, small_url, palette):
    from .intranet import axe_context, axe_violations, switch_to_dark

    context = axe_context(browser)
    page = context.new_page()
    page.goto(small_url)
    if palette == "dark":
        switch_to_dark(page)
    page.goto(small_url + PLANNER)
    page.wait_for_selector("#verme-planner[data-ready]")
    page.evaluate(
        FILL_TO_QUOTA,
        [STORE_KEY, "rikki" * 200_000, {"verme-suunnittelija/sivuun/2026-03-02T10:00:00.000Z-1": "{rikki"}],
    )
    page.reload()
    page.wait_for_selector("#verme-planner[data-ready]")
    assert page.locator("#vp-recovery li").count() == 1 and alerts(page)[0] == HELD
    violations = axe_violations(page)
    context.close()
    assert violations == []


# ---------------------------------------------------------------- templates from the handbook


def test_a_session_page_opens_its_template_in_the_planner_with_the_same_times(page, site_url):
    page.goto(site_url + "tapaamispohjat/teematapaaminen-lahi/")
    table = BeautifulSoup(page.content(), "html.parser").select_one("article table")
    handbook = [tr.find("td").get_text(strip=True) for tr in table.select("tbody tr")]
    page.get_by_role("link", name="tapaamisen suunnittelijassa").click()
    page.wait_for_selector("#verme-planner[data-ready]")
    assert times(page) == handbook and len(handbook) == 7
    assert page.url == site_url + PLANNER
    assert (
        page.locator(".vp-settings").get_by_label("Nimi").input_value() == "Teematapaaminen lähitapaamisena (2 tuntia)"
    )
    assert page.locator("#vp-warnings li").count() == 0
    page.reload()
    page.wait_for_selector("#verme-planner[data-ready]")
    assert page.locator("#vp-plan-select option").count() == 1 and times(page) == handbook


def test_the_shipped_index_offers_every_method_and_template(page, site_url, real_site):
    index = json.loads((real_site / "assets" / "planner" / "index.json").read_text(encoding="utf-8"))
    open_planner(page, site_url)
    assert (
        page.locator("#vp-count").inner_text() == f"{len(index['methods'])} menetelmää, näytetään 40."
        if len(index["methods"]) > 40
        else f"{len(index['methods'])} menetelmää."
    )
    assert page.locator("#vp-template-select option").count() == len(index["sessions"]) + 1


# ---------------------------------------------------------------- share


def share_link(page) -> str:
    page.get_by_role("button", name="Luo jakolinkki").click()
    return page.get_by_label("Jakolinkki", exact=True).input_value()


def test_a_share_link_carries_the_plan_to_another_browser(planner, browser):
    page = planner
    fill(page, "Nimi", "Jaettava <i>ilta</i>", page.locator(".vp-settings"))
    fill(page, "Ryhmä (vapaaehtoinen)", "Salainen ryhmä", page.locator(".vp-settings"))
    add(page, "Kuulumiskierros", "Aikajana", "Palautekierros")
    original = times(page)
    link = share_link(page)
    assert "#suunnitelma=" in link and "Salainen" not in base64.urlsafe_b64decode(link.split("=", 1)[1] + "==").decode()
    context = browser.new_context()
    reader = context.new_page()
    reader.goto(link)
    reader.wait_for_selector("#verme-planner[data-ready]")
    assert reader.locator("#vp-shared-name").inner_text() == "Jaettava <i>ilta</i>"
    assert reader.locator("#vp-shared .vp-agenda__time").all_inner_texts() == original
    assert reader.locator("#vp-plan-select option").all_inner_texts() == ["Uusi tapaaminen"]
    reader.get_by_role("button", name="Kopioi omiin suunnitelmiin").click()
    assert not reader.locator("#vp-shared").is_visible() and "#" not in reader.url
    assert times(reader) == original
    assert reader.locator("#vp-plan-select option").all_inner_texts() == ["Jaettava <i>ilta</i>"]
    context.close()


def crafted(data: dict) -> str:
    return "#suunnitelma=" + base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def test_hostile_share_links_show_a_finnish_message_and_run_nothing(page, small_url):
    good = {"name": "x", "start": "13.00", "mode": "lähi", "group_size": 6, "blocks": []}
    cases = {
        "#suunnitelma=<script>alert(1)</script>": "Jakolinkki on katkennut tai muuttunut matkalla, joten suunnitelmaa ei voitu lukea. Pyydä lähettäjältä uusi linkki.",
        crafted({"v": 1, "plan": good})[
            :-9
        ]: "Jakolinkki on katkennut tai muuttunut matkalla, joten suunnitelmaa ei voitu lukea. Pyydä lähettäjältä uusi linkki.",
        crafted(
            {"v": 0, "plan": good}
        ): "Jakolinkki on tehty suunnittelijan vanhalla versiolla (0), jota ei enää tueta. Pyydä lähettäjältä uusi linkki.",
        crafted(
            {"v": 1, "plan": {**good, "blocks": [{"method": "x", "onload": "alert(1)"}]}}
        ): "Jakolinkin suunnitelma ei kelpaa, joten sitä ei avattu: ohjelmakohta 1, tuntematon kenttä ”onload”.",
    }
    for fragment, message in cases.items():
        page.goto("about:blank")
        open_planner(page, small_url, fragment)
        assert alerts(page) == [message]
        assert page.locator("#vp-app").is_visible() and not page.locator("#vp-shared").is_visible()
        assert page.locator("#vp-results .vp-card").count() == 4
    page.goto("about:blank")
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    open_planner(
        page,
        small_url,
        crafted({"v": 1, "plan": {**good, "name": hostile, "blocks": [{"activity": hostile, "minutes": 5}]}}),
    )
    assert page.locator("#vp-shared-name").inner_text() == hostile
    assert page.locator("#vp-shared td").nth(1).inner_text() == hostile
    assert page.locator("#vp-app img, #vp-app script").count() == 0
    assert page.errors == []


def test_each_odd_link_shows_its_message(page, small_url):
    from .test_planner_units import ODD_LINKS

    shown: dict[str, tuple[list[str], str]] = {}
    for name, (fragment, expected) in ODD_LINKS.items():
        if expected is None or "course" in name or name in ("exact-plan", "space-as-the-browser-writes-it"):
            continue
        page.goto("about:blank")
        open_planner(page, small_url, fragment)
        opened = "shared" if page.locator("#vp-shared").is_visible() else "template" if titles(page) else "nothing"
        shown[name] = (alerts(page), opened)
        assert page.errors == []
        page.evaluate("localStorage.clear()")
    wanted = {
        name: (
            [found.get("problem") or found["notice"]],
            "nothing" if "problem" in found else "shared" if "share" in found else "template",
        )
        for name, (_, found) in ODD_LINKS.items()
        if found and "course" not in name and name not in ("exact-plan", "space-as-the-browser-writes-it")
    }
    assert shown == wanted and len(shown) == 11


# ---------------------------------------------------------------- print


def pdf_pages(page) -> int:
    return len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)


def test_print_views_from_the_same_plan(page, small_url):
    open_planner(page, small_url, "#pohja=teematapaaminen")
    # The real print dialog would block; count the calls instead (an arrow as the value would be called).
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    page.get_by_role("button", name="Tulosta ohjaajan suunnitelma").click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    facilitator = page.locator(".vp-print__facilitator")
    assert facilitator.is_visible() and not page.locator(".vp-print__handout").is_visible()
    assert not page.locator("#vp-filters").is_visible() and not page.locator("h1").is_visible()
    text = facilitator.inner_text()
    for expected in (
        "Teematapaaminen",
        "13.18–14.03 (45 min)",
        "Ohjeistus (5 min)",
        "Tarvikkeet: paperia, kyniä",
        "lähitapaaminen · 6 henkeä",
    ):
        assert expected in text
    assert pdf_pages(page) == 1
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Tulosta osallistujan moniste").click()
    page.emulate_media(media="print")
    handout = page.locator(".vp-print__handout")
    assert handout.is_visible() and not facilitator.is_visible()
    assert handout.locator("tbody tr").all_inner_texts() == [
        "13.00–13.18\tKuulumiskierros",
        "13.18–14.03\tAikajana",
        "14.03–14.18\tTauko",
        "14.20–15.05\tSosiodraama",
        "15.05–15.17\tPalautekierros",
    ]
    assert "Ohjeistus" not in handout.inner_text()
    assert pdf_pages(page) == 1


def test_the_first_meeting_template_prints_from_the_first_sheet_with_its_materials(page, site_url):
    open_planner(page, site_url, "#pohja=ensimmainen-tapaaminen")
    page.evaluate("() => { window.print = () => {}; }")
    page.get_by_role("button", name="Tulosta ohjaajan suunnitelma").click()
    page.emulate_media(media="print")
    facilitator = page.locator(".vp-print__facilitator")
    text = facilitator.inner_text()
    assert "Tarvikkeet koko tapaamiseen: " in text
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    pages = [unicodedata.normalize("NFKC", sheet.extract_text()) for sheet in reader.pages]
    first_title = page.locator("#vp-print .vp-print__facilitator tbody tr td:nth-child(2)").first.inner_text()
    # The agenda starts on the first sheet under its heading, not alone on the second.
    words = lambda text: " ".join(text.split())  # noqa: E731
    assert words(first_title) in words(pages[0]) and len(pages) <= 2 and len(pages[0]) > len(pages[-1])


def test_idle_time_before_a_fixed_time_and_minutes_left_to_the_end(planner):
    page = planner
    add(page, "Kuulumiskierros", "Palautekierros")
    fill(page, "Kiinteä aika", "13.30", row(page, "Palautekierros"))
    fill(page, "Päättyy klo", "14.00", page.locator(".vp-settings"))
    assert page.locator("#vp-summary").inner_text().endswith("Päättymisaikaan klo 14.00 jää 18 min.")
    page.evaluate("() => { window.print = () => {}; }")
    page.get_by_role("button", name="Tulosta ohjaajan suunnitelma").click()
    page.emulate_media(media="print")
    facilitator = page.locator(".vp-print__facilitator")
    assert (
        facilitator.locator(".vp-agenda__idle").inner_text()
        == "13.18–13.30\tOdotusaikaa 12 min ennen kiinteää aikaa klo 13.30"
    )
    assert "päättymisaikaan klo 14.00 jää 18 min" in facilitator.locator(".vp-print__meta").inner_text()
    # Neither round needs materials, so there is no empty materials line.
    assert "Tarvikkeet koko tapaamiseen" not in facilitator.inner_text()


# ---------------------------------------------------------------- export


def test_exports_are_downloaded_and_read_by_their_own_tools(page, small_url, tmp_path):
    open_planner(page, small_url, "#pohja=teematapaaminen")
    markdown = download(page, "Lataa Markdown")
    assert "| 14.20–15.05 | 45 min | Sosiodraama |  |" in markdown.splitlines()
    page.get_by_role("button", name="Lataa kalenteritapahtuma (.ics)").click()
    assert (
        page.locator("#vp-output-status").inner_text()
        == "Valitse ensin tapaamisen päivämäärä, niin kalenteritapahtuma saa oikean ajan."
    )
    page.locator(".vp-settings").get_by_label("Päivämäärä").fill("2025-09-16")
    [event] = Calendar.from_ical(download(page, "Lataa kalenteritapahtuma (.ics)")).walk("VEVENT")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.isoformat(), end.isoformat()) == ("2025-09-16T13:00:00+03:00", "2025-09-16T15:17:00+03:00")
    assert str(event["SUMMARY"]) == "Teematapaaminen"
    text = download(page, "Lataa tapaamispohja (YAML)")
    original = load_catalogue(SMALL).sessions["teematapaaminen"]
    exported = load_catalogue(write_curriculum(tmp_path, {"sessions/kopio.yml": text})).sessions["kopio"]
    assert session_plan(exported) == session_plan(original)
    assert (exported.title, exported.purpose) == (original.title, original.purpose)


# ---------------------------------------------------------------- a series of meetings

VERME_DATES = ["2026-09-29", "2026-10-13", "2026-10-27", "2026-11-10", "2026-11-24", "2026-12-08"]


def create_verme_course(page) -> None:
    page.get_by_role("button", name="Uusi sarja").click()
    form = page.locator("#vp-course-form")
    form.get_by_label("Aloita ryhmäprosessista").select_option("verme")
    fill(page, "Ryhmä", "Syksyn ryhmä", form)
    fill(page, "Ryhmän koko", "7", form)
    fill(page, "Ensimmäinen tapaaminen", VERME_DATES[0], form)
    fill(page, "Alkaa klo", "13.00", form)
    form.get_by_label("Tahti").select_option("biweekly")
    fill(page, "Paikka", "Kokoushuone Verso, 2. krs", form)
    form.get_by_role("button", name="Luo sarja").click()


def course_rows(page):
    return page.locator("#vp-course-meetings tr")


def test_a_verme_course_from_its_process_record_to_calendar_and_schedule(page, site_url, real_site):
    # The real print dialog would block; count the calls instead, on every load.
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    open_planner(page, site_url)
    create_verme_course(page)
    assert page.evaluate("document.activeElement.id") == "vp-course-name"
    process = json.loads((real_site / "assets" / "planner" / "index.json").read_text(encoding="utf-8"))["processes"]
    [verme] = [entry for entry in process if entry["id"] == "verme"]
    rows = course_rows(page)
    assert rows.count() == 6
    assert [rows.nth(i).locator("input[type=date]").input_value() for i in range(6)] == VERME_DATES
    assert [rows.nth(i).locator("strong").inner_text() for i in range(6)] == [
        meeting["title"] for meeting in verme["sequence"]
    ]
    assert rows.nth(0).locator(".vp-course__day").inner_text() == "ti 29.9.2026"
    # The first meeting is open as a plan, carrying the group's size, mode and the series' first date.
    settings = page.locator(".vp-settings")
    assert (
        settings.get_by_label("Ryhmän koko").input_value() == "7"
        and settings.get_by_label("Päivämäärä").input_value() == VERME_DATES[0]
    )
    assert settings.get_by_label("Ryhmä (vapaaehtoinen)").input_value() == "Syksyn ryhmä"
    # The process repeats its check-in on purpose; its arc is all there.
    assert page.locator("#vp-course-no-warnings").is_visible()
    # A method used twice warns, until the repeat is marked as chosen.
    for position in (1, 2):
        rows.nth(position).get_by_role("button", name=re.compile("suunnitelma:")).click()
        add(page, "Roolinvaihto")
    assert page.locator("#vp-course-warnings li").all_inner_texts() == [
        "Menetelmä ”Roolinvaihto” toistuu tapaamisissa 2 ja 3. Toisto on tarkoituksellinen\n: Roolinvaihto"
    ]
    page.get_by_role("button", name=re.compile("^Toisto on tarkoituksellinen ?: Roolinvaihto$")).click()
    assert page.locator("#vp-course-no-warnings").is_visible()
    rows.nth(0).get_by_label("Pidetty: 1.", exact=False).check()
    page.reload()
    page.wait_for_selector("#verme-planner[data-ready]")
    assert course_rows(page).count() == 6 and course_rows(page).nth(0).locator("input[type=checkbox]").is_checked()

    # One calendar: six events at 13.00 Helsinki time, summer time before 25 October and winter time after.
    calendar_text = download(page, "Lataa sarjan kalenteri (.ics)")
    events = Calendar.from_ical(calendar_text).walk("VEVENT")
    assert len(events) == 6 and len(Calendar.from_ical(calendar_text).walk("VTIMEZONE")) == 1
    starts = [event.decoded("DTSTART") for event in events]
    assert [start.replace(tzinfo=None) for start in starts] == [
        datetime.fromisoformat(f"{day}T13:00") for day in VERME_DATES
    ]
    assert [start.utcoffset() for start in starts] == [timedelta(hours=3)] * 2 + [timedelta(hours=2)] * 4
    shown = [course_rows(page).nth(i).locator(".vp-course__time").inner_text().strip() for i in range(6)]
    assert [f"klo {event.decoded('DTSTART'):%-H.%M}–{event.decoded('DTEND'):%-H.%M}" for event in events] == shown
    assert all(str(event["LOCATION"]) == "Kokoushuone Verso, 2. krs" for event in events)
    assert str(events[3]["SUMMARY"]) == "Vertaisryhmämentorointi (Verme): 4. Väliarviointi"
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == 6
    # Exported again, after an edit, the same meetings keep their UIDs: a calendar updates, not duplicates.
    course_rows(page).nth(5).locator("input[type=date]").fill("2026-12-15")
    again = Calendar.from_ical(download(page, "Lataa sarjan kalenteri (.ics)")).walk("VEVENT")
    assert [str(event["UID"]) for event in again] == uids and again[5].decoded(
        "DTSTART"
    ).date().isoformat() == "2026-12-15"

    # The participants' schedule: dates, times, place and themes on one A4 sheet.
    page.get_by_role("button", name="Tulosta osallistujien aikataulu").click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    schedule = page.locator(".vp-print__course")
    assert schedule.is_visible() and not page.locator(".vp-print__facilitator").is_visible()
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(reader.pages) == 1
    text = unicodedata.normalize("NFKC", reader.pages[0].extract_text())
    for expected in (
        "tiistai 29.9.2026",
        "tiistai 27.10.2026",
        "tiistai 15.12.2026",
        "Kokoushuone Verso",
        "4. Väliarviointi",
        "13.00–",
    ):
        assert expected in text
    assert page.errors == []


def test_a_course_share_link_carries_every_meeting_to_another_browser(page, small_url, browser):
    open_planner(page, small_url)
    page.get_by_role("button", name="Uusi sarja").click()
    form = page.locator("#vp-course-form")
    fill(page, "Sarjan nimi", "Kevään <b>sarja</b>", form)
    fill(page, "Ryhmä", "Salainen ryhmä", form)
    fill(page, "Ensimmäinen tapaaminen", "2026-01-31", form)
    form.get_by_label("Tahti").select_option("monthly")
    fill(page, "Tapaamisia", "3", form)
    form.get_by_role("button", name="Luo sarja").click()
    assert [course_rows(page).nth(i).locator("input[type=date]").input_value() for i in range(3)] == [
        "2026-01-31",
        "2026-02-28",
        "2026-03-31",
    ]
    # From scratch the whole arc is asked for.
    assert page.locator("#vp-course-warnings li").count() == 3
    add(page, "Kuulumiskierros")
    page.get_by_role("button", name="Luo sarjan jakolinkki").click()
    link = page.get_by_label("Sarjan jakolinkki").input_value()
    assert "#sarja=" in link and "Salainen" not in base64.urlsafe_b64decode(link.split("=", 1)[1] + "==").decode()
    context = browser.new_context()
    other = context.new_page()
    other.goto(link)
    other.wait_for_selector("#verme-planner[data-ready]")
    assert other.locator("#vp-shared-title").inner_text() == "Jaettu tapaamissarja: Kevään <b>sarja</b>"
    assert other.locator("#vp-shared tbody tr").count() == 3
    other.get_by_role("button", name="Kopioi omiin sarjoihin").click()
    assert other.locator("#vp-course-meetings tr").count() == 3 and "#" not in other.url
    assert other.locator("#vp-course-meetings tr").nth(0).inner_text().count("Kuulumiskierros") == 1
    context.close()
    # A bent series link is refused with its message, like a plan link.
    page.goto("about:blank")
    open_planner(
        page,
        small_url,
        "#sarja="
        + base64.urlsafe_b64encode(json.dumps({"v": 1, "course": {"name": "x", "meetings": []}}).encode())
        .decode()
        .rstrip("="),
    )
    assert alerts(page)[0].startswith("Jakolinkin tapaamissarja ei kelpaa, joten sitä ei avattu: ")


def test_undo_restores_a_deleted_course(planner):
    page = planner
    page.get_by_role("button", name="Uusi sarja").click()
    fill(page, "Sarjan nimi", "Syksy", page.locator("#vp-course-form"))
    page.get_by_role("button", name="Luo sarja").click()
    page.get_by_role("button", name="Poista sarja").click()
    assert not page.locator("#vp-course-view").is_visible()
    page.get_by_role("button", name="Kumoa").click()
    assert page.locator("#vp-course-name").inner_text() == "Syksy" and course_rows(page).count() == 6


# ---------------------------------------------------------------- offline bundle (file://)


def test_the_offline_build_runs_the_planner_from_a_file_url(tmp_path, browser):
    project = make_project(tmp_path)
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--clean"],
        cwd=project,
        env={**BUILD_ENV, "VERME_OFFLINE": "true"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((project / "site" / "suunnittelija" / "index.html").as_uri() + "#pohja=teematapaaminen")
    page.wait_for_selector("#verme-planner[data-ready]")
    assert times(page) == ["13.00–13.18", "13.18–14.03", "14.03–14.18", "14.20–15.05", "15.05–15.17"]
    assert (
        page.locator(".vp-card a", has_text="Aikajana").get_attribute("href")
        == (project / "site" / "menetelmat" / "aikajana.html").as_uri()
    )
    add(page, "Kuulumiskierros")
    page.reload()
    page.wait_for_selector("#verme-planner[data-ready]")
    assert len(times(page)) == 6 and errors == []
    page.close()
