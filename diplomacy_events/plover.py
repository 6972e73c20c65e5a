"""Results as PLOVER-style event records, to join POLECAT-style event datasets.

PLOVER (the Political Language Ontology for Verifiable Event Records of the
Open Event Data Alliance) codes "who did what to whom, when and where"; the
POLECAT dataset is coded in it.  :func:`events` maps each meeting to
``CONSULT`` records and each commitment to ``AGREE`` records, flat (one
actor and one recipient a record), with the field names below, so that they
load into the same table as other event data::

    >>> import datetime
    >>> import diplomacy_events as de
    >>> from diplomacy_events.plover import events
    >>> result = de.parse(
    ...     "Foreign Minister Sergey Lavrov held talks with Chinese Foreign Minister Wang Yi "
    ...     "in Beijing on Tuesday.",
    ...     published=datetime.date(2022, 3, 31), id="a1")
    >>> [(e["event_type"], e["event_mode"], e["actor_country"], e["recipient_country"],
    ...   e["event_date"], e["city"]) for e in events(result)]
    [('CONSULT', 'visit', 'RUS', 'CHN', '2022-03-29', 'Beijing')]

Fields of a record (:data:`FIELDS`), ``None`` where unknown:

- ``event_id`` (``DOC:M0:0`` for the first record of meeting 0, ``DOC:C2:0``
  for commitment 2), ``story_id`` (the article's id), ``headline`` (its
  title, else the first line of its text), ``publication_date``;
- ``event_type`` (``CONSULT`` or ``AGREE``), ``event_mode`` and
  ``contexts`` (a list: ``["future"]`` for a planned meeting);
- ``event_date``, ``event_enddate`` (the first and last day the text allows,
  ``YYYY-MM-DD``), ``event_date_precision`` (``day``, ``week``, ``month``,
  ``year``) and ``event_date_source``: ``text`` when the text dates it,
  ``meeting`` when a commitment takes the date of its meeting,
  ``publication`` when a held meeting or a commitment gives none and the
  publication date stands in for it (as event datasets usually do);
- ``actor_code``/``recipient_code`` (the party's code: ``RUS``, ``UN``),
  ``actor_country``/``recipient_country`` (the ISO 3166-1 alpha-3 code of a
  state, PLOVER's ``IGO`` for an international organisation, ``None`` for
  another actor), ``actor_name``/``recipient_name`` and
  ``actor_title``/``recipient_title`` (the head of that party's delegation
  and their title, when the article names one), and ``parties``, every
  party's code;
- ``placename``, ``city``, ``country`` (ISO alpha-3) of the location;
- ``event_text``, ``event_start``, ``event_end``: the evidence and its
  character offsets into the article text;
- ``comment``: the meeting's kind (``"talks"``) or what was agreed, as
  written; ``source_kind`` (``meeting`` or ``commitment``) and
  ``source_index``, the index in the result, to join the tidy tables of
  :mod:`diplomacy_events.tables`.

How meetings map to CONSULT:

- ``event_mode`` is one of PLOVER's CONSULT modes when the result shows it:
  ``phone`` for a remote meeting (telephone or video); ``multilateral`` when
  an international organisation or more than two parties take part;
  ``visit`` when two parties meet in the country of one of them (the other
  is the visitor: actor, and the host is the recipient, as PLOVER codes a
  visit); ``third-party`` when they meet in a third country; ``None`` when
  the place is not known.
- Otherwise PLOVER codes the parties of a meeting as a list of sources with
  no recipient.  To give flat actor/recipient columns to join dyadic data,
  a meeting of n parties becomes one record per pair of them, actor first
  in code order; a meeting of one party becomes one record with no
  recipient.

How commitments map to AGREE: a mutual commitment gives one record per pair
of its parties; a one-sided one gives one record, its recipient the other
party of the meeting it came from when that meeting has exactly one other.

What is lost in the mapping, and stays in the JSON form and the tables:

- delegations beyond their heads (members), people's ranks, and every
  party's name;
- everything the time expression says beyond its bounds (the words, whether
  relative) and a meeting's duration, format and topics;
- every mention of a meeting but the first (``event_text`` is one span), and
  the rule that found it;
- a commitment's strength (agreed, pledged, intended, considered), who
  reported it, and whether it was mutual (a pair record looks the same as
  two one-sided ones);
- follow-ups, requests and concerns, which have no record here (a planned
  meeting does: CONSULT in the context ``future``);
- the split into pairs: a meeting of three parties is three records, which
  count it three times, and ``visit``/``third-party`` may be read from the
  place alone (a meeting in the host's country is a visit to it even when
  the text does not say so).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from diplomacy_events.model import (
    Evidence,
    Meeting,
    Mode,
    Party,
    PartyKind,
    Person,
    Place,
    Result,
    Status,
    TimeExpression,
)

__all__ = ["FIELDS", "Record", "consult_mode", "events"]

Record = dict[str, object]
"""One event record, by field name (see :data:`FIELDS`)."""

FIELDS: tuple[str, ...] = (
    *("event_id", "story_id", "headline", "publication_date"),
    *("event_type", "event_mode", "contexts"),
    *("event_date", "event_enddate", "event_date_precision", "event_date_source"),
    *("actor_code", "actor_country", "actor_name", "actor_title"),
    *("recipient_code", "recipient_country", "recipient_name", "recipient_title", "parties"),
    *("placename", "city", "country"),
    *("event_text", "event_start", "event_end", "comment", "source_kind", "source_index"),
)
"""The fields of every record, in order."""


def consult_mode(meeting: Meeting) -> str | None:
    """Return the PLOVER CONSULT mode of a meeting: phone, multilateral, visit or third-party.

    ``None`` when the result does not show which (an in-person meeting
    whose country is not known).
    """
    if meeting.mode is Mode.REMOTE:
        return "phone"
    if len(meeting.parties) > 2 or any(p.kind is PartyKind.ORGANISATION for p in meeting.parties):
        return "multilateral"
    country = _location_country(meeting.location)
    if country is None:
        return None
    if country in {p.code for p in meeting.parties}:
        return "visit" if len(meeting.parties) == 2 else None
    return "third-party"


def _location_country(place: Place | None) -> str | None:
    if place is None or place.country is None:
        return None
    return place.country.code


def _country(party: Party | None) -> str | None:
    """Return the PLOVER actor code: ISO alpha-3 for a state, ``IGO`` for an organisation."""
    if party is None:
        return None
    if party.kind is PartyKind.STATE:
        return party.code
    if party.kind is PartyKind.ORGANISATION:
        return "IGO"
    return None


def _first_line(text: str) -> str | None:
    """Return the headline a text starts with (its first line), ``None`` for an empty text."""
    line = text.strip().split("\n", 1)[0].strip()
    return line or None


def _pairs(parties: Sequence[Party]) -> list[tuple[Party, Party | None]]:
    ordered = sorted(parties)
    if len(ordered) < 2:
        return [(p, None) for p in ordered]
    return list(itertools.combinations(ordered, 2))


def _date(time: TimeExpression | None) -> dict[str, object]:
    if time is None or time.earliest is None or time.latest is None:
        return {}
    return {
        "event_date": time.earliest.isoformat(),
        "event_enddate": time.latest.isoformat(),
        "event_date_precision": time.granularity.value,
    }


class _Builder:
    """Makes the records of one result."""

    def __init__(self, result: Result) -> None:
        self.result = result
        article = result.article
        self.doc_id = article.id
        self.base: Record = dict.fromkeys(FIELDS)
        self.base.update(
            story_id=article.id,
            headline=article.title or _first_line(article.text),
            publication_date=article.published.isoformat() if article.published else None,
        )

    def dating(self, time: TimeExpression | None, *, fallback: bool, meeting: bool) -> Record:
        dated = _date(time)
        if dated:
            return {**dated, "event_date_source": "meeting" if meeting else "text"}
        published = self.result.article.published
        if fallback and published is not None:
            return {
                "event_date": published.isoformat(),
                "event_enddate": published.isoformat(),
                "event_date_precision": "day",
                "event_date_source": "publication",
            }
        return {}

    def record(
        self,
        *,
        kind: str,
        index: int,
        number: int,
        actor: Party,
        recipient: Party | None,
        heads: dict[str, Person],
        evidence: Evidence,
        place: Place | None,
        parties: Sequence[Party],
        **fields: object,
    ) -> Record:
        record = dict(self.base)
        prefix = "M" if kind == "meeting" else "C"
        actor_head = heads.get(actor.code)
        recipient_head = heads.get(recipient.code) if recipient is not None else None
        record.update(
            event_id=f"{self.doc_id or ''}:{prefix}{index}:{number}",
            actor_code=actor.code,
            actor_country=_country(actor),
            actor_name=actor_head.name if actor_head else None,
            actor_title=actor_head.title if actor_head else None,
            recipient_code=recipient.code if recipient is not None else None,
            recipient_country=_country(recipient),
            recipient_name=recipient_head.name if recipient_head else None,
            recipient_title=recipient_head.title if recipient_head else None,
            parties=sorted(p.code for p in parties),
            placename=(place.venue or place.city) if place else None,
            city=place.city if place else None,
            country=_location_country(place),
            event_text=evidence.text,
            event_start=evidence.start,
            event_end=evidence.end,
            source_kind=kind,
            source_index=index,
            **fields,
        )
        return record

    def meeting(self, index: int, meeting: Meeting) -> list[Record]:
        mode = consult_mode(meeting)
        pairs = _pairs(meeting.parties)
        host = _location_country(meeting.location)
        if mode == "visit":
            visitor = next(p for p in meeting.parties if p.code != host)
            hosting = next(p for p in meeting.parties if p.code == host)
            pairs = [(visitor, hosting)]
        planned = meeting.status is Status.PLANNED
        common = {
            "event_type": "CONSULT",
            "event_mode": mode,
            "contexts": ["future"] if planned else [],
            "comment": meeting.kind,
            **self.dating(meeting.date, fallback=not planned, meeting=False),
        }
        return [
            self.record(
                kind="meeting",
                index=index,
                number=number,
                actor=actor,
                recipient=recipient,
                heads=meeting.heads,
                evidence=meeting.evidence[0],
                place=meeting.location,
                parties=meeting.parties,
                **common,
            )
            for number, (actor, recipient) in enumerate(pairs)
        ]

    def commitments(self) -> list[Record]:
        records: list[Record] = []
        meetings = self.result.meetings
        for index, commitment in enumerate(self.result.commitments):
            meeting = (
                meetings[commitment.meeting]
                if commitment.meeting is not None and 0 <= commitment.meeting < len(meetings)
                else None
            )
            pairs = _pairs(commitment.parties)
            if len(commitment.parties) == 1 and meeting is not None:
                others = [p for p in meeting.parties if p != commitment.parties[0]]
                if len(others) == 1:
                    pairs = [(commitment.parties[0], others[0])]
            common = {
                "event_type": "AGREE",
                "event_mode": None,
                "contexts": [],
                "comment": commitment.action,
                **self.dating(meeting.date if meeting else None, fallback=True, meeting=True),
            }
            records += [
                self.record(
                    kind="commitment",
                    index=index,
                    number=number,
                    actor=actor,
                    recipient=recipient,
                    heads={},
                    evidence=commitment.evidence,
                    place=meeting.location if meeting else None,
                    parties=commitment.parties,
                    **common,
                )
                for number, (actor, recipient) in enumerate(pairs)
            ]
        return records


def events(result: Result) -> list[Record]:
    """Return the PLOVER-style records of a result: CONSULT for meetings, then AGREE.

    Each record has every field of :data:`FIELDS`; see the module's
    documentation for how they are filled and what the mapping loses.
    """
    builder = _Builder(result)
    records: list[Record] = []
    for index, meeting in enumerate(result.meetings):
        records += builder.meeting(index, meeting)
    return records + builder.commitments()
