"""What the sources say and what the handbook suggests: the check of a record's provenance and its marks.

A record names, field by field or item by item, which statements a source makes (`source_says`, with the
slide or page where known) and which are the handbook's own suggestion or example (`handbook_suggests`).
`provenance_errors` refuses what the model can tell is wrong; `Provenance` gives a page its markers.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from .errors import ContentError

if TYPE_CHECKING:
    from .load import Parsed  # load.py imports this module

_PATH = re.compile(r"^(?P<field>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<sub>[a-z_]+))?$")
# Not content a source could state: the handbook's own search words, citations and these lists themselves.
_NOT_CONTENT = {"id", "sources", "keywords", "source_says", "handbook_suggests"}
# What a source that only names a record can still be cited for.
_NAMING_FIELDS = {"name", "title", "term", "family", "number"}
SOURCE_MARK = "Lähteen mukaan"
SUGGESTION_MARK = "Käsikirjan ehdotus"


# ---------------------------------------------------------------- the check


def provenance_errors(catalogue, parsed) -> list[ContentError]:
    """Every provenance mistake of the catalogue; `parsed` maps (kind, id) to the item with its file and marks."""
    errors: list[ContentError] = []
    sources = catalogue.records["sources"]
    only_named = {(ref, source_id) for source_id, source in sources.items() for ref in source.names_only}
    for (kind, record_id), item in parsed.items():
        record = catalogue.records.get(kind, {}).get(record_id)
        if record is None:
            continue
        report = _Reporter(item, errors)
        if kind == "sources":
            _check_named(record, catalogue, report)
            continue
        _check_record(record, f"{kind}/{record_id}", only_named, report)
    return errors


@dataclass
class _Reporter:
    item: Parsed
    errors: list

    def __call__(self, path: tuple, message: str) -> None:
        line, column = self.item.marks.of_value(path)
        field = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))
        self.errors.append(ContentError(self.item.path, line, column, field, message))


def _check_named(source, catalogue, report: _Reporter) -> None:
    for index, ref in enumerate(source.names_only):
        folder, record_id = ref.split("/", 1)
        if record_id not in catalogue.records.get(folder, {}):
            report(
                ("names_only", index),
                f"expected a record as folder/id, like 'methods/aikajana', received '{ref}', which does not exist: correct or remove it",
            )


def _check_record(record, ref: str, only_named: set, report: _Reporter) -> None:
    cited: dict[str, tuple] = {}
    for entry_index, entry in enumerate(record.source_says):
        if entry.source not in record.sources:
            listed = ", ".join(record.sources) or "none"
            report(
                ("source_says", entry_index, "source"),
                f"expected one of this record's sources ({listed}), received '{entry.source}': add it to sources or cite one of those",
            )
        for field_index, path in enumerate(entry.fields):
            where: tuple[str | int, ...] = ("source_says", entry_index, "fields", field_index)
            if _check_path(record, path, where, report):
                cited.setdefault(path, where)
                if (ref, entry.source) in only_named and _parts(path)["field"] not in _NAMING_FIELDS:
                    report(
                        where,
                        f"'{entry.source}' only names this record (see its names_only), so '{path}' cannot be its statement: move '{path}' to handbook_suggests",
                    )
    for index, path in enumerate(record.handbook_suggests):
        where = ("handbook_suggests", index)
        if _check_path(record, path, where, report) and path in cited:
            report(
                where,
                f"'{path}' is listed as the handbook's suggestion and cited as a source statement at {_shown(cited[path])}: keep it in one list, in handbook_suggests if the handbook wrote it",
            )


def _parts(path: str) -> re.Match[str]:
    """The parts of a field path; FieldPath's pattern (models.py) lets only paths that match this one through."""
    match = _PATH.match(path)
    if match is None:
        raise ValueError(f"not a field path: {path!r}")
    return match


def _check_path(record, path: str, where: tuple, report: _Reporter) -> bool:
    match = _parts(path)
    fields = [name for name in type(record).model_fields if name not in _NOT_CONTENT]
    name = match["field"]
    if name not in fields:
        close = difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
        hint = f": did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(fields)}"
        report(where, f"unknown field '{name}'{hint}")
        return False
    value = getattr(record, name)
    if not value:
        report(
            where,
            f"expected a field with content, received '{name}', which this record leaves empty: fill it in or remove '{path}'",
        )
        return False
    if match["index"] is None:
        return True
    if not isinstance(value, list):
        report(where, f"expected no index, received '{path}': '{name}' is not a list; write '{name}'")
        return False
    index = int(match["index"])
    if index >= len(value):
        items = f"{len(value)} item" + ("" if len(value) == 1 else "s")
        report(
            where,
            f"expected an index from 0 to {len(value) - 1} ('{name}' has {items}; the first is {name}[0]), received {index}",
        )
        return False
    item_fields = getattr(type(value[index]), "model_fields", {})
    if match["sub"] and match["sub"] not in item_fields:
        expected = f"one of: {', '.join(item_fields)}" if item_fields else f"no field: '{name}[{index}]' is text"
        report(where, f"unknown field '{match['sub']}' in '{name}[{index}]'; expected {expected}")
        return False
    return True


def _shown(path: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))


# ---------------------------------------------------------------- the marks on a page


@dataclass(frozen=True)
class Claim:
    source_id: str | None  # None for the handbook's own suggestion
    locator: str = ""


