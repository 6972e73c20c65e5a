"""Robustness: any ``str`` parses, evidence stays exact, memory stays flat, bad files are named.

Text from the wild is messy: control characters, lone surrogates, markup,
right-to-left scripts, combining accents that normalisation moves,
megabytes of it.  Whatever the text, :func:`~diplomacy_events.parse` must
return a result (never raise) whose every evidence span quotes the text
exactly: ``text[e.start:e.end] == e.text``.

The raw corpus (2,841 real documents, ``shared/corpus/raw``) is parsed once,
by one parser, for two tests: every document parses without an exception,
and the memory held between documents does not grow along the stream.
"""

from __future__ import annotations

import datetime
import gc
import json
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diplomacy_events as de
from diplomacy_events import GoldFormatError, Parser, Result
from diplomacy_events.gold import load_document
from diplomacy_events.serialize import dumps, loads
from diplomacy_events.testing import assert_evidence_consistent, iter_evidence

try:
    import resource
except ImportError:  # pragma: no cover - not on Windows
    resource = None  # type: ignore[assignment]

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
RAW_FILES = sorted((CORPUS / "raw").glob("*.jsonl"))
NO_RAW = f"the raw corpus ({CORPUS / 'raw'}/*.jsonl) is not here"

PUBLISHED = datetime.date(2022, 3, 1)
ARTICLE = (
    "Russian President Vladimir Putin held talks with Chinese President Xi Jinping "
    "in Moscow on Monday. The two sides agreed to continue contacts."
)

# Odd strings, each alone and spliced into an article.
ODD = {
    "empty": "",
    "one space": " ",
    "whitespace only": " \t\n\r\n\x0b\x0c \u00a0\u2007\u202f\u2009\u3000 ",
    "newlines only": "\n" * 50,
    "punctuation only": "!?.,;:'\"()[]{}<>-\u2014\u2013\u2026/\\|@#$%^&*_+=~`",
    "full stops only": "." * 200,
    "NUL": "\x00",
    "NULs inside words": "Rus\x00sia met Chi\x00na.\x00",
    "control characters": "".join(map(chr, range(32))) + "\x7f\x80\x85\x9f",
    "lone surrogates": "\ud800 \udfff \udbff\udc00\ud800 ",
    "noncharacters": "\ufffe\uffff\U0010ffff\ufdd0",
    "replacement characters": "\ufffd\ufffd caf\ufffd",
    "byte order mark": "\ufeff",
    "zero-width characters": "Rus\u200bsia Chi\u200dna \u200c\u2060\u00ad",
    "line and paragraph separators": "a\u2028b\u2029c\x1cd\x1de\x1ef\x85g",
    "carriage returns": "a\r\nb\rc\r\r\n",
    "right-to-left": "\u202eRussia\u202c \u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd "
    "\u200f\u061c",
    "mixed scripts": "\u0420\u043e\u0441\u0441\u0438\u044f \u4e2d\u56fd \u0928\u092e\u0938\u094d\u0924\u0947 "
    "\u0395\u03bb\u03bb\u03ac\u03b4\u03b1",
    "emoji": "\U0001f469\u200d\U0001f469\u200d\U0001f467 \U0001f1f7\U0001f1fa\U0001f1e8\U0001f1f3 "
    "\U0001f44d\U0001f3fd",
    "combining accents (NFD)": "Pre\u0301sident e\u0301te\u0301 Mosco\u0300w",
    "combining marks first": "\u0301\u0302\u0303 talks",
    "characters NFC splits": "\u0958\u0959 \u2adc \U0001d15e \u0344",
    "characters NFC joins": "\u1100\u1161\u11a8 A\u030a \u212b",
    "case changes length": "\u0130STANBUL \u0130stanbul \ufb01nal \u00df \u0149",
    "fullwidth and other digits": "\uff2d\uff41\uff59\u3000\uff12\uff13 \u0662\u0663 May \u0662\u0663, "
    "\uff12\uff10\uff12\uff12",
    "HTML markup": "<p>Russia <b>met</b> China</p><script>alert('x')</script>"
    "&amp;&nbsp;&#8217;<!-- Putin met Xi -->",
    "a URL": "https://example.org/2022/03/01/putin-met-xi?x=1&y=2#top",
    "JSON": '{"text": "Russia met China", "published": "2022-03-01"}',
    "curly quotes": "\u201cRussia\u201d \u2018met\u2019 \u00abChina\u00bb \u201e\u201f",
    "very long word": "a" * 5_000,
    "very long line of one letter words": "a " * 5_000,
}


