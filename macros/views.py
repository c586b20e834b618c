"""Records → Markdown pages and fragments, through Jinja templates, with every data string escaped.

Text from YAML is content: each `{{ … }}` in a template passes through `finalize`, which escapes
HTML and Markdown syntax unless the value is `Markup` we built ourselves (links, tables).
The data is only ever a template *variable*, never template source, so `{{` in YAML stays literal.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .load import session_plan
from .models import KIND_BY_FOLDER
from .site import Site, TAG_FOLDERS, page_uri, tag_uri, title_of
from .timing import facts_from_method, format_clock, schedule

TEMPLATES = Path(__file__).parent / "templates"
# Python-Markdown's escapable characters plus '|' (tables); html.escape has already handled <, >, &.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")

MODE_LABELS = {"lähi": "lähitapaaminen", "etä": "etätapaaminen", "hybridi": "hybriditapaaminen"}
AXIS_LABELS = {"phase": "Vaihe", "family": "Menetelmäperhe", "mode": "Tapaamismuoto"}
INTENSITY_LABELS = {"matala": "matala", "keskitaso": "keskitaso", "korkea": "korkea – voi herättää voimakkaita tunteita"}
FORMAT_LABELS = {
    "webinaari": "kuukausittainen webinaari",
    "teemavalmennus": "teemavalmennus",
    "etävertaispienryhmä": "etävertaispienryhmä",
    "videotallenne": "videotallenne",
}


def md_text(value: object) -> str:
    """Plain text → Markdown that renders as exactly that text."""
    text = html.escape(str(value), quote=False)
    # Leading spaces would start a code block; line breaks inside a paragraph become spaces.
    paragraphs = [" ".join(line.strip() for line in part.splitlines()) for part in re.split(r"\n\s*\n", text)]
    escaped = [_MARKDOWN_SPECIALS.sub(r"\\\1", part) for part in paragraphs if part]
    return "\n\n".join(escaped)


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
        autoescape=False,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.globals.update(MODE_LABELS=MODE_LABELS, AXIS_LABELS=AXIS_LABELS, INTENSITY_LABELS=INTENSITY_LABELS, FORMAT_LABELS=FORMAT_LABELS)
    env.filters["clock"] = format_clock
    env.filters["safe_markup"] = Markup
    return env


# Templates are compiled once per process, not once per page.
ENV = _environment()


class Linker:
    """Relative Markdown links from one page, so MkDocs checks them and they work under any sub-path."""

    def __init__(self, site: Site, from_uri: str):
        self.site = site
        self.base = posixpath.dirname(from_uri) or "."

    def href(self, target_uri: str, anchor: str = "") -> str:
        return posixpath.relpath(target_uri, self.base) + (f"#{anchor}" if anchor else "")

    def to(self, kind: str, record_id: str, text: str | None = None) -> Markup:
        label = text if text is not None else title_of(self.site.record(kind, record_id))
        return Markup(f"[{md_text(label)}]({self.href(page_uri(kind, record_id))})")

    def tag(self, axis: str, value: str) -> Markup:
        return Markup(f"[{md_text(value)}]({self.href(tag_uri(axis, value))})")

    def page(self, uri: str, text: str) -> Markup:
        return Markup(f"[{md_text(text)}]({self.href(uri)})")


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
    context.update(_extra_context(site, kind, record))
    body = ENV.get_template(f"{kind}.md.j2").render(context)
    return front_matter() + body + ENV.get_template("_keywords.md.j2").render(context)


def _extra_context(site: Site, kind: str, record) -> dict:
    if kind == "methods":
        return {
            "used_in": {user: site.users_of("methods", record.id, user) for user in ("seminars", "modules", "sessions", "processes", "themes", "support")},
            "related_from": [m for m in site.users_of("methods", record.id, "methods") if m.id not in record.related],
        }
    if kind == "sessions":
        return {"timed": session_schedule(site, record)}
    if kind == "sources":
        users = site.backlinks.get(("sources", record.id), [])
        return {"users": users}
    if kind == "terms":
        return {"uses": site.term_uses.get(record.id, [])}
    if kind == "processes":
        return {"process_methods": list(dict.fromkeys(m for meeting in record.meetings_sequence for m in meeting.methods))}
    return {}


def session_schedule(site: Site, session):
    facts = {method_id: facts_from_method(method) for method_id, method in site.catalogue.methods.items()}
    plan = session_plan(session)
    result = schedule(plan, facts)
    rows = []
    for timed in result.blocks:
        block = session.blocks[timed.index]
        rows.append({"timed": timed, "block": block, "method": site.catalogue.methods.get(getattr(block, "method", ""))})
    return {"rows": rows, "finish": result.finish, "days": max((t.day for t in result.blocks), default=1)}


def render_tag_page(site: Site, axis: str, value: str) -> str:
    uri = tag_uri(axis, value)
    methods = [site.record("methods", method_id) for method_id in site.tags[(axis, value)]]
    context = {"axis": axis, "value": value, "methods": methods, "link": Linker(site, uri), "site": site}
    return front_matter() + ENV.get_template("tag.md.j2").render(context)


def render_fragment(site: Site, name: str, from_uri: str, **context: object) -> str:
    """An overview fragment (catalogue, tables) for a hand-written page that calls a macro."""
    return ENV.get_template(f"fragments/{name}.md.j2").render(site=site, link=Linker(site, from_uri), **context)


def tag_pages(site: Site):
    for axis, value in site.tags:
        yield tag_uri(axis, value), axis, value


__all__ = ["TAG_FOLDERS", "render_record", "render_tag_page", "render_fragment", "md_text", "tag_pages"]
