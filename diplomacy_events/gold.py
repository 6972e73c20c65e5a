"""Gold annotations (format v1) as typed values, read from and written to JSON.

A gold annotation is a file ``NAME.json`` beside the article ``NAME.txt``;
the format is described in the corpus README.  :func:`load_document` reads
both files, checks every field and turns each ``evidence`` into a
:class:`Span` of the text.  Evidence is written either as a string, of which
the *first occurrence* in the text is meant (the gold convention), or as an
object ``{"start", "end", "text"}`` (the convention for predictions, which
can point at any occurrence).  :func:`dump_document` writes the format back,
and reading what it wrote gives an equal document::

    >>> from diplomacy_events.gold import GoldDocument, GoldMeeting, Span, dump_document
    >>> text = "Putin and Xi held talks in Moscow."
    >>> meeting = GoldMeeting(
    ...     evidence=Span(start=13, end=23, text="held talks"),
    ...     status="held",
    ...     parties=("RUS", "CHN"),
    ...     heads={"RUS": "Vladimir Putin"},
    ... )
    >>> meeting.parties
    ('CHN', 'RUS')
    >>> doc = GoldDocument(id="example", text=text, meetings=(meeting,))
    >>> import json
    >>> json.loads(dump_document(doc, evidence_as="string"))["meetings"]
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'evidence': 'held talks', 'status': 'held', 'mode': 'in_person', 'parties': ['CHN', 'RUS'],
      'date': None, 'location': None, 'heads': {'RUS': 'Vladimir Putin'}}]

The text is the ``.txt`` file's characters exactly as stored (decoded as
UTF-8, with no newline translation), so that offsets mean the same for every
reader.  Every problem is reported as a
:class:`~diplomacy_events.exceptions.GoldFormatError` that names the file,
the item and what is wrong with it.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import reprlib
import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal, NoReturn

import attrs

from diplomacy_events.exceptions import GoldFormatError, InputError
from diplomacy_events.model import Evidence, Place, Result

__all__ = [
    "GoldCommitment",
    "GoldDocument",
    "GoldFollowUp",
    "GoldLocation",
    "GoldMeeting",
    "Span",
    "dump_document",
    "from_result",
    "load_document",
    "load_folder",
    "write_document",
]


_SHORTEN = reprlib.Repr()
_SHORTEN.maxstring = 80
_SHORTEN.maxother = 80


def _short(value: object) -> str:
    """A value's repr, shortened: a bad value in a message never runs to pages."""
    return _SHORTEN.repr(value)


# ---------------------------------------------------------------------------
# The values
# ---------------------------------------------------------------------------


def _end_not_before_start(instance: Span, attribute: attrs.Attribute[int], value: int) -> None:
    """Check that a span does not end before it starts."""
    if value < instance.start:
        raise ValueError(f"span end {value} is before its start {instance.start}")


def _text_fits_span(instance: Span, attribute: attrs.Attribute[str], value: str) -> None:
    """Check that the span's text is exactly as long as the span."""
    if len(value) != instance.end - instance.start:
        raise ValueError(
            f"span text {_short(value)} has {len(value)} characters but the span "
            f"{instance.start}:{instance.end} has {instance.end - instance.start}"
        )


@attrs.frozen(kw_only=True)
class Span:
    """A stretch of the article: ``text[start:end] == span.text``."""

    start: int = attrs.field(validator=attrs.validators.ge(0))
    end: int = attrs.field(validator=_end_not_before_start)
    text: str = attrs.field(validator=_text_fits_span)

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


@attrs.frozen(kw_only=True)
class GoldLocation:
    """Where a meeting took place: a city (or ``None``) and a country code (or ``None``)."""

    city: str | None = None
    country: str | None = None


def _sorted_parties(parties: Iterable[str]) -> tuple[str, ...]:
    """Party codes as a sorted tuple, the order of the gold format."""
    return tuple(sorted(parties))


