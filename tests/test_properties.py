"""Properties of :func:`diplomacy_events.parse` that hold for every text.

The properties of the parser as a whole (the round trip of its output is in
``test_serialize.py``, the generative round trip of prose in
``test_generative.py``):

2. Total: ``parse`` returns a valid result for every string and raises only
   :class:`~diplomacy_events.ArgumentTypeError` for arguments of the wrong
   type; every evidence span quotes the text.
3. Pure: the same text gives equal results, in this process and in processes
   with other time zones and locales, and parsing never reads the clock.
4. Invariant under form: the same meetings come out when white space is
   collapsed or widened, paragraphs are separated or re-wrapped, straight and
   curly quotes are swapped, or the text is in NFC or NFD.
6. Stable under noise: sentences of raw documents that report nothing
   (``tests/data/noise_sentences.txt``), added before an article, after its
   headline or at its end, do not change its meetings.
7. Date resolution: a weekday, relative or yearless date resolves on the side
   of the publication date the tense says, within the span it allows.

The texts are generated (any Unicode; words of the lexicon and the trigger
lists shuffled; prose of :mod:`diplomacy_events.testing`'s report
strategies) and, where the development corpus is present, its articles (every
article, deterministically, so that the ones a change still alters can be
named).  What the parser still fails is marked ``xfail(strict=True)`` with
the reason; the shrunk example of each failure found is kept at the end, as a
regression test once the parser is fixed.
"""

from __future__ import annotations

import datetime
import functools
import gc
import json
import locale
import os
import re
import subprocess
import sys
import textwrap
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import jsonschema  # type: ignore[import-untyped, unused-ignore]
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import diplomacy_events as de
from diplomacy_events import serialize, testing
from diplomacy_events.lexicon import default_lexicon
from diplomacy_events.model import (
    Commitment,
    Concern,
    FollowUp,
    Granularity,
    Mode,
    Request,
    Result,
    Status,
)

HERE = Path(__file__).resolve().parent
DEV = HERE.parents[0].parent / "shared" / "corpus" / "dev"
NOISE_FILE = HERE / "data" / "noise_sentences.txt"

