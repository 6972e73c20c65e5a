r"""Helpers for testing extractors: Hypothesis strategies and an evidence check.

This module is for tests, yours and ours.  It needs :mod:`hypothesis`,
which the ``test`` extra installs (``pip install 'diplomacy-events[test]'``);
``import diplomacy_events`` never imports it.

It holds three kinds of helpers:

* :func:`assert_evidence_consistent` (and :func:`iter_evidence`), which
  check that every :class:`~diplomacy_events.model.Evidence` of a result,
  however deeply nested, quotes its article: ``text[start:end] ==
  evidence.text``.  Run it on what your own extractor returns::

      >>> import datetime
      >>> import diplomacy_events as de
      >>> from diplomacy_events.testing import assert_evidence_consistent
      >>> result = de.parse("Russia and China held talks in Moscow on Monday.",
      ...                   published=datetime.date(2025, 4, 11))
      >>> assert_evidence_consistent(result)

* strategies for the model's values (:func:`parties`, :func:`people`,
  :func:`meetings`, :func:`results`, ...), each building valid objects whose
  evidence spans lie inside a text you give (or, for :func:`results`, one it
  draws), for round-trip and schema tests of code that handles results;

* generated reports (:func:`meeting_reports`, :func:`commitment_reports`,
  :func:`followup_reports`): prose built from real parties, leaders with
  their titles, cities and dates through a varied set of templates, each
  with the facts (:class:`MeetingFacts`, ...) a parser must recover from
  it.  :meth:`Report.check` compares what a parser finds with them, and
  :meth:`MeetingFacts.of` gives the facts of any parsed meeting::

      >>> from diplomacy_events.testing import MeetingFacts
      >>> result = de.parse("Readout\nForeign Minister of Brazil Carlos Mendes met Egyptian "
      ...                   "President Ahmed Salem in Cairo on Tuesday.\n",
      ...                   published=datetime.date(2025, 4, 11))
      >>> facts = MeetingFacts.of(result.meetings[0])
      >>> sorted(facts.parties), facts.date, facts.city, dict(facts.heads)["EGY"]
      (['BRA', 'EGY'], '2025-04-08', 'Cairo', 'Ahmed Salem')

  A property of your own parser is then a few lines of a test module::

      from hypothesis import given
      from diplomacy_events.testing import Report, meeting_reports

      @given(meeting_reports(templates=["met", "telephone_conversation"]))
      def test_my_parser_recovers_meetings(report: Report) -> None:
          report.check(my_parser.parse(report.text, published=report.published))
"""

from __future__ import annotations

import calendar
import datetime
import functools
import operator
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TypeVar

import attrs
from hypothesis import strategies as st

from diplomacy_events.base import load_phrases
from diplomacy_events.exceptions import InputError
from diplomacy_events.lexicon import FORMS, City, Lexicon, Official, default_lexicon
from diplomacy_events.model import (
    Article,
    Commitment,
    Concern,
    Delegation,
    Determination,
    Duration,
    DurationUnit,
    Evidence,
    FollowUp,
    Granularity,
    Meeting,
    Mode,
    Party,
    PartyKind,
    PartyMention,
    Person,
    Place,
    Qualifier,
    Rank,
    Request,
    Result,
    Source,
    Status,
    Strength,
    TimeExpression,
)

__all__ = [
    "COMMITMENT_TEMPLATES",
    "DATE_FORMS",
    "FOLLOWUP_TEMPLATES",
    "LEADER_FORMS",
    "MEETING_TEMPLATES",
    "Actor",
    "CommitmentFacts",
    "FollowUpFacts",
    "MeetingFacts",
    "Report",
    "articles",
    "assert_evidence_consistent",
    "commitment_reports",
    "commitments",
    "concerns",
    "delegations",
    "durations",
    "evidences",
    "followup_reports",
    "followups",
    "iter_evidence",
    "meeting_reports",
    "meetings",
    "parties",
    "party_mentions",
    "people",
    "places",
    "requests",
    "results",
    "sources",
    "time_expressions",
]


_T = TypeVar("_T")


# --- The evidence check ---------------------------------------------------------------------


def iter_evidence(value: object, path: str = "") -> Iterator[tuple[str, Evidence]]:
    """Yield every :class:`Evidence` inside ``value`` with its path, depth first.

    ``value`` may be any model object (a :class:`Result`, a :class:`Meeting`,
    ...), a tuple or list of them, or a mapping; the path names where each
    evidence sits, as in ``"meetings[0].delegations[1].head.evidence"``.

    >>> from diplomacy_events.model import Person
    >>> ev = Evidence(start=0, end=5, text="Putin")
    >>> [path for path, _ in iter_evidence(Person(name="Putin", evidence=ev), "person")]
    ['person.evidence']
    """
    if isinstance(value, Evidence):
        yield path, value
    elif attrs.has(cls := type(value)):
        for field in attrs.fields(cls):
            child = getattr(value, field.name)
            yield from iter_evidence(child, f"{path}.{field.name}" if path else field.name)
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            yield from iter_evidence(item, f"{path}[{index}]")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from iter_evidence(item, f"{path}[{key!r}]")


def _problem(text: str, evidence: Evidence) -> str | None:
    """Say what is wrong with one evidence span on ``text``, or return ``None``."""
    if not 0 <= evidence.start <= evidence.end <= len(text):
        return (
            f"span {evidence.start}:{evidence.end} does not lie inside the text "
            f"of {len(text)} characters"
        )
    found = text[evidence.start : evidence.end]
    if found != evidence.text:
        return f"the text at {evidence.start}:{evidence.end} is {found!r}, not {evidence.text!r}"
    return None


def assert_evidence_consistent(result: Result, text: str | None = None) -> None:
    """Check that every evidence span of ``result`` quotes its article.

    Walks every :class:`Evidence` in the result, nested ones included (heads
    of delegations, places, dates, durations, sources), and checks that its
    span lies inside ``text`` (by default ``result.article.text``) with
    ``text[start:end] == evidence.text``.  Raises :class:`AssertionError`
    listing every span that does not, each with its path.

    >>> from diplomacy_events.model import Article
    >>> bad = Result(article=Article(text="Talks"), people=(
    ...     Person(name="Xi", evidence=Evidence(start=0, end=2, text="Xi")),))
    >>> assert_evidence_consistent(bad)
    Traceback (most recent call last):
    ...
    AssertionError: 1 evidence span does not quote the article:
      people[0].evidence: the text at 0:2 is 'Ta', not 'Xi'
    """
    source = result.article.text if text is None else text
    problems = [
        f"{path}: {problem}"
        for path, evidence in iter_evidence(result)
        if (problem := _problem(source, evidence)) is not None
    ]
    if problems:
        noun = "span does" if len(problems) == 1 else "spans do"
        raise AssertionError(
            f"{len(problems)} evidence {noun} not quote the article:\n  " + "\n  ".join(problems)
        )


