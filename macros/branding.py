"""The hosting organisation's settings from mkdocs.yml `extra:`: name, logo, colours, contacts, accessibility statement.

Plain Python and pydantic: the MkDocs edge passes `config.extra` in and gets typed settings or one
report of every mistake. Colours are checked against WCAG 2.1 contrast here, at build time, so a
brand colour can never ship a page that fails 1.4.3.
"""

from __future__ import annotations

import colorsys
import datetime
from collections.abc import Mapping
from typing import Annotated, Any, Literal, get_args

from pydantic import Field, StringConstraints, ValidationError, field_validator, model_validator

# The curriculum loader's message helpers, so a settings error reads like a content error.
from .load import _did_you_mean, _explain, _field, _fields_at
from .models import FieldProblem, Strict, Text

HexColour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Email = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
# No spaces, quotes, angle brackets or parentheses: the address goes into Markdown links and HTML attributes.
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s\"'<>()\\]+$")]
# YAML reads 2026-11-23 as a date and "2026-11-23" as text: accept both.
Day = Annotated[datetime.date, Field(strict=False)]

WHITE = "#ffffff"
# Where Material puts these colours as text: the page, and tags and search counts (#00000012 on white).
LIGHT_BACKGROUNDS = (WHITE, "#ededed")
# The slate palette's page hsl(225 15% 14%), code and tables hsl(225 15% 18%), tags (12% text colour on the page).
SLATE_BACKGROUNDS = ("#1e2129", "#272a35", "#363840")
# WCAG 2.1 SC 1.4.3: normal-size text needs 4.5:1.
MINIMUM_CONTRAST = 4.5
COMPLIANCE_LABELS = {
    "täyttää": "täyttää",
    "osittain": "täyttää osittain",
    "ei": "ei täytä",
}


# ---------------------------------------------------------------- contrast


def relative_luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _shade_that_passes(colour: str, backgrounds: tuple[str, ...]) -> str:
    """The nearest lighter or darker shade of `colour` (same hue) that reaches the minimum on every background."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    towards_light = relative_luminance(backgrounds[0]) < 0.18
    for step in range(101):
        level = min(max(lightness + (step if towards_light else -step) / 100, 0.0), 1.0)
        shade = "#" + "".join(f"{round(c * 255):02x}" for c in colorsys.hls_to_rgb(hue, level, saturation))
        if all(contrast_ratio(shade, background) >= MINIMUM_CONTRAST + 0.05 for background in backgrounds):
            return shade
    return WHITE if towards_light else "#000000"


def _require_contrast(colour: str, backgrounds: tuple[str, ...], role: str) -> str:
    for background in backgrounds:
        ratio = contrast_ratio(colour, background)
        if ratio < MINIMUM_CONTRAST:
            raise ValueError(
                f"{role} needs a contrast of at least 4.5:1 (WCAG 1.4.3), received {colour} at {ratio:.2f}:1 "
                f"on {background}: try {_shade_that_passes(colour, backgrounds)}"
            )
    return colour


# ---------------------------------------------------------------- settings


class Logo(Strict):
    src: Text
    # A logo is an image: without a text alternative it fails WCAG 1.1.1, so the build refuses it.
    alt: Text


class Colours(Strict):
    primary: HexColour
    accent: HexColour
    dark_primary: HexColour
    dark_accent: HexColour

    # One validator per colour, so every unreadable colour is reported in the same run.
    @field_validator("primary")
    @classmethod
    def _primary_readable(cls, colour: str) -> str:
        # White header text on it, and the link colour on light backgrounds: the same figure both ways.
        return _require_contrast(colour, LIGHT_BACKGROUNDS, "the primary colour (header, links) with white")

    @field_validator("accent")
    @classmethod
    def _accent_readable(cls, colour: str) -> str:
        return _require_contrast(colour, LIGHT_BACKGROUNDS, "the accent colour (hover, search highlights)")

    @field_validator("dark_primary")
    @classmethod
    def _dark_primary_readable(cls, colour: str) -> str:
        return _require_contrast(colour, SLATE_BACKGROUNDS, "the dark palette's link colour")

    @field_validator("dark_accent")
    @classmethod
    def _dark_accent_readable(cls, colour: str) -> str:
        return _require_contrast(colour, SLATE_BACKGROUNDS, "the dark palette's accent colour")


class Organisation(Strict):
    name: Text
    logo: Logo | None = None
    colours: Colours
    feedback_email: Email
    feedback_url: HttpsUrl | None = None
    footer: Text | None = None


class Supervisor(Strict):
    name: Text
    unit: Text
    website: HttpsUrl
    email: Email
    phone: Text


class Shortcoming(Strict):
    content: Text
    reason: Text
    criteria: list[Text] = Field(default_factory=list)
    alternative: Text | None = None


class Accessibility(Strict):
    level: Literal["täyttää", "osittain", "ei"]
    standard: Text
    shortcomings: list[Shortcoming] = Field(default_factory=list)
    exemptions: list[Shortcoming] = Field(default_factory=list)
    assessed_on: Day
    assessment: list[Text] = Field(min_length=1)
    prepared_on: Day
    reviewed_on: Day
    response_days: Annotated[int, Field(ge=1, le=14)]
    supervisor: Supervisor

    @model_validator(mode="after")
    def _level_matches_shortcomings(self) -> Accessibility:
        # Act 306/2019: a partly compliant service must say in its statement what is not accessible and why.
        if self.level != "täyttää" and not self.shortcomings:
            raise FieldProblem(
                ("shortcomings",),
                f"expected the content that is not accessible for level '{self.level}', received none: list it",
            )
        if self.level == "täyttää" and self.shortcomings:
            raise FieldProblem(
                ("level",),
                f"expected level 'osittain' when shortcomings are listed, received 'täyttää' with {len(self.shortcomings)}",
            )
        if self.reviewed_on < self.prepared_on:
            raise FieldProblem(
                ("reviewed_on",),
                f"expected a date on or after prepared_on {self.prepared_on}, received {self.reviewed_on}",
            )
        return self

    @property
    def compliance(self) -> str:
        return COMPLIANCE_LABELS[self.level]


class IntranetSettings(Strict):
    organisation: Organisation
    accessibility: Accessibility


# ---------------------------------------------------------------- reading


class SettingsError(Exception):
    """Every mistake in the organisation's settings, one line each, like the curriculum's report."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        noun = "error" if len(lines) == 1 else "errors"
        super().__init__("\n".join([*lines, f"{len(lines)} {noun} in the site settings."]))


