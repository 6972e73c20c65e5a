"""The word lists the finders look for: names of parties, places, titles and officials.

A :class:`Lexicon` holds every surface form that names a party (``"Russia"``,
``"Russian"``, ``"Moscow"``, ``"the Kremlin"``, ``"NATO"``), the cities and
venues where diplomacy happens, the titles of office with their ranks, and
well-known office holders.  The states are those of ISO 3166-1, read from
:mod:`pycountry`; everything else comes from the UTF-8 TSV files in
``diplomacy_events/data/``, each of which says in its header what it holds,
its columns and where its content comes from.  Nothing is read until the
lexicon is first asked for, and then only once::

    >>> from diplomacy_events.lexicon import default_lexicon
    >>> lexicon = default_lexicon()
    >>> lexicon.party("TUR").name
    'Türkiye'
    >>> sorted({n.code for n in lexicon.party_names if n.surface == "Kiev"})
    ['UKR']

Lexicons are immutable.  Add to one with :meth:`Lexicon.extend`, which
returns a new lexicon, or read a folder of your own files in the same
formats with :func:`load_lexicon`::

    >>> from diplomacy_events.lexicon import PartyName
    >>> mine = lexicon.extend(party_names=[PartyName(surface="Albion", code="GBR", form="alias")])
    >>> [n.code for n in mine.party_names if n.surface == "Albion"]
    ['GBR']
    >>> [n.code for n in lexicon.party_names if n.surface == "Albion"]
    []

The data files
--------------

=========================  ==================================================
file                       columns
=========================  ==================================================
``states.tsv``             ``code``, ``name``: states pycountry lacks (Kosovo),
                           and better names for some it has (Russia)
``country_aliases.tsv``    ``alias``, ``code``
``demonyms.tsv``           ``demonym``, ``code``
``capitals.tsv``           ``city``, ``code``
``cities.tsv``             ``city``, ``code``
``venues.tsv``             ``venue``, ``city`` (may be empty), ``code``,
                           ``metonym`` (``yes`` or ``no``)
``offices.tsv``            ``office``, ``code``
``organisations.tsv``      ``code``, ``name``, ``aliases`` (``|``-separated,
                           may be empty)
``titles.tsv``             ``title``, ``rank`` (a :class:`~diplomacy_events.model.Rank`
                           value)
``officials.tsv``          ``name``, ``code``, ``rank``, ``title``, ``since``,
                           ``until`` (``YYYY`` or ``YYYY-MM``; both may be empty)
=========================  ==================================================

Columns are separated by tabs; lines that are empty or start with ``#`` are
skipped; trailing columns that may be empty may be left off.  Within one
file a name is listed once (a surface form, a title, a venue; for
``officials.tsv`` a name, party, title and start date), and a city is not
both a capital and another city.  Every code must be a party of the lexicon:
an ISO 3166-1 alpha-3 code, a code of ``states.tsv`` or of
``organisations.tsv``.  A line that breaks these rules is an error naming the
file, the line and the problem (:class:`LexiconFileError`).
"""

from __future__ import annotations

import functools
import importlib.resources
import os
import re
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import attrs

from diplomacy_events.exceptions import DiplomacyEventsError
from diplomacy_events.model import Party, PartyKind, Rank

if TYPE_CHECKING:
    import pycountry.db

__all__ = [
    "FORMS",
    "City",
    "Lexicon",
    "LexiconFileError",
    "Official",
    "PartyName",
    "UnknownPartyError",
    "Venue",
    "default_lexicon",
    "load_lexicon",
]

FORMS = frozenset({"name", "alias", "demonym", "capital", "office", "acronym"})
"""The values of :attr:`PartyName.form`: how a surface form names its party."""

_PERIOD = re.compile(r"[0-9]{4}(?:-(?:0[1-9]|1[0-2]))?\Z")
"""A ``since`` or ``until`` value: ``YYYY`` or ``YYYY-MM``."""

