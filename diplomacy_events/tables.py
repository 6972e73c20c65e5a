"""Tidy tables of results, for pandas, R and spreadsheets: one row per meeting, delegation, ...

:func:`rows` turns results into plain rows, one list of dicts per table;
:func:`write_csv` writes them as CSV files (all tables into a folder, or
one table into a file or stream); :func:`to_dataframes` gives them as
:mod:`pandas` DataFrames (``pip install 'diplomacy-events[pandas]'``)::

    >>> import datetime
    >>> import diplomacy_events as de
    >>> from diplomacy_events.tables import rows
    >>> result = de.parse("Russia and China held talks in Moscow on Monday.",
    ...                   published=datetime.date(2025, 4, 11), id="a1")
    >>> meeting = rows([result])["meetings"][0]
    >>> meeting["doc_id"], meeting["meeting"], meeting["parties"], meeting["date"], meeting["city"]
    ('a1', 0, 'CHN;RUS', '2025-04-07', 'Moscow')

The tables, and their keys:

- ``documents``: one row per article (``doc_id``), with its counts, so that
  articles that report nothing are still in the data;
- ``meetings``: ``(doc_id, meeting)``, ``meeting`` being the index in the
  article's results (0-based, as in the JSON form);
- ``delegations``: ``(doc_id, meeting, party)``;
- ``commitments``: ``(doc_id, commitment)``, with ``meeting`` the meeting it
  came from (empty when none);
- ``followups``: ``(doc_id, followup)``, likewise;
- ``requests`` and ``concerns``: ``(doc_id, request)``, ``(doc_id, concern)``.

Several parties are one cell, their codes sorted and joined with ``;``
(``"RUS;USA"``).  ``date`` is the ISO date at the precision the text gives
(``2025-04-10``, ``2025-04``, ``2025``; empty when unresolved), with
``date_granularity`` saying which, and ``date_earliest``/``date_latest``
the first and last day it allows.  Evidence is ``evidence_start``,
``evidence_end`` (character offsets into the article text, as Python
slices), ``evidence_text`` and the ``rule`` that found it.  In CSV an empty
cell is a missing value and booleans are ``true``/``false``.
"""

from __future__ import annotations

import csv
import importlib
import os
import re
from collections.abc import Iterable, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO, TypeAlias

from diplomacy_events._atomic import AtomicFile
from diplomacy_events.exceptions import InputError
from diplomacy_events.model import (
    Evidence,
    Meeting,
    Party,
    Person,
    Place,
    Result,
    TimeExpression,
)

__all__ = ["COLUMNS", "TABLES", "Cell", "Row", "result_rows", "rows", "to_dataframes", "write_csv"]

Cell: TypeAlias = "str | int | float | bool | None"
"""A value of a table cell."""
Row: TypeAlias = "dict[str, Cell]"
"""One row of a table, by column name."""

_EVIDENCE = ("evidence_start", "evidence_end", "evidence_text", "rule")
_DATE = ("date", "date_granularity", "date_earliest", "date_latest", "date_text")

COLUMNS: Mapping[str, tuple[str, ...]] = {
    "documents": (
        *("doc_id", "title", "published", "characters"),
        *("meetings", "commitments", "followups", "requests", "concerns"),
    ),
    "meetings": (
        *("doc_id", "meeting", "status", "mode", "kind", "parties", "host"),
        *_DATE,
        *("city", "country", "venue"),
        *("duration_amount", "duration_unit", "duration_qualifier", "format", "topics"),
        *("mentions", *_EVIDENCE),
    ),
    "delegations": (
        *("doc_id", "meeting", "party", "party_name", "party_kind"),
        *("head_name", "head_title", "head_rank", "head_evidence_start", "head_evidence_end"),
        "members",
    ),
    "commitments": (
        *("doc_id", "commitment", "meeting", "parties", "strength", "mutual", "action"),
        *("reported_by", *_EVIDENCE),
    ),
    "followups": (
        *("doc_id", "followup", "meeting", "parties"),
        *_DATE,
        *("date_status", "city", "country", "location_status", "representation_status"),
        *_EVIDENCE,
    ),
    "requests": ("doc_id", "request", "meeting", "parties", "addressees", *_EVIDENCE),
    "concerns": ("doc_id", "concern", "meeting", "parties", *_EVIDENCE),
}
"""The columns of each table, in order."""

TABLES: tuple[str, ...] = tuple(COLUMNS)
"""The names of the tables, in the order they are written."""

