"""How long `mkdocs serve` takes to show a saved edit to one method's YAML.

The clock starts when the edited file is written and stops when the served page contains the new
text: the watcher's delay, the rebuild and the write of the page, as an editor would wait for them.
"""

from __future__ import annotations

import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from .projects import BUILD_ENV, CONFIG

POLL_SECONDS = 0.02
START_TIMEOUT = 600
EDIT_TIMEOUT = 120


@dataclass
class ServeResult:
    dirty: bool
    seconds: list[float]
    engine: str = "mkdocs"

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (our own http://127.0.0.1 server)
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(url: str, text: str, timeout: float, server: subprocess.Popen) -> float:
    """Seconds until the page at `url` contains `text`."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in _fetch(url):
            return time.perf_counter() - start
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped (exit code {server.returncode}); see its log next to the project")
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout} s")


@contextmanager
def _server(project: Path, port: int, dirty: bool, engine: str = "mkdocs"):
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / CONFIG), "-a", f"127.0.0.1:{port}"]
    if engine == "zensical":
        command = [
            sys.executable,
            "-m",
            "macros.zensical_edge",
            "serve",
            "--project",
            str(project),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ]
    log = (project.parent / f"serve-{engine}-{'dirty' if dirty else 'full'}.log").open("wb")
    # --dirty always warns that links may be stale, which strict mode (our mkdocs.yml) turns into a failure.
    process = subprocess.Popen(
        [*command, *(["--dirty", "--no-strict"] if dirty else [])],
        cwd=project,
        env={**BUILD_ENV, "NO_COLOR": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _edit(path: Path, marker: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["summary"] = f"{marker} {data['summary']}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def measure_serve(project: Path, edits: int = 5, dirty: bool = False, engine: str = "mkdocs") -> ServeResult:
    """Start `mkdocs serve` (or the Zensical edge's serve) on `project`, save `edits` edits to its first method, time each one."""
    method = sorted((project / "curriculum" / "methods").glob("*.yml"))[0]
    port = _free_port()
    url = f"http://127.0.0.1:{port}/menetelmat/{method.stem}/"
    seconds = []
    with _server(project, port, dirty, engine) as server:
        _wait_for(url, "</html>", START_TIMEOUT, server)
        for number in range(1, edits + 1):
            # Unique per engine and mode: one project's method is edited by every run in turn.
            marker = f"Mittausmuutos{engine}{number}{'d' if dirty else 'f'}"
            _edit(method, marker)
            seconds.append(_wait_for(url, marker, EDIT_TIMEOUT, server))
            # Let the server settle (livereload, a second event) before the next edit.
            time.sleep(1.0)
    return ServeResult(dirty, seconds, engine)
