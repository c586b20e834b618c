"""Records → Markdown pages and fragments, through Jinja templates, with every data string escaped.

Text from YAML is content: each `{{ … }}` in a template passes through `finalize`, which escapes
HTML and Markdown syntax unless the value is `Markup` we built ourselves (links, tables).
The data is only ever a template *variable*, never template source, so `{{` in YAML stays literal.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .collation import finnish_sorted
from .kinds import KIND_BY_FOLDER, KINDS
from .provenance import SOURCE_MARK, SUGGESTION_MARK, provenance_view
from .site import TAG_FOLDERS, Site, page_uri, tag_uri, title_of
from .timing import format_clock, schedule, session_plan

TEMPLATES = Path(__file__).parent / "templates"
# Python-Markdown's escapable characters plus '|' (tables); html.escape has already handled <, >, &.
# The backslash comes first, so the backslashes added for the others are not doubled.
MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!|"
# Every character str.splitlines() breaks at: text without them is one line.
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

MODE_LABELS = {"lähi": "lähitapaaminen", "etä": "etätapaaminen", "hybridi": "hybriditapaaminen"}
AXIS_LABELS = {"phase": "Vaihe", "family": "Menetelmäperhe", "mode": "Tapaamismuoto"}
INTENSITY_LABELS = {
    "matala": "matala",
    "keskitaso": "keskitaso",
    "korkea": "korkea – voi herättää voimakkaita tunteita",
}
KIND_LABELS = {kind.folder: kind.label for kind in KINDS}
# A method page's heading for each kind of record that uses the method.
USED_IN_LABELS = {kind.folder: kind.used_in for kind in KINDS if kind.used_in}
SOURCE_KIND_LABELS = {"lähdeaineisto": "lähdeaineisto (esitys, raportti tai kirjoitus)", "kirjallisuus": "kirjallisuus"}
PHASE_HINTS = {
    "aloitus": "Menetelmiä tapaamisen alkuun: kuulumiset, virittäytyminen ja yhteiset sopimukset.",
    "tutustuminen": "Menetelmiä, joilla ryhmän jäsenet oppivat tuntemaan toisensa ja toistensa työn.",
    "työskentely": "Menetelmiä tapaamisen pääosaan, kun ryhmä syventyy valittuun teemaan.",
    "reflektio": "Menetelmiä oman työn ja ryhmän kokemusten tarkasteluun ja arviointiin.",
    "lopetus": "Menetelmiä tapaamisen tai koko ryhmäprosessin päättämiseen.",
}
ROMAN_ORDER = {numeral: index for index, numeral in enumerate(("I", "II", "III", "IV", "V"))}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÅ0-9”\"])")
FORMAT_LABELS = {
    "webinaari": "kuukausittainen webinaari",
    "teemavalmennus": "teemavalmennus",
    "etävertaispienryhmä": "etävertaispienryhmä",
    "videotallenne": "videotallenne",
}


def md_text(value: object) -> str:
    """Plain text → Markdown that renders as exactly that text."""
    text = html.escape(str(value), quote=False)
    if not _LINE_BREAKS.search(text):
        # One line, the common case: the same result as below, without the splitting (hundreds of
        # thousands of calls in a large build).
        return _escape_specials(text.strip())
    # Leading spaces would start a code block; line breaks inside a paragraph become spaces.
    paragraphs = [" ".join(line.strip() for line in part.splitlines()) for part in re.split(r"\n\s*\n", text)]
    escaped = [_escape_specials(part) for part in paragraphs if part]
    return "\n\n".join(escaped)


def _escape_specials(text: str) -> str:
    # One str.replace per character present: several times faster than a regex or str.translate.
    for char in MARKDOWN_SPECIALS:
        if char in text:
            text = text.replace(char, "\\" + char)
    return text


def first_sentences(text: str, count: int = 1) -> str:
    """The opening sentences of a longer text, for overview rows; the page itself has the rest."""
    return " ".join(_SENTENCE_END.split(str(text).strip())[:count])


def format_duration(minutes: int) -> str:
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def format_span(value) -> str:
    """A Range as '45–90', or '90' when both ends agree."""
    return str(value.min) if value.min == value.max else f"{value.min}–{value.max}"


def _finalize(value: object) -> object:
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    return md_text(value)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=False,  # noqa: S701 (templates write Markdown; md_text() escapes every value)
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.globals.update(
        MODE_LABELS=MODE_LABELS,
        AXIS_LABELS=AXIS_LABELS,
        INTENSITY_LABELS=INTENSITY_LABELS,
        FORMAT_LABELS=FORMAT_LABELS,
        KIND_LABELS=KIND_LABELS,
        SOURCE_KIND_LABELS=SOURCE_KIND_LABELS,
        PHASE_HINTS=PHASE_HINTS,
        USED_IN_LABELS=USED_IN_LABELS,
    )
    env.globals["session_schedule"] = session_schedule
    env.globals.update(provenance=provenance_view, SOURCE_MARK=SOURCE_MARK, SUGGESTION_MARK=SUGGESTION_MARK)
    env.filters["clock"] = format_clock
    env.filters["duration"] = format_duration
    env.filters["span"] = format_span
    env.filters["first_sentence"] = first_sentences
    env.filters["first_sentences"] = first_sentences
    env.filters["safe_markup"] = Markup
    env.filters["finnish_sort"] = lambda items, attribute: finnish_sorted(
        items, key=lambda item: getattr(item, attribute)
    )
    return env


class Linker:
    """Relative Markdown links from one page, so MkDocs checks them and they work under any sub-path."""

    def __init__(self, site: Site, from_uri: str):
        self.site = site
        self.base = posixpath.dirname(from_uri) or "."

    def href(self, target_uri: str, anchor: str = "") -> str:
        return _relative_path(target_uri, self.base) + (f"#{anchor}" if anchor else "")

    def to(self, kind: str, record_id: str, text: str | None = None) -> Markup:
        label = text if text is not None else title_of(self.site.record(kind, record_id))
        return Markup(f"[{md_text(label)}]({self.href(page_uri(kind, record_id))})")  # noqa: S704 (md_text() escaped the text)

    def tag(self, axis: str, value: str) -> Markup:
        return Markup(f"[{md_text(value)}]({self.href(tag_uri(axis, value))})")  # noqa: S704 (md_text() escaped the text)

    def page(self, uri: str, text: str) -> Markup:
        return Markup(f"[{md_text(text)}]({self.href(uri)})")  # noqa: S704 (md_text() escaped the text)


@lru_cache(maxsize=65536)
def _relative_path(target_uri: str, base: str) -> str:
    # relpath resolves both paths against the working directory: a system call each, per link.
    return posixpath.relpath(target_uri, base)


def front_matter() -> str:
    # A generated page holds YAML text, which must never be run as Jinja by the macros plugin.
    # No other meta: Material writes meta values into attributes unescaped.
    return "---\nrender_macros: false\n---\n\n"


def render_record(site: Site, kind: str, record_id: str) -> str:
    record = site.record(kind, record_id)
    uri = page_uri(kind, record_id)
    context = {
        "site": site,
        "record": record,
        "kind": kind,
        "link": Linker(site, uri),
        "label": KIND_BY_FOLDER[kind].label,
        "sources": [site.record("sources", ref) for ref in getattr(record, "sources", [])],
    }
    extra = _EXTRA_CONTEXT.get(kind)
    if extra is not None:
        context.update(extra(site, record))
    body = ENV.get_template(KIND_BY_FOLDER[kind].template).render(context)
    return front_matter() + body + ENV.get_template("_keywords.md.j2").render(context)


def _method_context(site: Site, record) -> dict:
    return {
        "used_in": {kind.folder: site.users_of("methods", record.id, kind.folder) for kind in KINDS if kind.used_in},
        "related_from": [m for m in site.users_of("methods", record.id, "methods") if m.id not in record.related],
    }


def _seminar_context(site: Site, record) -> dict:
    order = [seminar.id for seminar in records_in_order(site, "seminars")]
    position = order.index(record.id)
    return {
        "previous": order[position - 1] if position > 0 else None,
        "next": order[position + 1] if position + 1 < len(order) else None,
    }


# What a kind's page template needs beyond its record, links and sources; a kind without an entry needs nothing.
_EXTRA_CONTEXT = {
    "methods": _method_context,
    "sessions": lambda site, record: {"timed": session_schedule(site, record)},
    "seminars": _seminar_context,
    "sources": lambda site, record: {"users": site.backlinks.get(("sources", record.id), [])},
    "terms": lambda site, record: {"uses": site.term_uses.get(record.id, [])},
    "processes": lambda site, record: {
        "process_methods": list(dict.fromkeys(m for meeting in record.meetings_sequence for m in meeting.methods))
    },
}


def session_schedule(site: Site, session):
    plan = session_plan(session)
    result = schedule(plan, site.method_facts)
    rows = []
    for timed in result.blocks:
        block = session.blocks[timed.index]
        rows.append(
            {"timed": timed, "block": block, "method": site.catalogue.methods.get(getattr(block, "method", ""))}
        )
    start = result.blocks[0].start if result.blocks else 0
    days = max((t.day for t in result.blocks), default=1)
    return {
        "rows": rows,
        "start": start,
        "finish": result.finish,
        "days": days,
        "minutes": _session_minutes(result.blocks),
    }


def _session_minutes(blocks) -> int:
    # A session over several days counts each day's own span, not the nights between them.
    spans: dict[int, list[int]] = {}
    for block in blocks:
        first, last = spans.setdefault(block.day, [block.start, block.end])
        spans[block.day] = [min(first, block.start), max(last, block.end)]
    return sum(last - first for first, last in spans.values())


def records_in_order(site: Site, kind: str) -> list:
    """A kind's records in its reading order (macros/kinds.py): by numeral, by `order`, else A–Ö by title."""
    records = list(site.catalogue.records[kind].values())
    order = KIND_BY_FOLDER[kind].reading_order
    if order == "numeral":
        return sorted(records, key=lambda record: ROMAN_ORDER[record.number])
    if order == "order":
        return sorted(records, key=lambda record: (record.order, record.id))
    return _by_title(records)