# How many examples the costly properties can afford: a share of the profile's count.
PARSE_EXAMPLES = settings().max_examples
HALF = max(10, PARSE_EXAMPLES // 2)
QUARTER = max(8, PARSE_EXAMPLES // 4)
TENTH = max(5, PARSE_EXAMPLES // 10)


def dev_articles() -> dict[str, tuple[str, datetime.date]]:
    """The development corpus's articles by name, with their publication dates (none if absent)."""
    if not DEV.is_dir():
        return {}
    found = {}
    for gold in sorted(DEV.glob("*.json")):
        published = datetime.date.fromisoformat(json.loads(gold.read_text("utf-8"))["published"])
        found[gold.stem] = (gold.with_suffix(".txt").read_text("utf-8"), published)
    return found


DEV_ARTICLES = dev_articles()
needs_dev = pytest.mark.skipif(
    not DEV_ARTICLES,
    reason=f"the development corpus is not at {DEV} (CI clones it beside the repo)",
)


def validator() -> jsonschema.Draft202012Validator:
    """A validator of the shipped result schema that checks formats."""
    return jsonschema.Draft202012Validator(
        serialize.json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


VALIDATOR = validator()


def assert_valid(result: Result, text: str) -> None:
    """Check everything a result must satisfy whatever its text."""
    assert isinstance(result, Result)
    assert result.article.text == text
    testing.assert_evidence_consistent(result)
    errors = [e.message for e in VALIDATOR.iter_errors(serialize.to_dict(result))]
    assert errors == []
    n = len(result.meetings)
    items: list[Commitment | FollowUp | Request | Concern] = [
        *result.commitments,
        *result.followups,
        *result.requests,
        *result.concerns,
    ]
    for item in items:
        assert item.meeting is None or 0 <= item.meeting < n
    for meeting in result.meetings:
        codes = [p.code for p in meeting.parties]
        assert len(codes) == len(set(codes)), codes
        assert {d.party.code for d in meeting.delegations} <= set(codes)
    for expression in [m.date for m in result.meetings] + [f.timeframe for f in result.followups]:
        if expression is None:
            continue
        resolved = expression.earliest is not None
        assert resolved == (expression.latest is not None)
        assert resolved == (expression.granularity is not Granularity.UNRESOLVED)
        if expression.earliest is not None and expression.latest is not None:
            assert expression.earliest <= expression.latest


# --- Texts ----------------------------------------------------------------------------------


def _vocabulary() -> list[str]:
    """Words that make the parser work: names of parties and places, titles, trigger words."""
    lex = default_lexicon()
    words = sorted({n.surface for n in lex.party_names})[::7]
    words += sorted(c.name for c in lex.cities)[::9]
    words += sorted(lex.titles)[::5]
    words += (
        "met held talks with telephone conversation phone call will meet agreed to pledged "
        "committed meet again next round follow-up visit the and of in on at by 's ' \" , . ; "
        "Monday Tuesday Friday May June 24-27 2025 last next this week month year yesterday "
        "today tomorrow over five hours an hour soon Mr. U.S. Dr. ( ) \n \n\n — – … “ ” ‘ ’"
    ).split(" ")
    return words


VOCABULARY = _vocabulary()

WORD_SOUP = st.lists(st.sampled_from(VOCABULARY), max_size=60).map(" ".join)
# Control and format characters, every kind of space, line and paragraph separators.
CONTROL = st.text(st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]))
SURROGATES = st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=5)
MIXED = st.lists(st.one_of(WORD_SOUP, st.text(max_size=10), CONTROL, SURROGATES), max_size=8).map(
    "".join
)
# Long lines: random text repeated to tens of thousands of characters, and words of the
# lexicon to a few thousand (test_parse_time_is_linear_in_a_sentence_length checks longer
# sentences of triggers).
LONG_LINE = st.one_of(
    st.tuples(st.text(min_size=1, max_size=30), st.integers(100, 3000)).map(
        lambda pair: (pair[0] + " ") * pair[1]
    ),
    st.tuples(
        st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=8), st.integers(10, 60)
    ).map(lambda pair: (" ".join(pair[0]) + " ") * pair[1]),
)
REPORTS = st.one_of(
    testing.meeting_reports(), testing.commitment_reports(), testing.followup_reports()
)

ANY_TEXT = st.one_of(
    st.just(""),
    st.text(),
    st.text(st.characters(codec="utf-8")),
    CONTROL,
    WORD_SOUP,
    MIXED,
    REPORTS.map(lambda report: report.text),
)
PUBLISHED = st.none() | st.dates()


# --- 2. Total -------------------------------------------------------------------------------


@given(text=ANY_TEXT, published=PUBLISHED)
def test_parse_is_total(text: str, published: datetime.date | None) -> None:
    assert_valid(de.parse(text, published=published), text)


@settings(max_examples=TENTH)
@given(text=LONG_LINE, published=PUBLISHED)
def test_parse_is_total_on_long_lines(text: str, published: datetime.date | None) -> None:
    assert_valid(de.parse(text, published=published), text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        "\x00",
        "\ud800",
        "\u0301Russia",  # a combining mark first
        "Russia and China held talks in Moscow on Monday. " * 500,
        "Russia and China held talks in Moscow on Monday." * 1000,
        "Readout\n" + "Putin met Xi. " * 5000,
        "(" * 10000,
        "Moscow" + "\u200b" * 1000,
    ],
    ids=[
        "empty",
        "space",
        "newlines",
        "nul",
        "surrogate",
        "combining first",
        "long line",
        "one long sentence",
        "many sentences",
        "parentheses",
        "zero width",
    ],
)
def test_parse_is_total_on_edge_cases(text: str) -> None:
    assert_valid(de.parse(text, published=datetime.date(2025, 4, 11)), text)


