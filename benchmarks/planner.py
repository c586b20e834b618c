"""Planner benchmark: filter and add-block times in Chromium with 2,000 methods, and the gzipped payload.

    .venv/bin/python -m benchmarks.planner            # measure and rewrite the "Suunnittelija" section of BENCHMARKS.md
    .venv/bin/python -m benchmarks.planner --no-write # measure and print only

A synthetic curriculum of --methods methods is written as YAML, loaded and validated by our own loader
and turned into the planner index by macros/planner_index.py. The small fixture site is built once with
MkDocs and its index replaced by the synthetic one, so Chromium runs the real planner page on a large
index without building 2,000 handbook pages it does not need. Targets (issue 5): median ≤ 30 ms for a
filter change and for adding a block; planner JavaScript plus the shipped curriculum's index ≤ 100 KB gzipped.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import yaml

from macros.load import load_catalogue
from macros.planner_index import INDEX_URI, build_index, dumps
from macros.site import build_site
from tests.browser import launch, serve

from .report import replace_section

ROOT = Path(__file__).resolve().parent.parent
PLANNER = ROOT / "docs" / "assets" / "planner"
REPORT = ROOT / "BENCHMARKS.md"
SECTION = "## Suunnittelija"
TARGET_MS = 30
TARGET_KB = 100
COURSE_MEETINGS = 20
FILTER_STEPS = [
    ("#vp-search", "ryhmä"),
    ("#vp-search", "ka"),
    ("#vp-search", ""),
    ("#vp-phase", "työskentely"),
    ("#vp-filter-mode", "etä"),
    ("#vp-search", "tarina kuu"),
    ("#vp-phase", ""),
    ("#vp-filter-mode", ""),
    ("#vp-intensity", "matala"),
    ("#vp-intensity", ""),
    ("#vp-filter-size", "7"),
    ("#vp-filter-size", ""),
]

# ---------------------------------------------------------------- synthetic curriculum

SYLLABLES = ("ka", "lo", "mi", "ne", "su", "ta", "vi", "ro", "he", "pa", "ku", "se", "jä", "ö")
WORDS = [
    "ryhmä",
    "kokemus",
    "keskustelu",
    "työ",
    "tapaaminen",
    "kollega",
    "tuki",
    "oppiminen",
    "luottamus",
    "kuuntelu",
    "tarina",
    "kysymys",
    "muutos",
    "arki",
    "hyvinvointi",
    "yhteisö",
    "palaute",
    "pohdinta",
    "ratkaisu",
    "osaaminen",
    "jakaminen",
    "tunne",
    "voimavara",
]
PHASES = ("aloitus", "tutustuminen", "työskentely", "reflektio", "lopetus")
MODES = ("lähi", "etä", "hybridi")


def synthetic_method(rng: random.Random, number: int) -> dict:
    name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize() + f" {number}"
    sentence = lambda words: " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."  # noqa: E731
    size = sorted(rng.sample(range(2, 15), 2))
    per = rng.choice([None, None, None, 2, 3])
    low, high = (per * size[0], per * size[1]) if per else sorted(rng.sample(range(10, 121, 5), 2))
    steps = [low // 2, low - low // 2] if low > 1 else [low]
    return {
        "name": name,
        "family": f"Perhe {rng.randint(1, 12)}",
        "summary": sentence(18),
        "purpose": sentence(12),
        "phases": sorted(rng.sample(PHASES, rng.randint(1, 3)), key=PHASES.index),
        "duration": {"min": low, "max": high},
        **({"minutes_per_participant": per} if per else {}),
        "group_size": {"min": size[0], "max": size[1]},
        "modes": sorted(rng.sample(MODES, rng.randint(1, 3)), key=MODES.index),
        "remote_notes": sentence(10),
        "materials": [rng.choice(WORDS) for _ in range(2)],
        "steps": [
            {"title": sentence(2), "minutes": minutes, "description": sentence(10)} for minutes in steps if minutes
        ],
        "tips": [sentence(8)],
        "intensity": rng.choice(["matala", "keskitaso", "korkea"]),
        "keywords": [rng.choice(WORDS) for _ in range(3)],
    }


def synthetic_index(folder: Path, methods: int) -> dict:
    rng = random.Random(5)
    (folder / "methods").mkdir(parents=True)
    for number in range(methods):
        text = yaml.safe_dump(synthetic_method(rng, number), allow_unicode=True, sort_keys=False)
        (folder / "methods" / f"menetelma-{number}.yml").write_text(text, encoding="utf-8")
    load_catalogue(folder)  # every generated record passes the real validation
    return build_index(build_site(folder), lambda uri: uri.removesuffix(".md") + "/")


# ---------------------------------------------------------------- Chromium

MEASURE = """async ([selector, value]) => {
  const control = document.querySelector(selector);
  const start = performance.now();
  control.value = value;
  control.dispatchEvent(new Event("input", { bubbles: true }));
  document.body.offsetHeight;  // style and layout of the new list are part of the change
  return performance.now() - start;
}"""

ADD = """async (number) => {
  const buttons = document.querySelectorAll("#vp-results .vp-card button");
  const start = performance.now();
  buttons[number % buttons.length].click();
  document.body.offsetHeight;
  return performance.now() - start;
}"""


UNDO = """async () => {
  const start = performance.now();
  document.querySelector("#vp-undo").click();
  document.body.offsetHeight;
  return performance.now() - start;
}"""

# A series of the most meetings a series may have, from scratch: the form's submit builds every plan.
CREATE_COURSE = """async (count) => {
  document.querySelector("#vp-course-new").click();
  document.querySelector("#vp-cf-name").value = "Mittaussarja";
  document.querySelector("#vp-cf-date").value = "2026-09-01";
  document.querySelector("#vp-cf-count").value = String(count);
  const start = performance.now();
  document.querySelector("#vp-cf-create").click();
  document.body.offsetHeight;
  return performance.now() - start;
}"""


def build_fixture_site(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", folder / "curriculum")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
    )
    return folder / "site"


def measure_in_chromium(site: Path, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, serve(site) as url:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "suunnittelija/")
        page.wait_for_selector("#verme-planner[data-ready]", timeout=60_000)
        # The size and mode filters start from the plan's; the filter figures are over every method.
        page.locator("#vp-filters button[type=reset]").click()
        page.wait_for_function("!document.querySelector('#vp-filter-size').value")
        methods = page.locator("#vp-count").inner_text()
        for warm in FILTER_STEPS:
            page.evaluate(MEASURE, list(warm))
        filters = [page.evaluate(MEASURE, list(FILTER_STEPS[run % len(FILTER_STEPS)])) for run in range(runs)]
        adds = []
        for run in range(runs):
            if run % 20 == 0:
                page.get_by_role("button", name="Uusi suunnitelma").click()
            adds.append(page.evaluate(ADD, run))
        undos = [page.evaluate(UNDO) for _ in range(min(runs, 20))]
        # With a series of 20 meetings on show, every edit also redraws the series' table and warnings.
        creates = [page.evaluate(CREATE_COURSE, COURSE_MEETINGS) for _ in range(3)]
        course_adds = []
        for run in range(runs):
            if run % 20 == 0:  # the next meeting of the series, as a new plan is above
                page.locator("#vp-course-meetings tr").nth(run // 20 + 1).get_by_role("button").click()
            course_adds.append(page.evaluate(ADD, run))
        meetings = page.locator("#vp-course-meetings tr").count()
        heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : null")
        version = browser.version
        browser.close()
    return {
        "methods": methods,
        "filter": filters,
        "add": adds,
        "undo": undos,
        "create_course": creates,
        "course_add": course_adds,
        "meetings": meetings,
        "heap": heap,
        "chromium": version,
    }


# ---------------------------------------------------------------- payload


def payload_sizes() -> dict[str, tuple[int, int]]:
    """Raw and gzipped bytes of what the planner page loads over http: its modules and the shipped index."""
    files = {path.name: path.read_bytes() for path in sorted(PLANNER.glob("*.js"))}
    files[Path(INDEX_URI).name] = dumps(build_index(build_site(ROOT / "curriculum"), lambda uri: uri)).encode("utf-8")
    return {name: (len(data), len(gzip.compress(data, compresslevel=6, mtime=0))) for name, data in files.items()}


# ---------------------------------------------------------------- report


def report(result: dict, sizes: dict[str, tuple[int, int]], methods: int, runs: int) -> str:
    median_filter, median_add = statistics.median(result["filter"]), statistics.median(result["add"])
    js_gz = sum(gz for name, (_, gz) in sizes.items() if name.endswith(".js"))
    index_raw, index_gz = sizes["index.json"]
    total_kb = (js_gz + index_gz) / 1024
    verdict = lambda ok: "täyttyy" if ok else "EI TÄYTY"  # noqa: E731
    lines = [
        SECTION,
        "",
        (
            f"Mitattu {date.today().isoformat()}: `.venv/bin/python -m benchmarks.planner` "
            f"({os.cpu_count()} ydintä, {platform.machine()}, Chromium {result['chromium']}, Python {platform.python_version()})."
        ),
        "",
        (
            f"Synteettinen opetussuunnitelma, {methods} menetelmää (sivulla: ”{result['methods']}”). "
            f"Kukin luku on {runs} mittauksen mediaani; aika sisältää tapahtumankäsittelyn sekä tyylien ja asettelun laskennan."
        ),
        "",
        "| Mittari | Tulos | Tavoite | |",
        "|---|---|---|---|",
        f"| Rajauksen muutos (mediaani / hitain) | {median_filter:.1f} ms / {max(result['filter']):.1f} ms | ≤ {TARGET_MS} ms | {verdict(median_filter <= TARGET_MS)} |",
        f"| Lohkon lisääminen (mediaani / hitain) | {median_add:.1f} ms / {max(result['add']):.1f} ms | ≤ {TARGET_MS} ms | {verdict(median_add <= TARGET_MS)} |",
        f"| Kumoa (mediaani / hitain) | {statistics.median(result['undo']):.1f} ms / {max(result['undo']):.1f} ms | ≤ {TARGET_MS} ms | {verdict(statistics.median(result['undo']) <= TARGET_MS)} |",
        f"| {result['meetings']} tapaamisen sarjan luominen (mediaani / hitain) | {statistics.median(result['create_course']):.1f} ms / {max(result['create_course']):.1f} ms | – | |",
        f"| Lohkon lisääminen, kun {result['meetings']} tapaamisen sarja näkyy (mediaani / hitain) | {statistics.median(result['course_add']):.1f} ms / {max(result['course_add']):.1f} ms | ≤ {TARGET_MS} ms | {verdict(statistics.median(result['course_add']) <= TARGET_MS)} |",
        f"| Suunnittelijan JavaScript + käsikirjan indeksi, gzip | {total_kb:.1f} KB ({js_gz / 1024:.1f} + {index_gz / 1024:.1f}) | ≤ {TARGET_KB} KB | {verdict(total_kb <= TARGET_KB)} |",
    ]
    if result["heap"]:
        lines.append(f"| JavaScript-keko {methods} menetelmän kanssa | {result['heap'] / 1024 / 1024:.1f} MB | – | |")
    lines += ["", "| Tiedosto | Koko | gzip |", "|---|---|---|"]
    lines += [f"| {name} | {raw / 1024:.1f} KB | {gz / 1024:.1f} KB |" for name, (raw, gz) in sizes.items()]
    lines += [
        "",
        (
            f"Indeksi on käsikirjan oma (curriculum/, {index_raw / 1024:.1f} KB pakkaamattomana). "
            "Tiedostoa offline.js ei lasketa: sivu lataa sen vain file://-osoitteesta avattuna."
        ),
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--methods", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--no-write", action="store_true", help="print the section, leave BENCHMARKS.md alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        index = synthetic_index(work / "curriculum", args.methods)
        site = build_fixture_site(work / "project")
        (site / INDEX_URI).write_text(dumps(index), encoding="utf-8")
        result = measure_in_chromium(site, args.runs)
    section = report(result, payload_sizes(), args.methods, args.runs)
    print(section)
    if not args.no_write:
        replace_section(REPORT, SECTION, section)


if __name__ == "__main__":
    main()