class Provenance:
    """The markers of one record's page: a field's or item's claim, linked to its source."""

    def __init__(self, site, record, link):
        self.link = link
        self.site = site
        # A field may rest on several sources; a suggestion is never also a source statement (the check).
        self.claims: dict[str, tuple[Claim, ...]] = {}
        for entry in getattr(record, "source_says", []):
            for path in entry.fields:
                self.claims[path] = (*self.claims.get(path, ()), Claim(entry.source, _locator(entry)))
        for path in getattr(record, "handbook_suggests", []):
            self.claims.setdefault(path, (Claim(None),))
        self.fields = _field_labels(record)

    def __bool__(self) -> bool:
        return bool(self.claims)

    def mark(self, path: str) -> Markup:
        """A paragraph under a heading: the claim made for exactly this field, or nothing."""
        claims = self.claims.get(path)
        if not claims:
            return Markup("")
        # Blank lines around: a marker right under a paragraph would otherwise join it.
        return Markup(f"\n{self._text(claims)}\n{{: .verme-provenance .verme-provenance--{_kind(claims[0])} }}\n")  # noqa: S704 (_text() is our marks and md_text()-escaped links)

    def inline(self, path: str) -> Markup:
        """After a list item or a fact: the claim made for exactly this item, or nothing."""
        claims = self.claims.get(path)
        if not claims:
            return Markup("")
        return Markup(f" *({self._text(claims)})*{{: .verme-provenance .verme-provenance--{_kind(claims[0])} }}")  # noqa: S704 (_text() is our marks and md_text()-escaped links)

    def summary(self) -> list[tuple[str, str, str]]:
        """(kind, label, fields) per source and for the handbook's own part, for the page's closing note."""
        groups: dict[Claim, list[str]] = {}
        for path, claims in self.claims.items():
            for claim in claims:
                groups.setdefault(claim, []).append(self.fields.get(path, path))
        rows = [
            (_kind(claim), self._text((claim,)), ", ".join(dict.fromkeys(labels))) for claim, labels in groups.items()
        ]
        return sorted(rows, key=lambda row: row[0] != "source")

    def _text(self, claims: tuple[Claim, ...]) -> str:
        if claims[0].source_id is None:
            return SUGGESTION_MARK
        return f"{SOURCE_MARK}: " + "; ".join(self._cite(claim) for claim in claims)

    def _cite(self, claim: Claim) -> str:
        from .views import md_text  # views imports this module; the escaping is theirs

        source = self.site.record("sources", claim.source_id)
        who = source.organisation or ", ".join(source.authors)
        label = f"{who} {source.date or source.year}"
        where = f", {md_text(claim.locator)}" if claim.locator else ""
        return f"{self.link.to('sources', source.id, label)}{where}"


def _kind(claim: Claim) -> str:
    return "source" if claim.source_id is not None else "suggestion"


def _locator(entry) -> str:
    if entry.slides is not None:
        return f"{'diat' if _is_range(entry.slides) else 'dia'} {entry.slides}"
    if entry.pages is not None:
        return f"s. {entry.pages}"
    return ""


def _is_range(value) -> bool:
    return isinstance(value, str) and any(dash in value for dash in "–-,")


FIELD_LABELS = {
    "name": "nimi",
    "title": "otsikko",
    "term": "käsite",
    "number": "numero",
    "family": "menetelmäperhe",
    "summary": "kuvaus",
    "purpose": "tarkoitus",
    "phases": "vaiheet",
    "duration": "kesto",
    "group_size": "ryhmän koko",
    "modes": "tapaamismuodot",
    "remote_notes": "etäohjeet",
    "materials": "tarvikkeet",
    "preparation": "valmistelu",
    "steps": "kulku",
    "tips": "vinkit",
    "safety": "turvallisuus",
    "intensity": "tunnekuorma",
    "variations": "muunnelmat",
    "related": "liittyvät menetelmät",
    "dates": "ajankohta",
    "length": "kesto",
    "goal": "tavoite",
    "themes": "teemat",
    "contents": "sisällöt",
    "working_methods": "työtavat",
    "between_tasks": "välitehtävät",
    "methods": "menetelmät",
    "formats": "toteutusmuodot",
    "questions": "kysymykset",
    "mode": "tapaamismuoto",
    "start": "alkamisaika",
    "end": "päättymisaika",
    "blocks": "ohjelma",
    "meetings": "tapaamisten määrä",
    "meeting_minutes": "tapaamisen kesto",
    "cadence": "tapaamistiheys",
    "facilitation": "ohjaus",
    "meetings_sequence": "tapaamiset",
    "practices": "käytännöt",
    "in_practice": "käytännössä",
    "definition": "määritelmä",
    "forms": "taivutusmuodot",
    "see_also": "katso myös",
    "intro": "johdanto",
    "columns": "sarakkeet",
    "rows": "rivit",
    "description": "kuvaus",
    "proactive": "ennakoivat toimet",
    "reactive": "reagoivat toimet",
    "order": "järjestys",
    "abbreviation": "lyhenne",
    "minutes_per_participant": "aika osallistujaa kohden",
    "tool_text": "työkalun teksti",
}


def _field_labels(record) -> dict[str, str]:
    labels = {}
    paths = [p for entry in getattr(record, "source_says", []) for p in entry.fields] + list(
        getattr(record, "handbook_suggests", [])
    )
    for path in paths:
        match = _parts(path)
        label = FIELD_LABELS.get(match["field"], match["field"])
        if match["index"] is not None:
            label += f" (kohta {int(match['index']) + 1})"
        if match["sub"]:
            label += f": {FIELD_LABELS.get(match['sub'], match['sub'])}"
        labels[path] = label
    return labels


def provenance_view(site, record, link) -> Provenance:
    return Provenance(site, record, link)
