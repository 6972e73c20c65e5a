"""Tests for diplomacy_events.batch: reading inputs and parsing many articles, in parallel too."""

from __future__ import annotations

import datetime
import io
import itertools
import json
import os
import pickle
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from diplomacy_events.batch import (
    ArticleInput,
    BadInput,
    Failure,
    parse_many,
    read_articles,
    strip_html,
)
from diplomacy_events.exceptions import ArgumentTypeError, InputError
from diplomacy_events.model import Article, Result
from diplomacy_events.parser import Parser, parse
from diplomacy_events.serialize import dumps

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "seed-istanbul-consultations.txt"
SEED_DATE = datetime.date(2025, 4, 11)
DEV = REPO.parent / "shared" / "corpus" / "dev"

TALKS = "Russia and China held talks in Moscow on Monday."
CALL = "Vladimir Putin had a telephone conversation with President of France Emmanuel Macron."


def _line(**fields: object) -> str:
    return json.dumps(fields) + "\n"


def _articles(items: Iterator[ArticleInput | BadInput]) -> list[ArticleInput]:
    found = list(items)
    assert all(isinstance(item, ArticleInput) for item in found), found
    return [item for item in found if isinstance(item, ArticleInput)]


# ---------------------------------------------------------------------------
# read_articles
# ---------------------------------------------------------------------------


def test_text_file_is_one_article_named_by_its_stem(tmp_path: Path) -> None:
    path = tmp_path / "talks.txt"
    path.write_text(TALKS, encoding="utf-8")
    [item] = _articles(read_articles([path], published=SEED_DATE))
    assert item.source == str(path)
    assert item.article == Article(text=TALKS, published=SEED_DATE, id="talks")
    assert item.result is None


def test_a_single_path_is_one_input_not_its_characters(tmp_path: Path) -> None:
    path = tmp_path / "talks.txt"
    path.write_text(TALKS, encoding="utf-8")
    assert [i.article.id for i in _articles(read_articles(str(path)))] == ["talks"]


def test_windows_newlines_and_byte_order_mark_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbfHeadline\r\nBody line.\rLast.")
    [item] = _articles(read_articles([path]))
    assert item.article.text == "Headline\nBody line.\nLast."


def test_folder_is_every_text_and_jsonl_file_sorted_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("B", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("H", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.jsonl").write_text(_line(id="c1", text="C"), encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text("D", encoding="utf-8")
    ids = [item.article.id for item in _articles(read_articles([tmp_path]))]
    assert ids == ["a", "b", "c1"]


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    [item] = list(read_articles([tmp_path]))
    assert isinstance(item, BadInput)
    assert "no .txt, .jsonl or .ndjson files" in item.problem


def test_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    [item] = list(read_articles([missing]))
    assert item == BadInput(source=str(missing), problem="no such file or folder")
    assert str(item) == f"{missing}: no such file or folder"


def test_jsonl_lines_carry_their_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(
        _line(id="a1", text=TALKS, published="2025-04-11", title="Talks", url="x")
        + "\n"
        + _line(id="a2", text=CALL, published=None),
        encoding="utf-8",
    )
    items = _articles(read_articles([path], published=datetime.date(2022, 2, 21)))
    assert [i.source for i in items] == [f"{path}, line 1", f"{path}, line 3"]
    assert items[0].article == Article(text=TALKS, title="Talks", published=SEED_DATE, id="a1")
    assert items[1].article.published == datetime.date(2022, 2, 21)  # the default


def test_timestamps_are_read_as_their_date(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(_line(id="a1", text=TALKS, published="2025-04-11T09:30:00Z"))
    [item] = _articles(read_articles([path]))
    assert item.article.published == SEED_DATE


def test_broken_jsonl_line_is_reported_with_its_number_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(
        _line(id="a1", text=TALKS) + '{"id": "a2", "text": \n' + _line(id="a3", text=CALL),
        encoding="utf-8",
    )
    items = list(read_articles([path]))
    assert [type(i) for i in items] == [ArticleInput, BadInput, ArticleInput]
    bad = items[1]
    assert isinstance(bad, BadInput)
    assert bad.source == f"{path}, line 2"
    assert bad.problem.startswith("not valid JSON")


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"id": "x", "text": 42}, "'text' must be a string, got a number"),
        ({"id": "x"}, "'text' is missing"),
        ({"text": "t"}, "'id' is missing"),
        ({"id": 7, "text": "t"}, "'id' must be a non-empty string, got 7"),
        ({"id": "x", "text": "t", "published": "11/04/2025"}, "'published' must be an ISO date"),
        ({"id": "x", "text": "t", "title": ["a"]}, "'title' must be a string or null, got a list"),
    ],
)
def test_fields_of_the_wrong_type_are_named(
    tmp_path: Path, fields: dict[str, object], problem: str
) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps(fields) + "\n", encoding="utf-8")
    [item] = list(read_articles([path]))
    assert isinstance(item, BadInput)
    assert item.source == f"{path}, line 1"
    assert problem in item.problem


