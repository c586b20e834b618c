"""MkDocs edge: the build plan (macros/build.py) handed to MkDocs as generated files, then the passes over
the written site (macros/postbuild.py). No page logic lives here."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from . import postbuild
from .build import BuildPlan, PlanError, plan, settings_from_config
from .build_log import quiet_plugin_chatter
from .cache import COMPILED_TEMPLATES, cached_site, end_build, start_build
from .glossary_pattern import GlossaryPatternExtension


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


def _with_compiled_templates(get_env):
    # Each build makes new theme environments (pages, search's translations) and would compile
    # Material's templates again: a fifth of every `mkdocs serve` rebuild. Share the compiled code.
    def get_env_sharing_compiled_templates():
        env = get_env()
        env.bytecode_cache = COMPILED_TEMPLATES
        return env

    return get_env_sharing_compiled_templates


class VermePlugin(BasePlugin[VermeConfig]):
    def __init__(self):
        self.plan: BuildPlan | None = None
        self.search: postbuild.SearchIndexJob | None = None

    # First, so that the search plugin's on_config already gets the theme environment that shares code.
    @event_priority(100)
    def on_config(self, config):
        quiet_plugin_chatter()
        # Validate everything before generating anything: a content or settings error stops the build here.
        settings = settings_from_config(config, config.config_file_path, dict(self.config))
        try:
            start_build()
            self.plan = plan(curriculum_root(config), settings, load=cached_site)
        except PlanError as error:
            raise PluginError(str(error)) from None
        if self.search is not None:  # a rebuild under `mkdocs serve` whose last build stopped half-way
            self.search.cancel()
        self.search = postbuild.SearchIndexJob.start(self.plan)
        # The plan keeps compiled templates in its cache folder; the theme's environments use them too.
        config.theme.get_env = _with_compiled_templates(config.theme.get_env)
        if "abbr" in config.markdown_extensions:
            config.mdx_configs.setdefault("abbr", {})["glossary"] = self.plan.glossary
            # After abbr: the same glossary pass with its pattern compiled once per build, not per page.
            config.markdown_extensions.append(GlossaryPatternExtension())
        return config

    def on_files(self, files: Files, config) -> Files:
        assert self.plan is not None  # noqa: S101 (narrowing: on_config made it)
        # Material's offline plugin turns directory URLs off in its on_config, after ours.
        self.plan = self.plan.with_directory_urls(config.use_directory_urls)
        for uri, content in {**self.plan.pages, **self.plan.files}.items():
            files.append(File.generated(config, uri, content=content))
        return files

    def on_post_build(self, config):
        assert self.plan is not None  # noqa: S101 (narrowing: on_config made it)
        try:
            postbuild.run(config.site_dir, self.plan, self.search)
        finally:
            self.search = None
            end_build()

    def on_build_error(self, error):
        if self.search is not None:
            self.search.cancel()
            self.search = None
        end_build()
