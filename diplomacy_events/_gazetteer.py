"""Fast lookup of many fixed phrases in a text, longest match first.

Private helper of the finders: a set of phrases becomes one pattern built on
the :mod:`regex` module's named lists (``\\L<name>``), which checks a position
against the whole set at once instead of trying each phrase in turn, so a
scan costs time linear in the text whatever the number of phrases.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import regex

__all__ = ["Gazetteer"]


class Gazetteer:
    """Finds whole-word occurrences of a set of phrases, case-sensitively.

    Matches do not overlap; where two phrases start at one place the
    longest wins.  A phrase ending in punctuation (``"U.S."``) needs no word
    boundary after it.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = frozenset(p for p in phrases if p)
        self._pattern: Any = None

    def __getstate__(self) -> dict[str, Any]:
        """Pickle without the compiled pattern; it is rebuilt on first use."""
        return {"phrases": self.phrases, "_pattern": None}

    def _compiled(self) -> Any:
        if self._pattern is None:
            self._pattern = regex.compile(
                r"""
                (?<![\p{L}\p{N}])            # not inside a word
                \L<phrases>                  # any phrase of the set, longest first
                (?:(?<=[.'])|(?![\p{L}\p{N}]))  # a word ends here, or the phrase ends in punctuation
                """,
                regex.VERBOSE,
                phrases=sorted(self.phrases, key=len, reverse=True),
            )
        return self._pattern

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
        """Yield ``(start, end, phrase)`` for each match in ``text[start:end]``."""
        if not self.phrases:
            return
        stop = len(text) if end is None else end
        for match in self._compiled().finditer(text, start, stop):
            yield match.start(), match.end(), match.group()
