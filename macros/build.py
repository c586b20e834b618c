"""The engine-free build plan: everything the curriculum adds to a build, computed once, as plain data.

`plan(root, settings)` validates the site settings and the curriculum, then renders every generated page
(record pages, tag pages, the whole-handbook page's source), the planner's files and the glossary table;
the search index is written from the finished pages (macros/postbuild.py). Each engine's edge hands the plan over in its own way (macros/plugin.py for
MkDocs, macros/zensical_edge.py for Zensical); macros/postbuild.py finishes the written site for both.
Nothing here imports an engine, and nothing is kept between builds.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import plan_cache, views
from .branding import IntranetSettings, SettingsError, read_settings
from .cache import COMPILED_TEMPLATES
from .errors import CurriculumError
from .finnish import AnalyserMissing, require_analyser
from .glossary import abbreviations
from .planner_index import build_index, planner_files
from .print_view import record_groups, title_html
from .site import Site, build_site
from .views import render_record, render_tag_page, tag_pages

CONFIG_NAME = "mkdocs.yml"


@dataclass(frozen=True)
class Settings:
    """What the plan needs of mkdocs.yml, as plain data (both engines' settings reduce to this)."""

    site_name: str
    docs_dir: Path
    extra: dict[str, Any] = field(default_factory=dict)
    nav: list = field(default_factory=list)
    use_directory_urls: bool = True
    config_name: str = CONFIG_NAME
    # The whole handbook on one page: its address ('' leaves it out), its title, the pages it leaves out.
    print_page: str = "koko-kasikirja"
    print_title: str = "Koko käsikirja"
    print_exclude: tuple[str, ...] = ()
    # Analyses and compiled templates kept between builds (None: nothing kept).
    cache_dir: Path | None = None


@dataclass(frozen=True)
class PrintPlan:
    """The whole-handbook page: assembled by macros/postbuild.py from the written pages."""

    uri: str
    title: str
    excluded: tuple[str, ...]
    # Overview page → the record pages printed after it, in reading order.
    groups: dict[str, list[str]]


@dataclass
class BuildPlan:
    settings: Settings
    organisation: IntranetSettings
    # Generated Markdown pages and other files, by source URI (relative to the docs folder).
    pages: dict[str, str]
    files: dict[str, str]
    # Every written form of every term → its explanation, for the `abbr` extension's glossary.
    glossary: dict[str, str]
    # Every page of the site, hand-written and generated, as source URIs in a stable order.
    documents: list[str]
    # The curriculum's folder (the search index analyses its words ahead: macros/postbuild.py).
    curriculum: Path
    # The loaded curriculum, when something asks for it: a plan made from kept data (macros/plan_cache.py)
    # has not loaded it.
    load_site: Callable[[], Site] = field(repr=False, compare=False)
    print_page: PrintPlan | None = None

    @property
    def site(self) -> Site:
        return self.load_site()

    def url_of(self, uri: str) -> str:
        return page_url(uri, self.settings.use_directory_urls)

    def with_directory_urls(self, directory_urls: bool) -> BuildPlan:
        """The plan for a site written with (or without) directory URLs: the planner's files name the pages'
        addresses. Material's offline plugin turns them off after the plan is made, in MkDocs' on_config."""
        if directory_urls == self.settings.use_directory_urls:
            return self
        settings = dataclasses.replace(self.settings, use_directory_urls=directory_urls)
        return dataclasses.replace(self, settings=settings, files=_planner_files(_index(self.site, settings), settings))


class PlanError(Exception):
    """The settings or the curriculum have errors: the report says every one; nothing is built."""


def plan(root: Path | str, settings: Settings, load: Callable[[Path], Site] = build_site) -> BuildPlan:
    """The build plan for the curriculum under `root`; `load` may hand back a curriculum already loaded.

    What the curriculum contributes is taken from the cache folder when nothing it depends on has changed
    (macros/plan_cache.py); then the curriculum, checked when that was computed, is loaded only if asked for.
    """
    root = Path(root)
    current = plan_cache.key(root, settings.use_directory_urls) if settings.cache_dir else ""
    kept = plan_cache.read(settings.cache_dir, current)

    @functools.cache
    def load_site() -> Site:
        try:
            return load(root)
        except CurriculumError as error:
            raise PlanError("The curriculum has errors; nothing was built.\n" + error.report()) from None

    if kept is None:
        load_site()
    try:
        # The search index is written after the build: a missing analyser stops the build before it starts.
        require_analyser()
    except AnalyserMissing as error:
        raise PlanError(f"The search index needs Voikko; nothing was built.\n{error}") from None
    try:
        organisation = read_settings(settings.extra, settings.config_name)
    except SettingsError as error:
        raise PlanError(f"The site settings have errors; nothing was built.\n{error}") from None
    _keep_compiled_templates(settings.cache_dir)
    if kept is None:
        site = load_site()
        kept = plan_cache.Kept(
            pages=_generated_pages(site),
            glossary=abbreviations(site.catalogue),
            groups=record_groups(site),
            index=_index(site, settings),
        )
        plan_cache.write(settings.cache_dir, current, kept)
    pages = dict(kept.pages)
    print_page = _print_plan(kept.groups, settings)
    if print_page is not None:
        pages[print_page.uri] = print_page_source(print_page.title)

    return BuildPlan(
        settings=settings,
        organisation=organisation,
        pages=pages,
        files=_planner_files(kept.index, settings),
        glossary=kept.glossary,
        documents=_documents(settings.docs_dir, pages),
        curriculum=root,
        load_site=load_site,
        print_page=print_page,
    )


def _keep_compiled_templates(cache_dir: Path | None) -> None:
    """Our record templates (and, under MkDocs, the theme's) compiled once, then loaded by later builds."""
    COMPILED_TEMPLATES.use_folder(cache_dir / "templates" if cache_dir else None)
    views.ENV.bytecode_cache = COMPILED_TEMPLATES


def _index(site: Site, settings: Settings) -> dict:
    return build_index(site, lambda uri: page_url(uri, settings.use_directory_urls))


def _planner_files(index: dict, settings: Settings) -> dict[str, str]:
    return dict(planner_files(index, settings.docs_dir))


def _generated_pages(site: Site) -> dict[str, str]:
    pages = {uri: render_record(site, kind, record_id) for uri, kind, record_id in site.pages()}
    pages.update((uri, render_tag_page(site, axis, value)) for uri, axis, value in tag_pages(site))
    return pages


def _print_plan(groups: dict[str, list[str]], settings: Settings) -> PrintPlan | None:
    if not settings.print_page:
        return None
    uri = f"{settings.print_page}.md"
    return PrintPlan(uri, settings.print_title, (*settings.print_exclude, uri), groups)


def print_page_source(title: str) -> str:
    """The whole-handbook page before macros/postbuild.py fills it in: its heading, so the theme adds none.

    The search index leaves it out (each page is indexed on its own); macros never run on it.
    """
    meta = {"title": title, "render_macros": False, "hide": ["navigation", "toc"], "search": {"exclude": True}}
    return f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n" + print_placeholder(title) + "\n"


def print_placeholder(title: str) -> str:
    return f'<div id="verme-print"><h1 id="verme-print-title">{title_html(title)}</h1></div>'


def _documents(docs_dir: Path, generated: dict[str, str]) -> list[str]:
    found = set(generated)
    docs_dir = Path(docs_dir)
    for folder, folders, files in os.walk(docs_dir):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        base = Path(folder).relative_to(docs_dir).as_posix()
        for name in files:
            if name.endswith(".md") and not name.startswith("."):
                found.add(name if base == "." else f"{base}/{name}")
    return sorted(found, key=_document_order)


def _document_order(uri: str) -> tuple:
    # As MkDocs sorts its files: folder by folder, each folder's index first.
    folder, name = posixpath.split(uri)
    return (folder.split("/") if folder else [], name not in ("index.md", "README.md"), name)


def page_url(uri: str, directory_urls: bool = True) -> str:
    """A page's address relative to the site root, as both engines write it: 'menetelmat/aikajana.md' →
    'menetelmat/aikajana/' ('menetelmat/aikajana.html' without directory URLs); 'index.md' → ''."""
    stem = uri[: -len(".md")] if uri.endswith(".md") else uri
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        return f"{folder}/" if folder else ("" if directory_urls else "index.html")
    if not directory_urls:
        return f"{stem}.html"
    return f"{stem}/"


def page_file(site_dir: Path | str, url: str) -> Path:
    """The written HTML file of a page address."""
    path = Path(site_dir, *[part for part in url.split("/") if part])
    return path / "index.html" if url == "" or url.endswith("/") else path


# ---------------------------------------------------------------- settings from mkdocs.yml


def settings_from_config(
    config: dict[str, Any], config_file: Path | str, verme: dict[str, Any] | None = None
) -> Settings:
    """Settings from mkdocs.yml as a mapping (read as YAML, or MkDocs' validated config, which is one too).

    `verme` holds the verme plugin's options; by default they are read from `config["plugins"]`.
    """
    config_file = Path(config_file)
    options = verme if verme is not None else _plugin_options(config.get("plugins"), "verme")
    docs_dir = Path(config.get("docs_dir") or "docs")
    if not docs_dir.is_absolute():
        docs_dir = config_file.parent / docs_dir
    return Settings(
        site_name=str(config.get("site_name") or ""),
        docs_dir=docs_dir,
        extra=dict(config.get("extra") or {}),
        nav=list(config.get("nav") or []),
        use_directory_urls=bool(config.get("use_directory_urls", True))
        and not (verme is None and _offline(config.get("plugins"))),
        config_name=config_file.name,
        print_page=options.get("print_page", "koko-kasikirja"),
        print_title=options.get("print_title", "Koko käsikirja"),
        print_exclude=tuple(options.get("print_exclude") or ()),
        cache_dir=_cache_dir(options.get("cache_dir", ".cache/plugin/verme"), config_file),
    )


def _cache_dir(folder: str, config_file: Path) -> Path | None:
    return config_file.parent / folder if folder else None


def curriculum_folder(config: dict[str, Any], config_file: Path | str) -> Path:
    options = _plugin_options(config.get("plugins"), "verme")
    return Path(config_file).parent / options.get("curriculum", "curriculum")


def _listed_options(plugins: Any, name: str) -> dict[str, Any] | None:
    """A plugin's options from mkdocs.yml's `plugins:` (a list or a mapping); None when it is not listed."""
    if isinstance(plugins, dict):
        return dict(plugins[name] or {}) if name in plugins else None
    for entry in plugins or ():
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return dict(entry[name] or {})
    return None


def _plugin_options(plugins: Any, name: str) -> dict[str, Any]:
    return _listed_options(plugins, name) or {}


def _offline(plugins: Any) -> bool:
    # Material's offline plugin (and Zensical's) writes pages as a/b.html; in mkdocs.yml read as plain
    # data, only the plugin being on says so.
    options = _listed_options(plugins, "offline")
    return options is not None and bool(options.get("enabled", True))


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML plus MkDocs' `!ENV [NAME, default]` tag, which mkdocs.yml uses."""


def _environment_value(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)  # type: ignore[arg-type]  # it refuses a mapping with a ConstructorError
    default = names.pop() if isinstance(node, yaml.SequenceNode) and len(names) > 1 else None
    for name in names:
        if name in os.environ:
            value = os.environ[name]
            return yaml.safe_load(value) if value else value
    return default


_ConfigLoader.add_constructor("!ENV", _environment_value)


def read_config(config_file: Path | str) -> dict[str, Any]:
    """mkdocs.yml as plain data."""
    with open(config_file, encoding="utf-8") as stream:
        return yaml.load(stream, Loader=_ConfigLoader) or {}  # noqa: S506 - a SafeLoader with one more tag