# --- Pools from the lexicon -----------------------------------------------------------------

# States whose English name takes "the": "the United States", "the Netherlands".
_WITH_THE = frozenset("ARE BHS CAF COD COM DOM FSM GBR GMB MDV MHL NLD PHL SLB USA VAT".split())

# Given names and surnames for made-up people, from many languages.  Names
# that are also a party, a city or a title of the lexicon are dropped when
# the pools are built, so that a name never names anything else.
_GIVEN_NAMES = (
    "Carlos Ahmed Maria Kenji Olga Samuel Amara Lukas Priya Tomas Elena Ibrahim Nadia "
    "Jonas Aiko Rafael Leila Pieter Sofia Mateo Hana Yusuf Ingrid Kofi Anna Dmitri Farida "
    "Marco Ines Viktor José Søren Ayşe Zoë Łukasz Thandiwe Arjun Mei Oksana Tariq"
).split()
_SURNAMES = (
    "Mendes Haddad Tanaka Petrova Okafor Lindqvist Novak Ferreira Kowalski Sato Rahman "
    "Castillo Varga Andersen Moreau Costa Nakamura Bauer Osei Mirza Horvat Keller Almeida "
    "Duarte Eriksen Volkov Rossi Hakimi Ramírez Müller Çelik Nguyen Dlamini Iyer Brennan "
    "Kovalenko Mensah Takahashi Oliveira Fischer"
).split()

# Titles a leader of any state may hold, each with the rank the lexicon gives it.
_LEADER_TITLES = (
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Minister of Foreign Affairs",
    "Defence Minister",
    "Finance Minister",
    "Deputy Foreign Minister",
    "Vice President",
)

_ACTIONS = (
    "expand cooperation in energy",
    "increase bilateral trade",
    "deepen economic ties",
    "strengthen cooperation in education",
    "provide humanitarian aid",
    "support reconstruction efforts",
    "open a new consulate",
    "simplify visa procedures",
    "cooperate on climate change",
    "boost investment in infrastructure",
)
"""Actions a party may commit to, none of which names a party, a place or a date."""

_TOPICS = (
    "energy cooperation",
    "trade",
    "visa procedures",
    "maritime security",
    "cultural exchanges",
)
"""Subjects of an agreement: "signed an agreement on trade"."""

_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names (:mod:`calendar`'s follow the locale)."""

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""English weekday names, Monday first."""

_HEADLINES = ("Readout", "Press release", "News", "Media note", "Statement")
"""Headlines that name no party, place or date."""


@attrs.frozen(kw_only=True)
class _Pools:
    """The values the report strategies draw from, taken from a lexicon once."""

    states: tuple[Party, ...]
    demonyms: Mapping[str, str]
    cities: tuple[City, ...]
    officials: tuple[Official, ...]
    given_names: tuple[str, ...]
    surnames: tuple[str, ...]


@functools.cache
def _pools(lexicon: Lexicon | None = None) -> _Pools:
    """Build the pools of ``lexicon`` (by default the default lexicon)."""
    lex = lexicon if lexicon is not None else default_lexicon()
    demonyms: dict[str, str] = {}
    for name in lex.party_names:
        if name.form == "demonym":  # the singular adjective is listed first
            demonyms.setdefault(name.code, name.surface)
    # The demonyms cover every UN member and observer state, Taiwan and Kosovo, and no
    # dependent territory: the states a meeting is between.
    states = tuple(
        party
        for party in lex.parties.values()
        if party.kind is PartyKind.STATE and party.code in demonyms
    )
    taken = {name.surface for name in lex.party_names}
    taken |= {city.name for city in lex.cities} | {venue.name for venue in lex.venues}
    taken |= {word for title in lex.titles for word in title.split()}
    officials = tuple(
        o
        for o in lex.officials
        if o.party in lex.parties and len(o.name.split()) >= 2 and o.title in lex.titles
    )
    return _Pools(
        states=states,
        demonyms=demonyms,
        cities=tuple(c for c in lex.cities if c.country in lex.parties),
        officials=officials,
        given_names=tuple(n for n in _GIVEN_NAMES if n not in taken),
        surnames=tuple(n for n in _SURNAMES if n not in taken),
    )


@functools.cache
def _city_names() -> Mapping[str, str]:
    """Spelling variants of cities with the common short name the gold format uses.

    Read from the package's ``data/city_names.tsv`` (``"Kiev"``: ``"Kyiv"``);
    empty where the package has no such list.
    """
    try:
        return dict(load_phrases("city_names.tsv"))
    except (OSError, InputError):
        return {}


def _city_name(city: City) -> str:
    """The name the gold format gives a city of the lexicon."""
    return _clean(_city_names().get(city.name, city.name))


def _country_name(party: Party) -> str:
    """The party's name as it reads in a sentence: ``"the United States"``."""
    return f"the {party.name}" if party.code in _WITH_THE else party.name


# --- Strategies for the model ---------------------------------------------------------------
#
# Each public strategy is a module-level composite called with its arguments, and the
# composites share private ``_draw_*`` helpers, so that drawing a whole result builds no
# strategy objects per draw.

_RULES = ("", "meeting.trigger", "person.title", "place.city", "time.weekday", "commitment.trigger")
_OTHER_ACTORS = ("Hamas", "Gazprom", "the Taliban", "Catalonia", "Wagner Group")
_DETERMINATIONS = tuple(Determination)
_SHORT_TEXT = st.text(st.characters(codec="utf-8"), max_size=30)
_DAYS = st.dates(datetime.date(1900, 1, 8), datetime.date(2199, 12, 24))
_GRANULARITIES = tuple(Granularity)
_UNITS = tuple(DurationUnit)
_QUALIFIERS = tuple(Qualifier)
_STATUSES = tuple(Status)
_MODES = tuple(Mode)
_STRENGTHS = tuple(Strength)
_SOURCES = ("TASS", "Xinhua", "the Foreign Ministry", "a spokesperson")
_KINDS = ("meeting", "talks", "telephone conversation", "visit")
_ACTION_TEXT = st.sampled_from(_ACTIONS) | _SHORT_TEXT


@functools.cache
def _one_of(values: tuple[_T, ...]) -> st.SearchStrategy[_T]:
    """A strategy drawing one of ``values``, built once for each tuple of values."""
    return st.sampled_from(values)


@functools.cache
def _maybe(values: tuple[_T, ...]) -> st.SearchStrategy[_T | None]:
    """A strategy drawing ``None`` or one of ``values``, built once for each tuple of values."""
    return st.none() | st.sampled_from(values)


def _draw_evidence(draw: st.DrawFn, text: str, rules: st.SearchStrategy[str] | None) -> Evidence:
    """Draw a span of ``text`` and quote it."""
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 200)))
    rule = draw(rules if rules is not None else _one_of(_RULES))
    return Evidence(start=start, end=end, text=text[start:end], rule=rule)


