"""The built handbook as a reader walks it: links and anchors resolve, records are near the home page,
every page has one h1 and a title and some content."""

from __future__ import annotations

import posixpath
from collections import deque
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from macros.kinds import KINDS
from macros.load import load_catalogue

from .conftest import ROOT

PRINT_PAGE = "koko-kasikirja/index.html"
# The planner keeps its state in the fragment (#pohja=…, #suunnitelma=…): not anchors of the page.
STATE_FRAGMENTS = ("pohja=", "suunnitelma=")
# Pages the whole-handbook print view leaves out (the verme plugin's `print_exclude` in mkdocs.yml) and the
# print page itself: links to them cannot land inside the print page.
NOT_IN_PRINT = ("suunnittelija", "koko-kasikirja")


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _ids(soup: BeautifulSoup) -> set[str]:
    return {str(tag["id"]) for tag in soup.find_all(id=True)} | {
        str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})
    }


def _target(site: Path, page: str, href: str) -> tuple[str | None, str]:
    """(site-relative file the href opens, or None if external; its fragment)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:")):
        return None, ""
    if not parts.path:
        return page, unquote(parts.fragment)
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if href.split("#")[0].endswith("/") or (site / path).is_dir():
        path = posixpath.join(path, "index.html")
    return path, unquote(parts.fragment)


def _internal_links(site: Path, page: str):
    soup = _soup(site / page)
    for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
        for element in soup.find_all(tag, attrs={attribute: True}):
            target, fragment = _target(site, page, str(element[attribute]))
            if target is not None:
                yield element[attribute], target, fragment


def _record_pages() -> set[str]:
    catalogue = load_catalogue(ROOT / "curriculum")
    return {
        f"{kind.url_prefix}/{record_id}/index.html" for kind in KINDS for record_id in catalogue.records[kind.folder]
    }


def test_every_internal_link_and_anchor_resolves(real_site):
    broken = []
    for page in _pages(real_site):
        if page in (PRINT_PAGE, "404.html"):
            continue  # checked below / its links are absolute by design, for any missing address
        for href, target, fragment in _internal_links(real_site, page):
            if not (real_site / target).is_file():
                broken.append(f"{page}: {href} (no file {target})")
            elif (
                fragment
                and not fragment.startswith(STATE_FRAGMENTS)
                and target.endswith(".html")
                and fragment not in _ids(_soup(real_site / target))
            ):
                broken.append(f"{page}: {href} (no anchor #{fragment} in {target})")
    assert broken == []


def test_links_inside_the_whole_handbook_print_page_land_on_its_own_anchors(real_site):
    soup = _soup(real_site / PRINT_PAGE)
    ids = _ids(soup)
    anchors = [a["href"][1:] for a in soup.select("#verme-print a[href^='#']")]
    assert len(anchors) > 500
    dangling = {a for a in anchors if a not in ids and not a.startswith(NOT_IN_PRINT)}
    assert dangling == set()


def test_every_record_page_is_within_three_clicks_of_the_home_page(real_site):
    depth = {"index.html": 0}
    queue = deque(["index.html"])
    while queue:
        page = queue.popleft()
        if depth[page] == 3:
            continue
        for _href, target, _fragment in _internal_links(real_site, page):
            if target.endswith(".html") and target not in depth and (real_site / target).is_file():
                depth[target] = depth[page] + 1
                queue.append(target)
    records = _record_pages()
    assert len(records) > 100
    assert sorted(records - depth.keys()) == []


@pytest.mark.parametrize("check", ["one h1", "a title", "content"])
def test_every_page_has_one_h1_a_title_and_content(real_site, check):
    problems = []
    for page in _pages(real_site):
        soup = _soup(real_site / page)
        article = soup.find("article")
        if check == "one h1" and page != PRINT_PAGE and len(soup.find_all("h1")) != 1:
            problems.append(f"{page}: {len(soup.find_all('h1'))} h1 elements")
        if check == "a title" and not (soup.title and soup.title.get_text(strip=True)):
            problems.append(f"{page}: no <title>")
        if check == "content":
            heading = article.find("h1") if article else None
            body = article.get_text(" ", strip=True) if article else ""
            if heading is None or len(body) - len(heading.get_text(strip=True)) < 40:
                problems.append(f"{page}: no text beyond its heading")
    assert problems == []


def test_the_walk_covers_every_kind_of_page(real_site):
    pages = set(_pages(real_site))
    assert _record_pages() <= pages
    for overview in (
        "menetelmat",
        "mentorikoulutus",
        "kriisi-ja-etajohtaminen",
        "tapaamispohjat",
        "kasitteet",
        "lahteet",
        "periaatteet",
        "ryhmaprosessit",
        "vertailut",
        "varhainen-tuki",
        "keskusteluaiheet",
    ):
        assert f"{overview}/index.html" in pages
    assert {"menetelmat/vaihe/aloitus/index.html", "menetelmat/perhe/kertoi/index.html", PRINT_PAGE} <= pages
