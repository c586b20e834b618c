"""The JSON the planner reads: methods, session templates and the timing messages (versioned keys)."""

from __future__ import annotations

import json
from typing import Callable

from .load import session_plan
from .models import INTENSITIES, MODES, PHASES
from .site import Site, page_uri
from .timing import MESSAGES

INDEX_VERSION = 1


def build_index(site: Site, url_of: Callable[[str], str]) -> dict:
    """`url_of` maps a page's source URI to its URL relative to the site root."""
    catalogue = site.catalogue
    return {
        "version": INDEX_VERSION,
        "phases": list(PHASES),
        "modes": list(MODES),
        "intensities": list(INTENSITIES),
        "families": sorted({method.family for method in catalogue.methods.values()}),
        "messages": MESSAGES,
        "methods": [_method(method, url_of(page_uri("methods", method_id))) for method_id, method in catalogue.methods.items()],
        "sessions": [_session(session, url_of(page_uri("sessions", session_id))) for session_id, session in catalogue.sessions.items()],
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
        "materials": list(method.materials),
        "steps": [{"title": step.title, "minutes": step.minutes} for step in method.steps],
        "keywords": list(method.keywords),
        "url": url,
    }


def _session(session, url: str) -> dict:
    return {"id": session.id, "title": session.title, "purpose": session.purpose, "url": url, **session_plan(session)}


def dumps(index: dict) -> str:
    # Sorted keys and no whitespace: byte-identical output for the same input, and small.
    return json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
