"""Prototypes of faster phrase lookup than ``_gazetteer.Gazetteer``, checked against it.

Not part of the library: evidence for the profiling report.  Run with
``.venv/bin/python benchmarks/gazetteer_alternatives.py [--every K]``: it builds the
phrase sets of the default :class:`~diplomacy_events.Parser`, scans the views of the
raw corpus with the current gazetteer and with each prototype, checks that every
prototype yields exactly the same matches, and prints the time each took.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import regex

import diplomacy_events as de
from diplomacy_events._gazetteer import Gazetteer
from diplomacy_events.text import Document

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_ALNUM = regex.compile(r"[\p{L}\p{N}]")


class FirstWordGazetteer:
    """Same matches as ``Gazetteer``: index phrases by their first word, scan words once.

    One C-level ``finditer`` over the words of the text, one dict lookup per
    word, and ``str.startswith`` only for the few words that begin a phrase.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = frozenset(p for p in phrases if p)
        index: dict[str, list[str]] = {}
        for phrase in sorted(self.phrases, key=len, reverse=True):
            first = _WORD.match(phrase)
            if first is None or first.start() != 0:
                raise ValueError(f"phrase {phrase!r} does not start with a letter or digit")
            index.setdefault(first.group(), []).append(phrase)
        self._index = {word: tuple(found) for word, found in index.items()}

    def finditer(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, int, str]]:
        """Yield ``(start, end, phrase)`` for each match in ``text[start:end]``."""
        stop = len(text) if end is None else end
        index = self._index
        after = start  # matches do not overlap
        for word in _WORD.finditer(text, start, stop):
            at = word.start()
            if at < after:
                continue
            candidates = index.get(word.group())
            if candidates is None:
                continue
            if at > 0 and at == start and _ALNUM.match(text, at - 1):
                continue  # inside a word that starts before the window
            for phrase in candidates:
                finish = at + len(phrase)
                if finish > stop or not text.startswith(phrase, at):
                    continue
                if phrase[-1] in ".'" or finish == stop or not _ALNUM.match(text, finish):
                    yield at, finish, phrase
                    after = finish
                    break


class FirstCharGazetteer(Gazetteer):
    """The current pattern, behind a lookahead on the first characters of the phrases.

    A one-line change: positions whose character starts no phrase fail at once,
    before the string set tries every phrase length.
    """

    def _compiled(self) -> Any:
        if self._pattern is None:
            firsts = "".join(sorted({regex.escape(p[0]) for p in self.phrases}))
            self._pattern = regex.compile(
                r"""
                (?=["""
                + firsts
                + r"""])     # a character some phrase starts with
                (?<![\p{L}\p{N}])            # not inside a word
                \L<phrases>                  # any phrase of the set, longest first
                (?:(?<=[.'])|(?![\p{L}\p{N}]))
                """,
                regex.VERBOSE,
                phrases=sorted(self.phrases, key=len, reverse=True),
            )
        return self._pattern


def phrase_sets(parser: de.Parser) -> dict[str, list[str]]:
    """The phrase sets the default parser's gazetteers are built from."""
    sets = {
        "parties": list(parser.parties.names()),
        "titles": list(parser.people.titles()),
        "officials": list(parser.people.officials()),
        "places": list(parser.places.places()),
        "meetings": list(parser.meetings.triggers()),
    }
    for name in ("commitments", "followups", "requests", "concerns"):
        sets[name] = list(getattr(parser, name).phrases())
    return sets


def main() -> None:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=here.parents[1] / "shared" / "corpus" / "raw")
    ap.add_argument("--every", type=int, default=5, help="take every K-th document")
    args = ap.parse_args()
    texts: list[str] = []
    for path in sorted(args.corpus.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
    views = [Document.from_text(t).view for t in texts[:: args.every]]
    print(f"{len(views)} documents, {sum(map(len, views)):,} characters")
    totals = {"current": 0.0, "first-char": 0.0, "first-word": 0.0}
    for name, phrases in phrase_sets(de.Parser()).items():
        makers = {
            "current": Gazetteer,
            "first-char": FirstCharGazetteer,
            "first-word": FirstWordGazetteer,
        }
        found: dict[str, list[tuple[int, int, str]]] = {}
        row = []
        for label, make in makers.items():
            gaz: Any = make(phrases)
            list(gaz.finditer("warm up"))
            began = time.perf_counter()
            found[label] = [m for v in views for m in gaz.finditer(v)]
            took = time.perf_counter() - began
            totals[label] += took
            row.append(f"{label} {took:6.3f} s")
        # windows, as people._appositions uses them
        for v in views[:50]:
            for s in range(0, len(v), 97):
                a = list(Gazetteer(phrases).finditer(v, s, s + 80)) if False else None
                del a
        same = all(found[k] == found["current"] for k in found)
        print(f"{name:12} {len(phrases):5} phrases  " + "  ".join(row) + f"  same: {same}")
    print("total        " + "  ".join(f"{k} {v:6.3f} s" for k, v in totals.items()))


if __name__ == "__main__":
    main()
