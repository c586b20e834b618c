"""Macros for hand-written pages: each renders an overview fragment from the one loaded Site."""

from __future__ import annotations

from pathlib import Path

from .branding import SettingsError, read_settings, statement_context
from .cache import cached_site
from .kinds import KINDS
from .views import render_fragment


def register(env) -> None:
    root = curriculum_root(env.conf)

    def site():
        return cached_site(root)

    def fragment(name: str, **context) -> str:
        return render_fragment(site(), name, page_uri(env.page), **context)

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
        return fragment("accessibility_statement", **statement_context(settings, env.conf["site_name"]))

    # Each kind's overview for its section page (macros/kinds.py): the macro renders fragments/<name>.md.j2.
    for kind in KINDS:
        if kind.overview:
            env.macro(lambda name=kind.overview: fragment(name), kind.overview)


def curriculum_root(conf) -> Path:
    """The curriculum folder from either engine's settings: MkDocs' config, or the plain dict Zensical passes
    (macros/zensical_edge.py writes the folder into it, as `verme.curriculum`)."""
    if isinstance(conf, dict):
        options = conf.get("verme") or {}
        return Path(conf.get("root_dir") or ".") / options.get("curriculum", "curriculum")
    from .plugin import curriculum_root as mkdocs_curriculum_root

    return mkdocs_curriculum_root(conf)


def page_uri(page) -> str:
    """The calling page's source path, relative to the docs folder: MkDocs' page.file, Zensical's page.path."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path


def organisation_settings(conf):
    """Settings from mkdocs.yml `extra:`; `conf` is MkDocs' config or the plain dict Zensical passes."""
    try:
        return read_settings(conf["extra"], Path(conf.get("config_file_path") or "mkdocs.yml").name)
    except SettingsError as error:
        message = f"The site settings have errors; nothing was built.\n{error}"
        if isinstance(conf, dict):
            raise SystemExit(message) from None
        from mkdocs.exceptions import PluginError

        raise PluginError(message) from None
