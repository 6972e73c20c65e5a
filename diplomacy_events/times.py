"""Time expressions and durations: finding them in text, resolving them to dates.

Finding and resolving are two steps. :class:`TimeFinder` finds what the text
says (``"Thursday"``, ``"February 27"``, ``"last week"``, ``"over five
hours"``) with exact character offsets; :func:`resolve` turns one
:class:`TimeMention` into a :class:`~diplomacy_events.model.TimeExpression`
once the publication date and the direction (an event already held, or one
still planned) are known::

    >>> import datetime
    >>> from diplomacy_events.times import Direction, TimeFinder, resolve
    >>> text = "During Thursday's talks, which lasted over five hours, ..."
    >>> finder = TimeFinder()
    >>> [mention] = finder.find(text)
    >>> mention.evidence.text, mention.weekday
    ('Thursday', 3)
    >>> resolve(mention, datetime.date(2025, 4, 11), Direction.PAST).iso
    '2025-04-10'
    >>> [(d.amount, d.unit.value, d.qualifier.value) for d in finder.find_durations(text)]
    [(5.0, 'hour', 'at_least')]

A date with no year takes the year that puts it nearest to the anchor in the
direction given; a date with a year never needs the anchor::

    >>> [mention] = finder.find("They last met on February 27.")
    >>> resolve(mention, datetime.date(2025, 4, 11), Direction.PAST).iso
    '2025-02-27'
    >>> resolve(mention, datetime.date(2025, 4, 11), Direction.FUTURE).iso
    '2026-02-27'
    >>> [mention] = finder.find("talks in May 2022")
    >>> resolve(mention, None, Direction.UNKNOWN).iso
    '2022-05'

Every pattern is bounded: each quantifier has an upper limit, so a scan takes
time linear in the length of the text, whatever the text.
"""

from __future__ import annotations

import calendar
import datetime
import enum
import re
import string
from collections.abc import Callable, Iterable
from typing import TypeVar

import attrs
import regex

from diplomacy_events._gazetteer import trie_pattern
from diplomacy_events.model import (
    Duration,
    DurationUnit,
    Evidence,
    Granularity,
    Qualifier,
    TimeExpression,
)

__all__ = ["Direction", "TimeFinder", "TimeMention", "resolve"]


# --- Vocabulary: closed word lists, kept as data ------------------------------------------------

_MONTHS: tuple[tuple[str, int], ...] = (
    ("January", 1),
    ("February", 2),
    ("March", 3),
    ("April", 4),
    ("May", 5),
    ("June", 6),
    ("July", 7),
    ("August", 8),
    ("September", 9),
    ("October", 10),
    ("November", 11),
    ("December", 12),
)
"""Month names as written in English text, capitalised (``"may"`` is a verb)."""

