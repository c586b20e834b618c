"""Macros for hand-written pages: each renders an overview fragment from the one loaded Site."""

from __future__ import annotations

from markupsafe import Markup

from .cache import cached_site
from .views import render_fragment


def register(env) -> None:
    from .plugin import curriculum_root

    def site():
        return cached_site(curriculum_root(env.conf))

    def fragment(name: str, **context) -> str:
        return render_fragment(site(), name, env.page.file.src_uri, **context)

    @env.macro
    def method_catalogue() -> str:
        return fragment("method_catalogue")

    @env.macro
    def record_table(kind: str) -> str:
        return fragment("record_table", kind=kind)

    @env.macro
    def record_count(kind: str) -> int:
        return len(site().catalogue.records[kind])

    # Overview fragments for the handbook's section pages: each macro renders fragments/<name>.md.j2.
    for name in HANDBOOK_OVERVIEWS:
        env.macro(lambda name=name: fragment(name), name)


HANDBOOK_OVERVIEWS = (
    "seminar_overview", "module_overview", "session_overview", "principle_overview", "process_overview",
    "comparison_tables", "support_overview", "theme_overview", "glossary", "bibliography",
)
