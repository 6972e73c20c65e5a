"""diplomacy_events.dask: bags and dataframes of articles parsed on a local Dask cluster.

The cluster is real (two worker processes, one thread each), so every task,
argument and result crosses a process boundary by pickling, as on a cluster.
"""

from __future__ import annotations

import datetime
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import diplomacy_events as de
from diplomacy_events import serialize
from diplomacy_events.batch import Failure
from diplomacy_events.exceptions import ArgumentTypeError, InputError

db = pytest.importorskip("dask.bag", reason="needs Dask: pip install 'diplomacy-events[dask]'")
dd = pytest.importorskip("dask.dataframe", reason="needs dask[dataframe]")
distributed = pytest.importorskip("distributed", reason="needs dask.distributed")
pd = pytest.importorskip("pandas", reason="needs pandas")

from diplomacy_events.dask import (  # noqa: E402 - after the skips
    RESULT_COLUMNS,
    parse_bag,
    parse_dataframe,
    to_records,
    to_tables,
)
from diplomacy_events.tables import TABLES, to_dataframes  # noqa: E402


def _compute(collection: Any, **options: Any) -> Any:
    """``collection.compute(**options)`` (Dask's ``compute`` is untyped)."""
    return collection.compute(**options)


RAW = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "raw"


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    """20 raw documents, spread over both files, of modest length (to keep the test quick)."""
    if not RAW.is_dir():
        pytest.skip(f"the raw corpus is not at {RAW} (CI clones shared/ next to the repository)")
    every: list[dict[str, Any]] = []
    for path in sorted(RAW.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            every += [json.loads(line) for line in lines if line.strip()]
    short = [d for d in every if len(d["text"]) < 6000]
    step = len(short) // 20
    return short[::step][:20]


def _expected(doc: dict[str, Any]) -> de.Result:
    return de.parse(
        doc["text"],
        published=datetime.date.fromisoformat(doc["published"]),
        title=doc["title"],
        id=doc["id"],
    )


@pytest.fixture(scope="module")
def expected(docs: list[dict[str, Any]]) -> list[de.Result]:
    return [_expected(d) for d in docs]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    with distributed.Client(cluster) as running:
        yield running
    cluster.close()


@pytest.fixture(scope="module")
def parsed(client: Any, docs: list[dict[str, Any]]) -> Any:
    """The documents parsed on the cluster, kept there for the tests that follow."""
    return client.persist(parse_bag(db.from_sequence(docs, npartitions=4)))


def test_parse_bag_on_a_cluster_equals_parsing_here_in_order(
    parsed: Any, docs: list[dict[str, Any]], expected: list[de.Result]
) -> None:
    results = _compute(parsed)
    assert [r.article.id for r in results] == [d["id"] for d in docs]
    assert results == expected
    assert sum(len(r.meetings) for r in results) > 0  # the sample is not all blank


def test_to_tables_on_a_cluster_equals_the_tables_made_here(
    client: Any, parsed: Any, docs: list[dict[str, Any]], expected: list[de.Result]
) -> None:
    tables = to_tables(parsed)
    assert list(tables) == list(TABLES)
    computed = dict(zip(tables, client.compute(list(tables.values()), sync=True), strict=True))
    here = to_dataframes(expected)
    for name in TABLES:
        got = computed[name].reset_index(drop=True)
        want = here[name].astype(got.dtypes.to_dict())
        pd.testing.assert_frame_equal(got, want, check_dtype=True)
    assert len(computed["documents"]) == len(docs)


def test_parse_dataframe_on_a_cluster_keeps_rows_and_order(
    client: Any, docs: list[dict[str, Any]], expected: list[de.Result]
) -> None:
    frame = pd.DataFrame(docs[:8])[["id", "title", "published", "text"]]
    frame["published"] = pd.to_datetime(frame["published"])  # datetimes become dates
    frame.index = [f"row{i}" for i in range(len(frame))]
    parsed = _compute(parse_dataframe(dd.from_pandas(frame, npartitions=3, sort=False)))
    assert list(parsed.columns) == list(RESULT_COLUMNS)
    assert list(parsed.index) == list(frame.index)
    assert list(parsed["id"]) == [d["id"] for d in docs[:8]]
    assert parsed["problem"].isna().all()
    assert [serialize.loads(text, de.Result) for text in parsed["result"]] == expected[:8]


def test_to_records_are_the_json_form(
    docs: list[dict[str, Any]], expected: list[de.Result]
) -> None:
    bag = db.from_sequence(docs[:3], npartitions=2)
    records = _compute(to_records(parse_bag(bag)), scheduler="sync")
    assert records == [serialize.to_dict(r) for r in expected[:3]]


def test_a_bad_item_is_a_failure_in_its_place() -> None:
    items = [
        {"id": "a1", "text": "Russia and China held talks in Moscow on Monday."},
        {"id": "a2"},
        {"id": "a3", "text": "Nothing.", "published": "not a date"},
    ]
    got = _compute(parse_bag(db.from_sequence(items, npartitions=2)), scheduler="sync")
    assert isinstance(got[0], de.Result)
    assert [type(g) for g in got[1:]] == [Failure, Failure]
    assert "'text' is missing" in got[1].problem
    assert "'published'" in got[2].problem
    records = _compute(to_records(db.from_sequence(got, npartitions=1)), scheduler="sync")
    # the source is the item's place in its partition: a2 is the second item of the first
    assert records[1] == {"id": "a2", "source": "item 1", "problem": "'text' is missing"}


def test_published_is_the_date_of_items_without_one() -> None:
    items = [{"id": "a1", "text": "Russia and China held talks in Moscow on Monday."}]
    day = datetime.date(2025, 4, 11)
    (result,) = _compute(parse_bag(db.from_sequence(items), published=day), scheduler="sync")
    assert result.article.published == day
    assert result.meetings[0].date is not None
    assert result.meetings[0].date.iso == "2025-04-07"


def test_missing_values_in_a_dataframe_are_none() -> None:
    frame = pd.DataFrame(
        {
            "id": ["a1", None],
            "text": ["Russia and China held talks in Moscow on Monday.", "Nothing."],
            "published": [pd.Timestamp("2025-04-11"), pd.NaT],
        }
    )
    parsed = _compute(parse_dataframe(dd.from_pandas(frame, npartitions=1)), scheduler="sync")
    first, second = (serialize.loads(text, de.Result) for text in parsed["result"])
    assert first.article.published == datetime.date(2025, 4, 11)
    assert second.article.published is None
    assert second.article.id is None


def test_a_parser_of_ones_own_is_sent_to_the_workers(
    client: Any, docs: list[dict[str, Any]], expected: list[de.Result]
) -> None:
    results = _compute(parse_bag(db.from_sequence(docs[:4], npartitions=2), parser=de.Parser()))
    assert results == expected[:4]


def test_arguments_of_the_wrong_type_are_named() -> None:
    with pytest.raises(ArgumentTypeError, match="bag: got list"):
        parse_bag([{"text": "x"}])  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="parser: got str"):
        parse_bag(db.from_sequence([]), parser="default")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="published: got str"):
        parse_bag(db.from_sequence([]), published="2025-04-11")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="results: got list"):
        to_tables([])  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="frame: got DataFrame"):
        parse_dataframe(pd.DataFrame({"text": ["x"]}))


def test_a_dataframe_without_text_is_refused() -> None:
    frame = dd.from_pandas(pd.DataFrame({"body": ["x"]}), npartitions=1)
    with pytest.raises(InputError, match="'text' column"):
        parse_dataframe(frame)


def test_without_dask_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(ImportError, match=r"diplomacy-events\[dask\]"):
        parse_bag(object())  # type: ignore[arg-type]
