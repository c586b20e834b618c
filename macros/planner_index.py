"""The JSON the planner reads: methods, session templates and the timing messages (versioned keys).

Also the planner's offline script: browsers refuse ES modules from file://, so for the offline handbook
the build rewrites the planner's modules into one classic script that carries the index as data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from .collation import finnish_sorted
from .models import INTENSITIES, MODES, PHASES, ROLES
from .shared_values import shared_values
from .site import Site, page_uri
from .timing import MESSAGES, session_plan

# 2: the index carries "shared" (macros/shared_values.py). The planner refuses an index of another version.
INDEX_VERSION = 2
PLANNER_FOLDER = "assets/planner"
INDEX_URI = f"{PLANNER_FOLDER}/index.json"
OFFLINE_URI = f"{PLANNER_FOLDER}/offline.js"


def build_index(site: Site, url_of: Callable[[str], str]) -> dict:
    """`url_of` maps a page's source URI to its URL relative to the site root."""
    catalogue = site.catalogue
    return {
        "version": INDEX_VERSION,
        "phases": list(PHASES),
        "modes": list(MODES),
        "intensities": list(INTENSITIES),
        "roles": list(ROLES),
        "families": finnish_sorted({method.family for method in catalogue.methods.values()}),
        "messages": MESSAGES,
        "shared": shared_values(),
        # A–Ö as a Finnish reader expects (Päiväkirja after Pelisäännöt), as the picker lists them.
        "methods": [
            _method(method, url_of(page_uri("methods", method_id)))
            for method_id, method in finnish_sorted(catalogue.methods.items(), key=lambda item: item[1].name)
        ],
        "sessions": [
            _session(session, url_of(page_uri("sessions", session_id)))
            for session_id, session in catalogue.sessions.items()
        ],
        "processes": [
            _process(process, url_of(page_uri("processes", process_id)))
            for process_id, process in catalogue.processes.items()
        ],
    }


def _method(method, url: str) -> dict:
    return {
        "id": method.id,
        "name": method.name,
        "family": method.family,
        "summary": method.summary,
        "phases": list(method.phases),
        "duration": [method.duration.min, method.duration.max],
        "per_participant": method.minutes_per_participant,
        "group_size": [method.group_size.min, method.group_size.max],
        "modes": list(method.modes),
        "intensity": method.intensity,
        "roles": list(method.roles),
        "materials": list(method.materials),
        "steps": [{"title": step.title, "minutes": step.minutes} for step in method.steps],
        "keywords": list(method.keywords),
        "url": url,
    }


def _session(session, url: str) -> dict:
    return {"id": session.id, "title": session.title, "purpose": session.purpose, "url": url, **session_plan(session)}


def _process(process, url: str) -> dict:
    """A group process as the planner's series start from it: its meetings in order, each with its template."""
    return {
        "id": process.id,
        "title": process.title,
        "group_size": [process.group_size.min, process.group_size.max],
        "meetings": [process.meetings.min, process.meetings.max],
        "meeting_minutes": [process.meeting_minutes.min, process.meeting_minutes.max],
        "url": url,
        "sequence": [
            {
                "title": meeting.title,
                "purpose": meeting.purpose,
                "methods": list(meeting.methods),
                "session": meeting.session,
            }
            for meeting in process.meetings_sequence
        ],
    }


def dumps(index: dict) -> str:
    # Sorted keys and no whitespace: byte-identical output for the same input, and small.
    return json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def planner_files(index: dict, docs_dir: Path | str) -> list[tuple[str, str]]:
    """(URI, content) of every file the build writes for the planner."""
    return [(INDEX_URI, dumps(index)), (OFFLINE_URI, offline_script(index, Path(docs_dir) / PLANNER_FOLDER))]


# ---------------------------------------------------------------- offline script

# The planner's modules keep to these forms, so a rewrite needs no JavaScript parser.
_IMPORT = re.compile(r'^import \{ ([\w$, ]+) \} from "\./([\w-]+)\.js";\n', re.M)
_EXPORT = re.compile(r"^export (?=(?:async )?function\*? |const |let |class )", re.M)
_EXPORTED = re.compile(r"^export (?:async )?(?:function\*? ?|const |let |class )([\w$]+)", re.M)
_MODULE_SYNTAX = re.compile(r"^(?:import|export)\b.*$|\bimport\s*\(|\bimport\.meta\b", re.M)


def offline_script(index: dict, folder: Path) -> str:
    """The modules under `folder`, dependencies first, each in its own function scope, after the index."""
    modules = {
        path.stem: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.js")) if path.name != "offline.js"
    }
    parts = [
        "// Generated by macros/planner_index.py for pages opened from file://, where browsers refuse ES modules:",
        "// the planner's modules (docs/assets/planner/*.js), each in its own scope, and the planner index as data.",
        "(() => {",
        '"use strict";',
        f"globalThis.VermePlannerIndex = {dumps(index)};",
        "const modules = Object.create(null);",
    ]
    parts.extend(_as_function(name, modules[name]) for name in _dependency_order(modules, "main"))
    parts.append("})();")
    return "\n".join(parts) + "\n"


def _dependency_order(modules: dict[str, str], entry: str) -> list[str]:
    order: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in order:
            return
        if name in path or name not in modules:
            raise ValueError(
                f"{name}.js: {'circular import' if name in path else 'imported but not found'} ({' → '.join(path + (name,))})"
            )
        for _, dependency in _IMPORT.findall(modules[name]):
            visit(dependency, path + (name,))
        order.append(name)

    visit(entry, ())
    return order


def _as_function(name: str, source: str) -> str:
    imports = _IMPORT.findall(source)
    body = _EXPORT.sub("", _IMPORT.sub("", source))
    leftover = _MODULE_SYNTAX.search(body)
    if leftover or any(" as " in names for names, _ in imports):
        raise ValueError(
            f"{name}.js: module syntax the offline script cannot rewrite: {leftover.group(0) if leftover else 'import … as …'}"
        )
    bindings = "".join(f'const {{ {names} }} = modules["{dependency}"];\n' for names, dependency in imports)
    exported = ", ".join(_EXPORTED.findall(source))
    return f'modules["{name}"] = (() => {{\n{bindings}{body}return {{ {exported} }};\n}})();'