@st.composite
def _evidences(draw: st.DrawFn, text: str, rules: st.SearchStrategy[str] | None) -> Evidence:
    """The composite behind :func:`evidences`."""
    return _draw_evidence(draw, text, rules)


def evidences(
    text: str, *, rules: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Evidence]:
    """Evidence spans of ``text``: any ``start <= end`` inside it, quoting it exactly.

    ``rules`` draws the rule ids (by default a few of the library's).

    >>> from hypothesis import find
    >>> find(evidences("Putin met Xi."), lambda ev: ev.text == "Xi").start
    10
    """
    return _evidences(text, rules)


@functools.cache
def _known_parties(kinds: frozenset[PartyKind]) -> tuple[Party, ...]:
    """The parties of the default lexicon of ``kinds``, by code."""
    found = (p for p in default_lexicon().parties.values() if p.kind in kinds)
    return tuple(sorted(found, key=lambda p: p.code))


def parties(*, kinds: Iterable[PartyKind] = tuple(PartyKind)) -> st.SearchStrategy[Party]:
    """Real parties of the default lexicon (states and organisations), or other actors.

    A party of kind OTHER is coded by its name, as the gold format does
    (``"Hamas"``); ``kinds`` limits the kinds drawn.
    """
    wanted = frozenset(kinds)
    options: list[st.SearchStrategy[Party]] = []
    known = _known_parties(wanted - {PartyKind.OTHER})
    if known:
        options.append(st.sampled_from(known))
    if PartyKind.OTHER in wanted:
        options.append(
            st.sampled_from(_OTHER_ACTORS).map(
                lambda name: Party(code=name, name=name, kind=PartyKind.OTHER)
            )
        )
    if not options:
        raise ValueError(f"kinds: got {sorted(k.value for k in wanted)}, expected at least one")
    return st.one_of(options)


_PARTIES = parties()
_STATES = parties(kinds=[PartyKind.STATE])


@st.composite
def party_mentions(draw: st.DrawFn, text: str) -> PartyMention:
    """Mentions of real parties whose evidence lies in ``text``."""
    return PartyMention(
        party=draw(_PARTIES),
        form=draw(_one_of(tuple(sorted(FORMS)))),
        evidence=_draw_evidence(draw, text, None),
    )


def _draw_name(draw: st.DrawFn) -> str:
    """Draw a made-up full name: a given name and a surname."""
    pools = _pools()
    return f"{draw(_one_of(pools.given_names))} {draw(_one_of(pools.surnames))}"


@functools.cache
def _titles() -> tuple[tuple[str, Rank], ...]:
    """The titles of the default lexicon with their ranks, sorted."""
    return tuple(sorted(default_lexicon().titles.items()))


def _draw_person(draw: st.DrawFn, text: str, party: Party | None = None) -> Person:
    """Draw a person of ``party`` (or of a drawn party, or none)."""
    titled = draw(_maybe(_titles()))
    return Person(
        name=_draw_name(draw),
        title=None if titled is None else titled[0],
        rank=Rank.OTHER if titled is None else titled[1],
        party=party if party is not None else draw(st.none() | _PARTIES),
        evidence=_draw_evidence(draw, text, None),
    )


@st.composite
def people(draw: st.DrawFn, text: str) -> Person:
    """People with a made-up name, a title and rank of the lexicon, and a party."""
    return _draw_person(draw, text)


def _draw_place(draw: st.DrawFn, text: str) -> Place:
    """Draw a city with its country, a country alone, or a venue."""
    lex = default_lexicon()
    evidence = _draw_evidence(draw, text, None)
    kind = draw(_one_of(("city", "country", "venue")))
    if kind == "city":
        city = draw(_one_of(_pools().cities))
        return Place(city=city.name, country=lex.party(city.country), evidence=evidence)
    if kind == "venue" and lex.venues:
        venue = draw(_one_of(lex.venues))
        return Place(
            city=venue.city, country=lex.party(venue.country), venue=venue.name, evidence=evidence
        )
    return Place(country=draw(_STATES), evidence=evidence)


@st.composite
def places(draw: st.DrawFn, text: str) -> Place:
    """Places: a city of the lexicon with its country, a country alone, or a venue."""
    return _draw_place(draw, text)


