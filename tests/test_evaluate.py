"""Tests for diplomacy_events.evaluate: matching and scoring as the corpus README says."""

from __future__ import annotations

import itertools
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplomacy_events.evaluate import (
    ATTRIBUTES,
    Accuracy,
    Counts,
    DocumentScore,
    Scores,
    Unmatched,
    _match,
    format_scores,
    score,
    score_document,
)
from diplomacy_events.exceptions import ArgumentTypeError, InputError
from diplomacy_events.gold import (
    GoldCommitment,
    GoldDocument,
    GoldFollowUp,
    GoldLocation,
    GoldMeeting,
    Span,
    load_document,
    load_folder,
)

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "seed-istanbul-consultations.json"
DEV = REPO.parent / "shared" / "corpus" / "dev"

TEXT = (
    "Alpha met Beta. Gamma met Delta. Epsilon agreed to Zeta. Eta agreed to Theta. "
    "Iota will meet Kappa again. Lambda and Mu will talk again."
)


def span(phrase: str) -> Span:
    """The span of the first occurrence of phrase in TEXT."""
    start = TEXT.index(phrase)
    return Span(start=start, end=start + len(phrase), text=phrase)


def meeting(
    phrase: str,
    parties: tuple[str, ...],
    *,
    date: str | None = None,
    status: str = "held",
    mode: str = "in_person",
    location: GoldLocation | None = None,
    heads: dict[str, str] | None = None,
) -> GoldMeeting:
    """A meeting whose evidence is the first occurrence of phrase."""
    return GoldMeeting(
        evidence=span(phrase),
        status=status,
        mode=mode,
        parties=parties,
        date=date,
        location=location,
        heads=heads or {},
    )


def doc(
    meetings: tuple[GoldMeeting, ...] = (),
    commitments: tuple[GoldCommitment, ...] = (),
    followups: tuple[GoldFollowUp, ...] = (),
) -> GoldDocument:
    """A document of TEXT with the given items."""
    return GoldDocument(
        id="t", text=TEXT, meetings=meetings, commitments=commitments, followups=followups
    )


def meetings_score(gold: tuple[GoldMeeting, ...], predicted: tuple[GoldMeeting, ...]) -> Counts:
    """The meeting counts of predicted against gold."""
    return score_document(doc(meetings=gold), doc(meetings=predicted)).meetings


# --- the figures ---------------------------------------------------------------------------


def test_counts_figures() -> None:
    counts = Counts(tp=3, fp=1, fn=2)
    assert counts.precision == 0.75
    assert counts.recall == 0.6
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert counts + Counts(tp=1, fp=1, fn=1) == Counts(tp=4, fp=2, fn=3)


def test_counts_conventions_for_empty_denominators() -> None:
    assert (Counts().precision, Counts().recall, Counts().f1) == (1.0, 1.0, 1.0)
    nothing_found = Counts(fn=2)
    assert (nothing_found.precision, nothing_found.recall, nothing_found.f1) == (1.0, 0.0, 0.0)
    all_wrong = Counts(fp=2)
    assert (all_wrong.precision, all_wrong.recall, all_wrong.f1) == (0.0, 1.0, 0.0)
    assert Counts(fp=1, fn=1).f1 == 0.0


def test_accuracy_value() -> None:
    assert Accuracy().value == 1.0
    assert Accuracy(correct=1, total=4).value == 0.25
    assert Accuracy(correct=1, total=2) + Accuracy(correct=2, total=2) == Accuracy(
        correct=3, total=4
    )


# --- self scores ---------------------------------------------------------------------------


def assert_perfect(result: DocumentScore | Scores) -> None:
    """Every figure of result is 1.0."""
    for name in ("meetings", "commitments", "commitments_strict", "followups", "followups_strict"):
        counts: Counts = getattr(result, name)
        assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0), name
        assert counts.fp == counts.fn == 0, name
    assert [name for name, _ in result.attributes] == list(ATTRIBUTES)
    for name, accuracy in result.attributes:
        assert accuracy.value == 1.0, name
        assert accuracy.correct == accuracy.total, name


