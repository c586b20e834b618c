"""The `abbr` extension's glossary pass: its pattern compiled once per glossary, shaped as a trie, and the
first use of each term on a page made reachable with the keyboard.

Python-Markdown's AbbrTreeprocessor joins every abbreviation into one alternation and compiles it for
every page. With a glossary of thousands of forms that costs milliseconds per page twice over: building
the pattern, and matching it, as the regex engine tries each alternative at each position. A trie of the
same forms matches the same text (the longest form that ends at a word boundary) in a fraction of the time.

Material's `content.tooltips` shows an explanation on hover and focus. An explanation is useful once per
page: the first use of each term outside headings and link texts gets `tabindex="0"`, later uses and any
inside a heading or a link are left as plain text (a tooltip there would fight the permalink or the link,
and a focusable element inside a link is a second tab stop for one target). The step runs inside the
Markdown conversion, so both engines do it and Zensical's page cache keeps its result.
"""

from __future__ import annotations

import re
from typing import cast
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor


def trie_pattern(forms) -> str:
    """One regex alternation of `forms`, sharing prefixes, that prefers the longest form."""
    trie: dict = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return _alternatives(trie)


def _alternatives(node: dict) -> str:
    branches = [re.escape(char) + _alternatives(child) for char, child in node.items() if char]
    if not branches:
        return ""
    group = "(?:" + "|".join(branches) + ")"
    # Greedy: a longer form is tried first, the form ending here only if the longer ones fail.
    return group + "?" if "" in node else group


class _Patterns:
    """The last compiled pattern and the forms it is for, shared by the Markdown instance of every page."""

    def __init__(self):
        self.forms: frozenset = frozenset()
        self.compiled: re.Pattern | None = None

    def for_forms(self, forms: frozenset) -> re.Pattern:
        # The glossary is the same on every page unless a page defines its own *[ABBR]: entries.
        if self.compiled is None or forms != self.forms:
            self.compiled = re.compile(rf"\b(?:{trie_pattern(forms)})\b")
            self.forms = forms
        return self.compiled


# The last pattern, shared by every page's Markdown instance and extension object (MkDocs reuses the
# extension object, Zensical makes one per page): a memo of a pure function.
_LAST = _Patterns()


class _GlossaryTreeprocessor(AbbrTreeprocessor):
    def run(self, root):
        if not self.abbrs:
            return
        self.RE = _LAST.for_forms(frozenset(self.abbrs))
        self.iter_element(root)
        keep_first_uses(root)


# Inside these an explanation is dropped: headings and link texts.
_NO_EXPLANATION = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6"})


def keep_first_uses(root: Element) -> None:
    """The first `<abbr>` of each explanation, outside headings and links, focusable; the others unwrapped."""
    seen: set[str] = set()

    def visit(parent: Element, enclosed: bool) -> None:
        previous: Element | None = None
        for child in list(parent):
            if child.tag != "abbr":
                visit(child, enclosed or child.tag in _NO_EXPLANATION)
                previous = child
                continue
            title = child.get("title", "")
            if not enclosed and title not in seen:
                seen.add(title)
                child.attrib = {"tabindex": "0", **child.attrib}
                previous = child
                continue
            # Unwrapped: its text and what follows it join the text before it.
            text = (child.text or "") + (child.tail or "")
            if previous is None:
                parent.text = (parent.text or "") + text
            else:
                previous.tail = (previous.tail or "") + text
            parent.remove(child)

    visit(root, False)


class GlossaryPatternExtension(Extension):
    """Put after `abbr` in the extension list; replaces its tree pass and keeps its glossary.

    MkDocs makes a Markdown instance per page but reuses this extension object; Zensical makes both per
    page. Either way the pattern is compiled once per glossary.
    """

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        if "abbr" not in md.treeprocessors:
            return
        current = cast(AbbrTreeprocessor, md.treeprocessors["abbr"])  # the abbr extension's, checked above
        md.treeprocessors.register(_GlossaryTreeprocessor(md, current.abbrs), "abbr", 7)


def makeExtension(**kwargs) -> GlossaryPatternExtension:  # noqa: N802 (Python-Markdown's name)
    """Python-Markdown's entry point, for an extension list that names this module (Zensical's)."""
    return GlossaryPatternExtension(**kwargs)
