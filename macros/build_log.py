"""What a build prints: warnings, errors and MkDocs' own progress, not a plugin's chatter.

mkdocs-macros logs its set-up (modules found, every macro and variable name) at INFO on every build,
with no setting to turn it off; its warnings and errors still come through.
"""

from __future__ import annotations

import logging

CHATTY_LOGGERS = ("mkdocs.plugins.mkdocs_macros",)


def quiet_plugin_chatter() -> None:
    for name in CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
