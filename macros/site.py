"""The catalogue plus what pages need of it: URLs, back-links and tags, computed once per build."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from .load import load_catalogue
from .models import KIND_BY_FOLDER, KINDS, MODES, PHASES, Catalogue

TAG_FOLDERS = {"phase": "vaihe", "family": "perhe", "mode": "muoto"}
_FINNISH = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a"})


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.translate(_FINNISH).lower()).strip("-")


def page_uri(kind: str, record_id: str) -> str:
    """Source URI of a record's generated page, e.g. 'menetelmat/aikajana.md'."""
    return f"{KIND_BY_FOLDER[kind].url_prefix}/{record_id}.md"


def tag_uri(axis: str, value: str) -> str:
    return f"menetelmat/{TAG_FOLDERS[axis]}/{slugify(value)}.md"


def title_of(record: BaseModel) -> str:
    if getattr(record, "number", None):
        return f"{record.number} {record.title}"
    for name in ("name", "title", "term"):
        value = getattr(record, name, None)
        if value:
            return value
    return record.id


@dataclass
class Site:
    catalogue: Catalogue
    # (kind, id) of a target → the (kind, id) of every record that refers to it, in catalogue order
    backlinks: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    tags: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    term_uses: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def record(self, kind: str, record_id: str) -> BaseModel:
        return self.catalogue.records[kind][record_id]

    def users_of(self, kind: str, record_id: str, user_kind: str) -> list[BaseModel]:
        return [self.record(k, i) for k, i in self.backlinks.get((kind, record_id), []) if k == user_kind]

    def pages(self):
        """(src_uri, kind, id) of every record page, in a stable order."""
        for kind in KINDS:
            for record_id in self.catalogue.records[kind.folder]:
                yield page_uri(kind.folder, record_id), kind.folder, record_id


def build_site(root: Path | str) -> Site:
    catalogue = load_catalogue(root)
    site = Site(catalogue)
    site.backlinks = _backlinks(catalogue)
    site.tags = _tags(catalogue)
    site.term_uses = _term_uses(catalogue)
    return site


def outgoing(kind: str, record: BaseModel):
    """Every (kind, id) a record refers to, excluding sources."""
    if kind == "methods":
        yield from (("methods", ref) for ref in record.related)
    elif kind == "terms":
        yield from (("terms", ref) for ref in record.see_also)
    elif kind == "sessions":
        yield from (("methods", block.method) for block in record.blocks if hasattr(block, "method"))
    elif kind == "processes":
        for meeting in record.meetings_sequence:
            yield from (("methods", ref) for ref in meeting.methods)
            if meeting.session:
                yield ("sessions", meeting.session)
    elif hasattr(record, "methods"):
        yield from (("methods", ref) for ref in record.methods)
    yield from (("sources", ref) for ref in getattr(record, "sources", []))


def _backlinks(catalogue: Catalogue) -> dict[tuple[str, str], list[tuple[str, str]]]:
    found: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for kind, records in catalogue.records.items():
        for record_id, record in records.items():
            for target in dict.fromkeys(outgoing(kind, record)):
                found[target].append((kind, record_id))
    return dict(found)


def _tags(catalogue: Catalogue) -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for method_id, method in catalogue.methods.items():
        for phase in method.phases:
            found[("phase", phase)].append(method_id)
        for mode in method.modes:
            found[("mode", mode)].append(method_id)
        found[("family", method.family)].append(method_id)
    order = {("phase", p): i for i, p in enumerate(PHASES)} | {("mode", m): 10 + i for i, m in enumerate(MODES)}
    return dict(sorted(found.items(), key=lambda item: (order.get(item[0], 100), item[0])))


def _term_uses(catalogue: Catalogue) -> dict[str, list[tuple[str, str]]]:
    """Where each glossary term appears, by one pass of word matching per record."""
    patterns = {}
    for term_id, term in catalogue.terms.items():
        forms = [term.term, *term.forms, *([term.abbreviation] if term.abbreviation else [])]
        patterns[term_id] = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.IGNORECASE)
    uses: dict[str, list[tuple[str, str]]] = {term_id: [] for term_id in patterns}
    for kind, records in catalogue.records.items():
        if kind in ("terms", "sources"):
            continue
        for record_id, record in records.items():
            text = " ".join(_strings(record.model_dump()))
            for term_id, pattern in patterns.items():
                if pattern.search(text):
                    uses[term_id].append((kind, record_id))
    return uses


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []
