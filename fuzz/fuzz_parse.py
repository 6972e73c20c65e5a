"""Fuzz :func:`diplomacy_events.parse` and the file readers with Hypothesis, for a set time.

Usage::

    python fuzz/fuzz_parse.py --seconds 300            # all targets, in turn
    python fuzz/fuzz_parse.py --seconds 60 --target gold --seed 7

Three targets, each a property that must hold for every input:

``parse``
    Any ``str`` (all of Unicode, lone surrogates included; diplomatic words
    with noise between them; a unit repeated up to thousands of times) with
    any publication date parses without an exception, every evidence span
    quotes the text, the result survives a JSON round trip and can be
    written as UTF-8, and no input takes longer than ``--slow`` seconds of
    CPU time.
``gold``
    :func:`diplomacy_events.gold.load_document` on any file (random bytes,
    random JSON, a valid gold file with one field replaced, removed or
    added, a text file with random or invalid content) returns a document
    whose spans quote its text, or raises ``GoldFormatError``; nothing else.
``read``
    :func:`diplomacy_events.batch.read_articles` on any JSON Lines file
    yields articles and ``BadInput`` items and never raises; each article
    then parses.

Hypothesis runs each target in rounds of ``--batch`` examples with a new
seed each round until the time is up.  A failure is shrunk to a small
input, reported once (by exception type and the line that raised it) and
then counted but no longer stops a round, so the search goes on for new
failures.  The closing report (also written as JSON with ``--report``)
gives how many inputs were tried and every distinct failure with its
shrunk input.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from diplomacy_events import GoldFormatError, Parser, Result
from diplomacy_events.batch import ArticleInput, BadInput, read_articles
from diplomacy_events.gold import load_document
from diplomacy_events.serialize import dumps, loads
from diplomacy_events.testing import iter_evidence

__all__ = ["Failure", "Fuzzer", "main"]

# --- Strategies ------------------------------------------------------------------------------

WORDS = (
    "Russia China the U.S. United States Putin Vladimir Xi Jinping Blinken Lavrov Sergey "
    "President Foreign Minister Secretary of State Deputy Ambassador delegation led by "
    "held talks met meeting summit telephone conversation agreed to will meet again "
    "pledged committed urged raised concerns follow-up in Moscow Geneva Washington Beijing "
    "the Kremlin on Monday May 24-27 2022 next week last month later this year in the near term "
    "over five hours for an hour and a half two-day both sides we they according to TASS "
    "Mr. Dr. St. U.N. E.U. NATO and , . ; : ( ) [ ] ' \" - -- \u2014 \u2019 \u201c \u201d"
).split(" ")

NOISE = st.sampled_from(
    [
        "",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "\u00a0",
        "\u200b",
        "\ufeff",
        "\x00",
        "\ud800",
        "e\u0301",
        "\u0958",
        "\u202e",
        "\U0001f600",
        ".",
        "...",
        "<b>",
        "&amp;",
    ]
)

dates = st.one_of(
    st.none(),
    st.dates(),
    st.sampled_from([datetime.date.min, datetime.date.max, datetime.date(2022, 2, 28)]),
)

texts = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=80).flatmap(
        lambda words: st.lists(NOISE, min_size=len(words), max_size=len(words)).map(
            lambda seps: "".join(w + (s or " ") for w, s in zip(words, seps, strict=True))
        )
    ),
    st.tuples(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
        NOISE,
        st.integers(min_value=1, max_value=1_500),
    ).map(lambda t: (t[0] + (t[1] or " ")) * t[2]),
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)

GOLD_TEXT = (
    "Putin and Xi held talks in Moscow on Monday.\n"
    "They agreed to expand trade. The sides agreed to meet again in Beijing.\n"
)
GOLD: dict[str, Any] = {
    "id": "doc",
    "published": "2025-04-11",
    "source": "made up for fuzzing",
    "meetings": [
        {
            "evidence": "held talks in Moscow",
            "status": "held",
            "mode": "in_person",
            "parties": ["CHN", "RUS"],
            "date": "2025-04-07",
            "location": {"city": "Moscow", "country": "RUS"},
            "heads": {"RUS": "Vladimir Putin", "CHN": "Xi Jinping"},
        }
    ],
    "commitments": [
        {"evidence": "agreed to expand trade", "parties": ["CHN", "RUS"], "meeting": 0}
    ],
    "followups": [
        {
            "evidence": {"start": 77, "end": 108, "text": "agreed to meet again in Beijing"},
            "parties": ["CHN", "RUS"],
            "date": None,
            "meeting": 0,
            "location": {"city": "Beijing", "country": "CHN"},
        }
    ],
}


def _paths(value: Any, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every path into a JSON value: keys of objects, indexes of arrays."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*prefix, index)))
    return found


@st.composite
def mutated_gold(draw: st.DrawFn) -> Any:
    """The valid gold document with one to three fields replaced, removed or added."""
    data: Any = json.loads(json.dumps(GOLD))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(_paths(data)))
        if not path:
            return draw(json_values)
        parent: Any = data
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            parent[last] = draw(json_values)
        elif action == "remove":
            del parent[last]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(json_values)
        else:
            parent.append(draw(json_values))
    return data


gold_files = st.one_of(
    st.binary(max_size=200),
    json_values.map(lambda v: json.dumps(v).encode()),
    mutated_gold().map(lambda v: json.dumps(v).encode()),
    mutated_gold().map(lambda v: json.dumps(v, ensure_ascii=False).encode("utf-8", "replace")),
)
text_files = st.one_of(
    st.just(GOLD_TEXT.encode()),
    st.just(GOLD_TEXT.encode()),
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.text(max_size=100).map(lambda t: (t + GOLD_TEXT).encode("utf-8", "replace")),
)

ARTICLE: dict[str, object] = {
    "id": "a1",
    "published": "2022-03-01",
    "title": "Talks",
    "text": GOLD_TEXT,
}


@st.composite
def jsonl_lines(draw: st.DrawFn) -> bytes:
    """One line of a JSON Lines file: an article (maybe altered), any JSON, or any bytes."""
    kind = draw(st.sampled_from(["article", "altered", "json", "bytes", "blank"]))
    record: dict[str, object] = dict(ARTICLE)
    if kind == "article":
        record.update(id=draw(st.text(max_size=8)), text=draw(texts))
        return json.dumps(record).encode()
    if kind == "altered":
        key = draw(st.sampled_from([*ARTICLE, "extra"]))
        if draw(st.booleans()):
            record[key] = draw(json_values)
        else:
            record.pop(key, None)
        return json.dumps(record).encode()
    if kind == "json":
        return json.dumps(draw(json_values)).encode()
    if kind == "bytes":
        return draw(st.binary(max_size=60)).replace(b"\n", b" ")
    return draw(st.sampled_from([b"", b" ", b"\r"]))


jsonl_files = st.lists(jsonl_lines(), max_size=6).map(lambda lines: b"\n".join(lines))


# --- The fuzzer ------------------------------------------------------------------------------


class SlowInput(Exception):
    """An input took longer to parse than the fuzzer allows."""


@attrs.define
class Failure:
    """A distinct failure: where it was raised, the shrunk input, how often it was seen."""

    target: str
    key: str
    error: str
    example: str
    traceback: str
    hits: int = 1


def _key(target: str, error: BaseException) -> str:
    """What makes two failures the same: the target, the type and the line that raised it."""
    frames = traceback.extract_tb(error.__traceback__)
    inside = [f for f in frames if "diplomacy_events" in f.filename] or frames
    where = f"{Path(inside[-1].filename).name}:{inside[-1].lineno}" if inside else "?"
    if isinstance(error, SlowInput):
        where = "slow"
    return f"{target}: {type(error).__name__} at {where}"


def _short(value: object, limit: int = 600) -> str:
    text = repr(value)
    return (
        text
        if len(text) <= limit
        else f"{text[: limit // 2]} ... {text[-limit // 2 :]} ({len(text)} chars)"
    )


@attrs.define
class Fuzzer:
    """Runs the targets in rounds and keeps count of inputs and failures."""

    slow: float = 2.0
    batch: int = 200
    inputs: dict[str, int] = attrs.Factory(dict)
    failures: dict[str, Failure] = attrs.Factory(dict)
    parser: Parser = attrs.Factory(Parser)
    deadline: float = math.inf
    """The ``time.monotonic()`` after which inputs are no longer checked, so that a round
    (shrinking included) ends soon after the time is up."""
    _smallest: dict[str, tuple[int, tuple[object, ...], Exception]] = attrs.Factory(dict)
    """For each new failure of the current round, its smallest input so far: kept even when
    shrinking is cut short or a slow input turns out flaky."""

    # -- properties ------------------------------------------------------------------------------

    def check_parse(self, text: str, published: datetime.date | None) -> None:
        """``parse`` never raises, its evidence is exact, its result round-trips and encodes."""
        started = time.process_time()
        result = self.parser.parse(text, published=published, id="fuzz")
        elapsed = time.process_time() - started
        bad = [
            f"{path} {e.start}:{e.end} {e.text!r}"
            for path, e in iter_evidence(result)
            if text[e.start : e.end] != e.text
        ]
        if bad:
            raise AssertionError(f"evidence does not quote the text: {bad[:3]}")
        encoded = dumps(result)
        if loads(encoded, Result) != result:
            raise AssertionError("the result changes through JSON")
        if elapsed > self.slow:
            raise SlowInput(f"{len(text)} characters took {elapsed:.2f} s of CPU time")
        encoded.encode("utf-8")

    def check_gold(self, gold: bytes, text: bytes) -> None:
        """``load_document`` returns a consistent document or raises ``GoldFormatError``."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "doc.json"
            path.write_bytes(gold)
            path.with_suffix(".txt").write_bytes(text)
            try:
                doc = load_document(path)
            except GoldFormatError as error:
                if str(path) not in str(error):
                    raise AssertionError(f"the error does not name the file: {error}") from None
                return
        spans = [
            *(m.evidence for m in doc.meetings),
            *(c.evidence for c in doc.commitments),
            *(f.evidence for f in doc.followups),
        ]
        for span in spans:
            if doc.text[span.start : span.end] != span.text:
                raise AssertionError(f"span {span} does not quote the text")

    def check_read(self, content: bytes) -> None:
        """``read_articles`` never raises on a JSON Lines file; its articles parse."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "input.jsonl"
            path.write_bytes(content)
            for errors in ("strict", "replace"):
                items = list(read_articles(path, errors=errors))
                for item in items:
                    if isinstance(item, BadInput):
                        if "input.jsonl" not in str(item):
                            raise AssertionError(f"a bad input does not name its file: {item}")
                    else:
                        assert isinstance(item, ArticleInput)
                        article = item.article
                        self.check_parse(article.text, article.published)

    # -- running ---------------------------------------------------------------------------------

    def _guarded(self, target: str, check: Callable[..., None]) -> Callable[..., None]:
        """Run a check, counting inputs; a failure already reported is counted, not raised."""

        def run(*args: object) -> None:
            if time.monotonic() > self.deadline:
                return
            self.inputs[target] = self.inputs.get(target, 0) + 1
            try:
                check(*args)
            except Exception as error:
                key = _key(target, error)
                known = self.failures.get(key)
                if known is not None:
                    known.hits += 1
                    return
                size = len(repr(args))
                if key not in self._smallest or size < self._smallest[key][0]:
                    self._smallest[key] = (size, args, error)
                raise

        return run

    def round(self, target: str, round_seed: int) -> None:
        """One round of Hypothesis over one target; record each new failure, shrunk."""
        config = settings(
            max_examples=self.batch,
            deadline=None,
            database=None,
            report_multiple_bugs=False,
            suppress_health_check=list(HealthCheck),
            print_blob=False,
        )
        if target == "parse":
            run = self._guarded(target, self.check_parse)
            test = given(texts, dates)(lambda text, published: run(text, published))
        elif target == "gold":
            run = self._guarded(target, self.check_gold)
            test = given(gold_files, text_files)(lambda gold, text: run(gold, text))
        else:
            run = self._guarded(target, self.check_read)
            test = given(jsonl_files)(lambda content: run(content))
        self._smallest.clear()
        try:
            seed(round_seed)(config(test))()
        except Exception as error:
            found = {k: (a, e) for k, (_, a, e) in self._smallest.items()}
            for key, (args, cause) in (found or {_key(target, error): ((), error)}).items():
                self._record(target, key, args, cause)

    def _record(self, target: str, key: str, args: tuple[object, ...], error: Exception) -> None:
        """Keep a new failure and say so."""
        failure = Failure(
            target=target,
            key=key,
            error=f"{type(error).__name__}: {str(error)[:500]}",
            example=_short(args[0] if len(args) == 1 else args),
            traceback="".join(traceback.format_exception(error)[-6:]),
        )
        self.failures[key] = failure
        print(f"\nNEW  {key}\n     {failure.error}\n     input: {failure.example}", flush=True)

    def report(self, seconds: float) -> dict[str, Any]:
        """The numbers and failures, as JSON-ready data."""
        return {
            "seconds": round(seconds, 1),
            "inputs": dict(self.inputs),
            "total_inputs": sum(self.inputs.values()),
            "failures": [attrs.asdict(f) for f in self.failures.values()],
        }


def main(argv: list[str] | None = None) -> int:
    """Fuzz for ``--seconds`` and print what was found; exit 1 if anything was."""
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument(
        "--seconds", type=float, default=60.0, help="how long to fuzz (default 60)"
    )
    options.add_argument(
        "--target", choices=["parse", "gold", "read", "all"], default="all", help="what to fuzz"
    )
    options.add_argument("--seed", type=int, default=None, help="seed of the first round")
    options.add_argument("--batch", type=int, default=200, help="examples a round (default 200)")
    options.add_argument(
        "--slow", type=float, default=2.0, help="CPU seconds an input may take (default 2)"
    )
    options.add_argument("--report", type=Path, default=None, help="write the report as JSON here")
    args = options.parse_args(argv)
    targets = ["parse", "gold", "read"] if args.target == "all" else [args.target]
    rng = random.Random(args.seed)
    started = time.monotonic()
    fuzzer = Fuzzer(slow=args.slow, batch=args.batch, deadline=started + args.seconds)
    rounds = 0
    while time.monotonic() - started < args.seconds:
        target = targets[rounds % len(targets)]
        fuzzer.round(target, rng.randrange(2**32))
        rounds += 1
        print(f"{time.monotonic() - started:6.0f} s  {rounds} rounds  {fuzzer.inputs}", flush=True)
    report = fuzzer.report(time.monotonic() - started)
    print(f"\n\n{report['total_inputs']} inputs in {report['seconds']} s: {report['inputs']}")
    print(f"{len(fuzzer.failures)} distinct failures")
    for failure in fuzzer.failures.values():
        print(
            f"\n{failure.key} (seen {failure.hits} times)\n  {failure.error}\n  input: {failure.example}"
        )
    if args.report is not None:
        args.report.write_text(
            json.dumps(report, indent=2, ensure_ascii=True) + "\n", encoding="utf-8"
        )
    return 1 if fuzzer.failures else 0


if __name__ == "__main__":
    sys.exit(main())