def _sorted_heads(
    heads: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    """Heads as sorted ``(party, name)`` pairs, from a mapping or from pairs."""
    pairs = heads.items() if isinstance(heads, Mapping) else heads
    return tuple(sorted((party, name) for party, name in pairs))


@attrs.frozen(kw_only=True)
class GoldMeeting:
    """A meeting as the gold format states it.

    ``parties`` are kept sorted and ``heads`` as sorted ``(party, name)``
    pairs, so that equal meetings compare and hash equal; both accept any
    order (and ``heads`` a mapping) when built.
    """

    evidence: Span
    status: str
    """``"held"`` or ``"planned"``."""
    mode: str = "in_person"
    """``"in_person"`` or ``"remote"``."""
    parties: tuple[str, ...] = attrs.field(converter=_sorted_parties)
    date: str | None = None
    """ISO ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; ``None`` when not fixed."""
    location: GoldLocation | None = None
    heads: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_sorted_heads)
    """The head of each delegation named, as ``(party, full name)`` pairs."""

    @property
    def heads_dict(self) -> dict[str, str]:
        """The heads as a mapping from party code to full name."""
        return dict(self.heads)


@attrs.frozen(kw_only=True)
class GoldCommitment:
    """An undertaking, with the parties that bind themselves."""

    evidence: Span
    parties: tuple[str, ...] = attrs.field(converter=_sorted_parties)
    meeting: int | None = None
    """The index in :attr:`GoldDocument.meetings` of the meeting it came out of."""


@attrs.frozen(kw_only=True)
class GoldFollowUp:
    """A further meeting or contact that the parties of a meeting planned or discussed."""

    evidence: Span
    parties: tuple[str, ...] = attrs.field(converter=_sorted_parties)
    date: str | None = None
    """ISO ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; ``None`` when still to be fixed."""
    meeting: int | None = None
    """The index in :attr:`GoldDocument.meetings` of the meeting it follows."""
    location: GoldLocation | None = None


@attrs.frozen(kw_only=True)
class GoldDocument:
    """One annotated article: its text and what a careful reader finds in it."""

    id: str
    """The file stem, ``NAME`` for ``NAME.json`` and ``NAME.txt``."""
    published: datetime.date | None = None
    source: str = ""
    """Where the text comes from, and its licence."""
    text: str
    """The article exactly as stored in ``NAME.txt``; every span indexes it."""
    meetings: tuple[GoldMeeting, ...] = ()
    commitments: tuple[GoldCommitment, ...] = ()
    followups: tuple[GoldFollowUp, ...] = ()


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

_TOP_KEYS = ("id", "published", "source", "meetings", "commitments", "followups")
_MEETING_KEYS = ("evidence", "status", "mode", "parties", "date", "location", "heads")
_COMMITMENT_KEYS = ("evidence", "parties", "meeting")
_FOLLOWUP_KEYS = ("evidence", "parties", "date", "meeting", "location")
_LOCATION_KEYS = ("city", "country")
_SPAN_KEYS = ("start", "end", "text")
_STATUSES = ("held", "planned")
_MODES = ("in_person", "remote")

_ISO_DATE = re.compile(
    r"""
    (?P<year>[0-9]{4})          # a year, always
    (?:-(?P<month>[0-9]{2})     # then perhaps a month
      (?:-(?P<day>[0-9]{2}))?   # and perhaps a day of it
    )?
    """,
    re.VERBOSE,
)
_DATE_FORMS = "(YYYY, YYYY-MM or YYYY-MM-DD)"


class _Problem(Exception):
    """A problem in a gold file, raised deep inside and reported with the file's path."""


def _fail(where: str, problem: str) -> NoReturn:
    """Stop reading with a problem found at ``where`` (``""`` for the top level)."""
    raise _Problem(f"{where}: {problem}" if where else problem)


