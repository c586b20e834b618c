"""`python -m benchmarks` — build time, memory and size of our generator against the same pages as plain Markdown.

Takes several minutes (not run by CI): for each size a synthetic curriculum is generated, both projects
are built in turns, and the shipped curriculum is measured last, with `mkdocs serve` edits timed.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from .generate import generate
from .measure import alternate, check_runs, clear, cold_build, site_size
from .projects import ROOT, make_pair
from .report import Report, SizeResult, render, write_section
from .serve import measure_serve
from .zensical import measure as measure_zensical

DEFAULT_SIZES = (100, 1000, 2000)
# Fewer runs for the larger sizes, so the whole benchmark fits in a quarter of an hour on two cores.
DEFAULT_RUNS = {100: 7, 1000: 5, 2000: 3}
SHIPPED_RUNS = 7
PRINT_PAGE = Path("koko-kasikirja") / "index.html"


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    # Our package as pip would install it, with bytecode: where PYTHONDONTWRITEBYTECODE is set, every timed
    # build would otherwise compile macros/ again, a cost no installed plugin pays.
    compileall.compile_dir(ROOT / "macros", quiet=1)
    command = " ".join(["python -m benchmarks", *(sys.argv[1:] if argv is None else argv)])
    started = time.strftime("%Y-%m-%d %H:%M")
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="verme-bench-", dir=args.work) as work:
        results = [_synthetic(Path(work) / str(size), size, args) for size in args.sizes]
        if not args.skip_shipped:
            results.insert(0, _shipped(Path(work) / "shipped", args))
    report = Report(command, started, load_before, os.getloadavg(), results)
    section = render(report)
    print(section)
    if args.output:
        write_section(args.output, section)
        print(f"\nwrote {args.output}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=lambda text: [int(n) for n in text.split(",")],
        default=list(DEFAULT_SIZES),
        help="methods per synthetic curriculum, e.g. 100,1000,2000",
    )
    parser.add_argument("--runs", type=int, help="timed builds of each project per size (default 7/5/3 by size)")
    parser.add_argument("--check-runs", type=int, default=5, help="timed `python -m macros check` runs per size")
    parser.add_argument("--serve-edits", type=int, default=9, help="edits timed under `mkdocs serve` (0: skip)")
    parser.add_argument("--skip-shipped", action="store_true", help="measure only the synthetic curricula")
    parser.add_argument(
        "--skip-zensical", action="store_true", help="time only the MkDocs path, not the Zensical edge beside it"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=ROOT / "BENCHMARKS.md",
        help="Markdown file whose Koontiaika section is rewritten ('' to skip)",
    )
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    parser.add_argument("--work", type=Path, help="folder for the temporary projects (default: the system's temp)")
    args = parser.parse_args(argv)
    if args.output is not None and str(args.output) in ("", "."):
        args.output = None
    return args


def _synthetic(work: Path, methods: int, args) -> SizeResult:
    _progress(f"{methods} methods: generating")
    generated = generate(work / "curriculum", methods)
    return _measure(
        work,
        work / "curriculum",
        f"{methods:,} menetelmää".replace(",", " "),
        methods,
        sum(generated.counts.values()),
        args.runs or DEFAULT_RUNS.get(methods, 3),
        args,
    )


def _shipped(work: Path, args) -> SizeResult:
    from macros.load import load_catalogue

    catalogue = load_catalogue(ROOT / "curriculum")
    counts = catalogue.count()
    result = _measure(
        work, ROOT / "curriculum", "julkaistu", counts["methods"], sum(counts.values()), args.runs or SHIPPED_RUNS, args
    )
    if args.serve_edits:
        for dirty in (False, True):
            _progress(
                f"shipped curriculum: timing {args.serve_edits} edits under mkdocs serve{' --dirty' if dirty else ''}"
            )
            result.serve.append(measure_serve(work / "ours", args.serve_edits, dirty))
        if not args.skip_zensical:
            _progress(f"shipped curriculum: timing {args.serve_edits} edits under the Zensical edge's serve")
            result.serve.append(measure_serve(work / "ours", args.serve_edits, engine="zensical"))
    return result


def _measure(work: Path, curriculum: Path, label: str, methods: int, records: int, runs: int, args) -> SizeResult:
    _progress(f"{label}: writing both projects (one capture build)")
    pair = make_pair(work, curriculum)
    _progress(f"{label}: {runs} builds of each, alternating")
    timings = alternate({"ours": pair.ours, "baseline": pair.baseline}, runs, work)
    ours_site, baseline_site = work / "ours-site", work / "baseline-site"
    print_page = ours_site / PRINT_PAGE
    result = SizeResult(
        label,
        methods,
        records,
        timings["ours"],
        timings["baseline"],
        site_size(ours_site),
        site_size(baseline_site),
        print_page.stat().st_size if print_page.exists() else 0,
        check_runs(pair.ours / "curriculum", args.check_runs),
    )
    _progress(f"{label}: one build of ours without its template cache")
    result.ours_cold = cold_build(pair.ours, ours_site)
    if not args.skip_zensical:
        _progress(f"{label}: Zensical, both projects cold, then {runs} builds of each, alternating")
        result.zensical = measure_zensical(pair, runs, work)
        _progress(
            f"{label}: Zensical ours {result.zensical.ours.median_seconds:.2f} s, baseline {result.zensical.baseline.median_seconds:.2f} s, ratio {result.zensical.ratio:.3f}"
        )
    _progress(
        f"{label}: ours {result.ours.median_seconds:.2f} s, baseline {result.baseline.median_seconds:.2f} s, ratio {result.ratio:.3f}, check {result.check.median_seconds:.2f} s (CPU {result.check.median_cpu_seconds:.2f} s)"
    )
    clear(ours_site)
    clear(baseline_site)
    return result


def _progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
