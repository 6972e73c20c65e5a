"""Tests for diplomacy_events.tables: tidy rows, CSV files and pandas DataFrames."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from diplomacy_events.exceptions import InputError
from diplomacy_events.model import Result
from diplomacy_events.parser import parse
from diplomacy_events.tables import (
    COLUMNS,
    TABLES,
    Cell,
    result_rows,
    rows,
    to_dataframes,
    write_csv,
)

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "seed-istanbul-consultations.txt"
SEED_DATE = datetime.date(2025, 4, 11)


@pytest.fixture(scope="module")
def results() -> list[Result]:
    return [
        parse(SEED.read_text(encoding="utf-8"), published=SEED_DATE, id="seed"),
        parse("Nothing of note happened.", id="empty"),
        parse(
            "Vladimir Putin had a telephone conversation with President of France Emmanuel Macron.",
            published=datetime.date(2022, 2, 21),
            id="call",
            title="A call",
        ),
    ]


def _text(cell: Cell) -> str:
    """A cell as the CSV writes it."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return str(cell)


def test_every_row_has_exactly_its_tables_columns(results: list[Result]) -> None:
    tables = rows(results)
    assert tuple(tables) == TABLES
    for name, table in tables.items():
        for row in table:
            assert tuple(row) == COLUMNS[name]


def test_documents_table_has_every_article_even_without_events(results: list[Result]) -> None:
    documents = rows(results)["documents"]
    assert [d["doc_id"] for d in documents] == ["seed", "empty", "call"]
    assert documents[1]["meetings"] == 0
    assert documents[2]["title"] == "A call"
    assert documents[0]["published"] == "2025-04-11"


def test_seed_meetings(results: list[Result]) -> None:
    meetings = [m for m in rows(results)["meetings"] if m["doc_id"] == "seed"]
    assert [m["meeting"] for m in meetings] == [0, 1]
    assert {m["parties"] for m in meetings} == {"RUS;USA"}
    assert {m["status"] for m in meetings} <= {"held", "planned"}
    for meeting in meetings:
        assert meeting["date_granularity"] in (None, "day", "week", "month", "year", "unresolved")


def test_evidence_offsets_point_at_the_evidence_text(results: list[Result]) -> None:
    texts = {r.article.id: r.article.text for r in results}
    tables = rows(results)
    for name in ("meetings", "commitments", "followups", "requests", "concerns"):
        for row in tables[name]:
            start, end = row["evidence_start"], row["evidence_end"]
            assert isinstance(start, int)
            assert isinstance(end, int)
            assert texts[str(row["doc_id"])][start:end] == row["evidence_text"]


def test_references_between_tables_hold(results: list[Result]) -> None:
    tables = rows(results)
    meetings = {(m["doc_id"], m["meeting"]) for m in tables["meetings"]}
    for name in ("delegations", "commitments", "followups", "requests", "concerns"):
        for row in tables[name]:
            if row["meeting"] is not None:
                assert (row["doc_id"], row["meeting"]) in meetings
    for delegation in tables["delegations"]:
        meeting = next(
            m
            for m in tables["meetings"]
            if (m["doc_id"], m["meeting"]) == (delegation["doc_id"], delegation["meeting"])
        )
        assert str(delegation["party"]) in str(meeting["parties"]).split(";")


def test_commitment_rows_match_the_result(results: list[Result]) -> None:
    seed = results[0]
    table = result_rows(seed)["commitments"]
    assert len(table) == len(seed.commitments)
    for row, commitment in zip(table, seed.commitments, strict=True):
        assert row["parties"] == ";".join(sorted(p.code for p in commitment.parties))
        assert row["mutual"] is commitment.mutual
        assert row["strength"] == commitment.strength.value


def test_write_csv_folder_round_trips_through_dictreader(
    tmp_path: Path, results: list[Result]
) -> None:
    paths = write_csv(iter(results), tmp_path / "tables")
    assert [p.name for p in paths] == [f"{name}.csv" for name in TABLES]
    expected = rows(results)
    for name in TABLES:
        with (tmp_path / "tables" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert tuple(reader.fieldnames or ()) == COLUMNS[name]
            read = list(reader)
        assert read == [{k: _text(v) for k, v in row.items()} for row in expected[name]]
    assert not list((tmp_path / "tables").glob(".*"))  # no temporary file left


def test_write_one_table_to_a_file_a_folder_and_a_stream(
    tmp_path: Path, results: list[Result]
) -> None:
    [path] = write_csv(results, tmp_path / "m.csv", table="meetings")
    assert path == tmp_path / "m.csv"
    [in_folder] = write_csv(results, tmp_path, table="commitments")
    assert in_folder == tmp_path / "commitments.csv"
    stream = io.StringIO()
    assert write_csv(results, stream, table="meetings") == []
    assert stream.getvalue() == path.read_text(encoding="utf-8")
    assert stream.getvalue().splitlines()[0] == ",".join(COLUMNS["meetings"])


def test_bad_table_arguments(tmp_path: Path, results: list[Result]) -> None:
    with pytest.raises(InputError, match="table: got 'meeting'"):
        write_csv(results, tmp_path, table="meeting")
    with pytest.raises(InputError, match="a stream takes one table"):
        write_csv(results, io.StringIO())


def test_a_failure_while_writing_leaves_the_old_files(
    tmp_path: Path, results: list[Result]
) -> None:
    target = tmp_path / "meetings.csv"
    target.write_text("old complete file\n", encoding="utf-8")

    def failing() -> Iterator[Result]:
        yield results[0]
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_csv(failing(), target, table="meetings")
    assert target.read_text(encoding="utf-8") == "old complete file\n"
    assert [p.name for p in tmp_path.iterdir()] == ["meetings.csv"]


def test_dataframes_hold_the_same_rows(results: list[Result]) -> None:
    pd = pytest.importorskip("pandas")
    frames = to_dataframes(results)
    expected = rows(results)
    assert tuple(frames) == TABLES
    for name, frame in frames.items():
        assert tuple(frame.columns) == COLUMNS[name]
        assert len(frame) == len(expected[name])
        for column in frame.columns:
            values = [
                None if pd.isna(v) else (v.date().isoformat() if isinstance(v, pd.Timestamp) else v)
                for v in frame[column].tolist()
            ]
            assert values == [row[column] for row in expected[name]], (name, column)
    meetings = frames["meetings"]
    assert str(meetings["meeting"].dtype) == "Int64"
    assert str(meetings["date_earliest"].dtype).startswith("datetime64")
    assert str(frames["commitments"]["mutual"].dtype) == "boolean"


def test_dataframes_of_nothing_have_their_columns() -> None:
    pytest.importorskip("pandas")
    frames = to_dataframes([])
    assert all(len(frame) == 0 for frame in frames.values())
    assert tuple(frames["meetings"].columns) == COLUMNS["meetings"]