def _json_type(value: object) -> str:
    """Name the JSON type of a decoded value, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _object(
    value: object, where: str, keys: tuple[str, ...], required: tuple[str, ...]
) -> dict[str, object]:
    """Check that ``value`` is an object with only ``keys`` and all of ``required``."""
    if not isinstance(value, dict):
        _fail(where, f"must be a JSON object, not {_json_type(value)}")
    unknown = sorted(set(value) - set(keys))
    if unknown:
        _fail(where, f"unknown keys {unknown} (allowed: {', '.join(keys)})")
    for key in required:
        if key not in value:
            _fail(where, f"missing key {_short(key)}")
    return value


def _string(value: object, where: str) -> str:
    """Check that ``value`` is a non-empty string."""
    if not isinstance(value, str):
        _fail(where, f"must be a string, not {_json_type(value)}")
    if not value.strip():
        _fail(where, "must not be empty")
    return value


def _optional_string(value: object, where: str) -> str | None:
    """Check that ``value`` is null or a non-empty string."""
    return None if value is None else _string(value, where)


def _array(value: object, where: str) -> list[object]:
    """Check that ``value`` is an array."""
    if not isinstance(value, list):
        _fail(where, f"must be an array, not {_json_type(value)}")
    return value


def _index(value: object, where: str) -> int:
    """Check that ``value`` is a whole number, not a boolean."""
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(where, f"must be a whole number, not {_json_type(value)}")
    return value


def _date(value: object, where: str) -> str | None:
    """Check that ``value`` is null or an ISO date of a real day, month or year."""
    if value is None:
        return None
    if not isinstance(value, str):
        _fail(where, f"must be a string or null, not {_json_type(value)}")
    match = _ISO_DATE.fullmatch(value)
    if match is None:
        _fail(where, f"{_short(value)} is not an ISO date {_DATE_FORMS}")
    try:
        datetime.date(int(match["year"]), int(match["month"] or 1), int(match["day"] or 1))
    except ValueError:
        _fail(where, f"{_short(value)} is not an ISO date {_DATE_FORMS}")
    return value


def _published(value: object, where: str) -> datetime.date | None:
    """Check that ``value`` is null or a full ISO date, and decode it."""
    date = _date(value, where)
    if date is None:
        return None
    if len(date) != len("YYYY-MM-DD"):
        _fail(where, f"{_short(date)} is not a full ISO date (YYYY-MM-DD)")
    return datetime.date.fromisoformat(date)


def _choice(value: object, where: str, choices: tuple[str, ...]) -> str:
    """Check that ``value`` is one of ``choices``."""
    if not isinstance(value, str) or value not in choices:
        _fail(where, f"{_short(value)} is not {' or '.join(choices)}")
    return value


def _parties(value: object, where: str) -> tuple[str, ...]:
    """Check that ``value`` is a sorted, non-empty array of distinct party codes."""
    items = _array(value, where)
    if not items:
        _fail(where, "must name at least one party")
    parties = tuple(_string(item, f"{where}[{i}]") for i, item in enumerate(items))
    if list(parties) != sorted(parties):
        _fail(where, f"{list(parties)} is not sorted (expected {sorted(parties)})")
    if len(set(parties)) != len(parties):
        _fail(where, f"{list(parties)} names a party twice")
    return parties


def _evidence(value: object, where: str, text: str) -> Span:
    """Decode evidence: a string (its first occurrence) or a ``{start, end, text}`` object."""
    if isinstance(value, str):
        if not value:
            _fail(where, "must not be empty")
        start = text.find(value)
        if start < 0:
            _fail(where, f"{_short(value)} does not occur in the text")
        return Span(start=start, end=start + len(value), text=value)
    if not isinstance(value, dict):
        _fail(
            where,
            f"must be a string or an object with start, end and text, not {_json_type(value)}",
        )
    span = _object(value, where, _SPAN_KEYS, _SPAN_KEYS)
    start = _index(span["start"], f"{where}.start")
    end = _index(span["end"], f"{where}.end")
    quoted = _string(span["text"], f"{where}.text")
    if not 0 <= start < end <= len(text):
        _fail(
            where, f"span {start}:{end} is not a non-empty span of a text of {len(text)} characters"
        )
    if text[start:end] != quoted:
        _fail(where, f"the text at {start}:{end} is {text[start:end]!r}, not {_short(quoted)}")
    return Span(start=start, end=end, text=quoted)


def _location(value: object, where: str) -> GoldLocation | None:
    """Decode null or a ``{city, country}`` object with at least one of them given."""
    if value is None:
        return None
    place = _object(value, where, _LOCATION_KEYS, _LOCATION_KEYS)
    city = _optional_string(place["city"], f"{where}.city")
    country = _optional_string(place["country"], f"{where}.country")
    if city is None and country is None:
        _fail(where, "has neither city nor country (write null instead)")
    return GoldLocation(city=city, country=country)


def _heads(value: object, where: str, parties: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Decode an object from party code to full name, for parties of the meeting only."""
    if not isinstance(value, dict):
        _fail(where, f"must be a JSON object, not {_json_type(value)}")
    heads = []
    for party, name in value.items():
        if party not in parties:
            _fail(
                where,
                f"head given for {_short(party)}, which is not one of the parties {list(parties)}",
            )
        heads.append((party, _string(name, f"{where}.{party}")))
    return _sorted_heads(heads)


