"""What the finders found in one document, indexed for the extractors.

:class:`Mentions` is the hand-over between the two stages of parsing: the
finders scan the text once and fill it; the event extractors and assembly
only read it.  Offsets inside it are offsets into
:attr:`~diplomacy_events.text.Document.view`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs

from diplomacy_events.model import Duration, PartyMention, Person, Place
from diplomacy_events.text import Document
from diplomacy_events.times import TimeMention

__all__ = ["Mentions", "Span"]


@attrs.frozen(kw_only=True)
class Span:
    """A mention located in the document's view: ``start``, ``end`` and what it names."""

    start: int
    end: int
    value: object


def _located(
    doc: Document, items: Sequence[object], evidence_of: str = "evidence"
) -> tuple[Span, ...]:
    spans = []
    for item in items:
        ev = getattr(item, evidence_of)
        spans.append(Span(start=doc.view_offset(ev.start), end=doc.view_offset(ev.end), value=item))
    spans.sort(key=lambda s: (s.start, s.end))
    return tuple(spans)


def _start_of(span: Span) -> int:
    """The sort key of spans."""
    return span.start


@attrs.frozen(kw_only=True)
class Mentions:
    """Every mention the finders found in a document, sorted by position.

    ``people`` are the people at their first mention; ``person_spans`` holds
    every mention of each of them (full name, surname, or title alone).
    """

    doc: Document
    parties: tuple[Span, ...]
    """Spans whose value is a :class:`~diplomacy_events.model.PartyMention`."""
    people: tuple[Person, ...]
    person_spans: tuple[Span, ...]
    """Spans whose value is a :class:`~diplomacy_events.model.Person`."""
    times: tuple[Span, ...]
    """Spans whose value is a :class:`~diplomacy_events.times.TimeMention`."""
    places: tuple[Span, ...]
    """Spans whose value is a :class:`~diplomacy_events.model.Place`."""
    durations: tuple[Span, ...]
    """Spans whose value is a :class:`~diplomacy_events.model.Duration`."""
    dateline: Place | None = None
    """The place of the news dateline opening the body, if any."""

    @classmethod
    def build(
        cls,
        doc: Document,
        *,
        parties: Sequence[PartyMention],
        people: Sequence[Person],
        person_spans: Sequence[Span],
        times: Sequence[TimeMention],
        places: Sequence[Place],
        durations: Sequence[Duration],
        dateline: Place | None = None,
    ) -> Mentions:
        """Index the finders' results by their view offsets."""
        return cls(
            doc=doc,
            parties=_located(doc, parties),
            people=tuple(people),
            person_spans=tuple(sorted(person_spans, key=lambda s: (s.start, s.end))),
            times=_located(doc, times),
            places=_located(doc, places),
            durations=_located(doc, durations),
            dateline=dateline,
        )

    @staticmethod
    def within(spans: tuple[Span, ...], start: int, end: int) -> tuple[Span, ...]:
        """The spans that lie wholly inside ``start:end``."""
        lo = bisect.bisect_left(spans, start, key=_start_of)
        hi = bisect.bisect_left(spans, end, lo=lo, key=_start_of)
        return tuple(s for s in spans[lo:hi] if s.end <= end)

    @staticmethod
    def last_before(spans: tuple[Span, ...], offset: int) -> Span | None:
        """The last span that starts before ``offset``, if any."""
        index = bisect.bisect_left(spans, offset, key=_start_of)
        return spans[index - 1] if index else None