def _by_title(records) -> list:
    """Records A–Ö by title in Finnish order, not by file name."""
    return finnish_sorted(records, key=title_of)


def render_tag_page(site: Site, axis: str, value: str) -> str:
    uri = tag_uri(axis, value)
    methods = _by_title(site.record("methods", method_id) for method_id in site.tags[(axis, value)])
    context = {"axis": axis, "value": value, "methods": methods, "link": Linker(site, uri), "site": site}
    return front_matter() + ENV.get_template("tag.md.j2").render(context)


def render_fragment(site: Site, name: str, from_uri: str, **context: object) -> str:
    """An overview fragment (catalogue, tables) for a hand-written page that calls a macro."""
    helpers = {
        "records": lambda kind: records_in_order(site, kind),
        "tag_values": lambda axis: [value for tag_axis, value in site.tags if tag_axis == axis],
        "tagged": lambda axis, value: _by_title(
            site.record("methods", method_id) for method_id in site.tags[(axis, value)]
        ),
    }
    return ENV.get_template(f"fragments/{name}.md.j2").render(
        site=site, link=Linker(site, from_uri), **helpers, **context
    )


def tag_pages(site: Site):
    for axis, value in site.tags:
        yield tag_uri(axis, value), axis, value


# Templates are compiled once per process, not once per page; built last, as it names functions above.
ENV = _environment()

__all__ = ["TAG_FOLDERS", "md_text", "render_fragment", "render_record", "render_tag_page", "tag_pages"]
