"""The command line: ``diplomacy-events parse``, ``render`` and ``evaluate``.

Exit status: 0 on success, 1 when some documents failed (each is reported
on standard error with its file, line and problem, and skipped), 2 for a
usage error, 130 when interrupted (Ctrl-C).

Output files are written atomically: a run that fails leaves the file that
was there before; a run interrupted by Ctrl-C keeps every complete result
written so far, as a valid file.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib
import json
import math
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO, cast

from diplomacy_events import gold as gold_format
from diplomacy_events._atomic import atomic_write
from diplomacy_events.batch import STDIN, ArticleInput, BadInput, Failure, parse_many, read_articles
from diplomacy_events.evaluate import format_scores, score
from diplomacy_events.exceptions import DiplomacyEventsError, DocumentError
from diplomacy_events.model import Result
from diplomacy_events.parser import Parser
from diplomacy_events.plover import events
from diplomacy_events.serialize import dumps
from diplomacy_events.summary import summarise
from diplomacy_events.tables import TABLES, write_csv

__all__ = ["main"]

_PROG = "diplomacy-events"

_EXAMPLES = """\
examples:
  diplomacy-events parse seeds/seed-istanbul-consultations.txt --published 2025-04-11
  diplomacy-events parse ../shared/corpus/raw/ --format jsonl --output results.jsonl --workers 2
  diplomacy-events parse results.jsonl --format csv --output tables/
  diplomacy-events render ../shared/corpus/dev/ --output review/
  diplomacy-events evaluate ../shared/corpus/dev --details
"""

_PARSE_EXAMPLES = """\
inputs:
  a text file (UTF-8, headline on the first line; its id is the file name without .txt),
  a folder (every .txt, .jsonl and .ndjson file in it and its subfolders),
  a JSON Lines file (.jsonl, .ndjson: one article a line, {"id", "text", "published", "title"};
  a line written by --format jsonl is read back as that result, without parsing again),
  a .json file (one such object, or a list), or - for standard input.

formats:
  summary  readable text, a few lines per meeting, commitment and follow-up (the default)
  json     one indented result for one text file; a JSON array of results otherwise
  jsonl    one result a line (JSON Lines), the JSON form of diplomacy_events/1
  csv      tidy tables: meetings, delegations, commitments, followups, requests, concerns
           and documents, one file each in the folder --output names, or one --table
  plover   PLOVER-style event records (CONSULT, AGREE), one a line (JSON Lines)

examples:
  diplomacy-events parse seeds/seed-istanbul-consultations.txt --published 2025-04-11
  diplomacy-events parse article.txt --published 2025-04-11 --format json
  diplomacy-events parse ../shared/corpus/raw/ --format jsonl --output out.jsonl --workers 2
  diplomacy-events parse ../shared/corpus/raw/ --format jsonl --output out.jsonl --resume
  diplomacy-events parse corpus.jsonl --format csv --output tables/
  diplomacy-events parse corpus.jsonl --format csv --table meetings > meetings.csv
  diplomacy-events parse corpus.jsonl --format plover --output events.jsonl
  diplomacy-events parse ../shared/corpus/raw/ --format jsonl --output out.jsonl --timeout 10
  cat article.txt | diplomacy-events parse - --published 2025-04-11

