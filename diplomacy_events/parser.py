"""The parser: composes the finders, the extractors and assembly into :func:`parse`.

>>> import datetime
>>> import diplomacy_events as de
>>> result = de.parse(
...     "Foreign Minister Sergey Lavrov held talks with Chinese Foreign Minister Wang Yi "
...     "in Beijing on Tuesday.",
...     published=datetime.date(2022, 3, 31),
... )
>>> meeting = result.meetings[0]
>>> [p.code for p in meeting.parties], meeting.date.iso, meeting.location.city
(['CHN', 'RUS'], '2022-03-29', 'Beijing')
>>> sorted((code, person.name) for code, person in meeting.heads.items())
[('CHN', 'Wang Yi'), ('RUS', 'Sergey Lavrov')]

A :class:`Parser` holds no state between documents: one can be built once,
used for thousands of articles, pickled and sent to other processes.
Replace or add a step by passing it::

    parser = Parser(commitments=MyCommitmentExtractor())

``Parser(timeout=SECONDS)`` gives each document a budget: a document that
uses it up raises :class:`~diplomacy_events.exceptions.ParseTimeout`
instead of stalling a batch.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

import attrs
import regex

from diplomacy_events import _deadline
from diplomacy_events._gazetteer import Gazetteer
from diplomacy_events.assembly import Assembler, Drafts
from diplomacy_events.base import EventExtractor
from diplomacy_events.commitments import CommitmentExtractor, ConcernExtractor, RequestExtractor
from diplomacy_events.exceptions import ArgumentTypeError
from diplomacy_events.followups import FollowUpExtractor
from diplomacy_events.lexicon import Lexicon, default_lexicon
from diplomacy_events.meetings import MeetingExtractor
from diplomacy_events.mentions import Mentions, Span
from diplomacy_events.model import Article, Duration, Evidence, Person, Result
from diplomacy_events.parties import PartyFinder
from diplomacy_events.people import FAMILY_NAME_FIRST, PersonFinder
from diplomacy_events.places import PlaceFinder
from diplomacy_events.text import Document
from diplomacy_events.times import TimeFinder, TimeMention

__all__ = ["Parser", "parse"]

# A run of capitalised words, with the particles names have: where a name may stand.
_NAME_RUN = regex.compile(
    r"""
    (?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{M}'\-.]*+      # a capitalised word
    (?:[ ](?:(?:bin|bint|ibn|al|el|de|da|dos|van|von|der|le|la|du|del)[ \-]){0,2}+  # particles: "al-", "van der"
    \p{Lu}[\p{L}\p{M}'\-.]*+)*+                     # more capitalised words
    """,
    regex.VERBOSE,
)

# A word of such a run.
_WORD = regex.compile(r"[^ ]++")

# What may end the last word of a run without belonging to the name.
_TAILS = ("", "'s", "'", ".")

# The most words a name has.
_MAX_NAME_WORDS = 6

# "the Secretary", "the Deputy Secretary", "the President": a title standing for its holder.
_TITLE_ALONE = regex.compile(r"\b[Tt]he[ ](?P<title>(?:\p{Lu}\p{Ll}+[ ]){0,3}\p{Lu}\p{Ll}+)\b")


# What a parser with a timeout parses once, unguarded, before its first document: the word
# lists are loaded and the patterns compiled then, so that a budget is spent on its document.
_WARM_UP = (
    "Russian Foreign Minister Sergey Lavrov held talks with U.S. Secretary of State Antony "
    "Blinken in Geneva on Friday, January 21. The two sides agreed to continue contacts and "
    "will meet again next week."
)
_WARM_UP_PUBLISHED = datetime.date(2022, 1, 21)


class Parser:
    """Turns article text into a :class:`~diplomacy_events.model.Result`.

    Every step is a constructor argument with a default: the word lists
    (``lexicon``), the finders of parties, people, places and times, the
    extractors of meetings, commitments, follow-ups, requests and concerns,
    and the assembler.  ``extras`` adds extractors of kinds of event of the
    user's own (:class:`~diplomacy_events.base.EventExtractor`), whose
    objects end up in
    :attr:`Result.extras <diplomacy_events.model.Result.extras>`.  Two
    parsers with different steps can live in one process; neither changes
    any global state.

    ``timeout`` is the most seconds one document may take (``None``, the
    default, for no limit).  A document that takes longer raises
    :class:`~diplomacy_events.exceptions.ParseTimeout`, naming it and the
    budget, within a fraction of a second of the budget; the parser is
    usable again at once.  The time is checked between the steps and in
    the loops over sentences and candidates, so a document stops however it
    is built, and a parser without a timeout runs as fast as one without
    the guard.
    """

    def __init__(
        self,
        *,
        lexicon: Lexicon | None = None,
        parties: PartyFinder | None = None,
        people: PersonFinder | None = None,
        places: PlaceFinder | None = None,
        times: TimeFinder | None = None,
        meetings: MeetingExtractor | None = None,
        commitments: CommitmentExtractor | None = None,
        followups: FollowUpExtractor | None = None,
        requests: RequestExtractor | None = None,
        concerns: ConcernExtractor | None = None,
        assembler: Assembler | None = None,
        extras: Sequence[EventExtractor] = (),
        timeout: float | None = None,
    ) -> None:
        self.timeout = _deadline.check_timeout(timeout)
        """The most seconds one document may take, or ``None`` for no limit."""
        self.lexicon = lexicon if lexicon is not None else default_lexicon()
        self.parties = parties if parties is not None else PartyFinder(self.lexicon)
        self.people = people if people is not None else PersonFinder(self.lexicon)
        self.places = places if places is not None else PlaceFinder(self.lexicon)
        self.times = times if times is not None else TimeFinder()
        self.meetings = meetings if meetings is not None else MeetingExtractor()
        self.commitments = commitments if commitments is not None else CommitmentExtractor()
        self.followups = followups if followups is not None else FollowUpExtractor()
        self.requests = requests if requests is not None else RequestExtractor()
        self.concerns = concerns if concerns is not None else ConcernExtractor()
        self.assembler = assembler if assembler is not None else Assembler()
        self._event_cues: Gazetteer | None = None
        self._warm = False
        for extractor in extras:
            if not isinstance(extractor, EventExtractor):
                raise ArgumentTypeError.for_argument(
                    "extras", extractor, "extractors with a method extract(mentions)"
                )
        self.extras = tuple(extras)

    def parse(
        self,
        text: str,
        *,
        published: datetime.date | None = None,
        title: str | None = None,
        id: str | None = None,
    ) -> Result:
        """Parse one article.

        ``published`` is the date relative expressions are resolved against;
        without it they stay unresolved.  ``title``, if given, is kept with the
        article (the text's own first line is read as its headline).

        With a ``timeout``, a document that takes longer raises
        :class:`~diplomacy_events.exceptions.ParseTimeout` naming ``id``.
        """
        _check_arguments(text, published, title, id)
        if self.timeout is None:
            return self._parse(text, published, title, id)
        self._warm_up()
        with _deadline.guard(self.timeout, id):
            return self._parse(text, published, title, id)

    def __getstate__(self) -> dict[str, object]:
        """Pickle the steps; the copy warms up again (its patterns are compiled anew)."""
        state = self.__dict__.copy()
        state["_warm"] = False
        return state

    def _warm_up(self) -> None:
        """Parse a short article once, unguarded, so that a timeout is not spent on set-up.

        The first parse loads the word lists and compiles the patterns,
        which takes a good part of a second; a document's budget is for its
        own text.
        """
        if not self._warm:
            self._parse(_WARM_UP, _WARM_UP_PUBLISHED, None, None)
            self._warm = True

    def _parse(
        self, text: str, published: datetime.date | None, title: str | None, id: str | None
    ) -> Result:
        """Run the steps; check the deadline of the parse, if it has one, before each."""
        article = Article(text=text, title=title, published=published, id=id)
        doc = Document.from_text(text)
        _deadline.check()
        mentions = self.find_mentions(doc, published)
        _deadline.check()
        meetings = self.meetings.extract(mentions)
        _deadline.check()
        commitments = self.commitments.extract(mentions)
        _deadline.check()
        followups = self.followups.extract(mentions)
        _deadline.check()
        requests = self.requests.extract(mentions)
        _deadline.check()
        concerns = self.concerns.extract(mentions)
        _deadline.check()
        drafts = Drafts(
            meetings=meetings,
            commitments=commitments,
            followups=followups,
            requests=requests,
            concerns=concerns,
        )
        result = self.assembler.assemble(mentions, drafts, article)
        if self.extras:
            found: list[object] = []
            for extractor in self.extras:
                _deadline.check()
                found.extend(extractor.extract(mentions))
            result = attrs.evolve(result, extras=tuple(found))
        return result

    def find_mentions(self, doc: Document, published: datetime.date | None = None) -> Mentions:
        """Run every finder once over the document.

        Dates are read only in the sentences that report a meeting or a
        follow-up, and durations there and in the sentence after each, so
        the time finder scans just those (:meth:`event_sentences`).
        """
        deadline = _deadline.current()
        parties = self.parties.find(doc)
        _deadline.check()
        people = self.people.find(doc, parties, published)
        _deadline.check()
        events = self.event_sentences(doc)
        after = sorted({*events, *(i + 1 for i in events if i + 1 < len(doc.sentences))})
        person_spans = self.person_spans(doc, people)
        times = _in_sentences(doc, events, self.times.find, deadline)
        _deadline.check()
        places = self.places.find(doc)
        durations = _in_sentences(doc, after, self.times.find_durations, deadline)
        _deadline.check()
        return Mentions.build(
            doc,
            parties=parties,
            people=people,
            person_spans=person_spans,
            times=times,
            places=places,
            durations=durations,
            dateline=self.places.dateline(doc),
        )

    def event_sentences(self, doc: Document) -> list[int]:
        """The indices of the sentences in which a meeting or follow-up trigger stands."""
        if self._event_cues is None:
            self._event_cues = Gazetteer([*self.meetings.triggers(), *self.followups.phrases()])
        found: set[int] = set()
        for start, _, _ in self._event_cues.finditer(doc.view):
            found.add(doc.sentence_at(start).index)
        return sorted(found)

    def person_spans(self, doc: Document, people: Sequence[Person]) -> list[Span]:
        """Every mention of the people found: full name, surname, or title alone.

        A surname counts from the first mention of its person on; "the
        Secretary" counts for the last person named with that title.
        """
        first_at = {p.name: doc.view_offset(p.evidence.start) for p in people}
        forms: dict[str, Person] = {}
        for person in people:
            forms.setdefault(person.name, person)
            forms.setdefault(person.surname, person)
            words = person.name.split()
            if (
                len(words) > 1
                and person.party is not None
                and person.party.code in FAMILY_NAME_FIRST
            ):
                forms.setdefault(words[0], person)  # "Xi" for Xi Jinping
        deadline = _deadline.current()
        spans = [
            Span(start=s, end=e, value=forms[phrase])
            for s, e, phrase in _occurrences(doc.view, forms, deadline)
            if s >= first_at[forms[phrase].name] or phrase == forms[phrase].name
        ]
        spans += [
            Span(start=first_at[p.name], end=doc.view_offset(p.evidence.end), value=p)
            for p in people
            if p.evidence.text != p.name and p.evidence.text != p.surname
        ]
        titled = sorted(
            ((first_at[p.name], p) for p in people if p.title), key=lambda item: item[0]
        )
        holders: dict[str, Person] = {}  # each title's last holder named so far
        next_person = 0
        titles = (
            _TITLE_ALONE.finditer(doc.view)
            if deadline is None
            else _TITLE_ALONE.finditer(doc.view, timeout=deadline.regex_timeout())
        )
        for match in titles:
            while next_person < len(titled) and titled[next_person][0] < match.start():
                person = titled[next_person][1]
                holders[person.title or ""] = person
                next_person += 1
            holder = holders.get(match.group("title"))
            if holder is not None:
                spans.append(Span(start=match.start("title"), end=match.end("title"), value=holder))
        return spans


def _occurrences(
    view: str, forms: Mapping[str, object], deadline: _deadline.Deadline | None = None
) -> list[tuple[int, int, str]]:
    """Whole-word occurrences of a document's names, longest first, in one pass.

    One fixed pattern finds the runs of capitalised words (with the particles
    of names, "bin", "al"); each run is looked up word by word in ``forms``,
    so no pattern is compiled per document.  With a ``deadline``, the scan
    stops with its :class:`~diplomacy_events.exceptions.ParseTimeout` once
    the time is up.
    """
    found: list[tuple[int, int, str]] = []
    if not forms:
        return found
    runs = (
        _NAME_RUN.finditer(view)
        if deadline is None
        else _NAME_RUN.finditer(view, timeout=deadline.regex_timeout())
    )
    for run in runs:
        words = list(_WORD.finditer(view, run.start(), run.end()))
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + _MAX_NAME_WORDS), i, -1):
                start, end = words[i].start(), words[j - 1].end()
                phrase = view[start:end]
                for tail in _TAILS:  # "Putin's", "met Putin."
                    if tail and phrase.endswith(tail):
                        phrase, end = phrase[: -len(tail)], end - len(tail)
                    if phrase in forms:
                        break
                else:
                    continue
                found.append((start, end, phrase))
                i = j
                break
            else:
                i += 1
    return found


_Found = TypeVar("_Found", TimeMention, Duration)


def _in_sentences(
    doc: Document,
    indexes: Iterable[int],
    find: Callable[[str, int, int], Iterable[_Found]],
    deadline: _deadline.Deadline | None,
) -> list[_Found]:
    """What ``find`` finds in the sentences numbered ``indexes``, with evidence on the original."""
    found: list[_Found] = []
    for i in indexes:
        if deadline is not None:
            deadline.check()
        sentence = doc.sentences[i]
        found.extend(
            attrs.evolve(item, evidence=_on_original(doc, item.evidence))
            for item in find(doc.view, sentence.start, sentence.end)
        )
    return found


def _on_original(doc: Document, evidence: Evidence) -> Evidence:
    """Evidence found on the view, moved onto the original text."""
    return doc.evidence(evidence.start, evidence.end, evidence.rule)


def _check_arguments(text: object, published: object, title: object, id: object) -> None:
    """Raise :class:`ArgumentTypeError` for an argument of the wrong type."""
    if not isinstance(text, str):
        raise ArgumentTypeError.for_argument("text", text, "str")
    if published is not None and (
        not isinstance(published, datetime.date) or isinstance(published, datetime.datetime)
    ):
        raise ArgumentTypeError.for_argument("published", published, "datetime.date or None")
    if title is not None and not isinstance(title, str):
        raise ArgumentTypeError.for_argument("title", title, "str or None")
    if id is not None and not isinstance(id, str):
        raise ArgumentTypeError.for_argument("id", id, "str or None")


_DEFAULT: Parser | None = None


def parse(
    text: str,
    *,
    published: datetime.date | None = None,
    title: str | None = None,
    id: str | None = None,
    timeout: float | None = None,
) -> Result:
    """Parse one article with the default :class:`Parser`.

    See :meth:`Parser.parse`; ``timeout`` is the most seconds the document
    may take, as ``Parser(timeout=...)`` gives each document.
    """
    global _DEFAULT
    seconds = _deadline.check_timeout(timeout)
    if _DEFAULT is None:
        _DEFAULT = Parser()
    if seconds is None:
        return _DEFAULT.parse(text, published=published, title=title, id=id)
    _DEFAULT._warm_up()
    with _deadline.guard(seconds, id):
        return _DEFAULT.parse(text, published=published, title=title, id=id)