def test_seed_scores_perfectly_against_itself() -> None:
    gold = load_document(SEED)
    result = score_document(gold, gold)
    assert_perfect(result)
    assert result.meetings.tp == 2
    assert result.commitments.tp == 5
    assert result.accuracy("heads") == Accuracy(correct=2, total=2)
    assert result.false_positives == result.false_negatives == ()


@pytest.mark.skipif(not DEV.is_dir(), reason="the development corpus is not here")
def test_dev_corpus_scores_perfectly_against_itself() -> None:
    docs = load_folder(DEV)
    result = score((d, d) for d in docs)
    assert_perfect(result)
    assert len(result.documents) == len(docs)
    for document in result.documents:
        assert_perfect(document)
    assert result.meetings.tp == sum(len(d.meetings) for d in docs)


def test_empty_documents_score_perfectly() -> None:
    assert_perfect(score_document(doc(), doc()))
    assert_perfect(score([]))


# --- the meeting rule ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicted_parties", "matches"),
    [
        (("A", "B"), True),
        (("A",), True),  # 1/2
        (("A", "B", "C", "D"), True),  # 2/4: exactly 0.5 is enough
        (("A", "B", "C"), True),  # 2/3
        (("A", "C"), False),  # 1/3
        (("A", "C", "D", "E"), False),  # 1/5
        (("C", "D"), False),
    ],
)
def test_jaccard_threshold(predicted_parties: tuple[str, ...], matches: bool) -> None:
    gold = (meeting("Alpha met Beta", ("A", "B"), date="2025-04-10"),)
    predicted = (meeting("Gamma met Delta", predicted_parties, date="2025-04-10"),)
    assert meetings_score(gold, predicted).tp == int(matches)


def test_jaccard_below_half_fails_even_with_overlap() -> None:
    gold = (meeting("Alpha met Beta", ("A", "B", "C"), date="2025-04-10"),)
    predicted = (meeting("Alpha met Beta", ("A",), date="2025-04-10"),)
    assert meetings_score(gold, predicted) == Counts(tp=0, fp=1, fn=1)


@pytest.mark.parametrize(
    ("gold_date", "predicted_date", "matches"),
    [
        ("2025-04-10", "2025-04-10", True),  # equal dates, no overlap needed
        ("2025-04", "2025-04", True),
        ("2025-04-10", "2025-04-11", False),
        ("2025-04-10", "2025-04", False),
        ("2025-04-10", None, False),
        (None, "2025-04-10", False),
    ],
)
def test_date_rule_without_overlap(
    gold_date: str | None, predicted_date: str | None, matches: bool
) -> None:
    gold = (meeting("Alpha met Beta", ("A", "B"), date=gold_date),)
    predicted = (meeting("Gamma met Delta", ("A", "B"), date=predicted_date),)
    assert meetings_score(gold, predicted).tp == int(matches)


def test_overlapping_evidence_matches_whatever_the_dates() -> None:
    gold = (meeting("Alpha met Beta", ("A", "B"), date="2025-04-10"),)
    predicted = (meeting("met Beta. Gamma", ("A", "B", "C"), date="2020-01-01"),)
    result = score_document(doc(meetings=gold), doc(meetings=predicted))
    assert result.meetings == Counts(tp=1, fp=0, fn=0)
    assert result.accuracy("date") == Accuracy(correct=0, total=1)
    assert result.accuracy("parties") == Accuracy(correct=0, total=1)


def test_touching_spans_do_not_overlap() -> None:
    gold = (meeting("Alpha met", ("A", "B"), date="2025-04-10"),)
    predicted = (meeting(" Beta", ("A", "B"), date="2025-04-11"),)
    assert meetings_score(gold, predicted).tp == 0


@pytest.mark.parametrize(
    ("predicted_parties", "matches"),
    [(("A", "B"), True), (("A", "B", "C"), False), (("A",), False)],
)
def test_null_dates_need_equal_parties(predicted_parties: tuple[str, ...], matches: bool) -> None:
    gold = (meeting("Alpha met Beta", ("A", "B")),)
    predicted = (meeting("Gamma met Delta", predicted_parties),)
    assert meetings_score(gold, predicted).tp == int(matches)