def _meeting_index(value: object, where: str, count: int) -> int | None:
    """Check that ``value`` is null or the index of one of ``count`` meetings."""
    if value is None:
        return None
    index = _index(value, where)
    if not 0 <= index < count:
        _fail(where, f"meeting index {index} is out of range (the document has {count} meetings)")
    return index


def _meeting(value: object, where: str, text: str) -> GoldMeeting:
    """Decode one item of ``meetings``."""
    item = _object(value, where, _MEETING_KEYS, ("evidence", "status", "parties"))
    evidence = _evidence(item["evidence"], f"{where}.evidence", text)
    status = _choice(item["status"], f"{where}.status", _STATUSES)
    mode = _choice(item.get("mode", "in_person"), f"{where}.mode", _MODES)
    parties = _parties(item["parties"], f"{where}.parties")
    return GoldMeeting(
        evidence=evidence,
        status=status,
        mode=mode,
        parties=parties,
        date=_date(item.get("date"), f"{where}.date"),
        location=_location(item.get("location"), f"{where}.location"),
        heads=_heads(item.get("heads", {}), f"{where}.heads", parties),
    )


def _commitment(value: object, where: str, text: str, meetings: int) -> GoldCommitment:
    """Decode one item of ``commitments``."""
    item = _object(value, where, _COMMITMENT_KEYS, ("evidence", "parties"))
    return GoldCommitment(
        evidence=_evidence(item["evidence"], f"{where}.evidence", text),
        parties=_parties(item["parties"], f"{where}.parties"),
        meeting=_meeting_index(item.get("meeting"), f"{where}.meeting", meetings),
    )


def _followup(value: object, where: str, text: str, meetings: int) -> GoldFollowUp:
    """Decode one item of ``followups``."""
    item = _object(value, where, _FOLLOWUP_KEYS, ("evidence", "parties"))
    return GoldFollowUp(
        evidence=_evidence(item["evidence"], f"{where}.evidence", text),
        parties=_parties(item["parties"], f"{where}.parties"),
        date=_date(item.get("date"), f"{where}.date"),
        meeting=_meeting_index(item.get("meeting"), f"{where}.meeting", meetings),
        location=_location(item.get("location"), f"{where}.location"),
    )


def _document(data: object, stem: str, text: str) -> GoldDocument:
    """Decode a whole gold file whose name is ``stem`` and whose article is ``text``."""
    top = _object(data, "", _TOP_KEYS, ("id",))
    doc_id = _string(top["id"], "id")
    if doc_id != stem:
        _fail("id", f"{_short(doc_id)} is not the file's stem {_short(stem)}")
    published = _published(top.get("published"), "published")
    source = top.get("source", "")
    if not isinstance(source, str):
        _fail("source", f"must be a string, not {_json_type(source)}")
    meetings = tuple(
        _meeting(item, f"meetings[{i}]", text)
        for i, item in enumerate(_array(top.get("meetings", []), "meetings"))
    )
    commitments = tuple(
        _commitment(item, f"commitments[{i}]", text, len(meetings))
        for i, item in enumerate(_array(top.get("commitments", []), "commitments"))
    )
    followups = tuple(
        _followup(item, f"followups[{i}]", text, len(meetings))
        for i, item in enumerate(_array(top.get("followups", []), "followups"))
    )
    return GoldDocument(
        id=doc_id,
        published=published,
        source=source,
        text=text,
        meetings=meetings,
        commitments=commitments,
        followups=followups,
    )


