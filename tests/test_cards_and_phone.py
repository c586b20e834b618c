"""Issue 14 in the browser: provenance markers on a page and in print, printable cards on one A4 sheet
each, tables readable on a 390 px phone, and axe on the new views in both palettes."""

from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader

from .intranet import axe_context, axe_violations, switch_to_dark
from .test_content import VATUPASSI

A4_POINTS = (595.28, 841.89)
CARDS = ("kortit/vatupassi/", "kortit/kehityskeskustelu/", "kortit/ennalta-mietitty-kertomus/")
PHONE = {"width": 390, "height": 844}


def pdf_of(page, url: str) -> PdfReader:
    page.goto(url)
    return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))


def text_of(pdf: PdfReader) -> str:
    # Fonts may set "fi" or "ff" as one ligature glyph: NFKC turns them back into letters.
    return " ".join(" ".join(unicodedata.normalize("NFKC", sheet.extract_text()).split()) for sheet in pdf.pages)


def test_a_record_page_shows_the_provenance_markers_as_text(page, site_url):
    page.goto(site_url + "mentorikoulutus/seminaari-4/")
    source = page.locator("p.verme-provenance--source").first
    suggestion = page.locator("p.verme-provenance--suggestion").first
    assert source.inner_text().startswith("Lähteen mukaan: Keva 18.5.2016, diat 22–39")
    assert suggestion.inner_text() == "Käsikirjan ehdotus"
    # Under "Sisällöt", the handbook's own list says so in words, not by colour alone.
    contents = page.locator("h2#sisallot + p")
    assert contents.inner_text() == "Käsikirjan ehdotus"
    summary = page.locator("h3#mika-on-lahteesta-mika-kasikirjan-omaa + p + ul").inner_text()
    assert "Käsikirjan ehdotus: otsikko, sisällöt, menetelmät" in summary


def test_the_whole_handbook_print_keeps_the_markers(page, site_url):
    text = text_of(pdf_of(page, site_url + "koko-kasikirja/"))
    assert "Lähteen mukaan: Keva 18.5.2016, diat 22–39" in text
    assert "Sisällöt Käsikirjan ehdotus Oman identiteetin eri puolten tunnistaminen" in text


@pytest.mark.parametrize("path", CARDS)
def test_each_card_prints_on_one_a4_sheet(page, site_url, path):
    pdf = pdf_of(page, site_url + path)
    assert len(pdf.pages) == 1, f"{path}: {len(pdf.pages)} sheets"
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2


def test_the_vatupassi_card_prints_every_sub_question_verbatim_and_its_source(page, site_url):
    text = text_of(pdf_of(page, site_url + "kortit/vatupassi/"))
    for heading, questions in VATUPASSI.items():
        assert heading in text
        for question in questions:
            assert question in text, question
    assert "Lähde: Keva, Aktiivinen tuki esimiestyön välineenä (työpajan esitysaineisto), 18.5.2016, diat 48–64" in text


def test_the_method_card_gives_the_steps_in_order(page, site_url):
    text = text_of(pdf_of(page, site_url + "kortit/ennalta-mietitty-kertomus/"))
    titles = ["Kertojan aloitus", "Kertomus", "Tarkentavat kysymykset", "Kuulijoiden kokemukset", "Kertojan loppusanat"]
    positions = [text.index(f"{number}. {title}") for number, title in enumerate(titles, 1)]
    assert positions == sorted(positions)
    assert "Käsikirjan ehdotus" in text


# Every table cell, definition and admonition whose content is wider than its box, or that ends right of
# the screen; and any table cell or safety-box text set smaller than the page's body text.
_CLIPPED = """() => {
  const width = document.documentElement.clientWidth;
  const body = parseFloat(getComputedStyle(document.querySelector('.md-typeset > p')).fontSize);
  const found = [];
  const visible = (el) => el.closest('tr') === null || el.closest('tr').clientWidth > 1;
  for (const el of document.querySelectorAll('.md-typeset :is(table, th, td, dl, dt, dd, .admonition, .md-typeset__table)')) {
    if (!visible(el)) continue;
    if (el.scrollWidth > el.clientWidth + 1) found.push(`clipped ${el.tagName}: ${el.textContent.trim().slice(0, 40)}`);
    if (el.getBoundingClientRect().right > width + 1) found.push(`off-screen ${el.tagName}: ${el.textContent.trim().slice(0, 40)}`);
  }
  for (const el of document.querySelectorAll('.md-typeset :is(td, th, .admonition p)')) {
    if (visible(el) && parseFloat(getComputedStyle(el).fontSize) < body - 0.01) found.push(`small ${el.tagName}: ${el.textContent.trim().slice(0, 40)}`);
  }
  return found;
}"""


@pytest.mark.parametrize(
    "path", ["menetelmat/", "menetelmat/aikajana/", "tapaamispohjat/keva-tyopajapaiva/", "vertailut/"]
)
def test_no_table_cuts_words_or_hides_columns_at_390_px(browser, site_url, path):
    context = browser.new_context(locale="fi-FI", viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + path)
    assert page.locator(".md-typeset table").count() > 0 or path == "menetelmat/aikajana/"
    found = page.evaluate(_CLIPPED)
    context.close()
    assert found == []


def test_at_390_px_every_value_shows_its_columns_name(browser, site_url):
    context = browser.new_context(locale="fi-FI", viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "menetelmat/")
    cell = page.locator("table.verme-table tbody td").nth(4)
    label = cell.evaluate("el => getComputedStyle(el, '::before').content")
    context.close()
    assert label == '"Tunnekuorma" ": "' or label == '"Tunnekuorma: "'


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_no_violations_in_the_new_views(browser, site_url, palette):
    found = {}
    for viewport, paths in (
        (PHONE, ["menetelmat/", "tapaamispohjat/teematapaaminen-lahi/", "kortit/vatupassi/"]),
        (None, ["kortit/", *CARDS, "mentorikoulutus/seminaari-4/"]),
    ):
        context = axe_context(browser)
        page = context.new_page()
        if viewport:
            page.set_viewport_size(viewport)
        page.goto(site_url)
        if palette == "dark":
            switch_to_dark(page)
        for path in paths:
            page.goto(site_url + path)
            if violations := axe_violations(page):
                found[f"{path} {viewport or 'desktop'}"] = violations
        context.close()
    assert found == {}