def test_a_jsonl_line_that_is_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text("[1, 2]\n", encoding="utf-8")
    [item] = list(read_articles([path]))
    assert isinstance(item, BadInput)
    assert item.problem == "expected a JSON object with 'id' and 'text', got a list"


def test_a_result_line_is_read_back_as_that_result(tmp_path: Path) -> None:
    result = parse(TALKS, published=SEED_DATE, id="r1")
    path = tmp_path / "results.jsonl"
    path.write_text(dumps(result) + "\n", encoding="utf-8")
    [item] = _articles(read_articles([path]))
    assert item.result == result
    assert item.article == result.article
    assert list(parse_many([item])) == [result]


def test_json_file_with_a_list_of_articles(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([{"id": "a1", "text": TALKS}, {"id": "a2", "text": 5}]))
    items = list(read_articles([path]))
    assert isinstance(items[0], ArticleInput)
    assert isinstance(items[1], BadInput)
    assert items[1].source == f"{path}, item 1"


def test_invalid_utf8_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Headline\nCaf\xe9 talks in Moscow.".encode("cp1252"))
    [item] = list(read_articles([path]))
    assert isinstance(item, BadInput)
    assert "not valid UTF-8: byte 0xe9 at line 2, column 4" in item.problem
    assert "--encoding-errors replace" in item.problem


def test_invalid_utf8_is_replaced_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Caf\xe9 talks".encode("cp1252"))
    [item] = _articles(read_articles([path], errors="replace"))
    assert item.article.text == "Caf\ufffd talks"


def test_invalid_utf8_in_one_jsonl_line_spares_the_others(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(_line(id="a1", text=TALKS).encode() + b'{"id": "a2", "text": "\xe9"}\n')
    items = list(read_articles([path]))
    assert isinstance(items[0], ArticleInput)
    assert isinstance(items[1], BadInput)
    assert items[1].source == f"{path}, line 2"


def test_utf16_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(TALKS.encode("utf-16"))
    [item] = list(read_articles([path]))
    assert isinstance(item, BadInput)
    assert "UTF-16" in item.problem


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, TALKS.encode())
    [item] = _articles(read_articles(["-"]))
    assert item.source == "<stdin>"
    assert item.article.text == TALKS
    assert item.article.id is None


def test_stdin_json_lines_are_recognised(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, (_line(id="a1", text=TALKS) + _line(id="a2", text=CALL)).encode())
    items = _articles(read_articles(["-"]))
    assert [(i.source, i.article.id) for i in items] == [
        ("<stdin>, line 1", "a1"),
        ("<stdin>, line 2", "a2"),
    ]


def test_stdin_without_a_binary_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(TALKS))
    [item] = _articles(read_articles(["-"]))
    assert item.article.text == TALKS


def test_input_format_forces_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "corpus.txt"
    path.write_text(_line(id="a1", text=TALKS), encoding="utf-8")
    [item] = _articles(read_articles([path], input_format="jsonl"))
    assert item.article.id == "a1"


def test_strip_html_option(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<html><head><title>x</title></head><body><p>A &amp; B</p></body></html>")
    [item] = _articles(read_articles([path], strip_html=True))
    assert item.article.text == "A & B"


def test_strip_html() -> None:
    page = (
        "<h1>Talks</h1>\n<p>Russia and\n the US <a href='#'>met</a>.</p>"
        "<script>var x = '<p>no</p>';</script><ul><li>One&nbsp;two</li></ul>"
    )
    assert strip_html(page) == "Talks\nRussia and the US met.\nOne two"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"errors": "ignore"}, InputError),
        ({"input_format": "csv"}, InputError),
        ({"published": "2025-04-11"}, ArgumentTypeError),
    ],
)
def test_read_articles_checks_its_arguments(kwargs: dict[str, object], error: type) -> None:
    with pytest.raises(error):
        read_articles(["x.txt"], **kwargs)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# parse_many