_INTEGER = frozenset(
    {
        *("characters", "meetings", "commitments", "followups", "requests", "concerns"),
        *("meeting", "commitment", "followup", "request", "concern", "mentions"),
        *("evidence_start", "evidence_end", "head_evidence_start", "head_evidence_end"),
    }
)
_BOOLEAN = frozenset({"mutual"})
_FLOAT = frozenset({"duration_amount"})
_DAY = frozenset({"published", "date_earliest", "date_latest"})


def _codes(parties: Iterable[Party]) -> str:
    return ";".join(sorted(p.code for p in parties))


def _evidence(evidence: Evidence) -> Row:
    return {
        "evidence_start": evidence.start,
        "evidence_end": evidence.end,
        "evidence_text": evidence.text,
        "rule": evidence.rule,
    }


def _date(time: TimeExpression | None) -> Row:
    if time is None:
        return dict.fromkeys(_DATE)
    return {
        "date": time.iso,
        "date_granularity": time.granularity.value,
        "date_earliest": time.earliest.isoformat() if time.earliest else None,
        "date_latest": time.latest.isoformat() if time.latest else None,
        "date_text": time.evidence.text,
    }


def _place(place: Place | None) -> Row:
    if place is None:
        return {"city": None, "country": None}
    return {"city": place.city, "country": place.country.code if place.country else None}


def _meeting(doc_id: str | None, index: int, meeting: Meeting) -> Row:
    duration = meeting.duration
    return {
        "doc_id": doc_id,
        "meeting": index,
        "status": meeting.status.value,
        "mode": meeting.mode.value,
        "kind": meeting.kind,
        "parties": _codes(meeting.parties),
        "host": meeting.host.code if meeting.host else None,
        **_date(meeting.date),
        **_place(meeting.location),
        "venue": meeting.location.venue if meeting.location else None,
        "duration_amount": duration.amount if duration else None,
        "duration_unit": duration.unit.value if duration else None,
        "duration_qualifier": duration.qualifier.value if duration else None,
        "format": ";".join(meeting.format) or None,
        "topics": ";".join(meeting.topics) or None,
        "mentions": len(meeting.evidence),
        **_evidence(meeting.evidence[0]),
    }


def _head(person: Person | None) -> Row:
    if person is None:
        return dict.fromkeys(
            ("head_name", "head_title", "head_rank", "head_evidence_start", "head_evidence_end")
        )
    return {
        "head_name": person.name,
        "head_title": person.title,
        "head_rank": person.rank.value,
        "head_evidence_start": person.evidence.start,
        "head_evidence_end": person.evidence.end,
    }


def result_rows(result: Result) -> dict[str, list[Row]]:
    """Return the rows of one result for every table (an empty list where it has none)."""
    doc_id = result.article.id
    article = result.article
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    tables["documents"].append(
        {
            "doc_id": doc_id,
            "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "characters": len(article.text),
            "meetings": len(result.meetings),
            "commitments": len(result.commitments),
            "followups": len(result.followups),
            "requests": len(result.requests),
            "concerns": len(result.concerns),
        }
    )
    for index, meeting in enumerate(result.meetings):
        tables["meetings"].append(_meeting(doc_id, index, meeting))
        for delegation in meeting.delegations:
            tables["delegations"].append(
                {
                    "doc_id": doc_id,
                    "meeting": index,
                    "party": delegation.party.code,
                    "party_name": delegation.party.name,
                    "party_kind": delegation.party.kind.value,
                    **_head(delegation.head),
                    "members": ";".join(m.name for m in delegation.members) or None,
                }
            )
    for index, commitment in enumerate(result.commitments):
        tables["commitments"].append(
            {
                "doc_id": doc_id,
                "commitment": index,
                "meeting": commitment.meeting,
                "parties": _codes(commitment.parties),
                "strength": commitment.strength.value,
                "mutual": commitment.mutual,
                "action": commitment.action,
                "reported_by": ";".join(s.name for s in commitment.reported_by) or None,
                **_evidence(commitment.evidence),
            }
        )
    for index, followup in enumerate(result.followups):
        tables["followups"].append(
            {
                "doc_id": doc_id,
                "followup": index,
                "meeting": followup.meeting,
                "parties": _codes(followup.parties),
                **_date(followup.timeframe),
                "date_status": followup.date_status.value,
                **_place(followup.location),
                "location_status": followup.location_status.value,
                "representation_status": followup.representation_status.value,
                **_evidence(followup.evidence),
            }
        )
    for index, request in enumerate(result.requests):
        tables["requests"].append(
            {
                "doc_id": doc_id,
                "request": index,
                "meeting": request.meeting,
                "parties": _codes(request.parties),
                "addressees": _codes(request.addressees) or None,
                **_evidence(request.evidence),
            }
        )
    for index, concern in enumerate(result.concerns):
        tables["concerns"].append(
            {
                "doc_id": doc_id,
                "concern": index,
                "meeting": concern.meeting,
                "parties": _codes(concern.parties),
                **_evidence(concern.evidence),
            }
        )
    return tables


