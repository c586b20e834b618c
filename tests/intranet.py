"""Browser-test parts for the intranet suites: the pages of a built site, axe, palettes and request logs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.base import AXE_SCRIPT

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


def axe_context(browser, **options):
    """A browser context that has axe-core (bundled by axe-playwright-python) in every page it opens."""
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900}, **options)
    context.add_init_script(script=AXE_SCRIPT)
    return context


def axe_violations(page) -> list[str]:
    """One line per violated rule: rule id, impact, how many elements, the first element and why."""
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    lines = []
    for violation in result["violations"]:
        node = violation["nodes"][0]
        why = "; ".join(check["message"] for check in node["any"] + node["all"] + node["none"])
        lines.append(f"{violation['id']} ({violation['impact']}) ×{len(violation['nodes'])}: {node['target']} {why}")
    return lines


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
    """Every request a page makes, to check that none leaves the allowed origin."""

    def __init__(self, page, allowed: str):
        self.allowed = allowed
        self.urls: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))

    def outside(self) -> list[str]:
        return sorted({url for url in self.urls if not self._allowed(url)})

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            return True
        if self.allowed == "file":
            return parts.scheme == "file"
        return f"{parts.scheme}://{parts.netloc}" == self.allowed