def best_time(function: Callable[[], object], repeat: int = 3) -> float:
    """The shortest of ``repeat`` timings of ``function``, in seconds."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def test_parse_time_is_linear_in_a_sentence_length() -> None:
    # Regression: a long sentence of many parties and triggers took quadratic time
    # ('Russia and China held talks, ' * 1000, one 29,000-character sentence: 30 s; the
    # same * 2000 with places and dates: 4 minutes), found by test_parse_is_total_on_edge_cases.
    unit = "Russia and China held talks, "
    short = best_time(lambda: de.parse(unit * 100), repeat=2)
    long = best_time(lambda: de.parse(unit * 1000), repeat=1)
    # Linear time makes the ratio about 10 (quadratic 100); allow two and a half times that.
    assert long < 25 * short + 0.5, (short, long)


WRONG_TEXTS = st.one_of(
    st.none(), st.binary(), st.integers(), st.floats(), st.lists(st.text(), max_size=2)
)


@given(text=WRONG_TEXTS)
def test_parse_refuses_a_text_that_is_not_a_str(text: object) -> None:
    with pytest.raises(de.ArgumentTypeError, match=r"^text\b.*\bstr\b"):
        de.parse(text)  # type: ignore[arg-type]


@given(
    published=st.one_of(
        st.datetimes(), st.text(), st.integers(), st.dates().map(lambda d: d.isoformat())
    )
)
def test_parse_refuses_a_published_that_is_not_a_date(published: object) -> None:
    with pytest.raises(de.ArgumentTypeError, match=r"^published\b.*datetime\.date"):
        de.parse("Putin met Xi.", published=published)  # type: ignore[arg-type]


@pytest.mark.parametrize("argument", ["title", "id"])
@given(value=st.one_of(st.integers(), st.binary(), st.lists(st.text(), max_size=1)))
def test_parse_refuses_a_title_or_id_that_is_not_a_str(argument: str, value: object) -> None:
    with pytest.raises(de.ArgumentTypeError, match=rf"^{argument}\b.*\bstr or None"):
        de.parse("Putin met Xi.", **{argument: value})  # type: ignore[arg-type]


# --- 3. Pure --------------------------------------------------------------------------------


@settings(max_examples=QUARTER)
@given(text=ANY_TEXT, other=ANY_TEXT, published=PUBLISHED)
def test_parse_is_pure(text: str, other: str, published: datetime.date | None) -> None:
    first = de.parse(text, published=published)
    de.parse(other, published=published)  # nothing carries over from one text to the next
    again = de.parse(text, published=published)
    fresh = de.Parser().parse(text, published=published)
    assert first == again == fresh
    assert serialize.dumps(first) == serialize.dumps(again) == serialize.dumps(fresh)


# The clock-reading functions of the standard library; the parser must call none of them.
CLOCKS: dict[Any, str] = {
    time.time: "time.time",
    time.time_ns: "time.time_ns",
    time.localtime: "time.localtime",
    time.gmtime: "time.gmtime",
    time.ctime: "time.ctime",
    time.asctime: "time.asctime",
    time.strftime: "time.strftime",
    time.monotonic: "time.monotonic",
    time.perf_counter: "time.perf_counter",
    time.process_time: "time.process_time",
    datetime.date.today: "datetime.date.today",
    datetime.datetime.today: "datetime.datetime.today",
    datetime.datetime.now: "datetime.datetime.now",
    datetime.datetime.utcnow: "datetime.datetime.utcnow",
}


def clock_reads(function: Callable[[], object]) -> list[str]:
    """Run ``function`` and return the clock functions it called, by name.

    Uses a profile hook, which sees every call of a builtin from Python code.
    """
    seen: list[str] = []

    def hook(frame: object, event: str, arg: object) -> None:
        if event == "c_call":
            try:
                name = CLOCKS.get(arg)
            except TypeError:  # an unhashable callable: not a clock
                return
            if name is not None:
                seen.append(name)

    # Garbage collection runs callbacks (Hypothesis times it with perf_counter) at any
    # allocation: keep it out of the window.
    collecting = gc.isenabled()
    gc.disable()
    previous = sys.getprofile()
    sys.setprofile(hook)
    try:
        function()
    finally:
        sys.setprofile(previous)
        if collecting:
            gc.enable()
    return seen


def test_clock_detector_sees_clock_reads() -> None:
    # The check below can fail: a function that reads the clock is caught.
    assert clock_reads(lambda: datetime.date.today()) == ["datetime.date.today"]
    assert clock_reads(lambda: time.time()) == ["time.time"]
    assert clock_reads(lambda: datetime.datetime.now(datetime.timezone.utc)) == [
        "datetime.datetime.now"
    ]
    assert clock_reads(lambda: de.Parser) == []


@settings(max_examples=TENTH)
@given(text=ANY_TEXT, published=PUBLISHED)
def test_parse_never_reads_the_clock(text: str, published: datetime.date | None) -> None:
    parser = de.Parser()
    assert clock_reads(lambda: parser.parse(text, published=published)) == []
    assert clock_reads(lambda: de.parse(text, published=published)) == []


# Processes that parse what they are sent, each with its own time zone and locale.
WORKER = """
import datetime, json, locale, sys, time
locale.setlocale(locale.LC_ALL, "")
import diplomacy_events as de
from diplomacy_events import serialize
print(json.dumps({"zone": time.strftime("%z"), "locale": locale.setlocale(locale.LC_ALL)}))
sys.stdout.flush()
for line in sys.stdin:
    request = json.loads(line)
    text = "".join(map(chr, request["text"]))
    published = request["published"] and datetime.date.fromisoformat(request["published"])
    print(json.dumps(serialize.to_dict(de.parse(text, published=published))))
    sys.stdout.flush()
