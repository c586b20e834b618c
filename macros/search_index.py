"""The search index, written after the build from the built pages (site/**/*.html), so that every engine
gets the same search: one pass over each page's article, its title, sections (h2/h3 with their anchors)
and text, every word through the Finnish analyser (macros/finnish.py).

Written into the site: assets/search/index.js, a classic script (it loads from file:// too, where
browsers refuse fetch and ES modules) that sets `window.__vermeSearchIndex` to

    {"v": 1,
     "pages": [[path, title], ...],                 # path of the page's HTML file, from the site root
     "docs": [[page, anchor, heading, text, keywords], ...],   # one per section
     "forms": {"luottamuksesta": "luottamus", "vertaistukiryhmässä": "vertaistukiryhmä|vertaistuki ryhmä",
               "jana": "", ...}}

`forms` has every word form of the indexed text with the terms it stands for besides itself: its base
forms, then after "|" the parts of a compound (left out when there are none); the browser
indexes and queries through it (docs/assets/search/search.js). Page extracts and word analyses are kept
in the cache folder, so a rebuild analyses only new words and parses only changed pages.

Engine-free: it reads only the written HTML and needs only the site folder and the cache folder.
macros/postbuild.py runs it in a second process (`python -m macros.search_index SITE --cache DIR
--skip PAGE`) while its passes finish the site: they rewrite only the whole-handbook page, which the index
leaves out by its path (and by its id="verme-print" wherever it is found).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from .files import write_whole
from .finnish import WORD, Analyser

INDEX_PATH = "assets/search/index.js"
# Version of the extraction rules below: a change empties the page cache.
EXTRACT_RULES = "1"
GLOBAL = "__vermeSearchIndex"
# Not indexed: the whole handbook on one page (it repeats every page) and anything without an article.
_SKIP_MARK = 'id="verme-print"'
_KEYWORDS_CLASS = "verme-keywords"
_KEYWORDS_PREFIX = "Hakusanat:"
_SECTION_TAGS = {"h1", "h2", "h3"}
_SKIPPED_TAGS = {"script", "style", "template", "svg", "button", "form", "noscript"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCKS = {"p", "li", "dt", "dd", "td", "th", "div", "tr", "blockquote", "figcaption", "pre", "section"}
_SPACES = re.compile(r"\s+")


class _ArticleParser(HTMLParser):
    """Sections of one article: [anchor, heading, text], and the page's keywords paragraph."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections: list[list] = [["", "", []]]
        self.keywords: list[str] = []
        self._stack: list[str] = []
        self._skip_depth = 0
        self._heading: list[str] | None = None
        self._heading_depth = 0
        self._keywords_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        self._stack.append(tag)
        depth = len(self._stack)
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if self._skip_depth:
            return
        if tag in _SKIPPED_TAGS or "headerlink" in classes:
            self._skip_depth = depth
            return
        if tag in _SECTION_TAGS and self._heading is None:
            self._heading = []
            self._heading_depth = depth
            self._heading_anchor = attributes.get("id") or ""
            self._heading_tag = tag
        elif _KEYWORDS_CLASS in classes and not self._keywords_depth:
            self._keywords_depth = depth
        elif tag in _BLOCKS:
            self._text(" ")

    def handle_endtag(self, tag):
        if tag in _VOID or not self._stack:
            return
        # Tolerate unclosed tags: pop up to the matching one.
        if tag not in self._stack:
            return
        while self._stack:
            depth = len(self._stack)
            open_tag = self._stack.pop()
            if self._skip_depth and depth <= self._skip_depth:
                self._skip_depth = 0
            elif self._heading is not None and depth == self._heading_depth:
                heading = _SPACES.sub(" ", "".join(self._heading)).strip()
                self._heading = None
                if self._heading_tag == "h1" and len(self.sections) == 1 and not self.sections[0][0]:
                    self.sections[0][:2] = [self._heading_anchor, heading]
                else:
                    self.sections.append([self._heading_anchor, heading, []])
            elif self._keywords_depth and depth == self._keywords_depth:
                self._keywords_depth = 0
            if open_tag == tag:
                break
        if tag in _BLOCKS:
            self._text(" ")

    def handle_data(self, data):
        if self._skip_depth:
            return
        if self._heading is not None:
            self._heading.append(data)
        elif self._keywords_depth:
            self.keywords.append(data)
        else:
            self._text(data)

    def _text(self, data):
        self.sections[-1][2].append(data)


def _article(html: str) -> str | None:
    start = html.find("<article")
    end = html.rfind("</article>")
    if start < 0 or end < 0 or _SKIP_MARK in html[start:end]:
        return None
    return html[start:end]


def _title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    if not match:
        return ""
    from html import unescape

    title = unescape(match.group(1)).strip()
    # "Aikajana - Verme-käsikirja" → "Aikajana"; the home page's title is the site name alone.
    head, separator, _ = title.rpartition(" - ")
    return head if separator else title


def extract_page(html: str) -> dict | None:
    """The searchable parts of one built page, or None for a page that is not indexed."""
    article = _article(html)
    if article is None:
        return None
    parser = _ArticleParser()
    parser.feed(article)
    parser.close()
    keywords = _SPACES.sub(" ", "".join(parser.keywords)).strip()
    keywords = keywords.removeprefix(_KEYWORDS_PREFIX).strip()
    sections = []
    for anchor, heading, text in parser.sections:
        text = _SPACES.sub(" ", "".join(text)).strip()
        if heading or text:
            sections.append([anchor, heading, text])
    title = sections[0][1] if sections and sections[0][1] else _title(html)
    return {"title": title or _title(html), "sections": sections, "keywords": keywords}


