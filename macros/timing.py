"""Clock times, per-person rounds, totals and warnings for a plan — pure functions.

The JavaScript planner (docs/assets/planner/timing.js) implements the same rules; both are run
against tests/timing_cases.json so the two cannot disagree untested.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

# A clock time, '9.15' or '09:15', for pydantic (models.ClockTime), this module and the planner (through
# index.json). `$` ends the text in pydantic and JavaScript; Python's `$` also matches before a final
# newline, so Python matches it with fullmatch().
CLOCK_PATTERN = r"^([01]?[0-9]|2[0-3])[.:]([0-5][0-9])$"
CLOCK = re.compile(CLOCK_PATTERN)

# Finnish messages, keyed by warning code; the planner receives these through its index.
MESSAGES: dict[str, str] = {
    "over_end": "Suunnitelma päättyy klo {finish}, mutta tapaamisen pitäisi päättyä klo {end}.",
    "fixed_passed": "Ohjelmakohdan ”{title}” kiinteä aika klo {at} on jo ohitettu: edellinen ohjelmakohta päättyy klo {previous}.",
    "mode": "Menetelmä ”{title}” ei sovi {mode_to}.",
    "group_size": "Menetelmä ”{title}” sopii {min}–{max} hengen ryhmälle, mutta ryhmässä on {size} henkeä.",
    "minutes_range": "Menetelmälle ”{title}” on varattu {minutes} min, suositus on {min}–{max} min.",
    "intense_last": "Tapaaminen päättyy voimakkaita tunteita herättävään menetelmään ”{title}”: lisää sen jälkeen rauhoittava lopetus.",
    "intense_no_calm": "Voimakkaita tunteita herättävän menetelmän ”{title}” jälkeen ei ole rauhallisempaa ohjelmakohtaa.",
    "intense_no_debrief": "Voimakkaita tunteita herättävän menetelmän ”{title}” jälkeen ei ole purkua ennen tapaamisen loppua tai seuraavaa voimakasta menetelmää: lisää purkuun sopiva menetelmä (esimerkiksi palautekierros) tai merkitse oma ohjelmakohta purkuksi.",
    "no_opening": "Suunnitelmasta puuttuu aloitus (esimerkiksi kuulumiskierros).",
    "no_closing": "Suunnitelmasta puuttuu lopetus (esimerkiksi palautekierros).",
}


# "ei sovi etätapaamiseen": the meeting's mode as the mode warning says it (timing.js has the same).
MODE_TO = {"lähi": "lähitapaamiseen", "etä": "etätapaamiseen", "hybridi": "hybriditapaamiseen"}


@dataclass(frozen=True)
class MethodFacts:
    """What timing needs to know of a method; built from the catalogue or the planner index."""

    title: str
    duration_min: int
    duration_max: int
    per_participant: int | None
    size_min: int
    size_max: int
    modes: tuple[str, ...]
    phases: tuple[str, ...]
    intensity: str
    debrief: bool = False  # serves as a debrief (purku) after a high-intensity method


@dataclass
class TimedBlock:
    index: int
    kind: str
    title: str
    day: int
    start: int
    end: int
    earliest_end: int
    latest_end: int
    minutes: int


@dataclass
class Warning:
    code: str
    block: int | None
    params: dict[str, str | int] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**self.params)


@dataclass
class Schedule:
    blocks: list[TimedBlock]
    warnings: list[Warning]
    finish: int
    earliest_finish: int
    latest_finish: int

    def as_dict(self) -> dict:
        return {
            "blocks": [asdict(block) for block in self.blocks],
            "warnings": [{"code": w.code, "block": w.block, "params": w.params} for w in self.warnings],
            "finish": self.finish,
            "earliest_finish": self.earliest_finish,
            "latest_finish": self.latest_finish,
        }


def parse_clock(text: str) -> int:
    """'9.15' or '09:15' → minutes after midnight."""
    match = CLOCK.fullmatch(text)
    if not match:
        raise ValueError(f"expected a clock time like '9.15', received {text!r}")
    return int(match.group(1)) * 60 + int(match.group(2))


def format_clock(minutes: int) -> str:
    """Minutes after midnight → Finnish clock time '9.05'; past midnight wraps."""
    minutes %= 24 * 60
    return f"{minutes // 60}.{minutes % 60:02d}"


def block_minutes(block: dict, method: MethodFacts | None, group_size: int) -> tuple[int, int, int]:
    """Planned, shortest and longest minutes of one block."""
    if method is None:
        minutes = int(block.get("minutes") or 0)
        return minutes, minutes, minutes
    if method.per_participant:
        minutes = method.per_participant * group_size
        return minutes, minutes, minutes
    planned = int(block.get("minutes") or method.duration_min)
    return planned, min(planned, method.duration_min), max(planned, method.duration_max)


def schedule(plan: dict, methods: dict[str, MethodFacts]) -> Schedule:
    """Lay a plan's blocks on the clock and collect every warning."""
    size = int(plan["group_size"])
    clock = earliest = latest = parse_clock(plan["start"])
    day = 1
    timed: list[TimedBlock] = []
    warnings: list[Warning] = []
    for index, block in enumerate(plan["blocks"]):
        if "new_day" in block:
            day += 1
            clock = earliest = latest = parse_clock(block["new_day"])
            continue
        method = methods.get(block["method"]) if "method" in block else None
        title = _title_of(block, method)
        if block.get("at"):
            fixed = parse_clock(block["at"])
            if fixed < clock:
                warnings.append(
                    Warning(
                        "fixed_passed",
                        index,
                        {"title": title, "at": format_clock(fixed), "previous": format_clock(clock)},
                    )
                )
            clock, earliest, latest = max(clock, fixed), max(earliest, fixed), max(latest, fixed)
        planned, shortest, longest = block_minutes(block, method, size)
        start = clock
        clock, earliest, latest = clock + planned, earliest + shortest, latest + longest
        timed.append(TimedBlock(index, _kind_of(block), title, day, start, clock, earliest, latest, planned))
        if method is not None:
            warnings.extend(_method_warnings(index, block, method, plan, planned))
    warnings.extend(_plan_warnings(plan, timed, methods, clock))
    return Schedule(timed, warnings, clock, earliest, latest)