def _assert_consistent(result: Result, text: str) -> None:
    """The article is the text as given, and every evidence span quotes it."""
    assert result.article.text == text
    assert_evidence_consistent(result)


@pytest.fixture(scope="module")
def parser() -> Parser:
    return Parser()


@pytest.mark.parametrize("odd", list(ODD.values()), ids=list(ODD))
def test_odd_text_alone_parses(parser: Parser, odd: str) -> None:
    _assert_consistent(parser.parse(odd, published=PUBLISHED), odd)


@pytest.mark.parametrize("odd", list(ODD.values()), ids=list(ODD))
@pytest.mark.parametrize(
    "splice",
    [
        pytest.param(lambda odd: odd + " " + ARTICLE, id="before"),
        pytest.param(lambda odd: ARTICLE + odd, id="after"),
        pytest.param(lambda odd: odd.join(ARTICLE.split(" ")), id="between words"),
        pytest.param(
            lambda odd: "".join(c + odd for c in ARTICLE[:60]) + ARTICLE[60:], id="in words"
        ),
    ],
)
def test_odd_text_in_an_article_parses_with_exact_evidence(
    parser: Parser, odd: str, splice: Callable[[str], str]
) -> None:
    text = splice(odd)
    _assert_consistent(parser.parse(text, published=PUBLISHED), text)


# The odd strings that report no meeting of their own.
NOISE = {name: odd for name, odd in ODD.items() if name not in {"HTML markup", "JSON"}}


@pytest.mark.parametrize("odd", list(NOISE.values()), ids=list(NOISE))
def test_odd_line_does_not_hide_the_meeting_below_it(parser: Parser, odd: str) -> None:
    text = odd + "\n" + ARTICLE
    result = parser.parse(text, published=PUBLISHED)
    _assert_consistent(result, text)
    assert [sorted(p.code for p in m.parties) for m in result.meetings] == [["CHN", "RUS"]]
    (meeting,) = result.meetings
    assert meeting.evidence[0].start > len(odd)


def test_evidence_after_characters_normalisation_changes(parser: Parser) -> None:
    # NFC turns U+0958 into two characters and joins e + U+0301 into one:
    # offsets into the text must still count the text's own characters.
    prefix = "\u0958\u0958 Pre\u0301sident e\u0301te\u0301 A\u030a\n"
    assert not unicodedata.is_normalized("NFC", prefix)
    result = parser.parse(prefix + ARTICLE, published=PUBLISHED)
    _assert_consistent(result, prefix + ARTICLE)
    (meeting,) = result.meetings
    assert meeting.heads["RUS"].evidence.text == "Vladimir Putin"


def test_html_is_read_as_text(parser: Parser) -> None:
    text = "<html><body><p>" + ARTICLE.replace(". ", ".</p>\n<p>") + "</p></body></html>"
    result = parser.parse(text, published=PUBLISHED)
    _assert_consistent(result, text)
    assert [sorted(p.code for p in m.parties) for m in result.meetings] == [["CHN", "RUS"]]


# --- Random text -----------------------------------------------------------------------------

_WORDS = (
    "Russia China the U.S. Putin Xi Jinping Blinken Lavrov President Foreign Minister "
    "Secretary of State held talks met agreed to will meet again in Moscow Geneva "
    "on Monday May 24-27 2022 next week by phone and , . ; : ( ) ' \" \n"
).split(" ")


