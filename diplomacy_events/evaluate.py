"""Score predictions against gold annotations, as the corpus README's "Scoring" says.

Predicted items are matched to gold items one to one, per article, and each
category gets true positives, false positives and false negatives, summed
over all articles (micro-averaged):

- meetings match when their party sets share at least half of their union
  (Jaccard 0.5) and either their dates are equal and not null, or their
  evidence spans overlap, or both dates are null and the party sets are
  equal;
- commitments and follow-ups match when their evidence spans overlap; the
  strict scores also ask for equal party sets (a matching of its own).

Where several predictions could match one gold item, the best one is taken
and the others count as false positives.  The matching is exact: among all
one-to-one matchings it takes one with the most matches, then (for meetings)
the most pairs whose evidence overlaps, then the most agreeing attributes,
then the highest party-set Jaccard; for commitments and follow-ups the most
pairs with equal parties (and, for follow-ups, equal dates), then the
largest overlap of the spans.  Ties are broken the same way every time.

On matched meetings the share of exactly right attributes is reported:
``parties``, ``status``, ``mode``, ``date``, ``location`` (city, compared
ignoring case and accents, and country; a null is right only against a
null) and ``heads`` (per gold party, right when the surname agrees,
ignoring case and accents)::

    >>> from diplomacy_events.gold import GoldDocument, GoldMeeting, Span
    >>> from diplomacy_events.evaluate import score_document
    >>> text = "Putin and Xi held talks."
    >>> talks = GoldMeeting(evidence=Span(start=13, end=23, text="held talks"),
    ...     status="held", parties=("CHN", "RUS"), heads={"CHN": "Xi Jinping"})
    >>> gold = GoldDocument(id="a", text=text, meetings=(talks,))
    >>> result = score_document(gold, gold)
    >>> result.meetings.f1, result.accuracy("heads")
    (1.0, Accuracy(correct=1, total=1))
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction

import attrs

from diplomacy_events.exceptions import ArgumentTypeError, InputError
from diplomacy_events.gold import (
    GoldCommitment,
    GoldDocument,
    GoldFollowUp,
    GoldLocation,
    GoldMeeting,
    Span,
)

__all__ = [
    "ATTRIBUTES",
    "Accuracy",
    "Counts",
    "DocumentScore",
    "Scores",
    "Unmatched",
    "format_scores",
    "score",
    "score_document",
]

ATTRIBUTES: tuple[str, ...] = ("parties", "status", "mode", "date", "location", "heads")
"""The attributes of matched meetings whose accuracy is reported, in report order."""

_CATEGORIES = (
    ("meetings", "meetings"),
    ("commitments", "commitments"),
    ("commitments_strict", "commitments (strict)"),
    ("followups", "followups"),
    ("followups_strict", "followups (strict)"),
)


# ---------------------------------------------------------------------------
# The figures
# ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Counts:
    """True positives, false positives and false negatives of one category.

    Precision is ``tp / (tp + fp)``, and 1.0 when nothing was predicted;
    recall is ``tp / (tp + fn)``, and 1.0 when there was nothing to find; F1
    is their harmonic mean, and 0.0 when both are 0.  So an article with
    nothing to find and nothing found scores 1.0 throughout.

    >>> Counts(tp=3, fp=1, fn=2).precision
    0.75
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """The share of predictions that match a gold item."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """The share of gold items that a prediction matches."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        """Sum the counts of two documents (micro-averaging)."""
        return Counts(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)


@attrs.frozen(kw_only=True)
class Accuracy:
    """How many of ``total`` judgements were right; :attr:`value` is 1.0 when there were none."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        """``correct / total``, or 1.0 when ``total`` is 0."""
        return self.correct / self.total if self.total else 1.0

    def __add__(self, other: Accuracy) -> Accuracy:
        """Sum two accuracies' counts."""
        return Accuracy(correct=self.correct + other.correct, total=self.total + other.total)


@attrs.frozen(kw_only=True)
class Unmatched:
    """A false positive or false negative: an item that nothing matched.

    ``category`` is ``"meetings"``, ``"commitments"`` or ``"followups"`` (the
    lenient matching) and ``index`` its place in its document's list of
    that category.
    """

    category: str
    index: int
    evidence: Span


