"""The base class of the event extractors: triggers from a word list, then three steps.

An extractor looks for its trigger phrases, and for each one found runs
three small steps that a subclass may override one at a time:

1. :meth:`TriggerExtractor.accept`: is this occurrence a real trigger?
2. :meth:`TriggerExtractor.build`: make a draft from it (or ``None``);
3. :meth:`TriggerExtractor.reject`: drop a draft that is not an event after all.

Trigger phrases come from a TSV word list of the package's ``data`` folder
(``phrase<TAB>label``), or from the ``phrases`` argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Generic, Protocol, TypeVar, runtime_checkable

from diplomacy_events._clauses import clause_start, subject
from diplomacy_events._gazetteer import Gazetteer
from diplomacy_events.exceptions import InputError
from diplomacy_events.mentions import Mentions
from diplomacy_events.model import Party, PartyMention, Person
from diplomacy_events.text import Sentence

__all__ = ["EventExtractor", "TriggerExtractor", "load_phrases"]

D = TypeVar("D")


@runtime_checkable
class EventExtractor(Protocol):
    """What ``Parser(extras=[...])`` accepts: an extractor of events of a user's own kind.

    It is given the document's mentions (its text, sentences, parties, people,
    places and times, each with its span) and returns finished objects, each
    an instance of an attrs class with its evidence; they end up in
    :attr:`Result.extras <diplomacy_events.model.Result.extras>` and in the
    JSON output.
    """

    def extract(self, mentions: Mentions) -> Iterable[object]:
        """The events of the document, in text order."""
        ...


@cache
def load_phrases(name: str) -> tuple[tuple[str, str], ...]:
    """Read a ``phrase<TAB>label`` word list from the package's ``data`` folder."""
    ref = resources.files("diplomacy_events").joinpath("data").joinpath(name)
    pairs = []
    for number, line in enumerate(ref.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2:
            raise InputError(f"data/{name}, line {number}: expected phrase<TAB>label, got {line!r}")
        pairs.append((fields[0], fields[1]))
    return tuple(pairs)


class TriggerExtractor(Generic[D]):
    """Finds events of one kind from trigger phrases; subclasses make the drafts.

    ``phrases`` maps each trigger phrase to its label (a strength, a kind);
    by default they come from the word list named by :attr:`word_list`.
    A capitalised form of each phrase is looked for too.
    """

    word_list = ""
    """The file name, in the package's ``data`` folder, of the default phrases."""
    rule = "event"
    """The prefix of the evidence rule ids this extractor writes."""

    def __init__(
        self, phrases: Mapping[str, str] | Iterable[tuple[str, str]] | None = None
    ) -> None:
        if phrases is None:
            pairs: Iterable[tuple[str, str]] = (
                load_phrases(self.word_list) if self.word_list else ()
            )
        elif isinstance(phrases, Mapping):
            pairs = phrases.items()
        else:
            pairs = phrases
        table: dict[str, str] = {}
        for phrase, label in pairs:
            table.setdefault(phrase, label)
            table.setdefault(phrase[:1].upper() + phrase[1:], label)
        self._phrases = table
        self._gazetteer: Gazetteer | None = None

    def phrases(self) -> Mapping[str, str]:
        """Each trigger phrase with its label."""
        return self._phrases

    def extract(self, mentions: Mentions) -> tuple[D, ...]:
        """Every event of the document, in text order."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer(self.phrases())
        doc = mentions.doc
        phrases = self.phrases()
        drafts: list[D] = []
        for start, end, phrase in self._gazetteer.finditer(doc.view):
            sentence = doc.sentence_at(start)
            if not self.accept(mentions, sentence, start, end):
                continue
            draft = self.build(mentions, sentence, start, end, phrases[phrase])
            if draft is not None and not self.reject(mentions, draft):
                drafts.append(draft)
        return tuple(drafts)

    def accept(self, mentions: Mentions, sentence: Sentence, start: int, end: int) -> bool:
        """Whether the trigger at ``start:end`` is one; by default every occurrence is."""
        return True

    def build(
        self, mentions: Mentions, sentence: Sentence, start: int, end: int, label: str
    ) -> D | None:
        """The draft for an accepted trigger (``None`` to skip it)."""
        raise NotImplementedError

    def reject(self, mentions: Mentions, draft: D) -> bool:
        """Whether a draft is not an event after all; by default none is rejected."""
        return False

    # -- helpers for subclasses ------------------------------------------

    def subject_parties(
        self, mentions: Mentions, sentence: Sentence, start: int
    ) -> tuple[Party, ...]:
        """The parties named as the subject of a trigger at ``start``: in its clause, before it.

        Parties named after a preposition ("sanctions on Iran") are not subjects.
        """
        left = clause_start(mentions.doc.view, sentence.start, start)
        return subject(mentions, left, start)[0]

    def object_parties(self, mentions: Mentions, sentence: Sentence, end: int) -> tuple[Party, ...]:
        """The parties named after a trigger ending at ``end``, up to the end of its sentence."""
        found: list[Party] = []
        for span in Mentions.within(mentions.parties, end, sentence.end):
            assert isinstance(span.value, PartyMention)
            if span.value.party not in found:
                found.append(span.value.party)
        for span in Mentions.within(mentions.person_spans, end, sentence.end):
            assert isinstance(span.value, Person)
            if span.value.party is not None and span.value.party not in found:
                found.append(span.value.party)
        return tuple(found)
