"""Zensical edge: the build plan written into a build-only folder of Markdown and assets, Zensical run on it.

Zensical reads mkdocs.yml and runs our `define_env` through its macros extension, but no MkDocs plugin
of ours. So this edge writes what the verme plugin hands MkDocs in memory into `build/zensical/`: the
hand-written docs, every generated page and file, and a small mkdocs.yml that inherits the real one and
points Zensical at that folder (with the glossary for `abbr`, which the plugin sets in MkDocs' config).
After the build, macros/postbuild.py runs the same passes as under MkDocs, and the site is copied to
`site/`. Only files whose content changed are rewritten, so a running `zensical serve` rebuilds little.

    python -m macros.zensical_edge build [--site-dir DIR]
    python -m macros.zensical_edge serve [--dev-addr HOST:PORT]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import threading
import time
from pathlib import Path

import yaml

from . import postbuild
from .build import BuildPlan, PlanError, curriculum_folder, plan, read_config, settings_from_config
from .cache import begin_build, end_build

# Zensical 0.0.73 requires its docs and site folders inside the folder of the config file it reads.
FOLDER = Path("build") / "zensical"
CONFIG_NAME = "mkdocs.yml"
# How often `serve` looks for a saved edit in the curriculum or docs/ (MkDocs' own watcher polls at 0.5 s).
POLL_SECONDS = 0.25


def prepare(project: Path, folder: Path | None = None) -> tuple[BuildPlan, Path]:
    """The plan for the project's curriculum, written into the build folder; returns it and the config to run."""
    project = project.resolve()
    folder = (folder or project / FOLDER).resolve()
    config_file = project / CONFIG_NAME
    config = read_config(config_file)
    settings = settings_from_config(config, config_file)
    the_plan = plan(curriculum_folder(config, config_file), settings, load=begin_build)
    files = dict(_docs_files(settings.docs_dir))
    files.update((uri, content.encode("utf-8")) for uri, content in {**the_plan.pages, **the_plan.files}.items())
    _mirror(folder / "docs", files)
    overlay = folder / CONFIG_NAME
    _write_if_changed(overlay, _overlay(config, config_file, folder, the_plan).encode("utf-8"))
    return the_plan, overlay


def _docs_files(docs_dir: Path):
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            yield relative.as_posix(), path.read_bytes()


def _overlay(config: dict, config_file: Path, folder: Path, the_plan: BuildPlan) -> str:
    """mkdocs.yml for Zensical: the real one inherited, the folders and the glossary set for this folder."""

    def from_folder(path: Path) -> str:
        return Path(os.path.relpath(path, folder)).as_posix()

    theme = config.get("theme")
    theme = theme if isinstance(theme, dict) else {}
    overlay: dict = {
        "INHERIT": from_folder(config_file),
        "docs_dir": "docs",
        "site_dir": "site",
        # Read by macros/macros_env.py: Zensical passes no MkDocs plugin's options to define_env.
        "verme": {"curriculum": from_folder(curriculum_folder(config, config_file))},
        # Zensical appends these to the inherited list; the later `abbr` settings win.
        "markdown_extensions": [{"abbr": {"glossary": the_plan.glossary}}],
    }
    if theme.get("custom_dir"):
        overlay["theme"] = {"custom_dir": from_folder(config_file.parent / theme["custom_dir"])}
    header = "# Written by macros/zensical_edge.py for each build: edit mkdocs.yml, not this file.\n"
    return header + yaml.safe_dump(overlay, allow_unicode=True, sort_keys=False)


def _mirror(target: Path, files: dict[str, bytes]) -> None:
    """`target` holds exactly `files`; files with the same content are left untouched."""
    for relative, data in files.items():
        _write_if_changed(target / relative, data)
    if not target.is_dir():
        return
    for path in sorted(target.rglob("*"), reverse=True):
        relative = path.relative_to(target).as_posix()
        if path.is_file() and relative not in files:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _write_if_changed(path: Path, data: bytes) -> None:
    try:
        if path.read_bytes() == data:
            return
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# ---------------------------------------------------------------- commands


def build(project: Path, site_dir: Path | None = None, strict: bool = True) -> BuildPlan:
    """One Zensical build of the project into `site_dir` (default: the project's site/)."""
    import zensical

    try:
        the_plan, overlay = prepare(project)
        written = overlay.parent / "site"
        zensical.build(str(overlay), {"clean": False, "strict": strict})
        postbuild.run(written, the_plan)
    finally:
        end_build()
    target = Path(site_dir) if site_dir else project.resolve() / "site"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(written, target)
    return the_plan


def serve(project: Path, dev_addr: str | None = None) -> None:
    """Zensical's dev server on the build folder; a saved edit in the curriculum or docs/ rewrites the folder."""
    import zensical

    the_plan, overlay = prepare(project)
    end_build()
    watcher = _Watcher(project.resolve(), overlay.parent / "site", the_plan)
    threading.Thread(target=watcher.loop, daemon=True).start()
    options = {"dev_addr": dev_addr, "open": False, "strict": False}
    zensical.serve(str(overlay), {key: value for key, value in options.items() if value is not None})


class _Watcher:
    """Polls the sources: after an edit, a new plan into the build folder; after Zensical writes, the passes."""

    def __init__(self, project: Path, site: Path, the_plan: BuildPlan):
        self.project = project
        self.site = site
        self.plan = the_plan
        self.curriculum = curriculum_folder(read_config(project / CONFIG_NAME), project / CONFIG_NAME)
        self.sources = self._signature(self.curriculum, the_plan.settings.docs_dir)
        self.written = self._signature(site)
        self.finished = False

    @staticmethod
    def _signature(*folders: Path) -> tuple:
        return tuple(
            (path.as_posix(), stat.st_mtime_ns, stat.st_size)
            for folder in folders
            for path in sorted(folder.rglob("*"))
            if path.is_file() and (stat := path.stat())
        )

    def loop(self) -> None:
        while True:
            time.sleep(POLL_SECONDS)
            try:
                self.step()
            except PlanError as error:
                print(error, file=sys.stderr)
            except OSError:
                pass  # a file or folder went away while Zensical rewrote the site: look again at the next poll
            finally:
                end_build()

    def step(self) -> None:
        sources = self._signature(self.curriculum, self.plan.settings.docs_dir)
        if sources != self.sources:
            self.sources = sources
            self.plan, _ = prepare(self.project)
        written = self._signature(self.site)
        if written != self.written:
            # Zensical is still writing: wait until one poll finds the site as the last one left it.
            self.written, self.finished = written, False
            return
        if not self.finished:
            postbuild.run(self.site, self.plan)
            self.written, self.finished = self._signature(self.site), True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m macros.zensical_edge", description="Build or serve the handbook with Zensical."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build", help="build the site (default into site/)")
    build_command.add_argument("--site-dir", type=Path, default=None)
    build_command.add_argument("--project", type=Path, default=Path("."))
    serve_command = commands.add_parser("serve", help="preview the site on Zensical's dev server")
    serve_command.add_argument("--dev-addr", default=None)
    serve_command.add_argument("--project", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            build(args.project, args.site_dir)
        else:
            serve(args.project, args.dev_addr)
    except PlanError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
