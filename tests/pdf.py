"""Text read back from a printed PDF as a reader reads it, whatever fonts the machine printed with.

A font may draw 'fi' as the one ligature glyph 'ﬁ' (U+FB01), and the PDF's text layer then says 'ﬁ';
other glyphs come back as their compatibility forms too. Unicode NFKC folds them to what a reader
sees ('fi'), and runs of white space (line breaks, no-break spaces) to one space. Every test that
reads PDF text compares through this module: both the extracted text and what it expects.
"""

from __future__ import annotations

import io
import unicodedata

from pypdf import PdfReader


def as_read(text: str) -> str:
    """`text` NFKC-normalised with its white space collapsed to single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def print_pdf(page, url: str) -> PdfReader:
    """Open `url` in a Playwright page and print it as Chromium's print dialog would (CSS page size)."""
    page.goto(url)
    return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))


def page_text(pdf_page) -> str:
    return as_read(pdf_page.extract_text())


def text_of(pdf: PdfReader) -> str:
    """Every sheet's text, as read, one space between sheets."""
    return " ".join(page_text(sheet) for sheet in pdf.pages)


def fonts_of(pdf: PdfReader) -> set[str]:
    """The family names of the fonts the PDF embeds ('DejaVuSans-Bold' for 'ABCDEF+DejaVuSans-Bold')."""
    names = set()
    for sheet in pdf.pages:
        fonts = sheet.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            name = str(font.get_object().get("/BaseFont", ""))
            names.add(name.lstrip("/").split("+", 1)[-1])
    return names