def facts_from_index(entry: dict) -> MethodFacts:
    """The same facts from a method of the planner index, as the JavaScript planner reads them."""
    return MethodFacts(
        title=entry["name"],
        duration_min=entry["duration"][0],
        duration_max=entry["duration"][1],
        per_participant=entry.get("per_participant"),
        size_min=entry["group_size"][0],
        size_max=entry["group_size"][1],
        modes=tuple(entry["modes"]),
        phases=tuple(entry["phases"]),
        intensity=entry["intensity"],
        debrief="purku" in entry.get("roles", ()),
    )


def facts_from_method(method) -> MethodFacts:
    return MethodFacts(
        title=method.name,
        duration_min=method.duration.min,
        duration_max=method.duration.max,
        per_participant=method.minutes_per_participant,
        size_min=method.group_size.min,
        size_max=method.group_size.max,
        modes=tuple(method.modes),
        phases=tuple(method.phases),
        intensity=method.intensity,
        debrief="purku" in method.roles,
    )


def _kind_of(block: dict) -> str:
    return next(kind for kind in ("method", "activity", "break") if kind in block)


def _title_of(block: dict, method: MethodFacts | None) -> str:
    if method is not None:
        return method.title
    return str(block.get("activity") or block.get("break") or block.get("method") or "")


