"""The whole-handbook print view: every page on one page, each overview followed by its record pages.

Record pages stay out of the navigation (Material renders the whole navigation into every page), so the
print view follows the navigation and puts each overview's records after it. The pages' HTML is joined
in one pass, with ids prefixed per page and links between pages turned into links inside the page.
Free of MkDocs: pages are anything with .url, .title, .content and .file.src_uri.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from markupsafe import Markup

from .kinds import KIND_BY_FOLDER
from .site import Site, page_uri
from .views import records_in_order, tag_pages


class PrintSection:
    """A chapter of the print view, shaped like the MkDocs nav Section the print plugin reads."""

    is_page = False
    is_section = True
    is_link = False

    def __init__(self, children: list, title: str | None = None):
        self.children = children
        self._title = title

    @property
    def title(self) -> str:
        # A generated page learns its title from its h1 only when rendered, after the nav is built.
        return self._title or self.children[0].title


def overview_uri(kind: str) -> str:
    return KIND_BY_FOLDER[kind].overview_uri


def record_groups(site: Site) -> dict[str, list[str]]:
    """Overview page → the record pages printed after it, in reading order."""
    groups: dict[str, list[str]] = {}
    for kind in KIND_BY_FOLDER:
        uris = [page_uri(kind, record.id) for record in records_in_order(site, kind)]
        if uris:
            groups[overview_uri(kind)] = uris
    tags = [uri for uri, _axis, _value in tag_pages(site)]
    if tags:
        groups.setdefault(overview_uri("methods"), []).extend(tags)
    return groups


def print_items(nav_items: list, pages_after: dict[str, list], all_pages: Sequence = ()) -> list:
    """The navigation tree with each overview page turned into a chapter: the overview, then its pages.

    Pages found in neither (a hand-written page linked only from the footer, say) follow at the end,
    so that no link inside the print view points at a page it left out.
    """
    items = _chapters(nav_items, pages_after)
    placed = {page.file.src_uri for page in _pages_in(items)}
    return items + [page for page in all_pages if page.file.src_uri not in placed]


def _chapters(nav_items: list, pages_after: dict[str, list]) -> list:
    items = []
    for item in nav_items:
        if item.is_section:
            items.append(PrintSection(_chapters(item.children, pages_after), item.title))
        elif item.is_page and pages_after.get(item.file.src_uri):
            items.append(PrintSection([item, *pages_after[item.file.src_uri]]))
        else:
            items.append(item)
    return items


def _pages_in(items: list):
    for item in items:
        if item.is_section:
            yield from _pages_in(item.children)
        elif item.is_page:
            yield item


# ---------------------------------------------------------------- the whole handbook as one page

# Attributes that name an element of the page (prefixed so that ids stay unique on the combined page)
# and attributes that hold an address (turned into a link inside the combined page, or rebased).
_ID_ATTRIBUTES = frozenset({"id", "for", "aria-labelledby", "aria-describedby", "aria-controls"})
_URL_ATTRIBUTES = frozenset({"href", "src"})
# A start tag with attributes. Python-Markdown escapes "<", ">" and '"' inside attribute values.
_TAG = re.compile(r"<[a-zA-Z][^\s>/]*\s[^>]*>")
_ATTRIBUTE = re.compile(r'(\s)(id|for|href|src|aria-labelledby|aria-describedby|aria-controls)="([^"]*)"')


# Between a page's key and an id of that page: heading slugs never hold "--" (the toc extension folds
# runs of hyphens), so "vertailut" + "verme-ja-tyonohjaus" cannot meet the page "vertailut/verme-ja-tyonohjaus/".
SEPARATOR = "--"


def title_html(title: str) -> str:
    """A navigation title as HTML text. MkDocs gives a page's title as HTML (from its h1, entities escaped) and
    a title from mkdocs.yml as written; as Material's page title does, strip tags, then escape once."""
    return html.escape(Markup(title).striptags(), quote=False)  # noqa: S704 (only stripped, then escaped)


def _location(url: str) -> str:
    """A page address in one spelling, for lookup: 'a/b/', 'a/b/index.html' and 'a/b' are one page."""
    path = posixpath.normpath(url or ".")
    if path == "index.html" or path.endswith("/index.html"):
        path = posixpath.dirname(path) or "."
    return path


def page_key(url: str) -> str:
    """A page's id on the combined page: 'menetelmat/aikajana/' → 'menetelmat-aikajana', '' → 'index'."""
    location = _location(url)
    return "index" if location == "." else location.removesuffix(".html").replace("/", "-")