# --- one to one --------------------------------------------------------------------------


def test_duplicate_predictions_count_as_false_positives() -> None:
    gold = (meeting("Alpha met Beta", ("A", "B"), date="2025-04-10"),)
    twice = meeting("Alpha met Beta", ("A", "B"), date="2025-04-10")
    result = score_document(doc(meetings=gold), doc(meetings=(twice, twice)))
    assert result.meetings == Counts(tp=1, fp=1, fn=0)
    assert result.meeting_pairs == ((0, 0),)
    assert result.false_positives == (
        Unmatched(category="meetings", index=1, evidence=span("Alpha met Beta")),
    )


def test_one_prediction_matches_one_gold_item_only() -> None:
    gold = (
        meeting("Alpha met Beta", ("A", "B"), date="2025-04-10"),
        meeting("Gamma met Delta", ("A", "B"), date="2025-04-10"),
    )
    predicted = (meeting("Epsilon", ("A", "B"), date="2025-04-10"),)
    result = score_document(doc(meetings=gold), doc(meetings=predicted))
    assert result.meetings == Counts(tp=1, fp=0, fn=1)


def test_assignment_maximises_matches_not_greedy() -> None:
    # Prediction 0 could match either gold meeting and would agree with gold 0 on
    # every attribute; prediction 1 matches gold 0 only.  Greedy would leave
    # prediction 1 unmatched; the best matching pairs 0-1 and 1-0.
    gold = (
        meeting("Alpha met Beta", ("A", "B"), date="2025-04-10"),
        meeting("Gamma met Delta", ("A", "B"), date="2025-04-11"),
    )
    predicted = (
        meeting("met Beta. Gamma", ("A", "B"), date="2025-04-10"),
        meeting("Epsilon", ("A", "B"), date="2025-04-10"),
    )
    result = score_document(doc(meetings=gold), doc(meetings=predicted))
    assert result.meetings == Counts(tp=2, fp=0, fn=0)
    assert result.meeting_pairs == ((0, 1), (1, 0))


def test_best_prediction_is_taken_for_a_gold_meeting() -> None:
    gold = (
        meeting(
            "Alpha met Beta",
            ("A", "B"),
            date="2025-04-10",
            location=GoldLocation(city="Sochi", country="RUS"),
        ),
    )
    worse = meeting("Alpha met", ("A", "B"), date="2025-04-11")
    better = meeting(
        "met Beta",
        ("A", "B"),
        date="2025-04-10",
        location=GoldLocation(city="Sochi", country="RUS"),
    )
    for predicted in ((worse, better), (better, worse)):
        result = score_document(doc(meetings=gold), doc(meetings=predicted))
        assert result.meetings == Counts(tp=1, fp=1, fn=0)
        assert_perfect_attributes(result)
        assert [fp.evidence for fp in result.false_positives] == [span("Alpha met")]


def test_overlapping_evidence_is_preferred_to_agreeing_attributes() -> None:
    # Both gold meetings share parties and the prediction's date matches gold 1,
    # but the prediction was read from gold 0's sentence.
    gold = (
        meeting("Alpha met Beta", ("A", "B"), date="2025-04-10"),
        meeting("Gamma met Delta", ("A", "B"), date="2025-04-11"),
    )
    predicted = (meeting("Alpha met Beta", ("A", "B"), date="2025-04-11"),)
    result = score_document(doc(meetings=gold), doc(meetings=predicted))
    assert result.meeting_pairs == ((0, 0),)
    assert result.accuracy("date") == Accuracy(correct=0, total=1)


def assert_perfect_attributes(result: DocumentScore) -> None:
    """Every attribute of the matched meetings is right."""
    for name, accuracy in result.attributes:
        assert accuracy.correct == accuracy.total, name


# --- commitments and follow-ups ------------------------------------------------------------


def test_commitments_strict_and_lenient() -> None:
    gold = (GoldCommitment(evidence=span("Epsilon agreed to Zeta"), parties=("E", "Z")),)
    predicted = (GoldCommitment(evidence=span("agreed to Zeta"), parties=("E",)),)
    result = score_document(doc(commitments=gold), doc(commitments=predicted))
    assert result.commitments == Counts(tp=1, fp=0, fn=0)
    assert result.commitments_strict == Counts(tp=0, fp=1, fn=1)
    assert result.false_positives == result.false_negatives == ()


