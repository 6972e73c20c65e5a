"""Finding commitments, and the requests and concerns that are not commitments.

A commitment is an undertaking by a party to do something named: ``"agreed
to work on a roadmap"``, ``"reaffirmed their commitment to ..."``, ``"Israel
will release ..."``.  :class:`CommitmentExtractor` finds the trigger (the
word list ``commitment_triggers.tsv``), the subject that binds itself, and
the action; who reported it (``"according to TASS"``, ``"the Foreign
Ministry said"``) is kept apart from who made it.

The corpus guidelines say what is *not* a commitment: requests (``"urged"``),
concerns, hopes, readiness, praise, emphasis, agreements made elsewhere.
Requests and concerns are found by :class:`RequestExtractor` and
:class:`ConcernExtractor`, as light objects of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

import attrs
import regex

from diplomacy_events._clauses import TITLE_PAIR, clause_start, possessor, subject
from diplomacy_events.base import TriggerExtractor
from diplomacy_events.mentions import Mentions
from diplomacy_events.model import Party, Source, Strength
from diplomacy_events.text import Sentence

__all__ = [
    "CommitmentDraft",
    "CommitmentExtractor",
    "ConcernExtractor",
    "RequestExtractor",
    "StatementDraft",
]

# What follows "agreed to" when the undertaking is a further meeting (a follow-up).
_FOLLOW_UP_AFTER = regex.compile(
    r"""
    [ ]*(?:also[ ]|further[ ])?+
    (?:meet | continue[ ](?:the[ ]|their[ ])?(?:(?:\p{Ll}++[ ](?:and[ ])?)?contacts
      | (?:\p{Ll}++[ ])?dialogue | consultations)
    | maintain | stay[ ]in | keep[ ]in | remain[ ]in | hold[ ](?:a[ ])?(?:follow-up|further|another|next)
    | convene | set[ ]up[ ]a[ ]consultation | (?:on[ ])?further[ ](?:\p{Ll}++[ ])?contacts)
    """,
    regex.VERBOSE,
)

# Words just before a trigger that make it no commitment of the subject.
_NOT_A_COMMITMENT_BEFORE = regex.compile(
    r"""
    \b(?:
      welcom\w*+ | prais\w*+ | not | never | no | urg\w++ | call\w*+[ ]on | encourag\w*+
    | asked | failed[ ]to | refus\w*+ | hope\w*+(?:[ ](?:that|to))? | ready[ ]to | readiness
    | the[ ]agreements? | previous | earlier | past | existing | would[ ]be | after | since
    | invitations?                                     # "The invitation was accepted"
    | an?[ ](?:government|leadership|partner|country|state)  # "a government committed to reforms"
    | (?:authorities|government)'s
    )\b\W*+(?:\w++\W++){0,3}$
    """,
    regex.VERBOSE | regex.IGNORECASE,
)

# Triggers of intention, whose verb must be an undertaking, not an item of an agenda.
_INTENT_TRIGGERS = frozenset({"plans", "intend", "intends", "intended", "intention"})

# Verbs of an agenda after "plans to": "plans to review current issues".
_AGENDA_VERBS = frozenset(
    "review discuss meet visit travel hold attend participate take deliver speak talk exchange address".split()
)

# The word after a trigger.
_NEXT_WORD = regex.compile(r"[ ]++(\p{Ll}++)")

# Words right after a trigger that make it no commitment: "agreed to disagree", "agreed on the
# need for" (an opinion), "accepted the invitation" (a further contact, not an undertaking), or
# nothing at all ("everything has been agreed on.").
_NOT_A_COMMITMENT_AFTER = regex.compile(
    r"""
    [ ]*(?:disagree|differ)\b
    | [ ]*(?:[.,;:!?]|$)                          # nothing named: "everything has been agreed on."
    | [ ](?:the|an?)[ ](?:\p{Ll}++[ ])?(?:need|necessity|importance|urgency|value)\b
    | [ ](?:the|an|his|her|their|this|our|my)[ ](?:\p{Ll}+[ ])?invitation\b
    """,
    regex.VERBOSE,
)

# "agreed that" states an undertaking when its clause says what will be done ("agreed that
# their teams would start negotiating"), an opinion otherwise ("agreed that Iran must never").
_AGREED_THAT = "agreed that"
_UNDERTAKING_IN_CLAUSE = regex.compile(r"[^;:]{0,120}?\b(?:will|would|shall)\b")

# "X will VERB": a future undertaking, when X is a party or "we".
_WILL = regex.compile(
    r"""
    \b(?:will|would|shall)
    (?:[ ](?:also|in[ ]turn|certainly|continue[ ]to|jointly|further|now))*+
    [ ](?P<verb>\p{Ll}+)
    """,
    regex.VERBOSE,
)

# Verbs after "will" that describe an itinerary or a contact, not an undertaking.
_ITINERARY_VERBS = frozenset(
    """
    be meet visit travel hold attend participate take deliver host discuss speak talk
    exchange think pay consider review focus brief inform
    hold have make give receive arrive depart lead join address co-chair chair open
    also continue remain see say tell announce mark sign seek need look
    """.split()
)

# What an itinerary verb does when it is an undertaking after all, by its object: a party
# "will open" a consulate, a route or its airspace, but "will open" a summit or an exhibition
# on its itinerary.
_UNDERTAKEN_OBJECTS: Mapping[str, regex.Pattern[str]] = {
    "open": regex.compile(
        r"""
        [ ](?:up[ ])?+                          # "open", "open up"
        (?:[\p{L}\-]++[ ]){0,3}?                # up to three words: "a new", "its", "Saudi"
        (?:
          consulates? | consulate-general | embass(?:y|ies) | offices? | missions?
        | representations? | branch(?:es)? | cent(?:er|re)s? | schools? | universit(?:y|ies)
        | markets? | borders? | crossings? | checkpoints? | airspace | routes? | corridors?
        | flights? | services? | lines? | ports? | factor(?:y|ies) | plants?
        )\b
        """,
        regex.VERBOSE,
    ),
}

# The source of a report: "according to TASS", "the Foreign Ministry said".
_ACCORDING_TO = regex.compile(
    r"""
    \b(?:according[ ]to|reported[ ]by|citing|cited[ ]by|as[ ]reported[ ]by)[ ]
    (?P<source>\p{Lu}[\p{L}\-]*+(?:\.\p{L}++)*+(?:[ ](?:of[ ]|the[ ])?+\p{Lu}[\p{L}\-]*+){0,4})
    """,
    regex.VERBOSE,
)

# The end of the action after a trigger: the clause ends.
_ACTION_END = regex.compile(r"[.;:]|,[ ](?:and|while|but|which)\b|$")


@attrs.frozen(kw_only=True)
class StatementDraft:
    """A statement found in one sentence: who, what, and where (view offsets).

    ``collective`` is true when the subject is "both sides", "we" or the
    like, which assembly resolves to the parties of the meeting at hand.
    """

    kind: str
    label: str
    parties: tuple[Party, ...]
    collective: bool
    first_person: bool = attrs.field(default=False, kw_only=True)
    """Whether the subject is "we": the speaker's side, or all signatories of a joint statement."""
    dual: bool = attrs.field(default=False, kw_only=True)
    """Whether the subject is "the two leaders" or "both sides": two parties, not a mediator."""
    start: int
    end: int
    trigger_start: int
    trigger_end: int
    sentence: Sentence