"""

# POSIX TZ strings, which need no time zone database: UTC, UTC+14 (Kiritimati), UTC-12,
# and Los Angeles with its daylight saving rules.
ZONES = ("UTC0", "LINT-14", "AOE12", "PST8PDT,M3.2.0,M11.1.0")
LOCALE_CANDIDATES = (
    "C",
    "C.UTF-8",
    "POSIX",
    "en_US.UTF-8",
    "tr_TR.UTF-8",
    "de_DE.UTF-8",
    "ja_JP.UTF-8",
)


def available_locales() -> list[str]:
    """The candidate locales this machine has."""
    found = []
    saved = locale.setlocale(locale.LC_ALL)
    try:
        for name in LOCALE_CANDIDATES:
            try:
                locale.setlocale(locale.LC_ALL, name)
            except locale.Error:
                continue
            found.append(name)
    finally:
        locale.setlocale(locale.LC_ALL, saved)
    return found


class Worker:
    """A process that parses texts sent to it, in its own environment."""

    def __init__(self, zone: str, locale_name: str) -> None:
        env = {
            **os.environ,
            "TZ": zone,
            "LC_ALL": locale_name,
            "LANG": locale_name,
            "PYTHONIOENCODING": "utf-8:surrogatepass",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
            encoding="utf-8",
            errors="surrogatepass",
        )
        assert self.process.stdout is not None
        self.environment = json.loads(self.process.stdout.readline())
        self.name = f"TZ={zone} LC_ALL={locale_name}"

    def send(self, text: str, published: datetime.date | None) -> None:
        """Send one text to parse, as its code points.

        JSON would join a lone high surrogate and a lone low surrogate that
        follow each other into one character on the way.
        """
        assert self.process.stdin is not None
        code_points = [ord(char) for char in text]
        request = {"text": code_points, "published": published and published.isoformat()}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()

    def receive(self) -> Any:
        """The JSON form of the result of the text sent last."""
        assert self.process.stdout is not None
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        """End the process."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def workers() -> Iterator[list[Worker]]:
    locales = available_locales()
    pairs = [(zone, locales[i % len(locales)]) for i, zone in enumerate(ZONES)]
    pairs += [(ZONES[0], name) for name in locales[len(ZONES) :]]
    started = [Worker(zone, name) for zone, name in pairs]
    try:
        yield started
    finally:
        for worker in started:
            worker.close()


def test_workers_really_differ(workers: list[Worker]) -> None:
    zones = {w.environment["zone"] for w in workers}
    assert {"+0000", "+1400", "-1200"} <= zones


@settings(max_examples=QUARTER)
@given(text=ANY_TEXT, published=PUBLISHED)
def test_parse_does_not_depend_on_time_zone_or_locale(
    workers: list[Worker], text: str, published: datetime.date | None
) -> None:
    # Through JSON as the workers' answers come, which joins lone surrogates into pairs.
    here = json.loads(json.dumps(serialize.to_dict(de.parse(text, published=published))))
    for worker in workers:
        worker.send(text, published)
    answers = [(worker.name, worker.receive()) for worker in workers]
    for name, answer in answers:
        assert answer == here, name