_T = TypeVar("_T")


# -- errors -------------------------------------------------------------------


class UnknownPartyError(DiplomacyEventsError, LookupError):
    """A party code that the lexicon does not know.

    >>> str(UnknownPartyError("XYZ"))
    "unknown party code 'XYZ': not a state or organisation of this lexicon"
    """

    code: str
    """The code asked for."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(
            f"unknown party code {code!r}: not a state or organisation of this lexicon"
        )

    def __reduce__(self) -> tuple[type[UnknownPartyError], tuple[str]]:
        """Pickle by the constructor's arguments."""
        return (type(self), (self.code,))


class LexiconFileError(DiplomacyEventsError, ValueError):
    """A lexicon data file is unreadable or has a malformed line.

    >>> str(LexiconFileError("mine/titles.tsv", 7, "rank 'boss' is not one of ..."))
    "mine/titles.tsv, line 7: rank 'boss' is not one of ..."
    """

    path: str
    """The file (or folder) that has the problem."""
    line: int | None
    """The number of the line, counting from 1, or ``None`` for the whole file."""
    problem: str
    """What is wrong."""

    def __init__(self, path: str | os.PathLike[str], line: int | None, problem: str) -> None:
        self.path = os.fspath(path)
        self.line = line
        self.problem = problem
        where = self.path if line is None else f"{self.path}, line {line}"
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[type[LexiconFileError], tuple[str, int | None, str]]:
        """Pickle by the constructor's arguments."""
        return (type(self), (self.path, self.line, self.problem))


# -- entries ------------------------------------------------------------------


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """Check that a string field is not empty or blank."""
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


