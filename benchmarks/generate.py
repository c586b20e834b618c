"""A synthetic curriculum of any size that validates: realistic text lengths, cross-references and sessions.

Deterministic (seeded), so two runs of the benchmark build the same pages. Each kind grows in
proportion to the methods, as an organisation's catalogue would; each record mentions a few
glossary terms and refers to a few others, so back-links and term pages stay O(records).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.models import PHASES

# Records of each kind per 100 methods (at least one of each).
PER_100_METHODS = {
    "sources": 20,
    "terms": 15,
    "principles": 5,
    "sessions": 25,
    "processes": 4,
    "seminars": 5,
    "modules": 10,
    "comparisons": 2,
    "themes": 10,
    "support": 2,
}
SEMINAR_NUMBERS = ("I", "II", "III", "IV", "V")
WORDS = (
    "ryhmä mentori kokemus keskustelu työ tapaaminen kollega tuki oppiminen luottamus kuuntelu tarina "
    "kysymys ajatus tehtävä muutos arki hyvinvointi yhteisö vuorovaikutus palaute pohdinta ratkaisu "
    "havainto osaaminen jakaminen kiire tunne voimavara ammatti tavoite taito tilanne esimerkki "
    "kertoo pohtii jakaa kuuntelee kysyy kokeilee huomaa sopii auttaa vahvistaa rauhoittaa avaa "
    "yhteinen oma uusi tärkeä vaikea hyvä rauhallinen turvallinen avoin pieni seuraava jokainen"
).split()
SYLLABLES = ("ka", "lo", "mi", "ne", "su", "ta", "vi", "ro", "he", "pa", "ku", "se")


@dataclass
class Generated:
    root: Path
    counts: dict[str, int]


def counts_for(methods: int) -> dict[str, int]:
    counts = {kind: max(1, round(per * methods / 100)) for kind, per in PER_100_METHODS.items()}
    return {"methods": methods, **counts}


def generate(root: Path, methods: int, seed: int = 7) -> Generated:
    """Write a curriculum of `methods` methods and proportionate other kinds into `root`."""
    counts = counts_for(methods)
    text = _Text(random.Random(seed), counts["terms"])
    writers = {
        "sources": _source,
        "terms": _term,
        "principles": _principle,
        "methods": _method,
        "sessions": _session,
        "processes": _process,
        "seminars": _seminar,
        "modules": _module,
        "comparisons": _comparison,
        "themes": _theme,
        "support": _support,
    }
    for kind, write in writers.items():
        folder = root / kind
        folder.mkdir(parents=True, exist_ok=True)
        for index in range(counts[kind]):
            data = write(index, counts, text)
            (folder / f"{_id(kind, index)}.yml").write_text(_dump(data), encoding="utf-8")
    return Generated(root, counts)


def _id(kind: str, index: int) -> str:
    return f"{kind[:-1] if kind != 'support' else 'tuki'}-{index + 1}"


def _dump(data: dict) -> str:
    present = {key: value for key, value in data.items() if value is not None}
    return yaml.safe_dump(present, allow_unicode=True, sort_keys=False, width=100)


class _Text:
    """Finnish-looking sentences; some mention a glossary term so term pages have uses."""

    def __init__(self, rng: random.Random, terms: int):
        self.rng = rng
        self.terms = terms

    def sentence(self, words: int = 13) -> str:
        chosen = self.rng.choices(WORDS, k=words)
        if self.rng.random() < 0.15:
            chosen[self.rng.randrange(words)] = term_word(self.rng.randrange(self.terms))
        return " ".join(chosen).capitalize() + "."

    def para(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def items(self, count: int, words: int = 7) -> list[str]:
        return [self.sentence(words) for _ in range(count)]

    def words(self, count: int) -> list[str]:
        return self.rng.sample(WORDS, count)

    def pick(self, kind: str, total: int, count: int) -> list[str]:
        return [_id(kind, i) for i in sorted(self.rng.sample(range(total), min(count, total)))]


def term_word(index: int) -> str:
    """A made-up word per term, so a term matches only where the text mentions it."""
    letters, n = "", index
    while True:
        letters += SYLLABLES[n % len(SYLLABLES)]
        n //= len(SYLLABLES)
        if n == 0:
            break
    return f"{letters}vinen"


# ---------------------------------------------------------------- kinds


def _source(index, counts, text):
    return {
        "kind": "kirjallisuus" if index % 2 else "lähdeaineisto",
        "authors": [f"Kirjoittaja {index + 1}", f"Toinen {index % 7 + 1}"],
        "year": 2000 + index % 24,
        "title": text.sentence(6).rstrip("."),
        "publisher": f"Kustantamo {index % 9 + 1}",
        "place": "Helsinki",
        "used_for": text.sentence(14),
        "keywords": text.words(4),
    }


def _term(index, counts, text):
    word = term_word(index)
    see_also = [_id("terms", (index + step) % counts["terms"]) for step in (1, 2) if counts["terms"] > step]
    return {
        "term": word,
        "abbreviation": f"T{index + 1}" if index % 4 == 0 else None,
        "definition": text.para(4),
        "forms": [f"{word}n", f"{word}ssa"],
        "see_also": see_also,
        "sources": text.pick("sources", counts["sources"], 1),
    }


def _principle(index, counts, text):
    return {
        "title": f"Periaate {index + 1}",
        "order": index + 1,
        "summary": text.para(4),
        "in_practice": text.items(4, 10),
        "sources": text.pick("sources", counts["sources"], 1),
    }


def method_phase(index: int) -> str:
    return PHASES[index % len(PHASES)]


def _method(index, counts, text):
    phase = method_phase(index)
    # Opening and closing methods are rounds timed per participant, as in the real catalogue.
    rounds = phase in ("aloitus", "lopetus")
    minutes = [3, 5, 2, 2, 2] if rounds else [5, 15, 20, 10, 5]
    duration = {"min": 4, "max": 40} if rounds else {"min": 30, "max": 90}
    phases = [phase] if index % 3 else [phase, PHASES[(index + 2) % len(PHASES)]]
    method = {
        "name": f"{text.rng.choice(WORDS).capitalize()}menetelmä {index + 1}",
        "family": f"Menetelmäperhe {index % max(1, counts['methods'] // 20) + 1}",
        "summary": text.para(3),
        "purpose": text.para(4),
        "phases": list(dict.fromkeys(phases)),
        "duration": duration,
        "minutes_per_participant": 2 if rounds else None,
        "group_size": {"min": 2, "max": 12 if not rounds else 20},
        "modes": ["lähi", "etä", "hybridi"] if index % 4 else ["lähi"],
        "remote_notes": text.para(3),
        "materials": text.items(4, 5),
        "preparation": text.items(3, 10),
        "steps": [{"title": text.sentence(3).rstrip("."), "minutes": m, "description": text.para(2)} for m in minutes],
        "tips": text.items(4, 10),
        "safety": text.para(4) if index % 5 == 2 else None,
        "intensity": "korkea" if index % 10 == 7 else ("keskitaso" if phase == "työskentely" else "matala"),
        # A calm closing round serves as the debrief an intense method needs (the planner's debrief rule).
        **({"roles": ["purku"]} if phase == "lopetus" and index % 10 != 7 else {}),
        "variations": text.items(3, 10),
        "related": list(
            dict.fromkeys(
                _id("methods", (index + step) % counts["methods"]) for step in (1, 5, 12) if counts["methods"] > step
            )
        ),
        "sources": text.pick("sources", counts["sources"], 2),
        "keywords": text.words(8),
    }
    return method


def _method_with_phase(phase: str, seed: int, methods: int) -> str:
    step = len(PHASES)
    slots = max(1, (methods - PHASES.index(phase) + step - 1) // step)
    return _id("methods", PHASES.index(phase) + step * (seed % slots))


def _session(index, counts, text):
    def pick(phase, shift):
        return _method_with_phase(phase, index * 3 + shift, counts["methods"])

    return {
        "title": f"Tapaamispohja {index + 1}",
        "purpose": text.para(4),
        "mode": "lähi",
        "group_size": 6,
        "start": "13.00",
        "end": "17.00",
        "blocks": [
            {"method": pick("aloitus", 0), "notes": text.sentence(8)},
            {"activity": text.sentence(4).rstrip("."), "minutes": 10, "phase": "työskentely", "debrief": True},
            {"method": pick("työskentely", 1), "minutes": 45, "notes": text.sentence(10)},
            {"break": "Tauko", "minutes": 15},
            {"activity": text.sentence(5).rstrip("."), "minutes": 20, "phase": "työskentely", "debrief": True},
            {"method": pick("reflektio", 2), "minutes": 30},
            {"method": pick("lopetus", 0), "notes": text.sentence(6)},
        ],
        "sources": text.pick("sources", counts["sources"], 1),
        "keywords": text.words(3),
    }


def _process(index, counts, text):
    meetings = [
        {
            "title": f"{number}. {text.sentence(4).rstrip('.')}",
            "purpose": text.para(2),
            "methods": text.pick("methods", counts["methods"], 3),
            "session": _id("sessions", (index * 6 + number) % counts["sessions"]),
        }
        for number in range(1, 7)
    ]
    return {
        "title": f"Ryhmäprosessi {index + 1}",
        "summary": text.para(6),
        "group_size": {"min": 6, "max": 8},
        "meetings": {"min": 5, "max": 8},
        "meeting_minutes": {"min": 120, "max": 180},
        "cadence": text.sentence(6),
        "facilitation": text.para(3),
        "meetings_sequence": meetings,
        "themes": text.items(3),
        "practices": text.items(3),
        "sources": text.pick("sources", counts["sources"], 2),
    }


def _seminar(index, counts, text):
    return {
        "number": SEMINAR_NUMBERS[index % len(SEMINAR_NUMBERS)],
        "title": f"Seminaari {index + 1}",
        "length": "kaksi päivää",
        "goal": text.para(2),
        "themes": text.items(4),
        "contents": text.items(5),
        "working_methods": text.items(3, 4),
        "between_tasks": text.items(2),
        "methods": text.pick("methods", counts["methods"], 8),
        "sources": text.pick("sources", counts["sources"], 2),
    }


def _module(index, counts, text):
    return {
        "title": f"Johtamisen teema {index + 1}",
        "order": index + 1,
        "goal": text.para(3),
        "formats": ["webinaari", "etävertaispienryhmä"],
        "themes": text.items(3),
        "questions": [s.rstrip(".") + "?" for s in text.items(5, 10)],
        "methods": text.pick("methods", counts["methods"], 5),
        "sources": text.pick("sources", counts["sources"], 1),
    }


def _comparison(index, counts, text):
    columns = ["Vertaisryhmä", "Mentorointi", "Työnohjaus"]
    return {
        "title": f"Vertailu {index + 1}",
        "order": index + 1,
        "intro": text.para(3),
        "columns": columns,
        "rows": [{"aspect": text.sentence(2).rstrip("."), "values": text.items(len(columns), 6)} for _ in range(6)],
        "sources": text.pick("sources", counts["sources"], 2),
    }


def _theme(index, counts, text):
    return {
        "title": f"Keskusteluaihe {index + 1}",
        "order": index + 1,
        "description": text.para(4),
        "questions": [s.rstrip(".") + "?" for s in text.items(4)],
        "methods": text.pick("methods", counts["methods"], 4),
    }


def _support(index, counts, text):
    return {
        "title": f"Varhaisen tuen opas {index + 1}",
        "order": index + 1,
        "intro": text.para(8),
        "proactive": text.items(6),
        "reactive": text.items(6),
        "questions": [s.rstrip(".") + "?" for s in text.items(4)],
        "methods": text.pick("methods", counts["methods"], 5),
        "sources": text.pick("sources", counts["sources"], 1),
    }
