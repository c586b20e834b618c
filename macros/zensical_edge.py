"""Zensical edge: the build plan written into a build-only folder of Markdown and assets, Zensical run on it.

Zensical reads mkdocs.yml and runs our `define_env` through its macros extension, but no MkDocs plugin
of ours. So this edge writes what the verme plugin hands MkDocs in memory into `build/zensical/docs/`:
the hand-written docs, every generated page and file. A config beside mkdocs.yml (`.zensical.yml`, never
committed) is a copy of the real one that points Zensical at that folder, with the glossary for `abbr`
that the plugin sets in MkDocs' config. Zensical keeps its docs and site folders inside the folder of the
config it reads, so with the config there it writes straight into site/ (a site folder elsewhere is
written in `build/zensical/site/` and copied). After the build, macros/postbuild.py runs the same passes
as under MkDocs. Only files whose content changed are rewritten, so a running `zensical serve` rebuilds little.

    python -m macros.zensical_edge build [--site-dir DIR]
    python -m macros.zensical_edge serve [--dev-addr HOST:PORT]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import threading
import time
from pathlib import Path

from . import postbuild
from .build import BuildPlan, PlanError, curriculum_folder, plan, read_config, settings_from_config
from .cache import cached_site, end_build, start_build
from .files import signature

# Zensical 0.0.73 requires its docs and site folders inside the folder of the config file it reads.
FOLDER = Path("build") / "zensical"
CONFIG_NAME = "mkdocs.yml"
OVERLAY_NAME = ".zensical.yml"
# How often `serve` looks for a saved edit in the curriculum or docs/ (MkDocs' own watcher polls at 0.5 s).
POLL_SECONDS = 0.25


def prepare(project: Path, site_dir: Path | None = None) -> tuple[BuildPlan, Path, Path]:
    """The plan for the project's curriculum written into the build folder, and the config for Zensical.

    Returns the plan, the config to run and the folder Zensical will write the site into: `site_dir`
    (default the project's site/) when it is inside the project, else `build/zensical/site/`.
    """
    project = project.resolve()
    folder = project / FOLDER
    config_file = project / CONFIG_NAME
    config = read_config(config_file)
    settings = settings_from_config(config, config_file)
    start_build()
    the_plan = plan(curriculum_folder(config, config_file), settings, load=cached_site)
    files = dict(_docs_files(settings.docs_dir))
    files.update((uri, content.encode("utf-8")) for uri, content in {**the_plan.pages, **the_plan.files}.items())
    _mirror(folder / "docs", files)
    written = (project / "site" if site_dir is None else Path(site_dir)).resolve()
    if not written.is_relative_to(project) or written == project:
        written = folder / "site"
    overlay = project / OVERLAY_NAME
    _write_if_changed(overlay, _overlay(config, config_file, folder, written, the_plan).encode("utf-8"))
    return the_plan, overlay, written


def _docs_files(docs_dir: Path):
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            yield relative.as_posix(), path.read_bytes()


def _overlay(config: dict, config_file: Path, folder: Path, site: Path, the_plan: BuildPlan) -> str:
    """The config Zensical reads: mkdocs.yml as read (its `!ENV` values resolved), with the build folder as
    docs, the site folder, the glossary for `abbr`, and no `watch`.

    A copy rather than `INHERIT`: Zensical merges an inheriting file by appending to lists, so it could not
    take `watch: [curriculum]` away. Under `serve`, the edge watches the curriculum itself and rewrites the
    build folder; Zensical watching it too would rebuild once before the new pages are written and again
    after (a saved edit took 3.9 s to show instead of 2)."""

    def from_project(path: Path) -> str:
        return Path(os.path.relpath(path, config_file.parent)).as_posix()

    copied = {key: value for key, value in config.items() if key != "watch"}
    copied["plugins"] = [
        _without_includes(entry, from_project(folder / "includes")) for entry in config.get("plugins") or []
    ]
    extensions = [_with_glossary(entry, the_plan.glossary) for entry in copied.get("markdown_extensions") or []]
    copied.update(
        docs_dir=from_project(folder / "docs"),
        site_dir=from_project(site),
        # Read by macros/macros_env.py: Zensical passes no MkDocs plugin's options to define_env.
        verme={"curriculum": from_project(curriculum_folder(config, config_file))},
        # After abbr, its tree pass with the pattern compiled once (as macros/plugin.py adds it under MkDocs).
        markdown_extensions=[*extensions, "macros.glossary_pattern"],
    )
    header = f"# Written by macros/zensical_edge.py for each build from {config_file.name}: edit that, not this file.\n"
    # JSON is YAML, and written ten times faster than YAML for a glossary of thousands of forms. A date
    # (unquoted in mkdocs.yml) is written as Zensical needs it: quoted.
    return header + json.dumps(copied, ensure_ascii=False, indent=1, default=str) + "\n"


def _without_includes(entry, folder: str):
    # Zensical's macros extension watches every file of its include_dir (default: docs_dir) and, when one
    # changes, reloads and renders every page again; our pages include nothing, so it points at no files.
    if isinstance(entry, dict) and "macros" in entry:
        return {"macros": {**(entry["macros"] or {}), "include_dir": folder}}
    return entry


def _with_glossary(entry, glossary: dict[str, str]):
    # What the verme plugin sets in MkDocs' config: the glossary as the abbr extension's option.
    if entry == "abbr":
        return {"abbr": {"glossary": glossary}}
    if isinstance(entry, dict) and "abbr" in entry:
        return {"abbr": {**(entry["abbr"] or {}), "glossary": glossary}}
    return entry


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

    target = (Path(site_dir) if site_dir else project / "site").resolve()
    try:
        the_plan, overlay, written = prepare(project, target)
        search = postbuild.SearchIndexJob.start(the_plan)
        try:
            # The site holds only this build's files, as `mkdocs build --clean` leaves it. Not Zensical's own
            # clean: that also empties .cache/, its rendered pages and our analyses (macros/search_index.py).
            shutil.rmtree(written, ignore_errors=True)
            zensical.build(str(overlay), {"clean": False, "strict": strict})
        except BaseException:
            search.cancel()
            raise
        postbuild.run(written, the_plan, search)
    finally:
        end_build()
    if written != target:
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(written, target)
    return the_plan


def serve(project: Path, dev_addr: str | None = None) -> None:
    """Zensical's dev server on the build folder; a saved edit in the curriculum, docs/ or mkdocs.yml rewrites it."""
    import zensical

    # The preview's site goes into the build folder: site/ keeps what the last build wrote.
    the_plan, overlay, written = prepare(project, project / FOLDER / "site")
    end_build()
    watcher = _Watcher(project.resolve(), written, the_plan)
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
        self.sources = self._sources()
        self.written = signature(site)
        self.finished = False

    def _sources(self) -> tuple:
        # Zensical watches the config it reads (written by prepare) and the theme's folders, not these.
        return signature(self.curriculum, self.plan.settings.docs_dir, self.project / CONFIG_NAME)

    def loop(self) -> None:
        reported = ""
        while True:
            time.sleep(POLL_SECONDS)
            try:
                self.step()
            except (PlanError, RuntimeError) as error:
                # A curriculum error, or the search index's (once: the passes are tried again at each poll).
                if str(error) != reported:
                    print(error, file=sys.stderr)
                    reported = str(error)
            except OSError:
                pass  # a file or folder went away while Zensical rewrote the site: look again at the next poll
            finally:
                end_build()

    def step(self) -> None:
        sources = self._sources()
        if sources != self.sources:
            self.sources = sources
            self.plan, _, _ = prepare(self.project, self.site)
        written = signature(self.site)
        if written != self.written:
            # Zensical is still writing: wait until one poll finds the site as the last one left it.
            self.written, self.finished = written, False
            return
        if not self.finished:
            # If Zensical rewrites the site meanwhile, this raises and the next poll runs the passes again.
            postbuild.run(self.site, self.plan)
            self.written, self.finished = signature(self.site), True


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