def _read_utf8(path: Path, what: str) -> str:
    """Read a UTF-8 file's characters exactly as stored, or fail saying why not."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        _fail("", f"{what} {path} does not exist")
    except OSError as exc:
        _fail("", f"cannot read {what} {path}: {exc.strerror or exc}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _fail("", f"{what} {path} is not UTF-8 (byte {data[exc.start]:#04x} at {exc.start})")


def load_document(json_path: Path | str, *, text_path: Path | str | None = None) -> GoldDocument:
    """Read a gold (or prediction) file in format v1 and the article beside it.

    The article is ``NAME.txt`` beside ``NAME.json`` unless ``text_path``
    names another file (for predictions written to a folder of their own).
    Raises :class:`~diplomacy_events.exceptions.GoldFormatError` naming the
    file and the first problem found: a file that cannot be read, is not
    UTF-8 or not JSON, an unknown or missing key, a value of the wrong type,
    unsorted or empty parties, a date that is not ISO, a status or mode out
    of the vocabulary, a meeting index out of range, a head for a party that
    is not in the meeting, or evidence that is not in the text.
    """
    path = Path(json_path)
    text_file = path.with_suffix(".txt") if text_path is None else Path(text_path)
    try:
        raw = _read_utf8(path, "the gold file")
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError, too many digits, too deep
            _fail("", f"not JSON: {exc}")
        if text_path is None and not text_file.exists():
            _fail("", f"no text file {text_file.name} beside it")
        text = _read_utf8(text_file, "the text file")
        return _document(data, path.stem, text)
    except _Problem as problem:
        raise GoldFormatError(path, str(problem)) from None


def load_folder(folder: Path | str) -> tuple[GoldDocument, ...]:
    """Read every ``*.json`` file of ``folder`` with the article beside it, sorted by name.

    Raises :class:`~diplomacy_events.exceptions.GoldFormatError` when the
    folder does not exist, holds no gold files, or any file is malformed.
    """
    path = Path(folder)
    if not path.is_dir():
        raise GoldFormatError(path, "is not a folder")
    files = sorted(path.glob("*.json"), key=lambda file: file.name)
    if not files:
        raise GoldFormatError(path, "holds no gold files (*.json)")
    return tuple(load_document(file) for file in files)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

_JSON = dict[str, object]


def _dump_evidence(
    span: Span, where: str, text: str, evidence_as: Literal["span", "string"]
) -> object:
    """Evidence as a ``{start, end, text}`` object, or as a string if it is the first occurrence."""
    if evidence_as == "span":
        return {"start": span.start, "end": span.end, "text": span.text}
    if text.find(span.text) != span.start:
        raise InputError.for_argument(
            f"doc.{where}.evidence",
            span,
            "a span at the first occurrence of its text (or evidence_as='span')",
        )
    return span.text


def _dump_location(location: GoldLocation | None) -> _JSON | None:
    """Encode a location as the format's object, or ``None``."""
    if location is None:
        return None
    return {"city": location.city, "country": location.country}