class CombinedPage:
    """Pages' HTML put together as one page: ids prefixed per page, links between pages made anchors.

    Linear in the size of the pages: one pass of one pattern over each page's tags. `url` is the combined
    page's own address; `printed` holds the addresses of the pages on it.
    """

    def __init__(self, url: str, printed):
        self.url = url
        self._folder = (url.rstrip("/") if url.endswith("/") else posixpath.dirname(url)) or "."
        self._printed = {_location(address) for address in printed}
        # Pages of one folder link to the same few addresses (overviews, terms, sources) again and again.
        self._addresses: dict[tuple[str, str], str] = {}

    def section(self, html: str, page_url: str) -> str:
        key = page_key(page_url)
        folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url)

        def attribute(match: re.Match) -> str:
            space, name, value = match.groups()
            if name in _ID_ATTRIBUTES:
                value = " ".join(f"{key}{SEPARATOR}{token}" for token in value.split())
            else:
                value = self._address(value, folder, key)
            return f'{space}{name}="{value}"'

        def tag(match: re.Match) -> str:
            text = match.group()
            return _ATTRIBUTE.sub(attribute, text) if '="' in text else text

        return f'<section class="verme-print-page" id="{key}">{_TAG.sub(tag, html)}</section>'

    def _address(self, value: str, folder: str, key: str) -> str:
        if value.startswith("#"):
            return f"#{key}{SEPARATOR}{value[1:]}" if len(value) > 1 else f"#{key}"
        known = self._addresses.get((folder, value))
        if known is None:
            known = self._addresses[folder, value] = self._resolve(value, folder)
        return known

    def _resolve(self, value: str, folder: str) -> str:
        parts = urlsplit(html.unescape(value))
        if parts.scheme or parts.netloc or not parts.path:
            return value  # another host, mailto:, or a query on the page itself
        target = posixpath.normpath(posixpath.join(folder, parts.path))
        if _location(target) in self._printed:
            printed = page_key(target)
            return html.escape(
                f"#{printed}{SEPARATOR}{parts.fragment}" if parts.fragment else f"#{printed}", quote=True
            )
        # A page left out of the print view, or a file: the same address, seen from the combined page.
        rebased = posixpath.relpath(target, self._folder)
        if parts.path.endswith("/") and not rebased.endswith("/"):
            rebased += "/"
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return html.escape(rebased + fragment, quote=True)


def combine(items: list, url: str, excluded: tuple[str, ...] = ()) -> tuple[str, list[tuple[int, str, str]]]:
    """The combined page's HTML for the print items, and its table of contents as (depth, title, id).

    Items are pages (with .url, .title, .content and .file.src_uri) and PrintSection chapters. Pages
    whose source starts with an excluded prefix, and pages without content (not rebuilt by a dirty
    build), are left out.
    """

    def included(page) -> bool:
        return bool(page.content) and not page.file.src_uri.startswith(excluded)

    pages = [page for page in _pages_in(items) if included(page)]
    combined = CombinedPage(url, [page.url for page in pages])
    parts: list[str] = []
    contents: list[tuple[int, str, str]] = []

    def walk(children: list, depth: int, number: str) -> None:
        for index, item in enumerate(children, 1):
            if item.is_page:
                if included(item):
                    key = page_key(item.url)
                    contents.append((depth, item.title, key))
                    parts.append(combined.section(item.content, item.url))
                continue
            if not item.is_section:
                continue
            chapter = f"osa-{number}{index}"
            parts.append(f'<section class="verme-print-chapter" id="{chapter}">')
            rest = item.children
            first = rest[0] if rest else None
            if first is not None and first.is_page and first.title == item.title and included(first):
                # The chapter's own page (an overview) opens it; its heading is the chapter's title.
                walk([first], depth, f"{number}{index}-")
                rest = rest[1:]
            else:
                contents.append((depth, item.title, chapter))
                parts.append(f"<h1>{title_html(item.title)}</h1>")
            walk(rest, depth + 1, f"{number}{index}-")
            parts.append("</section>")

    walk(items, 0, "")
    return "".join(parts), contents


def contents_html(contents: list[tuple[int, str, str]], title: str) -> str:
    """The table of contents as nested lists, with its heading."""
    out = [
        f'<nav class="verme-print-toc" aria-labelledby="verme-print-toc-title"><h2 id="verme-print-toc-title">{html.escape(title)}</h2>'
    ]
    depth = -1
    for level, name, anchor in contents:
        if level > depth:
            out.append("<ul>" * (level - depth))
        else:
            out.append("</li>" + "</ul></li>" * (depth - level))
        out.append(f'<li><a href="#{anchor}">{title_html(name)}</a>')
        depth = level
    out.append("</li>" + "</ul></li>" * depth + "</ul>" if depth >= 0 else "")
    out.append("</nav>")
    return "".join(out)
