"""Checks of a built site, run by the publish command before it swaps a build into place.

Reads files only (no MkDocs, no browser): each check returns problems as 'path: what is wrong' lines,
so the publish command and the tests report them the same way.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

# Attributes through which a page loads something by itself (links the reader clicks are not loads).
_LOADING_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
}
# An absolute URL ("https://…") or a protocol-relative one ("//host/…") reaches another host.
_OTHER_HOST = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""", re.IGNORECASE)
# `@import url(…)` is already a url(); this catches the bare string form `@import "…"`.
_CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)""", re.IGNORECASE)
# <link> relations that only name another address (site_url makes the canonical one absolute); others load.
_REFERENCE_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help", "bookmark"}
REQUIRED_FILES = ("index.html", "404.html", "assets/search/index.js", "assets/planner/index.json")


class _PageScan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.loads: list[str] = []
        self.images_without_alt: list[str] = []
        self.inline_css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        names = () if tag == "link" and _is_reference_only(values.get("rel")) else _LOADING_ATTRIBUTES.get(tag, ())
        for name in names:
            if values.get(name):
                self.loads.append(values[name])
        if tag == "img" and not (values.get("alt") or "").strip() and values.get("role") != "presentation":
            self.images_without_alt.append(values.get("src") or "?")
        if values.get("style"):
            self.inline_css.append(values["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.inline_css.append(data)


def _is_reference_only(rel: str | None) -> bool:
    words = set((rel or "").lower().split())
    return bool(words) and words <= _REFERENCE_RELS


def css_references(css: str) -> list[str]:
    return _CSS_URL.findall(css) + _CSS_IMPORT.findall(css)


def external_loads(site: Path) -> list[str]:
    """Every src/href of a loading element, and every CSS url()/@import, that points at another host."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        scan = _scan(page)
        references = scan.loads + [ref for css in scan.inline_css for ref in css_references(css)]
        problems += [f"{_shown(site, page)}: loads {ref}" for ref in references if _OTHER_HOST.match(ref)]
    for sheet in sorted(site.rglob("*.css")):
        references = css_references(sheet.read_text(encoding="utf-8", errors="replace"))
        problems += [f"{_shown(site, sheet)}: loads {ref}" for ref in references if _OTHER_HOST.match(ref)]
    return problems


def page_problems(site: Path, language: str = "fi") -> list[str]:
    """Pages without <html lang="fi"> and images without a text alternative."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        scan = _scan(page)
        if scan.lang != language:
            problems.append(f'{_shown(site, page)}: expected <html lang="{language}">, received {scan.lang!r}')
        problems += [f"{_shown(site, page)}: image {src} has no alt text" for src in scan.images_without_alt]
    return problems


def structure_problems(site: Path, directory_urls: bool = True) -> list[str]:
    required = (
        REQUIRED_FILES
        if directory_urls
        else ("index.html", "404.html", "assets/search/index.js", "assets/planner/index.json")
    )
    problems = [f"{name}: expected in the build, missing" for name in required if not (site / name).is_file()]
    index = site / "assets" / "planner" / "index.json"
    if index.is_file():
        try:
            json.loads(index.read_text(encoding="utf-8"))
        except ValueError as error:
            problems.append(f"assets/planner/index.json: expected JSON, received text that fails at {error}")
    return problems


def check_site(site: Path, directory_urls: bool = True) -> list[str]:
    """Every problem of a built site; empty when it may be published."""
    return structure_problems(site, directory_urls) + page_problems(site) + external_loads(site)


def _scan(page: Path) -> _PageScan:
    scan = _PageScan()
    scan.feed(page.read_text(encoding="utf-8", errors="replace"))
    return scan


def _shown(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()