def dump_document(doc: GoldDocument, *, evidence_as: Literal["span", "string"] = "span") -> str:
    """Write a document as JSON text in format v1, keys in the format's order.

    Evidence is written as ``{"start", "end", "text"}`` objects, or with
    ``evidence_as="string"`` as strings in the gold convention, which needs
    every span to be the first occurrence of its text (else
    :class:`~diplomacy_events.exceptions.InputError`).  Reading the result
    with :func:`load_document` beside the same text gives ``doc`` back.
    """
    if evidence_as not in ("span", "string"):
        raise InputError.for_argument("evidence_as", evidence_as, "'span' or 'string'")
    text = doc.text
    data: _JSON = {
        "id": doc.id,
        "published": None if doc.published is None else doc.published.isoformat(),
        "source": doc.source,
        "meetings": [
            {
                "evidence": _dump_evidence(m.evidence, f"meetings[{i}]", text, evidence_as),
                "status": m.status,
                "mode": m.mode,
                "parties": sorted(m.parties),
                "date": m.date,
                "location": _dump_location(m.location),
                "heads": dict(m.heads),
            }
            for i, m in enumerate(doc.meetings)
        ],
        "commitments": [
            {
                "evidence": _dump_evidence(c.evidence, f"commitments[{i}]", text, evidence_as),
                "parties": sorted(c.parties),
                "meeting": c.meeting,
            }
            for i, c in enumerate(doc.commitments)
        ],
        "followups": [
            {
                "evidence": _dump_evidence(f.evidence, f"followups[{i}]", text, evidence_as),
                "parties": sorted(f.parties),
                "date": f.date,
                "meeting": f.meeting,
                "location": _dump_location(f.location),
            }
            for i, f in enumerate(doc.followups)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_document(
    doc: GoldDocument, folder: Path | str, *, evidence_as: Literal["span", "string"] = "span"
) -> Path:
    """Write ``doc`` as ``folder/ID.json`` atomically and return that path.

    The JSON is written to a temporary file in ``folder`` and then moved over
    the target, so a reader never sees half a file.  The folder must exist;
    the article's text is not written.
    """
    if not doc.id or doc.id in (".", "..") or any(c in doc.id for c in "/\\\0"):
        raise InputError.for_argument("doc.id", doc.id, "a file stem with no path separators")
    directory = Path(folder)
    target = directory / f"{doc.id}.json"
    data = dump_document(doc, evidence_as=evidence_as).encode("utf-8")
    temporary = directory / f".{doc.id}.{secrets.token_hex(6)}.tmp"
    try:
        with temporary.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


# ---------------------------------------------------------------------------
# Predictions
# ---------------------------------------------------------------------------


def _gold_span(evidence: Evidence) -> Span:
    return Span(start=evidence.start, end=evidence.end, text=evidence.text)


def _gold_place(place: Place | None) -> GoldLocation | None:
    if place is None or (place.city is None and place.country is None):
        return None
    return GoldLocation(city=place.city, country=place.country.code if place.country else None)


def from_result(result: Result, *, id: str, source: str = "") -> GoldDocument:
    """The parser's result in gold format v1, so that it can be scored and annotated from.

    Each meeting's first evidence span, party codes, the ISO form of its date
    at the precision found, its city and country and its heads' names; each
    commitment's and follow-up's evidence, parties and meeting.
    """
    article = result.article
    return GoldDocument(
        id=id,
        published=article.published,
        source=source,
        text=article.text,
        meetings=tuple(
            GoldMeeting(
                evidence=_gold_span(m.evidence[0]),
                status=m.status.value,
                mode=m.mode.value,
                parties=tuple(p.code for p in m.parties),
                date=m.date.iso if m.date is not None else None,
                location=_gold_place(m.location),
                heads={code: person.name for code, person in m.heads.items()},
            )
            for m in result.meetings
        ),
        commitments=tuple(
            GoldCommitment(
                evidence=_gold_span(c.evidence),
                parties=tuple(p.code for p in c.parties),
                meeting=c.meeting,
            )
            for c in result.commitments
        ),
        followups=tuple(
            GoldFollowUp(
                evidence=_gold_span(f.evidence),
                parties=tuple(p.code for p in f.parties),
                date=f.timeframe.iso if f.timeframe is not None else None,
                meeting=f.meeting,
                location=_gold_place(f.location),
            )
            for f in result.followups
        ),
    )
