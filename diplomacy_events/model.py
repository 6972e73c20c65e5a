"""The domain model: immutable values for what an article reports.

Every class here is a frozen, keyword-only :mod:`attrs` class with typed
fields and tuples for collections.  None of them parses or does I/O: the
parsers build them, :mod:`diplomacy_events.serialize` turns them into JSON
and back.

Every extracted value carries an :class:`Evidence` span, so that each value
can be traced to the characters of the article that stated it::

    >>> from diplomacy_events.model import Evidence
    >>> text = "Russia and the US held talks."
    >>> ev = Evidence(start=18, end=28, text="held talks", rule="meeting.trigger")
    >>> text[ev.start:ev.end] == ev.text
    True
"""

from __future__ import annotations

import datetime
import enum

import attrs

__all__ = [
    "Article",
    "Commitment",
    "Concern",
    "Delegation",
    "Determination",
    "Duration",
    "DurationUnit",
    "Evidence",
    "FollowUp",
    "Granularity",
    "Meeting",
    "Mode",
    "Party",
    "PartyKind",
    "PartyMention",
    "Person",
    "Place",
    "Qualifier",
    "Rank",
    "Request",
    "Result",
    "Source",
    "Status",
    "Strength",
    "TimeExpression",
]


def _span_matches_text(instance: Evidence, attribute: attrs.Attribute[str], value: str) -> None:
    """Check that the evidence text is exactly as long as its span."""
    if len(value) != instance.end - instance.start:
        raise ValueError(
            f"evidence text {value!r} has {len(value)} characters but its span "
            f"{instance.start}:{instance.end} has {instance.end - instance.start}"
        )


def _not_before_start(instance: Evidence, attribute: attrs.Attribute[int], value: int) -> None:
    """Check that a span does not end before it starts."""
    if value < instance.start:
        raise ValueError(f"evidence end {value} is before its start {instance.start}")


@attrs.frozen(kw_only=True)
class Evidence:
    """A span of the original article text that states a value.

    ``text[start:end] == evidence.text`` holds for the text the evidence was
    taken from; ``rule`` names the rule that produced it (for example
    ``"meeting.trigger"``), so that a surprising value can be traced to the
    rule that made it.
    """

    start: int = attrs.field(validator=attrs.validators.ge(0))
    end: int = attrs.field(validator=_not_before_start)
    text: str = attrs.field(validator=_span_matches_text)
    rule: str = ""

    def overlaps(self, other: Evidence) -> bool:
        """Whether two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def covers(self, other: Evidence) -> bool:
        """Whether this span contains the whole of ``other``."""
        return self.start <= other.start and other.end <= self.end


class PartyKind(enum.Enum):
    """What kind of actor a party is."""

    STATE = "state"
    """A state, coded by its ISO 3166-1 alpha-3 code."""
    ORGANISATION = "organisation"
    """An international organisation, coded by its usual English acronym."""
    OTHER = "other"
    """Any other actor (a movement, a company, a region), coded by its name."""


@attrs.frozen(kw_only=True, order=True)
class Party:
    """A side in diplomacy: a state, an international organisation or another actor.

    ``code`` is what the gold format uses: ``"RUS"`` for Russia,
    ``"NATO"`` for the alliance, the name as written for anything else.
    Parties order by code.
    """

    code: str = attrs.field(validator=attrs.validators.min_len(1))
    name: str = attrs.field(eq=False, order=False)
    kind: PartyKind = attrs.field(default=PartyKind.STATE, eq=False, order=False)


@attrs.frozen(kw_only=True)
class PartyMention:
    """One place in the text that names a party, directly or by metonym.

    ``form`` says how it was named: ``"name"``, ``"demonym"``,
    ``"capital"``, ``"office"`` (a ministry, the Kremlin) or ``"acronym"``.
    """

    party: Party
    form: str
    evidence: Evidence


class Rank(enum.Enum):
    """A person's rank, normalised from the title as written."""

    HEAD_OF_STATE = "head_of_state"
    HEAD_OF_GOVERNMENT = "head_of_government"
    MINISTER = "minister"
    DEPUTY_MINISTER = "deputy_minister"
    AMBASSADOR = "ambassador"
    SENIOR_OFFICIAL = "senior_official"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Person:
    """A named person, with the title the text gives them and the party they act for."""

    name: str
    title: str | None = None
    """The title as written (``"Deputy Assistant Secretary of State"``), if any."""
    rank: Rank = Rank.OTHER
    party: Party | None = None
    evidence: Evidence

    @property
    def surname(self) -> str:
        """The last word of the name (``"Darchiev"`` for ``"Aleksandr Darchiev"``)."""
        return self.name.split()[-1] if self.name.split() else self.name


