"""The Zensical path of the benchmark: our edge (`python -m macros.zensical_edge build`) against Zensical on
the same plain-Markdown baseline project, warm (after one untimed build each) and cold (caches deleted).

Zensical keeps its cache in .cache/ beside the config it reads, in each project's own folder (ours beside
mkdocs.yml, with our analyses and compiled templates; the written plan is in build/zensical/). A cold build
deletes those, as a fresh clone has none. Both write into their project's site/.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .measure import Run, Runs, timed
from .projects import BUILD_ENV, CONFIG, Pair

ENV = {**BUILD_ENV, "NO_COLOR": "1"}


@dataclass
class EngineResult:
    ours: Runs = field(default_factory=Runs)
    baseline: Runs = field(default_factory=Runs)
    ours_cold: Run | None = None
    baseline_cold: Run | None = None

    @property
    def ratio(self) -> float:
        return self.ours.median_seconds / self.baseline.median_seconds

    @property
    def cpu_ratio(self) -> float:
        return self.ours.median_cpu_seconds / self.baseline.median_cpu_seconds

    @property
    def cold_ratio(self) -> float | None:
        if self.ours_cold is None or self.baseline_cold is None:
            return None
        return self.ours_cold.seconds / self.baseline_cold.seconds


def build_ours(project: Path) -> Run:
    command = [sys.executable, "-m", "macros.zensical_edge", "build", "--project", str(project)]
    return timed(command, project, project.parent / f"{project.name}-zensical.log", ENV)


# The baseline's mkdocs.yml as Zensical reads it. Its pages link to the whole-handbook page, which it goes
# without: Zensical reads MkDocs' `not_found: info` as a check to fail on, so its link check is off.
BASELINE_OVERLAY = f"INHERIT: {CONFIG}\nvalidation:\n  invalid_links: false\n"
BASELINE_CONFIG = "mkdocs.zensical.yml"


def build_baseline(project: Path) -> Run:
    # Zensical writes into the project's own site/: it takes no --site-dir.
    (project / BASELINE_CONFIG).write_text(BASELINE_OVERLAY, encoding="utf-8")
    command = [sys.executable, "-m", "zensical", "build", "-f", str(project / BASELINE_CONFIG)]
    return timed(command, project, project.parent / f"{project.name}-zensical.log", ENV)


def forget_caches(pair: Pair) -> None:
    folders = (pair.ours / "build", pair.ours / ".cache", pair.ours / "site", pair.baseline / ".cache")
    for folder in (*folders, pair.baseline / "site"):
        shutil.rmtree(folder, ignore_errors=True)


def measure(pair: Pair, runs: int, work: Path) -> EngineResult:
    """Cold builds first (nothing cached), then `runs` warm builds of each, taking turns."""
    result = EngineResult()
    forget_caches(pair)
    result.ours_cold = build_ours(pair.ours)
    result.baseline_cold = build_baseline(pair.baseline)
    for _ in range(runs):
        result.ours.runs.append(build_ours(pair.ours))
        result.baseline.runs.append(build_baseline(pair.baseline))
    for site in (pair.ours / "site", pair.baseline / "site"):
        shutil.rmtree(site, ignore_errors=True)
    return result