exit status: 0 success, 1 some documents failed (reported and skipped), 2 usage error,
130 interrupted (the output keeps the complete results written so far)
"""


def _date(value: str) -> datetime.date:
    """Read an ISO date argument, with an error argparse reports as a usage error."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _workers(value: str) -> int:
    """Read a number of worker processes: a whole number, 1 or more."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of worker processes such as 2, got {value!r}"
        ) from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more worker processes, got {number}")
    return number


def _seconds(value: str) -> float:
    """Read a timeout: a number of seconds above 0."""
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a number of seconds such as 10 or 2.5, got {value!r}"
        ) from None
    if not (math.isfinite(seconds) and seconds > 0):
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0, got {value!r}")
    return seconds


def _add_input_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="text files, folders, JSON Lines files, or - for standard input (see 'inputs' below)",
    )
    command.add_argument(
        "--published",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the publication date that relative dates ('Thursday') are resolved against, for "
        "articles that do not give their own, e.g. --published 2025-04-11; without it they "
        "stay unresolved",
    )
    command.add_argument(
        "--workers",
        type=_workers,
        default=1,
        metavar="N",
        help="parse in N processes, e.g. --workers 2 (default 1); the output is the same, in "
        "input order",
    )
    command.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help="give up on a document that takes longer than SECONDS to parse, reporting it as "
        "failed and going on with the next, e.g. --timeout 10 (default: no limit)",
    )
    command.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first document that fails, writing no output (default: report it "
        "and go on)",
    )
    command.add_argument(
        "--encoding-errors",
        choices=("strict", "replace"),
        default="strict",
        help="what to do with text that is not valid UTF-8: strict reports the document as "
        "failed (default); replace decodes it with U+FFFD for each bad byte, e.g. "
        "--encoding-errors replace",
    )
    command.add_argument(
        "--strip-html",
        action="store_true",
        help="remove HTML markup (tags, scripts, entities) from the text before parsing",
    )
    command.add_argument(
        "--input-format",
        choices=("auto", "text", "jsonl"),
        default="auto",
        help="how to read input files: auto (default) goes by the file name (.jsonl, .ndjson, "
        ".json, else text) and, for -, by whether the first line starts with {; e.g. "
        "--input-format jsonl for a JSON Lines file named .txt",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_PROG,
        description="Turn news prose about diplomacy into structured, evidence-backed records.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    parse = commands.add_parser(
        "parse",
        help="parse articles and write what they report",
        description="Parse articles and write the meetings, delegations, commitments and\n"
        "follow-ups they report, in the format --format names, to standard output or --output.\n"
        "A progress bar is shown on standard error when it is a terminal, and a summary line\n"
        "at the end.",
        epilog=_PARSE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_input_options(parse)
    parse.add_argument(
        "--format",
        choices=("summary", "json", "jsonl", "csv", "plover"),
        default="summary",
        help="the output format (see 'formats' below), e.g. --format jsonl; default summary",
    )
    parse.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="PATH",
        help="write to this file (for csv: this folder, one file per table) instead of "
        "standard output (-), atomically, e.g. --output results.jsonl",
    )
    parse.add_argument(
        "--table",
        choices=TABLES,
        metavar="NAME",
        help=f"with --format csv, write only this table ({', '.join(TABLES)}) to --output or "
        "standard output, e.g. --table meetings",
    )
    parse.add_argument(
        "--resume",
        action="store_true",
        help="with --format jsonl or plover and --output: keep the results already in the "
        "output file, skip their documents and append the rest (to continue an interrupted "
        "run)",
    )

    render = commands.add_parser(
        "render",
        help="write review pages showing each result over its article",
        description="Parse articles (or read results written by --format jsonl) and write "
        "one review page per article, with an index, into a folder.",
        epilog="example:\n  diplomacy-events render ../shared/corpus/dev/ --output review/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_input_options(render)
    render.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="DIR",
        required=True,
        help="the folder to write the pages into (created if missing), e.g. --output review/",
    )

    evaluate = commands.add_parser(
        "evaluate",
        help="score the parser against gold annotations",
        description="Parse every article of a gold folder (format v1) with its publication date "
        "and print precision, recall and F1 per category and the attribute accuracies.",
        epilog="example:\n  diplomacy-events evaluate ../shared/corpus/dev --details",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    evaluate.add_argument(
        "gold_dir", metavar="GOLD_DIR", help="folder of NAME.txt and NAME.json pairs"
    )
    evaluate.add_argument("--details", action="store_true", help="add a per-document breakdown")
    evaluate.add_argument(
        "--predictions",
        metavar="OUT_DIR",
        type=Path,
        help="also write each article's predictions as OUT_DIR/ID.json, in gold format v1",
    )
    return parser


# ---------------------------------------------------------------------------
# Progress
# ---------------------------------------------------------------------------


class _Progress:
    """A progress bar on a terminal (tqdm's when installed); silent when not a terminal."""

    def __init__(self, stream: TextIO, *, total: int | None, enabled: bool) -> None:
        self.stream = stream
        self.total = total
        self.enabled = enabled
        self.count = 0
        self._tqdm: Any = None
        self._start = self._last = time.monotonic() if enabled else 0.0
        self._drawn = False
        if enabled:
            with contextlib.suppress(ImportError):
                from tqdm import tqdm  # type: ignore[import-untyped,unused-ignore]

                self._tqdm = tqdm(total=total, unit="doc", file=stream, dynamic_ncols=True)

    def update(self) -> None:
        """Count one more document."""
        self.count += 1
        if not self.enabled:
            return
        if self._tqdm is not None:
            self._tqdm.update(1)
            return
        now = time.monotonic()
        if now - self._last >= 0.2:
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.count / max(now - self._start, 1e-9)
        if self.total:
            done = min(self.count, self.total) * 20 // self.total
            line = f"[{'#' * done}{'.' * (20 - done)}] {self.count}/{self.total} documents"
        else:
            line = f"{self.count} documents"
        self.stream.write(f"\r{line}, {rate:.1f} docs/s\x1b[K")
        self.stream.flush()
        self._drawn = True

    def write(self, message: str) -> None:
        """Print a message on its own line, above the bar."""
        if self._tqdm is not None:
            self._tqdm.write(message, file=self.stream)
            return
        if self._drawn:
            self.stream.write("\r\x1b[K")
        self.stream.write(message + "\n")
        if self._drawn:
            self._draw(time.monotonic())

    def close(self) -> None:
        """Draw the final state and leave the line."""
        if self._tqdm is not None:
            self._tqdm.close()
            self._tqdm = None
        elif self.enabled and self.count:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
        self.enabled = False


def _estimate(inputs: Sequence[str]) -> int | None:
    """Count the documents in the inputs quickly, for the progress bar; None if unknown."""
    total = 0
    for name in inputs:
        if name == "-":
            return None
        path = Path(name)
        files = [path] if not path.is_dir() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            suffix = file.suffix.lower()
            if suffix in (".jsonl", ".ndjson"):
                try:
                    with file.open("rb") as stream:
                        total += sum(1 for line in stream if line.strip())
                except OSError:
                    return None
            elif suffix == ".txt" or not path.is_dir():
                total += 1
    return total


# ---------------------------------------------------------------------------
# A batch run
# ---------------------------------------------------------------------------


class _Stopped(Exception):
    """--strict: a document failed."""


class _Run:
    """Reads, parses, reports failures and counts; yields the results to a writer."""

    def __init__(self, args: argparse.Namespace, *, done: frozenset[str] = frozenset()) -> None:
        self.args = args
        self.done = done
        self.sources: deque[str] = deque()
        self.documents = self.failed = self.skipped = 0
        self.meetings = self.commitments = self.followups = 0
        self.interrupted = False
        enabled = _isatty(sys.stderr)
        self.progress = _Progress(
            sys.stderr, total=_estimate(args.inputs) if enabled else None, enabled=enabled
        )

    def _inputs(self) -> Iterator[ArticleInput | BadInput]:
        articles = read_articles(
            self.args.inputs,
            published=self.args.published,
            errors=self.args.encoding_errors,
            strip_html=self.args.strip_html,
            input_format=self.args.input_format,
        )
        for item in articles:
            if isinstance(item, ArticleInput) and item.article.id in self.done:
                self.skipped += 1
                self.progress.update()
                continue
            self.sources.append(item.source)
            yield item

    def results(self) -> Iterator[tuple[str, Result]]:
        """Yield each result with its source; report failures; stop quietly on Ctrl-C."""
        outputs = parse_many(self._inputs(), workers=self.args.workers, timeout=self.args.timeout)
        try:
            for output in outputs:
                source = self.sources.popleft()
                self.progress.update()
                if isinstance(output, Failure):
                    self.failed += 1
                    self.progress.write(f"{_PROG}: {output}")
                    if self.args.strict:
                        raise _Stopped(str(output))
                    continue
                self.documents += 1
                self.meetings += len(output.meetings)
                self.commitments += len(output.commitments)
                self.followups += len(output.followups)
                yield source, output
        except KeyboardInterrupt:
            self.interrupted = True
        finally:
            close = getattr(outputs, "close", None)
            if close is not None:
                close()
            self.progress.close()

    def summary(self) -> str:
        """One line: what was parsed, what failed."""
        parts = [
            _plural(self.documents, "document"),
            _plural(self.meetings, "meeting"),
            _plural(self.commitments, "commitment"),
            _plural(self.followups, "follow-up"),
        ]
        line = f"{_PROG}: " + ", ".join(parts) + f"; {self.failed} failed"
        if self.skipped:
            line += f"; {self.skipped} skipped (already in the output)"
        return line


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# ---------------------------------------------------------------------------
# parse
# ---------------------------------------------------------------------------


def _usage(command: str, message: str) -> int:
    print(f"{_PROG} {command}: error: {message}", file=sys.stderr)
    return 2


def _check_parse(args: argparse.Namespace) -> str | None:
    """Return the problem with a combination of options, if any."""
    if args.table is not None and args.format != "csv":
        return "--table works with --format csv only"
    if args.format == "csv" and args.table is None and args.output is None:
        return (
            "--format csv writes one file per table: give --output FOLDER, "
            "or --table NAME to write one table"
        )
    if args.resume and (args.format not in ("jsonl", "plover") or args.output is None):
        return "--resume needs --format jsonl or plover and an --output file to append to"
    if (
        args.output is not None
        and args.output.is_dir()
        and not (args.format == "csv" and args.table is None)
    ):
        return f"--output {args.output} is a folder; expected a file for --format {args.format}"
    return None


def _resume_ids(path: Path, form: str) -> frozenset[str]:
    """Read the ids already in a JSON Lines output; cut an incomplete last line off."""
    if not path.exists():
        return frozenset()
    ids: set[str] = set()
    keep = 0
    with path.open("rb") as stream:
        lines = list(stream)
    for number, line in enumerate(lines, 1):
        last = number == len(lines)
        try:
            value = json.loads(line) if line.strip() else None
        except ValueError:
            value = Ellipsis
        complete = line.endswith(b"\n") and value is not Ellipsis
        if not complete:
            if last:
                break
            raise DocumentError(
                path, f"line {number} is not a complete JSON line; cannot resume from this file"
            )
        keep += len(line)
        if isinstance(value, dict):
            found = (
                value.get("story_id") if form == "plover" else value.get("article", {}).get("id")
            )
            if isinstance(found, str):
                ids.add(found)
    if keep < path.stat().st_size:
        print(
            f"{_PROG}: {path}: removed an incomplete last line "
            f"({path.stat().st_size - keep} bytes) left by an interrupted run",
            file=sys.stderr,
        )
        with path.open("r+b") as stream:
            stream.truncate(keep)
    return frozenset(ids)


@contextlib.contextmanager
def _output(
    path: Path | None, *, append: bool = False, newline: str | None = None
) -> Iterator[TextIO]:
    """Open standard output, a file appended to line by line, or a file written atomically."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if append:
        start = path.stat().st_size if path.exists() else 0
        try:
            with path.open("a", encoding="utf-8", newline=newline) as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            _cut_incomplete_line(path, start)
            raise
        return
    with atomic_write(path, newline=newline) as handle:
        yield handle


def _cut_incomplete_line(path: Path, start: int, chunk: int = 1 << 16) -> None:
    """Cut off a line left half written (after byte ``start``) by a write that failed.

    The file keeps every complete line, so that it stays valid JSON Lines
    and ``--resume`` can go on from it.
    """
    with contextlib.suppress(OSError), path.open("r+b") as stream:
        end = stream.seek(0, os.SEEK_END)
        keep = start
        position = end
        while position > start:
            size = min(chunk, position - start)
            position -= size
            stream.seek(position)
            newline = stream.read(size).rfind(b"\n")
            if newline >= 0:
                keep = position + newline + 1
                break
        if keep < end:
            stream.truncate(keep)


class _NothingToWrite(Exception):
    """A single result was expected and none came: leave the output as it was."""


def _write_parse(args: argparse.Namespace, run: _Run) -> None:
    results = run.results()
    form = args.format
    if form == "csv":
        target: Path | TextIO = args.output if args.output is not None else sys.stdout
        write_csv((result for _, result in results), target, table=args.table)
        return
    with _output(args.output, append=args.resume) as handle:
        if form == "summary":
            for number, (source, result) in enumerate(results):
                if _single(args, source) is False or number:
                    handle.write(("\n" if number else "") + f"== {source}\n")
                handle.write(summarise(result) + "\n")
        elif form == "json":
            _write_json(handle, results, args)
        elif form == "jsonl":
            for _, result in results:
                handle.write(dumps(result) + "\n")
                handle.flush()
        else:
            for _, result in results:
                for record in events(result):
                    handle.write(json.dumps(record, ensure_ascii=True) + "\n")
                handle.flush()


def _single(args: argparse.Namespace, source: str) -> bool:
    """Whether the inputs are one text document: one INPUT, read as one article."""
    if len(args.inputs) != 1:
        return False
    given = args.inputs[0]
    return source == (STDIN if given == "-" else given)


def _write_json(
    handle: TextIO, results: Iterator[tuple[str, Result]], args: argparse.Namespace
) -> None:
    first = next(results, None)
    if first is None and _one_text_input(args):
        raise _NothingToWrite
    if first is not None and _single(args, first[0]):
        handle.write(dumps(first[1], indent=2) + "\n")
        return
    handle.write("[")
    count = 0
    for _, result in _chain_first(first, results):
        text = dumps(result, indent=2).replace("\n", "\n  ")
        handle.write(("," if count else "") + "\n  " + text)
        count += 1
    handle.write("\n]\n" if count else "]\n")


def _one_text_input(args: argparse.Namespace) -> bool:
    """Whether the inputs are one text file (or standard input read as text)."""
    if len(args.inputs) != 1 or args.input_format == "jsonl":
        return False
    given = args.inputs[0]
    if given == "-" or args.input_format == "text":
        return True
    path = Path(given)
    return not path.is_dir() and path.suffix.lower() not in (".jsonl", ".ndjson", ".json")


def _chain_first(
    first: tuple[str, Result] | None, rest: Iterator[tuple[str, Result]]
) -> Iterator[tuple[str, Result]]:
    if first is not None:
        yield first
    yield from rest


def _finish(run: _Run, args: argparse.Namespace, *, stopped: bool, discarded: bool) -> int:
    """Print the summary line and what became of the output; return the exit status."""
    print(run.summary(), file=sys.stderr)
    output = getattr(args, "output", None)
    if run.interrupted:
        kept = "" if output is None else f"; {output} holds the complete results written so far"
        if discarded:
            kept = "" if output is None else f"; {output} was left as it was"
        resume = (
            " (rerun with --resume to parse the rest)"
            if getattr(args, "format", None) in ("jsonl", "plover") and output is not None
            else ""
        )
        print(f"{_PROG}: interrupted{kept}{resume}", file=sys.stderr)
        return 130
    if stopped:
        where = "" if output is None else f"; {output} was left as it was"
        print(f"{_PROG}: stopped at the first failure (--strict){where}", file=sys.stderr)
        return 1
    return 1 if run.failed else 0


def _run_parse(args: argparse.Namespace) -> int:
    if args.output is not None and str(args.output) == "-":
        args.output = None
    problem = _check_parse(args)
    if problem is not None:
        return _usage("parse", problem)
    done = _resume_ids(args.output, args.format) if args.resume else frozenset()
    run = _Run(args, done=done)
    stopped = discarded = False
    try:
        _write_parse(args, run)
    except _Stopped:
        stopped = discarded = True
    except _NothingToWrite:
        discarded = True
    except KeyboardInterrupt:
        run.interrupted = True
        discarded = not args.resume  # appended lines stay; a file written atomically does not
    except OSError as exc:
        if exc.filename is None and args.output is None:
            raise
        print(run.summary(), file=sys.stderr)
        where = exc.filename or args.output
        kept = ""
        if args.output is not None:
            kept = (
                f"; {args.output} keeps the complete results written before the error "
                "(rerun with --resume to parse the rest)"
                if args.resume
                else f"; {args.output} was left as it was"
            )
        print(f"{_PROG}: cannot write {where}: {exc.strerror or exc}{kept}", file=sys.stderr)
        return 1
    return _finish(run, args, stopped=stopped, discarded=discarded)


# ---------------------------------------------------------------------------
# render
# ---------------------------------------------------------------------------

WritePages = Callable[[Iterable[tuple[str, Result]], Path], list[Path]]


def _run_render(args: argparse.Namespace) -> int:
    try:
        module = importlib.import_module("diplomacy_events.render")
    except ModuleNotFoundError as exc:
        if exc.name != "diplomacy_events.render":
            raise
        print(f"{_PROG}: render: this installation has no diplomacy_events.render", file=sys.stderr)
        return 1
    write_pages = cast(WritePages, module.write_pages)
    if args.output.exists() and not args.output.is_dir():
        return _usage("render", f"--output {args.output} is a file; expected a folder")
    args.output.mkdir(parents=True, exist_ok=True)
    run = _Run(args)
    items = ((result.article.id or _name(source), result) for source, result in run.results())
    stopped = False
    pages: list[Path] = []
    try:
        pages = write_pages(items, args.output)
    except _Stopped:
        stopped = True
    except KeyboardInterrupt:
        run.interrupted = True
    status = _finish(run, args, stopped=stopped, discarded=False)
    if pages:
        print(f"{_PROG}: wrote {_plural(len(pages), 'page')} into {args.output}", file=sys.stderr)
    return status


def _name(source: str) -> str:
    return "stdin" if source == STDIN else Path(source.split(",", 1)[0]).stem


# ---------------------------------------------------------------------------
# evaluate
# ---------------------------------------------------------------------------


def _run_evaluate(args: argparse.Namespace) -> int:
    golds = gold_format.load_folder(args.gold_dir)
    parser = Parser()
    pairs = []
    for gold in golds:
        result = parser.parse(gold.text, published=gold.published, id=gold.id)
        predicted = gold_format.from_result(
            result, id=gold.id, source="diplomacy_events predictions"
        )
        pairs.append((gold, predicted))
        if args.predictions is not None:
            args.predictions.mkdir(parents=True, exist_ok=True)
            gold_format.write_document(predicted, args.predictions)
    print(format_scores(score(pairs), details=args.details))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        if args.command == "parse":
            return _run_parse(args)
        if args.command == "render":
            return _run_render(args)
        return _run_evaluate(args)
    except DiplomacyEventsError as exc:
        print(f"{_PROG}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except KeyboardInterrupt:  # pragma: no cover - outside a batch
        print(f"{_PROG}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
