"""Who took part in a gathering, where the text lists them apart from the sentence reporting it.

Summit reports name the meeting in one sentence and its members in others:
"The leaders of Brazil, Russia, India, China and South Africa will
discuss ...", "the leaders attending included South African President Cyril
Ramaphosa, ...", "Thailand, the Philippines and Laos were represented by
their foreign ministers", "Lula joined by video link".  Private: the
assembler exposes the step as :meth:`~diplomacy_events.assembly.Assembler.members`.
"""

from __future__ import annotations

import regex

from diplomacy_events._clauses import clause_start
from diplomacy_events.mentions import Mentions
from diplomacy_events.model import Party, PartyKind, PartyMention, Person
from diplomacy_events.text import Sentence

__all__ = ["members"]

# "the leaders of A, B and C", "heads of state of ...": the list follows.
_LEADERS_OF = regex.compile(
    r"""
    \b(?:leaders|heads(?:[ ]of[ ]state(?:[ ]and[ ]government)?)?|presidents|prime[ ]ministers
    | foreign[ ]ministers)[ ]of[ ]
    """,
    regex.VERBOSE,
)

# "BRICS expanded last year to include A, B and C": the list follows.
_TO_INCLUDE = regex.compile(r"\bexpanded\b[^.;]{0,40}?[ ]to[ ]include[ ]")

# "the leaders attending included X, Y", "the meeting was attended by X", "Taking part in the
# summit were X, Y": people follow.
_ATTENDING = regex.compile(
    r"""
    \b(?:leaders|heads[ ]of[ ]state|participants)[ ](?:attending|present)[ ](?:included|were)[ ]
    | \b(?:was|were)[ ]attended[ ]by[ ]
    | \bTaking[ ]part[ ]in[ ]the[ ](?:summit|meeting|talks|session|conference)
      (?:,[^,;.]{1,120}+,)?+[ ]were[ ]            # "Taking part in the meeting, timed to ..., were"
    """,
    regex.VERBOSE,
)

# "Lula joined by video link", "Min Aung Hlaing joined the leaders": the subject took part.
_JOINED = regex.compile(
    r"""
    \bjoined[ ](?:by[ ]video(?:[ ]link)?|via[ ]video(?:[ ]link)?|virtually|remotely|online
    | the[ ](?:leaders|summit|meeting|talks|session|gathering))\b
    """,
    regex.VERBOSE,
)

# "A, B and C were represented by their foreign ministers": the list precedes.
_REPRESENTED = regex.compile(r"\b(?:was|were)[ ]represented[ ]by\b")

# Between two members of a list: ", ", " and ", ", and ", maybe "the".
_LIST_GAP = regex.compile(r"(?:,[ ]and[ ]|,[ ]|[ ]and[ ])(?:the[ ])?")

# Before the first member of a list: "the" at most.
_LIST_OPENING = regex.compile(r"(?:the[ ])?")

# How far a list of members may run.
_LIST_REACH = 800

# How far before "joined" its subject may start.
_SUBJECT_REACH = 80


def members(mentions: Mentions, sentence: Sentence) -> list[tuple[Party, Person | None]]:
    """The sides a sentence lists as taking part in a gathering, with the person for each."""
    view = mentions.doc.view
    found: list[tuple[Party, Person | None]] = []
    for pattern in (_LEADERS_OF, _TO_INCLUDE):
        for match in pattern.finditer(view, sentence.start, sentence.end):
            found.extend((p, None) for p in _listed(mentions, match.end(), sentence.end))
    for match in _ATTENDING.finditer(view, sentence.start, sentence.end):
        end = min(sentence.end, match.end() + _LIST_REACH)
        found.extend(_people(mentions, match.end(), end))
    for match in _JOINED.finditer(view, sentence.start, sentence.end):
        start = max(sentence.start, match.start() - _SUBJECT_REACH)
        subject = _people(mentions, clause_start(view, start, match.start()), match.start())
        found.extend(subject[-1:])
    for match in _REPRESENTED.finditer(view, sentence.start, sentence.end):
        start = clause_start(view, sentence.start, match.start())
        found.extend((p, None) for p in _states(mentions, start, match.start()))
    return found


def _listed(mentions: Mentions, start: int, end: int) -> list[Party]:
    """The parties of a list that starts at ``start``: "Brazil, Russia, India and China"."""
    view = mentions.doc.view
    listed: list[Party] = []
    at = start
    gap = _LIST_OPENING
    for span in Mentions.within(mentions.parties, start, min(end, start + _LIST_REACH)):
        joint = gap.fullmatch(view, at, span.start)
        if joint is None:
            break
        mention = span.value
        assert isinstance(mention, PartyMention)
        listed.append(mention.party)
        at, gap = span.end, _LIST_GAP
    return listed


def _people(mentions: Mentions, start: int, end: int) -> list[tuple[Party, Person | None]]:
    """The people named between two offsets who belong to a party, with their parties."""
    found: list[tuple[Party, Person | None]] = []
    for span in Mentions.within(mentions.person_spans, start, end):
        person = span.value
        assert isinstance(person, Person)
        if person.party is not None:
            found.append((person.party, person))
    return found


def _states(mentions: Mentions, start: int, end: int) -> list[Party]:
    """The states named between two offsets."""
    found: list[Party] = []
    for span in Mentions.within(mentions.parties, start, end):
        mention = span.value
        assert isinstance(mention, PartyMention)
        if mention.party.kind is PartyKind.STATE and mention.party not in found:
            found.append(mention.party)
    return found
