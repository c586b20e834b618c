"""Passes over the written site (site/*.html) that both engines' edges run after their build.

What no engine-free step can do before the pages are rendered happens here, on each page's main content
(the theme's `<article>`): the glossary explanations made reachable with the keyboard, then the whole
handbook assembled on one page from the pages as written. Each pass is a function (pages, plan) → None;
PASSES lists them in order, and a new pass (the search index, say) is one more entry.
Every pass can run again on a site it has already finished (a dev server rewrites only some pages).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .build import BuildPlan, page_file, print_placeholder
from .glossary import keyboard_reachable
from .print_view import PrintSection, combine, contents_html, print_items
from .search_index import write_search_index

# Material's and Zensical's page templates put the page's content, and only it, inside this element.
_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)
# What the theme puts before the content inside the article: whitespace, and Zensical's skip-link target.
_THEME_PREFIX = re.compile(r'\s*(?:<a id="__skip" tabindex="-1"></a>\s*)?')
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
PRINT_INTRO = (
    '<p class="verme-no-print">Koko käsikirja yhdellä sivulla: tulosta se tai tallenna PDF-tiedostoksi '
    "selaimen tulostustoiminnolla (Ctrl + P).</p>"
)


class WrittenPages:
    """The site's HTML pages by source URI: read once, the main content replaced, written back by flush()."""

    def __init__(self, site_dir: Path | str, plan: BuildPlan):
        self.site_dir = Path(site_dir)
        self.plan = plan
        self._html: dict[str, str] = {}
        self._changed: set[str] = set()

    def uris(self) -> list[str]:
        """Every page of the plan that the build wrote (a dev server may leave some out)."""
        return [uri for uri in self.plan.documents if self.path(uri).is_file()]

    def path(self, uri: str) -> Path:
        return page_file(self.site_dir, self.plan.url_of(uri))

    def html(self, uri: str) -> str:
        if uri not in self._html:
            self._html[uri] = self.path(uri).read_text(encoding="utf-8")
        return self._html[uri]

    def content(self, uri: str) -> str:
        """The page's main content: its HTML as the engine rendered it from Markdown."""
        match = _ARTICLE.search(self.html(uri))
        if match is None:
            return ""
        inner = match.group(2)
        return inner[_theme_prefix_end(inner) :].rstrip()

    def set_content(self, uri: str, content: str) -> None:
        page = self.html(uri)
        match = _ARTICLE.search(page)
        if match is None or self.content(uri) == content:
            return
        inner = match.group(2)
        # What the theme wrote around the content stays as it was.
        start = match.start(2) + _theme_prefix_end(inner)
        end = match.start(2) + len(inner.rstrip())
        self._html[uri] = f"{page[:start]}{content}{page[end:]}"
        self._changed.add(uri)

    def flush(self) -> None:
        for uri in sorted(self._changed):
            self.path(uri).write_text(self._html[uri], encoding="utf-8")
        self._changed.clear()


# ---------------------------------------------------------------- passes


def glossary_focus(pages: WrittenPages, plan: BuildPlan) -> None:
    """The first explanation of each term on a page focusable, the others unwrapped (macros/glossary.py)."""
    for uri in pages.uris():
        content = pages.content(uri)
        if "<abbr" in content:
            pages.set_content(uri, keyboard_reachable(content))


def whole_handbook(pages: WrittenPages, plan: BuildPlan) -> None:
    """The whole-handbook page: every page's content in reading order, links between pages made anchors."""
    printed = plan.print_page
    if printed is None or not pages.path(printed.uri).is_file():
        return
    written = {uri: _Page(uri, plan.url_of(uri), pages) for uri in pages.uris()}
    nav = _nav_items(plan.settings.nav, written)
    groups = {uri: [written[u] for u in uris if u in written] for uri, uris in printed.groups.items()}
    items = print_items(nav, groups, list(written.values()))
    body, contents = combine(items, plan.url_of(printed.uri), printed.excluded)
    placeholder = print_placeholder(printed.title)
    pages.set_content(
        printed.uri, placeholder.replace("</div>", f"{PRINT_INTRO}{contents_html(contents, 'Sisällys')}{body}</div>")
    )


PASSES: tuple[Callable[[WrittenPages, BuildPlan], None], ...] = (glossary_focus, whole_handbook)


def run(site_dir: Path | str, plan: BuildPlan) -> None:
    """Every pass over the site written into `site_dir`, in order; the changed pages written once."""
    pages = WrittenPages(site_dir, plan)
    for finish in PASSES:
        finish(pages, plan)
    pages.flush()
    # The search index reads the pages as finished, from disk.
    write_search_index(pages.site_dir, plan.settings.cache_dir)


# ---------------------------------------------------------------- the navigation as print_view reads it


class _Page:
    """A written page as print_view reads a page: .url, .title, .content and .file.src_uri."""

    is_page = True
    is_section = False
    is_link = False

    def __init__(self, uri: str, url: str, pages: WrittenPages, title: str | None = None):
        self.src_uri = uri
        self.url = url
        self._pages = pages
        self._title = title

    @property
    def file(self) -> _Page:
        return self

    @property
    def content(self) -> str:
        return self._pages.content(self.src_uri)

    @property
    def title(self) -> str:
        # As MkDocs names a page: the title given in the navigation, else the text of its first heading.
        if self._title is not None:
            return self._title
        heading = _H1.search(self.content)
        return _HEADERLINK.sub("", heading.group(1)) if heading else self.src_uri

    def titled(self, title: str | None) -> _Page:
        return _Page(self.src_uri, self.url, self._pages, title)


class _Link:
    is_page = False
    is_section = False
    is_link = True


def _theme_prefix_end(inner: str) -> int:
    """Where the content starts inside the article (the prefix pattern is all optional, so it always matches)."""
    prefix = _THEME_PREFIX.match(inner)
    return prefix.end() if prefix else 0


def _nav_items(nav: list, written: dict[str, _Page]) -> list:
    """mkdocs.yml's `nav:` (plain data) as print_view's items: sections, pages, links."""
    items: list[PrintSection | _Page | _Link] = []
    for entry in nav:
        title, value = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
        if isinstance(value, list):
            items.append(PrintSection(_nav_items(value, written), title))
        elif isinstance(value, str) and value in written:
            items.append(written[value].titled(title))
        else:
            items.append(_Link())
    return items