@attrs.frozen(kw_only=True)
class CommitmentDraft(StatementDraft):
    """A commitment as found in one sentence, before assembly links it to its meeting."""

    strength: Strength
    action: str
    sources: tuple[Source, ...] = ()


class _SubjectExtractor(TriggerExtractor[StatementDraft]):
    """Shared steps: the subject of a trigger and the evidence window."""

    kind = "statement"
    words_before = 10
    """How many words before the trigger the evidence keeps at most."""
    words_after = 8
    """How many words after the trigger the evidence keeps."""

    def evidence_window(
        self, mentions: Mentions, start: int, tstart: int, tend: int
    ) -> tuple[int, int]:
        """The evidence: from the subject to a few words after the trigger."""
        view = mentions.doc.view
        sentence = mentions.doc.sentence_at(tstart)
        after = _words(self.words_after, before=False).match(view, tend, sentence.end)
        end = after.end() if after else tend
        stop = _ACTION_END.search(view, tend, end)
        if stop is not None and stop.start() > tend:
            end = stop.start()
        return start, end

    def build(
        self, mentions: Mentions, sentence: Sentence, start: int, end: int, label: str
    ) -> StatementDraft | None:
        """A draft with the trigger's subject, or the meeting's parties if the subject is collective."""
        view = mentions.doc.view
        left = clause_start(view, sentence.start, start)
        noun = view[start:end].split(" ")[0].rstrip("s") in _NOUNS
        owner = possessor(mentions, start) if noun else None
        parties: tuple[Party, ...]
        if owner is not None:
            parties, collective, first = (owner[0],), False, owner[1]
        elif noun and _OWN.search(view, max(sentence.start, start - 8), start):
            # "The Russian side noted its commitment": the subject of the whole clause.
            parties, collective, first = subject(
                mentions, clause_start(view, sentence.start, left - 1), start
            )
        else:
            parties, collective, first = subject(mentions, left, start)
        dual = not parties and bool(
            _DUAL.search(view, left, start) or TITLE_PAIR.search(view, left, start)
        )
        # "The Secretary and President reaffirmed ... our joint commitment": both sides' "our".
        first_person = not parties and not dual and bool(_FIRST_PERSON.search(view, left, start))
        if not parties:
            collective = True
        first = max(first, _start_of_last_words(view, left, start, self.words_before))
        ev_start, ev_end = self.evidence_window(mentions, min(first, start), start, end)
        return StatementDraft(
            kind=self.kind,
            label=label,
            parties=parties,
            collective=collective and not parties,
            first_person=first_person,
            dual=dual,
            start=ev_start,
            end=ev_end,
            trigger_start=start,
            trigger_end=end,
            sentence=sentence,
        )


