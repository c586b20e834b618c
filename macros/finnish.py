"""Finnish words to search terms: base forms and compound parts from Voikko, cached between builds.

Every word form of the site gets the terms it stands for: itself, its base forms (`luottamuksesta` →
`luottamus`) and, for a compound, its parts (`vertaistukiryhmässä` → `vertaistukiryhmä`, `vertaistuki`,
`ryhmä`). The browser indexes each page's words through this table and sends the reader's words through
the same table, so any inflected form reaches the same base form.

Voikko (Debian's libvoikko1 + voikko-fi, through the `libvoikko` ctypes binding) knows the general
vocabulary; words it does not know (`mentori`, `Verme`) get a Snowball stem instead, and an unknown
compound is split after its longest known first part (`vertaisryhmämentorointi` → `vertaisryhmä` + …).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from .files import write_whole

# A word: letters and digits, hyphens inside (`me-henki`, `A3-paperia`). The browser uses the same rule.
WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# Version of the rules below: a change empties the cache.
RULES = "2"


class AnalyserMissing(RuntimeError):
    pass


def _voikko():
    try:
        import libvoikko
    except ImportError as error:  # pragma: no cover - set-up installs it
        raise AnalyserMissing("the libvoikko Python binding is missing: run `bash scripts/setup.sh`") from error
    try:
        return libvoikko.Voikko("fi")
    except (OSError, libvoikko.VoikkoException) as error:  # pragma: no cover - set-up installs it
        raise AnalyserMissing(
            "Voikko's Finnish dictionary is missing (Debian packages libvoikko1 and voikko-fi): "
            f"run `bash scripts/setup.sh` ({error})"
        ) from error


def require_analyser() -> None:
    """Raise AnalyserMissing, saying what to install, when Voikko or its Finnish dictionary is missing."""
    _voikko().terminate()


def _dictionary_version() -> str:
    # The cache belongs to one dictionary: Debian's voikko-fi package version, else the data folder's mtime.
    for path in ("/usr/share/doc/voikko-fi/changelog.Debian.gz", "/usr/lib/voikko/5/mor-standard/index.txt"):
        try:
            return f"{path}:{os.stat(path).st_mtime_ns}"
        except OSError:
            continue
    return "unknown"


def _members(wordbases: str) -> list[str]:
    """Compound members of one analysis: `+vertaistuki(vertais=tuki)+ryhmä(ryhmä)` → vertaistuki, ryhmä.
    Derivational pieces (`+isu(+inen)`) are not members; a member without a base form (`+etä`) is kept as written."""
    members = []
    for surface, base in re.findall(r"\+([^+(]*)(?:\(([^)]*)\))?", wordbases):
        if base.startswith("+"):
            continue
        if base:
            members.append(base.replace("=", "").lower())
        elif len(surface) >= 3 and surface != "-":
            members.append(surface.lower())
    return members


class Analyser:
    """Form → (base forms, compound parts), with the analyses kept in `cache_file` (JSON) between builds."""

    def __init__(self, cache_file: Path | None = None):
        self._voikko = _voikko()
        self._stemmer: Any = None  # a snowballstemmer stemmer, made when first needed (the package has no types)
        self._cache_file = cache_file
        self._key = f"{RULES}|{_dictionary_version()}"
        self._terms: dict[str, list[list[str]]] = {}
        self._known: dict[str, tuple[list[str], list[str]] | None] = {}
        self.analysed = 0
        if cache_file is not None:
            try:
                stored = json.loads(cache_file.read_text(encoding="utf-8"))
                if stored.get("key") == self._key and isinstance(stored["terms"], dict):
                    self._terms = stored["terms"]
            except (OSError, ValueError, KeyError, AttributeError):
                pass
        self._stored = len(self._terms)

    def save(self) -> None:
        if self._cache_file is None or len(self._terms) == self._stored:
            return
        write_whole(self._cache_file, json.dumps({"key": self._key, "terms": self._terms}, ensure_ascii=False))

    def close(self) -> None:
        self._voikko.terminate()

    def terms(self, form: str) -> tuple[list[str], list[str]]:
        """Base forms and compound parts of a lowercase word form, each without the form itself:
        `vertaistukiryhmässä` → ([vertaistukiryhmä], [vertaistuki, ryhmä])."""
        hit = self._terms.get(form)
        if not (isinstance(hit, list) and len(hit) == 2):
            hit = self._terms[form] = list(self._analyse(form))
            self.analysed += 1
        return hit[0], hit[1]

    def _known_terms(self, word: str) -> tuple[list[str], list[str]] | None:
        """Base forms and compound parts of a word Voikko knows, else None."""
        if word in self._known:
            return self._known[word]
        analyses = self._voikko.analyze(word) or self._voikko.analyze(word.capitalize())
        found = None
        if analyses:
            bases, parts = [], []
            for analysis in analyses:
                base = analysis.get("BASEFORM", "").lower()
                if base and base not in bases:
                    bases.append(base)
            # Parts from the analysis with the fewest members: vertaistuki + ryhmä, not vertais + tuki + ryhmä.
            splits = [m for m in (_members(a.get("WORDBASES", "")) for a in analyses) if len(m) >= 2]
            if splits:
                parts = [part for part in min(splits, key=len) if part not in bases]
            found = (bases, parts)
        self._known[word] = found
        return found

    def _stem(self, word: str) -> str:
        if self._stemmer is None:
            import snowballstemmer

            self._stemmer = snowballstemmer.stemmer("finnish")
        return self._stemmer.stemWord(word)

    def _unknown_terms(self, word: str) -> tuple[list[str], list[str]]:
        # A compound whose last part Voikko lacks: the longest known first part, then the rest on its own.
        parts: list[str] = []
        for cut in range(len(word) - 4, 2, -1):
            head = self._known_terms(word[:cut])
            if head and head[0]:
                tail = word[cut:]
                known_tail = self._known_terms(tail)
                parts = head[0][:1] + (known_tail[0] if known_tail else [tail, self._stem(tail)])
                break
        return [self._stem(word)], parts

    def _analyse(self, form: str) -> tuple[list[str], list[str]]:
        bases: list[str] = []
        parts: list[str] = []
        pieces = form.split("-") if "-" in form else []
        for piece in [form, *pieces]:
            if not piece or piece.isdigit():
                continue
            if piece != form:
                parts.append(piece)
            known = self._known_terms(piece)
            if known is None:
                known = self._unknown_terms(piece) if len(piece) >= 5 else ([], [])
            if piece == form:
                bases += known[0]
                parts += known[1]
            else:
                parts += known[0] + known[1]
        bases = list(dict.fromkeys(b for b in bases if b and b != form))
        parts = list(dict.fromkeys(p for p in parts if p and p != form and p not in bases))
        return bases, parts