def _a_form(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """Check that a party name's form is one of :data:`FORMS`."""
    if value not in FORMS:
        raise ValueError(f"form {value!r} is not one of {', '.join(sorted(FORMS))}")


def _a_period(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    """Check that ``since``/``until`` is ``None``, ``YYYY`` or ``YYYY-MM``."""
    if value is not None and not _PERIOD.match(value):
        raise ValueError(f"{attribute.name} {value!r} is not YYYY or YYYY-MM")


@attrs.frozen(kw_only=True)
class PartyName:
    """One surface form that names a party: ``"Türkiye"`` names ``TUR`` by ``"alias"``.

    ``form`` says how: ``"name"`` (a state's or organisation's name),
    ``"alias"`` (another name of a state), ``"demonym"``, ``"capital"``,
    ``"office"`` (a ministry or a venue standing for a government, such as
    the Kremlin) or ``"acronym"`` (an organisation's code or acronym).
    """

    surface: str = attrs.field(validator=_non_empty)
    """The form as written; finders match it case-sensitively."""
    code: str = attrs.field(validator=_non_empty)
    """The code of the party it names."""
    form: str = attrs.field(validator=_a_form)
    """How it names the party, one of :data:`FORMS`."""


@attrs.frozen(kw_only=True)
class City:
    """A city and the state it lies in; ``capital`` for a capital or seat of government."""

    name: str = attrs.field(validator=_non_empty)
    """The common short English name (``"St Petersburg"``)."""
    country: str = attrs.field(validator=_non_empty)
    """The ISO 3166-1 alpha-3 code of its state."""
    capital: bool = False
    """Whether it is a capital (and so a metonym for its state)."""


@attrs.frozen(kw_only=True)
class Venue:
    """A named venue of diplomacy whose place is beyond doubt (``"the Kremlin"``: Moscow)."""

    name: str = attrs.field(validator=_non_empty)
    """The name as written."""
    city: str | None = None
    """The city it is in, or ``None`` where it lies outside any listed city."""
    country: str = attrs.field(validator=_non_empty)
    """The ISO 3166-1 alpha-3 code of its state."""
    metonym: bool = False
    """Whether the name commonly stands for the state's government ("the Kremlin said")."""


@attrs.frozen(kw_only=True)
class Official:
    """A well-known holder of an office, for names written without a title.

    One person holding several offices over time has one entry per office.
    """

    name: str = attrs.field(validator=_non_empty)
    """The full name as commonly written in English."""
    party: str = attrs.field(validator=_non_empty)
    """The code of the party the person acts for in this office."""
    rank: Rank
    """The rank of the office."""
    title: str = attrs.field(validator=_non_empty)
    """The title of the office (``"Foreign Minister"``)."""
    since: str | None = attrs.field(default=None, validator=_a_period)
    """When the office was taken up: ``YYYY`` or ``YYYY-MM``, ``None`` if not given."""
    until: str | None = attrs.field(default=None, validator=_a_period)
    """When it was left: ``YYYY`` or ``YYYY-MM``; ``None`` while (as far as known) held."""


# -- the lexicon ----------------------------------------------------------------


def _parties(value: Mapping[str, Party]) -> Mapping[str, Party]:
    """Return a read-only copy of the parties."""
    return types.MappingProxyType(dict(value))


def _titles(value: Mapping[str, Rank]) -> Mapping[str, Rank]:
    """Return a read-only copy of the titles."""
    return types.MappingProxyType(dict(value))


def _party_names(value: Iterable[PartyName]) -> tuple[PartyName, ...]:
    """Return the party names as a tuple."""
    return tuple(value)


def _cities(value: Iterable[City]) -> tuple[City, ...]:
    """Return the cities as a tuple."""
    return tuple(value)


def _venues(value: Iterable[Venue]) -> tuple[Venue, ...]:
    """Return the venues as a tuple."""
    return tuple(value)


def _officials(value: Iterable[Official]) -> tuple[Official, ...]:
    """Return the officials as a tuple."""
    return tuple(value)


def _replace(old: Iterable[_T], new: Iterable[_T], key: Callable[[_T], object]) -> tuple[_T, ...]:
    """Return ``old`` without the entries whose key ``new`` has, then ``new``, without repeats."""
    added = list(new)
    replaced = {key(entry) for entry in added}
    out: list[_T] = []
    seen: set[_T] = set()
    for entry in [*(e for e in old if key(e) not in replaced), *added]:
        if entry not in seen:
            seen.add(entry)
            out.append(entry)
    return tuple(out)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Lexicon:
    """Everything the finders look for, immutable.

    Mappings are read-only views and collections are tuples.  Every code an
    entry refers to is a key of :attr:`parties` (else :class:`UnknownPartyError`).
    Lexicons compare by identity.
    """

    parties: Mapping[str, Party] = attrs.field(converter=_parties)
    """Every party by code: each ISO 3166-1 state and each state of
    ``states.tsv`` (kind STATE), each organisation (kind ORGANISATION)."""
    party_names: tuple[PartyName, ...] = attrs.field(converter=_party_names)
    """Every surface form that names a party.  Where finders keep one entry
    per surface, the first listed wins: pycountry's names and those of
    ``states.tsv`` come first, then aliases, demonyms, capitals, offices,
    venues and organisations.  A surface names a party once: where it is
    both a state's name and its capital (``"Luxembourg"``) the name is kept."""
    cities: tuple[City, ...] = attrs.field(converter=_cities)
    """Capitals (``capital=True``) first, then other cities."""
    venues: tuple[Venue, ...] = attrs.field(converter=_venues)
    """Named venues of diplomacy."""
    titles: Mapping[str, Rank] = attrs.field(converter=_titles)
    """Each title as written, with its rank."""
    officials: tuple[Official, ...] = attrs.field(converter=_officials)
    """Well-known office holders, one entry per person and office."""

    def __attrs_post_init__(self) -> None:
        """Check that every code an entry refers to is a party."""
        codes = [n.code for n in self.party_names]
        codes += [c.country for c in self.cities]
        codes += [v.country for v in self.venues]
        codes += [o.party for o in self.officials]
        for code in codes:
            if code not in self.parties:
                raise UnknownPartyError(code)

    def __reduce__(self) -> tuple[Callable[..., Lexicon], tuple[object, ...]]:
        """Pickle by value: the read-only mappings travel as plain dicts.

        A parser holds its lexicon, and parsers are sent to worker processes.
        """
        return (
            _rebuild_lexicon,
            (
                dict(self.parties),
                self.party_names,
                self.cities,
                self.venues,
                dict(self.titles),
                self.officials,
            ),
        )

    def __repr__(self) -> str:
        """Summarise the lexicon by the size of each part, not its entries."""
        return (
            f"<Lexicon: {len(self.parties)} parties, {len(self.party_names)} party names, "
            f"{len(self.cities)} cities, {len(self.venues)} venues, {len(self.titles)} titles, "
            f"{len(self.officials)} officials>"
        )

    def party(self, code: str) -> Party:
        """Return the party with ``code``; raise :class:`UnknownPartyError` if there is none.

        >>> default_lexicon().party("LAS").name
        'League of Arab States'
        """
        try:
            return self.parties[code]
        except KeyError:
            raise UnknownPartyError(code) from None

    def extend(
        self,
        other: Lexicon | None = None,
        *,
        parties: Mapping[str, Party] | Iterable[Party] = (),
        party_names: Iterable[PartyName] = (),
        cities: Iterable[City] = (),
        venues: Iterable[Venue] = (),
        titles: Mapping[str, Rank] | None = None,
        officials: Iterable[Official] = (),
    ) -> Lexicon:
        """Return a new lexicon with the entries of ``other`` and of the keyword arguments added.

        An added entry replaces the entries of this lexicon with the same key:
        a party by its code, party names by their surface form (so that
        ``"Georgia"`` can be made to name something else), a city or venue by
        its name, a title by itself, an official by name and start date.
        Everything else is kept, in order, and added entries come after it.
        Neither this lexicon nor the default one is changed.

        >>> base = default_lexicon()
        >>> extended = base.extend(titles={"Foreign Affairs Secretary": Rank.MINISTER})
        >>> extended.titles["Foreign Affairs Secretary"], "Foreign Affairs Secretary" in base.titles
        (<Rank.MINISTER: 'minister'>, False)
        """
        base = self
        if other is not None:
            base = self.extend(
                parties=other.parties,
                party_names=other.party_names,
                cities=other.cities,
                venues=other.venues,
                titles=other.titles,
                officials=other.officials,
            )
        added = dict(parties) if isinstance(parties, Mapping) else {p.code: p for p in parties}
        return Lexicon(
            parties={**base.parties, **added},
            party_names=_replace(base.party_names, party_names, lambda n: n.surface),
            cities=_replace(base.cities, cities, lambda c: c.name),
            venues=_replace(base.venues, venues, lambda v: v.name),
            titles={**base.titles, **(titles or {})},
            officials=_replace(base.officials, officials, lambda o: (o.name, o.since)),
        )


# -- pycountry --------------------------------------------------------------------


def _display_name(country: pycountry.db.Country) -> str:
    """Return the short English name of a pycountry country, never an inverted comma form.

    pycountry's ``common_name`` where it has one, else its ``name`` unless
    that is inverted with a comma: then ``"Congo, The Democratic Republic of
    the"`` is turned back to ``"Democratic Republic of the Congo"`` and
    ``"Virgin Islands, British"`` gives way to the official name.
    """
    common: str | None = getattr(country, "common_name", None)
    name = country.name
    if common:
        return common
    if "," not in name:
        return name
    head, _, tail = name.partition(", ")
    if tail.endswith((" of", " of the")):
        return _strip_the(f"{tail} {head}")
    official = _strip_the(getattr(country, "official_name", "") or "")
    return official if official and "," not in official else name


def _strip_the(name: str) -> str:
    """Return ``name`` without a leading ``"the "`` or ``"The "``."""
    return name[4:] if name[:4] in {"the ", "The "} else name


@functools.cache
def _iso_states() -> tuple[tuple[Party, tuple[str, ...]], ...]:
    """Return each ISO 3166-1 state of pycountry, with its names (but no comma forms)."""
    import pycountry  # imported with the word lists, not with the package

    out = []
    for country in pycountry.countries:
        display = _display_name(country)
        forms = [display]
        for attribute in ("name", "common_name", "official_name"):
            value = _strip_the(getattr(country, attribute, None) or "")
            if value and "," not in value and value not in forms:
                forms.append(value)
        party = Party(code=country.alpha_3, name=display, kind=PartyKind.STATE)
        out.append((party, tuple(forms)))
    return tuple(out)


# -- reading the files --------------------------------------------------------------

_Reader = Callable[[str], tuple[str, str] | None]
"""Gives ``(path as shown in errors, text)`` for a file name, or ``None`` if it is missing."""


@attrs.frozen
class _Row:
    """One entry line of a data file."""

    path: str
    number: int
    fields: tuple[str, ...]

    def error(self, problem: str) -> LexiconFileError:
        """Return an error about this line."""
        return LexiconFileError(self.path, self.number, problem)


def _rows(
    read: _Reader,
    name: str,
    columns: tuple[str, ...],
    *,
    optional: tuple[str, ...] = (),
) -> Iterator[_Row]:
    """Yield the entry lines of ``name``, each with all ``columns``.

    The ``optional`` columns may be empty, and those of them that end the
    line may be left off; every other column must be given.
    """
    found = read(name)
    if found is None:
        return
    path, text = found
    fewest = len(columns)
    while fewest and columns[fewest - 1] in optional:
        fewest -= 1
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if not fewest <= len(fields) <= len(columns):
            raise LexiconFileError(
                path,
                number,
                f"expected {len(columns)} tab-separated columns ({', '.join(columns)}), "
                f"found {len(fields)}",
            )
        fields += [""] * (len(columns) - len(fields))
        row = _Row(path, number, tuple(fields))
        for column, field in zip(columns, fields, strict=True):
            if not field and column not in optional:
                raise row.error(f"the {column} column is empty")
        yield row


class _Once:
    """Remembers the keys of a file's entries, to refuse a key listed twice."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.lines: dict[object, int] = {}

    def add(self, row: _Row, key: object, shown: str) -> None:
        """Record ``key`` for ``row``; raise an error if an earlier line had it."""
        if key in self.lines:
            first = self.lines[key]
            raise row.error(f"{self.what} {shown} is listed twice (first on line {first})")
        self.lines[key] = row.number


def _known(row: _Row, code: str, parties: Mapping[str, Party]) -> str:
    """Return ``code``, checked to be a party."""
    if code not in parties:
        raise row.error(
            f"unknown party code {code!r}: not an ISO 3166-1 alpha-3 code, nor a code of "
            "states.tsv or organisations.tsv"
        )
    return code


def _rank(row: _Row, value: str) -> Rank:
    """Return the rank named ``value``."""
    try:
        return Rank(value)
    except ValueError:
        expected = ", ".join(r.value for r in Rank)
        raise row.error(f"rank {value!r} is not one of {expected}") from None


def _read_pairs(
    read: _Reader, name: str, column: str, parties: Mapping[str, Party]
) -> list[tuple[_Row, str, str]]:
    """Read the ``(row, surface, code)`` entries of a two-column file, each surface once."""
    once = _Once(column)
    out = []
    for row in _rows(read, name, (column, "code")):
        surface, code = row.fields
        once.add(row, surface, repr(surface))
        out.append((row, surface, _known(row, code, parties)))
    return out


def _read_organisations(
    read: _Reader,
    states: Mapping[str, Party],
    file: str = "organisations.tsv",
    kind: PartyKind = PartyKind.ORGANISATION,
) -> list[tuple[Party, list[str]]]:
    """Read each organisation of ``organisations.tsv`` (or actor of ``actors.tsv``) with its aliases."""
    codes = _Once("code")
    surfaces: dict[str, tuple[str, int]] = {}
    out = []
    for row in _rows(read, file, ("code", "name", "aliases"), optional=("aliases",)):
        code, name, alias_field = row.fields
        codes.add(row, code, repr(code))
        if code in states:
            raise row.error(f"code {code!r} is already a state")
        aliases = alias_field.split("|") if alias_field else []
        for position, alias in enumerate(aliases, start=1):
            if not alias.strip():
                raise row.error(f"alias {position} is empty")
        aliases = [alias.strip() for alias in aliases]
        for surface in dict.fromkeys([code, name, *aliases]):
            if surface in surfaces and surfaces[surface][0] != code:
                other, line = surfaces[surface]
                raise row.error(f"{surface!r} already names {other} (line {line})")
            surfaces.setdefault(surface, (code, row.number))
        out.append((Party(code=code, name=name, kind=kind), aliases))
    return out


def _org_form(surface: str) -> str:
    """Return ``"acronym"`` for a form without lower-case letters (``"U.N."``), else ``"name"``."""
    return "name" if any(ch.islower() for ch in surface) else "acronym"


def _build(read: _Reader, base: Lexicon | None) -> Lexicon:
    """Build a lexicon of the files ``read`` gives, on top of ``base`` or of pycountry's states."""
    parties: dict[str, Party] = {}
    names: list[PartyName] = []
    if base is None:
        for party, forms in _iso_states():
            parties[party.code] = party
            names += [PartyName(surface=form, code=party.code, form="name") for form in forms]
    else:
        parties.update(base.parties)

    codes = _Once("code")
    for row in _rows(read, "states.tsv", ("code", "name")):
        code, name = row.fields
        codes.add(row, code, repr(code))
        if code in parties and parties[code].kind is not PartyKind.STATE:
            raise row.error(f"code {code!r} is already an organisation")
        parties[code] = Party(code=code, name=name, kind=PartyKind.STATE)
        names.append(PartyName(surface=name, code=code, form="name"))

    states = {c: p for c, p in parties.items() if p.kind is PartyKind.STATE}
    organisations = _read_organisations(read, states)
    organisations += _read_organisations(
        read, {**states, **{p.code: p for p, _ in organisations}}, "actors.tsv", PartyKind.OTHER
    )
    for party, _ in organisations:
        parties[party.code] = party

    for file, column, form in [
        ("country_aliases.tsv", "alias", "alias"),
        ("demonyms.tsv", "demonym", "demonym"),
    ]:
        for _, surface, code in _read_pairs(read, file, column, parties):
            names.append(PartyName(surface=surface, code=code, form=form))

    capitals = _read_pairs(read, "capitals.tsv", "city", parties)
    capital_lines = {surface: row.number for row, surface, _ in capitals}
    cities = [City(name=surface, country=code, capital=True) for _, surface, code in capitals]
    names += [PartyName(surface=city.name, code=city.country, form="capital") for city in cities]
    for row, surface, code in _read_pairs(read, "cities.tsv", "city", parties):
        if surface in capital_lines:
            raise row.error(
                f"{surface!r} is already a capital (capitals.tsv, line {capital_lines[surface]})"
            )
        cities.append(City(name=surface, country=code, capital=False))

    for _, surface, code in _read_pairs(read, "offices.tsv", "office", parties):
        names.append(PartyName(surface=surface, code=code, form="office"))

    venues = []
    once = _Once("venue")
    for row in _rows(read, "venues.tsv", ("venue", "city", "code", "metonym"), optional=("city",)):
        venue, city, code, metonym = row.fields
        once.add(row, venue, repr(venue))
        if metonym not in {"yes", "no"}:
            raise row.error(f"metonym {metonym!r} is not yes or no")
        venues.append(
            Venue(
                name=venue,
                city=city or None,
                country=_known(row, code, parties),
                metonym=metonym == "yes",
            )
        )
    names += [PartyName(surface=v.name, code=v.country, form="office") for v in venues if v.metonym]

    for party, aliases in organisations:
        code_form = "name" if party.code == party.name else "acronym"
        names.append(PartyName(surface=party.code, code=party.code, form=code_form))
        names.append(PartyName(surface=party.name, code=party.code, form="name"))
        names += [PartyName(surface=a, code=party.code, form=_org_form(a)) for a in aliases]

    titles: dict[str, Rank] = {}
    once = _Once("title")
    for row in _rows(read, "titles.tsv", ("title", "rank")):
        title, rank = row.fields
        once.add(row, title, repr(title))
        titles[title] = _rank(row, rank)

    officials = []
    once = _Once("official")
    columns = ("name", "code", "rank", "title", "since", "until")
    for row in _rows(read, "officials.tsv", columns, optional=("since", "until")):
        name, code, rank, title, since, until = row.fields
        once.add(row, (name, code, title, since), f"{name} as {title} since {since or '?'}")
        for column, value in (("since", since), ("until", until)):
            if value and not _PERIOD.match(value):
                raise row.error(f"{column} {value!r} is not YYYY or YYYY-MM")
        if since and until and until < since:
            raise row.error(f"until {until!r} is before since {since!r}")
        officials.append(
            Official(
                name=name,
                party=_known(row, code, parties),
                rank=_rank(row, rank),
                title=title,
                since=since or None,
                until=until or None,
            )
        )

    seen: set[tuple[str, str]] = set()
    unique = []
    for entry in names:
        if (entry.surface, entry.code) not in seen:
            seen.add((entry.surface, entry.code))
            unique.append(entry)

    if base is not None:
        return base.extend(
            parties=parties,
            party_names=unique,
            cities=cities,
            venues=venues,
            titles=titles,
            officials=officials,
        )
    return Lexicon(
        parties=parties,
        party_names=unique,
        cities=cities,
        venues=venues,
        titles=titles,
        officials=officials,
    )


def _read_package(name: str) -> tuple[str, str] | None:
    """Read a data file of the installed package (works from a wheel or a zip too)."""
    resource = importlib.resources.files("diplomacy_events").joinpath("data").joinpath(name)
    if not resource.is_file():
        return None
    path = f"diplomacy_events/data/{name}"
    try:
        return path, resource.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise LexiconFileError(path, None, f"not UTF-8: {error}") from None


def _rebuild_lexicon(
    parties: dict[str, Party],
    party_names: tuple[PartyName, ...],
    cities: tuple[City, ...],
    venues: tuple[Venue, ...],
    titles: dict[str, Rank],
    officials: tuple[Official, ...],
) -> Lexicon:
    """Rebuild a pickled lexicon."""
    return Lexicon(
        parties=parties,
        party_names=party_names,
        cities=cities,
        venues=venues,
        titles=titles,
        officials=officials,
    )


@functools.cache
def default_lexicon() -> Lexicon:
    """Return the lexicon of the package's data files and pycountry, read once on first use."""
    return _build(_read_package, None)


def load_lexicon(folder: str | os.PathLike[str], *, base: Lexicon | None = None) -> Lexicon:
    """Read a lexicon from your own folder of data files, in the formats of the package's.

    Files missing from ``folder`` count as empty.  Without ``base`` the result
    holds pycountry's states and what the folder adds; with a ``base`` (such
    as :func:`default_lexicon`) it is ``base`` extended by the folder, whose
    codes may then refer to the base's parties.  A malformed line raises
    :class:`LexiconFileError` naming the file, the line and the problem.
    """
    root = Path(folder)
    if not root.is_dir():
        raise LexiconFileError(root, None, "not a folder")

    def read(name: str) -> tuple[str, str] | None:
        path = root / name
        if not path.is_file():
            return None
        try:
            return str(path), path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            raise LexiconFileError(path, None, f"not UTF-8: {error}") from None

    return _build(read, base)