# --- 4. Invariant under form ----------------------------------------------------------------


def collapse_spaces(text: str) -> str:
    """Every run of blanks inside a line as one space; no blanks at the ends of lines."""
    return "\n".join(re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n"))


def widen_spaces(text: str, width: int) -> str:
    """Every space as ``width`` blanks, tabs and no-break spaces among them."""
    blanks = (" \t\u00a0 " * width)[:width]
    return text.replace(" ", blanks)


def rewrap(text: str, width: int) -> str:
    """The body's paragraphs re-wrapped at ``width``, separated by blank lines.

    The headline (the first line) stays the first line.
    """
    headline, _, body = text.partition("\n")
    paragraphs = [p for p in body.split("\n") if p.strip()]
    wrapped = [
        textwrap.fill(p, width, break_long_words=False, break_on_hyphens=False) for p in paragraphs
    ]
    return headline + "\n\n" + "\n\n".join(wrapped) + "\n"


def separate_paragraphs(text: str) -> str:
    """A blank line between paragraphs."""
    return re.sub(r"\n+", "\n\n", text)


def curl_quotes(text: str) -> str:
    """Straight quotes and apostrophes made curly."""
    text = re.sub(r"(^|[\s(\[])'", "\\1\u2018", text)
    text = text.replace("'", "\u2019")
    text = re.sub(r'(^|[\s(\[])"', "\\1\u201c", text)
    return text.replace('"', "\u201d")


def straighten_quotes(text: str) -> str:
    """Curly quotes and apostrophes made straight."""
    return (
        text.replace("\u2018", "'")
        .replace("\u2019", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )


def nfd(text: str) -> str:
    """The text in Unicode NFD."""
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    """The text in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def meeting_facts(result: Result) -> list[tuple[object, ...]]:
    """The facts of each meeting, with names in one form: NFC, straight quotes, single spaces."""

    def same(value: str | None) -> str | None:
        return None if value is None else " ".join(straighten_quotes(nfc(value)).split())

    return [
        (
            facts.parties,
            facts.status,
            facts.mode,
            facts.date,
            same(facts.city),
            facts.country,
            tuple((code, same(name)) for code, name in facts.heads),
        )
        for facts in map(testing.MeetingFacts.of, result.meetings)
    ]


FORMS: dict[str, Callable[[str, int], str]] = {
    "collapse spaces": lambda text, _: collapse_spaces(text),
    "widen spaces": widen_spaces,
    "separate paragraphs": lambda text, _: separate_paragraphs(text),
    "curl quotes": lambda text, _: curl_quotes(text),
    "straighten quotes": lambda text, _: straighten_quotes(text),
    "NFD": lambda text, _: nfd(text),
    "NFC": lambda text, _: nfc(text),
}


# Generated reports vary the forms this property changes: apostrophes in names ("Côte
# d'Ivoire", "Sana'a"), letters with accents (NFD differs from NFC), datelines of one line.
FORM_REPORTS = REPORTS.map(lambda report: (report.text, report.published))


@pytest.mark.parametrize("form", list(FORMS))
@settings(max_examples=QUARTER)
@given(article=FORM_REPORTS, width=st.integers(2, 3))
def test_meetings_invariant_under_form(
    form: str, article: tuple[str, datetime.date], width: int
) -> None:
    text, published = article
    changed = FORMS[form](text, width)
    before = meeting_facts(de.parse(text, published=published))
    assert meeting_facts(de.parse(changed, published=published)) == before


# Re-wrapping at widths down to 20 characters breaks lines inside names, titles and dates.
@settings(max_examples=QUARTER)
@given(article=FORM_REPORTS, width=st.integers(20, 60))
def test_meetings_invariant_under_rewrapping(
    article: tuple[str, datetime.date], width: int
) -> None:
    text, published = article
    before = meeting_facts(de.parse(text, published=published))
    assert meeting_facts(de.parse(rewrap(text, width), published=published)) == before


# The development corpus, every article under every form: deterministic, so that the
# articles a form still changes can be named.


@functools.cache
def dev_facts(name: str) -> list[tuple[object, ...]]:
    """The meeting facts of a development article as written."""
    text, published = DEV_ARTICLES[name]
    return meeting_facts(de.parse(text, published=published))


def changed_articles(change: Callable[[str, str], str]) -> dict[str, Any]:
    """The development articles whose meetings ``change`` alters, with before and after."""
    found = {}
    for name, (text, published) in DEV_ARTICLES.items():
        after = meeting_facts(de.parse(change(name, text), published=published))
        if after != dev_facts(name):
            found[name] = {"before": dev_facts(name), "after": after}
    return found


DEV_FORMS = ["collapse spaces", "widen spaces", "separate paragraphs", "curl quotes", "NFD"]


@needs_dev
@pytest.mark.parametrize("form", DEV_FORMS)
def test_dev_meetings_invariant_under_form(form: str) -> None:
    assert changed_articles(lambda name, text: FORMS[form](text, 2)) == {}


@needs_dev
def test_dev_meetings_invariant_under_rewrapping() -> None:
    assert changed_articles(lambda name, text: rewrap(text, 72)) == {}


# --- 6. Stable under noise ------------------------------------------------------------------


def noise_sentences() -> list[str]:
    """The stored sentences that report nothing (see the header of the file)."""
    lines = NOISE_FILE.read_text("utf-8").splitlines()
    return [line.split("\t", 1)[1] for line in lines if line and not line.startswith("#")]


NOISE = noise_sentences()


def test_noise_sentences_report_nothing() -> None:
    assert len(NOISE) >= 25
    for sentence in NOISE:
        # In the body, and as a headline (where noise put before an article goes).
        for text in (f"Readout\n{sentence}\n", f"{sentence}\nReadout\n"):
            result = de.parse(text, published=datetime.date(2022, 6, 1))
            assert (result.meetings, result.commitments, result.followups) == ((), (), ())


NOISE_RUNS = st.lists(st.sampled_from(NOISE), min_size=1, max_size=3).map(" ".join)
PLACES = ("before the headline", "after the headline", "at the end")


def add_noise(text: str, noise: str, where: str) -> str:
    """The text with a paragraph of noise before it, after its headline, or at its end."""
    if where == "before the headline":
        return f"{noise}\n{text}"
    if where == "after the headline":
        headline, _, body = text.partition("\n")
        return f"{headline}\n{noise}\n{body}"
    return f"{text.rstrip()}\n{noise}\n"


@pytest.mark.parametrize("where", PLACES)
@settings(max_examples=QUARTER)
@given(report=REPORTS, noise=NOISE_RUNS)
def test_meetings_stable_under_noise(where: str, report: testing.Report, noise: str) -> None:
    before = meeting_facts(de.parse(report.text, published=report.published))
    noisy = add_noise(report.text, noise, where)
    assert meeting_facts(de.parse(noisy, published=report.published)) == before


# In the development corpus the noise goes after the headline or at the end: put before the
# headline it would become the headline, and the article's headline a line of its body.  The
# articles whose meetings noise after the headline still changes, each with what changes;
# the test fails when one is fixed, so that it is taken off this list.
DEV_NOISE_KNOWN: dict[str, dict[str, str]] = {
    "after the headline": {
        "news-01": "the dateline 'RIYADH, Feb 19 —' no longer opens the body: the place is lost",
        "news-09": "the dateline 'KAZAN, Russia, Oct 24 —' no longer opens the body: "
        "the place of all four meetings is lost",
        "news-15": "the meeting 'on Saturday' is dated on the publication day instead",
        "sd-2021-07-19-senior-leaders-from-afghanistan-hold-peace-talks": "the talks "
        "'held July 17-18' lose their date",
        "sd-2022-04-26-u-s-honduras-strategic-dialogue": "the heads and the place of the "
        "strategic dialogue go to the meeting of January 27, and its date to the other",
    },
    "at the end": {},
}


@needs_dev
@pytest.mark.parametrize("where", list(DEV_NOISE_KNOWN))
def test_dev_meetings_stable_under_noise(where: str) -> None:
    names = sorted(DEV_ARTICLES)

    def noisy(name: str, text: str) -> str:
        # Each article gets its own two noise sentences, the same on every run.
        at = names.index(name)
        return add_noise(text, f"{NOISE[at % len(NOISE)]} {NOISE[(at + 7) % len(NOISE)]}", where)

    changed = changed_articles(noisy)
    known = DEV_NOISE_KNOWN[where]
    assert sorted(set(changed) - set(known)) == [], changed
    assert sorted(set(known) - set(changed)) == [], "fixed: take these off DEV_NOISE_KNOWN"


# --- 7. Date resolution ---------------------------------------------------------------------

MONTHS = (
    "January February March April May June July August September October November December"
).split()
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
HELD = "{a} and {b} held talks {when}."
PLANNED = "{a} and {b} will hold talks {when}."


def week_of(day: datetime.date, shift: int) -> tuple[datetime.date, datetime.date]:
    """The Monday and Sunday of the calendar week ``shift`` weeks from the one of ``day``."""
    monday = day - datetime.timedelta(days=day.weekday()) + datetime.timedelta(weeks=shift)
    return monday, monday + datetime.timedelta(days=6)


def month_of(day: datetime.date, shift: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the month ``shift`` months from the one of ``day``."""
    year, month = divmod(day.year * 12 + day.month - 1 + shift, 12)
    first = datetime.date(year, month + 1, 1)
    following = datetime.date(year + (month == 11), (month + 1) % 12 + 1, 1)
    return first, following - datetime.timedelta(days=1)


def one_day(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """A span of one day."""
    return day, day


DAY = datetime.timedelta(days=1)
RELATIVE: dict[str, tuple[str, Callable[[datetime.date], tuple[datetime.date, datetime.date]]]] = {
    "yesterday": (HELD, lambda d: one_day(d - DAY)),
    "the day before yesterday": (HELD, lambda d: one_day(d - 2 * DAY)),
    "tomorrow": (PLANNED, lambda d: one_day(d + DAY)),
    "the day after tomorrow": (PLANNED, lambda d: one_day(d + 2 * DAY)),
    "last week": (HELD, lambda d: week_of(d, -1)),
    "next week": (PLANNED, lambda d: week_of(d, 1)),
    "last month": (HELD, lambda d: month_of(d, -1)),
    "next month": (PLANNED, lambda d: month_of(d, 1)),
    "last year": (
        HELD,
        lambda d: (datetime.date(d.year - 1, 1, 1), datetime.date(d.year - 1, 12, 31)),
    ),
    "next year": (
        PLANNED,
        lambda d: (datetime.date(d.year + 1, 1, 1), datetime.date(d.year + 1, 12, 31)),
    ),
}
STATES = st.sampled_from(
    sorted(
        {p.name for p in default_lexicon().parties.values()}
        & {
            "Brazil",
            "Egypt",
            "India",
            "Japan",
            "Kenya",
            "Mexico",
            "Norway",
            "Peru",
            "Russia",
            "Chile",
        }
    )
)
ANCHORS = st.dates(datetime.date(1901, 1, 1), datetime.date(2199, 12, 31))


def only_meeting(text: str, published: datetime.date) -> Any:
    """The one meeting parsed from a report of ``text``."""
    result = de.parse(f"Readout\n{text}\n", published=published)
    assert len(result.meetings) == 1, (text, result.meetings)
    return result.meetings[0]


@settings(max_examples=HALF)
@given(
    published=ANCHORS,
    weekday=st.sampled_from(WEEKDAYS),
    held=st.booleans(),
    a=STATES,
    b=STATES,
)
def test_weekday_resolves_within_a_week_on_the_side_of_the_tense(
    published: datetime.date, weekday: str, held: bool, a: str, b: str
) -> None:
    assume(a != b)
    frame = HELD if held else PLANNED
    meeting = only_meeting(frame.format(a=a, b=b, when=f"on {weekday}"), published)
    assert meeting.status is (Status.HELD if held else Status.PLANNED)
    date = meeting.date
    assert date is not None
    assert date.granularity is Granularity.DAY
    assert date.earliest is not None
    assert date.earliest == date.latest
    assert WEEKDAYS[date.earliest.weekday()] == weekday
    offset = (date.earliest - published).days
    assert (-6 <= offset <= 0) if held else (0 <= offset <= 6)
    assert date.anchor == published
    assert date.relative


@settings(max_examples=HALF)
@given(published=ANCHORS, phrase=st.sampled_from(sorted(RELATIVE)), a=STATES, b=STATES)
def test_relative_date_resolves_to_its_span(
    published: datetime.date, phrase: str, a: str, b: str
) -> None:
    assume(a != b)
    frame, span = RELATIVE[phrase]
    meeting = only_meeting(frame.format(a=a, b=b, when=phrase), published)
    assert meeting.status is (Status.HELD if frame is HELD else Status.PLANNED)
    assert meeting.mode is Mode.IN_PERSON
    date = meeting.date
    assert date is not None
    assert (date.earliest, date.latest) == span(published)
    assert date.earliest is not None
    assert date.latest is not None
    if frame is HELD:
        assert date.latest < published
    else:
        assert date.earliest > published


@settings(max_examples=HALF)
@given(published=ANCHORS, offset=st.integers(1, 300), held=st.booleans(), a=STATES, b=STATES)
def test_date_without_year_resolves_on_the_side_of_the_tense(
    published: datetime.date, offset: int, held: bool, a: str, b: str
) -> None:
    assume(a != b)
    day = published + datetime.timedelta(days=-offset if held else offset)
    when = f"on {day.day} {MONTHS[day.month - 1]}"
    frame = HELD if held else PLANNED
    meeting = only_meeting(frame.format(a=a, b=b, when=when), published)
    assert meeting.date is not None
    assert meeting.date.earliest == day


# --- The shrunk examples of the failures these properties found, now regression tests -------

FRIDAY = datetime.date(2025, 4, 11)


def one_meeting(
    body: str, published: datetime.date, parties: str, date: str | None, **place: str
) -> testing.Report:
    """A report of ``body`` with one held meeting in person and no named heads."""
    facts = testing.MeetingFacts(
        parties=frozenset(parties.split()),
        status=Status.HELD,
        mode=Mode.REMOTE if "telephone" in body else Mode.IN_PERSON,
        date=date,
        city=place.get("city"),
        country=place.get("country"),
        heads=(),
    )
    return testing.Report(text=f"Readout\n{body}\n", published=published, meetings=(facts,))


SHRUNK_FAILURES = [
    pytest.param(
        one_meeting(
            "Brazil and Egypt had a telephone  conversation on April 8.",
            FRIDAY,
            "BRA EGY",
            "2025-04-08",
        ),
        id="form: two spaces inside a trigger",
    ),
    pytest.param(
        one_meeting(
            "Brazil and Egypt held talks in  Cairo on April 8.",
            FRIDAY,
            "BRA EGY",
            "2025-04-08",
            city="Cairo",
            country="EGY",
        ),
        id="form: two spaces before a city",
    ),
    pytest.param(
        one_meeting(
            "Brazil and Egypt held\ntalks in Cairo on April 8.",
            FRIDAY,
            "BRA EGY",
            "2025-04-08",
            city="Cairo",
            country="EGY",
        ),
        id="form: a line break inside a sentence",
    ),
    pytest.param(
        one_meeting(
            "\nBrazil held talks with\nEgypt in Cairo on April 8.\n\nIt rained.",
            FRIDAY,
            "BRA EGY",
            "2025-04-08",
            city="Cairo",
            country="EGY",
        ),
        id="form: a line break before a capital in paragraphs separated by blank lines",
    ),
    pytest.param(
        one_meeting(
            "It rained. It rained. It rained.\nCanada held talks with Foreign Minister of the "
            "Central African Republic Ahmed Haddad in Andorra la Vella on Friday.",
            datetime.date(2000, 1, 1),
            "CAF CAN",
            "1999-12-31",
            city="Andorra la Vella",
            country="AND",
        ),
        # A date more than 100 characters after the trigger was attached only in the first
        # sentences of the body (as the day of the news): after three sentences of noise the
        # meeting was undated.
        id="noise: three sentences before a meeting dated far from its trigger",
    ),
]


@pytest.mark.parametrize("report", SHRUNK_FAILURES)
def test_shrunk_failure(report: testing.Report) -> None:
    result = de.parse(report.text, published=report.published)
    found = [testing.MeetingFacts.of(m) for m in result.meetings]
    # Heads are not what these examples are about.
    assert [attrs.evolve(f, heads=()) for f in found] == list(report.meetings)
