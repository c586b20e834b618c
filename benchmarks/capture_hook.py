"""MkDocs hook for the benchmark: write every page's final Markdown (after macros) into a plain docs folder.

Loaded only into the untimed capture build; the folder it fills is the baseline's docs_dir, so the
baseline builds exactly the Markdown our generator produced, without our plugin or macros. What our
plugin adds outside the Markdown goes along as plain configuration: each page's meta as front matter,
and the glossary as the `abbr` extension's own `glossary` option.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

TARGET = Path(os.environ.get("VERME_CAPTURE_DIR", "captured"))
GLOSSARY = TARGET.parent / "abbr-glossary.json"
_markdown: dict[str, str] = {}


def _write(src_uri: str, content: bytes) -> None:
    path = TARGET / src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


@event_priority(-100)
def on_config(config):
    glossary = config.mdx_configs.get("abbr", {}).get("glossary")
    if glossary:
        GLOSSARY.write_text(json.dumps(glossary, ensure_ascii=False), encoding="utf-8")
    return config


# Last of all, so the files our plugin generated are all in the list.
@event_priority(-100)
def on_files(files, config):
    for file in files:
        if file.generated_by and not file.is_documentation_page():
            _write(file.src_uri, file.content_bytes)
    return files


# After macros has rendered the page: this is the Markdown a user would have written by hand.
@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    _markdown[page.file.src_uri] = markdown
    return markdown


# After every plugin has filled the page's meta (front matter of hand-written pages).
@event_priority(-100)
def on_page_content(html, page, config, files):
    if page.file.src_uri == _print_page_uri(config):
        # The whole handbook on one page is our plugin's work, with no Markdown of its own: the baseline
        # goes without it, and our build's time includes it.
        _markdown.pop(page.file.src_uri, None)
        return html
    meta = {key: value for key, value in page.meta.items() if key != "render_macros"}
    front = f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n" if meta else ""
    _write(page.file.src_uri, (front + _markdown.pop(page.file.src_uri)).encode("utf-8"))
    return html


def _print_page_uri(config) -> str | None:
    plan = getattr(config.plugins.get("verme"), "plan", None)
    printed = plan.print_page if plan is not None else None
    return printed.uri if printed is not None else None