_STRENGTHS = {s.value: s for s in Strength}

# An agreement reached, its noun after a few words: "reached a preliminary agreement",
# "reached a "five-point consensus"" (the word list has the forms with no word between).
_REACHED = regex.compile(
    r"""
    \breached[ ](?:a|an)[ ]
    (?:["\p{L}\-]++[ ]){1,3}?           # one to three words: "preliminary", ""five-point"
    (?:consensus|agreement|understanding|deal)\b"?+
    """,
    regex.VERBOSE,
)

# A possessive pronoun before a noun trigger: "its commitment".
_OWN = regex.compile(r"\b(?:its|his|her)[ ](?:\p{Ll}+[ ])?$")

# A subject of the two negotiating sides: "the two leaders", "both sides", "the parties".
_DUAL = regex.compile(r"\b(?:[Bb]oth|[Tt]he[ ]two|[Tt]he[ ]parties)\b")

# "We" as a subject.
_FIRST_PERSON = regex.compile(r"\b(?:[Ww]e|[Oo]ur|us)\b")

# Triggers that are nouns, whose possessor is the party bound: "the U.S. commitment".
_NOUNS = ("commitment", "intention", "resolve", "pledge")


def _original(mentions: Mentions, start: int, end: int) -> str:
    """The original text of a view span, stripped: actions quote the article as written."""
    doc = mentions.doc
    return doc.text[doc.original_offset(start) : doc.original_offset(end)].strip()


@cache
def _words(count: int, *, before: bool) -> regex.Pattern[str]:
    """A pattern for up to ``count`` words ending at (``before``) or starting at a point."""
    if before:
        return regex.compile(rf"(?:[^ ]++[ ]++){{0,{count}}}$")
    return regex.compile(rf"(?:[ ]++[^ ]++){{0,{count}}}")


def _start_of_last_words(view: str, floor: int, end: int, count: int) -> int:
    """Where the last ``count`` words before ``end`` start (not before ``floor``)."""
    match = _words(count, before=True).search(view, max(floor, end - 40 * count), end)
    return match.start() if match else floor


