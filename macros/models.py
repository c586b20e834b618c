"""Typed curriculum records and the Catalogue that holds them.

Plain Python and pydantic only: no MkDocs import, so the model survives a change of engine.
Every model forbids unknown keys and does no silent type coercion, so a typo in YAML is an
error with a suggestion rather than a field that quietly disappears.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag, model_validator

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CLOCK_PATTERN = r"^([01]?[0-9]|2[0-3])[.:]([0-5][0-9])$"

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

PHASES: tuple[str, ...] = Phase.__args__
MODES: tuple[str, ...] = Mode.__args__
INTENSITIES: tuple[str, ...] = Intensity.__args__
ROLES: tuple[str, ...] = MethodRole.__args__


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
    def _min_not_above_max(self) -> "Range":
        if self.min > self.max:
            raise ValueError(f"min must not be greater than max, received min {self.min} and max {self.max}")
        return self


class Image(Strict):
    src: Text
    # An image without a text alternative fails WCAG 1.1.1, so alt is required and non-empty.
    alt: Text


class Record(Strict):
    """Fields every kind has. `id` comes from the file name, never from the YAML."""

    id: Slug = Field(exclude=True)
    sources: list[Slug] = Field(default_factory=list)
    keywords: list[Text] = Field(default_factory=list)


# ---------------------------------------------------------------- kinds


class Step(Strict):
    title: Text
    minutes: PositiveMinutes
    description: Text


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

    @property
    def title(self) -> str:
        return self.name

    @model_validator(mode="after")
    def _round_fits_duration(self) -> "Method":
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
                f"{self.duration.min}–{self.duration.max}: widen the duration"
            )
        return self

    @model_validator(mode="after")
    def _steps_fit_duration(self) -> "Method":
        total = sum(step.minutes for step in self.steps)
        if not self.duration.min <= total <= self.duration.max:
            raise FieldProblem(
                ("steps",),
                f"the steps' minutes add up to {total}, expected a total within duration "
                f"{self.duration.min}–{self.duration.max}: change the steps' minutes or the duration"
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


Block = Annotated[
    Union[tuple(Annotated[model, Tag(key)] for key, model in BLOCK_KEYS.items())],
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
    title: Text
    publisher: Text | None = None
    place: Text | None = None
    used_for: Text | None = None
    keywords: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _someone_made_it(self) -> "Source":
        if not self.authors and not self.organisation:
            raise FieldProblem(("authors",), "expected authors or an organisation, received neither: add one of them")
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
    def _rows_match_columns(self) -> "Comparison":
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


# ---------------------------------------------------------------- kinds registry


@dataclass(frozen=True)
class Kind:
    folder: str
    model: type[BaseModel]
    url_prefix: str
    label: str


KINDS: tuple[Kind, ...] = (
    Kind("sources", Source, "lahteet", "Lähde"),
    Kind("terms", Term, "kasitteet", "Käsite"),
    Kind("principles", Principle, "periaatteet", "Periaate"),
    Kind("methods", Method, "menetelmat", "Menetelmä"),
    Kind("sessions", Session, "tapaamispohjat", "Tapaamispohja"),
    Kind("processes", Process, "ryhmaprosessit", "Ryhmäprosessi"),
    Kind("seminars", Seminar, "mentorikoulutus", "Seminaari"),
    Kind("modules", Module, "kriisi-ja-etajohtaminen", "Teema"),
    Kind("comparisons", Comparison, "vertailut", "Vertailu"),
    Kind("themes", Theme, "keskusteluaiheet", "Keskusteluaihe"),
    Kind("support", SupportGuide, "varhainen-tuki", "Varhainen tuki"),
)
KIND_BY_FOLDER = {kind.folder: kind for kind in KINDS}


@dataclass
class Catalogue:
    """All records of a curriculum, by kind and id, in a stable order."""

    records: dict[str, dict[str, BaseModel]] = field(default_factory=lambda: {k.folder: {} for k in KINDS})
    files: dict[tuple[str, str], str] = field(default_factory=dict)

    def __getattr__(self, folder: str) -> dict[str, BaseModel]:
        records = self.__dict__.get("records", {})
        if folder in records:
            return records[folder]
        raise AttributeError(folder)

    def count(self) -> dict[str, int]:
        return {folder: len(items) for folder, items in self.records.items()}


RESERVED_IDS = {"index"}  # index.md is each section's overview page


def slug_of(file_stem: str) -> str | None:
    return file_stem if re.match(SLUG_PATTERN, file_stem) and file_stem not in RESERVED_IDS else None
