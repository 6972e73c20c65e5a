"""How the parser scales: linear cost, flat memory over a stream, a light import, pickling.

No absolute times here (the benchmark in ``benchmarks/run.py`` measures
those): every check compares the parser with itself, so that a slow or busy
machine does not fail it.
"""

from __future__ import annotations

import datetime
import gc
import io
import json
import pickle
import re
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import regex

import diplomacy_events as de

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "seed-istanbul-consultations"
RAW = ROOT.parent / "shared" / "corpus" / "raw"
PUBLISHED = datetime.date(2025, 4, 11)


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.with_suffix(".txt").read_text(encoding="utf-8")


def _best_of(repeats: int, run: Callable[[], object]) -> float:
    """The shortest of ``repeats`` runs: the least disturbed by other work on the machine."""
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return min(times)


def test_twenty_copies_cost_about_twenty_times_one(seed: str) -> None:
    parser = de.Parser()
    parser.parse(seed, published=PUBLISHED)  # word lists read, patterns compiled
    long = "\n\n".join([seed] * 20)
    one = _best_of(5, lambda: parser.parse(seed, published=PUBLISHED))
    twenty = _best_of(2, lambda: parser.parse(long, published=PUBLISHED))
    # linear cost gives about 20; a pass quadratic in the text gives about 400
    assert twenty / one < 60, f"20 copies took {twenty / one:.0f} times as long as one"


def test_the_copies_are_all_read(seed: str) -> None:
    once = de.parse(seed, published=PUBLISHED)
    thrice = de.parse("\n\n".join([seed] * 3), published=PUBLISHED)
    assert len(once.meetings) > 0
    assert len(thrice.article.text) == 3 * len(seed) + 4
    starts = [e.start for m in thrice.meetings for e in m.evidence]
    starts += [c.evidence.start for c in thrice.commitments]
    assert max(starts) > 2 * (len(seed) + 2)  # something found in the third copy


@pytest.fixture(scope="module")
def stream() -> list[dict[str, Any]]:
    """400 short raw documents, in pairs of about the same length."""
    if not RAW.is_dir():
        pytest.skip(f"the raw corpus is not at {RAW} (CI clones shared/ next to the repository)")
    docs: list[dict[str, Any]] = []
    for path in sorted(RAW.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            docs += [json.loads(line) for line in lines if line.strip()]
    shortest = sorted(docs, key=lambda d: (len(d["text"]), d["id"]))[:400]
    # the first half and the second half alike: the even-numbered, then the odd-numbered
    return shortest[0::2] + shortest[1::2]


def test_memory_stays_flat_over_a_stream(stream: list[dict[str, Any]]) -> None:
    parser = de.Parser()
    for doc in stream[:5]:
        parser.parse(doc["text"])  # word lists read, patterns compiled, before tracing

    def parse(docs: list[dict[str, Any]]) -> None:
        for doc in docs:
            parser.parse(doc["text"], published=datetime.date.fromisoformat(doc["published"]))

    gc.collect()
    tracemalloc.start()
    try:
        parse(stream[:200])
        gc.collect()
        held_200, peak_200 = tracemalloc.get_traced_memory()
        parse(stream[200:])
        gc.collect()
        held_400, peak_400 = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    kib = 1024
    # the second 200 documents are as long as the first: the peak stays where it was...
    assert peak_400 < 1.25 * peak_200 + 128 * kib, (peak_200, peak_400)
    # ...and they leave nothing behind (a parser that keeps nothing grows by about 8 KiB here)
    assert held_400 - held_200 < 32 * kib, (held_200, held_400)


def _fresh(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def test_import_reads_no_word_list() -> None:
    code = (
        "import diplomacy_events, diplomacy_events.lexicon as lexicon; "
        "print(lexicon.default_lexicon.cache_info().currsize)"
    )
    assert _fresh(code) == "0"


def test_import_loads_neither_pycountry_nor_package_metadata() -> None:
    code = (
        "import sys, diplomacy_events; "
        "print(sorted(m for m in ('pycountry', 'importlib.metadata') if m in sys.modules))"
    )
    assert _fresh(code) == "[]"


def test_building_a_parser_reads_the_word_lists_once() -> None:
    code = (
        "import diplomacy_events as de, diplomacy_events.lexicon as lexicon; "
        "de.Parser(); de.Parser(); info = lexicon.default_lexicon.cache_info(); "
        "print(info.currsize, info.misses)"
    )
    assert _fresh(code) == "1 1"


SENTENCE = (
    "Foreign Minister Sergey Lavrov held talks with Chinese Foreign Minister Wang Yi "
    "in Beijing on Tuesday."
)


@pytest.mark.parametrize("used", [False, True], ids=["new", "used"])
def test_a_parser_pickles_and_parses_alike(seed: str, used: bool) -> None:
    parser = de.Parser()
    if used:
        parser.parse(seed, published=PUBLISHED)  # caches filled, patterns compiled
    copy = pickle.loads(pickle.dumps(parser))
    for text in (seed, SENTENCE):
        assert copy.parse(text, published=PUBLISHED) == parser.parse(text, published=PUBLISHED)


def test_no_compiled_pattern_travels_in_a_pickled_parser(seed: str) -> None:
    parser = de.Parser()
    parser.parse(seed, published=PUBLISHED)  # every pattern compiled
    kinds: set[type] = set()

    class Spy(pickle.Pickler):
        def persistent_id(self, obj: object) -> None:
            kinds.add(type(obj))
            return None

    Spy(io.BytesIO()).dump(parser)
    assert de.lexicon.Lexicon in kinds  # the spy saw the parser's parts
    assert not {re.Pattern, type(regex.compile("x"))} & kinds


def test_a_parser_pickles_with_cloudpickle_as_dask_and_spark_send_it(seed: str) -> None:
    cloudpickle = pytest.importorskip("cloudpickle", reason="comes with dask[distributed]")
    parser = de.Parser()
    parser.parse(seed, published=PUBLISHED)
    copy = pickle.loads(cloudpickle.dumps(parser))
    for text in (seed, SENTENCE):
        assert copy.parse(text, published=PUBLISHED) == parser.parse(text, published=PUBLISHED)
