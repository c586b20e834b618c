"""What a build prints: a person reads every line, so a good build of the shipped curriculum prints only
MkDocs' own progress, and every line it prints otherwise is a problem. Quiet must not mean lax: a link to
a missing anchor, the planner's `#pohja=` links included, still fails the strict build."""

from __future__ import annotations

import re
import subprocess

import pytest

from .conftest import BUILD_ENV, MKDOCS, ROOT, make_project, mkdocs_build

pytestmark = pytest.mark.site

# MkDocs' own progress: where the site goes, and that it is done. Everything else is for a person to act on.
PROGRESS = [
    re.compile(r"INFO    -  Cleaning site directory"),
    re.compile(r"INFO    -  Building documentation to directory: .+"),
    re.compile(r"INFO    -  Documentation built in \d+\.\d\d seconds"),
]


def test_a_build_of_the_shipped_curriculum_prints_only_its_progress(tmp_path):
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--clean", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env=BUILD_ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    assert len(lines) == len(PROGRESS) and all(
        pattern.fullmatch(line) for pattern, line in zip(PROGRESS, lines, strict=True)
    ), lines
    # The planner links keep their fragment, and the planner page has the anchor each one names.
    session = (tmp_path / "site" / "tapaamispohjat" / "teematapaaminen-lahi" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../suunnittelija/#pohja=teematapaaminen-lahi"' in session
    assert '<span id="pohja=teematapaaminen-lahi" hidden></span>' in (
        tmp_path / "site" / "suunnittelija" / "index.html"
    ).read_text(encoding="utf-8")


def test_missing_anchors_fail_the_strict_build_and_a_page_left_out_is_named(tmp_path):
    project = make_project(tmp_path)
    (project / "docs" / "index.md").write_text(
        "# Etusivu\n\n[ei otsikkoa](menetelmat/index.md#ei-ole-tallaista)\n\n"
        "[ei pohjaa](suunnittelija/index.md#pohja=ei-ole-tallaista)\n\n[pohja](suunnittelija/index.md#pohja=teematapaaminen)\n",
        encoding="utf-8",
    )
    (project / "docs" / "unohtunut.md").write_text("# Unohtunut sivu\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if not any(pattern.fullmatch(line) for pattern in PROGRESS)]
    assert problems == [
        'INFO    -  The following pages exist in the docs directory, but are not included in the "nav" configuration:',
        "  - unohtunut.md",
        "WARNING -  Doc file 'index.md' contains a link 'menetelmat/index.md#ei-ole-tallaista', but the doc 'menetelmat/index.md' does not contain an anchor '#ei-ole-tallaista'.",
        "WARNING -  Doc file 'index.md' contains a link 'suunnittelija/index.md#pohja=ei-ole-tallaista', but the doc 'suunnittelija/index.md' does not contain an anchor '#pohja=ei-ole-tallaista'.",
    ]
    assert "Aborted with 2 warnings in strict mode!" in result.stdout + result.stderr
