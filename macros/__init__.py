"""Verme-käsikirja's curriculum engine. `define_env` is the mkdocs-macros entry point: registration only."""

from __future__ import annotations


def define_env(env) -> None:
    from .macros_env import register

    register(env)
