"""Parse articles on a Dask cluster: bags and dataframes of articles in, results and tables out.

Needs Dask: ``pip install 'diplomacy-events[dask]'``.  Nothing here is a
cluster of its own: the functions build ordinary Dask collections, which run
on whatever scheduler is active (threads, processes, or a
:class:`distributed.Client`).  Each partition is parsed by
:func:`~diplomacy_events.batch.parse_many` in the worker that holds it, so a
partition gives the same results, in the same order, as parsing its articles
in this process::

    >>> import dask.bag as db
    >>> from diplomacy_events.dask import parse_bag
    >>> articles = db.from_sequence([
    ...     {"id": "a1", "published": "2025-04-11",
    ...      "text": "Russia and China held talks in Moscow on Monday."},
    ...     {"id": "a2", "text": "Nothing happened."},
    ... ], npartitions=2)
    >>> results = parse_bag(articles).compute(scheduler="sync")
    >>> [(r.article.id, len(r.meetings)) for r in results]
    [('a1', 1), ('a2', 0)]

An item of a bag is anything :func:`~diplomacy_events.batch.parse_many`
takes (see :data:`~diplomacy_events.batch.Item`), most often a dict with
``text`` and optional ``id``, ``published`` (an ISO ``YYYY-MM-DD`` string or
a :class:`datetime.date`) and ``title``, as a line of a JSON Lines file.  A
bad item or a document the parser fails on becomes a
:class:`~diplomacy_events.batch.Failure` in its place, as in
:func:`~diplomacy_events.batch.parse_many`: one bad document does not stop
the computation.  A failure's ``source`` is the item's place in its
partition (``"item 3"``); its ``id`` names the article when the item had one.

Without a ``parser`` argument each worker process builds the default
:class:`~diplomacy_events.Parser` once, the first time it needs it.  A
parser passed in is sent to the workers by pickling, once per worker (it is
one node of the task graph), so it must be picklable (Dask pickles with
:mod:`cloudpickle` where :mod:`pickle` fails).
"""

from __future__ import annotations

import datetime
import functools
import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from diplomacy_events.batch import Failure, Item, parse_many
from diplomacy_events.exceptions import ArgumentTypeError, InputError
from diplomacy_events.model import Result
from diplomacy_events.parser import Parser
from diplomacy_events.serialize import dumps

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe

__all__ = ["RESULT_COLUMNS", "parse_bag", "parse_dataframe", "to_records", "to_tables"]

_EXTRA = "pip install 'diplomacy-events[dask]'"

RESULT_COLUMNS: tuple[str, ...] = ("id", "result", "problem")
"""The columns :func:`parse_dataframe` returns.

``id`` is the article's id (from the ``id`` column, if any), ``result`` the
result in the library's JSON form (:func:`diplomacy_events.serialize.dumps`,
``None`` for a failure) and ``problem`` what went wrong (``None`` when the
article was parsed).
"""


def _require(module: str, function: str) -> Any:
    """Import an optional dependency, or fail with the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(f"{function} needs Dask: {_EXTRA}") from exc


def _check(parser: object, published: object) -> None:
    """Raise :class:`ArgumentTypeError` for a parser or default date of the wrong type."""
    if parser is not None and not isinstance(parser, Parser):
        raise ArgumentTypeError.for_argument("parser", parser, "a diplomacy_events.Parser or None")
    if published is not None and (
        not isinstance(published, datetime.date) or isinstance(published, datetime.datetime)
    ):
        raise ArgumentTypeError.for_argument("published", published, "datetime.date or None")


def _shared(parser: Parser | None) -> Any:
    """Return the parser as one node of the graph (sent to each worker once), or ``None``."""
    if parser is None:
        return None
    dask = _require("dask", "parse_bag")
    return dask.delayed(parser, pure=False)


def _parse_partition(
    items: Iterable[Item], parser: Parser | None, published: datetime.date | None
) -> list[Result | Failure]:
    """Parse one partition's articles in order (runs in a worker)."""
    return list(parse_many(items, parser=parser, published=published))


def parse_bag(
    bag: dask.bag.Bag,
    *,
    parser: Parser | None = None,
    published: datetime.date | None = None,
) -> dask.bag.Bag:
    """Parse every article of a Dask bag, lazily; a bag of results, in the same order.

    Each item becomes a :class:`~diplomacy_events.model.Result`, or a
    :class:`~diplomacy_events.batch.Failure` naming the item and the problem
    when it cannot be parsed.  ``published`` is the date of articles that
    give none.  The partitions stay as they are: one task per partition.
    """
    db = _require("dask.bag", "parse_bag")
    if not isinstance(bag, db.Bag):
        raise ArgumentTypeError.for_argument("bag", bag, "a dask.bag.Bag of articles")
    _check(parser, published)
    parsed: dask.bag.Bag = bag.map_partitions(_parse_partition, _shared(parser), published)
    return parsed


def _record(item: Result | Failure) -> dict[str, Any]:
    """Return the JSON form of a result, or ``{"id", "source", "problem"}`` for a failure."""
    from diplomacy_events.serialize import to_dict

    if isinstance(item, Failure):
        return {"id": item.id, "source": item.source, "problem": item.problem}
    record: dict[str, Any] = to_dict(item)
    return record


