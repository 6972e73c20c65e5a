"""Many articles at once: reading them from files, folders and JSON Lines, parsing them in parallel.

:func:`read_articles` streams articles from text files, folders of them,
JSON Lines files (one article a line: ``id``, ``text``, ``published``,
optional ``title``) and standard input.  An input that cannot be read
becomes a :class:`BadInput` naming the file (and line) and the problem,
instead of an exception, so that one bad document does not stop a batch.

:func:`parse_many` parses a stream of articles, in this process or in
several worker processes, and yields one :class:`~diplomacy_events.model.Result`
or :class:`Failure` per input, in input order::

    >>> import datetime
    >>> from diplomacy_events.batch import parse_many
    >>> texts = ["Russia and China held talks in Moscow on Monday.", "Nothing happened."]
    >>> [len(r.meetings) for r in parse_many(texts, published=datetime.date(2025, 4, 11))]
    [1, 0]
    >>> [str(f) for f in parse_many([{"id": "a1", "text": 42}])]
    ["item 0 (a1): 'text' must be a string, got a number"]

With ``timeout=SECONDS``, a document that takes longer is a :class:`Failure`
too, and the batch goes on with the next one.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import html.parser
import io
import json
import os
import pickle
import re
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Literal, TypeAlias

import attrs

from diplomacy_events import _deadline
from diplomacy_events.exceptions import ArgumentTypeError, InputError, ParseTimeout
from diplomacy_events.model import Article, Result
from diplomacy_events.parser import Parser, parse
from diplomacy_events.serialize import FORMAT, result_from_dict

__all__ = [
    "ArticleInput",
    "BadInput",
    "Failure",
    "Item",
    "parse_many",
    "read_articles",
    "strip_html",
]

_TEXT_SUFFIXES = (".txt",)
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "<stdin>"
"""The source name of standard input."""


@attrs.frozen(kw_only=True)
class ArticleInput:
    """An article read from an input, with where it came from.

    ``source`` is the file as given (``"a.txt"``), the file and line of a
    JSON Lines file (``"corpus.jsonl, line 12"``) or ``"<stdin>"``.  When the
    input was a result already parsed (a line written by ``--format jsonl``),
    ``result`` holds it and :func:`parse_many` passes it through unparsed.
    """

    source: str
    article: Article
    result: Result | None = None


@attrs.frozen(kw_only=True)
class BadInput:
    """An input that could not be read as an article: where it is, and what is wrong.

    >>> str(BadInput(source="corpus.jsonl, line 3", problem="not valid JSON"))
    'corpus.jsonl, line 3: not valid JSON'
    """

    source: str
    problem: str
    id: str | None = None
    """The article's id, when the input got far enough to have one."""

    def __str__(self) -> str:
        """Name the source, the id if known, and the problem."""
        return _describe(self.source, self.id, self.problem)


@attrs.frozen(kw_only=True)
class Failure:
    """A document that yielded no result: its id and source when known, and why.

    >>> str(Failure(id="a1", source="corpus.jsonl, line 3", problem="'text' is missing"))
    "corpus.jsonl, line 3 (a1): 'text' is missing"
    """

    id: str | None
    source: str | None
    problem: str

    def __str__(self) -> str:
        """Name the source, the id if known, and the problem."""
        return _describe(self.source, self.id, self.problem)


def _describe(source: str | None, id: str | None, problem: str) -> str:
    where = source or "document"
    if id is not None and os.path.splitext(os.path.basename(where))[0] != id:
        where = f"{where} ({id})"
    return f"{where}: {problem}"