class CommitmentExtractor(_SubjectExtractor):
    """Finds commitments: a trigger phrase, its subject, the action undertaken.

    Besides the word list's phrases, ``"PARTY will VERB"`` is a commitment
    when the subject is a party or a collective (``"we"``, ``"both sides"``)
    and the verb is not one of an itinerary (:meth:`future_commitments`).
    """

    word_list = "commitment_triggers.tsv"
    rule = "commitment"
    kind = "commitment"

    def __init__(
        self, phrases: Mapping[str, str] | Iterable[tuple[str, str]] | None = None
    ) -> None:
        super().__init__(phrases)

    def extract(self, mentions: Mentions) -> tuple[StatementDraft, ...]:
        """Commitments from trigger phrases and from ``"will"`` clauses, in text order."""
        drafts = list(super().extract(mentions))
        taken = [(d.trigger_start, d.end) for d in drafts]
        for draft in [*self.modified_agreements(mentions), *self.future_commitments(mentions)]:
            sentence_drafts = [
                t for t in taken if t[0] >= draft.sentence.start and t[0] < draft.sentence.end
            ]
            if any(
                s <= draft.trigger_start < e or draft.start <= s < draft.end
                for s, e in sentence_drafts
            ):
                continue
            drafts.append(draft)
        drafts.sort(key=lambda d: d.start)
        return tuple(drafts)

    def accept(self, mentions: Mentions, sentence: Sentence, start: int, end: int) -> bool:
        """Reject triggers that introduce a follow-up, a request, praise or an agreement made elsewhere."""
        view = mentions.doc.view
        if _FOLLOW_UP_AFTER.match(view, end) or _NOT_A_COMMITMENT_AFTER.match(view, end):
            return False
        if view[start:end] == _AGREED_THAT and not _UNDERTAKING_IN_CLAUSE.match(
            view, end, sentence.end
        ):
            return False  # "agreed that Iran must never be allowed": an opinion shared
        if view[start:end].split(" ")[0] in _INTENT_TRIGGERS:
            verb = _NEXT_WORD.match(view, end)
            if verb is not None and verb.group(1) in _AGENDA_VERBS:
                return False  # "plans to review current issues": an item of an agenda
        before = view[max(sentence.start, start - 60) : start]
        return not _NOT_A_COMMITMENT_BEFORE.search(before)

    def build(
        self, mentions: Mentions, sentence: Sentence, start: int, end: int, label: str
    ) -> StatementDraft | None:
        """A commitment draft with its strength, action and sources."""
        base = super().build(mentions, sentence, start, end, label)
        if base is None:
            return None
        view = mentions.doc.view
        stop = _ACTION_END.search(view, end, sentence.end)
        action = _original(mentions, end, stop.start() if stop else sentence.end)
        return CommitmentDraft(
            **attrs.asdict(base, recurse=False),
            strength=_STRENGTHS.get(label, Strength.AGREED),
            action=action,
            sources=self.sources(mentions, sentence),
        )

    def sources(self, mentions: Mentions, sentence: Sentence) -> tuple[Source, ...]:
        """Who reported the sentence: ``"according to TASS"`` and the like."""
        doc = mentions.doc
        found = []
        for match in _ACCORDING_TO.finditer(doc.view, sentence.start, sentence.end):
            found.append(
                Source(
                    name=match.group("source"),
                    evidence=doc.evidence(
                        match.start("source"), match.end("source"), f"{self.rule}.source"
                    ),
                )
            )
        return tuple(found)

    def modified_agreements(self, mentions: Mentions) -> Iterable[StatementDraft]:
        """Agreements reached whose noun has words before it: ``"reached a preliminary agreement"``.

        ``"they had reached a "five-point consensus""``: the word list's
        ``"reached a consensus"`` with up to three words between article and noun.
        """
        view = mentions.doc.view
        for match in _REACHED.finditer(view):
            sentence = mentions.doc.sentence_at(match.start())
            if sentence.headline or not self.accept(mentions, sentence, match.start(), match.end()):
                continue
            draft = self.build(mentions, sentence, match.start(), match.end(), "agreed")
            if draft is not None and not self.reject(mentions, draft):
                yield draft

    def future_commitments(self, mentions: Mentions) -> Iterable[StatementDraft]:
        """``"PARTY will VERB ..."`` clauses whose verb is no item of an itinerary.

        A verb of itineraries is an undertaking with some objects: "will open
        a new consulate", not "will open the summit".
        """
        view = mentions.doc.view
        for sentence in mentions.doc.sentences:
            if sentence.headline:
                continue
            for match in _WILL.finditer(view, sentence.start, sentence.end):
                verb = match.group("verb")
                if verb in _ITINERARY_VERBS and not _undertaken(view, verb, match.end("verb")):
                    continue
                left = clause_start(view, sentence.start, match.start())
                parties, collective, first = subject(mentions, left, match.start())
                # The subject must stand right before "will": at most four words between.
                gap = view[first : match.start()] if (parties or collective) else ""
                if not (parties or collective) or len(gap.split()) > 6:
                    continue
                if Mentions.within(mentions.person_spans, left, match.start()) and not collective:
                    continue  # "Vladimir Putin will ..." is an itinerary, not a state's undertaking
                if _NOT_A_COMMITMENT_BEFORE.search(view[max(sentence.start, first - 40) : first]):
                    continue
                tend = match.end("verb")
                start, end = self.evidence_window(mentions, first, match.start(), tend)
                stop = _ACTION_END.search(view, tend, sentence.end)
                yield CommitmentDraft(
                    kind=self.kind,
                    label="intended",
                    parties=parties,
                    collective=not parties,
                    start=start,
                    end=end,
                    trigger_start=match.start(),
                    trigger_end=tend,
                    sentence=sentence,
                    strength=Strength.INTENDED,
                    action=_original(
                        mentions, match.start("verb"), stop.start() if stop else sentence.end
                    ),
                    sources=self.sources(mentions, sentence),
                )


def _undertaken(view: str, verb: str, end: int) -> bool:
    """Whether an itinerary verb ending at ``end`` is an undertaking by its object."""
    pattern = _UNDERTAKEN_OBJECTS.get(verb)
    return pattern is not None and pattern.match(view, end) is not None


class RequestExtractor(_SubjectExtractor):
    """Finds requests and calls on another party: ``"urged"``, ``"called on"``, ``"encouraged"``."""

    word_list = "request_triggers.tsv"
    rule = "request"
    kind = "request"


class ConcernExtractor(_SubjectExtractor):
    """Finds concerns raised by a party: ``"raised concerns about"``, ``"expressed concern"``."""

    word_list = "concern_triggers.tsv"
    rule = "concern"
    kind = "concern"
