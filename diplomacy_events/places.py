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

from diplomacy_events._gazetteer import Gazetteer
from diplomacy_events.base import load_phrases
from diplomacy_events.lexicon import City, Lexicon, Venue, default_lexicon
from diplomacy_events.model import Place
from diplomacy_events.text import Document

__all__ = ["PlaceFinder"]


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
        return not (
            isinstance(entry, City)
            and not entry.name.endswith(".")
            and len(after) >= 3
            and after[0] == " "
            and after[1].isupper()
            and after[2].islower()
        )

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
