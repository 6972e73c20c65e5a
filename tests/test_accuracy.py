"""Accuracy against gold: the seed article exactly, the two development sets above floors.

The floors sit a little under the figures the library reaches today (see the
closing notes and docs/evaluation.md), so that a change that loses accuracy
fails here rather than going unnoticed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diplomacy_events import gold
from diplomacy_events.evaluate import Scores, score
from diplomacy_events.parser import Parser

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
HELDOUT = Path(__file__).resolve().parents[1] / "benchmarks" / "heldout"
"""120 raw documents annotated by hand (benchmarks/heldout/README.md), in the repository."""


def _scores(folder: Path) -> Scores:
    parser = Parser()
    pairs = []
    for document in gold.load_folder(folder):
        result = parser.parse(document.text, published=document.published, id=document.id)
        pairs.append((document, gold.from_result(result, id=document.id)))
    return score(pairs)


def test_the_seed_article_yields_exactly_its_gold() -> None:
    scores = _scores(SEEDS)
    for counts in (
        scores.meetings,
        scores.commitments,
        scores.commitments_strict,
        scores.followups,
        scores.followups_strict,
    ):
        assert (counts.fp, counts.fn) == (0, 0), counts
    for name in ("parties", "status", "mode", "date", "location", "heads"):
        accuracy = scores.accuracy(name)
        assert accuracy.correct == accuracy.total, (name, accuracy)


@pytest.fixture(scope="module")
def dev_scores() -> Scores:
    if not DEV.is_dir():
        pytest.skip(f"the development set is not at {DEV}")
    return _scores(DEV)


@pytest.mark.parametrize(
    ("category", "floor"),
    [
        ("meetings", 0.92),
        ("commitments", 0.90),
        ("commitments_strict", 0.78),
        ("followups", 0.90),
        ("followups_strict", 0.85),
    ],
)
def test_development_set_f1_stays_above_its_floor(
    dev_scores: Scores, category: str, floor: float
) -> None:
    assert getattr(dev_scores, category).f1 >= floor


@pytest.mark.parametrize(
    ("attribute", "floor"),
    [
        ("parties", 0.94),
        ("status", 0.96),
        ("mode", 0.95),
        ("date", 0.91),
        ("location", 0.92),
        ("heads", 0.92),
    ],
)
def test_development_set_attribute_accuracy_stays_above_its_floor(
    dev_scores: Scores, attribute: str, floor: float
) -> None:
    assert dev_scores.accuracy(attribute).value >= floor


@pytest.fixture(scope="module")
def heldout_scores() -> Scores:
    return _scores(HELDOUT)


@pytest.mark.parametrize(
    ("category", "floor"),
    [("meetings", 0.77), ("commitments", 0.75), ("followups", 0.75)],
)
def test_heldout_set_f1_stays_above_its_floor(
    heldout_scores: Scores, category: str, floor: float
) -> None:
    assert getattr(heldout_scores, category).f1 >= floor


@pytest.mark.parametrize(("attribute", "floor"), [("parties", 0.87), ("heads", 0.87)])
def test_heldout_set_attribute_accuracy_stays_above_its_floor(
    heldout_scores: Scores, attribute: str, floor: float
) -> None:
    assert heldout_scores.accuracy(attribute).value >= floor
