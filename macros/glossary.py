"""Glossary terms as hover and focus explanations across the site.

Python-Markdown's `abbr` extension wraps every known form of a term in `<abbr title="…">`, and Material's
`content.tooltips` shows the title on hover and focus. This module supplies the table of forms;
macros/glossary_pattern.py finds them in each page and keeps the first use of each term focusable.
"""

from __future__ import annotations

import re

from .models import Catalogue

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
