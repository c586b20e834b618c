"""Typed curriculum records and the Catalogue that holds them.

Plain Python and pydantic only: no MkDocs import, so the model survives a change of engine.
Every model forbids unknown keys and does no silent type coercion, so a typo in YAML is an
error with a suggestion rather than a field that quietly disappears.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Annotated, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag, model_validator

from .timing import CLOCK_PATTERN

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
ClockTime = Annotated[str, StringConstraints(pattern=CLOCK_PATTERN)]
Minutes = Annotated[int, Field(ge=0, le=24 * 60)]
PositiveMinutes = Annotated[int, Field(ge=1, le=24 * 60)]

Phase = Literal["aloitus", "tutustuminen", "työskentely", "reflektio", "lopetus"]
Mode = Literal["lähi", "etä", "hybridi"]
Intensity = Literal["matala", "keskitaso", "korkea"]
# What a method does for a group's course or a meeting's safety: "purku" is a debrief after an intense
# method; the others mark the arc of a course (expectations and ground rules first, a mid-way
# evaluation, a closing). The planner's series warnings and the debrief rule read these.
MethodRole = Literal["odotukset", "pelisäännöt", "väliarviointi", "päätös", "purku"]
ModuleFormat = Literal["webinaari", "teemavalmennus", "etävertaispienryhmä", "videotallenne"]

PHASES: tuple[str, ...] = get_args(Phase)
MODES: tuple[str, ...] = get_args(Mode)
INTENSITIES: tuple[str, ...] = get_args(Intensity)
ROLES: tuple[str, ...] = get_args(MethodRole)


class FieldProblem(ValueError):
    """A check across fields, raised with the field it concerns so the error points at its line."""

    def __init__(self, field: tuple[str | int, ...], message: str):
        super().__init__(message)
        self.field = field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# ---------------------------------------------------------------- shared parts


class Range(Strict):
    min: int = Field(ge=0)
    max: int = Field(ge=0)

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Range:
        if self.min > self.max:
            raise ValueError(f"min must not be greater than max, received min {self.min} and max {self.max}")
        return self


class Image(Strict):
    src: Text
    # An image without a text alternative fails WCAG 1.1.1, so alt is required and non-empty.
    alt: Text


# A field of the record, optionally one item of a list and one field of that item: `goal`, `themes[2]`,
# `steps[0].description`. Indices count from 0, as in the check's error messages.
FIELD_PATH_PATTERN = r"^[a-z_]+(?:\[(?:0|[1-9][0-9]*)\])?(?:\.[a-z_]+)?$"
FieldPath = Annotated[str, StringConstraints(pattern=FIELD_PATH_PATTERN)]
RecordRef = Annotated[str, StringConstraints(pattern=r"^[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*$")]
# Where in a source: a slide or page number or a range, e.g. 27, "22–39", "s. 61".
Locator = Annotated[int, Field(ge=1)] | Text


class SourceStatement(Strict):
    """Fields whose content the source itself states: what Oulu, Hyria, Evira or TAMK did or wrote."""

    source: Slug
    slides: Locator | None = None
    pages: Locator | None = None
    fields: list[FieldPath] = Field(min_length=1)


class Record(Strict):
    """Fields every kind has. `id` comes from the file name, never from the YAML."""

    id: Slug = Field(exclude=True)
    sources: list[Slug] = Field(default_factory=list)
    keywords: list[Text] = Field(default_factory=list)
    # Provenance (see README, "Adding a record"): what the sources say, and what the handbook suggests.
    source_says: list[SourceStatement] = Field(default_factory=list)
    handbook_suggests: list[FieldPath] = Field(default_factory=list)


# ---------------------------------------------------------------- kinds


class Step(Strict):
    title: Text
    minutes: PositiveMinutes
    description: Text


class ToolSection(Strict):
    heading: Text
    lines: list[Text] = Field(min_length=1)


class ToolText(Strict):
    """A tool's own wording, quoted word for word (short, cited): printed as a card for the group."""

    title: Text
    made_by: Text | None = None  # who made the tool, when not the source's own organisation
    source: Slug
    slides: Locator | None = None
    sections: list[ToolSection] = Field(min_length=1)


