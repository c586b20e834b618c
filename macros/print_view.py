"""The whole-handbook print view: the navigation's pages, each overview followed by its record pages.

Record pages stay out of the navigation (Material renders the whole navigation into every page), so
mkdocs-print-site-plugin, which prints what the navigation holds, gets this longer list instead.
"""

from __future__ import annotations

from .models import KIND_BY_FOLDER
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
    return f"{KIND_BY_FOLDER[kind].url_prefix}/index.md"


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


def print_items(nav_items: list, pages_after: dict[str, list], all_pages: list = ()) -> list:
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