@settings(
    max_examples=3 * settings().max_examples,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=st.text())
def test_any_str_parses_with_exact_evidence(parser: Parser, text: str) -> None:
    _assert_consistent(parser.parse(text, published=PUBLISHED), text)


@settings(
    max_examples=3 * settings().max_examples,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    words=st.lists(
        st.one_of(st.sampled_from(_WORDS), st.text(max_size=3)), min_size=1, max_size=60
    ),
    separator=st.sampled_from([" ", "  ", "\u00a0", "\u2019", "e\u0301 ", "\n", "\ud800"]),
)
def test_diplomatic_words_with_noise_parse_with_exact_evidence(
    parser: Parser, words: list[str], separator: str
) -> None:
    text = separator.join(words)
    _assert_consistent(parser.parse(text, published=PUBLISHED), text)


# --- Long text ---------------------------------------------------------------------------------

FILLER = (
    "The weather in the region was mild for the season, and farmers expected a good "
    "harvest after a wet spring. "
)
LAST = (
    "Secretary of State Antony Blinken met Indian External Affairs Minister "
    "Subrahmanyam Jaishankar in Washington on April 11, 2022."
)


def test_several_megabytes_parse_with_exact_evidence(parser: Parser) -> None:
    filler = FILLER * (3_000_000 // len(FILLER))
    text = ARTICLE + "\n" + filler + "\n" + LAST
    assert len(text) > 3_000_000
    result = parser.parse(text, published=datetime.date(2022, 4, 12))
    _assert_consistent(result, text)
    parties = [sorted(p.code for p in m.parties) for m in result.meetings]
    assert parties == [["CHN", "RUS"], ["IND", "USA"]]
    assert result.meetings[1].evidence[0].start > 3_000_000


def test_one_megabyte_line_of_prose_parses(parser: Parser) -> None:
    # A scraped page whose paragraphs were flattened into one line.
    text = ARTICLE.replace("\n", " ") + " " + FILLER * (1_000_000 // len(FILLER))
    _assert_consistent(parser.parse(text, published=PUBLISHED), text)


# --- The raw corpus ----------------------------------------------------------------------------


def _raw_documents() -> Iterator[tuple[str, dict[str, object]]]:
    """Each raw document with where it is (``"file, line N"``)."""
    for path in RAW_FILES:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                yield f"{path.name}, line {number}", json.loads(line)


@attrs.define
class RawRun:
    """What parsing the raw corpus once found."""

    documents: int = 0
    failures: list[str] = attrs.Factory(list)
    checkpoints: list[tuple[int, int, int | None]] = attrs.Factory(list)
    """(documents parsed, memory blocks allocated after a collection, peak RSS so far)."""


def _peak_rss() -> int | None:
    """The process's peak resident memory (in the units ``getrusage`` gives), where known."""
    if resource is None:  # pragma: no cover
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _checkpoint(run: RawRun) -> None:
    gc.collect()
    run.checkpoints.append((run.documents, sys.getallocatedblocks(), _peak_rss()))


def _parse_raw(parser: Parser, record: dict[str, object]) -> str | None:
    """Parse one raw record; say what went wrong, if anything (the result is not kept)."""
    text, published, title = record.get("text"), record.get("published"), record.get("title")
    if not isinstance(text, str):
        return f"the record's text is not a string: {type(text).__name__}"
    try:
        result = parser.parse(
            text,
            published=datetime.date.fromisoformat(published)
            if isinstance(published, str)
            else None,
            title=title if isinstance(title, str) else None,
            id=str(record.get("id")),
        )
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    bad = [
        f"{path} {e.start}:{e.end}"
        for path, e in iter_evidence(result)
        if text[e.start : e.end] != e.text
    ]
    return f"evidence does not quote the text: {bad[:3]}" if bad else None


@pytest.fixture(scope="module")
def raw_run() -> RawRun:
    """Parse every raw document with one parser, recording failures and memory on the way."""
    if not RAW_FILES:
        pytest.skip(NO_RAW)
    total = sum(1 for path in RAW_FILES for _ in path.open(encoding="utf-8"))
    every = max(1, total // 16)
    parser = Parser()
    parser.parse(ARTICLE, published=PUBLISHED)  # build the patterns before measuring
    run = RawRun()
    _checkpoint(run)
    for where, record in _raw_documents():
        problem = _parse_raw(parser, record)
        if problem is not None:
            run.failures.append(f"{where} ({record.get('id')}): {problem}")
        run.documents += 1
        if run.documents % every == 0:
            _checkpoint(run)
    _checkpoint(run)
    return run


def test_every_article_of_the_raw_corpus_parses_without_an_exception(raw_run: RawRun) -> None:
    total = sum(1 for path in RAW_FILES for _ in path.open(encoding="utf-8"))
    assert raw_run.documents == total
    assert not raw_run.failures, "\n".join(raw_run.failures[:20])


BLOCK_MARGIN = 20_000
"""How many more memory blocks the second half of the stream may leave allocated than the
first half did: a few hundred kilobytes, a hundredth of what keeping every result would take."""
RSS_MARGIN = 64 * 1024 * 1024
"""How much the peak resident memory may rise in the second half, in bytes."""


def test_memory_stays_flat_over_the_raw_stream(raw_run: RawRun) -> None:
    checkpoints = raw_run.checkpoints
    half = min(checkpoints, key=lambda c: abs(c[0] - raw_run.documents // 2))
    end = checkpoints[-1]
    report = "\n".join(
        f"  after {n} documents: {blocks} blocks, peak RSS {rss}" for n, blocks, rss in checkpoints
    )
    assert end[1] - half[1] < BLOCK_MARGIN, f"memory held grows along the stream:\n{report}"
    if half[2] is not None and end[2] is not None:
        unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
        assert (end[2] - half[2]) * unit < RSS_MARGIN, f"peak memory grows:\n{report}"


# --- Files -------------------------------------------------------------------------------------

GOLD = {
    "id": "doc",
    "published": "2022-03-01",
    "source": "made up for the tests",
    "meetings": [
        {
            "evidence": "held talks with Chinese President Xi Jinping",
            "status": "held",
            "mode": "in_person",
            "parties": ["CHN", "RUS"],
            "date": "2022-02-28",
            "location": {"city": "Moscow", "country": "RUS"},
            "heads": {"RUS": "Vladimir Putin", "CHN": "Xi Jinping"},
        }
    ],
    "commitments": [],
    "followups": [
        {"evidence": "agreed to continue contacts", "parties": ["CHN", "RUS"], "meeting": 0}
    ],
}


def _write_gold(folder: Path, data: object, text: str = ARTICLE) -> Path:
    path = folder / "doc.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    (folder / "doc.txt").write_text(text, encoding="utf-8", newline="")
    return path


def test_gold_file_loads(tmp_path: Path) -> None:
    doc = load_document(_write_gold(tmp_path, GOLD))
    assert doc.meetings[0].evidence.text == GOLD["meetings"][0]["evidence"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("item", "evidence"),
    [
        ("meetings[0]", "held talks with President Biden"),
        ("followups[0]", "agreed to stop contacts"),
    ],
)
def test_gold_evidence_not_in_its_text_names_file_and_item(
    tmp_path: Path, item: str, evidence: str
) -> None:
    data = json.loads(json.dumps(GOLD))
    kind, index = item.rstrip("]").split("[")
    data[kind][int(index)]["evidence"] = evidence
    path = _write_gold(tmp_path, data)
    with pytest.raises(GoldFormatError) as caught:
        load_document(path)
    error = caught.value
    assert error.path == str(path)
    assert str(path) in str(error)
    assert f"{item}.evidence" in error.problem
    assert repr(evidence) in error.problem
    assert "does not occur" in error.problem


def test_gold_evidence_span_that_quotes_other_text_names_file_and_item(tmp_path: Path) -> None:
    data = json.loads(json.dumps(GOLD))
    data["meetings"][0]["evidence"] = {"start": 0, "end": 7, "text": "Chinese"}
    path = _write_gold(tmp_path, data)
    with pytest.raises(GoldFormatError, match=r"meetings\[0\]\.evidence.*'Russian'.*'Chinese'"):
        load_document(path)


def test_gold_evidence_in_a_text_with_odd_characters(tmp_path: Path) -> None:
    text = "\ufeff\u0958 Pre\u0301sident \U0001f600\r\n" + ARTICLE
    path = _write_gold(tmp_path, GOLD, text)
    doc = load_document(path)
    span = doc.meetings[0].evidence
    assert doc.text[span.start : span.end] == span.text


def test_a_missing_gold_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match="does not exist") as caught:
        load_document(tmp_path / "nowhere.json")
    assert "nowhere.json" in str(caught.value)


def test_a_folder_where_a_gold_file_was_expected_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "doc.json"
    folder.mkdir()
    (tmp_path / "doc.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(GoldFormatError, match="cannot read") as caught:
        load_document(folder)
    assert str(folder) in str(caught.value)


def test_a_folder_where_the_text_file_was_expected_is_named(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    (tmp_path / "doc.txt").mkdir()
    with pytest.raises(GoldFormatError, match=r"cannot read the text file .*doc\.txt"):
        load_document(path)


@pytest.mark.parametrize(
    ("encoding", "byte"),
    [("cp1252", "0x92"), ("latin-1", "0xe9"), ("utf-16", "0xff")],
)
def test_a_text_in_a_legacy_encoding_is_a_clear_error(
    tmp_path: Path, encoding: str, byte: str
) -> None:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    (tmp_path / "doc.txt").write_bytes(
        ("Don\u2019t caf\u00e9 " + ARTICLE).encode(encoding, "replace")
    )
    with pytest.raises(GoldFormatError, match=rf"is not UTF-8 \(byte {byte} at [0-9]+\)"):
        load_document(path)


def test_invalid_utf8_in_the_gold_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_bytes(json.dumps(GOLD).encode("utf-8").replace(b"made up", b"made \xff\xfe up"))
    (tmp_path / "doc.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"not UTF-8 \(byte 0xff at [0-9]+\)"):
        load_document(path)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("[" * 100_000 + "]" * 100_000, id="deeply nested"),
        pytest.param('{"id": "doc", "meetings": [', id="truncated"),
        pytest.param("", id="empty"),
        pytest.param("\ufeff{}", id="byte order mark"),
        pytest.param('{"id": 1e999999}', id="huge number"),
        pytest.param('{"id": "' + "9" * 5_000 + '"}', id="long string"),
        pytest.param('{"id": ' + "9" * 5_000 + "}", id="long integer"),
        pytest.param("NaN", id="NaN"),
    ],
)
def test_odd_json_in_a_gold_file_is_a_gold_format_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "doc.json"
    path.write_text(content, encoding="utf-8")
    (tmp_path / "doc.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(GoldFormatError) as caught:
        load_document(path)
    assert str(path) in str(caught.value)
    assert len(str(caught.value)) < 1_000


def test_result_of_odd_text_round_trips_through_json(parser: Parser) -> None:
    text = "\ud800 \x00" + ODD["combining accents (NFD)"] + ODD["emoji"] + "\n" + ARTICLE
    result = parser.parse(text, published=PUBLISHED)
    assert loads(dumps(result), Result) == result


def test_result_of_text_with_lone_surrogates_can_be_written_as_utf8(parser: Parser) -> None:
    result = parser.parse("\ud800 " + ARTICLE, published=PUBLISHED)
    encoded = dumps(result).encode("utf-8")
    assert loads(encoded, Result) == result


def test_module_level_parse_is_robust_too() -> None:
    for odd in ODD.values():
        _assert_consistent(de.parse(odd), odd)