# ---------------------------------------------------------------------------


def test_every_kind_of_item_in_order() -> None:
    done = parse(CALL, id="done")
    items: list[object] = [
        TALKS,
        {"id": "d1", "text": TALKS, "published": "2025-04-11"},
        ("t1", TALKS, SEED_DATE),
        Article(text=TALKS, id="a1"),
        done,
        BadInput(source="x.jsonl, line 4", problem="not valid JSON"),
        {"id": "bad", "text": None},
        3.5,
    ]
    outputs = list(parse_many(items, published=SEED_DATE))  # type: ignore[arg-type]
    assert len(outputs) == len(items)
    for output in outputs[:4]:
        assert isinstance(output, Result)
        assert output == parse(TALKS, published=SEED_DATE, id=output.article.id)
    assert [o.article.id for o in outputs[:4] if isinstance(o, Result)] == [None, "d1", "t1", "a1"]
    assert outputs[4] is done
    assert outputs[5] == Failure(id=None, source="x.jsonl, line 4", problem="not valid JSON")
    assert outputs[6] == Failure(
        id="bad", source="item 6", problem="'text' must be a string, got null"
    )
    assert isinstance(outputs[7], Failure)
    assert "got float" in outputs[7].problem


@pytest.mark.parametrize(
    ("workers", "error"),
    [
        (0, InputError),
        (-2, InputError),
        ("2", ArgumentTypeError),
        (2.0, ArgumentTypeError),
        (True, ArgumentTypeError),
    ],
)
def test_workers_is_checked(workers: object, error: type) -> None:
    with pytest.raises(error, match="workers"):
        parse_many([TALKS], workers=workers)  # type: ignore[arg-type]


def test_other_arguments_are_checked() -> None:
    with pytest.raises(InputError, match="chunksize"):
        parse_many([TALKS], chunksize=0)
    with pytest.raises(ArgumentTypeError, match="parser"):
        parse_many([TALKS], parser="default")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="articles"):
        parse_many(TALKS)


@pytest.mark.parametrize(
    ("timeout", "error"),
    [(0, InputError), (-1.0, InputError), (float("nan"), InputError), ("1", ArgumentTypeError)],
)
def test_timeout_is_checked(timeout: object, error: type) -> None:
    with pytest.raises(error, match="timeout"):
        parse_many([TALKS], timeout=timeout)  # type: ignore[arg-type]


def test_streams_without_reading_all_input() -> None:
    endless = itertools.repeat(TALKS)
    assert len(list(itertools.islice(parse_many(endless), 3))) == 3


class _Picklable(Parser):
    """A parser that pickles as "build me anew", as a user's parser may."""

    def __reduce__(self) -> tuple[type[Parser], tuple[()]]:
        return (type(self), ())


class _Exploding(_Picklable):
    def parse(
        self,
        text: str,
        *,
        published: datetime.date | None = None,
        title: str | None = None,
        id: str | None = None,
    ) -> Result:
        if "BOOM" in text:
            raise RuntimeError("boom")
        if "SLOW" in text:
            time.sleep(0.3)
        if "KILL" in text:
            os.kill(os.getpid(), signal.SIGKILL)
        return super().parse(text, published=published, title=title, id=id)


def test_a_parser_that_raises_gives_a_failure_not_a_crash() -> None:
    outputs = list(parse_many(["BOOM", TALKS], parser=_Exploding()))
    assert outputs[0] == Failure(
        id=None, source="item 0", problem="parsing failed: RuntimeError: boom"
    )
    assert isinstance(outputs[1], Result)


def test_parser_is_picklable() -> None:
    parser = Parser()
    copy = pickle.loads(pickle.dumps(parser))
    assert copy.parse(TALKS, published=SEED_DATE) == parser.parse(TALKS, published=SEED_DATE)


def test_an_unpicklable_parser_is_refused_for_workers() -> None:
    class Local(Parser):
        pass

    with pytest.raises(ArgumentTypeError, match=r"parser: a .*Local that cannot be pickled"):
        parse_many([TALKS], parser=Local(), workers=2)


def _dev_articles(limit: int) -> list[Article]:
    if not DEV.is_dir():
        pytest.skip(f"the dev corpus is not at {DEV}")
    articles = []
    for path in sorted(DEV.glob("*.txt"))[:limit]:
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        published = datetime.date.fromisoformat(gold["published"])
        articles.append(
            Article(text=path.read_text(encoding="utf-8"), published=published, id=path.stem)
        )
    return articles