class Method(Record):
    name: Text
    family: Text
    summary: Text
    purpose: Text
    phases: list[Phase] = Field(min_length=1)
    duration: Range
    minutes_per_participant: Annotated[int, Field(ge=1, le=60)] | None = None
    group_size: Range
    modes: list[Mode] = Field(min_length=1)
    remote_notes: Text
    materials: list[Text] = Field(default_factory=list)
    preparation: list[Text] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1)
    tips: list[Text] = Field(default_factory=list)
    safety: Text | None = None
    intensity: Intensity
    roles: list[MethodRole] = Field(default_factory=list)
    variations: list[Text] = Field(default_factory=list)
    related: list[Slug] = Field(default_factory=list)
    image: Image | None = None
    tool_text: ToolText | None = None

    @property
    def title(self) -> str:
        return self.name

    @model_validator(mode="after")
    def _round_fits_duration(self) -> Method:
        # A round where everyone speaks takes minutes_per_participant × group size, so the
        # duration must cover the round for the smallest and the largest group.
        if self.minutes_per_participant is None:
            return self
        shortest = self.minutes_per_participant * self.group_size.min
        longest = self.minutes_per_participant * self.group_size.max
        if shortest < self.duration.min or longest > self.duration.max:
            raise FieldProblem(
                ("duration",),
                f"a round of {self.minutes_per_participant} min per participant takes {shortest}–{longest} min "
                f"for {self.group_size.min}–{self.group_size.max} people, expected it within duration "
                f"{self.duration.min}–{self.duration.max}: widen the duration",
            )
        return self

    @model_validator(mode="after")
    def _steps_fit_duration(self) -> Method:
        total = sum(step.minutes for step in self.steps)
        if not self.duration.min <= total <= self.duration.max:
            raise FieldProblem(
                ("steps",),
                f"the steps' minutes add up to {total}, expected a total within duration "
                f"{self.duration.min}–{self.duration.max}: change the steps' minutes or the duration",
            )
        return self


class Seminar(Record):
    number: Literal["I", "II", "III", "IV", "V"]
    title: Text
    dates: Text | None = None
    length: Text
    goal: Text
    themes: list[Text] = Field(min_length=1)
    contents: list[Text] = Field(min_length=1)
    working_methods: list[Text] = Field(min_length=1)
    between_tasks: list[Text] = Field(default_factory=list)
    methods: list[Slug] = Field(default_factory=list)


class Module(Record):
    title: Text
    order: int = Field(ge=1)
    goal: Text
    formats: list[ModuleFormat] = Field(min_length=1)
    themes: list[Text] = Field(default_factory=list)
    questions: list[Text] = Field(min_length=1)
    methods: list[Slug] = Field(default_factory=list)


class MethodBlock(Strict):
    method: Slug
    minutes: PositiveMinutes | None = None
    at: ClockTime | None = None
    notes: Text | None = None


class ActivityBlock(Strict):
    activity: Text
    minutes: PositiveMinutes
    at: ClockTime | None = None
    phase: Phase | None = None
    debrief: bool | None = None  # true: the block serves as a debrief (purku) after an intense method
    notes: Text | None = None


class BreakBlock(Strict):
    pause: Text = Field(alias="break")
    minutes: PositiveMinutes
    at: ClockTime | None = None
    notes: Text | None = None


class NewDayBlock(Strict):
    new_day: ClockTime
    notes: Text | None = None


BLOCK_KEYS = {"method": MethodBlock, "activity": ActivityBlock, "break": BreakBlock, "new_day": NewDayBlock}


def _block_kind(value: object) -> str | None:
    if isinstance(value, dict):
        return next((key for key in BLOCK_KEYS if key in value), None)
    return next((key for key, model in BLOCK_KEYS.items() if isinstance(value, model)), None)


if TYPE_CHECKING:  # the type checker cannot read the Union built from BLOCK_KEYS below
    Block = MethodBlock | ActivityBlock | BreakBlock | NewDayBlock
else:
    Block = Annotated[
        Union[tuple(Annotated[model, Tag(key)] for key, model in BLOCK_KEYS.items())],  # noqa: UP007 (built from a tuple)
        Discriminator(
            _block_kind,
            custom_error_type="block_kind",
            custom_error_message="expected a block with one of the keys 'method', 'activity', 'break' or 'new_day'",
        ),
    ]


class Session(Record):
    title: Text
    purpose: Text
    mode: Mode
    group_size: int = Field(ge=1, le=100)
    start: ClockTime
    end: ClockTime | None = None
    blocks: list[Block] = Field(min_length=1)


class Meeting(Strict):
    title: Text
    purpose: Text
    methods: list[Slug] = Field(default_factory=list)
    session: Slug | None = None