def _no_attributes() -> tuple[tuple[str, Accuracy], ...]:
    """Build the attribute accuracies of no meetings at all."""
    return tuple((name, Accuracy()) for name in ATTRIBUTES)


def _accuracy(attributes: tuple[tuple[str, Accuracy], ...], name: str) -> Accuracy:
    """Look up one attribute's accuracy."""
    for attribute, accuracy in attributes:
        if attribute == name:
            return accuracy
    raise InputError.for_argument("name", name, f"one of {', '.join(ATTRIBUTES)}")


@attrs.frozen(kw_only=True)
class DocumentScore:
    """The scores of one article."""

    id: str
    meetings: Counts = Counts()
    commitments: Counts = Counts()
    commitments_strict: Counts = Counts()
    followups: Counts = Counts()
    followups_strict: Counts = Counts()
    attributes: tuple[tuple[str, Accuracy], ...] = attrs.field(factory=_no_attributes)
    """``(name, accuracy)`` for each of :data:`ATTRIBUTES`, in that order."""
    meeting_pairs: tuple[tuple[int, int], ...] = ()
    """The matched meetings as ``(gold index, predicted index)`` pairs."""
    false_positives: tuple[Unmatched, ...] = ()
    """Predicted meetings, commitments and follow-ups that no gold item matched."""
    false_negatives: tuple[Unmatched, ...] = ()
    """Gold meetings, commitments and follow-ups that no prediction matched."""

    def accuracy(self, name: str) -> Accuracy:
        """Look up the accuracy of one of :data:`ATTRIBUTES` on this article's matched meetings."""
        return _accuracy(self.attributes, name)


@attrs.frozen(kw_only=True)
class Scores:
    """The scores of a set of articles: micro-summed totals and each article's own."""

    meetings: Counts = Counts()
    commitments: Counts = Counts()
    commitments_strict: Counts = Counts()
    followups: Counts = Counts()
    followups_strict: Counts = Counts()
    attributes: tuple[tuple[str, Accuracy], ...] = attrs.field(factory=_no_attributes)
    """``(name, accuracy)`` for each of :data:`ATTRIBUTES`, in that order."""
    documents: tuple[DocumentScore, ...] = ()

    def accuracy(self, name: str) -> Accuracy:
        """Look up the accuracy of one of :data:`ATTRIBUTES` over all matched meetings."""
        return _accuracy(self.attributes, name)


# ---------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------