def test_workers_give_the_same_results_in_the_same_order() -> None:
    articles = _dev_articles(6)
    items: list[object] = [*articles[:3], BadInput(source="s", problem="p"), *articles[3:]]
    serial = list(parse_many(items))  # type: ignore[arg-type]
    parallel = list(parse_many(items, workers=2, chunksize=2))  # type: ignore[arg-type]
    assert parallel == serial
    ids = [o.article.id for o in parallel if isinstance(o, Result)]
    assert ids == [a.id for a in articles]
    assert isinstance(parallel[3], Failure)


def test_a_killed_worker_fails_only_its_document() -> None:
    texts = [TALKS, CALL, "KILL", TALKS, "BOOM", CALL]
    outputs = list(parse_many(texts, workers=2, chunksize=1, parser=_Exploding()))
    kinds = [type(o).__name__ for o in outputs]
    assert kinds == ["Result", "Result", "Failure", "Result", "Failure", "Result"]
    killed = outputs[2]
    assert isinstance(killed, Failure)
    assert killed.source == "item 2"
    assert "worker process parsing it died" in killed.problem
    assert outputs[3] == parse(TALKS)


def test_a_worker_that_dies_between_two_submissions_fails_only_its_document() -> None:
    # The first result is back before the second worker dies; the consumer is slow, so the
    # pool is already broken when the next chunk is sent to it.
    texts = [TALKS, "SLOW KILL", TALKS, CALL, TALKS, CALL, TALKS]
    expected = parse(TALKS)  # and the forked workers start with the parser's caches warm
    outputs: list[Result | Failure] = []
    for output in parse_many(texts, workers=2, chunksize=1, parser=_Exploding()):
        if not outputs:
            time.sleep(1.0)
        outputs.append(output)
    kinds = [type(o).__name__ for o in outputs]
    assert kinds == ["Result", "Failure", "Result", "Result", "Result", "Result", "Result"]
    assert outputs[-1] == expected


# A document built to be slow: trigger after trigger in one sentence (half a minute unguarded).
HOSTILE = ("Russia agreed to " * 3_000)[:40_000]
TIMEOUT = 0.5
"""Seconds: far more than a short article takes on a busy machine, far less than HOSTILE."""


def _timed_out(output: Result | Failure, id: str, source: str, seconds: float) -> None:
    assert output == Failure(
        id=id, source=source, problem=f"not parsed within the timeout of {seconds:g} s"
    )


def test_a_document_that_takes_too_long_fails_and_the_batch_goes_on() -> None:
    items = [("a1", TALKS), ("hostile", HOSTILE), ("a3", CALL)]
    outputs = list(parse_many(items, timeout=TIMEOUT))
    assert outputs[0] == parse(TALKS, id="a1")
    _timed_out(outputs[1], "hostile", "item 1", TIMEOUT)
    assert str(outputs[1]) == "item 1 (hostile): not parsed within the timeout of 0.5 s"
    assert outputs[2] == parse(CALL, id="a3")


def test_a_parsers_own_timeout_fails_the_document_too() -> None:
    outputs = list(parse_many([HOSTILE, TALKS], parser=Parser(timeout=TIMEOUT)))
    assert outputs[0] == Failure(
        id=None, source="item 0", problem="not parsed within the timeout of 0.5 s"
    )
    assert outputs[1] == parse(TALKS)


def test_the_earlier_of_two_timeouts_counts() -> None:
    outputs = list(parse_many([("h", HOSTILE)], parser=Parser(timeout=60.0), timeout=TIMEOUT))
    _timed_out(outputs[0], "h", "item 0", TIMEOUT)


def test_workers_report_a_document_that_takes_too_long() -> None:
    items = [("a1", TALKS), ("hostile", HOSTILE), ("a3", CALL), ("a4", TALKS)]
    outputs = list(parse_many(items, workers=2, chunksize=1, timeout=TIMEOUT))
    assert [type(o).__name__ for o in outputs] == ["Result", "Failure", "Result", "Result"]
    _timed_out(outputs[1], "hostile", "item 1", TIMEOUT)
    assert outputs[3] == parse(TALKS, id="a4")


def test_parallel_streams_with_a_bounded_window() -> None:
    endless = itertools.repeat(TALKS)
    stream = parse_many(endless, workers=2, chunksize=1)
    assert len(list(itertools.islice(stream, 3))) == 3
    stream.close()  # type: ignore[attr-defined]