Item: TypeAlias = (
    "Article | ArticleInput | BadInput | Result | str | Mapping[str, object] | tuple[object, ...]"
)
"""What :func:`parse_many` accepts, one per document:

- an :class:`~diplomacy_events.model.Article`, or an :class:`ArticleInput` or
  :class:`BadInput` from :func:`read_articles`;
- a :class:`~diplomacy_events.model.Result` (passed through unparsed);
- a ``str``: the text alone;
- a mapping with ``text`` and optional ``id``, ``published`` (a date or an ISO
  string) and ``title``, as a line of a JSON Lines file;
- a tuple ``(id, text)`` or ``(id, text, published)``.
"""


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def read_articles(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    published: datetime.date | None = None,
    errors: Literal["strict", "replace"] = "strict",
    strip_html: bool = False,
    input_format: Literal["auto", "text", "jsonl"] = "auto",
) -> Iterator[ArticleInput | BadInput]:
    """Stream the articles of text files, folders, JSON Lines files and ``"-"`` (standard input).

    - A text file (``.txt``, or any file with ``input_format="text"``) is one
      article, its headline on the first line; its id is the file's stem.
    - A ``.jsonl`` or ``.ndjson`` file (or any file with
      ``input_format="jsonl"``) holds one JSON object a line: ``id``,
      ``text``, ``published`` (``YYYY-MM-DD`` or null) and optional
      ``title``; other keys are ignored.  A line that is a result written
      by ``diplomacy-events parse --format jsonl`` is read as that result.
    - A ``.json`` file holds one such object, or a list of them.
    - A folder is every ``.txt``, ``.jsonl`` and ``.ndjson`` file in it and
      its subfolders, in sorted order, hidden ones skipped.
    - ``"-"`` is standard input: JSON Lines if its first line starts with
      ``{`` (or ``input_format="jsonl"``), else one text article.

    ``published`` is the publication date of articles that do not give
    their own.  Text must be UTF-8; with ``errors="replace"`` invalid bytes
    become U+FFFD instead of making the document a :class:`BadInput`.  With
    ``strip_html``, HTML markup is removed from every text first.

    Every problem (a missing file, invalid UTF-8, a line that is not JSON,
    a field of the wrong type) yields a :class:`BadInput` naming the file
    and line, and reading goes on with the next document.
    """
    if errors not in ("strict", "replace"):
        raise InputError.for_argument("errors", errors, "'strict' or 'replace'")
    if input_format not in ("auto", "text", "jsonl"):
        raise InputError.for_argument("input_format", input_format, "'auto', 'text' or 'jsonl'")
    _check_published(published, "published")
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    reader = _Reader(
        published=published, errors=errors, strip=strip_html, input_format=input_format
    )
    return reader.read(inputs)