def rows(results: Iterable[Result]) -> dict[str, list[Row]]:
    """Return the rows of every table for ``results``, by table name (see :data:`COLUMNS`)."""
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    for result in results:
        for name, table in result_rows(result).items():
            tables[name] += table
    return tables


def _cell(value: Cell) -> str | int | float:
    """A value as a CSV cell; text with lone surrogates (not encodable) gets U+FFFD for them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and _SURROGATE.search(value):
        return _SURROGATE.sub("\ufffd", value)
    return value


# A lone surrogate, which no file encoding can write.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_table(table: str | None) -> None:
    if table is not None and table not in COLUMNS:
        raise InputError.for_argument("table", table, "one of " + ", ".join(TABLES))


def write_csv(
    results: Iterable[Result],
    target: str | os.PathLike[str] | TextIO,
    *,
    table: str | None = None,
) -> list[Path]:
    """Write the tables of ``results`` as CSV, streaming; return the files written.

    With ``table=None``, ``target`` is a folder (created if missing) that
    receives one ``NAME.csv`` per table of :data:`TABLES`.  With a table
    name, only that table is written, to ``target``: a file, a folder (as
    ``NAME.csv`` in it) or an open text stream (nothing is returned then).

    Files are written atomically: each is complete or, if writing fails
    part-way, left as it was before.
    """
    _check_table(table)
    names = TABLES if table is None else (table,)
    if not isinstance(target, (str, os.PathLike)):
        if table is None:
            raise InputError(
                "write_csv: a stream takes one table: pass table='meetings' or another"
            )
        _write_rows(results, {table: target})
        return []
    path = Path(target)
    if table is None or path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        paths = {name: path / f"{name}.csv" for name in names}
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        paths = {table: path}
    with ExitStack() as stack:
        files: dict[str, AtomicFile] = {}
        for name, file_path in paths.items():
            file = AtomicFile(file_path, newline="")
            stack.callback(file.discard)
            files[name] = file
        _write_rows(results, {name: file.handle for name, file in files.items()})
        for file in files.values():
            file.commit()
    return list(paths.values())


def _write_rows(results: Iterable[Result], streams: Mapping[str, TextIO]) -> None:
    writers = {}
    for name, stream in streams.items():
        writer = csv.DictWriter(stream, fieldnames=COLUMNS[name], lineterminator="\n")
        writer.writeheader()
        writers[name] = writer
    for result in results:
        for name, table in result_rows(result).items():
            if name in writers:
                writers[name].writerows({k: _cell(v) for k, v in row.items()} for row in table)


def to_dataframes(results: Iterable[Result]) -> dict[str, Any]:
    """Return the tables of ``results`` as :mod:`pandas` DataFrames, by table name.

    The same rows and columns as :func:`rows` and the CSV files, typed:
    counts, indexes and offsets as nullable integers (``Int64``),
    ``mutual`` as ``boolean``, ``published``, ``date_earliest`` and
    ``date_latest`` as ``datetime64``, text as ``object`` with ``None``
    for a missing value.  Needs pandas: ``pip install 'diplomacy-events[pandas]'``.
    """
    try:
        pd: Any = importlib.import_module("pandas")
    except ImportError as exc:  # pragma: no cover - pandas is installed for the tests
        raise ImportError(
            "to_dataframes needs pandas: pip install 'diplomacy-events[pandas]'"
        ) from exc
    frames: dict[str, Any] = {}
    for name, table in rows(results).items():
        frame = pd.DataFrame.from_records(table, columns=list(COLUMNS[name]))
        types: dict[str, Any] = {}
        for column in frame.columns:
            if column in _INTEGER:
                types[column] = "Int64"
            elif column in _BOOLEAN:
                types[column] = "boolean"
            elif column in _FLOAT:
                types[column] = "Float64"
            elif column not in _DAY:
                types[column] = object
        frame = frame.astype(types)
        for column in _DAY & set(frame.columns):
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
        frames[name] = frame
    return frames
