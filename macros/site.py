"""The catalogue plus what pages need of it: URLs, back-links and tags, computed once per build."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from pydantic import BaseModel

from .kinds import KIND_BY_FOLDER, KINDS, outgoing
from .load import load_catalogue
from .models import MODES, PHASES, Catalogue, Record, Seminar, Source
from .timing import MethodFacts, facts_from_method

TAG_FOLDERS = {"phase": "vaihe", "family": "perhe", "mode": "muoto"}
_FINNISH = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a"})
_WORD = re.compile(r"\w+")
# Characters that re.IGNORECASE matches with letters str.lower() does not give (ſ ~ s, ı ~ i, Greek and
# Cyrillic variants; see re._casefix), and İ, whose lower() is two characters.
_UNUSUAL_CASE = re.compile(
    "[\u00b5\u0130\u0131\u017f\u0345\u0370-\u04ff\u1c80-\u1c8f\u1e60\u1e61\u1e9b\u1f00-\u1fff\ua640-\ua69f\ufb00-\ufb06]"
)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.translate(_FINNISH).lower()).strip("-")


def page_uri(kind: str, record_id: str) -> str:
    """Source URI of a record's generated page, e.g. 'menetelmat/aikajana.md'."""
    return KIND_BY_FOLDER[kind].page_uri(record_id)


def tag_uri(axis: str, value: str) -> str:
    return f"menetelmat/{TAG_FOLDERS[axis]}/{slugify(value)}.md"


def title_of(record: Record | Source) -> str:
    names = _title_names(type(record))
    if isinstance(record, Seminar) and record.number:  # the only kind with a number
        return f"{record.number} {record.title}"
    for name in names:
        if name != "number" and (value := getattr(record, name)):
            return value
    return record.id


@cache
def _title_names(model: type[BaseModel]) -> tuple[str, ...]:
    # Only the names the model has: asking a pydantic model for a missing one is slow, and every link asks.
    return tuple(
        name for name in ("number", "name", "title", "term") if name in model.model_fields or hasattr(model, name)
    )


@dataclass
class Site:
    catalogue: Catalogue
    # (kind, id) of a target → the (kind, id) of every record that refers to it, in catalogue order
    backlinks: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    tags: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    term_uses: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def record(self, kind: str, record_id: str) -> Record | Source:
        return self.catalogue.records[kind][record_id]

    @cached_property
    def method_facts(self) -> dict[str, MethodFacts]:
        """What timing needs of every method: once per build, not once per session page."""
        return {method_id: facts_from_method(method) for method_id, method in self.catalogue.methods.items()}

    def users_of(self, kind: str, record_id: str, user_kind: str) -> list[Record | Source]:
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
    """Where each glossary term appears: per record, only the terms whose first word the record contains."""
    patterns: dict[str, re.Pattern[str]] = {}
    by_first_word: defaultdict[str, list[str]] = defaultdict(list)
    everywhere: list[str] = []
    for term_id, term in catalogue.terms.items():
        forms = [term.term, *term.forms, *([term.abbreviation] if term.abbreviation else [])]
        patterns[term_id] = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.IGNORECASE)
        for form in forms:
            first = _WORD.match(form)
            if first and not _UNUSUAL_CASE.search(first.group()):
                by_first_word[first.group().lower()].append(term_id)
            else:
                everywhere.append(term_id)
    uses: dict[str, list[tuple[str, str]]] = {term_id: [] for term_id in patterns}
    for kind, records in catalogue.records.items():
        if not KIND_BY_FOLDER[kind].mentions_terms:
            continue
        for record_id, record in records.items():
            text = " ".join(_strings(record.model_dump()))
            for term_id in _candidate_terms(text, by_first_word, everywhere, patterns):
                if patterns[term_id].search(text):
                    uses[term_id].append((kind, record_id))
    return uses


def _candidate_terms(text: str, by_first_word: dict[str, list[str]], everywhere: list[str], patterns: dict) -> set[str]:
    # A match of \bform\b makes the form's first word a whole word of the text, equal in lower case;
    # testing only those terms keeps this linear. Letters that IGNORECASE folds beyond lower() get every term.
    if _UNUSUAL_CASE.search(text):
        return set(patterns)
    words = {word.lower() for word in _WORD.findall(text)}
    return {term_id for word in words for term_id in by_first_word.get(word, ())}.union(everywhere)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []
