"""MkDocs edge: validate the curriculum first, then add a generated page per record and the planner index."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .cache import cached_site
from .errors import CurriculumError
from .planner_index import build_index, dumps
from .site import Site
from .views import render_record, render_tag_page, tag_pages

PLANNER_INDEX_URI = "assets/planner/index.json"


class VermeConfig(Config):
    # Folder of the YAML curriculum, relative to mkdocs.yml.
    curriculum = config_options.Type(str, default="curriculum")


def curriculum_root(config) -> Path:
    plugin = config.plugins.get("verme")
    folder = plugin.config.curriculum if plugin else "curriculum"
    return Path(config.config_file_path).parent / folder


def current_site(config) -> Site:
    try:
        return cached_site(curriculum_root(config))
    except CurriculumError as error:
        raise PluginError("The curriculum has errors; nothing was built.\n" + error.report()) from None


class VermePlugin(BasePlugin[VermeConfig]):
    def on_config(self, config):
        # Validate everything before generating anything: a content error stops the build here.
        current_site(config)
        return config

    def on_files(self, files: Files, config) -> Files:
        site = current_site(config)
        for uri, kind, record_id in site.pages():
            files.append(File.generated(config, uri, content=render_record(site, kind, record_id)))
        for uri, axis, value in tag_pages(site):
            files.append(File.generated(config, uri, content=render_tag_page(site, axis, value)))
        urls = {file.src_uri: file.url for file in files}
        index = build_index(site, lambda uri: urls[uri])
        files.append(File.generated(config, PLANNER_INDEX_URI, content=dumps(index)))
        return files
