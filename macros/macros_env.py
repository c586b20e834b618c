"""Macros for hand-written pages: each renders an overview fragment from the one loaded Site."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from .branding import SettingsError, read_settings, statement_context
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
    def card(kind: str, record_id: str, part: str) -> str:
        return fragment("card", kind=kind, record_id=record_id, part=part)

    @env.macro
    def record_count(kind: str) -> int:
        return len(site().catalogue.records[kind])

    # Read before any page renders: a logo without alt text or an unreadable colour stops the build here.
    settings = organisation_settings(env.conf)

    @env.macro
    def accessibility_statement() -> str:
        return fragment("accessibility_statement", **statement_context(settings, env.conf.site_name))

    # Overview fragments for the handbook's section pages: each macro renders fragments/<name>.md.j2.
    for name in HANDBOOK_OVERVIEWS:
        env.macro(lambda name=name: fragment(name), name)


HANDBOOK_OVERVIEWS = (
    "seminar_overview", "module_overview", "session_overview", "principle_overview", "process_overview",
    "comparison_tables", "support_overview", "theme_overview", "glossary", "bibliography",
)


def organisation_settings(conf):
    from mkdocs.exceptions import PluginError

    try:
        return read_settings(conf.extra, Path(conf.config_file_path).name)
    except SettingsError as error:
        raise PluginError(f"The site settings have errors; nothing was built.\n{error}") from None
