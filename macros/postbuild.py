"""Passes over the written site (site/*.html) that both engines' edges run after their build.

What no engine-free step can do before the pages are rendered happens here, on each page's main content
(the theme's `<article>`): the whole handbook assembled on one page from the pages as written, and the
search index (macros/search_index.py) written beside it by a second process. The glossary's first uses
are made focusable earlier, inside the Markdown conversion (macros/glossary_pattern.py).
Each pass is a function (pages, plan) → None; PASSES lists them in order. Every pass can run again on a
site it has already finished (a dev server rewrites only some pages).
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from .build import BuildPlan, page_file, print_placeholder
from .files import write_whole
from .print_view import PrintSection, combine, contents_html, print_items

# Material's and Zensical's page templates put the page's content, and only it, inside this element.
_ARTICLE_START, _ARTICLE_END = '<article class="md-content__inner md-typeset">', "</article>"
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
        self._content: dict[str, str] = {}
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
        if uri not in self._content:
            page = self.html(uri)
            span = _content_span(page)
            self._content[uri] = page[span[0] : span[1]] if span else ""
        return self._content[uri]

    def set_content(self, uri: str, content: str) -> None:
        page = self.html(uri)
        span = _content_span(page)
        if span is None or self.content(uri) == content:
            return
        # What the theme wrote around the content stays as it was.
        self._html[uri] = f"{page[: span[0]]}{content}{page[span[1] :]}"
        self._content[uri] = content
        self._changed.add(uri)

    def relative_path(self, uri: str) -> str:
        """The page's HTML file from the site root: 'koko-kasikirja/index.html'."""
        return self.path(uri).relative_to(self.site_dir).as_posix()

    def flush(self, allowed: set[str] | None = None) -> None:
        """Write the changed pages; with `allowed`, refuse to write any page outside it."""
        if allowed is not None and not self._changed <= allowed:
            raise RuntimeError(f"A pass rewrote pages it may not: {sorted(self._changed - allowed)}")
        for uri in sorted(self._changed):
            # Whole or not at all: the search index reads the site meanwhile.
            write_whole(self.path(uri), self._html[uri])
        self._changed.clear()


# ---------------------------------------------------------------- passes


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


PASSES: tuple[Callable[[WrittenPages, BuildPlan], None], ...] = (whole_handbook,)


def run(site_dir: Path | str, plan: BuildPlan, search: SearchIndexJob | None = None) -> None:
    """Every pass over the site written into `site_dir`, in order; the changed pages written once.

    The search index is written meanwhile by `search` (started with the plan, else now). It reads the
    pages as finished; the passes rewrite only the whole-handbook page, which it leaves out, and
    WrittenPages refuses to write any other.
    """
    pages = WrittenPages(site_dir, plan)
    rewritten = {plan.print_page.uri} if plan.print_page else set()
    search = search or SearchIndexJob.start(plan, analyse_sources=False)
    try:
        search.write(pages.site_dir, [pages.relative_path(uri) for uri in rewritten])
        for finish in PASSES:
            finish(pages, plan)
        pages.flush(allowed=rewritten)
    except BaseException:
        search.cancel()
        raise
    search.wait()


class SearchIndexJob:
    """The search index, written by a second process (`python -m macros.search_index`; two cores).

    Started when the plan is made, it analyses the words of the curriculum and docs/ while the engine
    builds (the first build of a clone has no analyses kept); told the site's folder after the build, it
    writes the index while the passes finish the site. An edge whose build fails cancels it.
    """

    def __init__(self, process: subprocess.Popen):
        self._process = process

    @classmethod
    def start(cls, plan: BuildPlan, analyse_sources: bool = True) -> SearchIndexJob:
        command = [sys.executable, "-m", "macros.search_index"]
        if plan.settings.cache_dir:
            command += ["--cache", str(plan.settings.cache_dir)]
        if analyse_sources:
            for folder in (plan.curriculum, plan.settings.docs_dir):
                command += ["--sources", str(folder)]
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        return cls(process)

    def write(self, site_dir: Path, skip: list[str]) -> None:
        assert self._process.stdin is not None  # noqa: S101 (narrowing: started with a pipe)
        with contextlib.suppress(OSError):  # it has stopped already: wait() reports what it said
            self._process.stdin.write(json.dumps({"site": str(site_dir), "skip": skip}) + "\n")
        self._close_input()

    def wait(self) -> None:
        self._close_input()
        errors = self._process.stderr.read() if self._process.stderr else ""
        if self._process.wait() != 0:
            raise RuntimeError(f"The search index was not written (exit code {self._process.returncode}):\n{errors}")

    def cancel(self) -> None:
        """The build failed: the job ends without writing, its analyses kept (unless told the site already)."""
        self._close_input()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def _close_input(self) -> None:
        try:
            if self._process.stdin is not None and not self._process.stdin.closed:
                self._process.stdin.close()
        except OSError:
            pass


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


def _content_span(page: str) -> tuple[int, int] | None:
    """Where the content is in a page: inside the article, after the theme's prefix, before trailing space."""
    start = page.find(_ARTICLE_START)
    if start < 0:
        return None
    start += len(_ARTICLE_START)
    end = page.find(_ARTICLE_END, start)
    if end < 0:
        return None
    prefix = _THEME_PREFIX.match(page, start)
    start = prefix.end() if prefix else start
    while end > start and page[end - 1].isspace():
        end -= 1
    return start, end


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