def read_settings(extra: dict[str, Any], config_name: str = "mkdocs.yml") -> IntranetSettings:
    """`organisation` and `accessibility` from mkdocs.yml `extra:`; other keys of extra belong to others."""
    data = {key: extra.get(key) for key in ("organisation", "accessibility")}
    data = {key: value for key, value in data.items() if value is not None}
    try:
        return IntranetSettings.model_validate(data)
    except ValidationError as exc:
        lines = [_describe_problem(detail, config_name) for detail in exc.errors(include_url=False)]
        raise SettingsError(lines) from None


def _describe_problem(detail: Mapping[str, Any], config_name: str) -> str:
    loc = tuple(detail["loc"])
    problem = detail.get("ctx", {}).get("error")
    if isinstance(problem, FieldProblem):
        loc = loc + problem.field
    where = f"{config_name}: extra.{_field(loc)}"
    if loc == ("organisation", "logo", "alt"):
        received = "nothing" if detail["type"] == "missing" else repr(detail["input"])
        return f"{where}: expected the logo's text alternative (WCAG 1.1.1), e.g. the organisation's name, received {received}"
    if detail["type"] == "missing":
        return f"{where}: expected this required setting, received nothing: add '{loc[-1]}:'"
    if detail["type"] == "extra_forbidden":
        allowed = _fields_at(IntranetSettings, loc[:-1])
        hint = _did_you_mean(str(loc[-1]), allowed)
        return f"{where}: unknown key '{loc[-1]}'{hint or '; expected one of: ' + ', '.join(allowed)}"
    if detail["type"] == "string_pattern_mismatch":
        return (
            f"{where}: expected {_PATTERN_NAMES.get(_pattern_of(detail), 'another form')}, received {detail['input']!r}"
        )
    return f"{where}: {_explain(detail, loc, None)}"


def _pattern_of(detail: Mapping[str, Any]) -> str:
    return str(detail.get("ctx", {}).get("pattern", ""))


_PATTERN_NAMES = {
    get_args(HexColour)[1].pattern: "a colour like '#1f4e79'",
    get_args(Email)[1].pattern: "an e-mail address like 'palaute@example.fi'",
    get_args(HttpsUrl)[1].pattern: "an https:// address",
}


# ---------------------------------------------------------------- the statement page


def finnish_date(day: datetime.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def statement_context(settings: IntranetSettings, site_name: str) -> dict[str, Any]:
    """What the accessibility statement fragment shows, with dates already in Finnish form."""
    statement = settings.accessibility
    return {
        "site_name": site_name,
        "organisation": settings.organisation,
        "statement": statement,
        "assessed_on": finnish_date(statement.assessed_on),
        "prepared_on": finnish_date(statement.prepared_on),
        "reviewed_on": finnish_date(statement.reviewed_on),
    }
