"""Tests for diplomacy_events.render: review pages, the index, writing them, in a real browser.

Cases are written for this module: the seed article (parsed with its
publication date 2025-04-11; only the page's structure is asserted, since the
parsers change) and a hand-built hostile article whose spans overlap and
sit after astral characters, combining marks, a CR LF and markup.  The
browser tests drive Debian's Chromium through Playwright (see ``browser.py``).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import itertools
import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest
from browser import find_chromium, launch, open_page
from hypothesis import given, settings
from hypothesis import strategies as st

import diplomacy_events as de
from diplomacy_events.exceptions import ArgumentTypeError, InputError
from diplomacy_events.model import (
    Article,
    Commitment,
    Concern,
    Delegation,
    Duration,
    DurationUnit,
    Evidence,
    FollowUp,
    Granularity,
    Meeting,
    Party,
    Person,
    Place,
    Rank,
    Request,
    Result,
    Source,
    Status,
    TimeExpression,
)
from diplomacy_events.parties import PartyFinder
from diplomacy_events.render import KINDS, render_index, render_page, safe_name, write_pages
from diplomacy_events.text import Document

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "seed-istanbul-consultations.txt"
PUBLISHED = datetime.date(2025, 4, 11)

RUS = Party(code="RUS", name="Russia")
CHN = Party(code="CHN", name="China")

HOSTILE = (
    "Talks 👩🏽‍💼 with Cafe\u0301 Noe\u0308l <script>alert(1)</script>\r\n"
    "Russia and China held talks in Moscow on Monday 🇷🇺🇨🇳. "
    'The "quoted" & <b>bold</b> ministers agreed to meet again.\n'
    "<img src=x onerror=alert(2)> e\u0301\u0301 \U0001f600 end ]]> --> &amp;"
)


def ev(text: str, phrase: str, *, occurrence: int = 0, rule: str = "test") -> Evidence:
    """The evidence of the n-th occurrence of phrase in text."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Evidence(start=start, end=start + len(phrase), text=phrase, rule=rule)


def hostile_result() -> Result:
    """A hand-built result over HOSTILE with nested and partly overlapping spans."""
    t = HOSTILE
    person = Person(
        name="Cafe\u0301 Noe\u0308l",
        rank=Rank.MINISTER,
        party=RUS,
        evidence=ev(t, "Cafe\u0301 Noe\u0308l"),
    )
    monday = TimeExpression(
        evidence=ev(t, "Monday"),
        granularity=Granularity.DAY,
        earliest=datetime.date(2025, 4, 7),
        latest=datetime.date(2025, 4, 7),
        anchor=PUBLISHED,
        relative=True,
    )
    meeting = Meeting(
        status=Status.HELD,
        parties=(CHN, RUS),
        delegations=(Delegation(party=RUS, head=person), Delegation(party=CHN)),
        date=monday,
        location=Place(city="Moscow", country=RUS, evidence=ev(t, "Moscow")),
        duration=Duration(amount=1, unit=DurationUnit.HOUR, evidence=ev(t, "👩🏽‍💼")),
        format=("<closed-door>",),
        kind="talks",
        evidence=(
            ev(t, "Russia and China held talks in Moscow on Monday 🇷🇺🇨🇳"),
            ev(t, "Talks 👩🏽‍💼"),
        ),
    )
    commitment = Commitment(
        parties=(CHN, RUS),
        action="meet <again>",
        reported_by=(Source(name="<script>", evidence=ev(t, "<script>alert(1)</script>")),),
        meeting=0,
        evidence=ev(t, 'on Monday 🇷🇺🇨🇳. The "quoted" & <b>bold</b> ministers agreed'),
    )
    followup = FollowUp(
        parties=(CHN, RUS),
        meeting=0,
        evidence=ev(t, "meet again.\n<img src=x onerror=alert(2)>"),
    )
    concern = Concern(parties=(RUS,), meeting=0, evidence=ev(t, "alert(1)</script>\r\nRussia and"))
    request = Request(
        parties=(CHN,),
        addressees=(RUS,),
        evidence=ev(t, "e\u0301\u0301 \U0001f600 end ]]> --> &amp;"),
    )
    return Result(
        article=Article(text=t, id="hostile <x>", published=PUBLISHED),
        meetings=(meeting,),
        commitments=(commitment,),
        followups=(followup,),
        requests=(request,),
        concerns=(concern,),
        people=(person,),
    )


