"""Parse time stays linear on inputs built to make the patterns backtrack.

Each shape below repeats a unit aimed at one family of patterns (the
sentence splitter, the name and title patterns, the gazetteers, the time
patterns, the windows of the event extractors) until the text has the size
asked for.  The test finds the size ``N`` at which a shape takes some tens
of milliseconds of CPU time, parses it at ``10 N`` and checks that the time
grew by less than ``3 x 10``: linear time passes with a wide margin,
quadratic time (a ratio near 100) fails.  No absolute time is ever
asserted, and CPU time is measured, not wall time, so that a busy machine
does not change the ratios.

The parsing runs in a worker process, so that a shape that turns out to
be quadratic is stopped once it has used its budget instead of stalling
the suite.  Shapes found super-linear stay in the suite as
``xfail(strict=True)``, with the function the profile blames, so that a fix
is noticed.
"""

from __future__ import annotations

import datetime
import multiprocessing
import multiprocessing.connection
import os
import pickle
import signal
import time
import traceback
from collections.abc import Callable, Iterator

import attrs
import pytest

import diplomacy_events as de
from diplomacy_events import Parser

__all__: list[str] = []

FACTOR = 16
"""The big size is this many times the small one."""
BOUND = 2.5
"""Linear time passes when t(FACTOR N) < BOUND * FACTOR * t(N)."""
SLACK = 0.1
"""CPU seconds added to the big run's budget, for noise and the clock's resolution."""
WALL_FACTOR = 5
"""Where the worker's CPU time cannot be read, it is killed after this many times its budget
in wall time."""
POLL = 0.25
"""Seconds between two looks at the worker's CPU time."""
PUBLISHED = datetime.date(2022, 3, 1)
WARM_UP = (
    "Russian Foreign Minister Sergey Lavrov held talks with U.S. Secretary of State "
    "Antony Blinken in Geneva on January 21. The two sides agreed to continue contacts."
)