def test_commitments_need_overlap() -> None:
    gold = (GoldCommitment(evidence=span("Epsilon agreed to Zeta"), parties=("E",)),)
    predicted = (GoldCommitment(evidence=span("Eta agreed to Theta"), parties=("E",)),)
    result = score_document(doc(commitments=gold), doc(commitments=predicted))
    assert result.commitments == Counts(tp=0, fp=1, fn=1)
    assert result.commitments_strict == Counts(tp=0, fp=1, fn=1)
    assert result.false_negatives == (
        Unmatched(category="commitments", index=0, evidence=span("Epsilon agreed to Zeta")),
    )


def test_strict_is_a_matching_of_its_own() -> None:
    # One long prediction overlaps two gold commitments; it has the parties of the
    # second.  Lenient and strict both pair it with the second.
    gold = (
        GoldCommitment(evidence=span("Epsilon agreed to Zeta"), parties=("E", "Z")),
        GoldCommitment(evidence=span("Eta agreed to Theta"), parties=("H",)),
    )
    predicted = (GoldCommitment(evidence=span("Zeta. Eta agreed"), parties=("H",)),)
    result = score_document(doc(commitments=gold), doc(commitments=predicted))
    assert result.commitments == Counts(tp=1, fp=0, fn=1)
    assert result.commitments_strict == Counts(tp=1, fp=0, fn=1)
    assert [item.index for item in result.false_negatives] == [0]


def test_strict_counts_only_pairs_with_equal_parties() -> None:
    # Lenient: two predictions, two gold items, both pairs possible either way.
    gold = (
        GoldCommitment(evidence=span("Epsilon agreed to Zeta"), parties=("E",)),
        GoldCommitment(evidence=span("Zeta. Eta agreed"), parties=("H",)),
    )
    predicted = (
        GoldCommitment(evidence=span("Epsilon agreed"), parties=("X",)),
        GoldCommitment(evidence=span("to Zeta"), parties=("H",)),
    )
    result = score_document(doc(commitments=gold), doc(commitments=predicted))
    assert result.commitments == Counts(tp=2, fp=0, fn=0)
    assert result.commitments_strict == Counts(tp=1, fp=1, fn=1)


def test_followups_strict_and_lenient_and_duplicates() -> None:
    gold = (GoldFollowUp(evidence=span("Iota will meet Kappa again"), parties=("I", "K")),)
    predicted = (
        GoldFollowUp(evidence=span("meet Kappa again"), parties=("I",)),
        GoldFollowUp(evidence=span("will meet"), parties=("I", "K")),
    )
    result = score_document(doc(followups=gold), doc(followups=predicted))
    assert result.followups == Counts(tp=1, fp=1, fn=0)
    assert result.followups_strict == Counts(tp=1, fp=1, fn=0)
    # The lenient matching prefers the prediction with the right parties.
    assert result.false_positives == (
        Unmatched(category="followups", index=0, evidence=span("meet Kappa again")),
    )


# --- attributes ---------------------------------------------------------------------------


def scored_pair(gold: GoldMeeting, predicted: GoldMeeting) -> DocumentScore:
    """The score of a document with one gold and one predicted meeting that match."""
    result = score_document(doc(meetings=(gold,)), doc(meetings=(predicted,)))
    assert result.meetings.tp == 1
    return result


@pytest.mark.parametrize(
    ("gold_name", "predicted_name", "right"),
    [
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", True),
        ("Recep Tayyip Erdoğan", "ERDOĞAN", True),
        ("Sergei Lavrov", "Sergey Lavrov", True),
        ("Sergei Lavrov", "lavrov", True),
        ("Sergei Lavrov", "Sergei Shoigu", False),
        ("Emmanuel Macron", "Emmanuel Macron Jr", False),
    ],
)
def test_heads_compare_surnames(gold_name: str, predicted_name: str, right: bool) -> None:
    gold = meeting("Alpha met Beta", ("A", "B"), heads={"A": gold_name})
    predicted = meeting("Alpha met Beta", ("A", "B"), heads={"A": predicted_name})
    assert scored_pair(gold, predicted).accuracy("heads") == Accuracy(correct=int(right), total=1)