@pytest.fixture(scope="module")
def seed() -> Result:
    return de.parse(
        SEED.read_text(encoding="utf-8"), published=PUBLISHED, id="seed-istanbul-consultations"
    )


# --- What a page should highlight, computed from the result independently of render.py ---


def _usable(text: str, evidence: Evidence | None) -> bool:
    return (
        evidence is not None
        and evidence.start < evidence.end
        and text[evidence.start : evidence.end] == evidence.text
    )


def meeting_evidence(result: Result, meeting: Meeting) -> list[Evidence]:
    """Every span that states something about the meeting."""
    found: list[Evidence | None] = [*meeting.evidence]
    found += [meeting.date.evidence if meeting.date else None]
    found += [meeting.location.evidence if meeting.location else None]
    found += [meeting.duration.evidence if meeting.duration else None]
    for delegation in meeting.delegations:
        found += [p.evidence for p in (delegation.head, *delegation.members) if p is not None]
    return [e for e in found if e is not None and _usable(result.article.text, e)]


def expected_spans(result: Result) -> dict[str, set[tuple[int, int]]]:
    """The (start, end) of every span the page should highlight, by kind."""
    text = result.article.text
    spans: dict[str, list[Evidence | None]] = {key: [] for key, _label in KINDS}
    for m in result.meetings:
        spans["meeting"] += m.evidence
        spans["date"].append(m.date.evidence if m.date else None)
        spans["place"].append(m.location.evidence if m.location else None)
        spans["duration"].append(m.duration.evidence if m.duration else None)
        for d in m.delegations:
            spans["person"] += [p.evidence for p in (d.head, *d.members) if p is not None]
    for c in result.commitments:
        spans["commitment"].append(c.evidence)
        spans["source"] += [s.evidence for s in c.reported_by]
    for f in result.followups:
        spans["followup"].append(f.evidence)
        spans["date"].append(f.timeframe.evidence if f.timeframe else None)
        spans["place"].append(f.location.evidence if f.location else None)
    spans["request"] += [r.evidence for r in result.requests]
    spans["concern"] += [c.evidence for c in result.concerns]
    spans["person"] += [p.evidence for p in result.people]
    spans["party"] += [m.evidence for m in PartyFinder().find(Document.from_text(text))]
    return {
        kind: {(e.start, e.end) for e in found if e is not None and _usable(text, e)}
        for kind, found in spans.items()
    }


# --- Reading a page with html.parser ---

