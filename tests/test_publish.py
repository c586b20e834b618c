"""Safe publishing: a strict build into a temporary directory, checks of the result, then one rename.
A failing build or a failing check leaves the served directory byte for byte as it was."""

from __future__ import annotations

import subprocess
import sys

import pytest

from macros.publish import publish, swap_into_place

from .conftest import BUILD_ENV, make_project

# Every test here builds a site (or runs a script that does).
pytestmark = pytest.mark.site


def new_project(tmp_path):
    folder = tmp_path / "projekti"
    folder.mkdir()
    return make_project(folder)


def snapshot(directory):
    """Every file's relative path and bytes, and every folder: the whole observable state of a site."""
    return {
        path.relative_to(directory).as_posix(): (path.read_bytes() if path.is_file() else None)
        for path in sorted(directory.rglob("*"))
    }


def test_a_good_build_is_swapped_into_place(tmp_path):
    project = new_project(tmp_path)
    target = tmp_path / "www" / "verme"
    (tmp_path / "www").mkdir()
    assert publish(project, target) == []
    assert (target / "menetelmat" / "aikajana" / "index.html").is_file()
    assert sorted(p.name for p in (tmp_path / "www").iterdir()) == [".verme.lock", "verme"]


def test_a_failing_build_leaves_the_previous_site_byte_for_byte(tmp_path):
    project = new_project(tmp_path)
    target = tmp_path / "verme"
    assert publish(project, target) == []
    before = snapshot(target)
    (project / "curriculum" / "methods" / "aikajana.yml").write_text("name: [\n", encoding="utf-8")

    problems = publish(project, target)

    assert problems[0] == "mkdocs build --strict failed:"
    assert any(line.startswith("curriculum/methods/aikajana.yml:2:1: invalid YAML") for line in problems)
    assert snapshot(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".verme.lock", "projekti", "verme"]


def test_a_build_that_fails_the_checks_is_not_published(tmp_path):
    project = new_project(tmp_path)
    target = tmp_path / "verme"
    assert publish(project, target) == []
    before = snapshot(target)
    index = project / "docs" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8") + '\n<script src="https://cdn.example.com/seuranta.js"></script>\n',
        encoding="utf-8",
    )

    # The home page, and the whole-handbook page that includes it.
    assert publish(project, target) == [
        "index.html: loads https://cdn.example.com/seuranta.js",
        "koko-kasikirja/index.html: loads https://cdn.example.com/seuranta.js",
    ]
    assert snapshot(target) == before


def test_the_command_reports_and_exits_one_on_failure(tmp_path):
    project = new_project(tmp_path)
    (project / "curriculum" / "methods" / "aikajana.yml").write_text("name: [\n", encoding="utf-8")
    command = [sys.executable, "-m", "macros.publish", "--project", str(project), "site", str(tmp_path / "verme")]
    result = subprocess.run(command, env=BUILD_ENV, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.rstrip().endswith("Nothing was published: the previous version stays in place.")
    assert not (tmp_path / "verme").exists()


def test_swapping_replaces_the_directory_and_removes_the_old_one(tmp_path):
    target, staging = tmp_path / "site", tmp_path / ".site.staging"
    target.mkdir()
    (target / "vanha.html").write_text("vanha", encoding="utf-8")
    staging.mkdir()
    (staging / "uusi.html").write_text("uusi", encoding="utf-8")
    swap_into_place(staging, target)
    assert snapshot(target) == {"uusi.html": b"uusi"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