def to_records(results: dask.bag.Bag) -> dask.bag.Bag:
    """Turn a bag of results into their JSON form, ready for ``bag.map(json.dumps).to_textfiles``.

    A result becomes the dict of :func:`diplomacy_events.serialize.to_dict`
    (with its ``"format"``); a failure becomes ``{"id", "source", "problem"}``.
    """
    db = _require("dask.bag", "to_records")
    if not isinstance(results, db.Bag):
        raise ArgumentTypeError.for_argument("results", results, "a dask.bag.Bag of results")
    records: dask.bag.Bag = results.map(_record)
    return records


@functools.cache
def _table_types() -> dict[str, dict[str, Any]]:
    """Return the column types of every table, as the empty tables have them (read once)."""
    from diplomacy_events.tables import to_dataframes

    return {name: frame.dtypes.to_dict() for name, frame in to_dataframes([]).items()}


def _partition_tables(results: Iterable[Result | Failure]) -> list[dict[str, Any]]:
    """Return the typed pandas tables of one partition's results (failures left out).

    A column whose type differs from its type in the empty tables (the
    ``meta`` of :func:`to_tables`) is converted to it: pandas infers a date
    column's resolution from its values, and Dask checks every partition
    against the meta.
    """
    from diplomacy_events.tables import to_dataframes

    frames = to_dataframes(r for r in results if isinstance(r, Result))
    typed = {}
    for name, frame in frames.items():
        types = _table_types()[name]
        differ = {column: kind for column, kind in types.items() if frame[column].dtype != kind}
        typed[name] = frame.astype(differ) if differ else frame
    return [typed]


def _pick(tables: list[dict[str, Any]], name: str) -> Any:
    return tables[0][name]


def to_tables(results: dask.bag.Bag) -> dict[str, dask.dataframe.DataFrame]:
    """Return the tidy tables of a bag of results as lazy Dask dataframes, by name.

    The tables, columns and types are those of
    :func:`diplomacy_events.tables.to_dataframes` (``documents``,
    ``meetings``, ``delegations``, ...), one partition per partition of the
    bag.  Failures have no rows; find them with
    ``results.filter(lambda r: isinstance(r, Failure))``.  Computing several
    tables together (``dask.compute(*tables.values())``) turns each
    partition of results into rows only once.
    """
    db = _require("dask.bag", "to_tables")
    dd = _require("dask.dataframe", "to_tables")
    dask = _require("dask", "to_tables")
    if not isinstance(results, db.Bag):
        raise ArgumentTypeError.for_argument("results", results, "a dask.bag.Bag of results")
    from diplomacy_events.tables import TABLES, to_dataframes

    empty = to_dataframes([])
    parts = results.map_partitions(_partition_tables).to_delayed()
    pick = dask.delayed(_pick, pure=True)
    return {
        name: dd.from_delayed([pick(part, name) for part in parts], meta=empty[name])
        for name in TABLES
    }


def _frame_items(frame: Any, published: datetime.date | None) -> list[dict[str, Any]]:
    """Return the articles of a pandas frame as the mappings ``parse_many`` takes."""
    pd = importlib.import_module("pandas")
    columns = [c for c in ("text", "id", "title", "published") if c in frame.columns]
    items: list[dict[str, Any]] = []
    for values in frame[columns].itertuples(index=False, name=None):
        item: dict[str, Any] = {}
        for column, value in zip(columns, values, strict=True):
            missing = value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))
            if not missing:
                item[column] = value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
        if published is not None and "published" not in item:
            item["published"] = published
        items.append(item)
    return items


def _parse_frame(frame: Any, parser: Parser | None, published: datetime.date | None) -> Any:
    """Parse one partition of a dataframe of articles (runs in a worker)."""
    pd = importlib.import_module("pandas")
    ids: list[str | None] = []
    texts: list[str | None] = []
    problems: list[str | None] = []
    for item in parse_many(_frame_items(frame, published), parser=parser):
        if isinstance(item, Failure):
            ids.append(item.id)
            texts.append(None)
            problems.append(str(item))
        else:
            ids.append(item.article.id)
            texts.append(dumps(item))
            problems.append(None)
    columns = {"id": ids, "result": texts, "problem": problems}
    return pd.DataFrame(
        {
            name: pd.Series(values, index=frame.index, dtype=object)
            for name, values in columns.items()
        }
    )


def parse_dataframe(
    frame: dask.dataframe.DataFrame,
    *,
    parser: Parser | None = None,
    published: datetime.date | None = None,
) -> dask.dataframe.DataFrame:
    """Parse a Dask dataframe of articles, one row in, one row out, partition by partition.

    ``frame`` has a ``text`` column and may have ``id``, ``title`` and
    ``published`` (ISO strings, dates or datetimes; missing values are
    ``None``/``NaN``/``NaT``).  The result keeps the index and partitions of
    ``frame`` and has the columns of :data:`RESULT_COLUMNS`: the article's
    ``id``, its ``result`` as JSON text (decode it with
    :func:`diplomacy_events.serialize.loads`) and the ``problem`` when it
    could not be parsed.
    """
    dd = _require("dask.dataframe", "parse_dataframe")
    if not isinstance(frame, dd.DataFrame):
        raise ArgumentTypeError.for_argument(
            "frame", frame, "a dask.dataframe.DataFrame with a 'text' column"
        )
    if "text" not in frame.columns:
        raise InputError.for_argument(
            "frame", f"columns {list(frame.columns)}", "a dataframe with a 'text' column"
        )
    _check(parser, published)
    pd = importlib.import_module("pandas")
    meta = pd.DataFrame({name: pd.Series([], dtype=object) for name in RESULT_COLUMNS})
    parsed: dask.dataframe.DataFrame = frame.map_partitions(
        _parse_frame, _shared(parser), published, meta=meta
    )
    return parsed
