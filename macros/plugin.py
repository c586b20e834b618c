"""MkDocs edge: validate the curriculum first, then add a generated page per record, the planner index and
the whole handbook on one page."""

from __future__ import annotations

from html import escape
from pathlib import Path

import yaml

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .cache import COMPILED_TEMPLATES, begin_build, cached_site, end_build
from .errors import CurriculumError
from .glossary import abbreviations, keyboard_reachable
from .glossary_pattern import GlossaryPatternExtension
from .planner_index import build_index, planner_files
from .print_view import combine, contents_html, print_items, record_groups
from .search_index import write_search_index
from .site import Site
from . import views
from .views import render_record, render_tag_page, search_keywords, tag_pages


class VermeConfig(Config):
    # Folder of the YAML curriculum, relative to mkdocs.yml.
    curriculum = config_options.Type(str, default="curriculum")
    # Compiled theme templates kept between builds, relative to mkdocs.yml ('' keeps them in memory only).
    # The folder name follows Material's own plugins (.cache/plugin/<name>).
    cache_dir = config_options.Type(str, default=".cache/plugin/verme")
    # The whole handbook on one page, for a single PDF: its address ('' leaves it out), its title, and
    # the pages it leaves out (source paths starting with these).
    print_page = config_options.Type(str, default="koko-kasikirja")
    print_title = config_options.Type(str, default="Koko käsikirja")
    print_exclude = config_options.ListOfItems(config_options.Type(str), default=[])


def curriculum_root(config) -> Path:
    plugin = config.plugins.get("verme")
    folder = plugin.config.curriculum if plugin else "curriculum"
    return Path(config.config_file_path).parent / folder


def current_site(config, starting: bool = False) -> Site:
    load = begin_build if starting else cached_site
    try:
        return load(curriculum_root(config))
    except CurriculumError as error:
        raise PluginError("The curriculum has errors; nothing was built.\n" + error.report()) from None


def _pages_after(site: Site, files: Files) -> dict[str, list]:
    return {uri: [files.get_file_from_path(u).page for u in uris] for uri, uris in record_groups(site).items()}


def _with_compiled_templates(get_env):
    # Each build makes new theme environments (pages, print page, search's translations) and would
    # compile Material's templates again: a fifth of every `mkdocs serve` rebuild. Share the compiled code.
    def get_env_sharing_compiled_templates():
        env = get_env()
        env.bytecode_cache = COMPILED_TEMPLATES
        return env

    return get_env_sharing_compiled_templates


def _print_page_source(title: str) -> str:
    # The content comes in on_env; the search index leaves the page out (each page is indexed on its own).
    meta = {"title": title, "render_macros": False, "hide": ["navigation", "toc"], "search": {"exclude": True}}
    return f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n"


class VermePlugin(BasePlugin[VermeConfig]):
    # First, so that the search plugin's on_config already gets the theme environment that shares code.
    @event_priority(100)
    def on_config(self, config):
        # Validate everything before generating anything: a content error stops the build here.
        site = current_site(config, starting=True)
        folder = self.config.cache_dir
        COMPILED_TEMPLATES.use_folder(Path(config.config_file_path).parent / folder / "templates" if folder else None)
        config.theme.get_env = _with_compiled_templates(config.theme.get_env)
        # Our own record templates too: compiled once, then loaded from the same folder by later builds.
        views.ENV.bytecode_cache = COMPILED_TEMPLATES
        if "abbr" in config.markdown_extensions:
            config.mdx_configs.setdefault("abbr", {})["glossary"] = abbreviations(site.catalogue)
            # After abbr: the same glossary pass with its pattern compiled once per build, not per page.
            config.markdown_extensions.append(GlossaryPatternExtension())
        return config

    def on_files(self, files: Files, config) -> Files:
        site = current_site(config)
        self._keywords = search_keywords(site)
        for uri, kind, record_id in site.pages():
            files.append(File.generated(config, uri, content=render_record(site, kind, record_id)))
        for uri, axis, value in tag_pages(site):
            files.append(File.generated(config, uri, content=render_tag_page(site, axis, value)))
        urls = {file.src_uri: file.url for file in files}
        index = build_index(site, lambda uri: urls[uri])
        # The index, and the planner's offline script for pages opened from file://.
        for uri, content in planner_files(index, config.docs_dir):
            files.append(File.generated(config, uri, content=content))
        self.print_file = None
        if self.config.print_page:
            self.print_file = File.generated(config, f"{self.config.print_page}.md", content=_print_page_source(self.config.print_title))
            files.append(self.print_file)
        return files

    def on_nav(self, nav, config, files: Files):
        self._nav_items = nav.items
        return nav

    def on_env(self, env, config, files: Files):
        # Every page's HTML is ready by now, and no page has been written yet.
        if self.print_file is not None:
            self.print_file.page.content = self._whole_handbook(config, files)
        return env

    def _whole_handbook(self, config, files: Files) -> str:
        pages = [file.page for file in files.documentation_pages()]
        items = print_items(self._nav_items, _pages_after(current_site(config), files), pages)
        page = self.print_file.page
        body, contents = combine(items, page.url, (*self.config.print_exclude, self.print_file.src_uri))
        title = escape(self.config.print_title)
        return (
            f'<div id="verme-print"><h1 id="verme-print-title">{title}</h1>'
            '<p class="verme-no-print">Koko käsikirja yhdellä sivulla: tulosta se tai tallenna PDF-tiedostoksi '
            'selaimen tulostustoiminnolla (Ctrl + P).</p>'
            f"{contents_html(contents, 'Sisällys')}{body}</div>"
        )

    def on_page_content(self, html: str, page, config, files: Files) -> str:
        # A record's keywords go to the search index's `tags` field, which Material boosts far above
        # body text, so "janalla" finds the page whose author listed it before pages that merely say it.
        keywords = self._keywords.get(page.file.src_uri)
        if keywords:
            page.meta["tags"] = keywords
        return keyboard_reachable(html)

    def on_post_build(self, config):
        write_search_index(config.site_dir, Path(config.config_file_path).parent / self.config.cache_dir if self.config.cache_dir else None)
        end_build()

    def on_build_error(self, error):
        end_build()
