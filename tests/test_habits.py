"""Habits that keep the project carried on safely: one source for values Python and the planner share, the
whole dependency tree installed exactly as locked, and Material's templates unchanged under our forks."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import markdown
import material
import pytest
from bs4 import BeautifulSoup
from pydantic import TypeAdapter, ValidationError

from macros.load import SESSION_PROBLEMS
from macros.models import ClockTime, Slug
from macros.planner_index import INDEX_VERSION, build_index
from macros.shared_values import shared_values
from macros.site import build_site
from macros.timing import MESSAGES

from .conftest import ROOT, SMALL

PLANNER = ROOT / "docs" / "assets" / "planner"
RELOCK = "bash scripts/lock.sh"


def node(script: str, data: object) -> object:
    """Run an ES module snippet in the repository root with `data` as JSON on stdin; its stdout as JSON."""
    prelude = 'import { readFileSync } from "node:fs";\nconst data = JSON.parse(readFileSync(0, "utf-8"));\n'
    result = subprocess.run(
        ["node", "--input-type=module", "-e", prelude + script],
        input=json.dumps(data),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# ---------------------------------------------------------------- values Python and the planner share


def test_every_warning_code_has_a_content_error_and_a_finnish_message():
    assert set(SESSION_PROBLEMS) == set(MESSAGES)


def test_both_texts_of_a_warning_take_the_same_parameters():
    cases = json.loads((ROOT / "tests" / "timing_cases.json").read_text(encoding="utf-8"))["cases"]
    seen: dict[str, dict] = {}
    for case in cases:
        for warning in case["expected"]["warnings"]:
            seen.setdefault(warning["code"], warning["params"])
    assert set(seen) == set(MESSAGES), "every code needs a hand-checked case in tests/timing_cases.json"
    for code, params in seen.items():
        english, finnish = SESSION_PROBLEMS[code][1], MESSAGES[code]
        assert english.format(**params) and finnish.format(**params), code


def test_the_index_carries_the_shared_values():
    index = build_index(build_site(SMALL), lambda uri: uri)
    assert index["shared"] == shared_values() and index["version"] == INDEX_VERSION


def test_the_planner_expects_the_index_version_python_writes():
    found = re.findall(r"^export const INDEX_VERSION = (\d+);$", (PLANNER / "app.js").read_text(encoding="utf-8"), re.M)
    assert found == [str(INDEX_VERSION)]


def test_no_planner_module_holds_a_copy_of_a_shared_value():
    shared = shared_values()
    copies = [
        shared["clock_pattern"][1:-1],  # the pattern as a regex literal would hold it
        shared["id_pattern"][1:-1],
        *shared["mode_labels"].values(),
    ]
    for path in sorted(PLANNER.glob("*.js")):
        text = path.read_text(encoding="utf-8")
        assert [copy for copy in copies if copy in text] == [], f"{path.name} holds a copy: read it from SHARED"


CLOCK_CANDIDATES = ["9.15", "09:15", "0.00", "23.59", "24.00", "9.60", "9", "9.5", "9.15\n", " 9.15", "klo 9", "19.5 "]
ID_CANDIDATES = ["aikajana", "a-b-1", "a--b", "-a", "a-", "Aikajana", "ä", "a\n", "a b", ""]


def test_the_planner_reads_the_patterns_as_python_and_pydantic_do():
    shared = shared_values()
    script = (
        'import { SHARED, adoptShared } from "./docs/assets/planner/shared.js";\n'
        "adoptShared(data.shared);\n"
        "process.stdout.write(JSON.stringify({ clock: data.clock.map((t) => SHARED.clock.test(t)), "
        "id: data.id.map((t) => SHARED.id.test(t)) }));\n"
    )
    javascript = node(script, {"shared": shared, "clock": CLOCK_CANDIDATES, "id": ID_CANDIDATES})

    def pydantic_accepts(kind, text: str) -> bool:
        try:
            TypeAdapter(kind).validate_python(text)
        except ValidationError:
            return False
        return True

    python_clock = [bool(re.fullmatch(shared["clock_pattern"], text)) for text in CLOCK_CANDIDATES]
    python_id = [bool(re.fullmatch(shared["id_pattern"], text)) for text in ID_CANDIDATES]
    assert javascript["clock"] == python_clock == [pydantic_accepts(ClockTime, text) for text in CLOCK_CANDIDATES]
    assert javascript["id"] == python_id == [pydantic_accepts(Slug, text) for text in ID_CANDIDATES]
    assert python_clock.count(True) == 4 and python_id.count(True) == 2


MARKDOWN_CASES = [
    "Aikajana",
    r"*tähti* _alaviiva_ `koodi` [linkki](x) #otsikko +plus -miinus 1. piste! |putki| \kenoviiva {a}",
    "<script>alert(1)</script> & &amp; <b>",
    "  reunoilla välilyöntejä  ",
    "rivi yksi\nrivi kaksi",
    "kappale\n\n  toinen kappale\n kolmas rivi",
]


def test_the_planners_markdown_shows_exactly_the_text_in_the_handbooks_renderer():
    # The export escapes less than md_text() (only what would change the text, so a person can read it),
    # and a line break becomes <br> so a table cell keeps one line; Python-Markdown must still show the text.
    script = (
        'import { markdownText } from "./docs/assets/planner/exports.js";\n'
        "process.stdout.write(JSON.stringify(data.texts.map(markdownText)));\n"
    )
    exported = node(script, {"texts": MARKDOWN_CASES})
    assert isinstance(exported, list)
    shown = []
    for text in exported:
        soup = BeautifulSoup(markdown.markdown(text, extensions=["tables"]), "html.parser")
        for br in soup.find_all("br"):
            br.replace_with("\n")
        shown.append(soup.get_text())
    assert shown == ["\n".join(line.strip() for line in text.strip().split("\n")) for text in MARKDOWN_CASES]
    assert exported[0] == "Aikajana" and "\\" not in exported[3]


# ---------------------------------------------------------------- the locked dependency tree


def _pins(path) -> dict[str, str]:
    """name → version of every `name==version` line of a requirements or lock file."""
    text = path.read_text(encoding="utf-8")
    return {
        _normal(name): version
        for name, version in re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", text, re.M)
    }


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_environment_holds_exactly_the_locked_versions():
    locked = _pins(ROOT / "requirements-test.lock")
    installed = {_normal(dist.metadata["Name"]): dist.version for dist in metadata.distributions()}
    # pip comes with the virtual environment, our own package is installed from the work tree.
    installed = {name: version for name, version in installed.items() if name not in ("pip", "verme-kasikirja")}
    differ = {
        name: (installed.get(name), locked.get(name))
        for name in installed.keys() | locked.keys()
        if installed.get(name) != locked.get(name)
    }
    assert differ == {}, (
        f"(installed, locked) differ in {sys.prefix}: recreate it with "
        "`rm -rf .venv && bash scripts/setup.sh test`, or re-lock with " + RELOCK
    )


@pytest.mark.parametrize(
    ("requirements", "lock"),
    [
        ("requirements.txt", "requirements.lock"),
        ("requirements-test.txt", "requirements-test.lock"),
        ("requirements.lock", "requirements-test.lock"),
    ],
)
def test_every_pin_is_locked_at_its_version(requirements, lock):
    pins, locked = _pins(ROOT / requirements), _pins(ROOT / lock)
    assert (
        pins
        and {name: (version, locked.get(name)) for name, version in pins.items() if locked.get(name) != version} == {}
    ), f"{requirements} and {lock} disagree (pinned, locked): re-lock with {RELOCK}"


def test_pyproject_declares_the_pinned_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def pins(lines):
        return {_normal(name): version for name, version in (line.split("==") for line in lines)}

    build = {name: version for name, version in _pins(ROOT / "requirements.txt").items() if name != "setuptools"}
    test = _pins(ROOT / "requirements-test.txt")
    assert pins(project["dependencies"]) == build
    declared_test = pins(project["optional-dependencies"]["test"])
    assert declared_test and {name: test.get(name) for name in declared_test} == declared_test


# ---------------------------------------------------------------- overrides forked from Material

MATERIAL_VERSION = "9.8.1"
# override → (Material's template, the block we replace or None for the whole file, its sha256 at 9.8.1).
FORKS = {
    "overrides/partials/search.html": (
        "partials/search.html",
        None,
        "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    ),
    "overrides/partials/copyright.html": (
        "partials/copyright.html",
        None,
        "bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea",
    ),
    "overrides/partials/logo.html": (
        "partials/logo.html",
        None,
        "e0925ef6c190174a5162ed1ecc55295016dd8a7beec3018db3e04aac283a2dd9",
    ),
    "overrides/main.html": (
        "base.html",
        "htmltitle",
        "253e4cbb7cfac383f233c2a15dc39373461d23d1266202d227ded326c681d076",
    ),
    "overrides/partials/header.html": (
        "partials/header.html",
        None,
        "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
    ),
    "overrides/partials/javascripts/base.html": (
        "partials/javascripts/base.html",
        None,
        "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6",
    ),
    "overrides/404.html": ("404.html", "content", "85e27de1c1d529fb82dd17a619752ee4aae55011784da0797535ad5d02b36887"),
}


def _material_templates() -> Path:
    return Path(material.__file__).parent / "templates"


def _block(text: str, name: str) -> str:
    match = re.search(r"\{%-?\s*block " + name + r"\s*-?%\}(.*?)\{%-?\s*endblock\s*-?%\}", text, re.S)
    assert match, f"Material's template has no block {name}"
    return match.group(1)


@pytest.mark.parametrize("override", sorted(FORKS))
def test_material_is_unchanged_under_each_forked_override(override):
    template, block, digest = FORKS[override]
    text = (_material_templates() / template).read_text(encoding="utf-8")
    found = hashlib.sha256((text if block is None else _block(text, block)).encode("utf-8")).hexdigest()
    where = f"{template}" + (f" (block {block})" if block else "")
    assert found == digest, (
        f"Material {metadata.version('mkdocs-material')} changed {where}, which {override} was forked from in "
        f"Material {MATERIAL_VERSION}: compare the two, carry the change over, then record the new sha256 {found}"
    )


def test_every_override_of_a_material_template_is_recorded():
    templates = _material_templates()
    overriding = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "overrides").rglob("*.html")
        if (templates / path.relative_to(ROOT / "overrides")).is_file()
    }
    # main.html replaces Material's two-line main.html; what it forks is a block of base.html.
    assert overriding == set(FORKS)