def _span(granularity: Granularity, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the span of ``granularity`` that holds ``day``."""
    if granularity is Granularity.WEEK:
        monday = day - datetime.timedelta(days=day.weekday())
        return monday, monday + datetime.timedelta(days=6)
    if granularity is Granularity.MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    if granularity is Granularity.YEAR:
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    return day, day


def _draw_time(draw: st.DrawFn, text: str) -> TimeExpression:
    """Draw a time expression of any granularity."""
    granularity = draw(_one_of(_GRANULARITIES))
    relative = draw(st.booleans())
    anchor = draw(_DAYS) if relative and draw(st.booleans()) else None
    evidence = _draw_evidence(draw, text, None)
    if granularity is Granularity.UNRESOLVED:
        return TimeExpression(evidence=evidence, anchor=anchor, relative=relative)
    earliest, latest = _span(granularity, draw(_DAYS))
    if granularity is Granularity.DAY:
        latest = earliest + datetime.timedelta(days=draw(st.integers(0, 6)))
    return TimeExpression(
        evidence=evidence,
        granularity=granularity,
        earliest=earliest,
        latest=latest,
        anchor=anchor,
        relative=relative,
    )


@st.composite
def time_expressions(draw: st.DrawFn, text: str) -> TimeExpression:
    """Time expressions of every granularity, with ``earliest <= latest`` when resolved.

    A day may be a range of up to a week (``"May 24-27"``); a week, a month
    and a year span exactly their calendar unit; an unresolved expression
    has no dates.
    """
    return _draw_time(draw, text)


def _draw_duration(draw: st.DrawFn, text: str) -> Duration:
    """Draw a positive amount (whole or half) of a unit, with a qualifier."""
    return Duration(
        amount=draw(st.integers(1, 200)) / 2,
        unit=draw(_one_of(_UNITS)),
        qualifier=draw(_one_of(_QUALIFIERS)),
        evidence=_draw_evidence(draw, text, None),
    )


@st.composite
def durations(draw: st.DrawFn, text: str) -> Duration:
    """Durations: a positive amount (whole or half) of a unit, with a qualifier."""
    return _draw_duration(draw, text)


def _draw_delegation(draw: st.DrawFn, text: str, party: Party) -> Delegation:
    """Draw a delegation of ``party``."""
    head = _draw_person(draw, text, party) if draw(st.booleans()) else None
    members = tuple(_draw_person(draw, text, party) for _ in range(draw(st.integers(0, 2))))
    return Delegation(party=party, head=head, members=members)


@st.composite
def delegations(draw: st.DrawFn, text: str, party: Party) -> Delegation:
    """Delegations of ``party``: an optional head and up to two members, all of that party."""
    return _draw_delegation(draw, text, party)


def _draw_parties(draw: st.DrawFn, least: int, most: int) -> tuple[Party, ...]:
    """Draw distinct parties, sorted by code as the parsers give them."""
    found = draw(st.lists(_PARTIES, min_size=least, max_size=most, unique_by=lambda p: p.code))
    return tuple(sorted(found))


def _draw_meeting(draw: st.DrawFn, text: str) -> Meeting:
    """Draw a meeting of two to four parties."""
    sides = _draw_parties(draw, 2, 4)
    led = [party for party in sides if draw(st.booleans())]
    return Meeting(
        status=draw(_one_of(_STATUSES)),
        mode=draw(_one_of(_MODES)),
        parties=sides,
        delegations=tuple(_draw_delegation(draw, text, party) for party in led),
        host=draw(st.none() | st.sampled_from(sides)),
        date=_draw_time(draw, text) if draw(st.booleans()) else None,
        location=_draw_place(draw, text) if draw(st.booleans()) else None,
        duration=_draw_duration(draw, text) if draw(st.booleans()) else None,
        format=tuple(draw(st.lists(_one_of(("closed-door", "trilateral")), max_size=2))),
        topics=tuple(draw(st.lists(_one_of(_TOPICS), max_size=2))),
        kind=draw(_one_of(_KINDS)),
        evidence=tuple(_draw_evidence(draw, text, None) for _ in range(draw(st.integers(1, 3)))),
    )


@st.composite
def meetings(draw: st.DrawFn, text: str) -> Meeting:
    """Meetings of two to four parties, with delegations, date, place and evidence in ``text``."""
    return _draw_meeting(draw, text)


def _draw_index(draw: st.DrawFn, meetings: int) -> int | None:
    """Draw ``None`` or an index into a result's ``meetings``."""
    if meetings <= 0 or not draw(st.booleans()):
        return None
    return draw(st.integers(0, meetings - 1))


def _draw_source(draw: st.DrawFn, text: str) -> Source:
    """Draw the source of a report."""
    return Source(
        name=draw(_one_of(_SOURCES)),
        party=draw(st.none() | _PARTIES),
        evidence=_draw_evidence(draw, text, None),
    )


@st.composite
def sources(draw: st.DrawFn, text: str) -> Source:
    """Sources of a report: an agency or a ministry, maybe with its party."""
    return _draw_source(draw, text)


def _draw_commitment(draw: st.DrawFn, text: str, meetings: int) -> Commitment:
    """Draw a commitment."""
    return Commitment(
        parties=_draw_parties(draw, 1, 3),
        action=draw(_ACTION_TEXT),
        strength=draw(_one_of(_STRENGTHS)),
        reported_by=tuple(_draw_source(draw, text) for _ in range(draw(st.integers(0, 2)))),
        meeting=_draw_index(draw, meetings),
        evidence=_draw_evidence(draw, text, None),
    )


@st.composite
def commitments(draw: st.DrawFn, text: str, *, meetings: int = 0) -> Commitment:
    """Commitments, mutual or unilateral; ``meeting`` is ``None`` or below ``meetings``."""
    return _draw_commitment(draw, text, meetings)


def _draw_followup(draw: st.DrawFn, text: str, meetings: int) -> FollowUp:
    """Draw a follow-up."""
    return FollowUp(
        parties=_draw_parties(draw, 1, 3),
        timeframe=_draw_time(draw, text) if draw(st.booleans()) else None,
        date_status=draw(_one_of(_DETERMINATIONS)),
        location=_draw_place(draw, text) if draw(st.booleans()) else None,
        location_status=draw(_one_of(_DETERMINATIONS)),
        representation_status=draw(_one_of(_DETERMINATIONS)),
        meeting=_draw_index(draw, meetings),
        evidence=_draw_evidence(draw, text, None),
    )


@st.composite
def followups(draw: st.DrawFn, text: str, *, meetings: int = 0) -> FollowUp:
    """Follow-ups; ``meeting`` is ``None`` or below ``meetings``."""
    return _draw_followup(draw, text, meetings)


def _draw_request(draw: st.DrawFn, text: str, meetings: int) -> Request:
    """Draw a request."""
    return Request(
        parties=_draw_parties(draw, 1, 2),
        addressees=_draw_parties(draw, 0, 2),
        meeting=_draw_index(draw, meetings),
        evidence=_draw_evidence(draw, text, None),
    )


@st.composite
def requests(draw: st.DrawFn, text: str, *, meetings: int = 0) -> Request:
    """Requests of one party to others; ``meeting`` is ``None`` or below ``meetings``."""
    return _draw_request(draw, text, meetings)


def _draw_concern(draw: st.DrawFn, text: str, meetings: int) -> Concern:
    """Draw a concern."""
    return Concern(
        parties=_draw_parties(draw, 1, 2),
        meeting=_draw_index(draw, meetings),
        evidence=_draw_evidence(draw, text, None),
    )


@st.composite
def concerns(draw: st.DrawFn, text: str, *, meetings: int = 0) -> Concern:
    """Concerns raised by parties; ``meeting`` is ``None`` or below ``meetings``."""
    return _draw_concern(draw, text, meetings)


_IDS = st.text("abcdefghij-0123456789", min_size=1, max_size=20)


def _draw_article(draw: st.DrawFn, texts: st.SearchStrategy[str] | None) -> Article:
    """Draw an article."""
    return Article(
        text=draw(texts if texts is not None else st.text()),
        title=draw(st.none() | _SHORT_TEXT),
        published=draw(st.none() | st.dates()),
        id=draw(st.none() | _IDS),
    )


@st.composite
def articles(draw: st.DrawFn, texts: st.SearchStrategy[str] | None = None) -> Article:
    """Articles of a text drawn from ``texts`` (by default any text), maybe with a date."""
    return _draw_article(draw, texts)


def _draw_many(draw: st.DrawFn, most: int, make: Callable[[], _T]) -> tuple[_T, ...]:
    """Draw up to ``most`` values of ``make``."""
    return tuple(make() for _ in range(draw(st.integers(0, most))))


@st.composite
def results(draw: st.DrawFn, texts: st.SearchStrategy[str] | None = None) -> Result:
    """Whole results: an article and items whose evidence quotes its text.

    ``texts`` draws the article's text (by default any text).  Every
    evidence passes :func:`assert_evidence_consistent`, and every item's
    ``meeting`` is ``None`` or the index of one of the result's meetings.
    """
    article = _draw_article(draw, texts)
    text = article.text
    found = _draw_many(draw, 3, lambda: _draw_meeting(draw, text))
    n = len(found)
    return Result(
        article=article,
        meetings=found,
        commitments=_draw_many(draw, 3, lambda: _draw_commitment(draw, text, n)),
        followups=_draw_many(draw, 2, lambda: _draw_followup(draw, text, n)),
        requests=_draw_many(draw, 2, lambda: _draw_request(draw, text, n)),
        concerns=_draw_many(draw, 2, lambda: _draw_concern(draw, text, n)),
        people=_draw_many(draw, 3, lambda: _draw_person(draw, text)),
    )


# --- Generated reports: prose with known facts ------------------------------------------------


def _clean(value: str) -> str:
    """A name or place in NFC with straight apostrophes, for comparing across forms."""
    return unicodedata.normalize("NFC", value).replace("\u2019", "'")


@attrs.frozen(kw_only=True)
class MeetingFacts:
    """What a reader takes from a meeting: the fields the gold format scores.

    Build the facts of a parsed meeting with :meth:`of` and compare them with
    those of a :class:`Report`.
    """

    parties: frozenset[str]
    """The parties' codes."""
    status: Status
    mode: Mode
    date: str | None
    """The date in the gold format's ISO form (``"2025-04-08"``, ``"2025-04"``), or ``None``."""
    city: str | None
    country: str | None
    """The code of the country where it took place."""
    heads: tuple[tuple[str, str], ...]
    """``(party code, head's full name)`` for each side whose head is named, sorted."""

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingFacts:
        """The facts of a parsed meeting."""
        where = meeting.location
        return cls(
            parties=frozenset(p.code for p in meeting.parties),
            status=meeting.status,
            mode=meeting.mode,
            date=None if meeting.date is None else meeting.date.iso,
            city=None if where is None or where.city is None else _clean(where.city),
            country=None if where is None or where.country is None else where.country.code,
            heads=tuple(sorted((code, _clean(p.name)) for code, p in meeting.heads.items())),
        )


@attrs.frozen(kw_only=True)
class CommitmentFacts:
    """What a reader takes from a commitment: who binds itself, how, after which meeting."""

    parties: frozenset[str]
    strength: Strength
    meeting: int | None

    @classmethod
    def of(cls, commitment: Commitment) -> CommitmentFacts:
        """The facts of a parsed commitment."""
        return cls(
            parties=frozenset(p.code for p in commitment.parties),
            strength=commitment.strength,
            meeting=commitment.meeting,
        )


@attrs.frozen(kw_only=True)
class FollowUpFacts:
    """What a reader takes from a follow-up: who, when, after which meeting."""

    parties: frozenset[str]
    date: str | None
    """The timeframe in ISO form at the precision given, or ``None`` when not fixed."""
    meeting: int | None

    @classmethod
    def of(cls, followup: FollowUp) -> FollowUpFacts:
        """The facts of a parsed follow-up."""
        return cls(
            parties=frozenset(p.code for p in followup.parties),
            date=None if followup.timeframe is None else followup.timeframe.iso,
            meeting=followup.meeting,
        )


@attrs.frozen(kw_only=True)
class Report:
    """A generated article and the facts a parser must recover from it.

    ``text`` has a headline on its first line, then the body.  ``template``
    and ``choices`` record how it was made, so that a failure names the
    template and the date and leader forms that produced it.
    """

    text: str
    published: datetime.date
    meetings: tuple[MeetingFacts, ...]
    commitments: tuple[CommitmentFacts, ...] = ()
    followups: tuple[FollowUpFacts, ...] = ()
    template: str = ""
    choices: Mapping[str, str] = attrs.field(factory=dict)

    def check(self, result: Result) -> None:
        """Check that ``result`` has exactly the facts of this report.

        Raises :class:`AssertionError` that shows what was expected and what
        was found, category by category, with the text and the template.
        """
        found = {
            "meetings": tuple(MeetingFacts.of(m) for m in result.meetings),
            "commitments": tuple(CommitmentFacts.of(c) for c in result.commitments),
            "followups": tuple(FollowUpFacts.of(f) for f in result.followups),
        }
        expected: dict[str, tuple[object, ...]] = {
            "meetings": self.meetings,
            "commitments": self.commitments,
            "followups": self.followups,
        }
        wrong = [name for name in expected if expected[name] != found[name]]
        if wrong:
            lines = [f"{self.text!r} (published {self.published}, {dict(self.choices)}):"]
            for name in wrong:
                lines.append(f"  {name} expected: {list(expected[name])}")
                lines.append(f"  {name} found:    {list(found[name])}")
            raise AssertionError("\n".join(lines))


@attrs.frozen(kw_only=True)
class Actor:
    """A person acting for a party: a leader of a state, an official or a head of an organisation."""

    name: str
    party: Party
    title: str

    @property
    def surname(self) -> str:
        """The last word of the name."""
        return self.name.split()[-1]

    def write(self, form: str, demonym: str | None = None) -> str:
        """The actor as written in one of the :data:`LEADER_FORMS`.

        ``demonym`` is the adjective of the party, needed by ``"demonym_title"``.

        >>> brazil = Party(code="BRA", name="Brazil")
        >>> Actor(name="Carlos Mendes", party=brazil, title="Foreign Minister").write("possessive")
        "Brazil's Foreign Minister Carlos Mendes"
        """
        country = _country_name(self.party)
        if form == "title_of_country":  # "Foreign Minister of Brazil Carlos Mendes"
            return f"{self.title} of {country} {self.name}"
        if form == "demonym_title":  # "Brazilian Foreign Minister Carlos Mendes"
            return f"{demonym or country} {self.title} {self.name}"
        if form == "possessive":  # "Brazil's Foreign Minister Carlos Mendes"
            return f"{_capital(country)}'s {self.title} {self.name}"
        if form == "appositive":  # "Carlos Mendes, the Foreign Minister of Brazil,"
            return f"{self.name}, the {self.title} of {country},"
        if form in {"official", "organisation"}:  # "Foreign Minister Sergey Lavrov"
            return f"{self.title} {self.name}"
        raise ValueError(f"form: got {form!r}, expected one of {', '.join(LEADER_FORMS)}")


LEADER_FORMS: tuple[str, ...] = (
    "title_of_country",
    "demonym_title",
    "possessive",
    "appositive",
    "official",
    "organisation",
)
"""How the first leader is written (the second is written the same way, or by
title of country after an official or an organisation's head):
``"Foreign Minister of Brazil Carlos Mendes"``, ``"Brazilian Foreign Minister
Carlos Mendes"``, ``"Brazil's Foreign Minister Carlos Mendes"``, ``"Carlos
Mendes, the Foreign Minister of Brazil,"``, a well-known official of the
lexicon by title and name in the term of the office (``"Foreign Minister
Sergey Lavrov"``), or the head of an organisation (``"NATO Secretary General
Carlos Mendes"``)."""

DATE_FORMS: tuple[str, ...] = (
    "weekday",
    "day_month",
    "month_day",
    "day_month_year",
    "month_day_year",
    "weekday_month_day",
    "relative",
)
"""How a date is written: ``"on Tuesday"``, ``"on 8 April"``, ``"on April 8"``,
``"on 8 April 2025"``, ``"on April 8, 2025"``, ``"on Tuesday, April 8"``, or
relative to the publication date (``"yesterday"``, ``"today"``, ``"tomorrow"``)."""

MEETING_TEMPLATES: Mapping[str, tuple[Status, Mode, str]] = {
    # held, in person
    "met": (Status.HELD, Mode.IN_PERSON, "{a} met {b} in {city} {date}."),
    "met_with": (Status.HELD, Mode.IN_PERSON, "{a} met with {b} in {city} {date}."),
    "held_talks_with": (Status.HELD, Mode.IN_PERSON, "{a} held talks with {b} in {city} {date}."),
    "and_held_talks": (Status.HELD, Mode.IN_PERSON, "{a} and {b} held talks in {city} {date}."),
    "fronted_date": (Status.HELD, Mode.IN_PERSON, "{Date}, {a} met {b} in {city}."),
    "received": (Status.HELD, Mode.IN_PERSON, "{a} received {b} in {city} {date}."),
    "hosted": (Status.HELD, Mode.IN_PERSON, "{a} hosted {b} in {city} {date}."),
    "was_received": (Status.HELD, Mode.IN_PERSON, "{a} was received by {b} in {city} {date}."),
    "talks_between": (
        Status.HELD,
        Mode.IN_PERSON,
        "Talks between {a} and {b} took place in {city} {date}.",
    ),
    # held, by phone or video
    "telephone_conversation": (
        Status.HELD,
        Mode.REMOTE,
        "{a} had a telephone conversation with {b} {date}.",
    ),
    "spoke_by_phone": (Status.HELD, Mode.REMOTE, "{a} spoke by phone with {b} {date}."),
    "phone_call": (Status.HELD, Mode.REMOTE, "{a} held a phone call with {b} {date}."),
    "and_phone_conversation": (
        Status.HELD,
        Mode.REMOTE,
        "{a} and {b} had a phone conversation {date}.",
    ),
    "video_call": (Status.HELD, Mode.REMOTE, "{a} and {b} held a video call {date}."),
    # planned, in person
    "will_meet": (Status.PLANNED, Mode.IN_PERSON, "{a} will meet {b} in {city} {date}."),
    "will_hold_talks": (
        Status.PLANNED,
        Mode.IN_PERSON,
        "{a} will hold talks with {b} in {city} {date}.",
    ),
    "scheduled_to_meet": (
        Status.PLANNED,
        Mode.IN_PERSON,
        "{a} is scheduled to meet {b} in {city} {date}.",
    ),
    "and_will_meet": (Status.PLANNED, Mode.IN_PERSON, "{a} and {b} will meet in {city} {date}."),
    "will_travel": (
        Status.PLANNED,
        Mode.IN_PERSON,
        "{a} will travel to {city} {date} to meet {b}.",
    ),
    "meeting_will_take_place": (
        Status.PLANNED,
        Mode.IN_PERSON,
        "A meeting between {a} and {b} will take place in {city} {date}.",
    ),
    # planned, by phone
    "will_speak_by_phone": (
        Status.PLANNED,
        Mode.REMOTE,
        "{a} will speak by phone with {b} {date}.",
    ),
    "will_hold_telephone_conversation": (
        Status.PLANNED,
        Mode.REMOTE,
        "{a} will hold a telephone conversation with {b} {date}.",
    ),
}
"""The meeting templates by name: status, mode and pattern.  ``{a}`` and
``{b}`` are the two leaders, ``{city}`` the place, ``{date}`` the date
phrase (``{Date}`` capitalised, at the start of the sentence)."""

COMMITMENT_TEMPLATES: Mapping[str, tuple[str, Strength, str]] = {
    "sides_agreed": ("mutual", Strength.AGREED, "The two sides agreed to {action}."),
    "countries_agreed": ("mutual", Strength.AGREED, "{A} and {B} agreed to {action}."),
    "leaders_agreed": (
        "mutual",
        Strength.AGREED,
        "{a_surname} and {b_surname} agreed to {action}.",
    ),
    "sides_decided": ("mutual", Strength.AGREED, "The sides decided to {action}."),
    "signed_agreement": ("mutual", Strength.AGREED, "They signed an agreement on {topic}."),
    "reached_understanding": (
        "mutual",
        Strength.AGREED,
        "The two sides reached an understanding on {topic}.",
    ),
    "country_pledged": ("unilateral", Strength.PLEDGED, "{A} pledged to {action}."),
    "side_committed": (
        "unilateral",
        Strength.PLEDGED,
        "The {a_demonym} side committed to {action}.",
    ),
    "country_promised": ("unilateral", Strength.PLEDGED, "{A} promised to {action}."),
    "reaffirmed_commitment": (
        "unilateral",
        Strength.PLEDGED,
        "{A} reaffirmed its commitment to {topic}.",
    ),
    "country_will": ("unilateral", Strength.INTENDED, "{A} will {action}."),
    "country_intends": ("unilateral", Strength.INTENDED, "{A} intends to {action}."),
}
"""The commitment templates by name: who binds itself (``"mutual"``: both
parties, ``"unilateral"``: the first), the strength, and the pattern, said
after a held meeting.  ``{A}``, ``{B}`` are the countries' names,
``{a_surname}``, ``{b_surname}`` the leaders' surnames."""

FOLLOWUP_TEMPLATES: Mapping[str, tuple[str, str]] = {
    "meet_again": ("month", "The two sides agreed to meet again {when}."),
    "next_round": ("month", "They agreed to hold the next round of talks in {city} {when}."),
    "next_meeting_in_city": ("none", "The ministers agreed to hold the next meeting in {city}."),
    "continue_contacts": ("none", "The ministers agreed to continue contacts."),
    "stay_in_touch": ("none", "The leaders agreed to stay in touch."),
    "meet_again_near_future": ("none", "They agreed to meet again in the near future."),
    "looked_forward": ("none", "They looked forward to the next round of consultations."),
}
"""The follow-up templates by name: the timeframe they state (``"month"``:
``{when}`` is ``"next month"`` or ``"in <Month> <year>"``; ``"none"``: no
date) and the pattern, said after a held meeting."""

_ORGANISATION_HEADS = (
    ("UN", "UN Secretary-General"),
    ("NATO", "NATO Secretary General"),
    ("OSCE", "OSCE Secretary General"),
    ("ASEAN", "ASEAN Secretary-General"),
    ("OIC", "OIC Secretary General"),
    ("GCC", "GCC Secretary General"),
    ("CSTO", "CSTO Secretary General"),
    ("OAS", "OAS Secretary General"),
)
"""Organisations with a secretary-general, and that head's title as written before a name."""


def _date_phrase(form: str, published: datetime.date, offset: int) -> tuple[str, datetime.date]:
    """A date phrase of ``form`` for the day ``offset`` days from ``published``, and that day."""
    day = published + datetime.timedelta(days=offset)
    weekday, month = _WEEKDAY_NAMES[day.weekday()], _MONTH_NAMES[day.month - 1]
    phrases = {
        "weekday": f"on {weekday}",
        "day_month": f"on {day.day} {month}",
        "month_day": f"on {month} {day.day}",
        "day_month_year": f"on {day.day} {month} {day.year}",
        "month_day_year": f"on {month} {day.day}, {day.year}",
        "weekday_month_day": f"on {weekday}, {month} {day.day}",
    }
    if form == "relative":
        return {-1: "yesterday", 0: "today", 1: "tomorrow"}[offset], day
    if form not in phrases:
        raise ValueError(f"form: got {form!r}, expected one of {', '.join(DATE_FORMS)}")
    return phrases[form], day


@functools.cache
def _offsets(form: str, status: Status) -> st.SearchStrategy[int]:
    """How many days from publication a date of ``form`` may lie, on the side of ``status``.

    A weekday lies within six days; a date without a year within 300 days, so
    that the year the tense implies is the only one near enough (the other
    side's is at least 65 days further); a date with a year within two years.
    """
    if form == "relative":
        return st.sampled_from((-1, 0) if status is Status.HELD else (1,))
    most = {"weekday": 6, "day_month_year": 700, "month_day_year": 700}.get(form, 300)
    days = st.integers(1, most)
    return days.map(operator.neg) if status is Status.HELD else days


def _month(value: str, *, end: bool) -> datetime.date:
    """The first day of a ``YYYY`` or ``YYYY-MM`` period, or the first day after it."""
    year, _, month = value.partition("-")
    if not month:
        return datetime.date(int(year) + end, 1, 1)
    index = int(year) * 12 + int(month) - 1 + end
    return datetime.date(index // 12, index % 12 + 1, 1)


@functools.cache
def _dates(low: datetime.date, high: datetime.date) -> st.SearchStrategy[datetime.date]:
    """Dates from ``low`` to ``high``, built once for each range."""
    return st.dates(low, high) if low <= high else st.nothing()


def _published(official: Official | None) -> st.SearchStrategy[datetime.date]:
    """Publication dates from 2000 to 2030, inside the official's term if one is given.

    The term is narrowed by a month at each end, so that the date is clearly in it.
    """
    low, high = datetime.date(2000, 1, 1), datetime.date(2030, 12, 31)
    if official is not None and official.since:
        low = max(low, _month(official.since, end=True) + datetime.timedelta(days=31))
    if official is not None and official.until:
        high = min(high, _month(official.until, end=False) - datetime.timedelta(days=31))
    return _dates(low, high)


@functools.cache
def _given_names_except(words: frozenset[str]) -> st.SearchStrategy[str]:
    """Given names that are none of ``words``."""
    return st.sampled_from(tuple(n for n in _pools().given_names if n not in words))


@functools.cache
def _surnames_except(words: frozenset[str]) -> st.SearchStrategy[str]:
    """Surnames that are none of ``words``."""
    return st.sampled_from(tuple(n for n in _pools().surnames if n not in words))


@functools.cache
def _states_except(code: str) -> st.SearchStrategy[Party]:
    """The states of the pools but the one of ``code``."""
    return st.sampled_from(tuple(p for p in _pools().states if p.code != code))


@functools.cache
def _state_officials() -> st.SearchStrategy[Official]:
    """The well-known officials of the lexicon who act for a state."""
    lex = default_lexicon()
    return st.sampled_from(
        tuple(o for o in _pools().officials if lex.party(o.party).kind is PartyKind.STATE)
    )


@st.composite
def _actors(draw: st.DrawFn, form: str) -> tuple[Actor, Actor, Official | None]:
    """Two actors of different parties, with different names; the first written in ``form``.

    For ``"official"`` the first is a well-known official of a state; for
    ``"organisation"`` the head of an organisation; else a made-up leader of a
    state.  The second is always a made-up leader of a state.
    """
    pools = _pools()
    lex = default_lexicon()
    official: Official | None = None
    if form == "official":
        official = draw(_state_officials())
        first = Actor(name=official.name, party=lex.party(official.party), title=official.title)
    elif form == "organisation":
        code, title = draw(_one_of(_ORGANISATION_HEADS))
        first = Actor(name=_draw_name(draw), party=lex.party(code), title=title)
    else:
        first = Actor(
            name=_draw_name(draw),
            party=draw(_one_of(pools.states)),
            title=draw(_one_of(_LEADER_TITLES)),
        )
    words = frozenset(first.name.split())
    second = Actor(
        name=f"{draw(_given_names_except(words))} {draw(_surnames_except(words))}",
        party=draw(_states_except(first.party.code)),
        title=draw(_one_of(_LEADER_TITLES)),
    )
    return first, second, official


def _choose(names: Sequence[str] | None, every: Iterable[str], what: str) -> list[str]:
    """The names asked for (each checked), or all of them."""
    known = list(every)
    if names is None:
        return known
    chosen = list(names)
    unknown = [name for name in chosen if name not in known]
    if unknown or not chosen:
        raise ValueError(f"{what}: got {chosen!r}, expected one or more of {', '.join(known)}")
    return chosen


@attrs.frozen(kw_only=True)
class _Drawn:
    """One drawn meeting sentence with everything the reports build on."""

    sentence: str
    published: datetime.date
    facts: MeetingFacts
    first: Actor
    second: Actor
    choices: Mapping[str, str]


@st.composite
def _meeting(
    draw: st.DrawFn,
    templates: Sequence[str] | None,
    dates: Sequence[str] | None,
    leaders: Sequence[str] | None,
) -> _Drawn:
    """Draw the sentence of one meeting, its publication date, its facts and its actors."""
    name = draw(st.sampled_from(_choose(templates, MEETING_TEMPLATES, "templates")))
    status, mode, pattern = MEETING_TEMPLATES[name]
    form = draw(st.sampled_from(_choose(dates, DATE_FORMS, "dates")))
    leader_form = draw(st.sampled_from(_choose(leaders, LEADER_FORMS, "leaders")))
    first, second, official = draw(_actors(leader_form))
    published = draw(_published(official))
    phrase, day = _date_phrase(form, published, draw(_offsets(form, status)))
    pools = _pools()
    city = draw(_one_of(pools.cities)) if "{city}" in pattern else None
    second_form = "title_of_country" if leader_form in {"official", "organisation"} else leader_form
    sentence = pattern.format(
        a=first.write(leader_form, pools.demonyms.get(first.party.code)),
        b=second.write(second_form, pools.demonyms.get(second.party.code)),
        city="" if city is None else city.name,
        date=phrase,
        Date=_capital(phrase),
    )
    facts = MeetingFacts(
        parties=frozenset({first.party.code, second.party.code}),
        status=status,
        mode=mode,
        date=day.isoformat(),
        city=None if city is None else _city_name(city),
        country=None if city is None else city.country,
        heads=tuple(sorted((actor.party.code, _clean(actor.name)) for actor in (first, second))),
    )
    choices = {"template": name, "date": form, "leader": leader_form}
    return _Drawn(
        sentence=sentence,
        published=published,
        facts=facts,
        first=first,
        second=second,
        choices=choices,
    )


def meeting_reports(
    *,
    templates: Sequence[str] | None = None,
    dates: Sequence[str] | None = None,
    leaders: Sequence[str] | None = None,
) -> st.SearchStrategy[Report]:
    """Reports of one meeting between two leaders, with its facts.

    ``templates`` picks among :data:`MEETING_TEMPLATES` (held and planned, in
    person and by phone), ``dates`` among :data:`DATE_FORMS` and ``leaders``
    among :data:`LEADER_FORMS`; by default any.  The parties are real states
    of the lexicon (and organisations, for the ``"organisation"`` form); the
    date lies on the side of the publication date that the tense says, near
    enough that a date without a year is unambiguous; a meeting in person
    takes place in a city of the lexicon, which may be in a third country.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Report:
        drawn = draw(_meeting(templates, dates, leaders))
        return Report(
            text=f"{draw(_one_of(_HEADLINES))}\n{drawn.sentence}\n",
            published=drawn.published,
            meetings=(drawn.facts,),
            template=drawn.choices["template"],
            choices=drawn.choices,
        )

    return build()


_PLAIN_MEETINGS = ("met", "held_talks_with", "telephone_conversation", "spoke_by_phone")
"""The meeting templates that commitment and follow-up reports open with."""
_PLAIN_DATES = ("weekday", "day_month", "month_day_year")
"""The date forms of the meeting that commitment and follow-up reports open with."""
_PLAIN_LEADERS = ("title_of_country", "demonym_title")
"""The leader forms of the meeting that commitment and follow-up reports open with."""


def commitment_reports(*, templates: Sequence[str] | None = None) -> st.SearchStrategy[Report]:
    """Reports of a held meeting followed by a commitment of one or both parties.

    ``templates`` picks among :data:`COMMITMENT_TEMPLATES` (mutual and
    unilateral); the meeting opens the report in a plain form (``"met"``,
    ``"held talks with"``, a telephone conversation).
    """

    @st.composite
    def build(draw: st.DrawFn) -> Report:
        drawn = draw(_meeting(_PLAIN_MEETINGS, _PLAIN_DATES, _PLAIN_LEADERS))
        name = draw(st.sampled_from(_choose(templates, COMMITMENT_TEMPLATES, "templates")))
        who, strength, pattern = COMMITMENT_TEMPLATES[name]
        first, second = drawn.first, drawn.second
        sentence = pattern.format(
            A=_capital(_country_name(first.party)),
            B=_country_name(second.party),
            a_surname=first.surname,
            b_surname=second.surname,
            a_demonym=_pools().demonyms.get(first.party.code, first.party.name),
            action=draw(_one_of(_ACTIONS)),
            topic=draw(_one_of(_TOPICS)),
        )
        bound = drawn.facts.parties if who == "mutual" else frozenset({first.party.code})
        return Report(
            text=f"{draw(_one_of(_HEADLINES))}\n{drawn.sentence} {sentence}\n",
            published=drawn.published,
            meetings=(drawn.facts,),
            commitments=(CommitmentFacts(parties=bound, strength=strength, meeting=0),),
            template=name,
            choices={**drawn.choices, "commitment": name},
        )

    return build()


def followup_reports(*, templates: Sequence[str] | None = None) -> st.SearchStrategy[Report]:
    """Reports of a held meeting followed by a further meeting its parties agreed.

    ``templates`` picks among :data:`FOLLOWUP_TEMPLATES`; the meeting opens the
    report in a plain form, as for :func:`commitment_reports`.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Report:
        drawn = draw(_meeting(_PLAIN_MEETINGS, _PLAIN_DATES, _PLAIN_LEADERS))
        name = draw(st.sampled_from(_choose(templates, FOLLOWUP_TEMPLATES, "templates")))
        timeframe, pattern = FOLLOWUP_TEMPLATES[name]
        date: str | None = None
        when = ""
        if timeframe == "month":
            ahead = draw(st.integers(1, 10))
            year, month = divmod(drawn.published.year * 12 + drawn.published.month - 1 + ahead, 12)
            when = "next month" if ahead == 1 else f"in {_MONTH_NAMES[month]} {year}"
            date = f"{year:04d}-{month + 1:02d}"
        sentence = pattern.format(when=when, city=draw(_one_of(_pools().cities)).name)
        followup = FollowUpFacts(parties=drawn.facts.parties, date=date, meeting=0)
        return Report(
            text=f"{draw(_one_of(_HEADLINES))}\n{drawn.sentence} {sentence}\n",
            published=drawn.published,
            meetings=(drawn.facts,),
            followups=(followup,),
            template=name,
            choices={**drawn.choices, "followup": name},
        )

    return build()


def _capital(value: str) -> str:
    """``value`` with its first letter capitalised (``"The United States"``)."""
    return value[:1].upper() + value[1:]
