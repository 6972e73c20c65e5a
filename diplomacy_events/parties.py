"""Finding the parties an article names: states, organisations, their capitals and offices.

A party is named in many ways: ``"Russia"``, ``"the Russian Federation"``,
``"Russian"`` (a demonym), ``"Moscow"`` (its capital as metonym),
``"the Kremlin"`` (an office).  :class:`PartyFinder` looks for all of them
in one pass over the text and returns a :class:`~diplomacy_events.model.PartyMention`
for each, with its evidence::

    >>> from diplomacy_events.parties import PartyFinder
    >>> from diplomacy_events.text import Document
    >>> doc = Document.from_text("Moscow and the U.S. met in Geneva.", headline=False)
    >>> [(m.party.code, m.form, m.evidence.text) for m in PartyFinder().find(doc)]
    [('RUS', 'capital', 'Moscow'), ('USA', 'alias', 'U.S.')]

Geneva is not a capital, so it names no party; places are found by
:mod:`diplomacy_events.places`.
"""

from __future__ import annotations

from collections.abc import Mapping

import regex

from diplomacy_events._gazetteer import Gazetteer
from diplomacy_events.lexicon import Lexicon, PartyName, default_lexicon
from diplomacy_events.model import PartyMention
from diplomacy_events.text import Document

__all__ = ["PartyFinder"]

# A capital followed by a comma and a state or a US state code is a place
# ("Washington, DC"), still a mention of the state; a capital followed by
# a capitalised word is often part of a longer name ("Washington Post").
_NAME_CONTINUES = regex.compile(
    r"""
    [ ](?!(?:and|or|of|on|in|at|to|the|for|with|from|by)\b)   # a space, not a function word
    \p{Lu}\p{Ll}                                              # then a capitalised word
    """,
    regex.VERBOSE,
)


class PartyFinder:
    """Finds every mention of a party in a document.

    Hooks, each one step, for subclasses:

    * :meth:`names`: the surface forms looked for, and what each names;
    * :meth:`accept`: whether one match really names its party;
    * :meth:`build`: the mention made of an accepted match.
    """

    rule = "party"
    """The prefix of the evidence rule ids this finder writes."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon if lexicon is not None else default_lexicon()
        self._names: dict[str, PartyName] | None = None
        self._gazetteer: Gazetteer | None = None

    def names(self) -> Mapping[str, PartyName]:
        """Each surface form the finder looks for, with the party name it stands for.

        Where a form names two parties in the lexicon, the first listed wins.
        """
        if self._names is None:
            table: dict[str, PartyName] = {}
            for name in self.lexicon.party_names:
                table.setdefault(name.surface, name)
            self._names = table
        return self._names

    def find(self, doc: Document) -> tuple[PartyMention, ...]:
        """Every party mention of ``doc``, in text order."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer(self.names())
        names = self.names()
        found = []
        for start, end, surface in self._gazetteer.finditer(doc.view):
            name = names[surface]
            if self.accept(doc, start, end, name):
                found.append(self.build(doc, start, end, name))
        return tuple(found)

    def accept(self, doc: Document, start: int, end: int, name: PartyName) -> bool:
        """Whether the match ``doc.view[start:end]`` really names ``name``'s party.

        The default rejects a capital that starts a longer proper name
        (``"Washington Post"``, ``"Moscow State University"``).
        """
        return not (name.form == "capital" and _NAME_CONTINUES.match(doc.view, end))

    def build(self, doc: Document, start: int, end: int, name: PartyName) -> PartyMention:
        """The mention for an accepted match."""
        return PartyMention(
            party=self.lexicon.party(name.code),
            form=name.form,
            evidence=doc.evidence(start, end, f"{self.rule}.{name.form}"),
        )