@attrs.frozen(kw_only=True)
class Place:
    """Where something happens: a city (if named) and its country (if known).

    ``venue`` is a named building or site (``"the Kremlin"``) when the text
    names one.
    """

    city: str | None = None
    country: Party | None = None
    venue: str | None = None
    evidence: Evidence


class Granularity(enum.Enum):
    """How precisely a time expression fixes a date."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNRESOLVED = "unresolved"
    """The expression does not fix a date (``"in the near term"``), or no
    publication date was given to resolve it against."""


@attrs.frozen(kw_only=True)
class TimeExpression:
    """A date or period as written and what it resolves to.

    ``earliest`` and ``latest`` bound the days the expression allows
    (equal for a single day; the first and last day of a month, a week or a
    range such as ``"May 24-27"``); both are ``None`` when unresolved.
    ``anchor`` is the publication date used for a relative expression.
    """

    evidence: Evidence
    granularity: Granularity = Granularity.UNRESOLVED
    earliest: datetime.date | None = None
    latest: datetime.date | None = None
    anchor: datetime.date | None = None
    relative: bool = False
    """Whether the expression needed the anchor (``"Thursday"``, ``"last week"``)."""

    @property
    def iso(self) -> str | None:
        """The date in the gold format's ISO form, at the precision the text gives.

        A day is ``YYYY-MM-DD`` (the first day of a range of days); any wider
        span is the month or year that holds all of it, ``None`` when none does.

        >>> import datetime
        >>> from diplomacy_events.model import Evidence, Granularity, TimeExpression
        >>> ev = Evidence(start=0, end=8, text="May 2022")
        >>> TimeExpression(evidence=ev, granularity=Granularity.MONTH,
        ...     earliest=datetime.date(2022, 5, 1), latest=datetime.date(2022, 5, 31)).iso
        '2022-05'
        """
        if self.earliest is None or self.latest is None:
            return None
        if self.granularity is Granularity.DAY:
            return self.earliest.isoformat()
        if self.granularity is Granularity.YEAR:
            return f"{self.earliest.year:04d}" if self.earliest.year == self.latest.year else None
        if (self.earliest.year, self.earliest.month) == (self.latest.year, self.latest.month):
            return f"{self.earliest.year:04d}-{self.earliest.month:02d}"
        return None


class Qualifier(enum.Enum):
    """How a duration bounds the time it states."""

    EXACTLY = "exactly"
    AT_LEAST = "at_least"
    """``"over five hours"``, ``"more than an hour"``."""
    AT_MOST = "at_most"
    """``"under an hour"``, ``"less than two days"``."""
    ABOUT = "about"
    """``"about two hours"``, ``"nearly three hours"``."""


class DurationUnit(enum.Enum):
    """The unit a duration is counted in."""

    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@attrs.frozen(kw_only=True)
class Duration:
    """How long something lasted: ``"over five hours"`` is at least 5 hours."""

    amount: float
    unit: DurationUnit
    qualifier: Qualifier = Qualifier.EXACTLY
    evidence: Evidence


class Status(enum.Enum):
    """Whether a meeting has taken place."""

    HELD = "held"
    PLANNED = "planned"


class Mode(enum.Enum):
    """How the parties met."""

    IN_PERSON = "in_person"
    REMOTE = "remote"
    """By telephone or video."""


@attrs.frozen(kw_only=True)
class Delegation:
    """One side of a meeting: its party, the head of its delegation, other named members."""

    party: Party
    head: Person | None = None
    members: tuple[Person, ...] = ()


@attrs.frozen(kw_only=True)
class Meeting:
    """A specific encounter between representatives of two or more parties.

    ``evidence`` holds every mention of the meeting, the first being the one
    the meeting was found by; a teaser and a body that report the same talks
    are one meeting with two pieces of evidence.
    """

    status: Status
    mode: Mode = Mode.IN_PERSON
    parties: tuple[Party, ...]
    delegations: tuple[Delegation, ...] = ()
    host: Party | None = attrs.field(default=None)
    """The party that hosted or chaired it, when the text says so: one of ``parties``."""
    date: TimeExpression | None = None
    location: Place | None = None
    duration: Duration | None = None
    format: tuple[str, ...] = ()
    """How it was held, as written: ``"closed-door"``, ``"trilateral"``."""
    topics: tuple[str, ...] = ()
    kind: str = "meeting"
    """The trigger's normalised noun: ``"talks"``, ``"telephone conversation"``."""
    evidence: tuple[Evidence, ...] = attrs.field(validator=attrs.validators.min_len(1))

    @host.validator
    def _host_takes_part(self, _: attrs.Attribute[Party | None], host: Party | None) -> None:
        """A host is one of the parties."""
        if host is not None and host not in self.parties:
            codes = ", ".join(p.code for p in self.parties)
            raise ValueError(f"host {host.code!r} is not one of the parties ({codes})")

    @property
    def heads(self) -> dict[str, Person]:
        """The head of each delegation that has one, by party code."""
        return {d.party.code: d.head for d in self.delegations if d.head is not None}


