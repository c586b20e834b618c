"""The results as Finnish Markdown: the machine, the command, one row per catalogue size, the targets.

Only the part of BENCHMARKS.md between the Koontiaika markers is rewritten; the profile notes around
it and the planner's own section stay as their authors wrote them.
"""

from __future__ import annotations

import os
import platform
import re
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .measure import Run, Runs, SiteSize
from .serve import ServeResult
from .zensical import EngineResult

START = "<!-- koontiaika:alku -->"
END = "<!-- koontiaika:loppu -->"
SECTION_TITLE = "## Koontiaika"
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "zensical", "pydantic", "PyYAML", "Jinja2")

TARGET_RATIO = 1.10
TARGET_GROWTH = 2.1
TARGET_PAGE_KB = 15
TARGET_CHECK_SECONDS = 1.0
TARGET_SERVE_SECONDS = 1.5


@dataclass
class SizeResult:
    label: str
    methods: int
    records: int
    ours: Runs
    baseline: Runs
    ours_size: SiteSize
    baseline_size: SiteSize
    print_page_bytes: int
    check: Runs
    serve: list[ServeResult] = field(default_factory=list)
    # One build of ours after deleting .cache/ (compiled templates), as the first build of a fresh clone.
    ours_cold: Run | None = None
    # The same two projects built by Zensical (ours through macros/zensical_edge.py), warm and cold.
    zensical: EngineResult | None = None

    @property
    def ratio(self) -> float:
        return self.ours.median_seconds / self.baseline.median_seconds

    @property
    def cold_ratio(self) -> float | None:
        return self.ours_cold.seconds / self.baseline.median_seconds if self.ours_cold else None

    @property
    def cpu_ratio(self) -> float:
        return self.ours.median_cpu_seconds / self.baseline.median_cpu_seconds


@dataclass
class Report:
    command: str
    started: str
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    results: list[SizeResult]


# ---------------------------------------------------------------- formatting


def _number(value: float, decimals: int = 2) -> str:
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")


def _kb(size: float) -> str:
    return f"{_number(size / 1024, 1)} kt"


def _mb(size: float) -> str:
    return f"{_number(size / 1024 / 1024, 1)} Mt"


def _seconds(value: float) -> str:
    return f"{_number(value)} s"


def _yes(ok: bool) -> str:
    return "kyllä" if ok else "**ei**"


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")),
        platform.processor(),
    )
    memory_kb = next((int(line.split()[1]) for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), 0)
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in PACKAGES)
    return (
        f"{cpu}, {os.cpu_count()} ydintä, {_number(memory_kb / 1024 / 1024, 1)} Gt muistia; "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}; {versions}"
    )


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


# ---------------------------------------------------------------- tables


