"""Shared fixtures: a small real curriculum to copy and spoil, and a real MkDocs build of it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "small"
MKDOCS = [sys.executable, "-m", "mkdocs"]
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


def write_curriculum(target: Path, changes: Mapping[str, str | bytes | None] | None = None, base: Path = SMALL) -> Path:
    """Copy `base` to target/curriculum, then write (or with None, delete) the changed files."""
    curriculum = target / "curriculum"
    shutil.copytree(base, curriculum)
    for relative, content in (changes or {}).items():
        path = curriculum / relative
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return curriculum


def make_project(target: Path, curriculum: Path | None = None) -> Path:
    """A buildable project in `target`: our mkdocs.yml, docs and overrides with the given curriculum."""
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, target / name)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    if curriculum is None:
        shutil.copytree(SMALL, target / "curriculum")
    elif curriculum != target / "curriculum":
        shutil.copytree(curriculum, target / "curriculum")
    return target


# ---------------------------------------------------------------- test tiers

# A test that uses one of these fixtures (directly or through another fixture) gets the marker; a test that
# builds a site by its own means is marked itself (`@pytest.mark.site`, or `pytestmark` for a module). What is
# left is marked `fast`: pure units, golden error messages, Node runs of the planner's pure modules.
SITE_FIXTURES = {"real_site", "small_site", "site_url", "zensical_site"}
BROWSER_FIXTURES = {"browser", "page"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if fixtures & (SITE_FIXTURES | BROWSER_FIXTURES):
            item.add_marker(pytest.mark.site)
        if not any(item.iter_markers("site")):
            item.add_marker(pytest.mark.fast)


# The markers of the test being set up or run, so that building a site or starting Chromium in a test left
# in the fast tier fails at once rather than slowing the tier down unnoticed.
_RUNNING: dict[str, set[str]] = {}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _RUNNING["markers"] = {mark.name for mark in item.iter_markers()}


def pytest_runtest_teardown(item: pytest.Item) -> None:
    _RUNNING.pop("markers", None)


def require_tier(name: str, what: str) -> None:
    """Fail a test that does `what` (build a site, start a browser) unless it is marked `name`."""
    markers = _RUNNING.get("markers")
    if markers is not None and name not in markers:
        raise AssertionError(f"this test {what} but is not marked '{name}': add `pytestmark = pytest.mark.{name}`")


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    require_tier("site", "builds a site")
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--clean", *extra],
        cwd=project,
        env=BUILD_ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The shipped curriculum built once per test session, with --strict."""
    out = tmp_path_factory.mktemp("real") / "site"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--clean", "--site-dir", str(out)],
        cwd=ROOT,
        env=BUILD_ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def small_site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("small"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def browser():
    """One Debian Chromium for the whole run, driven by Playwright (its own browser download is not used)."""
    from playwright.sync_api import sync_playwright

    from .browser import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(real_site):
    """The shipped site served over HTTP at a local address."""
    from .browser import serve

    with serve(real_site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def zensical_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros.zensical_edge", "build", "--project", str(project), "--site-dir", str(site_dir)],
        cwd=project,
        env={**BUILD_ENV, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The shipped curriculum built once per test session by the Zensical edge (strict), in a copy of the project."""
    project = tmp_path_factory.mktemp("zensical")
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, project / name)
    for name in ("docs", "overrides", "curriculum"):
        shutil.copytree(ROOT / name, project / name)
    out = project / "site"
    result = zensical_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out
