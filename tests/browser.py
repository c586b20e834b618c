"""Browser-test parts: a local HTTP server for a built site (optionally under a sub-path) and Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach Google's hosts at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]
# Not the machine's: only the fonts tests/fonts/fonts.conf names (what scripts/setup.sh installs), so text
# lays out and prints the same everywhere, and the readers' time zone for dates and clock times.
FONTS_CONF = Path(__file__).resolve().parent / "fonts" / "fonts.conf"
CHROMIUM_ENV = {"FONTCONFIG_FILE": str(FONTS_CONF), "TZ": "Europe/Helsinki"}
# Headless Chromium takes its language from neither --lang nor LANG (always en-US): every context and
# page gets the readers' locale unless a test asks for another.
READERS = {"locale": "fi-FI"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


class _SubPathHandler(_Quiet):
    prefix = "/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + path[len(self.prefix) :])


@contextmanager
def serve(directory: Path, prefix: str = "/", base: type = _SubPathHandler, **attributes):
    """Serve `directory` at http://127.0.0.1:PORT{prefix}; yields the base URL ending in '/'."""
    handler = type("Handler", (base,), {"prefix": prefix, **attributes})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, env={**os.environ, **CHROMIUM_ENV}
    )
    for name in ("new_context", "new_page"):
        setattr(browser, name, functools.partial(_as_readers, getattr(browser, name)))
    return browser


def _as_readers(open_, **options):
    return open_(**{**READERS, **options})
