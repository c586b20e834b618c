"""The `abbr` extension's glossary pass, with its pattern compiled once per glossary and shaped as a trie.

Python-Markdown's AbbrTreeprocessor joins every abbreviation into one alternation and compiles it for
every page. With a glossary of thousands of forms that costs milliseconds per page twice over: building
the pattern, and matching it, as the regex engine tries each alternative at each position. A trie of the
same forms matches the same text (the longest form that ends at a word boundary) in a fraction of the time.
"""

from __future__ import annotations

import re
from typing import cast

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


class _GlossaryTreeprocessor(AbbrTreeprocessor):
    def __init__(self, md: Markdown, abbrs: dict, patterns: _Patterns):
        super().__init__(md, abbrs)
        self.patterns = patterns

    def run(self, root):
        if not self.abbrs:
            return
        self.RE = self.patterns.for_forms(frozenset(self.abbrs))
        self.iter_element(root)


class GlossaryPatternExtension(Extension):
    """Put after `abbr` in the extension list; replaces its tree pass and keeps its glossary.

    MkDocs makes a Markdown instance per page but reuses this extension object, so the pattern is
    compiled once per build.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.patterns = _Patterns()

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        if "abbr" not in md.treeprocessors:
            return
        current = cast(AbbrTreeprocessor, md.treeprocessors["abbr"])  # the abbr extension's, checked above
        md.treeprocessors.register(_GlossaryTreeprocessor(md, current.abbrs, self.patterns), "abbr", 7)