def _repeat(unit: str) -> Callable[[int], str]:
    """A text of ``n`` characters that repeats ``unit``."""

    def build(n: int) -> str:
        return (unit * (n // len(unit) + 1))[:n]

    return build


def _nested(n: int) -> str:
    """``n`` characters of brackets and quotes nested inside one another."""
    half = n // 2
    opening = _repeat("([{'\"")(half)
    closing = opening[::-1].translate(str.maketrans("([{", ")]}"))
    return opening + closing


def _word(i: int) -> str:
    """The ``i``-th of many distinct capitalised made-up words: ``Xaab``, ``Xaac``, ..."""
    letters = "bcdfghjklmnpqrstvwz"
    out = []
    while True:
        i, r = divmod(i, len(letters))
        out.append(letters[r])
        if i == 0:
            break
    return "Xa" + "a".join(out)


def _distinct(template: str) -> Callable[[int], str]:
    """A text of ``n`` characters: ``template`` filled with ever new made-up words."""

    def build(n: int) -> str:
        parts: list[str] = []
        size = 0
        i = 0
        while size < n:
            part = template.format(a=_word(2 * i), b=_word(2 * i + 1))
            parts.append(part)
            size += len(part)
            i += 1
        return "".join(parts)[:n]

    return build


@attrs.frozen
class Shape:
    """An adversarial input: how to build it and the patterns it aims at."""

    name: str
    build: Callable[[int], str]
    stresses: str
    """The patterns or steps the shape is built to stress."""
    slow: str = ""
    """Why the shape is known to be super-linear (the test is then an xfail)."""
    seconds: float = 0.02
    """The CPU time the small size should take: more for a shape whose super-linear part
    only shows in long texts."""


SHAPES = (
    # --- the sentence splitter (text._BOUNDARY, _OPENERS, _LAST_WORD) ---
    Shape(
        "full stops",
        _repeat("...?!"),
        "text._BOUNDARY",
    ),
    Shape("initials", _repeat("A. "), "text._LAST_WORD, people._NAME"),
    Shape("U.S. U.S.", _repeat("U.S. "), "text abbreviations, party gazetteer"),
    Shape("blank lines", _repeat("\n"), "text._split_sentences"),
    Shape("spaces", _repeat(" "), "text._trimmed, [^\\S\\r\\n]{1,3}"),
    Shape("combining accents", _repeat("e\u0301"), "text._nfc_with_offsets"),
    # --- names, titles and people (people._NAME, _APPOSITION, _PORTFOLIO, parser._TITLE_ALONE) ---
    Shape("capitalised words", _repeat("Aaa Bbb Ccc Ddd "), "people._NAME"),
    Shape("distinct capitalised words", _distinct("{a} {b} "), "people._NAME, _merge"),
    Shape("President President", _repeat("President "), "title gazetteer"),
    Shape(
        "titles with names",
        _repeat("Foreign Minister Sergey Lavrov "),
        "people._titled, parser.person_spans",
    ),
    Shape(
        "distinct titled people, then the title alone",
        _distinct("Foreign Minister {a} {b} said. The Minister spoke. "),
        "parser.person_spans (_TITLE_ALONE x titled people), people._merge",
        seconds=0.1,
    ),
    Shape("the Secretary", _repeat("the Secretary "), "parser._TITLE_ALONE"),
    Shape("appositions", _repeat("Aaa Bbb, "), "people._APPOSITION"),
    Shape(
        "portfolios",
        _repeat("Minister for Aaa and Bbb, Ccc "),
        "people._PORTFOLIO",
    ),
    Shape("name particles", _repeat("Al de "), "people._NAME particles"),
    Shape("long hyphenated word", _repeat("a-"), "word patterns with [\\w-]"),
    Shape("long capitalised hyphenated word", _repeat("Aaa-"), "people._NAME"),
    Shape("long all-caps word", lambda n: "A" * n, "people._NAME, gazetteers"),
    Shape("apostrophes", _repeat("''''"), "quotes in names"),
    Shape("open brackets", _repeat("(((("), "text._OPENERS"),
    Shape("nested brackets and quotes", _nested, "text._BOUNDARY, _OPENERS"),
    # --- parties and places (the gazetteers) ---
    Shape("commas", _repeat(", "), "clause patterns"),
    Shape("parties and commas", _repeat("Russia, "), "party gazetteer, _NAME_CONTINUES"),
    Shape("and and and", _repeat(" and"), "_CLAUSE_BREAK, _WINDOW_END"),
    Shape("of the of the", _repeat("of the "), "people._OF_PARTY"),
    # --- times (times._MONTH_DAY, _DAY_MONTH, _DURATION, _RELATIVE) ---
    Shape("one long number", _repeat("1234567890"), "times NUM_START/NUM_END"),
    Shape("numbers", _repeat("12 "), "times._DAY_MONTH"),
    Shape("May May May", _repeat("May "), "times._MONTH_ALONE, _MONTH_DAY"),
    Shape("day ranges", _repeat("May 1-"), "times._MONTH_DAY ranges"),
    Shape("number dashes", _repeat("1 - "), "times DASH"),
    Shape("durations", _repeat("over five hours "), "times._DURATION"),
    Shape("and a half", _repeat("and a half "), "times._DURATION HALF"),
    Shape("relative times", _repeat("later this year "), "times._RELATIVE"),
    # --- events: windows of the extractors, over one long sentence ---
    Shape(
        "a line without a full stop",
        _repeat("the minister said that talks would continue "),
        "meetings window, commitments window, _CLAUSE_BREAK",
    ),
    Shape(
        "meetings without a full stop",
        _repeat("Russia met China "),
        "meetings.MeetingExtractor.build",
    ),
    Shape(
        "summits without a full stop",
        _repeat("Russia summit "),
        "meetings.MeetingExtractor.participants",
    ),
    Shape(
        "talks in a capital without a full stop",
        _repeat("talks in Beijing "),
        "meetings._nearest_place",
    ),
    Shape(
        "meetings after lower-case sentence starts",
        _repeat("the talks. "),
        "meetings, text._OPENERS",
    ),
    Shape(
        "commitments without a full stop",
        _repeat("Russia agreed to "),
        "commitments, _clauses.subject",
    ),
    Shape(
        "one meeting reported again and again",
        _repeat("US met UK. "),
        "assembly: merging the drafts of one meeting",
        seconds=0.12,
    ),
    Shape("meetings on lines", _repeat("Putin met Xi\n"), "text._split_sentences, meetings"),
    Shape(
        "a summit and its members again and again",
        _repeat("ASEAN and the EU held a summit in Jakarta. The leaders of France and Spain met. "),
        "assembly._attach_members, _Gatherings",
    ),
    Shape(
        "a host named again and again",
        _repeat("Qatar's Prime Minister, whose government hosted the talks, spoke. "),
        "meetings.host, assembly.host_of",
    ),
    Shape("will", _repeat("Russia will sign "), "commitments._WILL"),
    Shape(
        "will also",
        _repeat("will also "),
        "commitments._WILL",
    ),
    Shape("to be determined", _repeat("date, and "), "followups._TO_BE_DETERMINED"),
    Shape(
        "led by",
        _repeat("the Russian delegation was led by "),
        "assembly._LED_BY",
    ),
    Shape("according to", _repeat("according to Aaa "), "commitments._ACCORDING_TO"),
    Shape(
        "calls following talks without a full stop",
        _repeat("Following talks in Moscow on May 2, Russia and Iran spoke by telephone, "),
        "meetings._SEQUENCE, assembly.same_meeting",
    ),
    Shape(
        "their meetings with a third side",
        _repeat("They discussed their trilateral meeting with Japanese Minister Mori Takeo. "),
        "assembly._possessors",
    ),
    Shape(
        "members listed after summits",
        _repeat("Russia held a summit with ASEAN. Taking part in the summit were the heads of "),
        "_members._ATTENDING, assembly.antecedent",
    ),
    Shape(
        "officials with institutions",
        _repeat("Estonian Foreign Ministry Secretary General Anna Tamm, Slovenian Ministry, "),
        "people._INSTITUTION_BEFORE_TITLE, _AFFILIATION_AFTER",
    ),
)


def _params() -> Iterator[object]:
    for shape in SHAPES:
        marks = [pytest.mark.xfail(strict=True, reason=shape.slow)] if shape.slow else []
        yield pytest.param(shape, id=shape.name, marks=marks)


_BY_NAME = {shape.name: shape for shape in SHAPES}


class _Overrun(BaseException):
    """Raised in the worker when a parse has used up its CPU time."""


def _overrun(signum: int, frame: object) -> None:
    raise _Overrun


def _serve(conn: multiprocessing.connection.Connection) -> None:
    """The worker: parse each ``(shape name, size, budget)`` asked for, send back the CPU time.

    CPU time, not wall time, so that other processes on a busy machine do
    not change the ratios; a parse that uses up its budget is interrupted
    by ``SIGPROF`` and answered with ``None``.
    """
    signal.signal(signal.SIGPROF, _overrun)
    parser = Parser()
    parser.parse(WARM_UP, published=PUBLISHED)
    while True:
        request = conn.recv()
        if request is None:
            return
        name, size, budget = request
        text = _BY_NAME[name].build(size)
        answer: float | str | None
        try:
            started = time.process_time()
            signal.setitimer(signal.ITIMER_PROF, budget)
            try:
                parser.parse(text, published=PUBLISHED)
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
            answer = time.process_time() - started
        except _Overrun:
            answer = None
        except Exception:
            answer = traceback.format_exc()
        conn.send(answer)


class Timer:
    """Times parses in a worker process, each within a budget of CPU time."""

    def __init__(self) -> None:
        self._context = multiprocessing.get_context("fork")
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: multiprocessing.connection.Connection | None = None

    def _start(self) -> multiprocessing.connection.Connection:
        if self._conn is None:
            ours, theirs = self._context.Pipe()
            self._process = self._context.Process(target=_serve, args=(theirs,), daemon=True)
            self._process.start()
            theirs.close()
            self._conn = ours
        return self._conn

    def _cpu(self) -> float | None:
        """The worker's CPU seconds so far, where the system tells (Linux), else ``None``."""
        assert self._process is not None
        try:
            with open(f"/proc/{self._process.pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def measure(self, name: str, size: int, budget: float) -> float | None:
        """CPU seconds to parse shape ``name`` at ``size``; ``None`` if it used up ``budget``.

        The worker stops itself when the budget is used up, except inside a
        single long call of the regex engine, which no signal interrupts: a
        worker that has used its budget (read from ``/proc``) without
        answering is killed, which counts as using up the budget too.  Where
        ``/proc`` cannot tell, the worker is killed after :data:`WALL_FACTOR`
        times the budget in wall time.
        """
        conn = self._start()
        before = self._cpu()
        conn.send((name, size, budget))
        waited = 0.0
        while not conn.poll(POLL):
            waited += POLL
            used = None if before is None else self._cpu()
            stuck = (
                waited > WALL_FACTOR * budget + SLACK
                if used is None or before is None
                else used - before > budget + 2 * POLL
            )
            if stuck:
                self.stop(kill=True)
                return None
        answer = conn.recv()
        if isinstance(answer, str):
            pytest.fail(f"parsing {name!r} at {size} characters raised:\n{answer}")
        assert answer is None or isinstance(answer, float)
        return answer

    def stop(self, *, kill: bool = False) -> None:
        """End the worker (at once with ``kill``)."""
        if self._conn is not None and self._process is not None:
            if kill:
                self._process.kill()
            else:
                self._conn.send(None)
            self._process.join(timeout=10)
            self._conn.close()
        self._conn = None
        self._process = None


@pytest.fixture(scope="module")
def timer() -> Iterator[Timer]:
    try:
        multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork
        pytest.skip("timing runs in a forked worker process; this platform cannot fork")
    if not hasattr(signal, "setitimer"):  # pragma: no cover
        pytest.skip("the CPU-time budget needs signal.setitimer")
    timing = Timer()
    yield timing
    timing.stop()


SMALL_BUDGET = 30.0
"""CPU seconds the small size may take at most (it is meant to take tens of milliseconds)."""
START = 1_000
"""The first size tried, in characters."""
MAX_SIZE = 200_000
"""The largest small size: a shape that parses this fast is measured at this size."""


def _calibrate(timer: Timer, shape: Shape) -> tuple[int, float]:
    """The size ``N`` at which the shape takes about its ``seconds``, and that time (best of 2)."""
    size = START
    while True:
        seconds = timer.measure(shape.name, size, SMALL_BUDGET)
        assert seconds is not None, f"{shape.name!r}: {size} characters took over {SMALL_BUDGET} s"
        if seconds >= shape.seconds or size >= MAX_SIZE:
            break
        growth = 4.0 if seconds <= 0 else min(4.0, max(1.5, 1.2 * shape.seconds / seconds))
        size = min(MAX_SIZE, int(size * growth))
    again = timer.measure(shape.name, size, SMALL_BUDGET)
    return size, seconds if again is None else min(seconds, again)


@pytest.mark.parametrize("shape", list(_params()))
def test_parse_time_grows_linearly(timer: Timer, shape: Shape) -> None:
    size, small = _calibrate(timer, shape)
    budget = BOUND * FACTOR * small + SLACK
    big = timer.measure(shape.name, FACTOR * size, budget)
    if big is None:
        # One more try: a single run of a few tenths of a second can be slowed by a garbage
        # collection or a busy machine (CI failed so on "parties and commas", which measures
        # 9 to 16 times as long at 16 times the size); a super-linear shape fails both runs.
        big = timer.measure(shape.name, FACTOR * size, budget)
    assert big is not None, (
        f"{shape.name!r} ({shape.stresses}): {size} characters took {small:.3f} s, "
        f"{FACTOR * size} characters more than {budget:.2f} s of CPU time "
        f"(linear time allows {BOUND:g} x {FACTOR} = {BOUND * FACTOR:g} times as long)"
    )


# --- The guard: no single document can stall a batch ------------------------------------------
#
# ``Parser(timeout=SECONDS)`` gives each document a budget; a document that uses it up raises
# ``diplomacy_events.ParseTimeout`` (a ``DiplomacyEventsError`` and a ``TimeoutError``) naming
# the document and the budget, and the parser stays usable.  ``parse_many`` reports such a
# document as a ``Failure`` and goes on with the next one (tests/test_batch.py).


def test_parse_timeout_is_a_library_error_and_a_timeout_error() -> None:
    assert issubclass(de.ParseTimeout, TimeoutError)
    assert issubclass(de.ParseTimeout, de.DiplomacyEventsError)


def test_timeout_stops_a_long_document_quickly() -> None:
    parser = Parser(timeout=0.05)
    # Megabytes of prose: seconds of work without a guard.
    text = _repeat("The minister said that talks would continue next week. ")(3_000_000)
    started = time.monotonic()
    with pytest.raises(de.ParseTimeout) as caught:
        parser.parse(text, published=PUBLISHED, id="very-long")
    elapsed = time.monotonic() - started
    assert elapsed < 2.0, f"the guard of 0.05 s stopped the parse after {elapsed:.1f} s"
    message = str(caught.value)
    assert "very-long" in message
    assert "0.05" in message
    assert caught.value.id == "very-long"
    assert caught.value.seconds == 0.05


def test_timeout_stops_a_super_linear_document() -> None:
    parser = Parser(timeout=0.2)
    text = _BY_NAME["commitments without a full stop"].build(40_000)  # half a minute unguarded
    started = time.monotonic()
    with pytest.raises(de.ParseTimeout):
        parser.parse(text, published=PUBLISHED)
    assert time.monotonic() - started < 5.0


def test_the_module_level_parse_takes_a_timeout() -> None:
    text = _repeat("Russia agreed to ")(500_000)
    with pytest.raises(de.ParseTimeout, match="'doc-9'"):
        de.parse(text, published=PUBLISHED, id="doc-9", timeout=0.01)
    assert de.parse(WARM_UP, published=PUBLISHED, timeout=60.0) == Parser().parse(
        WARM_UP, published=PUBLISHED
    )


def test_parser_is_usable_after_a_timeout() -> None:
    parser = Parser(timeout=0.01)
    with pytest.raises(de.ParseTimeout):
        parser.parse(_repeat("Russia agreed to ")(500_000), published=PUBLISHED)
    generous = Parser(timeout=60.0)
    assert generous.parse(WARM_UP, published=PUBLISHED) == Parser().parse(
        WARM_UP, published=PUBLISHED
    )


def test_a_guarded_parse_leaves_no_deadline_behind() -> None:
    parser = Parser(timeout=0.01)
    with pytest.raises(de.ParseTimeout):
        parser.parse(_repeat("Russia agreed to ")(500_000), published=PUBLISHED)
    time.sleep(0.02)  # past the deadline of the parse that timed out
    assert Parser().parse(WARM_UP, published=PUBLISHED).meetings


def test_parse_timeout_pickles_for_worker_processes() -> None:
    parser = Parser(timeout=0.01)
    with pytest.raises(de.ParseTimeout) as caught:
        parser.parse(_repeat("Russia agreed to ")(500_000), id="doc-7")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert type(copy) is type(caught.value)
    assert str(copy) == str(caught.value)
    assert (copy.id, copy.seconds) == ("doc-7", 0.01)


def test_a_parser_with_a_timeout_pickles_with_it() -> None:
    copy = pickle.loads(pickle.dumps(Parser(timeout=2.5)))
    assert copy.timeout == 2.5


@pytest.mark.parametrize(
    ("timeout", "error"),
    [
        (-1.0, de.InputError),
        (0.0, de.InputError),
        (0, de.InputError),
        (float("nan"), de.InputError),
        (float("inf"), de.InputError),
        ("1", de.ArgumentTypeError),
        (True, de.ArgumentTypeError),
    ],
)
def test_timeout_argument_is_checked(timeout: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="timeout"):
        Parser(timeout=timeout)  # type: ignore[arg-type]
    with pytest.raises(error, match="timeout"):
        de.parse(WARM_UP, timeout=timeout)  # type: ignore[arg-type]


def test_a_whole_number_of_seconds_is_a_timeout() -> None:
    assert Parser(timeout=3).timeout == 3.0
    assert Parser().timeout is None
