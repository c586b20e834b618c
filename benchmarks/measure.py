"""Measurements of one child process at a time: wall time and peak memory, site sizes, `macros check`."""

from __future__ import annotations

import gzip
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .projects import BUILD_ENV, CONFIG


@dataclass
class Run:
    seconds: float
    peak_mb: float
    # User + system CPU time: less sensitive than wall time to other work on a shared machine.
    cpu_seconds: float


@dataclass
class Runs:
    runs: list[Run] = field(default_factory=list)

    @property
    def median_seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def median_cpu_seconds(self) -> float:
        return statistics.median(run.cpu_seconds for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(run.peak_mb for run in self.runs)


@dataclass
class SiteSize:
    total_bytes: int
    html_pages: int
    html_bytes: int
    search_index_bytes: int
    # What a web server sending gzip transfers: Material's page frame is mostly repeated markup.
    html_gzip_bytes: int

    @property
    def html_bytes_per_page(self) -> float:
        return self.html_bytes / max(1, self.html_pages)

    @property
    def html_gzip_bytes_per_page(self) -> float:
        return self.html_gzip_bytes / max(1, self.html_pages)


def timed(command: list[str], cwd: Path, log: Path, env: dict | None = None) -> Run:
    """Run `command`; its own wall time and peak resident memory (from wait4, not the whole tree)."""
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env or BUILD_ENV, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed in {cwd}:\n{log.read_text(encoding='utf-8', errors='replace')[-4000:]}"
        )
    # Linux reports ru_maxrss in kilobytes.
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def build(project: Path, site: Path) -> Run:
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "-f",
        str(project / CONFIG),
        "--site-dir",
        str(site),
    ]
    return timed(command, project, project.parent / f"{project.name}-build.log")


def cold_build(project: Path, site: Path) -> Run:
    """One build of ours without the compiled templates a previous build left (a fresh clone's first build)."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    return build(project, site)


def check(curriculum: Path) -> Run:
    command = [sys.executable, "-m", "macros", "check", str(curriculum)]
    return timed(command, curriculum.parent, curriculum.parent / "check.log")


def alternate(projects: dict[str, Path], runs: int, work: Path) -> dict[str, Runs]:
    """Build each project `runs` times, taking turns, after one untimed warm-up build each."""
    results = {name: Runs() for name in projects}
    for name, project in projects.items():
        build(project, work / f"{name}-site")
    for _ in range(runs):
        for name, project in projects.items():
            results[name].runs.append(build(project, work / f"{name}-site"))
    return results


def site_size(site: Path) -> SiteSize:
    total = html_bytes = gzip_bytes = pages = 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.suffix == ".html":
            html_bytes += size
            gzip_bytes += len(gzip.compress(path.read_bytes(), compresslevel=6))
            pages += 1
    index = site / "assets" / "search" / "index.js"
    return SiteSize(total, pages, html_bytes, index.stat().st_size if index.exists() else 0, gzip_bytes)


def check_runs(curriculum: Path, runs: int) -> Runs:
    return Runs([check(curriculum) for _ in range(runs)])


def clear(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