def _assign(cost: Sequence[Sequence[Fraction]]) -> list[int]:
    """Assign each row a distinct column at the least total cost (the Hungarian method).

    Needs at least as many columns as rows; returns the column of each row.
    This is the shortest-augmenting-path form with potentials, O(rows² × columns),
    exact on fractions.
    """
    rows, columns = len(cost), len(cost[0])
    u = [Fraction(0)] * (rows + 1)  # row potentials, 1-based
    v = [Fraction(0)] * (columns + 1)  # column potentials, 1-based
    owner = [0] * (columns + 1)  # the row (1-based) holding each column, 0 for none
    way = [0] * (columns + 1)  # the previous column on the shortest path
    for row in range(1, rows + 1):
        owner[0] = row
        column = 0
        least: list[Fraction | None] = [None] * (columns + 1)  # None: not reached yet
        used = [False] * (columns + 1)
        while True:
            used[column] = True
            current = owner[column]
            delta: Fraction | None = None
            step = 0
            for j in range(1, columns + 1):
                if used[j]:
                    continue
                reduced = cost[current - 1][j - 1] - u[current] - v[j]
                best = least[j]
                if best is None or reduced < best:
                    least[j] = best = reduced
                    way[j] = column
                if delta is None or best < delta:
                    delta, step = best, j
            assert delta is not None  # rows <= columns leaves a free column
            for j in range(columns + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    best = least[j]
                    if best is not None:
                        least[j] = best - delta
            column = step
            if owner[column] == 0:
                break
        while column:
            previous = way[column]
            owner[column] = owner[previous]
            column = previous
    assignment = [0] * rows
    for j in range(1, columns + 1):
        if owner[j]:
            assignment[owner[j] - 1] = j - 1
    return assignment


_Key = tuple[Fraction, ...]
"""How good a candidate pair is: compared component by component, all but the last whole."""


def _match(
    n_gold: int, n_predicted: int, key: Callable[[int, int], _Key | None]
) -> tuple[tuple[int, int], ...]:
    """Match gold and predicted items one to one: the most matches, then the best keys.

    ``key(g, p)`` is ``None`` when gold item ``g`` and prediction ``p``
    cannot match, else a tuple of non-negative numbers, all whole but the
    last.  Among the matchings with the most pairs, the chosen one has the
    greatest sum of first components, then of second components, and so on.
    Returns the sorted ``(gold, predicted)`` index pairs.
    """
    keys: dict[tuple[int, int], _Key] = {}
    for g in range(n_gold):
        for p in range(n_predicted):
            found = key(g, p)
            if found is not None:
                keys[g, p] = (Fraction(1), *found)
    if not keys:
        return ()
    # Each component's sum over a matching stays below its radix, so adding the
    # mixed-radix weights of the pairs compares matchings component by component.
    most = min(n_gold, n_predicted)
    width = len(next(iter(keys.values())))
    radices = [most * max(k[c] for k in keys.values()) + 1 for c in range(width)]
    weights: dict[tuple[int, int], Fraction] = {}
    for pair, k in keys.items():
        weight = Fraction(0)
        for component, radix in zip(k, radices, strict=True):
            weight = weight * radix + component
        weights[pair] = weight
    transpose = n_gold > n_predicted
    rows, columns = (n_predicted, n_gold) if transpose else (n_gold, n_predicted)

    def pair_of(row: int, column: int) -> tuple[int, int]:
        return (column, row) if transpose else (row, column)

    cost = [[-weights.get(pair_of(r, c), Fraction(0)) for c in range(columns)] for r in range(rows)]
    chosen = (pair_of(r, c) for r, c in enumerate(_assign(cost)))
    return tuple(sorted(pair for pair in chosen if pair in keys))


def _jaccard(a: Iterable[str], b: Iterable[str]) -> Fraction:
    """Share of the union that two party sets have in common (1 for two empty sets)."""
    first, second = set(a), set(b)
    union = first | second
    return Fraction(len(first & second), len(union)) if union else Fraction(1)


def _span_jaccard(a: Span, b: Span) -> Fraction:
    """Share of the two spans' extent that both cover (0 when they do not overlap)."""
    common = min(a.end, b.end) - max(a.start, b.start)
    extent = max(a.end, b.end) - min(a.start, b.start)
    return Fraction(common, extent) if common > 0 else Fraction(0)


def _fold(text: str) -> str:
    """Fold ``text`` for comparing: no case and no accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _surname(name: str) -> str:
    """Take the last word of a name, folded."""
    words = name.split()
    return _fold(words[-1]) if words else ""


def _same_location(gold: GoldLocation | None, predicted: GoldLocation | None) -> bool:
    """Whether city (ignoring case and accents) and country agree; null only against null."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    gold_city = None if gold.city is None else _fold(gold.city)
    predicted_city = None if predicted.city is None else _fold(predicted.city)
    return gold_city == predicted_city and gold.country == predicted.country


def _meeting_attributes(gold: GoldMeeting, predicted: GoldMeeting) -> tuple[Accuracy, ...]:
    """Judge each of :data:`ATTRIBUTES` of a matched pair, in that order."""
    predicted_heads = {party: _surname(name) for party, name in predicted.heads}
    heads_right = sum(
        1 for party, name in gold.heads if predicted_heads.get(party) == _surname(name)
    )
    judgements = (
        set(gold.parties) == set(predicted.parties),
        gold.status == predicted.status,
        gold.mode == predicted.mode,
        gold.date == predicted.date,
        _same_location(gold.location, predicted.location),
    )
    return (
        *(Accuracy(correct=int(right), total=1) for right in judgements),
        Accuracy(correct=heads_right, total=len(gold.heads)),
    )


def _meetings_can_match(gold: GoldMeeting, predicted: GoldMeeting) -> bool:
    """Apply the README's rule for a gold and a predicted meeting to match."""
    if _jaccard(gold.parties, predicted.parties) < Fraction(1, 2):
        return False
    return (
        (gold.date is not None and gold.date == predicted.date)
        or gold.evidence.overlaps(predicted.evidence)
        or (
            gold.date is None
            and predicted.date is None
            and set(gold.parties) == set(predicted.parties)
        )
    )


def _meeting_key(gold: GoldMeeting, predicted: GoldMeeting) -> _Key | None:
    """Rank a possible meeting pair: overlapping evidence, agreeing attributes, Jaccard."""
    if not _meetings_can_match(gold, predicted):
        return None
    agreeing = sum(a.correct for a in _meeting_attributes(gold, predicted))
    return (
        Fraction(int(gold.evidence.overlaps(predicted.evidence))),
        Fraction(agreeing),
        _jaccard(gold.parties, predicted.parties),
    )


def _item_key(
    gold: GoldCommitment | GoldFollowUp, predicted: GoldCommitment | GoldFollowUp, *, strict: bool
) -> _Key | None:
    """Rank a possible commitment or follow-up pair: equal parties, equal dates, span overlap.

    The pair can match when the spans overlap and, if ``strict``, the party
    sets are equal.
    """
    if not gold.evidence.overlaps(predicted.evidence):
        return None
    same_parties = set(gold.parties) == set(predicted.parties)
    if strict and not same_parties:
        return None
    ranks = [] if strict else [int(same_parties)]
    if isinstance(gold, GoldFollowUp) and isinstance(predicted, GoldFollowUp):
        ranks.append(int(gold.date == predicted.date))
    return (*map(Fraction, ranks), _span_jaccard(gold.evidence, predicted.evidence))


def _match_items(
    gold: Sequence[GoldCommitment | GoldFollowUp],
    predicted: Sequence[GoldCommitment | GoldFollowUp],
    *,
    strict: bool,
) -> tuple[tuple[int, int], ...]:
    """Match commitments (or follow-ups) by overlapping evidence, and parties if ``strict``."""
    return _match(
        len(gold), len(predicted), lambda g, p: _item_key(gold[g], predicted[p], strict=strict)
    )


def _unmatched(
    category: str, spans: Sequence[Span], matched: Iterable[int]
) -> tuple[Unmatched, ...]:
    """Build the items of ``spans`` whose index is not in ``matched``."""
    taken = set(matched)
    return tuple(
        Unmatched(category=category, index=i, evidence=span)
        for i, span in enumerate(spans)
        if i not in taken
    )


def _counts(pairs: tuple[tuple[int, int], ...], n_gold: int, n_predicted: int) -> Counts:
    """Count a matching's true positives, false positives and false negatives."""
    return Counts(tp=len(pairs), fp=n_predicted - len(pairs), fn=n_gold - len(pairs))


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------


def score_document(gold: GoldDocument, predicted: GoldDocument) -> DocumentScore:
    """Score the predictions for one article against its gold annotation.

    Both documents must have the same id and the same text (every span is an
    offset into it); else :class:`~diplomacy_events.exceptions.InputError`.
    """
    for argument, value in (("gold", gold), ("predicted", predicted)):
        if not isinstance(value, GoldDocument):
            raise ArgumentTypeError.for_argument(argument, value, "GoldDocument")
    if predicted.id != gold.id:
        raise InputError.for_argument(
            "predicted.id", predicted.id, f"the gold document's id {gold.id!r}"
        )
    if predicted.text != gold.text:
        raise InputError.for_argument(
            "predicted.text", predicted.text, f"the text of the gold document {gold.id!r}"
        )

    gm, pm = gold.meetings, predicted.meetings
    meeting_pairs = _match(len(gm), len(pm), lambda g, p: _meeting_key(gm[g], pm[p]))
    attributes = _no_attributes()
    for g, p in meeting_pairs:
        judged = _meeting_attributes(gm[g], pm[p])
        attributes = tuple(
            (name, total + one) for (name, total), one in zip(attributes, judged, strict=True)
        )

    gc, pc = gold.commitments, predicted.commitments
    commitment_pairs = _match_items(gc, pc, strict=False)
    gf, pf = gold.followups, predicted.followups
    followup_pairs = _match_items(gf, pf, strict=False)
    lenient = (
        ("meetings", [m.evidence for m in gm], [m.evidence for m in pm], meeting_pairs),
        ("commitments", [c.evidence for c in gc], [c.evidence for c in pc], commitment_pairs),
        ("followups", [f.evidence for f in gf], [f.evidence for f in pf], followup_pairs),
    )
    return DocumentScore(
        id=gold.id,
        meetings=_counts(meeting_pairs, len(gm), len(pm)),
        commitments=_counts(commitment_pairs, len(gc), len(pc)),
        commitments_strict=_counts(_match_items(gc, pc, strict=True), len(gc), len(pc)),
        followups=_counts(followup_pairs, len(gf), len(pf)),
        followups_strict=_counts(_match_items(gf, pf, strict=True), len(gf), len(pf)),
        attributes=attributes,
        meeting_pairs=meeting_pairs,
        false_positives=tuple(
            item
            for category, _, spans, pairs in lenient
            for item in _unmatched(category, spans, (p for _, p in pairs))
        ),
        false_negatives=tuple(
            item
            for category, spans, _, pairs in lenient
            for item in _unmatched(category, spans, (g for g, _ in pairs))
        ),
    )


def score(pairs: Iterable[tuple[GoldDocument, GoldDocument]]) -> Scores:
    """Score ``(gold, predicted)`` pairs of documents and sum the counts over all of them."""
    documents = tuple(score_document(gold, predicted) for gold, predicted in pairs)
    totals = {name: Counts() for name, _ in _CATEGORIES}
    attributes = _no_attributes()
    for document in documents:
        for name in totals:
            totals[name] += getattr(document, name)
        attributes = tuple(
            (name, total + one)
            for (name, total), (_, one) in zip(attributes, document.attributes, strict=True)
        )
    return Scores(
        meetings=totals["meetings"],
        commitments=totals["commitments"],
        commitments_strict=totals["commitments_strict"],
        followups=totals["followups"],
        followups_strict=totals["followups_strict"],
        attributes=attributes,
        documents=documents,
    )


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------


def _quote(text: str) -> str:
    """Quote evidence on one line."""
    return json.dumps(text, ensure_ascii=False)


def format_scores(scores: Scores, *, details: bool = False) -> str:
    """Write scores as a plain-text report, figures with 3 decimals.

    A table of precision, recall, F1, tp, fp and fn per category, then the
    accuracy of each attribute on matched meetings.  With ``details``, one
    line per article with its tp/fp/fn, followed by each of its false
    positives (FP) and false negatives (FN) by evidence text.
    """
    lines = [
        f"{len(scores.documents)} documents",
        "",
        f"{'category':<22}{'precision':>10}{'recall':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}",
    ]
    for name, label in _CATEGORIES:
        c: Counts = getattr(scores, name)
        lines.append(
            f"{label:<22}{c.precision:>10.3f}{c.recall:>8.3f}{c.f1:>8.3f}"
            f"{c.tp:>6}{c.fp:>6}{c.fn:>6}"
        )
    lines += ["", f"{'matched meetings':<22}{'accuracy':>10}{'correct':>9}{'total':>8}"]
    for name, a in scores.attributes:
        lines.append(f"{name:<22}{a.value:>10.3f}{a.correct:>9}{a.total:>8}")
    if details:
        lines += ["", "per document (tp/fp/fn):"]
        for doc in scores.documents:
            figures = "  ".join(
                f"{label} {c.tp}/{c.fp}/{c.fn}"
                for name, label in _CATEGORIES
                for c in [getattr(doc, name)]
            )
            lines.append(f"{doc.id}: {figures}")
            for tag, items in (("FP", doc.false_positives), ("FN", doc.false_negatives)):
                for item in items:
                    lines.append(
                        f"  {tag} {item.category}[{item.index}]: {_quote(item.evidence.text)}"
                    )
    return "\n".join(lines) + "\n"