def _size_table(results: list[SizeResult]) -> list[str]:
    rows = [
        "| Aineisto | Menetelmiä | Tietueita | HTML-sivuja | Koonteja / projekti | Koonti, oma: seinäkello (CPU) | Oma ilman välimuistia | Koonti, pelkkä Markdown | Suhde (CPU) | Muistihuippu oma / pelkkä | Sivusto yhteensä | HTML / sivu (gzip) | Tulostussivu | Hakuindeksi | `macros check` (CPU) |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        size = r.ours_size
        rows.append(
            f"| {r.label} | {r.methods} | {r.records} | {size.html_pages} | {len(r.ours.runs)} | {_seconds(r.ours.median_seconds)} ({_seconds(r.ours.median_cpu_seconds)}) "
            f"| {_seconds(r.ours_cold.seconds) if r.ours_cold else '–'} "
            f"| {_seconds(r.baseline.median_seconds)} ({_seconds(r.baseline.median_cpu_seconds)}) | {_number(r.ratio)} × ({_number(r.cpu_ratio)} ×) "
            f"| {_number(r.ours.peak_mb, 0)} / {_number(r.baseline.peak_mb, 0)} Mt | {_mb(size.total_bytes)} "
            f"| {_kb(size.html_bytes_per_page)} ({_kb(size.html_gzip_bytes_per_page)}) | {_mb(r.print_page_bytes)} | {_mb(size.search_index_bytes)} | {_seconds(r.check.median_seconds)} ({_seconds(r.check.median_cpu_seconds)}) |"
        )
    return rows


def _cold(result: SizeResult) -> str:
    return f"; ilman välimuistia {_number(result.cold_ratio)} ×" if result.cold_ratio else ""


def _by_methods(results: list[SizeResult], methods: int) -> SizeResult | None:
    return next((r for r in results if r.methods == methods and r.label != "julkaistu"), None)


def _target_rows(results: list[SizeResult]) -> list[str]:
    rows = ["| Tavoite | Tulos | Täyttyy |", "|---|---|---|"]
    ratios = list(results)
    if ratios:
        text = ", ".join(f"{r.label}: {_number(r.ratio)} × (CPU {_number(r.cpu_ratio)} ×{_cold(r)})" for r in ratios)
        rows.append(
            f"| Koonti enintään {_number(TARGET_RATIO)} × pelkän Markdownin aika joka koossa | {text} | {_yes(all(r.ratio <= TARGET_RATIO for r in ratios))} |"
        )
    one, two = _by_methods(results, 1000), _by_methods(results, 2000)
    if one and two:
        growth = two.ours.median_seconds / one.ours.median_seconds
        cpu_growth = two.ours.median_cpu_seconds / one.ours.median_cpu_seconds
        rows.append(
            f"| Koontiaika 2 000 menetelmällä enintään {_number(TARGET_GROWTH, 1)} × aika 1 000 menetelmällä | {_number(growth)} × (CPU {_number(cpu_growth)} ×) | {_yes(growth <= TARGET_GROWTH)} |"
        )
    if two:
        per_page = two.ours_size.html_bytes_per_page / 1024
        without_print = (two.ours_size.html_bytes - two.print_page_bytes) / max(1, two.ours_size.html_pages - 1) / 1024
        rows.append(
            f"| HTML enintään {TARGET_PAGE_KB} kt sivua kohden 2 000 menetelmällä | {_number(per_page, 1)} kt "
            f"(ilman koko käsikirjan tulostussivua {_number(without_print, 1)} kt; pelkkä Markdown {_number(two.baseline_size.html_bytes_per_page / 1024, 1)} kt) "
            f"| {_yes(per_page <= TARGET_PAGE_KB)} |"
        )
        rows.append(
            f"| `python -m macros check` 2 000 menetelmällä enintään {_number(TARGET_CHECK_SECONDS, 0)} s | {_seconds(two.check.median_seconds)} (CPU {_seconds(two.check.median_cpu_seconds)}) | {_yes(two.check.median_seconds <= TARGET_CHECK_SECONDS)} |"
        )
    shipped = next((r for r in results if r.label == "julkaistu"), None)
    if shipped and shipped.serve:
        text = "; ".join(
            f"{_serve_label(s)}: mediaani {_seconds(s.median)}, pisin {_seconds(max(s.seconds))}" for s in shipped.serve
        )
        # Judged on plain `mkdocs serve`: --dirty needs --no-strict, and leaves overview pages stale.
        default = next((s for s in shipped.serve if not s.dirty and s.engine == "mkdocs"), shipped.serve[0])
        rows.append(
            f"| `mkdocs serve`: menetelmän YAML-muutos näkyy enintään {_number(TARGET_SERVE_SECONDS, 1)} s:ssa (julkaistu aineisto, oletustila) | {text} | {_yes(default.median <= TARGET_SERVE_SECONDS)} |"
        )
    if shipped or (one and two):
        parts = []
        if shipped:
            parts.append(f"julkaistu aineisto {_kb(shipped.ours_size.search_index_bytes)}")
        if one and two:
            growth = (two.ours_size.search_index_bytes - one.ours_size.search_index_bytes) / (
                (two.methods - one.methods) / 1000
            )
            parts.append(f"kasvu {_mb(growth)} / 1 000 menetelmää (muut tietueet samassa suhteessa)")
        rows.append(f"| Hakuindeksin koko raportoidaan | {'; '.join(parts)} | raportoitu |")
    return rows


def _serve_label(result: ServeResult) -> str:
    if result.engine == "zensical":
        return "Zensical (`build.sh --engine zensical --serve`)"
    return "--dirty --no-strict" if result.dirty else "oletus"


def _zensical_rows(results: list[SizeResult]) -> list[str]:
    measured = [r for r in results if r.zensical is not None]
    if not measured:
        return []
    rows = [
        "",
        "Zensical 0.0.73 samoilla projekteilla: oma koonti on `python -m macros.zensical_edge build` (suunnitelma",
        "kansioon `build/zensical/docs/`, Zensical suoraan kansioon `site/`, sitten koko käsikirjan sivu ja hakuindeksi",
        "rinnakkain), vertailukohta `zensical build` pelkälle Markdownille. Kylmä koonti: kummankin `.cache/` (Zensicalin",
        "ja oma välimuisti), `site/` ja `build/` poistettu ensin, kuten tuoreessa kloonissa; lämmin: mediaani.",
        "",
        "| Aineisto | Oma, lämmin (CPU) | Pelkkä Markdown, lämmin (CPU) | Suhde lämmin (CPU) | Oma, kylmä | Pelkkä Markdown, kylmä | Suhde kylmä | Tavoite ≤ 1,10 × |",
        "|---|--:|--:|--:|--:|--:|--:|---|",
    ]
    for r in measured:
        z = r.zensical
        assert z is not None  # measured holds only results with one
        cold = z.cold_ratio
        ok = z.ratio <= TARGET_RATIO and (cold is None or cold <= TARGET_RATIO)
        rows.append(
            f"| {r.label} | {_seconds(z.ours.median_seconds)} ({_seconds(z.ours.median_cpu_seconds)}) "
            f"| {_seconds(z.baseline.median_seconds)} ({_seconds(z.baseline.median_cpu_seconds)}) | {_number(z.ratio)} × ({_number(z.cpu_ratio)} ×) "
            f"| {_seconds(z.ours_cold.seconds) if z.ours_cold else '–'} | {_seconds(z.baseline_cold.seconds) if z.baseline_cold else '–'} "
            f"| {_number(cold) + ' ×' if cold else '–'} | {_yes(ok)} |"
        )
    return rows


def render(report: Report) -> str:
    def load(values):
        return " / ".join(_number(v) for v in values)

    lines = [
        START,
        f"Mitattu {report.started} komennolla `{report.command}`.",
        "",
        f"Kone: {machine()}. Koneen kuormitus (load average 1/5/15 min) alussa {load(report.load_before)}, lopussa {load(report.load_after)}.",
        "",
        "Oma koonti on `mkdocs build --strict` tällä projektilla (verme-laajennus ja makrot). Vertailukohta on sama sivusto",
        "pelkkänä Markdownina: samat sivut, jotka generaattori tuotti, tavallisina `.md`-tiedostoina, sama teema ja samat",
        "laajennukset ilman makroja ja verme-laajennusta. Koonnit ajetaan vuorotellen saman ajon aikana; muistihuippu on",
        "koontiprosessin oma (wait4, ru_maxrss). Ajat ovat mediaaneja; suluissa prosessin CPU-aika (user + sys), johon",
        "koneen muu kuorma vaikuttaa seinäkelloa vähemmän. HTML / sivu on kaikkien HTML-tiedostojen keskikoko.",
        "Ennen mitattuja koonteja kumpikin projekti kootaan kerran, joten oma koonti käyttää edellisen koonnin",
        "välimuistia (`.cache/plugin/verme/`: mallipohjat, suunnitelma, sanojen analyysit); *Oma ilman välimuistia* on yksi koonti kansio poistettuna, kuten",
        "tuoreen kloonin ensimmäinen koonti. Pelkällä Markdownilla ei ole koko käsikirjan tulostussivua; oma aika sisältää sen.",
        "",
        *_size_table(report.results),
        "",
        *_target_rows(report.results),
        *_zensical_rows(report.results),
        END,
    ]
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    """Replace the marked part of the Koontiaika section, creating the file or the section if missing."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Suorituskyky\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    elif SECTION_TITLE in text:
        head, tail = text.split(SECTION_TITLE, 1)
        text = f"{head}{SECTION_TITLE}\n\n{section}\n{tail}"
    else:
        text = f"{text.rstrip()}\n\n{SECTION_TITLE}\n\n{section}\n"
    path.write_text(text, encoding="utf-8")


def replace_section(path: Path, heading: str, section: str) -> None:
    """Put `section` (which starts with `heading`) in place of that heading's section, or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Suorituskykymittaukset\n\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