@attrs.frozen(kw_only=True)
class _Reader:
    published: datetime.date | None
    errors: Literal["strict", "replace"]
    strip: bool
    input_format: Literal["auto", "text", "jsonl"]

    def read(self, inputs: Iterable[str | os.PathLike[str]]) -> Iterator[ArticleInput | BadInput]:
        for given in inputs:
            name = os.fspath(given)
            if name == "-":
                yield from self.stdin()
                continue
            path = Path(name)
            if path.is_dir():
                files = list(_walk(path))
                if not files:
                    yield BadInput(
                        source=name, problem="no .txt, .jsonl or .ndjson files in this folder"
                    )
                for file in files:
                    yield from self.file(file, str(file))
            else:
                yield from self.file(path, name)

    def file(self, path: Path, name: str) -> Iterator[ArticleInput | BadInput]:
        kind = _file_kind(path, self.input_format)
        try:
            if kind == "jsonl":
                with path.open("rb") as stream:
                    yield from self.jsonl(stream, name)
                return
            data = path.read_bytes()
        except FileNotFoundError:
            yield BadInput(source=name, problem="no such file or folder")
            return
        except IsADirectoryError:  # pragma: no cover - a race with is_dir
            yield BadInput(source=name, problem="is a folder, expected a file")
            return
        except OSError as exc:
            yield BadInput(source=name, problem=f"cannot be read: {exc.strerror or exc}")
            return
        if kind == "json":
            yield from self.json_file(data, name)
        else:
            yield self.text(data, name, id=path.stem)

    def stdin(self) -> Iterator[ArticleInput | BadInput]:
        buffer = getattr(sys.stdin, "buffer", None)
        stream = buffer if buffer is not None else io.BytesIO(sys.stdin.read().encode("utf-8"))
        first = stream.readline()
        jsonl = self.input_format == "jsonl" or (
            self.input_format == "auto" and first.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")
        )
        if jsonl:
            yield from self.jsonl(_chain(first, stream), STDIN)
        else:
            yield self.text(first + stream.read(), STDIN, id=None)

    def text(self, data: bytes, name: str, *, id: str | None) -> ArticleInput | BadInput:
        text, problem = _decode(data, self.errors)
        if problem is not None:
            return BadInput(source=name, problem=problem, id=id)
        text = _normalise_newlines(text)
        if self.strip:
            text = strip_html(text)
        return ArticleInput(
            source=name, article=Article(text=text, published=self.published, id=id)
        )

    def jsonl(self, lines: Iterable[bytes], name: str) -> Iterator[ArticleInput | BadInput]:
        for number, raw in enumerate(lines, 1):
            source = f"{name}, line {number}"
            line, problem = _decode(raw, self.errors)
            if problem is not None:
                yield BadInput(source=source, problem=problem)
                continue
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield BadInput(
                    source=source, problem=f"not valid JSON ({exc.msg} at column {exc.colno})"
                )
                continue
            yield self.json_object(value, source)

    def json_file(self, data: bytes, name: str) -> Iterator[ArticleInput | BadInput]:
        text, problem = _decode(data, self.errors)
        if problem is not None:
            yield BadInput(source=name, problem=problem)
            return
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            yield BadInput(
                source=name,
                problem=f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
            )
            return
        if isinstance(value, list):
            for index, element in enumerate(value):
                yield self.json_object(element, f"{name}, item {index}")
        else:
            yield self.json_object(value, name)

    def json_object(self, value: object, source: str) -> ArticleInput | BadInput:
        if not isinstance(value, dict):
            return BadInput(
                source=source,
                problem=f"expected a JSON object with 'id' and 'text', got {_json_type(value)}",
            )
        id = value.get("id") if isinstance(value.get("id"), str) else None
        if "format" in value:
            if value["format"] != FORMAT:
                return BadInput(
                    source=source,
                    problem=f"expected a result in format {FORMAT!r}, got {value['format']!r}",
                )
            try:
                result = result_from_dict(value)
            except InputError as exc:
                return BadInput(source=source, problem=str(exc), id=id)
            return ArticleInput(source=source, article=result.article, result=result)
        if not isinstance(value.get("id"), str) or not value["id"]:
            got = (
                "is missing"
                if value.get("id") is None
                else f"must be a non-empty string, got {value['id']!r}"
            )
            return BadInput(source=source, problem=f"'id' {got}")
        try:
            article = _article_from_mapping(value, self.published)
        except InputError as exc:
            return BadInput(source=source, problem=str(exc), id=id)
        if self.strip:
            article = attrs.evolve(article, text=strip_html(article.text))
        return ArticleInput(source=source, article=article)


def _chain(first: bytes, rest: Iterable[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _walk(folder: Path) -> Iterator[Path]:
    """Yield the article files under ``folder``, sorted, skipping hidden files and folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            if not file.startswith(".") and file.lower().endswith(_TEXT_SUFFIXES + _JSONL_SUFFIXES):
                yield Path(root, file)


def _file_kind(path: Path, input_format: str) -> Literal["text", "jsonl", "json"]:
    if input_format != "auto":
        return "jsonl" if input_format == "jsonl" else "text"
    suffix = path.suffix.lower()
    if suffix in _JSONL_SUFFIXES:
        return "jsonl"
    if suffix == ".json":
        return "json"
    return "text"


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
    }.get(type(value), type(value).__name__)


def _decode(data: bytes, errors: Literal["strict", "replace"]) -> tuple[str, str | None]:
    """Decode UTF-8 bytes (dropping a byte-order mark); return the text or the problem."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return (
            "",
            "looks like UTF-16 text (it starts with a UTF-16 byte-order mark); convert it to UTF-8",
        )
    try:
        return data.decode("utf-8-sig", errors=errors), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start]
        return "", (
            f"not valid UTF-8: byte 0x{byte:02x} at line {line}, column {column} ({exc.reason}); "
            "the text may be in a legacy encoding such as Windows-1252: convert it to UTF-8, "
            "or decode with errors='replace' (--encoding-errors replace) to put U+FFFD "
            "in place of each bad byte"
        )


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table"),
        *("td", "th", "title", "tr", "ul"),
    }
)
_SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript", "head"})
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")  # runs of horizontal white space, no-break spaces too


