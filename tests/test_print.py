"""Print to PDF in real Chromium: the page's content without navigation, readable links, a session
template on one A4 sheet, and the whole handbook as one document. Text is read back with pypdf and
compared as a reader reads it (tests/pdf.py: NFKC, so a font's 'ﬁ' ligature reads 'fi')."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.load import load_catalogue, session_plan
from macros.timing import facts_from_method, format_clock, schedule

from .browser import FONTS_CONF, serve
from .conftest import ROOT, make_project, mkdocs_build
from .pdf import as_read, fonts_of, page_text, print_pdf, text_of

A4_POINTS = (595.28, 841.89)
# Text that only the screen furniture has: header, navigation, table of contents, search, keywords.
SCREEN_ONLY = ("Sisällysluettelo", "Siirry sisältöön", "Käsikirjan ylläpito", "Hakusanat", "Hae")


def is_a4(pdf_page) -> bool:
    width, height = float(pdf_page.mediabox.width), float(pdf_page.mediabox.height)
    return abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "curriculum")


def test_a_method_page_prints_its_content_and_nothing_of_the_screen(page, site_url):
    pdf = print_pdf(page, site_url + "menetelmat/aikajana/")
    text = text_of(pdf)
    for expected in (
        "Aikajana",
        "Kesto 45–90 min",
        "Ryhmän koko 3–10 henkeä",
        "Kulku",
        "1. Ohjeistus (5 min). Kerro aihe ja aikaväli",
        "Ohjaajan huomioitavaa",
        "Missä menetelmää käytetään",
        "Sivu 1",
    ):
        assert expected in text
    for furniture in SCREEN_ONLY:
        assert furniture not in text
    assert all(is_a4(sheet) for sheet in pdf.pages)


def test_every_session_template_prints_on_exactly_one_a4_sheet(page, site_url, catalogue):
    facts = {method_id: facts_from_method(method) for method_id, method in catalogue.methods.items()}
    for session_id, session in catalogue.sessions.items():
        pdf = print_pdf(page, site_url + f"tapaamispohjat/{session_id}/")
        assert len(pdf.pages) == 1, f"{session_id}: {len(pdf.pages)} pages"
        assert is_a4(pdf.pages[0])
        text = text_of(pdf)
        assert as_read(session.title) in text
        for block in schedule(session_plan(session), facts).blocks:
            assert f"{format_clock(block.start)}–{format_clock(block.end)}" in text, (session_id, block.title)
        assert "suunnittelijassa" not in text and "Hakusanat" not in text


def test_the_session_template_sheet_reads_as_a_timetable(page, site_url):
    text = text_of(print_pdf(page, site_url + "tapaamispohjat/teematapaaminen-lahi/"))
    assert (
        "Tapaamismuoto: lähitapaaminen · Ryhmän koko: 6 henkeä (Käsikirjan ehdotus) · Kello: 13.00–15.00 · Kesto: 2 h"
        in text
    )
    assert "Klo Kesto Ohjelma Huomiot" in text
    assert "13.00–13.18 18 min Kuulumiskierros" in text
    assert "14.48–15.00 12 min Palautekierros" in text


def test_external_links_print_their_address(tmp_path, browser):
    project = make_project(tmp_path)
    (project / "docs" / "ulkoinen.md").write_text(
        "# Ulkoinen linkki\n\nLisätietoa [Traficomin sivuilta](https://www.traficom.fi/fi/saavutettavuus) ja "
        "[menetelmistä](menetelmat/index.md).\n",
        encoding="utf-8",
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as url:
        page = browser.new_page()
        text = text_of(print_pdf(page, url + "ulkoinen/"))
        page.close()
    assert "Traficomin sivuilta (https://www.traficom.fi/fi/saavutettavuus)" in text
    assert "menetelmistä." in text  # an internal link keeps its text alone


def test_text_is_compared_as_read_whatever_glyphs_the_font_used():
    # 'ﬁ' is the ligature glyph DejaVu Sans prints for 'fi'; the no-break space comes from Finnish numbers.
    assert (
        as_read("Traﬁcomin sivuilta (https://www.traﬁcom.ﬁ/ﬁ/)\n1\u00a0234")
        == "Traficomin sivuilta (https://www.traficom.fi/fi/) 1 234"
    )


def test_pages_print_only_in_the_fonts_the_set_up_installs(page, site_url):
    # The fonts decide where lines break and so how many sheets a page takes: tests/fonts/fonts.conf lets
    # the test Chromium see only these files, and scripts/setup.sh installs them.
    files = [Path(name) for name in re.findall(r"<glob>(/[^<*]+\.ttf)</glob>", FONTS_CONF.read_text(encoding="utf-8"))]
    assert files and all(file.is_file() for file in files), files
    installed = {file.stem for file in files}  # a font's PostScript name is its file's stem: DejaVuSans-Bold
    used = set()
    for address in ("menetelmat/aikajana/", "tapaamispohjat/teematapaaminen-lahi/", "kasitteet/"):
        used |= fonts_of(print_pdf(page, site_url + address))
    assert "DejaVuSans" in used and used <= installed, used


def test_the_whole_handbook_prints_as_one_document(page, site_url, catalogue):
    pdf = print_pdf(page, site_url + "koko-kasikirja/")
    assert len(pdf.pages) > 100
    assert all(is_a4(sheet) for sheet in pdf.pages[:3])
    first = page_text(pdf.pages[0])
    assert "Sisällys" in first
    text = text_of(pdf)
    for method in catalogue.methods.values():
        assert as_read(method.name) in text
    for session in catalogue.sessions.values():
        assert as_read(session.title) in text
