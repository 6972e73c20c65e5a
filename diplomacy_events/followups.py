"""Finding follow-ups: further meetings or contacts the parties agreed, planned or discussed.

``"discussed holding a follow-up meeting ... in the near term"``, ``"agreed to
continue contacts"``, ``"the next round in Geneva next month"``: the trigger
phrases are the word list ``followup_triggers.tsv``.  A follow-up's parties
are those of the meeting it follows, which assembly fills in; its date,
place and representation are each known, to be determined, or unstated.
"""

from __future__ import annotations

import attrs
import regex

from diplomacy_events.base import TriggerExtractor
from diplomacy_events.mentions import Mentions
from diplomacy_events.model import Determination, Party
from diplomacy_events.text import Sentence
from diplomacy_events.times import TimeMention

__all__ = ["FollowUpDraft", "FollowUpExtractor"]

# "with the date, location, and representation to be determined".
_TO_BE_DETERMINED = regex.compile(
    r"""
    (?P<what>(?:\b(?:date|time|timing|location|venue|place|format|representation|level|dates)\b
    (?:,?[ ](?:and[ ])?)?){1,4})
    (?:[ ](?:are|is|will[ ]be|to[ ]be|yet[ ]to[ ]be|still[ ]to[ ]be))?[ ]
    (?:determined|decided|agreed|fixed|set|confirmed|announced|finali[sz]ed|specified|coordinated)
    """,
    regex.VERBOSE,
)

# Words before a trigger that say it is not a further contact of these parties.
_NOT_BEFORE = regex.compile(
    r"""
    \b(?:no|not|never|ruled[ ]out|refused|cancel\w*|last|previous)\W+(?:\w+\W+){0,2}$  # negated, or earlier
    | \b(?:by|before|until|at|ahead[ ]of|during)[ ](?:the[ ]|their[ ]|its[ ])?$        # a deadline or a venue
    """,
    regex.VERBOSE | regex.IGNORECASE,
)


# "invited" a few words before an invitation phrase: "Putin invited Serdar Berdimuhamedov to
# visit Russia" (not "at the invitation of", a visit being made, nor "was invited").
_INVITED_BEFORE = regex.compile(
    r"(?<!\b(?:was|were|been|being|is|are)[ ])\binvited(?:[ ][^ .;]++){1,8}[ ]$"
)

# How far before an invitation phrase "invited" may stand.
_INVITED_REACH = 90

# A subject right before a present-tense trigger: "We maintain regular contacts" is a habit.
_HABIT_SUBJECT = regex.compile(r"\b(?:[Ww]e|[Tt]hey)[ ]$")
_HABIT_VERBS = frozenset({"maintain", "keep", "remain", "stay"})

# "this series of meetings", "these working groups": the one at hand (but "this next meeting").
_THIS_BEFORE = regex.compile(r"\b(?:[Tt]his|[Tt]hese)[ ]$")

# The kind of the phrases that are follow-ups only when invited.
_INVITATION = "invitation"


@attrs.frozen(kw_only=True)
class FollowUpDraft:
    """A follow-up as found in one sentence (view offsets), before assembly."""

    label: str
    start: int
    end: int
    trigger_start: int
    trigger_end: int
    sentence: Sentence
    time: TimeMention | None
    date_status: Determination
    location_status: Determination
    representation_status: Determination
    parties: tuple[Party, ...] = ()


class FollowUpExtractor(TriggerExtractor[FollowUpDraft]):
    """Finds follow-ups from trigger phrases.

    Hooks beyond :class:`~diplomacy_events.base.TriggerExtractor`'s:
    :meth:`determinations` (what of date, place and representation is known).
    """

    word_list = "followup_triggers.tsv"
    rule = "followup"

    def accept(self, mentions: Mentions, sentence: Sentence, start: int, end: int) -> bool:
        """Reject a trigger negated or about an earlier contact (``"the last meeting"``).

        An invitation phrase (``"to pay an official visit"``) is one only
        after ``"invited"``: an invitation extended at the reported meeting.
        """
        view = mentions.doc.view
        if (
            self.phrases()[view[start:end]] == _INVITATION
            and _invited(view, sentence, start) is None
        ):
            return False
        before = view[max(sentence.start, start - 30) : start]
        first_word = view[start:end].split(" ")[0]
        if first_word in _HABIT_VERBS and _HABIT_SUBJECT.search(before):
            return False
        if first_word.lower() != "next" and _THIS_BEFORE.search(before):
            return False
        return not _NOT_BEFORE.search(before)

    def build(
        self, mentions: Mentions, sentence: Sentence, start: int, end: int, label: str
    ) -> FollowUpDraft | None:
        """The draft: the trigger with a few words of context, its date if the sentence gives one."""
        view = mentions.doc.view
        ev_start = start
        # Take the verb before the trigger into the evidence ("holding a follow-up meeting").
        before = regex.search(
            r"(?:\b\p{L}+[ ](?:a[ ]|the[ ]|an[ ])?)$", view[max(sentence.start, start - 25) : start]
        )
        if before is not None:
            ev_start = start - len(before.group())
        invited = _invited(view, sentence, start) if label == _INVITATION else None
        if invited is not None:
            ev_start = invited  # "invited Serdar Berdimuhamedov to visit Russia"
        words = regex.compile(r"(?:[ ]+[^ .;]+){0,6}").match(view, end, sentence.end)
        ev_end = words.end() if words else end
        time = None
        for span in Mentions.within(mentions.times, sentence.start, sentence.end):
            if span.start >= start - 40:
                assert isinstance(span.value, TimeMention)
                time = span.value
                break
        date_status, location_status, representation_status = self.determinations(
            mentions, sentence, time
        )
        return FollowUpDraft(
            label=label,
            start=ev_start,
            end=ev_end,
            trigger_start=start,
            trigger_end=end,
            sentence=sentence,
            time=time,
            date_status=date_status,
            location_status=location_status,
            representation_status=representation_status,
        )

    def determinations(
        self, mentions: Mentions, sentence: Sentence, time: TimeMention | None
    ) -> tuple[Determination, Determination, Determination]:
        """Whether date, location and representation are known, to be determined, or unstated."""
        view = mentions.doc.view
        date = Determination.KNOWN if time is not None else Determination.UNSTATED
        location = Determination.UNSTATED
        representation = Determination.UNSTATED
        for match in _TO_BE_DETERMINED.finditer(view, sentence.start, sentence.end):
            what = match.group("what")
            if regex.search(r"\b(?:date|time|timing|dates)\b", what):
                date = Determination.TO_BE_DETERMINED
            if regex.search(r"\b(?:location|venue|place)\b", what):
                location = Determination.TO_BE_DETERMINED
            if regex.search(r"\b(?:representation|level|format)\b", what):
                representation = Determination.TO_BE_DETERMINED
        if (
            Mentions.within(mentions.places, sentence.start, sentence.end)
            and location is Determination.UNSTATED
        ):
            location = Determination.KNOWN
        return date, location, representation


def _invited(view: str, sentence: Sentence, start: int) -> int | None:
    """Where "invited" stands before an invitation phrase at ``start``, if it does."""
    match = _INVITED_BEFORE.search(view, max(sentence.start, start - _INVITED_REACH), start)
    return match.start() if match is not None else None