_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class ParsedPage(HTMLParser):
    """A page read with html.parser: its elements, segments, article text, scripts and styles."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.doctype: str | None = None
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.segments: list[dict[str, Any]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self.article_text: list[str] = []
        self._text_depth: int | None = None
        self._segment: dict[str, Any] | None = None
        self.feed(page)
        self.close()
        if self.stack:
            self.problems.append(f"unclosed: {self.stack}")

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.elements.append((tag, values))
        if tag in _VOID:
            return
        self.stack.append(tag)
        if tag == "div" and "text" in values.get("class", "").split():
            self._text_depth = len(self.stack)
        if tag == "span" and "seg" in values.get("class", "").split():
            if self._segment is not None:
                self.problems.append("a segment inside a segment")
            self._segment = {**values, "content": ""}
        if tag in self.raw:
            self.raw[tag].append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        if tag not in _VOID:
            self.problems.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            self.problems.append(f"end tag for void <{tag}>")
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        if self._text_depth == len(self.stack):
            self._text_depth = None
        self.stack.pop()
        if tag == "span" and self._segment is not None:
            self.segments.append(self._segment)
            self._segment = None

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] in self.raw:
            self.raw[self.stack[-1]][-1] += data
        if self._text_depth is not None:
            self.article_text.append(data)
        if self._segment is not None:
            self._segment["content"] += data


def parsed(page: str) -> ParsedPage:
    """The page read back, checked to be well-formed HTML5."""
    result = ParsedPage(page)
    assert result.doctype is not None
    assert result.doctype.lower() == "doctype html"
    assert result.problems == []
    return result


def segment_spans(page: ParsedPage) -> dict[str, tuple[int, int]]:
    """Each span id with its extent, checking its segments are contiguous."""
    pieces: dict[str, list[tuple[int, int]]] = {}
    for segment in page.segments:
        for span_id in segment["data-spans"].split():
            pieces.setdefault(span_id, []).append(
                (int(segment["data-start"]), int(segment["data-end"]))
            )
    extents = {}
    for span_id, parts in pieces.items():
        parts.sort()
        assert all(a[1] == b[0] for a, b in itertools.pairwise(parts)), (span_id, parts)
        extents[span_id] = (parts[0][0], parts[-1][1])
    return extents


def by_kind(extents: dict[str, tuple[int, int]]) -> dict[str, set[tuple[int, int]]]:
    kinds: dict[str, set[tuple[int, int]]] = {key: set() for key, _label in KINDS}
    for span_id, extent in extents.items():
        kinds[span_id.rsplit("-", 1)[0]].add(extent)
    return kinds


def _csp_source(content: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(content.encode()).digest()).decode() + "'"


# --- render_page, read with html.parser ---


@pytest.mark.parametrize("which", ["seed", "hostile"])
def test_page_is_well_formed_self_contained_html(which: str, seed: Result) -> None:
    result = seed if which == "seed" else hostile_result()
    html = render_page(result)
    page = parsed(html)
    tags = [tag for tag, _attrs in page.elements]
    assert tags.count("script") == 1
    assert tags.count("style") == 1
    assert "img" not in tags
    assert "b" not in tags
    for tag, attrs in page.elements:
        assert "src" not in attrs, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                assert value == "data:," or not re.match(r"[a-z][a-z0-9+.-]*:|//", value, re.I), (
                    value
                )
    if which == "seed":
        assert "http://" not in html
        assert "https://" not in html
    (meta,) = [
        a
        for t, a in page.elements
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    policy = meta["content"]
    assert "default-src 'none'" in policy
    assert f"script-src {_csp_source(page.raw['script'][0])}" in policy
    assert f"style-src {_csp_source(page.raw['style'][0])}" in policy


def test_page_escapes_the_untrusted_text() -> None:
    result = hostile_result()
    html = render_page(result, title="<i>title</i> & more")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
    assert "<img src=x" not in html
    assert "<b>bold" not in html
    assert "<i>title</i>" not in html
    assert "&lt;i&gt;title&lt;/i&gt; &amp; more" in html
    assert "meet &lt;again&gt;" in html  # values from the result are escaped too
    page = parsed(html)
    assert "".join(page.article_text) == HOSTILE  # the CR of CR LF survives as &#13;


@pytest.mark.parametrize("which", ["seed", "hostile"])
def test_segments_carry_their_python_offsets(which: str, seed: Result) -> None:
    result = seed if which == "seed" else hostile_result()
    page = parsed(render_page(result))
    text = result.article.text
    assert "".join(page.article_text) == text
    assert page.segments
    for segment in page.segments:
        start, end = int(segment["data-start"]), int(segment["data-end"])
        assert 0 <= start < end <= len(text)
        assert segment["content"] == text[start:end]
        kinds = {span_id.rsplit("-", 1)[0] for span_id in segment["data-spans"].split()}
        assert {f"k-{k}" for k in kinds} == set(segment["class"].split()) - {"seg"}
    assert by_kind(segment_spans(page)) == expected_spans(result)


def test_overlapping_spans_are_split_at_every_boundary() -> None:
    result = hostile_result()
    page = parsed(render_page(result))
    meeting = result.meetings[0].evidence[0]
    commitment = result.commitments[0].evidence
    assert meeting.overlaps(commitment)
    assert not meeting.covers(commitment)
    monday = result.meetings[0].date
    assert monday is not None
    (segment,) = [
        s
        for s in page.segments
        if (int(s["data-start"]), int(s["data-end"]))
        == (monday.evidence.start, monday.evidence.end)
    ]
    assert {"k-meeting", "k-commitment", "k-date"} <= set(segment["class"].split())
    bounds = {int(s["data-start"]) for s in page.segments} | {
        int(s["data-end"]) for s in page.segments
    }
    assert {meeting.start, meeting.end, commitment.start, commitment.end} <= bounds


def test_panel_lists_every_object(seed: Result) -> None:
    page = parsed(render_page(seed))
    ids = {attrs.get("id") for _tag, attrs in page.elements}
    for kind, objects in (
        ("meeting", seed.meetings),
        ("commitment", seed.commitments),
        ("followup", seed.followups),
    ):
        assert {f"obj-{kind}-{n}" for n in range(1, len(objects) + 1)} <= ids
        assert f"obj-{kind}-{len(objects) + 1}" not in ids
    legend = [
        a.get("class")
        for t, a in page.elements
        if t == "li" and a.get("class", "").startswith("k-")
    ]
    assert legend
    assert set(legend) <= {f"k-{key}" for key, _label in KINDS}


def test_page_shows_the_meeting_facts() -> None:
    html = render_page(hostile_result())
    for fact in (
        "held",
        "in person",
        "CHN (China), RUS (Russia)",
        "2025-04-07",
        "Moscow, Russia",
        "RUS head",
        "1 hour",
        "&lt;closed-door&gt;",
    ):
        assert fact in html, fact


def test_evidence_that_does_not_match_the_text_is_reported_not_highlighted() -> None:
    text = "Russia and China held talks."
    wrong = Evidence(start=0, end=6, text="Norway")
    beyond = Evidence(start=20, end=40, text="x" * 20)
    result = Result(
        article=Article(text=text),
        meetings=(
            Meeting(
                status=Status.HELD,
                parties=(CHN, RUS),
                evidence=(wrong, beyond, ev(text, "held talks")),
            ),
        ),
    )
    html = render_page(result)
    assert "2 evidence span(s) do not match the text" in html
    page = parsed(html)
    assert by_kind(segment_spans(page))["meeting"] == {
        (text.index("held talks"), text.index("held talks") + 10)
    }


def test_render_page_rejects_wrong_types() -> None:
    with pytest.raises(ArgumentTypeError, match="result: got str"):
        render_page("Russia and China held talks.")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="title: got int"):
        render_page(hostile_result(), title=3)  # type: ignore[arg-type]


def test_default_title_is_the_headline(seed: Result) -> None:
    page = render_page(seed)
    assert "<title>Russia and US Disclose Information on Istanbul Discussions</title>" in page
    titled = Result(article=Article(text="x", title="Given", id="id-1"))
    assert "<title>Given</title>" in render_page(titled)
    assert "<title>id-1</title>" in render_page(Result(article=Article(text="  \n", id="id-1")))


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(
            [*"ab <>&\"'\r\n\t\0", "\u0301", "\U0001f600", "\U0001f1f7", "\u200d"]
        ),
        min_size=1,
        max_size=40,
    ),
    cuts=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=8),
)
def test_segments_cover_the_text_exactly(text: str, cuts: list[tuple[int, int]]) -> None:
    spans = sorted(
        {(min(a, b), max(a, b)) for a, b in cuts if min(a, b) < min(max(a, b), len(text))}
    )
    spans = [(a, min(b, len(text))) for a, b in spans]
    commitments = tuple(
        Commitment(parties=(RUS,), action="x", evidence=Evidence(start=a, end=b, text=text[a:b]))
        for a, b in spans
    )
    page = parsed(render_page(Result(article=Article(text=text), commitments=commitments)))
    text = text.replace("\0", "\ufffd")  # HTML cannot hold NUL: shown as U+FFFD, in its place
    assert "".join(page.article_text) == text
    covered = {a: set() for a in range(len(text))}  # type: dict[int, set[tuple[int, int]]]
    for a, b in spans:
        for i in range(a, b):
            covered[i].add((a, b))
    extents = segment_spans(page)
    for segment in page.segments:
        start, end = int(segment["data-start"]), int(segment["data-end"])
        assert segment["content"] == text[start:end]
        mine = {extents[i] for i in segment["data-spans"].split() if i.startswith("commitment-")}
        assert all(covered[i] == mine for i in range(start, end))
    assert by_kind(extents)["commitment"] == set(spans)


# --- render_index ---


def test_index_counts_and_links() -> None:
    one = hostile_result()
    empty = Result(article=Article(text="Nothing here.", title="A <quiet> day"))
    html = render_index([("hostile x.html", "hostile <x>", one), ("quiet.html", "quiet", empty)])
    page = parsed(html)
    links = [a["href"] for t, a in page.elements if t == "a"]
    assert links == [quote("hostile x.html"), "quiet.html"]
    assert "hostile &lt;x&gt;" in html
    assert "A &lt;quiet&gt; day" in html
    rows = re.findall(r"<tr><td>.*?</tr>", html)
    numbers = [[int(n) for n in re.findall(r'<td class="n">(\d+)</td>', row)] for row in rows]
    assert numbers[0] == [1, 1, 1, 2, 1]
    assert numbers[1] == [0, 0, 0, 0, 0]
    total = re.search(r"<tfoot>.*</tfoot>", html)
    assert total is not None
    assert [int(n) for n in re.findall(r'<td class="n">(\d+)</td>', total.group())] == [
        1,
        1,
        1,
        2,
        1,
    ]
    assert "<script" not in html


def test_render_index_rejects_bad_entries() -> None:
    with pytest.raises(ArgumentTypeError, match=r"entries\[0\]"):
        render_index([("a.html", "a")])  # type: ignore[list-item]
    with pytest.raises(ArgumentTypeError, match=r"entries\[0\]\[2\]"):
        render_index([("a.html", "a", "not a result")])  # type: ignore[list-item]


# --- safe names and write_pages ---


@pytest.mark.parametrize(
    ("article_id", "name"),
    [
        ("seed-istanbul-consultations", "seed-istanbul-consultations"),
        ("../../etc/passwd", "etc_passwd"),
        ("/abs/path", "abs_path"),
        ("..", "article"),
        ("", "article"),
        (".hidden", "hidden"),
        ("Türkiye talks", "Turkiye_talks"),
        ("con", "_con"),
        ("NUL.txt", "_NUL.txt"),
        ("a\\b:c*d?e", "a_b_c_d_e"),
        ("x" * 300, "x" * 100),
        ("bad\udcff", "bad"),
    ],
)
def test_safe_name(article_id: str, name: str) -> None:
    assert safe_name(article_id) == name


def small_result(n: int) -> Result:
    text = "Russia and China held talks." + " more" * n
    meeting = Meeting(status=Status.HELD, parties=(CHN, RUS), evidence=(ev(text, "held talks"),))
    return Result(article=Article(text=text), meetings=(meeting,) * (n % 3))


def test_write_pages_names_are_safe_and_unique(tmp_path: Path) -> None:
    ids = [
        "../../etc/passwd",
        "a/b",
        "a_b",
        "index",
        "INDEX",
        "",
        "Dup",
        "dup",
        "dup-2",
        "x" * 300,
        "..",
    ]
    out = tmp_path / "out" / "nested"
    paths = write_pages(((i, small_result(n)) for n, i in enumerate(ids)), out)
    assert len(paths) == len(ids) + 1
    assert paths[-1] == out / "index.html"
    names = [p.name for p in paths[:-1]]
    assert len({n.casefold() for n in names}) == len(names)
    assert "index.html" not in {n.casefold() for n in names}
    for path in paths:
        assert path.parent == out
        assert path.is_file()
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*\.html", path.name), path.name
    assert names[:4] == ["etc_passwd.html", "a_b.html", "a_b-2.html", "index-2.html"]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="([^"]+)"', index) == [quote(n) for n in names]
    assert index.count("<tr><td><a href=") == len(ids)


def test_write_pages_writes_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    renames: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spy(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        source, target = Path(src), Path(dst)
        assert source.parent == target.parent
        assert source.name.startswith(".")
        assert source.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        renames.append((source, target))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    paths = write_pages([("one", small_result(1))], tmp_path)
    assert [target for _source, target in renames] == paths
    assert sorted(tmp_path.iterdir()) == sorted(paths)
    assert oct((tmp_path / "one.html").stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "one.html").write_text("old", encoding="utf-8")

    def fail(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        write_pages([("one", small_result(1))], tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["one.html"]
    assert (tmp_path / "one.html").read_text(encoding="utf-8") == "old"


def test_write_pages_rejects_a_file_as_folder_and_bad_items(tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"out_dir: got .*file.*expected a folder"):
        write_pages([("a", small_result(0))], file)
    with pytest.raises(ArgumentTypeError, match=r"items\[0\]"):
        write_pages([(1, small_result(0))], tmp_path / "x")  # type: ignore[list-item]
    with pytest.raises(ArgumentTypeError, match=r"items\[0\]\[1\]"):
        write_pages([("a", "result")], tmp_path / "y")  # type: ignore[list-item]


def test_write_pages_of_nothing_writes_an_empty_index(tmp_path: Path) -> None:
    assert write_pages([], tmp_path) == [tmp_path / "index.html"]
    assert "Review: 0 articles" in (tmp_path / "index.html").read_text(encoding="utf-8")


# --- In Debian's Chromium ---


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    pytest.importorskip(
        "playwright.sync_api", reason="needs playwright: pip install 'diplomacy-events[test]'"
    )
    from playwright.sync_api import sync_playwright

    executable, reason = find_chromium()
    if executable is None:
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = launch(playwright, executable)
        yield chromium
        chromium.close()


_SEGMENTS_JS = """() => Array.from(document.querySelectorAll(".text .seg")).map(s => ({
    start: Number(s.dataset.start), end: Number(s.dataset.end), spans: s.dataset.spans,
    text: s.textContent, active: s.classList.contains("active")}))"""


_ACTIVE_OBJECTS_JS = (
    "() => Array.from(document.querySelectorAll('SELECTOR')).map(o => o.closest('li').id)"
)


def segments_in(page: Page) -> list[dict[str, Any]]:
    segments: list[dict[str, Any]] = page.evaluate(_SEGMENTS_JS)
    return segments


def active_extents(page: Page) -> set[tuple[int, int]]:
    return {(s["start"], s["end"]) for s in segments_in(page) if s["active"]}


def inside(segments: list[dict[str, Any]], evidence: list[Evidence]) -> set[tuple[int, int]]:
    return {
        (s["start"], s["end"])
        for s in segments
        if any(e.start <= s["start"] and s["end"] <= e.end for e in evidence)
    }


def check_offsets_in_browser(page: Page, result: Result) -> list[dict[str, Any]]:
    text = result.article.text
    assert page.evaluate("() => document.querySelector('.text').textContent") == text
    segments = segments_in(page)
    assert segments
    for segment in segments:
        assert segment["text"] == text[segment["start"] : segment["end"]], segment
    return segments


def is_png(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_seed_page_in_chromium(browser: Browser, seed: Result, tmp_path: Path) -> None:
    (path, _index) = write_pages([("seed-istanbul-consultations", seed)], tmp_path)
    opened = open_page(browser, path)
    page = opened.page
    segments = check_offsets_in_browser(page, seed)
    assert active_extents(page) == set()
    assert seed.meetings, "the seed article reports at least one meeting"
    for number, meeting in enumerate(seed.meetings, 1):
        page.click(f"#obj-meeting-{number} .obj-main")
        assert active_extents(page) == inside(segments, meeting_evidence(seed, meeting))
        active_objects = page.evaluate(_ACTIVE_OBJECTS_JS.replace("SELECTOR", ".obj.active"))
        assert active_objects == [f"obj-meeting-{number}"]
    page.click("#obj-meeting-1 .obj-main")
    assert (
        page.evaluate("() => document.querySelector('.seg.active').getBoundingClientRect().top")
        >= 0
    )
    shot = tmp_path / "seed-meeting-1.png"
    page.screenshot(path=str(shot), full_page=True)
    width, height = is_png(shot)
    assert width >= 1400
    assert height >= 600
    assert opened.errors == []
    assert opened.dialogs == []


def test_hostile_page_in_chromium(browser: Browser, tmp_path: Path) -> None:
    result = hostile_result()
    (path, _index) = write_pages([("hostile <x>", result)], tmp_path)
    assert path.name == "hostile_x.html"
    opened = open_page(browser, path)
    page = opened.page
    segments = check_offsets_in_browser(page, result)
    assert page.evaluate("() => document.scripts.length") == 1
    assert (
        page.evaluate("() => document.querySelectorAll('.text img, .text b, .text script').length")
        == 0
    )
    # Clicking the segment "Monday" shows every object it belongs to, and the whole of each span
    # that covers it (the meeting's second mention, elsewhere, is not one of them).
    date = result.meetings[0].date
    assert date is not None
    page.click(f'.seg[data-start="{date.evidence.start}"]')
    objects = page.evaluate(_ACTIVE_OBJECTS_JS.replace("SELECTOR", ".obj-main.active"))
    assert objects == ["obj-meeting-1", "obj-commitment-1"]
    meeting = result.meetings[0]
    assert active_extents(page) == inside(
        segments, [meeting.evidence[0], result.commitments[0].evidence]
    )
    # A row of an object highlights only its own span; the keyboard works too.
    page.click("#obj-meeting-1 dd.obj >> nth=0")
    assert active_extents(page) == inside(segments, [date.evidence])
    page.focus("#obj-followup-1 .obj-main")
    page.keyboard.press("Enter")
    assert active_extents(page) == inside(segments, [result.followups[0].evidence])
    page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
    is_png(tmp_path / "hostile.png")
    assert opened.errors == []
    assert opened.dialogs == []


def test_parsed_hostile_text_in_chromium(browser: Browser, tmp_path: Path) -> None:
    result = de.parse(HOSTILE, published=PUBLISHED)
    (path, _index) = write_pages([("parsed", result)], tmp_path)
    opened = open_page(browser, path)
    check_offsets_in_browser(opened.page, result)
    assert opened.errors == []
    assert opened.dialogs == []


def test_index_in_chromium(browser: Browser, seed: Result, tmp_path: Path) -> None:
    paths = write_pages([("seed", seed), ("hostile", hostile_result())], tmp_path)
    opened = open_page(browser, paths[-1])
    page = opened.page
    hrefs = page.evaluate("() => Array.from(document.querySelectorAll('a')).map(a => a.href)")
    assert hrefs == [p.resolve().as_uri() for p in paths[:-1]]
    page.click("text=hostile")
    assert page.url == paths[1].resolve().as_uri()
    page.click("text=all articles")
    assert page.url == paths[-1].resolve().as_uri()
    assert opened.errors == []
    assert opened.dialogs == []


DEV = REPO.parent / "shared" / "corpus" / "dev"


@pytest.mark.skipif(not DEV.is_dir(), reason=f"the corpus is not at {DEV}")
def test_dev_articles_render_with_exact_offsets() -> None:
    articles = sorted(DEV.glob("*.txt"))[::4]
    assert articles
    for path in articles:
        result = de.parse(path.read_text(encoding="utf-8"), id=path.stem)
        page = parsed(render_page(result))
        text = result.article.text
        assert "".join(page.article_text) == text, path.name
        assert all(
            s["content"] == text[int(s["data-start"]) : int(s["data-end"])] for s in page.segments
        )
        assert by_kind(segment_spans(page)) == expected_spans(result), path.name