def test_heads_count_per_gold_party() -> None:
    gold = meeting("Alpha met Beta", ("A", "B"), heads={"A": "Ann Alpha", "B": "Bob Beta"})
    predicted = meeting("Alpha met Beta", ("A", "B"), heads={"A": "Ann Alpha", "C": "Bob Beta"})
    assert scored_pair(gold, predicted).accuracy("heads") == Accuracy(correct=1, total=2)
    no_gold_heads = meeting("Alpha met Beta", ("A", "B"))
    assert scored_pair(no_gold_heads, predicted).accuracy("heads") == Accuracy()


@pytest.mark.parametrize(
    ("gold_location", "predicted_location", "right"),
    [
        (None, None, True),
        (None, GoldLocation(city=None, country="RUS"), False),
        (GoldLocation(city="Moscow", country="RUS"), None, False),
        (
            GoldLocation(city="Moscow", country="RUS"),
            GoldLocation(city="moscow", country="RUS"),
            True,
        ),
        (
            GoldLocation(city="İstanbul", country="TUR"),
            GoldLocation(city="Istanbul", country="TUR"),
            True,
        ),
        (
            GoldLocation(city="Zürich", country="CHE"),
            GoldLocation(city="Zurich", country="CHE"),
            True,
        ),
        (GoldLocation(city="Moscow", country="RUS"), GoldLocation(city=None, country="RUS"), False),
        (GoldLocation(city=None, country="RUS"), GoldLocation(city=None, country="RUS"), True),
        (
            GoldLocation(city="Moscow", country="RUS"),
            GoldLocation(city="Moscow", country="USA"),
            False,
        ),
    ],
)
def test_location_accuracy(
    gold_location: GoldLocation | None, predicted_location: GoldLocation | None, right: bool
) -> None:
    gold = meeting("Alpha met Beta", ("A", "B"), location=gold_location)
    predicted = meeting("Alpha met Beta", ("A", "B"), location=predicted_location)
    assert scored_pair(gold, predicted).accuracy("location") == Accuracy(
        correct=int(right), total=1
    )


def test_other_attributes() -> None:
    gold = meeting("Alpha met Beta", ("A", "B"), date=None, status="held", mode="remote")
    predicted = meeting("Alpha met Beta", ("A", "B", "C"), date=None, status="planned")
    result = scored_pair(gold, predicted)
    assert dict(result.attributes) == {
        "parties": Accuracy(correct=0, total=1),
        "status": Accuracy(correct=0, total=1),
        "mode": Accuracy(correct=0, total=1),
        "date": Accuracy(correct=1, total=1),  # null against null is right
        "location": Accuracy(correct=1, total=1),
        "heads": Accuracy(),
    }
    with pytest.raises(InputError, match="name: got 'venue'"):
        result.accuracy("venue")


# --- totals over documents -------------------------------------------------------------------


def test_score_sums_over_documents() -> None:
    gold_meeting = meeting("Alpha met Beta", ("A", "B"), date="2025-04-10", heads={"A": "Al A"})
    first = score_document(doc(meetings=(gold_meeting,)), doc())
    second = score_document(doc(meetings=(gold_meeting,)), doc(meetings=(gold_meeting,)))
    result = score([(doc(meetings=(gold_meeting,)), doc()), (doc(meetings=(gold_meeting,)),) * 2])
    assert result.documents == (first, second)
    assert result.meetings == Counts(tp=1, fp=0, fn=1)
    assert result.accuracy("heads") == Accuracy(correct=1, total=1)
    assert result.commitments == Counts()


def test_documents_must_correspond() -> None:
    with pytest.raises(InputError, match=r"predicted\.id: got 'other'"):
        score_document(doc(), attrs.evolve(doc(), id="other"))
    with pytest.raises(InputError, match=r"predicted\.text"):
        score_document(doc(), attrs.evolve(doc(), text="another text"))
    with pytest.raises(ArgumentTypeError, match="predicted: got dict"):
        score_document(doc(), {})  # type: ignore[arg-type]