_MONTH_ABBREVIATIONS: tuple[tuple[str, int], ...] = (
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sept", 9),
    ("Sep", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
)
"""Abbreviated month names, used only next to a day number (``"Feb. 27"``)."""

_WEEKDAYS: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
"""Weekday names, in :meth:`datetime.date.weekday` order (Monday is 0)."""

_SHIFTS: tuple[tuple[str, int], ...] = (
    ("this coming", 1),
    ("this past", -1),
    ("previous", -1),
    ("coming", 1),
    ("last", -1),
    ("past", -1),
    ("next", 1),
    ("this", 0),
)
"""Words before a weekday or a month that move it: ``"last Friday"``, ``"next April"``."""

_MODIFIERS: tuple[str, ...] = (
    "the beginning of",
    "the middle of",
    "the start of",
    "the end of",
    "beginning of",
    "middle of",
    "start of",
    "end of",
    "early",
    "late",
    "mid",
)
"""Words before a month, a year or a relative period that narrow it within its span."""

_DATE_PREPOSITIONS: tuple[str, ...] = (
    "through",
    "during",
    "before",
    "after",
    "since",
    "until",
    "from",
    "till",
    "by",
    "in",
    "of",
    "on",
)
"""Words that make a lone month or year a date (``"in April"``, ``"since 2014"``); kept out of
the span."""

_MAY_PREPOSITIONS: tuple[str, ...] = ("during", "since", "until", "till", "by", "in", "of")
"""The narrower set that makes a lone ``"May"`` a month (``"on May"`` is often a person)."""

_RELATIVE_PHRASES: tuple[tuple[str, str, int], ...] = (
    ("the day before yesterday", "day_before_yesterday", 0),
    ("the day after tomorrow", "day_after_tomorrow", 0),
    ("earlier in the day", "earlier_today", 0),
    ("earlier today", "earlier_today", 0),
    ("later in the day", "later_today", 0),
    ("later today", "later_today", 0),
    ("this afternoon", "today", 0),
    ("this morning", "today", 0),
    ("this evening", "today", 0),
    ("today", "today", 0),
    ("tonight", "tonight", 0),
    ("yesterday", "yesterday", 0),
    ("tomorrow", "tomorrow", 0),
    ("earlier this week", "this_week", 0),
    ("later this week", "this_week", 0),
    ("this week", "this_week", 0),
    ("last week", "last_week", -1),
    ("next week", "next_week", 1),
    ("earlier this month", "earlier_this_month", 0),
    ("later this month", "later_this_month", 0),
    ("this month", "this_month", 0),
    ("last month", "last_month", -1),
    ("next month", "next_month", 1),
    ("earlier this year", "earlier_this_year", 0),
    ("later this year", "later_this_year", 0),
    ("this year", "this_year", 0),
    ("last year", "last_year", -1),
    ("next year", "next_year", 1),
    ("in the coming days", "coming_days", 1),
    ("the coming days", "coming_days", 1),
    ("in the next few days", "coming_days", 1),
    ("the next few days", "coming_days", 1),
    ("in the days ahead", "coming_days", 1),
    ("the days ahead", "coming_days", 1),
    ("in the coming weeks", "coming_weeks", 1),
    ("the coming weeks", "coming_weeks", 1),
    ("in the next few weeks", "coming_weeks", 1),
    ("the next few weeks", "coming_weeks", 1),
    ("in the weeks ahead", "coming_weeks", 1),
    ("the weeks ahead", "coming_weeks", 1),
    ("in the coming months", "coming_months", 1),
    ("the coming months", "coming_months", 1),
    ("in the next few months", "coming_months", 1),
    ("the next few months", "coming_months", 1),
    ("in the months ahead", "coming_months", 1),
    ("the months ahead", "coming_months", 1),
    ("in the very near future", "near_term", 1),
    ("in the nearest future", "near_term", 1),
    ("in the near future", "near_term", 1),
    ("in the short term", "near_term", 1),
    ("in the near term", "near_term", 1),
    ("as soon as possible", "near_term", 1),
    ("at an early date", "near_term", 1),
)
"""Relative phrases, each with its normalised key and its shift; ``"soon"`` and
``"shortly"`` are added with a guard against ``"soon after"``."""

_NUMBER_WORDS: tuple[tuple[str, int], ...] = (
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("ninety", 90),
)
"""Number words a duration may be counted in."""

_UNITS: tuple[tuple[str, DurationUnit], ...] = (
    ("minute", DurationUnit.MINUTE),
    ("hour", DurationUnit.HOUR),
    ("day", DurationUnit.DAY),
    ("week", DurationUnit.WEEK),
    ("month", DurationUnit.MONTH),
    ("year", DurationUnit.YEAR),
)
"""Duration units, singular; the pattern adds the plural ``s``."""

_QUALIFIERS: tuple[tuple[str, Qualifier], ...] = (
    ("in excess of", Qualifier.AT_LEAST),
    ("no less than", Qualifier.AT_LEAST),
    ("not less than", Qualifier.AT_LEAST),
    ("upwards of", Qualifier.AT_LEAST),
    ("more than", Qualifier.AT_LEAST),
    ("at least", Qualifier.AT_LEAST),
    ("well over", Qualifier.AT_LEAST),
    ("just over", Qualifier.AT_LEAST),
    ("over", Qualifier.AT_LEAST),
    ("no more than", Qualifier.AT_MOST),
    ("not more than", Qualifier.AT_MOST),
    ("fewer than", Qualifier.AT_MOST),
    ("less than", Qualifier.AT_MOST),
    ("just under", Qualifier.AT_MOST),
    ("at most", Qualifier.AT_MOST),
    ("up to", Qualifier.AT_MOST),
    ("under", Qualifier.AT_MOST),
    ("approximately", Qualifier.ABOUT),
    ("close to", Qualifier.ABOUT),
    ("roughly", Qualifier.ABOUT),
    ("nearly", Qualifier.ABOUT),
    ("almost", Qualifier.ABOUT),
    ("around", Qualifier.ABOUT),
    ("about", Qualifier.ABOUT),
    ("some", Qualifier.ABOUT),
)
"""Words before a duration that bound it: ``"over five hours"`` is at least five."""

_DURATION_CONTEXT: tuple[str, ...] = (
    "spending",
    "lasting",
    "lasted",
    "spent",
    "lasts",
    "spend",
    "last",
    "took",
    "take",
    "for",
)
"""Words after which ``"an hour"`` is a duration even with no qualifier; kept out of the span."""

_NOT_A_DURATION: tuple[str, ...] = (
    "in advance",
    "beforehand",
    "afterwards",
    "from now",
    "earlier",
    "before",
    "behind",
    "after",
    "ahead",
    "later",
    "prior",
    "since",
    "into",
    "ago",
)
"""Words after an amount of time that make it a point in time (``"two days ago"``)."""


# --- Pattern parts ---------------------------------------------------------------------------


def _phrase(words: str) -> str:
    """Return a pattern for a phrase, its words separated by one to three blanks."""
    return r"[^\S\r\n]{1,3}".join(regex.escape(word) for word in words.split())


def _alternation(phrases: Iterable[str]) -> str:
    """Return a non-capturing alternation of phrases, longest first so the longest wins."""
    return "(?:" + "|".join(_phrase(p) for p in sorted(phrases, key=len, reverse=True)) + ")"


_NUMBER = (
    "(?:"
    + "|".join(sorted((w for w, _ in _NUMBER_WORDS), key=len, reverse=True))
    + r"|[0-9]{1,4}(?:\.[0-9]{1,2})?)"
)
"""A number of units: a number word or one written in digits (``"1.5"``)."""

_PARTS: dict[str, str] = {
    "SP": r"[^\S\r\n]{1,3}",  # one to three blanks, not crossing a line
    "DASH": r"[^\S\r\n]{0,2}[-\u2010\u2011\u2012\u2013\u2014][^\S\r\n]{0,2}",  # a range dash
    "ORD": r"(?:st|nd|rd|th)?",  # an optional ordinal suffix: "10th"
    "NUM_END": r"(?![0-9A-Za-z]|[.,][0-9])",  # a number ends here: not "1,200" nor "5pm"
    "NUM_START": r"(?<![0-9A-Za-z])(?<![0-9][.,])",  # a number starts here
    "YEAR": r"(?:1[89]|2[01])[0-9]{2}",  # a year from 1800 to 2199
    "MONTH": _alternation(name for name, _ in _MONTHS),
    "MONTH_ABBR": _alternation(name for name, _ in _MONTH_ABBREVIATIONS),
    "ABBR_DOT": (  # the period of an abbreviated month: "Feb." but not "February."
        r"(?:(?<=\b" + _alternation(name for name, _ in _MONTH_ABBREVIATIONS) + r")\.)?"
    ),
    "WEEKDAY": _alternation(_WEEKDAYS),
    "SHIFT": "(?i:" + _alternation(word for word, _ in _SHIFTS) + ")",
    "MODIFIER": "(?i:" + _alternation(_MODIFIERS) + ")",
    "PREPOSITION": "(?i:" + _alternation(_DATE_PREPOSITIONS) + ")",
    "MAY_PREPOSITION": "(?i:" + _alternation(_MAY_PREPOSITIONS) + ")",
    "MONTH_NOT_MAY": _alternation(name for name, _ in _MONTHS if name != "May"),
    "NUMBER": _NUMBER,
    "UNIT": _alternation(word for word, _ in _UNITS),
    "QUALIFIER": _alternation(word for word, _ in _QUALIFIERS),
    "CONTEXT": _alternation(_DURATION_CONTEXT),
    "NOT_A_DURATION": _alternation(_NOT_A_DURATION),
    "HALF": _phrase("and a half"),
}
"""Named pieces that the patterns below are built from (``${NAME}`` in a template)."""


def _compile(template: str, flags: int = 0) -> regex.Pattern[str]:
    """Compile a verbose pattern template, filling each ``${NAME}`` from :data:`_PARTS`."""
    return regex.compile(string.Template(template).substitute(_PARTS), regex.VERBOSE | flags)


# Words without which no time expression or duration is written: the scan for them is
# cheap, and the patterns above run only around what it finds.
_CUE_WORDS = (
    *(name for name, _ in _MONTHS),
    *(name for name, _ in _MONTH_ABBREVIATIONS),
    *_WEEKDAYS,
    *(word for word, _ in _UNITS),
    "today", "tonight", "yesterday", "tomorrow", "weekend", "soon", "shortly", "morning",
    "afternoon", "evening", "term", "future", "half", "fortnight", "date",
)  # fmt: skip
_CUES = re.compile(
    r"(?<!\w)"
    + trie_pattern(  # a cue word as written, capitalised or in capitals, as one trie
        form for w in _CUE_WORDS for form in (w.lower(), w[:1].upper() + w[1:].lower(), w.upper())
    )
    + r"|(?<![0-9])(?:1[89]|2[01])[0-9]{2}(?![0-9])"  # a year, alone or in "2025-02-27"
)

# How far around a cue word a time expression may reach.
_CUE_REACH = 40


def _regions(text: str, begin: int, stop: int) -> list[tuple[int, int]]:
    """The stretches of ``text[begin:stop]`` around cue words, merged where they touch."""
    regions: list[tuple[int, int]] = []
    for cue in _CUES.finditer(text, begin, stop):
        low, high = max(begin, cue.start() - _CUE_REACH), min(stop, cue.end() + _CUE_REACH)
        if regions and low <= regions[-1][1]:
            regions[-1] = (regions[-1][0], high)
        else:
            regions.append((low, high))
    return regions


_OPTIONAL_WEEKDAY = r"""
    (?:\b(?P<weekday>${WEEKDAY}),?${SP})?       # an optional weekday before it: "Thursday, "
"""

_YEAR_TAIL = r"""
    (?:,?${SP}(?P<year>${YEAR})${NUM_END})?     # an optional year: ", 2025"
"""

_MONTH_DAY = _compile(
    _OPTIONAL_WEEKDAY
    + r"""
    \b(?P<month>${MONTH}|${MONTH_ABBR})${ABBR_DOT}  # the month, full or abbreviated: "Feb."
    ${SP}
    (?P<day>[0-9]{1,2})${ORD}${NUM_END}         # the day: "27", "27th"
    (?:                                         # an optional end of a range:
        ${DASH}                                 #   a dash, then
        (?:(?P<end_month>${MONTH}|${MONTH_ABBR})${ABBR_DOT}${SP})?  # another month: "June"
        (?P<end_day>[0-9]{1,2})${ORD}${NUM_END} #   the last day: "-27"
    )?
    """
    + _YEAR_TAIL
)
"""``"February 27"``, ``"Feb. 27, 2025"``, ``"May 24-27"``, ``"May 30 - June 2"``."""

_DAY_MONTH = _compile(
    r"""
    (?=[0-9A-Za-z])                             # a letter or digit first: a quick rejection
    """
    + _OPTIONAL_WEEKDAY
    + r"""
    (?:\b(?i:the)${SP})?                        # an optional article: "the 10th of April"
    ${NUM_START}(?P<day>[0-9]{1,2})${ORD}       # the day: "27", "10th"
    (?:${DASH}(?P<end_day>[0-9]{1,2})${ORD})?   # an optional last day: "24-27"
    (?:${SP}(?i:of))?${SP}                      # an optional "of"
    (?P<month>${MONTH}|${MONTH_ABBR})${ABBR_DOT}  # the month, full or abbreviated
    (?![A-Za-z])                                # and no longer word
    (?:                                         # an optional end of a range in another month:
        ${DASH}                                 #   a dash, then
        ${NUM_START}(?P<to_day>[0-9]{1,2})${ORD}${SP}  # the last day
        (?P<end_month>${MONTH}|${MONTH_ABBR})${ABBR_DOT}(?![A-Za-z])  # its month: "2 June"
    )?
    """
    + _YEAR_TAIL
)
"""``"27 February 2025"``, ``"24-27 May"``, ``"the 10th of April"``, ``"30 May - 2 June"``."""

_ISO_DATE = _compile(
    r"""
    (?<![0-9A-Za-z-])                           # not inside a longer token
    (?P<year>${YEAR})-(?P<month_number>[0-9]{2})-(?P<day>[0-9]{2})  # "2025-02-27"
    (?![0-9A-Za-z]|-[0-9])                      # and nothing more of it
    """
)
"""``"2025-02-27"``."""

_MONTH_YEAR = _compile(
    r"""
    (?:\b${MODIFIER}(?:${SP}|-))?               # an optional modifier: "early", "mid-"
    \b(?P<month>${MONTH}|${MONTH_ABBR})${ABBR_DOT},?  # the month
    ${SP}
    (?P<year>${YEAR})${NUM_END}                 # the year: "April 2022"
    """
)
"""``"April 2022"``, ``"early April 2022"``."""

_MONTH_ALONE = _compile(
    r"""
    (?:
        \b${MODIFIER}(?:${SP}|-)                # a modifier: "early April", "mid-April"
      | \b(?P<shift>${SHIFT})${SP}              # or a shift: "next April", "last April"
      | (?<=\b${PREPOSITION}${SP})(?=${MONTH_NOT_MAY})  # or a preposition, out of the span
      | (?<=\b${MAY_PREPOSITION}${SP})          # or one of the few that fit "May"
    )
    (?P<month>${MONTH})                         # the month, spelt out
    (?![\w'\u2019-])                            # and not "Mayor" nor "May's"
    """
)
"""``"in April"``, ``"since January"``, ``"late December"``, ``"next April"``."""

_YEAR_ALONE = _compile(
    r"""
    (?:
        \b${MODIFIER}(?:${SP}|-)                # a modifier: "early 2023", "mid-2023"
      | (?<=\b${PREPOSITION}${SP})              # or a preposition, out of the span: "in 2022"
    )
    ${NUM_START}(?P<year>${YEAR})               # the year
    (?![0-9A-Za-z%]|[.,][0-9]|[-\u2013][0-9])   # not "2022-23", "2,025", "2025%"
    """
)
"""``"in 2022"``, ``"early 2023"``, ``"since 2014"``; a bare number is never a year."""

_WEEKDAY = _compile(
    r"""
    (?:\b(?P<shift>${SHIFT})${SP})?             # an optional shift: "last", "next"
    \b(?P<weekday>${WEEKDAY})                   # the weekday: "Thursday"
    (?!\w)                                      # not "Mondays" ("Thursday's" is fine)
    """
)
"""``"Thursday"``, ``"last Friday"``, ``"next Tuesday"``."""

_RELATIVE_GROUPS: dict[str, tuple[str, int]] = {
    f"r{index}": (key, shift) for index, (_, key, shift) in enumerate(_RELATIVE_PHRASES)
}
_RELATIVE_GROUPS["soon"] = ("near_term", 1)
_RELATIVE_GROUPS["shortly"] = ("near_term", 1)

_RELATIVE = _compile(
    r"""
    (?<!\w)                                     # at the start of a word
    (?:${MODIFIER}(?:${SP}|-))?                 # an optional modifier: "late last year"
    (?:
    """
    + "\n".join(  # one alternative a line, longest first: "(?P<r3>later ... today)  # later today"
        f"      {'|' if position else ' '} (?P<r{index}>{_phrase(phrase)})  # {phrase}"
        for position, (index, (phrase, _, _)) in enumerate(
            sorted(enumerate(_RELATIVE_PHRASES), key=lambda item: len(item[1][0]), reverse=True)
        )
    )
    + r"""
      | (?P<soon>soon)                          # "soon"
        (?!${SP}(?:after|afterwards|thereafter|before|as|enough)\b)  # but not "soon after"
      | (?P<shortly>shortly)                    # "shortly"
        (?!${SP}(?:after|afterwards|thereafter|before)\b)  # but not "shortly after"
    )
    (?!\w)                                      # at the end of a word
    """,
    regex.IGNORECASE,
)
"""``"today"``, ``"last week"``, ``"later this year"``, ``"in the near term"``, ``"soon"``."""


_DURATION = _compile(
    r"""
    (?=[0-9A-Za-z])                             # a letter or digit first: a quick rejection
    (?<![\w-])(?<![0-9][.,])                    # at the start of a word, not inside a number
    (?:
        (?P<qualifier>${QUALIFIER})${SP}        # a bound: "over", "more than", "about"
      | (?<=\b${CONTEXT}${SP})(?P<context>)     # or a verb that takes a duration: "lasted"
    )?
    (?:
        (?P<half>half)${SP}(?:an?${SP})?        # "half an hour", "half a day"
        (?P<unit>${UNIT})
      | (?P<half>half)-(?P<unit>${UNIT})(?:-long)?  # "a half-hour meeting"
      | (?:(?P<amount>${NUMBER})|(?P<article>an?))  # "five", "90", "an"
        (?P<and_half>${SP}${HALF})?             # "one and a half"
        ${SP}(?P<unit>${UNIT})s?                # "hours"
        (?P<half_after>${SP}${HALF})?           # "an hour and a half"
      | (?P<amount>${NUMBER})-(?P<unit>${UNIT})(?:-long)?  # "two-day", "90-minute"
      | (?P<article>an?)${SP}(?P<unit>${UNIT})-long  # "an hour-long"
    )
    (?![\w-])                                   # at the end of a word
    (?!${SP}${NOT_A_DURATION}\b)                # and not a point in time: "two days ago"
    """,
    regex.IGNORECASE,
)
"""``"over five hours"``, ``"for about an hour"``, ``"a two-day visit"``, ``"half an hour"``."""

_MONTH_NUMBERS: dict[str, int] = dict(_MONTHS + _MONTH_ABBREVIATIONS)
_SHIFT_VALUES: dict[str, int] = dict(_SHIFTS)
_NUMBER_VALUES: dict[str, int] = dict(_NUMBER_WORDS)
_UNIT_VALUES: dict[str, DurationUnit] = dict(_UNITS)
_QUALIFIER_VALUES: dict[str, Qualifier] = dict(_QUALIFIERS)


def _normalise(words: str) -> str:
    """Lower-case a phrase and separate its words by single spaces."""
    return " ".join(words.lower().split())


# --- Mentions --------------------------------------------------------------------------------


class Direction(enum.Enum):
    """Which way from the publication date an expression points.

    The tense of the sentence decides it: a meeting that was held points to
    the past, a planned one to the future.
    """

    PAST = "past"
    """The event already happened: a weekday or a date with no year is the nearest such day
    on or before the anchor."""
    FUTURE = "future"
    """The event is planned: the nearest such day on or after the anchor."""
    UNKNOWN = "unknown"
    """The tense does not say: the nearer of the two, the past one on a tie."""


@attrs.frozen(kw_only=True)
class TimeMention:
    """A time expression found in text, not yet resolved.

    The fields hold what the text states and nothing more: ``"May 24-27"``
    is ``month=5, day=24, end_day=27``; ``"Thursday"`` is ``weekday=3``;
    ``"last week"`` is ``relative="last_week", shift=-1``.  The evidence
    rule is ``"time.absolute"``, ``"time.weekday"`` or ``"time.relative"``.
    """

    evidence: Evidence
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_day: int | None = None
    """The last day of a range: ``"May 24-27"`` and ``"24-27 May"`` end on the 27th."""
    end_month: int | None = None
    """The month of the last day when it differs: ``"May 30 - June 2"``."""
    weekday: int | None = None
    """0 for Monday to 6 for Sunday."""
    relative: str | None = None
    """The normalised key of a relative expression: ``"yesterday"``, ``"last_week"``,
    ``"later_this_year"``, ``"coming_weeks"``, ``"near_term"``."""
    shift: int = 0
    """-1 for ``"last"``/``"previous"``, +1 for ``"next"``/``"coming"``, 0 otherwise."""


_T = TypeVar("_T")


def _longest_first(
    items: Iterable[_T], span: Callable[[_T], Evidence], begin: int, stop: int
) -> list[_T]:
    """Keep the items whose spans do not overlap a longer one, in text order.

    Longer spans win, then earlier ones.  The spans lie in ``[begin, stop)``;
    claimed characters are marked in an array over that window, so the cost
    is the window's length plus the total length of the spans.
    """
    ordered = sorted(items, key=lambda item: (span(item).start - span(item).end, span(item).start))
    claimed = bytearray(stop - begin)
    kept: list[_T] = []
    for item in ordered:
        first, last = span(item).start - begin, span(item).end - begin
        if last > first and not any(claimed[first:last]):
            claimed[first:last] = b"\x01" * (last - first)
            kept.append(item)
    kept.sort(key=lambda item: span(item).start)
    return kept


def _group(match: regex.Match[str], name: str) -> str | None:
    """Return a named group's text, ``None`` if the pattern lacks it or it took no part."""
    return match.groupdict().get(name)


def _int_group(match: regex.Match[str], name: str) -> int | None:
    """Return a named group read as an integer, ``None`` if absent."""
    value = _group(match, name)
    return None if value is None else int(value)


def _valid_day(year: int | None, month: int, day: int) -> bool:
    """Whether the day exists in the month (any leap year if no year is given)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(2000 if year is None else year, month)[1]


@attrs.frozen
class TimeFinder:
    """Finds time mentions and durations in text.

    A scan is three small steps a subclass can change one at a time:
    :meth:`patterns` says what to scan for, :meth:`build` turns one match
    into a mention or rejects it, and overlapping mentions are then reduced
    to the longest.  Durations have :meth:`duration_patterns` and
    :meth:`build_duration` in the same way.

    >>> [m.evidence.text for m in TimeFinder().find("on May 24-27, 2025, and in early 2023")]
    ['May 24-27, 2025', 'early 2023']
    """

    def patterns(self) -> tuple[tuple[str, regex.Pattern[str]], ...]:
        """Return the patterns to scan with, each with the rule id its mentions carry.

        Override to add patterns (their named groups are those :meth:`build` reads:
        ``year``, ``month``, ``month_number``, ``day``, ``end_day``, ``to_day``,
        ``end_month``, ``weekday``, ``shift``) or to drop some.
        """
        return (
            ("time.absolute", _ISO_DATE),
            ("time.absolute", _MONTH_DAY),
            ("time.absolute", _DAY_MONTH),
            ("time.absolute", _MONTH_YEAR),
            ("time.absolute", _MONTH_ALONE),
            ("time.absolute", _YEAR_ALONE),
            ("time.weekday", _WEEKDAY),
            ("time.relative", _RELATIVE),
        )

    def build(self, rule: str, match: regex.Match[str]) -> TimeMention | None:
        """Build the mention a match states, or return ``None`` to reject it (``"February 30"``)."""
        evidence = Evidence(start=match.start(), end=match.end(), text=match.group(), rule=rule)
        if rule == "time.relative":
            return self._build_relative(match, evidence)
        shift_word = _group(match, "shift")
        shift = 0 if shift_word is None else _SHIFT_VALUES[_normalise(shift_word)]
        month_name = _group(match, "month")
        month = _int_group(match, "month_number")
        if month_name is not None:
            month = _MONTH_NUMBERS[month_name]
        weekday_name = _group(match, "weekday")
        weekday = None if weekday_name is None else _WEEKDAYS.index(weekday_name)
        year = _int_group(match, "year")
        day = _int_group(match, "day")
        end_day = _int_group(match, "end_day")
        if end_day is None:
            end_day = _int_group(match, "to_day")
        end_name = _group(match, "end_month")
        end_month = None if end_name is None else _MONTH_NUMBERS[end_name]
        if month is None:
            if year is None and weekday is None:
                return None
        elif not (
            self._valid_range(year, month, day, end_month, end_day)
            if day is not None
            else 1 <= month <= 12
        ):
            return None
        return TimeMention(
            evidence=evidence,
            year=year,
            month=month,
            day=day,
            end_day=end_day,
            end_month=end_month if end_month != month else None,
            weekday=weekday,
            shift=shift,
        )

    @staticmethod
    def _valid_range(
        year: int | None, month: int, day: int, end_month: int | None, end_day: int | None
    ) -> bool:
        """Whether a day, or a range of days, exists and runs forwards."""
        if not _valid_day(year, month, day):
            return False
        if end_day is None:
            return True
        if end_month is None or end_month == month:
            return day < end_day and _valid_day(year, month, end_day)
        return _valid_day(year, end_month, end_day)

    @staticmethod
    def _build_relative(match: regex.Match[str], evidence: Evidence) -> TimeMention | None:
        """Build the mention for a relative phrase, with the key and shift of the group matched."""
        for name, value in match.groupdict().items():
            if value is not None and name in _RELATIVE_GROUPS:
                key, shift = _RELATIVE_GROUPS[name]
                return TimeMention(evidence=evidence, relative=key, shift=shift)
        return None

    def find(self, text: str, start: int = 0, end: int | None = None) -> tuple[TimeMention, ...]:
        """Find the time mentions inside ``text[start:end]``, in text order, none overlapping.

        Offsets are into the whole ``text``; where two mentions overlap, the
        longer one wins (``"Thursday, April 10"`` over ``"Thursday"``).
        """
        begin, stop, _ = slice(start, end).indices(len(text))
        stop = max(begin, stop)
        regions = _regions(text, begin, stop)
        found = [
            mention
            for low, high in regions
            for rule, pattern in self.patterns()
            for match in pattern.finditer(text, low, high)
            if (mention := self.build(rule, match)) is not None
        ]
        return tuple(_longest_first(found, lambda mention: mention.evidence, begin, stop))

    def duration_patterns(self) -> tuple[regex.Pattern[str], ...]:
        """Return the patterns durations are found with (:meth:`build_duration` reads them)."""
        return (_DURATION,)

    def build_duration(self, match: regex.Match[str]) -> Duration | None:
        """Build the duration a match states, or return ``None`` to reject it.

        Reads the groups ``qualifier``, ``context``, ``amount``, ``article``,
        ``half``, ``and_half``, ``half_after`` and ``unit``.  An amount
        written as an article (``"an hour"``) needs a qualifier or a verb
        such as ``"lasted"`` before it, or ``"-long"`` after it.
        """
        text = match.group()
        amount_text = _group(match, "amount")
        if _group(match, "half") is not None:
            amount = 0.5
        elif amount_text is not None:
            lowered = amount_text.lower()
            amount = float(_NUMBER_VALUES.get(lowered, 0) or lowered)
        else:
            amount = 1.0
            bare = _group(match, "qualifier") is None and _group(match, "context") is None
            if bare and not text.lower().endswith("-long") and _group(match, "half_after") is None:
                return None
        if _group(match, "and_half") is not None or _group(match, "half_after") is not None:
            amount += 0.5
        if amount <= 0:
            return None
        qualifier_text = _group(match, "qualifier")
        qualifier = (
            Qualifier.EXACTLY
            if qualifier_text is None
            else _QUALIFIER_VALUES[_normalise(qualifier_text)]
        )
        unit = _UNIT_VALUES[(_group(match, "unit") or "").lower()]
        evidence = Evidence(start=match.start(), end=match.end(), text=text, rule="time.duration")
        return Duration(amount=amount, unit=unit, qualifier=qualifier, evidence=evidence)

    def find_durations(
        self, text: str, start: int = 0, end: int | None = None
    ) -> tuple[Duration, ...]:
        """Find the durations inside ``text[start:end]``, in text order, none overlapping.

        >>> [(d.evidence.text, d.amount) for d in TimeFinder().find_durations(
        ...     "a two-day visit; talks lasted an hour and a half")]
        [('two-day', 2.0), ('an hour and a half', 1.5)]
        """
        begin, stop, _ = slice(start, end).indices(len(text))
        stop = max(begin, stop)
        found = [
            duration
            for low, high in _regions(text, begin, stop)
            for pattern in self.duration_patterns()
            for match in pattern.finditer(text, low, high)
            if (duration := self.build_duration(match)) is not None
        ]
        return tuple(_longest_first(found, lambda duration: duration.evidence, begin, stop))


# --- Resolution ------------------------------------------------------------------------------

_DAY_OFFSETS: dict[str, int] = {
    "day_before_yesterday": -2,
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "earlier_today": 0,
    "later_today": 0,
    "tomorrow": 1,
    "day_after_tomorrow": 2,
}
_WEEK_OFFSETS: dict[str, int] = {"last_week": -1, "this_week": 0, "next_week": 1}
_MONTH_OFFSETS: dict[str, int] = {
    "last_month": -1,
    "this_month": 0,
    "earlier_this_month": 0,
    "later_this_month": 0,
    "next_month": 1,
}
_YEAR_OFFSETS: dict[str, int] = {
    "last_year": -1,
    "this_year": 0,
    "earlier_this_year": 0,
    "later_this_year": 0,
    "next_year": 1,
}

_Span = tuple[Granularity, datetime.date, datetime.date]


def _month_span(year: int, month: int) -> _Span:
    """Return the span of a whole month."""
    last = calendar.monthrange(year, month)[1]
    return Granularity.MONTH, datetime.date(year, month, 1), datetime.date(year, month, last)


def _year_span(year: int) -> _Span:
    """Return the span of a whole year."""
    return Granularity.YEAR, datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _pick(
    past: _T | None, future: _T | None, distance: Callable[[_T], int], direction: Direction
) -> _T | None:
    """Pick the candidate the direction asks for; for UNKNOWN the nearer, the past on a tie."""
    if direction is Direction.PAST:
        return past
    if direction is Direction.FUTURE or past is None:
        return future
    if future is None:
        return past
    return past if distance(past) <= distance(future) else future


def _resolve_relative(key: str, anchor: datetime.date) -> _Span | None:
    """Return the span of a relative key on the anchor, ``None`` for an open one (``"soon"``)."""
    if key in _DAY_OFFSETS:
        day = anchor + datetime.timedelta(days=_DAY_OFFSETS[key])
        return Granularity.DAY, day, day
    if key in _WEEK_OFFSETS:
        monday = anchor - datetime.timedelta(days=anchor.weekday() - 7 * _WEEK_OFFSETS[key])
        return Granularity.WEEK, monday, monday + datetime.timedelta(days=6)
    if key in _MONTH_OFFSETS:
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + _MONTH_OFFSETS[key], 12)
        return _month_span(year, month + 1)
    if key in _YEAR_OFFSETS:
        return _year_span(anchor.year + _YEAR_OFFSETS[key])
    return None


def _resolve_weekday(
    weekday: int, shift: int, anchor: datetime.date, direction: Direction
) -> datetime.date:
    """Return the weekday nearest the anchor; the anchor itself unless "last" or "next" says."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if shift < 0:
        return anchor - datetime.timedelta(days=back or 7)
    if shift > 0:
        return anchor + datetime.timedelta(days=ahead or 7)
    offset = _pick(-back, ahead, abs, direction)
    return anchor + datetime.timedelta(days=offset or 0)


def _resolve_day(
    month: int, day: int, anchor: datetime.date, direction: Direction
) -> datetime.date | None:
    """Return the date with no year nearest the anchor in the direction (same day allowed)."""
    candidates = [
        datetime.date(year, month, day)
        for year in range(anchor.year - 8, anchor.year + 9)
        if datetime.MINYEAR <= year <= datetime.MAXYEAR and _valid_day(year, month, day)
    ]
    past = max((c for c in candidates if c <= anchor), default=None)
    future = min((c for c in candidates if c >= anchor), default=None)
    return _pick(past, future, lambda c: abs((c - anchor).days), direction)


def _resolve_month(month: int, shift: int, anchor: datetime.date, direction: Direction) -> int:
    """Return the month index (``year * 12 + month - 1``) of a yearless month near the anchor."""
    here = anchor.year * 12 + anchor.month - 1
    back = (anchor.month - month) % 12
    ahead = (month - anchor.month) % 12
    if shift < 0:
        return here - (back or 12)
    if shift > 0:
        return here + (ahead or 12)
    return here + (_pick(-back, ahead, abs, direction) or 0)


def _resolve_absolute(
    mention: TimeMention, anchor: datetime.date | None, direction: Direction
) -> _Span | None:
    """Return the span of a date, a month or a year; ``None`` if it needs a missing anchor."""
    if mention.month is None:
        return None if mention.year is None else _year_span(mention.year)
    if mention.day is None:
        if mention.year is not None:
            return _month_span(mention.year, mention.month)
        if anchor is None:
            return None
        year, month = divmod(_resolve_month(mention.month, mention.shift, anchor, direction), 12)
        return _month_span(year, month + 1)
    end_month = mention.end_month or mention.month
    wraps = end_month < mention.month
    if mention.year is not None:
        first = datetime.date(mention.year - wraps, mention.month, mention.day)
    elif anchor is None:
        return None
    else:
        found = _resolve_day(mention.month, mention.day, anchor, direction)
        if found is None:
            return None
        first = found
    if mention.end_day is None:
        return Granularity.DAY, first, first
    last = datetime.date(first.year + wraps, end_month, mention.end_day)
    return Granularity.DAY, first, last


def resolve(
    mention: TimeMention, anchor: datetime.date | None, direction: Direction
) -> TimeExpression:
    """Resolve a mention against the publication date, in the direction the tense gives.

    A date with a year never needs ``anchor``; anything else does, and is
    ``UNRESOLVED`` (no dates, ``relative=True``) without it.  Open
    expressions (``"in the coming weeks"``, ``"soon"``) are always
    unresolved.  A weekday is the nearest such day on or before the anchor
    in the past, on or after it in the future (``"last"`` and ``"next"``
    exclude the anchor itself), so it always lies within seven days of it.

    >>> import datetime
    >>> [mention] = TimeFinder().find("talks last week")
    >>> expression = resolve(mention, datetime.date(2025, 4, 11), Direction.PAST)
    >>> expression.granularity.value, expression.earliest, expression.latest
    ('week', datetime.date(2025, 3, 31), datetime.date(2025, 4, 6))
    """
    is_relative = mention.relative is not None or (
        mention.year is None and (mention.month is not None or mention.weekday is not None)
    )
    span: _Span | None = None
    try:
        if anchor is not None and mention.relative is not None:
            span = _resolve_relative(mention.relative, anchor)
        elif anchor is not None and mention.month is None and mention.weekday is not None:
            day = _resolve_weekday(mention.weekday, mention.shift, anchor, direction)
            span = Granularity.DAY, day, day
        elif mention.relative is None:
            span = _resolve_absolute(mention, anchor, direction)
    except (OverflowError, ValueError):  # beyond the calendar's range: year 1 or 9999
        span = None
    used_anchor = anchor if is_relative else None
    if span is None:
        return TimeExpression(evidence=mention.evidence, anchor=used_anchor, relative=is_relative)
    granularity, earliest, latest = span
    return TimeExpression(
        evidence=mention.evidence,
        granularity=granularity,
        earliest=earliest,
        latest=latest,
        anchor=used_anchor,
        relative=is_relative,
    )