def _pages(site_dir: Path, skip: frozenset[str] = frozenset()):
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative == "404.html" or relative.startswith("assets/") or relative in skip:
            continue
        yield relative, path


class _PageCache:
    """Extracts of built pages by the hash of their article, kept next to the analyses."""

    def __init__(self, file: Path | None):
        self.file = file
        self.entries: dict[str, dict | None] = {}
        self.used: dict[str, dict | None] = {}
        if file is not None:
            try:
                stored = json.loads(file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = None
            if (
                isinstance(stored, dict)
                and stored.get("key") == EXTRACT_RULES
                and isinstance(stored.get("pages"), dict)
            ):
                self.entries = stored["pages"]

    def extract(self, html: str) -> dict | None:
        key = hashlib.blake2b(html.encode("utf-8"), digest_size=16).hexdigest()
        found = self.entries[key] if key in self.entries else extract_page(html)
        self.used[key] = found
        return found

    def save(self):
        if self.file is None or self.used.keys() == self.entries.keys():
            return
        write_whole(self.file, json.dumps({"key": EXTRACT_RULES, "pages": self.used}, ensure_ascii=False))


def build_index(
    site_dir: Path, cache_dir: Path | None = None, skip: frozenset[str] = frozenset(), analyser: Analyser | None = None
) -> dict:
    """The index of every built page under site_dir but those in `skip` (see the module's docstring).

    With `analyser`, its analyses are used (and it is left open); else one is made for this index."""
    cache = _PageCache(cache_dir / "pages.json" if cache_dir else None)
    own = analyser is None
    analyser = analyser or Analyser(_analyses_file(cache_dir))
    try:
        pages: list[list[str]] = []
        docs, forms = [], {}
        for relative, path in _pages(site_dir, skip):
            html = path.read_text(encoding="utf-8")
            page = cache.extract(html)
            if page is None or not page["sections"]:
                continue
            number = len(pages)
            pages.append([relative, page["title"]])
            for position, (anchor, heading, text) in enumerate(page["sections"]):
                keywords = page["keywords"] if position == 0 else ""
                docs.append([number, anchor, heading, text, keywords])
                for part in (heading, text, keywords) if position else (page["title"], heading, text, keywords):
                    for word in WORD.findall(part.lower()):
                        if word not in forms:
                            bases, parts = analyser.terms(word)
                            forms[word] = " ".join(bases) + ("|" + " ".join(parts) if parts else "")
        analyser.save()
        cache.save()
    finally:
        if own:
            analyser.close()
    return {"v": 1, "pages": pages, "docs": docs, "forms": dict(sorted(forms.items()))}


def _analyses_file(cache_dir: Path | None) -> Path | None:
    return cache_dir / "analyses.json" if cache_dir else None


# The sources' words are the pages' words, give or take the theme's: analysed ahead, the index finds them known.
_SOURCE_SUFFIXES = {".md", ".yml", ".yaml"}


def analyse_sources(analyser: Analyser, folders: list[Path]) -> int:
    """Analyse every word of the Markdown and YAML files under `folders`; returns how many were new."""
    before = analyser.analysed
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix in _SOURCE_SUFFIXES and path.is_file():
                for word in set(WORD.findall(path.read_text(encoding="utf-8", errors="replace").lower())):
                    analyser.terms(word)
    analyser.save()
    return analyser.analysed - before


def index_script(index: dict) -> str:
    # JSON is valid JavaScript; "</" is escaped so that the text could also sit inside a <script> element.
    payload = json.dumps(index, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"window.{GLOBAL}={payload};\n"


def write_search_index(
    site_dir: str | Path,
    cache_dir: str | Path | None = None,
    skip: frozenset[str] = frozenset(),
    analyser: Analyser | None = None,
) -> Path:
    """Index the built site in site_dir and write assets/search/index.js into it; returns that file.

    `skip` names pages (HTML paths from the site root) to leave out, whatever they hold when read.
    """
    site_dir = Path(site_dir)
    index = build_index(site_dir, Path(cache_dir) / "search" if cache_dir else None, skip, analyser)
    target = site_dir / INDEX_PATH
    write_whole(target, index_script(index))
    return target


def main(argv: list[str] | None = None) -> int:
    """`python -m macros.search_index SITE`, or as macros/postbuild.py runs it: with --sources, the sources'
    words analysed first, then the site's folder and the pages to skip read as one JSON line from stdin
    ({"site": …, "skip": […]}); an empty stdin (the build failed) ends it with the analyses kept."""
    parser = argparse.ArgumentParser(prog="python -m macros.search_index", description="Write the search index.")
    parser.add_argument("site", type=Path, nargs="?", help="the built site (else read from stdin)")
    parser.add_argument("--cache", type=Path, default=None, help="the cache folder (analyses, page extracts)")
    parser.add_argument(
        "--skip", action="append", default=[], help="a page to leave out, e.g. koko-kasikirja/index.html"
    )
    parser.add_argument(
        "--sources", action="append", type=Path, default=[], help="a folder whose words to analyse first"
    )
    args = parser.parse_args(argv)
    analyser = Analyser(_analyses_file(args.cache / "search" if args.cache else None))
    try:
        analyse_sources(analyser, args.sources)
        site, skip = args.site, args.skip
        if site is None:
            line = sys.stdin.readline()
            if not line.strip():
                return 0
            request = json.loads(line)
            site, skip = Path(request["site"]), [*skip, *request["skip"]]
        write_search_index(site, args.cache, frozenset(skip), analyser)
    finally:
        analyser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
