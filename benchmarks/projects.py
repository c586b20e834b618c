"""The two projects the benchmark builds: ours (the generator) and the baseline (the same pages as plain Markdown).

Ours is the repository's mkdocs.yml, docs/ and overrides/ with a given curriculum. The baseline's pages
are captured from one untimed build of ours (benchmarks/capture_hook.py), so both sites hold the same
Markdown; its mkdocs.yml is ours minus the macros and verme plugins and our hooks.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CAPTURE_HOOK = Path(__file__).resolve().parent / "capture_hook.py"
OUR_PLUGINS = {"verme", "macros"}
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
CONFIG = "mkdocs.yml"


@dataclass
class Pair:
    ours: Path
    baseline: Path


# ---------------------------------------------------------------- mkdocs.yml with any tags


@dataclass
class _Tagged:
    """A tagged value (!ENV, !!python/name:…) kept as written, so the config round-trips."""

    tag: str
    value: object


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return _Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return _Tagged(node.tag, loader.construct_mapping(node, deep=True))


def _represent_tagged(dumper, tagged):
    if isinstance(tagged.value, list):
        return dumper.represent_sequence(tagged.tag, tagged.value)
    if isinstance(tagged.value, dict):
        return dumper.represent_mapping(tagged.tag, tagged.value)
    return dumper.represent_scalar(tagged.tag, tagged.value)


_ConfigLoader.add_multi_constructor("", _construct_tagged)
_ConfigDumper.add_representer(_Tagged, _represent_tagged)


def read_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 (a SafeLoader subclass)


def write_config(path: Path, config: dict) -> None:
    path.write_text(yaml.dump(config, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _entry_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


# ---------------------------------------------------------------- projects


def make_ours(target: Path, curriculum: Path) -> Path:
    """The repository's site sources with `curriculum` as its curriculum folder."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / CONFIG, target / CONFIG)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    if curriculum.resolve() != (target / "curriculum").resolve():
        shutil.copytree(curriculum, target / "curriculum")
    return target


def make_baseline(target: Path, ours: Path) -> Path:
    """Capture ours' final Markdown with one build, then write a plain-Markdown project from it."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ours / "docs", target / "docs")
    shutil.copytree(ours / "overrides", target / "overrides")
    _capture(ours, target / "docs")
    config = read_config(ours / CONFIG)
    config["plugins"] = [entry for entry in config.get("plugins", []) if _entry_name(entry) not in OUR_PLUGINS]
    for key in ("hooks", "watch"):
        config.pop(key, None)
    # Our pages link to the whole-handbook page, which the baseline goes without (ours checks every link).
    config.setdefault("validation", {}).setdefault("links", {})["not_found"] = "info"
    glossary = target / "abbr-glossary.json"
    if glossary.exists():
        config["markdown_extensions"] = [
            _with_glossary(entry, json.loads(glossary.read_text(encoding="utf-8")))
            for entry in config["markdown_extensions"]
        ]
    write_config(target / CONFIG, config)
    return target


def _with_glossary(entry, glossary: dict):
    # What our plugin hands the abbr extension, the baseline writes into its mkdocs.yml.
    if _entry_name(entry) != "abbr":
        return entry
    options = {} if isinstance(entry, str) else dict(entry["abbr"] or {})
    return {"abbr": {**options, "glossary": glossary}}


def _capture(ours: Path, docs: Path) -> None:
    config = read_config(ours / CONFIG)
    config["hooks"] = [*config.get("hooks", []), str(CAPTURE_HOOK)]
    capture_config = ours / "mkdocs.capture.yml"
    write_config(capture_config, config)
    env = {**BUILD_ENV, "VERME_CAPTURE_DIR": str(docs)}
    site = ours.parent / f"{ours.name}-capture-site"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--clean",
            "-q",
            "-f",
            str(capture_config),
            "--site-dir",
            str(site),
        ],
        cwd=ours,
        env=env,
        capture_output=True,
        text=True,
    )
    capture_config.unlink()
    shutil.rmtree(site, ignore_errors=True)
    if result.returncode != 0:
        raise RuntimeError(f"the capture build of {ours} failed:\n{result.stderr[-4000:]}")


def make_pair(work: Path, curriculum: Path) -> Pair:
    ours = make_ours(work / "ours", curriculum)
    return Pair(ours, make_baseline(work / "baseline", ours))
