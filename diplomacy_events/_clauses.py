"""Clause-level helpers shared by the event extractors: who is the subject of a trigger.

Private: the extractors expose these steps as hook methods of their own.
"""

from __future__ import annotations

import regex

from diplomacy_events.mentions import Mentions
from diplomacy_events.model import Party, PartyMention, Person

__all__ = ["COLLECTIVE", "TITLE_PAIR", "clause_start", "possessor", "subject"]

# Where the clause holding a trigger starts: after the last of these before it.
_CLAUSE_BREAK = regex.compile(
    r"""
    ;                                   # a semicolon
    | :                                 # a colon
    | \b(?:that|which|while|whereas|but|saying|noting|adding|indicating|stating|and[ ]that)\b
    | \b(?:said|says|told[ ]\p{L}+|added|noted|announced|stressed|confirmed|explained)\b  # reported speech
    | ,[ ](?=and\b|where\b|while\b|although\b)   # a comma before a new clause
    | \bwhere\b
    """,
    regex.VERBOSE,
)

# A pronoun standing for one person: "he", "she" ("its" names a party and is left to the caller).
_SINGULAR_PRONOUN = regex.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er)\b")

# Words that refer to all the parties of the meeting at hand.
COLLECTIVE = regex.compile(
    r"""
    \b(?:
      both[ ](?:sides|parties|leaders|countries|governments|delegations|ministers|presidents|men)
    | the[ ](?:two[ ])?(?:sides|parties|leaders|countries|governments|delegations|ministers|presidents|participants|men)
    | the[ ]two
    | all[ ](?:sides|parties|participants)
    | (?:we|they|we[ ]both|they[ ]both)
    | (?:We|They)
    | their[ ](?:teams|governments|countries|delegations)
    | the[ ](?:Russian|American|U\.S\.|US)[ ]and[ ]\p{L}+[ ]diplomats   # handled as parties too
    )\b
    """,
    regex.VERBOSE,
)

# Two officials named by their titles alone, one of each side: "The Secretary and Foreign
# Minister agreed", "the President and the Prime Minister".
_TITLE = (
    r"(?:(?:Deputy|Under|Assistant|Vice|First|Foreign|Prime|Defen[cs]e)[ ])*+"
    r"(?:Secretary|Minister|President|Chancellor|Premier|Ambassador|Envoy)"
)
TITLE_PAIR = regex.compile(
    rf"\b[Tt]he[ ]{_TITLE}[ ]and[ ](?:the[ ]|his[ ]|her[ ])?(?:{_TITLE}|counterpart)s?+\b(?![ ]\p{{Lu}}|,)"
)

# A party named as the topic of a clause, not its subject: "on Ukraine", "Russia's war".
_NOT_SUBJECT_BEFORE = regex.compile(
    r"(?:\b(?:on|about|regarding|over|concerning|in|at|to|with|against|toward|towards|by|of|for|from)(?:[ ]the)?[ ])$"
)


# A plural possessive between a name and a noun trigger: the pronoun is the possessor.
_PRONOUN_IN_GAP = regex.compile(r"\b(?:their|our)\b")  # not "Russia for its commitment"

# Between a possessor and its noun: "'s", "'", then at most two adjectives.
_POSSESSIVE_GAP = regex.compile(r"(?:'s|')?+[ ](?:\p{Ll}+[ ]){0,2}$")


def clause_start(view: str, floor: int, trigger_start: int) -> int:
    """The start of the clause that ends at a trigger: after the last clause break."""
    start = floor
    for brk in _CLAUSE_BREAK.finditer(view, floor, trigger_start):
        start = brk.end()
    return start


def possessor(mentions: Mentions, trigger_start: int) -> tuple[Party, int] | None:
    """The party whose undertaking a noun trigger names: "the U.S. commitment", "Biden's commitment".

    Looks at the words right before the trigger: a party or a person, maybe
    with a possessive, then at most one adjective ("renewed").
    """
    view = mentions.doc.view
    window_start = max(0, trigger_start - 60)
    match = _POSSESSIVE_GAP.search(view, window_start, trigger_start)
    if match is None or _PRONOUN_IN_GAP.search(match.group()):
        return None  # "Sherman and Chung discussed their commitment": the subject's, not Chung's
    owner_end = match.start()
    for spans in (mentions.parties, mentions.person_spans):
        for span in Mentions.within(spans, window_start, owner_end):
            if span.end == owner_end:
                value = span.value
                party = value.party if isinstance(value, (PartyMention, Person)) else None
                if party is not None:
                    return party, span.start
    return None


def subject(
    mentions: Mentions, start: int, trigger_start: int
) -> tuple[tuple[Party, ...], bool, int]:
    """The parties that are the subject of a trigger, from ``start`` to the trigger.

    Returns the parties named, whether a collective phrase ("both sides",
    "we") stands there, and where the subject starts.  A party after a
    preposition (``"the properties seized by the US"``) is not a subject.
    """
    view = mentions.doc.view
    pair = TITLE_PAIR.search(view, start, trigger_start)
    if pair is not None:
        return (), True, pair.start()
    parties: list[Party] = []
    first = trigger_start
    for span in Mentions.within(mentions.parties, start, trigger_start):
        mention = span.value
        assert isinstance(mention, PartyMention)
        if _NOT_SUBJECT_BEFORE.search(view[max(0, span.start - 12) : span.start]):
            continue
        if view[span.end : span.end + 2] == "'s" and mention.form != "demonym":
            continue
        if mention.party not in parties:
            parties.append(mention.party)
        first = min(first, span.start)
    for span in Mentions.within(mentions.person_spans, start, trigger_start):
        person = span.value
        assert isinstance(person, Person)
        if _NOT_SUBJECT_BEFORE.search(view[max(0, span.start - 12) : span.start]):
            continue
        if person.party is not None and person.party not in parties:
            parties.append(person.party)
        first = min(first, span.start)
    collective = COLLECTIVE.search(view, start, trigger_start)
    if collective is not None:
        first = min(first, collective.start())
    if not parties and collective is None:
        pronoun = _SINGULAR_PRONOUN.search(view, start, trigger_start)
        if pronoun is not None:
            person = _last_person(mentions, pronoun.start())
            if person is not None and person.party is not None:
                parties.append(person.party)
                first = pronoun.start()
    return tuple(parties), collective is not None, first


def _last_person(mentions: Mentions, before: int) -> Person | None:
    """The last person mentioned before an offset: who "he" or "she" is."""
    span = Mentions.last_before(mentions.person_spans, before)
    found = span.value if span is not None else None
    assert found is None or isinstance(found, Person)
    return found
