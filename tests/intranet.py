"""Browser-test parts for the intranet suites: the pages of a built site, axe, palettes and request logs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from axe_playwright_python.base import AXE_SCRIPT

from .browser import _SubPathHandler, serve
from .conftest import ROOT

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PLANNER = "suunnittelija/"
# Requests a browser makes without a host: inline data, object URLs and the blank page.
LOCAL_SCHEMES = {"data", "blob", "about"}


def page_paths(site: Path) -> list[str]:
    """Every page of a built site as a URL path relative to its root ('index.html' → '')."""
    paths = []
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        paths.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return paths


def one_page_per_template(paths: list[str]) -> list[str]:
    """The first page of each folder and depth: the home page, every overview, one record page of each
    kind and one tag page. Where a page sits decides its links; its record decides only its text."""
    chosen: dict[tuple[str, int], str] = {}
    for path in paths:
        parts = path.rstrip("/").split("/")
        chosen.setdefault((parts[0], len(parts)), path)
    return list(chosen.values())


def axe_context(browser, **options):
    """A browser context that has axe-core (bundled by axe-playwright-python) in every page it opens.

    The reader prefers reduced motion, as many do: Material then drops its colour transitions, so axe
    measures the final colours at once instead of waiting for each page's fade to end."""
    context = browser.new_context(
        locale="fi-FI", viewport={"width": 1280, "height": 900}, reduced_motion="reduce", **options
    )
    context.add_init_script(script=AXE_SCRIPT)
    return context


# Waits for running CSS transitions (search results and the back-to-top button fade in: axe would measure
# a half-transparent colour), then runs axe with the WCAG 2.0/2.1 A and AA rules and keeps one line per rule.
# The wait is on the transitions themselves, however slow the machine; one still running after 60 s (a
# paused one never ends) fails the test by name instead of hanging it, never lets axe measure it half-done.
_START_AXE = """tags => {
  const running = document.getAnimations().filter((animation) => animation.effect?.getTiming().iterations !== Infinity);
  const settled = Promise.all(running.map((animation) => animation.finished.catch(() => null)));
  const stuck = () => running.filter((animation) => animation.playState !== "finished" && animation.playState !== "idle")
    .map((animation) => `${animation.animationName || animation.transitionProperty} on ${animation.effect?.target?.className}`);
  let timer;
  const guard = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`still animating after 60 s: ${stuck()}`)), 60000);
  });
  // Start in a new task: microtasks would run before evaluate() returns, and the caller would wait for axe.
  window.__axe = new Promise((resolve) => setTimeout(resolve, 0))
    .then(() => Promise.race([settled, guard]))
    .finally(() => clearTimeout(timer))
    .then(() => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}))
    .then((result) => result.violations.map((violation) => {
      const node = violation.nodes[0];
      const why = [...node.any, ...node.all, ...node.none].map((check) => check.message).join("; ");
      return `${violation.id} (${violation.impact}) ×${violation.nodes.length}: ${node.target} ${why}`;
    }));
}"""


def start_axe(page) -> None:
    """Start axe in the page without waiting, so another page can load or run axe meanwhile."""
    page.evaluate(_START_AXE, WCAG_TAGS)


def axe_result(page) -> list[str]:
    """The violations found by start_axe: one line per rule with its impact, count, first element and why."""
    # evaluate() waits for the promise start_axe left in the page (no polling, which background pages throttle).
    return page.evaluate("window.__axe")


def axe_violations(page) -> list[str]:
    start_axe(page)
    return axe_result(page)


def switch_to_dark(page) -> None:
    """Pick the dark palette with Material's own toggle, which stores the choice for every later page."""
    page.get_by_title("Vaihda tummaan teemaan").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")


def active_scheme(page) -> tuple[str, float]:
    """The body's colour scheme and the luminance (0–1) of its computed background colour."""
    return page.evaluate(
        """() => {
          const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
          return [document.body.dataset.mdColorScheme, (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255];
        }"""
    )


class RequestLog:
    """Every request of a page or a whole context (workers included), to check none leaves the allowed origin."""

    def __init__(self, source, allowed: str):
        self.allowed = allowed
        self.urls: list[str] = []
        self.failed: list[str] = []
        source.on("request", lambda request: self.urls.append(request.url))
        source.on("response", self._response)

    def _response(self, response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def outside(self) -> list[str]:
        return sorted({url for url in self.urls if not self._allowed(url)})

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            return True
        if self.allowed == "file":
            return parts.scheme == "file"
        return f"{parts.scheme}://{parts.netloc}" == self.allowed


# ---------------------------------------------------------------- the deployment guide's web server


GUIDE = ROOT / "docs" / "yllapito" / "julkaiseminen.md"


def guide_block(language: str) -> str:
    """The first ```language code block of the deployment guide."""
    text = GUIDE.read_text(encoding="utf-8")
    return re.search(rf"```{language}\n(.*?)```", text, re.S).group(1)


def nginx_headers() -> dict[str, str]:
    return dict(re.findall(r'add_header\s+([\w-]+)\s+"([^"]*)"\s+always;', guide_block("nginx")))


def apache_headers() -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in re.findall(r'Header always set ([\w-]+) "([^"]*)"', guide_block("apache")):
        headers.setdefault(
            name, value
        )  # the first Cache-Control is the default; the FilesMatch one is for hashed files
    return headers


class _DeployedHandler(_SubPathHandler):
    """Like the guide's servers: its headers on every response, and the site's own 404 page."""

    headers_to_send: ClassVar[dict[str, str]] = {}

    def end_headers(self):
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve_deployed(directory: Path, prefix: str, headers: dict[str, str]):
    """Serve a built site at http://127.0.0.1:PORT{prefix} the way the deployment guide's servers do."""
    return serve(directory, prefix, _DeployedHandler, headers_to_send=headers)


# Collects what a Content-Security-Policy blocks, from before the page's own scripts run.
CSP_RECORDER = """
window.__blocked = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__blocked.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""
