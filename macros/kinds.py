"""One descriptor per kind of record: everything the build knows of a kind, in one place.

A kind's folder under curriculum/, its model, the URL prefix of its pages, its page template, the fields
that refer to other records, its reading order, the overview fragment its section page shows and the
heading under which a method page lists the records of this kind that use the method. The loader, the
site's back-links, the views and the print view all read these; none has a list of kinds of its own.
A mistake here (a kind without a template or overview fragment, a Catalogue without its field) fails at
import, not first when a page renders.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from .models import (
    Catalogue,
    Comparison,
    Method,
    Module,
    Principle,
    Process,
    Record,
    Seminar,
    Session,
    Source,
    SupportGuide,
    Term,
    Theme,
)

TEMPLATES = Path(__file__).parent / "templates"
EACH = "*"
Location = tuple[str | int, ...]


@dataclass(frozen=True)
class Reference:
    """A field that names records of another kind. `path` leads to the ids: names of fields, and EACH
    for every item of a list, e.g. ("blocks", EACH, "method")."""

    path: tuple[str, ...]
    target: str

    def find(self, record: Any) -> Iterator[tuple[Location, Any]]:
        """(location, value) of every id this field holds, in a model or in the YAML's plain data.

        Plain data may have any shape (it is checked for references before the models reject it): a
        value of the wrong shape is skipped, never an error here.
        """
        yield from _walk(record, self.path, ())


def _walk(value: Any, path: tuple[str, ...], location: Location) -> Iterator[tuple[Location, Any]]:
    if not path:
        if value is not None:
            yield location, value
        return
    step, rest = path[0], path[1:]
    if step == EACH:
        if isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                yield from _walk(item, rest, location + (index,))
        return
    inner = (
        value.get(step)
        if isinstance(value, dict)
        else getattr(value, step, None)
        if isinstance(value, BaseModel)
        else None
    )
    yield from _walk(inner, rest, location + (step,))


SOURCES = Reference(("sources", EACH), "sources")
METHODS = Reference(("methods", EACH), "methods")


@dataclass(frozen=True)
class Kind:
    folder: str
    model: type[Record | Source]
    url_prefix: str
    # One record of the kind, in Finnish, as pages name it ("Menetelmä").
    label: str
    # Fields that name other records (sources first: the loader reports them in this order).
    references: tuple[Reference, ...] = ()
    # Reading order on overview pages and in the whole handbook: by seminar numeral, by title (A–Ö),
    # by the records' `order` field, or as in the catalogue.
    reading_order: Literal["numeral", "title", "order", "catalogue"] = "catalogue"
    # The fragment (templates/fragments/<name>.md.j2) that the kind's section page shows through the macro
    # of the same name; without one, the section page can list the records with {{ record_table("<folder>") }}.
    overview: str = ""
    # A method page's heading for the records of this kind that use the method ('' lists none).
    used_in: str = ""
    # Whether glossary terms are looked for in the kind's text ("Missä käsite esiintyy").
    mentions_terms: bool = True

    @property
    def template(self) -> str:
        return f"{self.folder}.md.j2"

    @property
    def overview_uri(self) -> str:
        return f"{self.url_prefix}/index.md"

    def page_uri(self, record_id: str) -> str:
        return f"{self.url_prefix}/{record_id}.md"


KINDS: tuple[Kind, ...] = (
    Kind("sources", Source, "lahteet", "Lähde", overview="bibliography", mentions_terms=False),
    Kind(
        "terms",
        Term,
        "kasitteet",
        "Käsite",
        (SOURCES, Reference(("see_also", EACH), "terms")),
        reading_order="title",
        overview="glossary",
        mentions_terms=False,
    ),
    Kind(
        "principles",
        Principle,
        "periaatteet",
        "Periaate",
        (SOURCES,),
        reading_order="order",
        overview="principle_overview",
    ),
    Kind(
        "methods",
        Method,
        "menetelmat",
        "Menetelmä",
        (SOURCES, Reference(("related", EACH), "methods")),
        reading_order="title",
        overview="method_catalogue",
    ),
    Kind(
        "sessions",
        Session,
        "tapaamispohjat",
        "Tapaamispohja",
        (SOURCES, Reference(("blocks", EACH, "method"), "methods")),
        overview="session_overview",
        used_in="Tapaamispohjat",
    ),
    Kind(
        "processes",
        Process,
        "ryhmaprosessit",
        "Ryhmäprosessi",
        (
            SOURCES,
            Reference(("meetings_sequence", EACH, "methods", EACH), "methods"),
            Reference(("meetings_sequence", EACH, "session"), "sessions"),
        ),
        overview="process_overview",
        used_in="Ryhmäprosessit",
    ),
    Kind(
        "seminars",
        Seminar,
        "mentorikoulutus",
        "Seminaari",
        (SOURCES, METHODS),
        reading_order="numeral",
        overview="seminar_overview",
        used_in="Mentorikoulutuksen seminaarit",
    ),
    Kind(
        "modules",
        Module,
        "kriisi-ja-etajohtaminen",
        "Teema",
        (SOURCES, METHODS),
        reading_order="order",
        overview="module_overview",
        used_in="Kriisi- ja etäjohtamisen teemat",
    ),
    Kind(
        "comparisons",
        Comparison,
        "vertailut",
        "Vertailu",
        (SOURCES,),
        reading_order="order",
        overview="comparison_tables",
    ),
    Kind(
        "themes",
        Theme,
        "keskusteluaiheet",
        "Keskusteluaihe",
        (SOURCES, METHODS),
        reading_order="order",
        overview="theme_overview",
        used_in="Keskusteluaiheet",
    ),
    Kind(
        "support",
        SupportGuide,
        "varhainen-tuki",
        "Varhainen tuki",
        (SOURCES, METHODS),
        reading_order="order",
        overview="support_overview",
        used_in="Varhainen tuki",
    ),
)
KIND_BY_FOLDER = {kind.folder: kind for kind in KINDS}


def outgoing(kind: str, record: Any) -> Iterator[tuple[str, str]]:
    """Every (kind, id) a record refers to, sources included."""
    for reference in KIND_BY_FOLDER[kind].references:
        for _location, value in reference.find(record):
            yield reference.target, value


def _check_registry() -> None:
    # A mistake by the schema's author fails at import: every kind has its Catalogue field, template,
    # overview fragment, and references only to kinds that exist.
    folders = [f.name for f in fields(Catalogue) if f.name != "files"]
    if folders != [kind.folder for kind in KINDS]:
        raise TypeError(
            f"kinds.KINDS and models.Catalogue disagree: expected the fields {[k.folder for k in KINDS]}, received {folders}"
        )
    for kind in KINDS:
        overview = [TEMPLATES / "fragments" / f"{kind.overview}.md.j2"] if kind.overview else []
        for needed in (TEMPLATES / kind.template, *overview):
            if not needed.is_file():
                raise TypeError(
                    f"kind '{kind.folder}': expected the template {needed.relative_to(TEMPLATES.parent).as_posix()}, found none"
                )
        for reference in kind.references:
            if reference.target not in KIND_BY_FOLDER:
                raise TypeError(f"kind '{kind.folder}': a reference to the unknown kind '{reference.target}'")


_check_registry()
