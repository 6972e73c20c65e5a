"""Finding places: cities with their countries, and named venues of diplomacy.

A city named alone gives its country; a venue whose city is beyond doubt
gives both (the Kremlin: Moscow, Russia)::

    >>> from diplomacy_events.places import PlaceFinder
    >>> from diplomacy_events.text import Document
    >>> doc = Document.from_text("Talks in Istanbul and at the Kremlin.", headline=False)
    >>> [(p.city, p.country.code if p.country else None, p.venue) for p in PlaceFinder().find(doc)]
    [('Istanbul', 'TUR', None), ('Moscow', 'RUS', 'the Kremlin')]
"""

from __future__ import annotations

from collections.abc import Mapping

import regex

from diplomacy_events._gazetteer import Gazetteer
from diplomacy_events.base import load_phrases
from diplomacy_events.lexicon import City, Lexicon, Venue, default_lexicon
from diplomacy_events.model import Place
from diplomacy_events.text import Document

__all__ = ["PlaceFinder"]

# A named event after a city's name: the city is where it is held.
_EVENT_AFTER = regex.compile(
    r"(?:[ ]\p{Lu}\p{Ll}++){0,3}[ ](?:Conference|Summit|Forum|Dialogue|Meeting|Talks|Consultations|Format)\b"
)

# A date right after a city's name: "host in Washington May 12-13", "met in Moscow Tuesday".
_DATE_AFTER = regex.compile(
    r"""
    [ ](?:January|February|March|April|May|June|July|August|September|October|November|December
    | (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b
    """,
    regex.VERBOSE,
)

# A news dateline: a city in capitals, maybe its region or country, a date, a dash.
_DATELINE = regex.compile(
    r"""
    (?P<city>\p{Lu}[\p{Lu}'.\-]++(?:[ ]\p{Lu}[\p{Lu}'.\-]++){0,3})   # "RIYADH", "NEW DELHI"
    ,[ ](?:(?P<region>\p{Lu}[\p{L}.]++(?:[ ]\p{Lu}[\p{L}.]++){0,3}),[ ])?+  # "North Macedonia, "
    [^\n\u2014]{1,20}?                                                # the date: "Feb 19", "19 March"
    [ ](?:\u2014|--|-)[ ]                                              # a dash
    """,
    regex.VERBOSE,
)


class PlaceFinder:
    """Finds cities and venues in a document.

    Hooks for subclasses: :meth:`places` (the surface forms and what each
    names), :meth:`accept` (reject one match) and :meth:`build` (the place
    made of a match).
    """

    rule = "place"
    """The prefix of the evidence rule ids this finder writes."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon if lexicon is not None else default_lexicon()
        self._places: dict[str, City | Venue] | None = None
        self._gazetteer: Gazetteer | None = None

    def places(self) -> Mapping[str, City | Venue]:
        """Each surface form looked for, with the city or venue it names."""
        if self._places is None:
            table: dict[str, City | Venue] = {}
            for venue in self.lexicon.venues:
                table.setdefault(venue.name, venue)
            for city in self.lexicon.cities:
                table.setdefault(city.name, city)
            self._places = table
        return self._places

    def find(self, doc: Document) -> tuple[Place, ...]:
        """Every place named in ``doc``, in text order."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer(self.places())
        table = self.places()
        found = []
        for start, end, surface in self._gazetteer.finditer(doc.view):
            entry = table[surface]
            if self.accept(doc, start, end, entry):
                found.append(self.build(doc, start, end, entry))
        return tuple(found)

    def accept(self, doc: Document, start: int, end: int, entry: City | Venue) -> bool:
        """Whether the match names the place; the default rejects a city in a longer name.

        ``"Washington Post"`` and ``"Moscow State University"`` are not places
        of a meeting, ``"Washington, DC"`` is.
        """
        after = doc.view[end : end + 3]
        longer = (
            isinstance(entry, City)
            and not entry.name.endswith(".")
            and len(after) >= 3
            and after[0] == " "
            and after[1].isupper()
            and after[2].islower()
        )
        if start > 0 and doc.view[start - 1] in "-\u2013":
            return False  # "Guinea-Bissau", "Bissau-Guinean": part of another name
        # "the Munich Security Conference", "the St Petersburg Economic Forum": held in the city.
        return (
            not longer
            or bool(_EVENT_AFTER.match(doc.view, end))
            or bool(_DATE_AFTER.match(doc.view, end))
        )

    def dateline(self, doc: Document) -> Place | None:
        """The place of a news dateline opening the body: ``"RIYADH, Feb 19 — ..."``.

        The city is written in capitals, maybe followed by its region or
        country (``"OHRID, North Macedonia, 19 March —"``); a city the lexicon
        does not know counts when a country follows it.
        """
        body = next((s for s in doc.sentences if not s.headline), None)
        if body is None:
            return None
        match = _DATELINE.match(doc.view, body.start, body.end)
        if match is None:
            return None
        name = " ".join(w.capitalize() for w in match.group("city").split(" "))
        table = self.places()
        entry = table.get(name)
        region = match.group("region")
        country = self.lexicon.parties.get(self._country_code(region)) if region else None
        if isinstance(entry, City):
            country = self.lexicon.parties.get(entry.country)
        elif country is None:
            return None
        return Place(
            city=self.canonical_city(name),
            country=country,
            evidence=doc.evidence(match.start("city"), match.end("city"), f"{self.rule}.dateline"),
        )

    def _country_code(self, name: str) -> str:
        """The code of a state named ``name``, or ``""``."""
        for entry in self.lexicon.party_names:
            if entry.surface == name and entry.form in {"name", "alias"}:
                return entry.code
        return ""

    def canonical_city(self, name: str) -> str:
        """The common short English name of a city (``data/city_names.tsv``): "Washington" for "Washington, D.C."."""
        return dict(load_phrases("city_names.tsv")).get(name, name)

    def build(self, doc: Document, start: int, end: int, entry: City | Venue) -> Place:
        """The place for an accepted match, with its country from the lexicon."""
        country = self.lexicon.parties.get(entry.country) if entry.country else None
        if isinstance(entry, Venue):
            return Place(
                city=entry.city or None,
                country=country,
                venue=entry.name,
                evidence=doc.evidence(start, end, f"{self.rule}.venue"),
            )
        return Place(
            city=self.canonical_city(entry.name),
            country=country,
            evidence=doc.evidence(start, end, f"{self.rule}.city"),
        )
