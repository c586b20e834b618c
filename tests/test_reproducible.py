"""Reproducible builds: the same input gives the same bytes, whatever the hash seed, time zone, output folder
or clock. The dates come from SOURCE_DATE_EPOCH, which the scripts take from the last commit."""

from __future__ import annotations

import hashlib
import subprocess
import zipfile

import pytest

from macros.publish import offline_bundle, pack_zip, source_date_epoch

from .conftest import BUILD_ENV, MKDOCS, ROOT, make_project

# Every test here builds a site (or runs a script that does).
pytestmark = pytest.mark.site


def new_project(tmp_path):
    folder = tmp_path / "projekti"
    folder.mkdir()
    return make_project(folder)


def digests(directory):
    return {
        path.relative_to(directory).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def test_two_builds_of_the_shipped_site_are_byte_identical(real_site, tmp_path):
    # real_site was built with the conftest's environment; this one differs in everything but the input.
    env = {**BUILD_ENV, "PYTHONHASHSEED": "12345", "TZ": "Pacific/Kiritimati", "LC_ALL": "C"}
    again = tmp_path / "toinen"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--clean", "--site-dir", str(again)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    first, second = digests(real_site), digests(again)
    assert len(first) > 100
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_the_offline_zip_is_byte_identical_when_built_twice(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_ENV["SOURCE_DATE_EPOCH"])
    project = new_project(tmp_path)
    first, second = tmp_path / "eka.zip", tmp_path / "toka.zip"
    assert offline_bundle(project, first) == []
    monkeypatch.setenv("PYTHONHASHSEED", "777")
    assert offline_bundle(project, second) == []
    assert first.read_bytes() == second.read_bytes()


def test_zip_entries_carry_the_source_date_not_the_files_times(tmp_path):
    site = tmp_path / "sivusto"
    (site / "b").mkdir(parents=True)
    (site / "b" / "toinen.html").write_text("2", encoding="utf-8")
    (site / "a.html").write_text("1", encoding="utf-8")
    archive = tmp_path / "paketti.zip"
    pack_zip(site, archive, 1700000000, folder="kansio")
    with zipfile.ZipFile(archive) as packed:
        entries = [(info.filename, info.date_time, info.external_attr >> 16) for info in packed.infolist()]
    assert entries == [
        ("kansio/a.html", (2023, 11, 14, 22, 13, 20), 0o100644),
        ("kansio/b/toinen.html", (2023, 11, 14, 22, 13, 20), 0o100644),
    ]


def test_without_source_date_epoch_the_date_is_the_last_commits(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    commit = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert source_date_epoch(ROOT) == commit.stdout.strip()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    assert source_date_epoch(ROOT) == "1234567890"