@attrs.frozen(kw_only=True)
class Source:
    """Who reported a statement: a news agency, a ministry, a spokesperson.

    Kept apart from who made the commitment: in "Darchiev said ..., according
    to TASS", Darchiev is the speaker and TASS the outlet.
    """

    name: str
    party: Party | None = None
    evidence: Evidence


class Strength(enum.Enum):
    """How strongly a party binds itself."""

    AGREED = "agreed"
    """Agreed, reached an understanding, signed, decided."""
    PLEDGED = "pledged"
    """Pledged, promised, committed, reaffirmed a commitment."""
    INTENDED = "intended"
    """Will or intends to do something."""
    CONSIDER = "consider"
    """Agreed to look into or explore something."""


@attrs.frozen(kw_only=True)
class Commitment:
    """An undertaking by one or more parties to do something named."""

    parties: tuple[Party, ...] = attrs.field(validator=attrs.validators.min_len(1))
    action: str
    """What they undertake, as written."""
    strength: Strength = Strength.AGREED
    reported_by: tuple[Source, ...] = ()
    meeting: int | None = None
    """The index in :attr:`Result.meetings` of the meeting it came from."""
    evidence: Evidence

    @property
    def mutual(self) -> bool:
        """Whether more than one party binds itself."""
        return len(self.parties) > 1


class Determination(enum.Enum):
    """Whether an aspect of a planned contact is fixed."""

    KNOWN = "known"
    TO_BE_DETERMINED = "to_be_determined"
    UNSTATED = "unstated"


@attrs.frozen(kw_only=True)
class FollowUp:
    """A further meeting or contact that the parties of a meeting agreed or discussed."""

    parties: tuple[Party, ...] = attrs.field(validator=attrs.validators.min_len(1))
    timeframe: TimeExpression | None = None
    date_status: Determination = Determination.UNSTATED
    location: Place | None = None
    location_status: Determination = Determination.UNSTATED
    representation_status: Determination = Determination.UNSTATED
    meeting: int | None = None
    """The index in :attr:`Result.meetings` of the meeting it follows."""
    evidence: Evidence


@attrs.frozen(kw_only=True)
class Request:
    """A call by one party on another ("urged", "encouraged ... to"); not a commitment."""

    parties: tuple[Party, ...]
    """Who makes the request."""
    addressees: tuple[Party, ...] = ()
    meeting: int | None = None
    evidence: Evidence


@attrs.frozen(kw_only=True)
class Concern:
    """A concern raised by a party ("raised concerns about"); not a commitment."""

    parties: tuple[Party, ...]
    meeting: int | None = None
    evidence: Evidence


@attrs.frozen(kw_only=True)
class Article:
    """The input: the text as given, its title and publication date if known."""

    text: str
    title: str | None = None
    published: datetime.date | None = None
    id: str | None = None


@attrs.frozen(kw_only=True)
class Result:
    """What parsing one article found."""

    article: Article
    meetings: tuple[Meeting, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    followups: tuple[FollowUp, ...] = ()
    requests: tuple[Request, ...] = ()
    concerns: tuple[Concern, ...] = ()
    people: tuple[Person, ...] = ()
    """Every person the article names, at their first mention."""
    extras: tuple[object, ...] = ()
    """Events of kinds the library does not know, found by a user's own extractors
    (``Parser(extras=[...])``): each an instance of the user's attrs class."""
