"""Assembly: merging drafts into meetings, and the bookkeeping that keeps it linear.

The behaviour of assembly on prose is tested through ``parse`` in
``test_meetings.py``, ``test_commitments.py`` and ``test_accuracy.py``; here
are its helpers, each checked against the plain all-pairs version it
replaces (the cost of long documents is in ``test_scaling.py`` and the
benchmark).
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import diplomacy_events as de
from diplomacy_events import assembly, testing
from diplomacy_events.model import Commitment, Evidence

TEXT = "x" * 60
PUBLISHED = datetime.date(2025, 4, 11)


def _naive_dedupe(items: list[Commitment]) -> tuple[Commitment, ...]:
    """The all-pairs version: drop an item whose evidence overlaps one kept before it."""
    kept: list[Commitment] = []
    for item in items:
        if not any(item.evidence.overlaps(k.evidence) for k in kept):
            kept.append(item)
    return tuple(kept)


@given(st.lists(testing.commitments(TEXT), max_size=12))
def test_dedupe_keeps_what_the_all_pairs_version_keeps(items: list[Commitment]) -> None:
    assert assembly._dedupe(items) == _naive_dedupe(items)


def _commitment(start: int, end: int) -> Commitment:
    return Commitment(
        parties=(de.Party(code="RUS", name="Russia"),),
        action="x",
        evidence=Evidence(start=start, end=end, text=TEXT[start:end], rule="test"),
    )


@pytest.mark.parametrize(
    ("spans", "kept"),
    [
        ([(0, 5), (5, 9)], [(0, 5), (5, 9)]),  # touching spans do not overlap
        ([(0, 5), (4, 9)], [(0, 5)]),
        ([(10, 20), (0, 11), (19, 30), (20, 30)], [(10, 20), (20, 30)]),
        ([(10, 20), (12, 14)], [(10, 20)]),  # inside a kept span
        ([(12, 14), (10, 20)], [(12, 14)]),  # around a kept span
    ],
)
def test_dedupe_examples(spans: list[tuple[int, int]], kept: list[tuple[int, int]]) -> None:
    found = assembly._dedupe([_commitment(s, e) for s, e in spans])
    assert [(c.evidence.start, c.evidence.end) for c in found] == kept


def test_a_later_mention_of_the_talks_joins_the_meeting_of_its_parties() -> None:
    text = (
        "Russian Foreign Minister Sergey Lavrov met Chinese Foreign Minister Wang Yi in Moscow "
        "on April 8. Lavrov later held talks with Turkish Foreign Minister Hakan Fidan. "
        "The talks between Lavrov and Wang Yi lasted three hours."
    )
    result = de.parse(text, published=PUBLISHED)
    assert [sorted(p.code for p in m.parties) for m in result.meetings] == [
        ["CHN", "RUS"],
        ["RUS", "TUR"],
    ]
    first = result.meetings[0]
    assert any("three hours" in e.text or "The talks" in e.text for e in first.evidence)
