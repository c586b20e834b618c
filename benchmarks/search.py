"""Search benchmark: query to rendered results in Chromium at 2,000 methods, the payload, the build's cost.

    .venv/bin/python -m benchmarks.search            # measure and rewrite the "Haku" section of BENCHMARKS.md
    .venv/bin/python -m benchmarks.search --no-write # measure and print only

The shipped curriculum and synthetic ones (benchmarks/generate.py, 1,000 and --methods methods) are built
with MkDocs, which writes the search index after the build (macros/search_index.py). For each build the
index pass is then timed again in-process, without a cache (as in a fresh clone's first build) and with
the cache the build left (every later build); the cost is the pass against the rest of the build.
Chromium opens the largest site, waits for the index, and times each query from the input event to the
results laid out (search, DOM and layout), the way benchmarks.planner times the planner. The payload is
what a reader's browser loads for search, gzipped. The hit rate is tests/test_search.py's query set on the
shipped site. Targets (issue 13): median ≤ 50 ms at 2,000 methods, payload ≤ 300 KB for the shipped
curriculum, the analysis ≤ 10 % of a 2,000-method build.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from macros.search_index import INDEX_PATH, write_search_index
from tests.browser import launch, serve

from .generate import generate
from .report import replace_section

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "BENCHMARKS.md"
SECTION = "## Haku"
TARGET_MS = 50
TARGET_KB = 300
TARGET_SHARE = 0.10
# Hit rate of the same query set with Material's lunr search on main before issue 13, measured once
# (the box and its index are gone from this build): 6/21 inflected, 6/11 phrases, 0/8 compounds, 1/7 typos.
BEFORE = (13, 47)
PAYLOAD = (
    "assets/search/search.js",
    "assets/search/search.css",
    "assets/search/vendor/minisearch/minisearch.js",
    INDEX_PATH,
)
# Words of the synthetic text (benchmarks/generate.py) as a reader would type them: inflected, two-word,
# unseen forms, typos, and short prefixes while typing.
QUERIES = [
    "ryhmässä",
    "kokemuksesta",
    "keskustelun",
    "tapaamisessa",
    "luottamusta",
    "kollegan tuki",
    "hyvinvoinnista",
    "palautteen",
    "ratkaisuja",
    "kiireessä",
    "voimavaroja",
    "mentorille",
    "keskustlu",
    "tapamisessa",
    "yhteisön vuorovaikutus",
    "ammatillinen osaaminen",
    "tavoitteista",
    "tilanteissa",
    "ka",
    "tar",
    "kuuntelemisesta",
    "esimerkiksi tunne",
    "turvallisessa ryhmässä",
    "pohdintaa",
]
MEASURE = """async (query) => {
  const input = document.getElementById("verme-search-input");
  const root = document.getElementById("verme-search");
  const settled = (q) => new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (root.dataset.query === q) { observer.disconnect(); document.body.offsetHeight; resolve(performance.now()); }
    });
    observer.observe(root, { attributes: true });
    input.value = q;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await settled("");
  const start = performance.now();
  const end = await settled(query);
  return end - start;
}"""


def _build(project: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--quiet"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def _project(folder: Path, methods: int | None) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    if methods is None:
        shutil.copytree(ROOT / "curriculum", folder / "curriculum")
    else:
        generate(folder / "curriculum", methods)
    return folder


def _pass(site: Path, cache: Path | None) -> float:
    start = time.perf_counter()
    write_search_index(site, cache)
    return time.perf_counter() - start


def measure_build(folder: Path, methods: int | None) -> dict:
    project = _project(folder, methods)
    build = _build(project)
    site, cache = project / "site", project / ".cache" / "plugin" / "verme"
    cold = min(_pass(site, None) for _ in range(2))
    warm = min(_pass(site, cache) for _ in range(3))
    sizes = {}
    for name in PAYLOAD:
        data = (site / name).read_bytes()
        sizes[name] = (len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))
    pages = sum(1 for _ in site.rglob("*.html"))
    return {
        "methods": methods,
        "build": build,
        "cold": cold,
        "warm": warm,
        "sizes": sizes,
        "site": site,
        "pages": pages,
    }


def measure_in_chromium(site: Path, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, serve(site) as url:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        start = page.evaluate("performance.now()")
        page.locator("#verme-search-input").focus()
        page.wait_for_selector("#verme-search[data-ready]", state="attached", timeout=120_000)
        ready = page.evaluate("performance.now()") - start
        for query in QUERIES:
            page.evaluate(MEASURE, query)
        times = [page.evaluate(MEASURE, QUERIES[run % len(QUERIES)]) for run in range(runs)]
        heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : null")
        version = browser.version
        browser.close()
    return {"times": times, "ready": ready, "heap": heap, "chromium": version}


def hit_rate(site: Path) -> tuple[int, int]:
    from playwright.sync_api import sync_playwright

    from tests.test_search import QUERIES as SET
    from tests.test_search import search, top_pages

    with sync_playwright() as playwright, serve(site) as url:
        browser = launch(playwright)
        page = browser.new_page()
        page.goto(url)
        hits = 0
        for query, expected in SET:
            search(page, query)
            hits += expected in top_pages(page, urlsplit(url).path)
        browser.close()
    return hits, len(SET)


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def report(
    builds: list[dict], chromium: dict, hits: tuple[int, int], runs: int, load: tuple[float, float] = (0.0, 0.0)
) -> str:
    verdict = lambda ok: "täyttyy" if ok else "EI TÄYTY"  # noqa: E731
    shipped, *synthetic = builds
    largest = synthetic[-1]
    gz = lambda build: sum(g for _, g in build["sizes"].values())  # noqa: E731
    code_gz = sum(g for name, (_, g) in shipped["sizes"].items() if name != INDEX_PATH)
    median = statistics.median(chromium["times"])
    (m1, b1), (m2, b2) = [(b["methods"], b["sizes"][INDEX_PATH][1]) for b in synthetic[-2:]]
    growth = (b2 - b1) / ((m2 - m1) / 1000)
    share = lambda b, key: b[key] / (b["build"] - b["cold"])  # noqa: E731 - the build ran the pass cold
    lines = [
        SECTION,
        "",
        (
            f"Mitattu {date.today().isoformat()}: `.venv/bin/python -m benchmarks.search` "
            f"({os.cpu_count()} ydintä, {platform.machine()}, Chromium {chromium['chromium']}, Python {platform.python_version()}). "
            "Analyysi: Voikko (libvoikko + voikko-fi), indeksi ja järjestys selaimessa: MiniSearch 7.2.0. "
            f"Koneen kuormitus (load average, 1 min) alussa {load[0]:.1f}, lopussa {load[1]:.1f}: "
            "muiden ajojen kuorma hidastaa kaikkia aikoja, suhteita vähemmän."
        ),
        "",
        "| Mittari | Tulos | Tavoite | |",
        "|---|---|---|---|",
        (
            f"| Haku → tulokset näytöllä, {largest['methods']} menetelmää (mediaani / hitain, {runs} hakua) "
            f"| {median:.1f} ms / {max(chromium['times']):.1f} ms | ≤ {TARGET_MS} ms | {verdict(median <= TARGET_MS)} |"
        ),
        (
            f"| Haun lataus, julkaistu aineisto (indeksi + koodi, gzip) | {_kb(gz(shipped))} ({_kb(shipped['sizes'][INDEX_PATH][1])} + {_kb(code_gz)}) "
            f"| ≤ {TARGET_KB} KB | {verdict(gz(shipped) / 1024 <= TARGET_KB)} |"
        ),
        f"| Indeksin kasvu 1 000 menetelmää kohden (gzip) | {_kb(growth)} | – | |",
        (
            f"| Analyysin osuus {largest['methods']} menetelmän koonnista, välimuistista / ilman | "
            f"{share(largest, 'warm'):.1%} / {share(largest, 'cold'):.1%} | ≤ {TARGET_SHARE:.0%} | {verdict(share(largest, 'warm') <= TARGET_SHARE)} |"
        ),
        (
            f"| Omat kyselyt (tests/test_search.py), oikea sivu kolmen kärjessä | {hits[0]}/{hits[1]} ({hits[0] / hits[1]:.0%}); "
            f"ennen (Material, lunr `fi`): {BEFORE[0]}/{BEFORE[1]} ({BEFORE[0] / BEFORE[1]:.0%}) | ≥ 95 % | {verdict(hits[0] / hits[1] >= 0.95)} |"
        ),
        "",
        f"Ensimmäinen haku lataa MiniSearchin ja indeksin ja rakentaa indeksin selaimessa: {largest['methods']} menetelmän "
        f"sivustolla {chromium['ready'] / 1000:.2f} s kentän saamasta kohdistuksesta"
        + (f", JavaScript-keko sen jälkeen {chromium['heap'] / 1024 / 1024:.0f} MB." if chromium["heap"] else "."),
        "",
        "| Aineisto | Sivuja | Koonti | Analyysi ilman välimuistia | Välimuistista | Indeksi (gzip) |",
        "|---|---|---|---|---|---|",
    ]
    for build in builds:
        label = "julkaistu" if build["methods"] is None else f"{build['methods']} menetelmää"
        raw, packed = build["sizes"][INDEX_PATH]
        lines.append(
            f"| {label} | {build['pages']} | {build['build']:.1f} s | {build['cold']:.2f} s | {build['warm']:.2f} s "
            f"| {_kb(packed)} ({_kb(raw)} pakkaamatta) |"
        )
    lines += [
        "",
        (
            "Koonti sisältää analyysin ilman välimuistia (tyhjä projekti); osuus on analyysi jaettuna koonnin "
            "muulla ajalla. Välimuistissa (.cache/plugin/verme/search/) ovat sanojen analyysit ja sivujen poiminnat."
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
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="verme-search-bench-") as folder:
        work = Path(folder)
        builds = [measure_build(work / "shipped", None)]
        builds += [
            measure_build(work / f"m{methods}", methods)
            for methods in sorted({min(1000, args.methods // 2), args.methods})
        ]
        hits = hit_rate(builds[0]["site"])
        chromium = measure_in_chromium(builds[-1]["site"], args.runs)
    section = report(builds, chromium, hits, args.runs, (load_before, os.getloadavg()[0]))
    print(section)
    if not args.no_write:
        replace_section(REPORT, SECTION, section)


if __name__ == "__main__":
    main()