def _method_warnings(index: int, block: dict, method: MethodFacts, plan: dict, planned: int) -> list[Warning]:
    found = []
    if plan["mode"] not in method.modes:
        mode_to = MODE_TO.get(plan["mode"], f"tapaamismuotoon {plan['mode']}")
        found.append(Warning("mode", index, {"title": method.title, "mode": plan["mode"], "mode_to": mode_to}))
    size = int(plan["group_size"])
    if not method.size_min <= size <= method.size_max:
        found.append(
            Warning(
                "group_size",
                index,
                {"title": method.title, "min": method.size_min, "max": method.size_max, "size": size},
            )
        )
    if not method.per_participant and not method.duration_min <= planned <= method.duration_max:
        found.append(
            Warning(
                "minutes_range",
                index,
                {"title": method.title, "minutes": planned, "min": method.duration_min, "max": method.duration_max},
            )
        )
    return found


def _phases_of(block: dict, methods: dict[str, MethodFacts]) -> tuple[str, ...]:
    if "method" in block:
        method = methods.get(block["method"])
        return method.phases if method else ()
    return (block["phase"],) if block.get("phase") else ()


def _plan_warnings(plan: dict, timed: list[TimedBlock], methods: dict[str, MethodFacts], finish: int) -> list[Warning]:
    found = []
    if plan.get("end") and finish > parse_clock(plan["end"]):
        found.append(
            Warning("over_end", None, {"finish": format_clock(finish), "end": format_clock(parse_clock(plan["end"]))})
        )
    found.extend(_intensity_warnings(plan, methods))
    working = [b for b in plan["blocks"] if "break" not in b and "new_day" not in b]
    if working and not any("aloitus" in _phases_of(b, methods) for b in working):
        found.append(Warning("no_opening", None, {}))
    if working and not any("lopetus" in _phases_of(b, methods) for b in working):
        found.append(Warning("no_closing", None, {}))
    return found


def _intensity_warnings(plan: dict, methods: dict[str, MethodFacts]) -> list[Warning]:
    """A high-intensity method must be followed by a calmer (not high) working block the same day, and by a
    debrief before the day ends or the next high-intensity method."""
    found = []
    blocks = plan["blocks"]
    for index, block in enumerate(blocks):
        method = methods.get(block.get("method", ""))
        if method is None or method.intensity != "korkea":
            continue
        following = _working_blocks_of_the_day(blocks[index + 1 :])
        if not following:
            found.append(Warning("intense_last", index, {"title": method.title}))
            continue
        after = methods.get(following[0].get("method", ""))
        if after is not None and after.intensity == "korkea":
            found.append(Warning("intense_no_calm", index, {"title": method.title}))
        elif not any(_is_debrief(b, methods) for b in _until_intense(following, methods)):
            found.append(Warning("intense_no_debrief", index, {"title": method.title}))
    return found


def _until_intense(blocks: list[dict], methods: dict[str, MethodFacts]) -> list[dict]:
    """The working blocks before the next high-intensity method."""
    found = []
    for block in blocks:
        method = methods.get(block.get("method", ""))
        if method is not None and method.intensity == "korkea":
            break
        found.append(block)
    return found


def _is_debrief(block: dict, methods: dict[str, MethodFacts]) -> bool:
    """A method whose record says it serves as a debrief, or an own block marked as one."""
    if "method" in block:
        method = methods.get(block["method"])
        return method is not None and method.debrief
    return block.get("debrief") is True


def _working_blocks_of_the_day(blocks: list[dict]) -> list[dict]:
    # The group goes home at the end of a day, so a new day is the end of the meeting for this rule.
    found = []
    for block in blocks:
        if "new_day" in block:
            break
        if "break" not in block:
            found.append(block)
    return found


def session_plan(session) -> dict:
    """A session template as the plan that schedule() reads (and the planner's index carries)."""
    return {
        "start": session.start,
        "end": session.end,
        "mode": session.mode,
        "group_size": session.group_size,
        "blocks": [block.model_dump(by_alias=True, exclude_none=True) for block in session.blocks],
    }