# --- the report ------------------------------------------------------------------------------


def test_format_scores() -> None:
    gold = doc(
        meetings=(meeting("Alpha met Beta", ("A", "B"), date="2025-04-10"),),
        commitments=(GoldCommitment(evidence=span("Epsilon agreed to Zeta"), parties=("E",)),),
    )
    predicted = doc(
        meetings=(
            meeting("Alpha met Beta", ("A", "B"), date="2025-04-10"),
            meeting("Gamma met Delta", ("G", "D")),
        ),
    )
    result = score([(gold, predicted)])
    report = format_scores(result)
    lines = report.splitlines()
    assert lines[0] == "1 documents"
    assert lines[2].split() == ["category", "precision", "recall", "F1", "tp", "fp", "fn"]
    assert lines[3].split() == ["meetings", "0.500", "1.000", "0.667", "1", "1", "0"]
    assert lines[4].split() == ["commitments", "1.000", "0.000", "0.000", "0", "0", "1"]
    assert lines[5].split()[:2] == ["commitments", "(strict)"]
    assert any(line.split() == ["heads", "1.000", "0", "0"] for line in lines)
    assert any(line.split() == ["date", "1.000", "1", "1"] for line in lines)
    assert "FP" not in report

    detailed = format_scores(result, details=True)
    assert detailed.startswith(report.rstrip("\n"))
    assert "t: meetings 1/1/0  commitments 0/0/1" in detailed
    assert '  FP meetings[1]: "Gamma met Delta"' in detailed
    assert '  FN commitments[0]: "Epsilon agreed to Zeta"' in detailed


# --- the matching algorithm ----------------------------------------------------------------

KEYS = st.none() | st.tuples(
    st.integers(0, 2).map(Fraction),
    st.fractions(min_value=0, max_value=1, max_denominator=4),
)


def brute_force_best(
    keys: dict[tuple[int, int], tuple[Fraction, ...] | None], n_gold: int, n_predicted: int
) -> tuple[Fraction, ...]:
    """The best (count, key sums...) over every one-to-one matching, by enumeration."""
    best: tuple[Fraction, ...] = (Fraction(0), Fraction(0), Fraction(0))
    for size in range(1, min(n_gold, n_predicted) + 1):
        for golds in itertools.combinations(range(n_gold), size):
            for preds in itertools.permutations(range(n_predicted), size):
                pairs = list(zip(golds, preds, strict=True))
                found = [keys[pair] for pair in pairs]
                if any(k is None for k in found):
                    continue
                total = (
                    Fraction(size),
                    sum((k[0] for k in found if k), Fraction(0)),
                    sum((k[1] for k in found if k), Fraction(0)),
                )
                best = max(best, total)
    return best


@given(
    st.integers(0, 4).flatmap(
        lambda n: st.integers(0, 4).flatmap(
            lambda m: st.tuples(
                st.just(n), st.just(m), st.lists(KEYS, min_size=n * m, max_size=n * m)
            )
        )
    )
)
def test_match_is_optimal(case: tuple[int, int, list[tuple[Fraction, Fraction] | None]]) -> None:
    n_gold, n_predicted, flat = case
    keys: dict[tuple[int, int], tuple[Fraction, ...] | None] = {
        (g, p): flat[g * n_predicted + p] for g in range(n_gold) for p in range(n_predicted)
    }
    pairs = _match(n_gold, n_predicted, lambda g, p: keys[g, p])
    assert len({g for g, _ in pairs}) == len({p for _, p in pairs}) == len(pairs)
    chosen = [keys[pair] for pair in pairs]
    assert all(k is not None for k in chosen)
    total = (
        Fraction(len(pairs)),
        sum((k[0] for k in chosen if k), Fraction(0)),
        sum((k[1] for k in chosen if k), Fraction(0)),
    )
    assert total == brute_force_best(keys, n_gold, n_predicted)
    assert _match(n_gold, n_predicted, lambda g, p: keys[g, p]) == pairs  # deterministic