class Process(Record):
    title: Text
    summary: Text
    group_size: Range
    meetings: Range
    meeting_minutes: Range
    cadence: Text
    facilitation: Text
    meetings_sequence: list[Meeting] = Field(min_length=1)
    themes: list[Text] = Field(default_factory=list)
    practices: list[Text] = Field(default_factory=list)


class Principle(Record):
    title: Text
    order: int = Field(ge=1)
    summary: Text
    in_practice: list[Text] = Field(min_length=1)


class Term(Record):
    term: Text
    abbreviation: Text | None = None
    definition: Text
    forms: list[Text] = Field(default_factory=list)
    see_also: list[Slug] = Field(default_factory=list)


class Source(Strict):
    id: Slug = Field(exclude=True)
    kind: Literal["lähdeaineisto", "kirjallisuus"]
    authors: list[Text] = Field(default_factory=list)
    organisation: Text | None = None
    year: int = Field(ge=1900, le=2100)
    date: Text | None = None
    # A work the source documents cite only by author and year has no title here, rather than a made-up one.
    title: Text | None = None
    publisher: Text | None = None
    place: Text | None = None
    used_for: Text | None = None
    keywords: list[Text] = Field(default_factory=list)
    # Records this source only names without describing them, as `folder/id` (e.g. `methods/aikajana` for
    # a method in a list of titles): nothing of them but their name and family can be cited to this source.
    names_only: list[RecordRef] = Field(default_factory=list)

    @property
    def citation(self) -> str:
        """How the source documents cite it, e.g. 'Tillman 2003'."""
        who = ", ".join(author.split(" ")[0] for author in self.authors) or self.organisation
        return f"{who} {self.year}"

    @property
    def label(self) -> str:
        return self.title or self.citation

    @model_validator(mode="after")
    def _someone_made_it(self) -> Source:
        if not self.authors and not self.organisation:
            raise FieldProblem(("authors",), "expected authors or an organisation, received neither: add one of them")
        return self

    @model_validator(mode="after")
    def _documents_have_titles(self) -> Source:
        if self.kind == "lähdeaineisto" and not self.title:
            raise FieldProblem(
                ("title",), "expected a title for a source document, received none: add 'title:' as published"
            )
        return self


class ComparisonRow(Strict):
    aspect: Text
    values: list[Text] = Field(min_length=2)


class Comparison(Record):
    title: Text
    order: int = Field(ge=1)
    intro: Text
    columns: list[Text] = Field(min_length=2)
    rows: list[ComparisonRow] = Field(min_length=1)

    @model_validator(mode="after")
    def _rows_match_columns(self) -> Comparison:
        for index, row in enumerate(self.rows):
            if len(row.values) != len(self.columns):
                raise FieldProblem(
                    ("rows", index, "values"),
                    f"expected one value per column ({len(self.columns)}), received {len(row.values)}",
                )
        return self


class Theme(Record):
    title: Text
    order: int = Field(ge=1)
    description: Text
    questions: list[Text] = Field(min_length=1)
    methods: list[Slug] = Field(default_factory=list)


class SupportGuide(Record):
    title: Text
    order: int = Field(ge=1)
    intro: Text
    proactive: list[Text] = Field(default_factory=list)
    reactive: list[Text] = Field(default_factory=list)
    questions: list[Text] = Field(default_factory=list)
    methods: list[Slug] = Field(default_factory=list)


# ---------------------------------------------------------------- the catalogue


@dataclass
class Catalogue:
    """All records of a curriculum, by kind and id, in a stable order (the kinds' order is macros/kinds.py's)."""

    sources: dict[str, Source] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    principles: dict[str, Principle] = field(default_factory=dict)
    methods: dict[str, Method] = field(default_factory=dict)
    sessions: dict[str, Session] = field(default_factory=dict)
    processes: dict[str, Process] = field(default_factory=dict)
    seminars: dict[str, Seminar] = field(default_factory=dict)
    modules: dict[str, Module] = field(default_factory=dict)
    comparisons: dict[str, Comparison] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    support: dict[str, SupportGuide] = field(default_factory=dict)
    # (kind, id) → the file the record came from, as reports show it
    files: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def records(self) -> dict[str, dict[str, Record | Source]]:
        """Every kind's records by folder name, in the kinds' order."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "files"}

    def count(self) -> dict[str, int]:
        return {folder: len(items) for folder, items in self.records.items()}


RESERVED_IDS = {"index"}  # index.md is each section's overview page


def slug_of(file_stem: str) -> str | None:
    return file_stem if re.fullmatch(SLUG_PATTERN, file_stem) and file_stem not in RESERVED_IDS else None
