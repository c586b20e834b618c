"""Glossary terms as hover and focus explanations across the site.

Python-Markdown's `abbr` extension wraps every known form of a term in `<abbr title="…">`, and Material's
`content.tooltips` shows the title on hover and focus. This module supplies the table of forms and a
pass over the rendered page that keeps the explanations useful: the first use of each term on a page
becomes focusable with the keyboard, later uses and any inside headings or links are left as plain text.
"""

from __future__ import annotations

import html
import re

from .models import Catalogue

# Markup written by Python-Markdown: lowercase tags with double-quoted attributes.
_TAG = re.compile(r"<(/?)(abbr|a|h[1-6])\b([^>]*)>")
_TITLE = re.compile(r'\btitle="([^"]*)"')
_FOCUSABLE = ' tabindex="0"'
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÅ0-9])")


def explanation(term) -> str:
    """'Term: the first sentence of its definition' – short enough for a tooltip."""
    first = _SENTENCE_END.split(" ".join(term.definition.split()))[0]
    return f"{term.term}: {first}"


def abbreviations(catalogue: Catalogue) -> dict[str, str]:
    """Every written form of every term → its explanation, for the `abbr` extension's glossary.

    The title is plain text; Python-Markdown escapes it when it writes the attribute. A form claimed by
    two terms belongs to the term whose own name or inflections it is, not to the one it abbreviates.
    """
    table: dict[str, str] = {}
    terms = list(catalogue.terms.values())
    for term in terms:
        for form in _with_capitals([term.term, *term.forms]):
            table.setdefault(form, explanation(term))
    for term in terms:
        if term.abbreviation:
            table.setdefault(term.abbreviation, explanation(term))
    return table


def _with_capitals(forms: list[str]) -> list[str]:
    # A sentence may start with any form, and abbr matching is case-sensitive.
    capitals = [form[:1].upper() + form[1:] for form in forms]
    return list(dict.fromkeys([*forms, *capitals]))


def keyboard_reachable(page_html: str) -> str:
    """Keep the first explanation of each term on a page and make it focusable; unwrap the rest.

    Headings and link texts lose theirs: a tooltip there would fight the permalink or the link itself,
    and a focusable element inside a link is a second tab stop for one target.
    """
    if "<abbr" not in page_html:
        return page_html
    out: list[str] = []
    seen: set[str] = set()
    enclosing = position = 0
    dropping = False
    for match in _TAG.finditer(page_html):
        out.append(page_html[position : match.start()])
        position = match.end()
        closing, name, attributes = match.groups()
        if name != "abbr":
            enclosing = max(0, enclosing + (-1 if closing else 1))
            out.append(match.group(0))
        elif closing:
            out.append("" if dropping else match.group(0))
            dropping = False
        else:
            title = _TITLE.search(attributes)
            key = html.unescape(title.group(1)) if title else ""
            dropping = enclosing > 0 or key in seen
            if not dropping:
                seen.add(key)
                # removeprefix: a page already made reachable stays as it is (the pass runs again under serve).
                out.append(f'<abbr tabindex="0"{attributes.removeprefix(_FOCUSABLE)}>')
    out.append(page_html[position:])
    return "".join(out)
