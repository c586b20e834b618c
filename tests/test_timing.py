"""Timing rules: hand-checked cases run against macros/timing.py and the planner's timing.js, plus random plans.

The JavaScript side runs in Node (tests/js/run_timing_cases.mjs); both must give exactly the same schedule,
warnings and Finnish messages, so the handbook's session templates and the planner cannot disagree.
"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest

from macros.planner_index import build_index
from macros.shared_values import shared_values
from macros.site import build_site
from macros.timing import MESSAGES, Warning, facts_from_index, format_clock, parse_clock, schedule

from .conftest import ROOT

CASES_FILE = ROOT / "tests" / "timing_cases.json"
RUNNER = ROOT / "tests" / "js" / "run_timing_cases.mjs"
CASES = json.loads(CASES_FILE.read_text(encoding="utf-8"))
CLOCK_KEYS = ("start", "end", "earliest_end", "latest_end")
WARNING_CODES = set(MESSAGES)


def python_schedule(plan: dict, methods: dict[str, dict]) -> dict:
    facts = {method_id: facts_from_index(entry) for method_id, entry in methods.items()}
    return schedule(plan, facts).as_dict()


def run_node(payload: dict, tmp_path: Path) -> list[dict]:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps({"shared": shared_values(), **payload}, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(["node", str(RUNNER), str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def shown(result: dict) -> dict:
    """A schedule with clock values as the planner shows them, to compare with a hand-written case."""
    return {
        "finish": format_clock(result["finish"]),
        "earliest_finish": format_clock(result["earliest_finish"]),
        "latest_finish": format_clock(result["latest_finish"]),
        "blocks": [{**block, **{key: format_clock(block[key]) for key in CLOCK_KEYS}} for block in result["blocks"]],
        "warnings": result["warnings"],
    }


@pytest.fixture(scope="module")
def javascript_results(tmp_path_factory) -> list[dict]:
    return run_node({**CASES, "messages": MESSAGES}, tmp_path_factory.mktemp("timing"))


# ---------------------------------------------------------------- the hand-checked cases


def test_cases_cover_every_rule():
    cases = CASES["cases"]
    assert len(cases) >= 20
    codes = {warning["code"] for case in cases for warning in case["expected"]["warnings"]}
    assert codes == WARNING_CODES
    blocks = [block for case in cases for block in case["plan"]["blocks"]]
    assert any("new_day" in block for block in blocks)
    assert any(block.get("at") for block in blocks)
    assert any(
        CASES["methods"][block["method"]]["per_participant"]
        for block in blocks
        if block.get("method") in CASES["methods"]
    )


@pytest.mark.parametrize("number", range(len(CASES["cases"])), ids=[case["name"] for case in CASES["cases"]])
def test_python_gives_the_hand_checked_result(number):
    case = CASES["cases"][number]
    assert shown(python_schedule(case["plan"], CASES["methods"])) == case["expected"]


@pytest.mark.parametrize("number", range(len(CASES["cases"])), ids=[case["name"] for case in CASES["cases"]])
def test_javascript_gives_the_hand_checked_result(number, javascript_results):
    case = CASES["cases"][number]
    assert shown(javascript_results[number]["schedule"]) == case["expected"]


def test_javascript_writes_the_same_finnish_messages(javascript_results):
    for case, result in zip(CASES["cases"], javascript_results, strict=True):
        python = [Warning(w["code"], w["block"], w["params"]).message for w in case["expected"]["warnings"]]
        assert result["messages"] == python, case["name"]
    every = [m for result in javascript_results for m in result["messages"]]
    assert "Menetelmä ”Aikajana” sopii 3–8 hengen ryhmälle, mutta ryhmässä on 12 henkeä." in every
    assert "Suunnitelma päättyy klo 9.15, mutta tapaamisen pitäisi päättyä klo 9.00." in every
    assert "Menetelmä ”Sosiodraama” ei sovi etätapaamiseen." in every


# ---------------------------------------------------------------- clock


def test_clock_reading_and_writing():
    assert parse_clock("9.15") == 555 and parse_clock("09:15") == 555 and parse_clock("23.59") == 1439
    assert format_clock(545) == "9.05" and format_clock(1440 + 18) == "0.18"
    for bad in ("24.00", "9.60", "9", "9.5", "9.15\n", " 9.15", "klo 9"):
        with pytest.raises(ValueError, match="expected a clock time"):
            parse_clock(bad)


# ---------------------------------------------------------------- Python and JavaScript agree


def random_method(rng: random.Random) -> dict:
    low = rng.randint(3, 60)
    per = rng.choice([None, None, None, rng.randint(1, 5)])
    size = sorted([rng.randint(1, 12), rng.randint(1, 16)])
    return {
        "name": rng.choice(["Kierros", "Jana", "Draama", "Patsas", "Kirje", "<b>x</b> {y}"]) + f" {rng.randint(1, 99)}",
        "duration": [low, low + rng.randint(0, 60)],
        "per_participant": per,
        "group_size": size,
        "modes": rng.sample(["lähi", "etä", "hybridi"], rng.randint(1, 3)),
        "phases": rng.sample(["aloitus", "tutustuminen", "työskentely", "reflektio", "lopetus"], rng.randint(1, 2)),
        "intensity": rng.choice(["matala", "keskitaso", "korkea", "korkea"]),
        "roles": rng.choice([[], [], ["purku"], ["odotukset", "purku"], ["väliarviointi"]]),
    }


def random_clock(rng: random.Random) -> str:
    hour, minute = rng.randint(0, 23), rng.randint(0, 59)
    return rng.choice([f"{hour}.{minute:02d}", f"{hour:02d}:{minute:02d}", f"{hour}:{minute:02d}"])


def random_block(rng: random.Random, ids: list[str]) -> dict:
    kind = rng.choice(["method"] * 5 + ["activity", "break", "new_day"])
    if kind == "new_day":
        return {"new_day": random_clock(rng)}
    block: dict = (
        {"method": rng.choice(ids + ["tuntematon", "constructor"])}
        if kind == "method"
        else {kind: rng.choice(["Tauko", "Lounas", "Oma"]), "minutes": rng.randint(1, 90)}
    )
    if kind == "method" and rng.random() < 0.7:
        block["minutes"] = rng.randint(1, 120)
    if kind == "activity" and rng.random() < 0.5:
        block["phase"] = rng.choice(["aloitus", "työskentely", "lopetus"])
    if kind == "activity" and rng.random() < 0.3:
        block["debrief"] = rng.choice([True, True, False, "true", 1])
    if rng.random() < 0.25:
        block["at"] = random_clock(rng)
    return block


def random_plan(rng: random.Random, ids: list[str]) -> dict:
    plan = {
        "start": random_clock(rng),
        "mode": rng.choice(["lähi", "etä", "hybridi"]),
        "group_size": rng.randint(1, 14),
        "blocks": [random_block(rng, ids) for _ in range(rng.randint(0, 14))],
    }
    if rng.random() < 0.5:
        plan["end"] = random_clock(rng)
    return plan


def test_random_plans_get_the_same_schedule_in_python_and_javascript(tmp_path):
    rng = random.Random(20240505)
    methods = {f"m{number}": random_method(rng) for number in range(12)}
    plans = [random_plan(rng, list(methods)) for _ in range(500)]
    results = run_node(
        {"methods": methods, "messages": MESSAGES, "cases": [{"plan": plan} for plan in plans]}, tmp_path
    )
    codes = set()
    for plan, result in zip(plans, results, strict=True):
        python = python_schedule(plan, methods)
        assert result["schedule"] == python, json.dumps(plan, ensure_ascii=False)
        assert result["messages"] == [Warning(w["code"], w["block"], w["params"]).message for w in python["warnings"]]
        codes |= {w["code"] for w in python["warnings"]}
    assert codes == WARNING_CODES  # the random plans reach every rule


def test_session_templates_get_the_same_clock_times_in_the_planner(tmp_path):
    site = build_site(ROOT / "curriculum")
    index = build_index(site, lambda uri: uri)
    methods = {entry["id"]: entry for entry in index["methods"]}
    plans = [
        {key: session[key] for key in ("start", "end", "mode", "group_size", "blocks")} for session in index["sessions"]
    ]
    results = run_node({"methods": methods, "cases": [{"plan": plan} for plan in plans]}, tmp_path)
    assert len(results) == len(index["sessions"]) >= 7
    for plan, result in zip(plans, results, strict=True):
        assert result["schedule"] == python_schedule(plan, methods)