class _TextExtractor(html.parser.HTMLParser):
    """Collects the text of an HTML document, a line break for each block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data.replace("\n", " "))


def strip_html(text: str) -> str:
    r"""Return the text of HTML: tags removed, entities decoded, one line a block.

    Scripts and styles are dropped; each paragraph, heading, list item or
    line break starts a new line, and runs of spaces become one::

        >>> strip_html("<h1>Talks in Istanbul</h1><p>Russia &amp; the US <b>met</b>.</p>")
        'Talks in Istanbul\nRussia & the US met.'

    Evidence offsets then refer to the stripped text, which is the text a
    result keeps.
    """
    extractor = _TextExtractor()
    extractor.feed(text)
    extractor.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(extractor.parts).split("\n"))
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------------------
# Items to articles
# ---------------------------------------------------------------------------


def _check_published(value: object, name: str) -> None:
    if value is not None and (
        not isinstance(value, datetime.date) or isinstance(value, datetime.datetime)
    ):
        raise ArgumentTypeError.for_argument(name, value, "a datetime.date or None")


def _published_value(value: object, default: datetime.date | None) -> datetime.date | None:
    if value is None:
        return default
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(
                value[:10] if len(value) > 10 and value[10] in "T " else value
            )
        except ValueError:
            pass
    raise InputError(f"'published' must be an ISO date YYYY-MM-DD or null, got {value!r}")


def _article_from_mapping(value: Mapping[str, object], default: datetime.date | None) -> Article:
    """Build an article from a JSON Lines object; raise :class:`InputError` naming a bad field."""
    text = value.get("text")
    if "text" not in value:
        raise InputError("'text' is missing")
    if not isinstance(text, str):
        raise InputError(f"'text' must be a string, got {_json_type(text)}")
    id = value.get("id")
    if id is not None and not isinstance(id, str):
        raise InputError(f"'id' must be a string, got {_json_type(id)}")
    title = value.get("title")
    if title is not None and not isinstance(title, str):
        raise InputError(f"'title' must be a string or null, got {_json_type(title)}")
    published = _published_value(value.get("published"), default)
    return Article(text=_normalise_newlines(text), title=title, published=published, id=id)


@attrs.frozen
class _Task:
    """One article to parse, with its source for error messages."""

    source: str
    article: Article


_Slot: TypeAlias = "_Task | Result | Failure"


def _prepare(index: int, item: object, published: datetime.date | None) -> _Slot:
    """Turn one input item into a task, or into its final output when there is nothing to parse."""
    source = f"item {index}"
    if isinstance(item, ArticleInput):
        if item.result is not None:
            return item.result
        return _Task(item.source, item.article)
    if isinstance(item, BadInput):
        return Failure(id=item.id, source=item.source, problem=item.problem)
    if isinstance(item, Result):
        return item
    if isinstance(item, Article):
        if item.published is None and published is not None:
            item = attrs.evolve(item, published=published)
        return _Task(source, item)
    if isinstance(item, str):
        return _Task(source, Article(text=item, published=published))
    mapping: Mapping[str, object] | None = None
    if isinstance(item, Mapping):
        mapping = item
    elif isinstance(item, tuple) and len(item) in (2, 3):
        mapping = dict(zip(("id", "text", "published"), item, strict=False))
    if mapping is not None:
        try:
            return _Task(source, _article_from_mapping(mapping, published))
        except InputError as exc:
            id = mapping.get("id")
            return Failure(id=id if isinstance(id, str) else None, source=source, problem=str(exc))
    return Failure(
        id=None,
        source=source,
        problem=f"expected an Article, a str, a mapping with 'text' or an (id, text) tuple, "
        f"got {type(item).__name__}",
    )


def _parse_one(parser: Parser | None, task: _Task, timeout: float | None) -> Result | Failure:
    """Parse one article within ``timeout`` seconds (if given).

    An exception (a bug, not bad input) becomes a :class:`Failure`, and so
    does a document that takes longer than ``timeout`` or than the parser's
    own ``timeout``.
    """
    article = task.article
    try:
        if parser is None:
            return parse(
                article.text,
                published=article.published,
                title=article.title,
                id=article.id,
                timeout=timeout,
            )
        if timeout is None:
            return parser.parse(
                article.text, published=article.published, title=article.title, id=article.id
            )
        parser._warm_up()  # the word lists and patterns, before the budget starts
        with _deadline.guard(timeout, article.id):
            return parser.parse(
                article.text, published=article.published, title=article.title, id=article.id
            )
    except ParseTimeout as exc:
        return Failure(
            id=article.id,
            source=task.source,
            problem=f"not parsed within the timeout of {exc.seconds:g} s",
        )
    except Exception as exc:  # one document must not end a batch of thousands
        return Failure(
            id=article.id,
            source=task.source,
            problem=f"parsing failed: {type(exc).__name__}: {exc}",
        )


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


def parse_many(
    articles: Iterable[Item],
    *,
    workers: int = 1,
    parser: Parser | None = None,
    chunksize: int = 8,
    published: datetime.date | None = None,
    timeout: float | None = None,
) -> Iterator[Result | Failure]:
    """Parse a stream of articles; yield one result or :class:`Failure` per item, in input order.

    ``articles`` may mix the kinds of :data:`Item`; ``published`` is the date
    of those that give none.  With ``workers=1`` (the default) the articles
    are parsed in this process; with more, in that many worker processes,
    ``chunksize`` articles a task, with at most two tasks per worker in flight
    so that memory stays flat however long the stream.  Results come back
    in input order either way, and are the same.

    ``parser`` (default: the default :class:`~diplomacy_events.parser.Parser`)
    is sent to the workers by pickling, so a custom one must be picklable.

    ``timeout`` is the most seconds one document may take (default ``None``:
    no limit, or the parser's own ``timeout``); a document that takes
    longer is stopped (see :class:`~diplomacy_events.exceptions.ParseTimeout`)
    and becomes a :class:`Failure` naming it and the timeout.

    Nothing raises for a bad document: an item that is not an article, a
    :class:`BadInput`, a parser that raises, a document that takes longer
    than ``timeout``, or a worker process that dies
    (killed, out of memory) while parsing it gives a :class:`Failure`, and
    the others are parsed.  After a worker dies, the documents that were in
    flight are parsed again one at a time in a fresh process, so that only
    the one that killed it fails.
    """
    if isinstance(workers, bool) or not isinstance(workers, int):
        raise ArgumentTypeError.for_argument("workers", workers, "int")
    if workers < 1:
        raise InputError.for_argument("workers", workers, "a number of worker processes, 1 or more")
    if isinstance(chunksize, bool) or not isinstance(chunksize, int):
        raise ArgumentTypeError.for_argument("chunksize", chunksize, "int")
    if chunksize < 1:
        raise InputError.for_argument(
            "chunksize", chunksize, "a number of articles per task, 1 or more"
        )
    if parser is not None and not isinstance(parser, Parser):
        raise ArgumentTypeError.for_argument("parser", parser, "a diplomacy_events.Parser or None")
    _check_published(published, "published")
    seconds = _deadline.check_timeout(timeout)
    if isinstance(articles, (str, Mapping)):
        raise ArgumentTypeError.for_argument("articles", articles, "an iterable of articles")
    if workers == 1:
        return _serial(articles, parser, published, seconds)
    payload = None
    if parser is not None:
        try:
            payload = pickle.dumps(parser)
            pickle.loads(payload)
        except Exception as exc:
            raise ArgumentTypeError(
                f"parser: a {type(parser).__qualname__} that cannot be pickled ({exc}), "
                "so it cannot be sent to worker processes; use workers=1, "
                "or make the parser picklable"
            ) from exc
    return _parallel(articles, payload, workers, chunksize, published, seconds)


def _serial(
    articles: Iterable[Item],
    parser: Parser | None,
    published: datetime.date | None,
    timeout: float | None,
) -> Iterator[Result | Failure]:
    for index, item in enumerate(articles):
        slot = _prepare(index, item, published)
        yield _parse_one(parser, slot, timeout) if isinstance(slot, _Task) else slot


_WORKER_PARSER: Parser | None = None


def _init_worker(payload: bytes | None) -> None:
    """Set up a worker process: its parser, and Ctrl-C left to the parent to handle."""
    global _WORKER_PARSER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_PARSER = pickle.loads(payload) if payload is not None else None


def _work(tasks: list[_Task], timeout: float | None = None) -> list[Result | Failure]:
    """Parse a chunk of articles in a worker process, each within ``timeout`` seconds."""
    return [_parse_one(_WORKER_PARSER, task, timeout) for task in tasks]


def _executor(workers: int, payload: bytes | None) -> concurrent.futures.ProcessPoolExecutor:
    return concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(payload,)
    )


def _chunks(
    articles: Iterable[Item], published: datetime.date | None, chunksize: int
) -> Iterator[list[_Slot]]:
    """Slots in chunks of at most ``chunksize`` tasks (and a bounded number of ready outputs)."""
    chunk: list[_Slot] = []
    tasks = 0
    for index, item in enumerate(articles):
        slot = _prepare(index, item, published)
        chunk.append(slot)
        tasks += isinstance(slot, _Task)
        if tasks >= chunksize or len(chunk) >= 4 * chunksize:
            yield chunk
            chunk, tasks = [], 0
    if chunk:
        yield chunk


_Pending: TypeAlias = (
    "tuple[list[_Slot], concurrent.futures.Future[list[Result | Failure]] | list[Result | Failure]]"
)


def _parallel(
    articles: Iterable[Item],
    payload: bytes | None,
    workers: int,
    chunksize: int,
    published: datetime.date | None,
    timeout: float | None,
) -> Iterator[Result | Failure]:
    window = 2 * workers
    chunks = _chunks(articles, published, chunksize)
    pending: deque[_Pending] = deque()
    executor = _executor(workers, payload)
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                tasks = [slot for slot in chunk if isinstance(slot, _Task)]
                pending.append((chunk, _submit(executor, tasks, timeout) if tasks else []))
            if not pending:
                return
            chunk, outputs = pending[0]
            if isinstance(outputs, concurrent.futures.Future):
                try:
                    outputs = outputs.result()
                except BrokenProcessPool:
                    executor.shutdown(wait=False, cancel_futures=True)
                    pending = _recover(pending, payload, timeout)
                    executor = _executor(workers, payload)
                    continue
            pending.popleft()
            parsed = iter(outputs)
            for slot in chunk:
                yield next(parsed) if isinstance(slot, _Task) else slot
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


def _submit(
    executor: concurrent.futures.ProcessPoolExecutor, tasks: list[_Task], timeout: float | None
) -> concurrent.futures.Future[list[Result | Failure]]:
    """Send a chunk to the pool; if a worker has already died, a future that says so.

    A worker can die between two submissions, and the pool then refuses the next one at once.
    The chunk waits in line as a failed future, and is parsed again, alone, by ``_recover``
    when its turn comes, so the order of the outputs is kept.
    """
    try:
        return executor.submit(_work, tasks, timeout)
    except BrokenProcessPool as exc:
        future: concurrent.futures.Future[list[Result | Failure]] = concurrent.futures.Future()
        future.set_exception(exc)
        return future


def _recover(
    pending: deque[_Pending], payload: bytes | None, timeout: float | None
) -> deque[_Pending]:
    """After a worker died: parse every task in flight alone, so only the culprit fails."""
    recovered: deque[_Pending] = deque()
    executor = _executor(1, payload)
    try:
        for chunk, outputs in pending:
            if not isinstance(outputs, concurrent.futures.Future):
                recovered.append((chunk, outputs))
                continue
            if outputs.done() and not outputs.cancelled() and outputs.exception() is None:
                recovered.append((chunk, outputs.result()))
                continue
            results: list[Result | Failure] = []
            for task in (slot for slot in chunk if isinstance(slot, _Task)):
                try:
                    results += executor.submit(_work, [task], timeout).result()
                except BrokenProcessPool:
                    executor.shutdown(wait=False, cancel_futures=True)
                    executor = _executor(1, payload)
                    results.append(
                        Failure(
                            id=task.article.id,
                            source=task.source,
                            problem="the worker process parsing it died "
                            "(killed, crashed or out of memory)",
                        )
                    )
            recovered.append((chunk, results))
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
    return recovered
