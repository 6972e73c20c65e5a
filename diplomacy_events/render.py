"""Review pages: a self-contained HTML page per article with every extracted span highlighted.

:func:`render_page` turns one :class:`~diplomacy_events.model.Result` into an
HTML document that shows the article text with each evidence span coloured
by its kind (meetings, parties, people, dates, places, durations,
commitments, follow-ups, requests, concerns, sources) beside the structured
result; clicking an object highlights (and scrolls to) the text that states
it, clicking highlighted text shows the objects it belongs to.
:func:`render_index` makes the page that lists a batch with its counts, and
:func:`write_pages` writes both to a folder::

    >>> import datetime
    >>> import diplomacy_events as de
    >>> from diplomacy_events.render import render_page
    >>> result = de.parse("Russia and China held talks in Moscow on Monday.",
    ...                   published=datetime.date(2025, 4, 11))
    >>> page = render_page(result)
    >>> page.startswith("<!DOCTYPE html>"), "http://" in page or "https://" in page
    (True, False)

The pages load nothing from anywhere: the CSS and the script are inline and
a Content-Security-Policy lets only those two (by their hashes) run.  Every
character taken from the article is HTML-escaped, so the text is shown,
never run.  The text is cut at every span boundary into segments; each
segment carries the classes of every span that covers it and, in data
attributes, its own Python character offsets (``data-start``,
``data-end``) and the ids of those spans (``data-spans``), so the script
never computes an offset (JavaScript strings count UTF-16 units, Python
strings code points).

In the page, each object of the panel is an element ``#obj-<kind>-<n>``
(``n`` counting from 1 in the result's order, as in ``#obj-meeting-1``)
whose ``.obj-main`` child lists in ``data-spans`` the ids of all its spans;
the rows for its date, place, people and duration list their own.  Span
ids are ``<kind>-<n>`` with the kinds of :data:`KINDS`.

Party mentions are not kept in a :class:`~diplomacy_events.model.Result`; the
page finds them again with :class:`~diplomacy_events.parties.PartyFinder` and
the default lexicon.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import html
import itertools
import os
import re
import secrets
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import quote

import attrs

from diplomacy_events.exceptions import ArgumentTypeError, InputError
from diplomacy_events.model import (
    Commitment,
    Duration,
    Evidence,
    FollowUp,
    Meeting,
    Party,
    PartyMention,
    Person,
    Place,
    Result,
    TimeExpression,
)
from diplomacy_events.parties import PartyFinder
from diplomacy_events.text import Document

__all__ = ["KINDS", "render_index", "render_page", "safe_name", "write_pages"]

KINDS: tuple[tuple[str, str], ...] = (
    ("meeting", "Meetings"),
    ("commitment", "Commitments"),
    ("followup", "Follow-ups"),
    ("request", "Requests"),
    ("concern", "Concerns"),
    ("party", "Parties"),
    ("person", "People"),
    ("date", "Dates"),
    ("place", "Places"),
    ("duration", "Durations"),
    ("source", "Sources"),
)
"""Each kind of highlighted span, as ``(key, label)``: ``key`` is the CSS class
suffix (``k-meeting``) and the prefix of the span ids (``meeting-3``)."""

_CSS = """\
:root {
  --meeting: #d6e6ff; --commitment: #d3f5dc; --followup: #ffe9bf;
  --request: #eedcff; --concern: #ffd9d9;
  --party: #1f5fbf; --person: #8a3ab9; --date: #c4510f;
  --place: #0c7c70; --duration: #8f6a00; --source: #59636e;
  --active: #ffd43b; --ink: #1f2328; --muted: #57606a; --line: #d8dee4;
}
* { box-sizing: border-box; }
body {
  margin: 0; color: var(--ink); background: #f6f7f9;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
}
header { padding: 14px 24px 12px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; line-height: 1.3; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 15px; margin: 18px 0 8px; }
h2:first-child { margin-top: 0; }
.meta { color: var(--muted); font-size: 13px; margin: 0; }
.meta a { color: inherit; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 12px; margin: 10px 0 0; padding: 0;
  list-style: none; font-size: 13px; }
.legend li { padding: 0 3px; border-radius: 2px; }
.hint { color: var(--muted); font-size: 12px; margin: 8px 0 0; }
.warning { background: #fff4e5; border: 1px solid #f0b45c; border-radius: 6px;
  padding: 8px 12px; margin: 0 0 12px; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(320px, 2fr); gap: 20px;
  padding: 20px 24px; align-items: start; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 18px 22px; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0;
  font: 16px/1.95 Georgia, "DejaVu Serif", "Times New Roman", serif; }
.panel { position: sticky; top: 12px; max-height: calc(100vh - 24px); overflow: auto; }
.seg { border-radius: 2px; cursor: pointer; }
.k-meeting { background-color: var(--meeting); }
.k-concern { background-color: var(--concern); }
.k-request { background-color: var(--request); }
.k-commitment { background-color: var(--commitment); }
.k-followup { background-color: var(--followup); }
.k-party { box-shadow: inset 0 -3px 0 var(--party); }
.k-person { box-shadow: inset 0 -3px 0 var(--person); }
.k-source { box-shadow: inset 0 -3px 0 var(--source); }
.k-date { border-bottom: 3px solid var(--date); }
.k-place { border-bottom: 3px double var(--place); }
.k-duration { border-bottom: 3px dotted var(--duration); }
.seg.active { background-color: var(--active); }
.objects { list-style: none; margin: 0; padding: 0; }
.obj { display: block; cursor: pointer; border-radius: 4px; }
.objects > li { border: 1px solid var(--line); border-left: 4px solid var(--line);
  padding: 6px 10px; margin: 0 0 8px; }
.item-meeting { border-left-color: #6f9be0 !important; }
.item-commitment { border-left-color: #5dbb78 !important; }
.item-followup { border-left-color: #e0a83a !important; }
.item-request { border-left-color: #a977d8 !important; }
.item-concern { border-left-color: #e07a7a !important; }
.item-party { border-left-color: var(--party) !important; }
.item-person { border-left-color: var(--person) !important; }
.obj:hover { filter: brightness(0.97); }
.obj:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
.obj.active { outline: 2px solid #b58900; }
.objects > li .obj.active { background-color: #fff3bf; }
.obj-title { font-weight: 600; }
.objects dl { display: grid; grid-template-columns: max-content minmax(0, 1fr);
  gap: 1px 10px; margin: 4px 0 0; font-size: 13px; }
.objects dt { color: var(--muted); }
.objects dd { margin: 0; overflow-wrap: anywhere; }
.objects dd.obj { padding: 0 3px; margin-left: -3px; }
.quote { color: var(--muted); font-style: italic; font-size: 13px; overflow-wrap: anywhere; }
.none { color: var(--muted); font-size: 13px; margin: 0; }
.count { color: var(--muted); font-weight: normal; }
@media (max-width: 900px) {
  main { grid-template-columns: 1fr; }
  .panel { position: static; max-height: none; }
}
"""

_INDEX_CSS = """\
* { box-sizing: border-box; }
body { margin: 0; padding: 20px 24px; color: #1f2328; background: #f6f7f9;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
h1 { font-size: 20px; margin: 0 0 12px; }
table { border-collapse: collapse; background: #fff; border: 1px solid #d8dee4; }
th, td { padding: 5px 12px; border-bottom: 1px solid #d8dee4; text-align: left; }
th { background: #eef1f4; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: 600; background: #eef1f4; }
.title { color: #57606a; font-size: 13px; overflow-wrap: anywhere; }
a { color: #0b5cad; }
"""

_JS = """\
(function () {
  "use strict";
  var segs = Array.prototype.slice.call(document.querySelectorAll(".seg"));
  var objs = Array.prototype.slice.call(document.querySelectorAll(".obj[data-spans]"));
  function ids(el) {
    var value = el.getAttribute("data-spans");
    return value ? value.split(" ") : [];
  }
  function meets(el, wanted) {
    return ids(el).some(function (id) { return wanted.has(id); });
  }
  function clear() {
    Array.prototype.slice.call(document.querySelectorAll(".active")).forEach(function (el) {
      el.classList.remove("active");
    });
  }
  function mark(wanted) {
    var first = null;
    segs.forEach(function (seg) {
      if (meets(seg, wanted)) {
        seg.classList.add("active");
        if (first === null) { first = seg; }
      }
    });
    return first;
  }
  function showObject(obj) {
    clear();
    obj.classList.add("active");
    var first = mark(new Set(ids(obj)));
    if (first !== null) { first.scrollIntoView({block: "center", inline: "nearest"}); }
  }
  function showSegment(seg) {
    clear();
    var wanted = new Set(ids(seg));
    mark(wanted);
    var first = null;
    objs.forEach(function (obj) {
      if (obj.classList.contains("obj-main") && meets(obj, wanted)) {
        obj.classList.add("active");
        if (first === null) { first = obj; }
      }
    });
    if (first !== null) { first.scrollIntoView({block: "nearest", inline: "nearest"}); }
  }
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (target === null) { return; }
    var obj = target.closest(".obj[data-spans]");
    if (obj !== null) { showObject(obj); return; }
    var seg = target.closest(".seg");
    if (seg !== null) { showSegment(seg); return; }
    if (target.closest("a") === null) { clear(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") { return; }
    var target = event.target instanceof Element ? event.target : null;
    if (target !== null && target.matches(".obj[data-spans]")) {
      event.preventDefault();
      showObject(target);
    }
  });
}());
"""

_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{n}" for n in range(1, 10)]
    + [f"LPT{n}" for n in range(1, 10)]
)
_MAX_STEM = 100


def _esc(value: object) -> str:
    """Escape any text for HTML content or a quoted attribute.

    Lone surrogates (which UTF-8 cannot encode) and NUL (which HTML drops)
    become U+FFFD, and a carriage return is written as ``&#13;`` because an
    HTML parser turns a literal CR LF into LF; every character keeps its
    place, so offsets still hold.
    """
    text = _SURROGATE.sub("\ufffd", str(value)).replace("\0", "\ufffd")
    return html.escape(text, quote=True).replace("\r", "&#13;")


def _csp_hash(source: str) -> str:
    """Return the CSP source expression that allows exactly this inline element content."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _policy(*, style: str, script: str | None) -> str:
    """Return a Content-Security-Policy allowing nothing but the page's own style and script."""
    parts = ["default-src 'none'", "img-src data:", f"style-src {_csp_hash(style)}"]
    if script is not None:
        parts.append(f"script-src {_csp_hash(script)}")
    parts += ["base-uri 'none'", "form-action 'none'"]
    return "; ".join(parts)


def _head(title: str, *, style: str, script: str | None) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" '
        f'content="{_esc(_policy(style=style, script=script))}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="diplomacy_events">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{_esc(title)}</title>\n"
        f"<style>{style}</style>\n</head>\n"
    )


@attrs.define
class _Span:
    """One highlighted span: its id (``kind-n``), kind, offsets and what it stands for."""

    id: str
    kind: str
    start: int
    end: int
    labels: list[str]


@attrs.define
class _Spans:
    """The spans of one page, one per distinct (kind, start, end), in order of adding."""

    text: str
    spans: dict[tuple[str, int, int], _Span] = attrs.field(factory=dict)
    counts: dict[str, int] = attrs.field(factory=dict)
    mismatched: list[tuple[str, Evidence]] = attrs.field(factory=list)

    def add(self, kind: str, evidence: Evidence | None, label: str) -> list[str]:
        """Record a span; the ids to attach to the object it belongs to (none if unusable)."""
        if evidence is None:
            return []
        start, end = evidence.start, evidence.end
        if end > len(self.text) or self.text[start:end] != evidence.text:
            self.mismatched.append((label, evidence))
            return []
        if start == end:
            return []
        key = (kind, start, end)
        span = self.spans.get(key)
        if span is None:
            number = self.counts.get(kind, 0) + 1
            self.counts[kind] = number
            span = self.spans[key] = _Span(f"{kind}-{number}", kind, start, end, [])
        if label not in span.labels:
            span.labels.append(label)
        return [span.id]


def _segments(text: str, spans: Iterable[_Span]) -> str:
    """Cut the text at every span boundary and wrap each covered piece with its spans."""
    starts: dict[int, list[_Span]] = {}
    ends: dict[int, list[_Span]] = {}
    for span in spans:
        starts.setdefault(span.start, []).append(span)
        ends.setdefault(span.end, []).append(span)
    bounds = sorted({0, len(text), *starts, *ends})
    kind_order = {key: n for n, (key, _label) in enumerate(KINDS)}
    open_spans: dict[str, _Span] = {}
    out: list[str] = []
    for start, end in itertools.pairwise(bounds):
        for span in ends.get(start, ()):
            open_spans.pop(span.id, None)
        for span in starts.get(start, ()):
            open_spans[span.id] = span
        piece = _esc(text[start:end])
        if not open_spans:
            out.append(piece)
            continue
        covering = sorted(open_spans.values(), key=lambda s: (kind_order[s.kind], s.start, s.id))
        kinds = dict.fromkeys(f"k-{s.kind}" for s in covering)
        tip = " · ".join(dict.fromkeys(label for s in covering for label in s.labels))
        out.append(
            f'<span class="seg {" ".join(kinds)}" data-start="{start}" data-end="{end}" '
            f'data-spans="{" ".join(s.id for s in covering)}" title="{_esc(tip)}">{piece}</span>'
        )
    return "".join(out)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _party(party: Party) -> str:
    return party.code if party.name == party.code else f"{party.code} ({party.name})"


def _parties(parties: Iterable[Party]) -> str:
    return ", ".join(_party(p) for p in parties) or "—"


def _place_text(place: Place) -> str:
    parts = [p for p in (place.venue, place.city) if p]
    if place.country is not None:
        parts.append(place.country.name)
    return ", ".join(parts) or place.evidence.text


def _date_text(date: TimeExpression) -> str:
    iso = date.iso
    if iso is None and date.earliest is not None and date.latest is not None:
        iso = f"{date.earliest.isoformat()} to {date.latest.isoformat()}"
    return f"{iso or 'unresolved'} (“{date.evidence.text}”)"


def _duration_text(duration: Duration) -> str:
    unit = duration.unit.value + ("" if duration.amount == 1 else "s")
    qualifier = "" if duration.qualifier.value == "exactly" else duration.qualifier.value + " "
    return f"{qualifier.replace('_', ' ')}{duration.amount:g} {unit}"


def _person_text(person: Person) -> str:
    return f"{person.name}, {person.title}" if person.title else person.name


def _value(value: str) -> str:
    return value.replace("_", " ")


class _Panel:
    """Builds the structured panel while recording the spans of every object shown."""

    def __init__(self, result: Result, spans: _Spans) -> None:
        self.result = result
        self.spans = spans

    @staticmethod
    def _row(name: str, value: str, ids: Sequence[str] = ()) -> str:
        if ids:
            return (
                f"<dt>{_esc(name)}</dt>"
                f'<dd class="obj" tabindex="0" role="button" data-spans="{" ".join(ids)}">'
                f"{_esc(value)}</dd>"
            )
        return f"<dt>{_esc(name)}</dt><dd>{_esc(value)}</dd>"

    @staticmethod
    def _item(kind: str, anchor: str, title: str, ids: Sequence[str], body: Sequence[str]) -> str:
        unique = " ".join(dict.fromkeys(ids))
        return (
            f'<li class="item-{kind}" id="{anchor}"><div class="obj obj-main" tabindex="0" '
            f'role="button" data-spans="{unique}"><span class="obj-title">{_esc(title)}</span>'
            f"</div><dl>{''.join(body)}</dl></li>"
        )

    @staticmethod
    def _section(title: str, items: Sequence[str]) -> str:
        head = f'<h2>{_esc(title)} <span class="count">({len(items)})</span></h2>'
        if not items:
            return head + '<p class="none">None found.</p>'
        return head + '<ol class="objects">' + "".join(items) + "</ol>"

    def _meeting_ref(self, index: int | None) -> str | None:
        if index is None or not 0 <= index < len(self.result.meetings):
            return None
        return f"meeting {index + 1}"

    def meeting(self, number: int, meeting: Meeting) -> str:
        label = f"meeting {number}"
        ids: list[str] = []
        for evidence in meeting.evidence:
            ids += self.spans.add("meeting", evidence, label)
        body = [
            self._row("status", _value(meeting.status.value)),
            self._row("mode", _value(meeting.mode.value)),
            self._row("parties", _parties(meeting.parties)),
        ]
        if meeting.date is not None:
            date_ids = self.spans.add("date", meeting.date.evidence, f"{label}: date")
            ids += date_ids
            body.append(self._row("date", _date_text(meeting.date), date_ids))
        if meeting.location is not None:
            place_ids = self.spans.add("place", meeting.location.evidence, f"{label}: place")
            ids += place_ids
            body.append(self._row("place", _place_text(meeting.location), place_ids))
        for delegation in meeting.delegations:
            people = [p for p in (delegation.head, *delegation.members) if p is not None]
            for n, person in enumerate(people):
                role = "head" if person is delegation.head else "member"
                who = f"{label}: {delegation.party.code} {role}"
                person_ids = self.spans.add("person", person.evidence, who)
                ids += person_ids
                name = f"{delegation.party.code} {role}" if n == 0 or role == "member" else ""
                body.append(self._row(name, _person_text(person), person_ids))
        if meeting.duration is not None:
            duration_ids = self.spans.add(
                "duration", meeting.duration.evidence, f"{label}: duration"
            )
            ids += duration_ids
            body.append(self._row("duration", _duration_text(meeting.duration), duration_ids))
        if meeting.format:
            body.append(self._row("format", ", ".join(meeting.format)))
        if meeting.topics:
            body.append(self._row("topics", ", ".join(meeting.topics)))
        mentions = _plural(len(meeting.evidence), "mention")
        title = f"Meeting {number}: {meeting.kind} · {_value(meeting.status.value)} · {mentions}"
        return self._item("meeting", f"obj-meeting-{number}", title, ids, body)

    def commitment(self, number: int, commitment: Commitment) -> str:
        label = f"commitment {number}"
        ids = self.spans.add("commitment", commitment.evidence, label)
        scope = "mutual" if commitment.mutual else "unilateral"
        body = [
            self._row("parties", _parties(commitment.parties)),
            self._row("strength", f"{_value(commitment.strength.value)} ({scope})"),
            self._row("action", commitment.action),
        ]
        for source in commitment.reported_by:
            source_ids = self.spans.add("source", source.evidence, f"{label}: reported by")
            ids += source_ids
            body.append(self._row("reported by", source.name, source_ids))
        meeting = self._meeting_ref(commitment.meeting)
        if meeting is not None:
            body.append(self._row("from", meeting))
        title = f"Commitment {number}: {', '.join(p.code for p in commitment.parties)}"
        return self._item("commitment", f"obj-commitment-{number}", title, ids, body)

    def followup(self, number: int, followup: FollowUp) -> str:
        label = f"follow-up {number}"
        ids = self.spans.add("followup", followup.evidence, label)
        body = [self._row("parties", _parties(followup.parties))]
        if followup.timeframe is not None:
            date_ids = self.spans.add("date", followup.timeframe.evidence, f"{label}: when")
            ids += date_ids
            body.append(self._row("when", _date_text(followup.timeframe), date_ids))
        body.append(self._row("date", _value(followup.date_status.value)))
        if followup.location is not None:
            place_ids = self.spans.add("place", followup.location.evidence, f"{label}: place")
            ids += place_ids
            body.append(self._row("place", _place_text(followup.location), place_ids))
        body.append(self._row("location", _value(followup.location_status.value)))
        body.append(self._row("representation", _value(followup.representation_status.value)))
        meeting = self._meeting_ref(followup.meeting)
        if meeting is not None:
            body.append(self._row("follows", meeting))
        body.append(self._row("evidence", f"“{followup.evidence.text}”"))
        title = f"Follow-up {number}: {', '.join(p.code for p in followup.parties)}"
        return self._item("followup", f"obj-followup-{number}", title, ids, body)

    def others(self) -> list[str]:
        """Render the requests and concerns sections."""
        requests = []
        for number, request in enumerate(self.result.requests, 1):
            ids = self.spans.add("request", request.evidence, f"request {number}")
            body = [self._row("by", _parties(request.parties))]
            if request.addressees:
                body.append(self._row("to", _parties(request.addressees)))
            body.append(self._row("evidence", f"“{request.evidence.text}”"))
            requests.append(
                self._item("request", f"obj-request-{number}", f"Request {number}", ids, body)
            )
        concerns = []
        for number, concern in enumerate(self.result.concerns, 1):
            ids = self.spans.add("concern", concern.evidence, f"concern {number}")
            body = [
                self._row("by", _parties(concern.parties)),
                self._row("evidence", f"“{concern.evidence.text}”"),
            ]
            concerns.append(
                self._item("concern", f"obj-concern-{number}", f"Concern {number}", ids, body)
            )
        return [self._section("Requests", requests), self._section("Concerns", concerns)]

    def people(self) -> str:
        """Render the people section: everyone the article names, at their first mention."""
        items = []
        for number, person in enumerate(self.result.people, 1):
            ids = self.spans.add("person", person.evidence, f"person: {person.name}")
            body = []
            if person.title:
                body.append(self._row("title", person.title))
            body.append(self._row("rank", _value(person.rank.value)))
            if person.party is not None:
                body.append(self._row("party", _party(person.party)))
            items.append(self._item("person", f"obj-person-{number}", person.name, ids, body))
        return self._section("People", items)

    def parties(self) -> str:
        """Render the parties section: every party the text names, with all its mentions."""
        by_code: dict[str, tuple[Party, list[str], int]] = {}
        for mention in _party_mentions(self.result.article.text):
            party = mention.party
            ids = self.spans.add("party", mention.evidence, f"party: {party.code}")
            entry = by_code.setdefault(party.code, (party, [], 0))
            by_code[party.code] = (entry[0], entry[1] + ids, entry[2] + 1)
        items = []
        for number, (party, ids, count) in enumerate(by_code.values(), 1):
            title = f"{_party(party)} · {_plural(count, 'mention')}"
            items.append(self._item("party", f"obj-party-{number}", title, ids, []))
        return self._section("Parties named", items)


@functools.cache
def _party_finder() -> PartyFinder:
    """Return the default party finder, built once (building its gazetteer is slow)."""
    return PartyFinder()


def _party_mentions(text: str) -> tuple[PartyMention, ...]:
    """Find every party mention in ``text`` with the default lexicon."""
    return _party_finder().find(Document.from_text(text))


def _default_title(result: Result) -> str:
    article = result.article
    if article.title:
        return article.title
    for line in article.text.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= 90 else line[:89] + "…"
    return article.id or "Untitled article"


def _check_result(result: object, argument: str) -> Result:
    if not isinstance(result, Result):
        raise ArgumentTypeError.for_argument(argument, result, "a diplomacy_events.Result")
    return result


def render_page(result: Result, *, title: str | None = None) -> str:
    """Render one result as a self-contained HTML5 review page.

    ``title`` defaults to the article's title, then the first line of its
    text (the headline), then its id.  The page holds the highlighted text, a legend of the
    span kinds, and the structured result: meetings, commitments,
    follow-ups, requests, concerns, people and the parties named.
    """
    result = _check_result(result, "result")
    if title is not None and not isinstance(title, str):
        raise ArgumentTypeError.for_argument("title", title, "str or None")
    text = result.article.text
    heading = title if title is not None else _default_title(result)
    spans = _Spans(text)
    panel = _Panel(result, spans)
    meetings = [panel.meeting(n, m) for n, m in enumerate(result.meetings, 1)]
    commitments = [panel.commitment(n, c) for n, c in enumerate(result.commitments, 1)]
    followups = [panel.followup(n, f) for n, f in enumerate(result.followups, 1)]
    sections = [
        panel._section("Meetings", meetings),
        panel._section("Commitments", commitments),
        panel._section("Follow-ups", followups),
        *panel.others(),
        panel.people(),
        panel.parties(),
    ]
    article = result.article
    facts = []
    if article.id:
        facts.append(f"id {_esc(article.id)}")
    facts.append(f"published {article.published.isoformat()}" if article.published else "undated")
    facts.append(f"{len(text):,} characters")
    facts.append(
        f"{_plural(len(result.meetings), 'meeting')}, "
        f"{_plural(len(result.commitments), 'commitment')}, "
        f"{_plural(len(result.followups), 'follow-up')}"
    )
    used = {span.kind for span in spans.spans.values()}
    legend = "".join(
        f'<li class="k-{key}">{_esc(label)}</li>' for key, label in KINDS if key in used
    )
    warning = ""
    if spans.mismatched:
        listed = "".join(
            f"<li>{_esc(label)}: {ev.start}:{ev.end} “{_esc(ev.text)}”</li>"
            for label, ev in spans.mismatched
        )
        warning = (
            f'<div class="warning" role="alert"><strong>{len(spans.mismatched)} evidence '
            "span(s) do not match the text and are not highlighted:</strong>"
            f"<ul>{listed}</ul></div>"
        )
    return (
        _head(heading, style=_CSS, script=_JS)
        + "<body>\n<header>\n"
        + f"<h1>{_esc(heading)}</h1>\n"
        + f'<p class="meta">{" · ".join(facts)} · <a href="index.html">all articles</a></p>\n'
        + f'<ul class="legend" aria-label="legend">{legend}</ul>\n'
        + '<p class="hint">Click an object on the right to highlight its evidence; '
        "click highlighted text to find its objects.</p>\n"
        + "</header>\n<main>\n"
        + f'<section class="card article" aria-label="article text">{warning}'
        + f'<div class="text">{_segments(text, spans.spans.values())}</div></section>\n'
        + f'<aside class="card panel" aria-label="structured result">{"".join(sections)}</aside>\n'
        + f"</main>\n<script>{_JS}</script>\n</body>\n</html>\n"
    )


def render_index(entries: Sequence[tuple[str, str, Result]]) -> str:
    """Render the index page of a batch: one row per article with its counts and a link.

    Each entry is ``(page file name, article id or title, result)``; the file
    name is linked relative to the index.
    """
    rows = []
    totals = [0, 0, 0, 0, 0]
    for n, entry in enumerate(entries):
        if not (isinstance(entry, tuple) and len(entry) == 3):
            raise ArgumentTypeError.for_argument(
                f"entries[{n}]", entry, "a tuple (page file name, article label, Result)"
            )
        name, label, result = entry
        _check_result(result, f"entries[{n}][2]")
        counts = [
            len(result.meetings),
            len(result.commitments),
            len(result.followups),
            len(result.requests) + len(result.concerns),
            len(result.people),
        ]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        title = result.article.title
        subtitle = f'<div class="title">{_esc(title)}</div>' if title and title != label else ""
        cells = "".join(f'<td class="n">{c}</td>' for c in counts)
        link = f'<a href="{_esc(quote(str(name)))}">{_esc(label)}</a>'
        rows.append(f"<tr><td>{link}{subtitle}</td>{cells}</tr>")
    body = "\n".join(rows)
    total_cells = "".join(f'<td class="n">{c}</td>' for c in totals)
    heading = f"Review: {_plural(len(rows), 'article')}"
    return (
        _head(heading, style=_INDEX_CSS, script=None)
        + f"<body>\n<h1>{_esc(heading)}</h1>\n<table>\n<thead><tr><th>article</th>"
        + '<th class="n">meetings</th><th class="n">commitments</th><th class="n">follow-ups</th>'
        + '<th class="n">requests &amp; concerns</th><th class="n">people</th></tr></thead>\n'
        + f"<tbody>\n{body}\n</tbody>\n<tfoot><tr><td>total</td>{total_cells}</tr></tfoot>\n"
        + "</table>\n</body>\n</html>\n"
    )


def safe_name(article_id: str) -> str:
    """Make a file-name stem of ``article_id``: ASCII letters, digits, ``.``, ``_``, ``-`` only.

    Accents are dropped, every other run of characters becomes ``_``, and
    leading or trailing dots, dashes and underscores are stripped, so no
    name can leave the folder or hide::

        >>> safe_name("../../etc/passwd"), safe_name("Türkiye talks 2025/04"), safe_name("…")
        ('etc_passwd', 'Turkiye_talks_2025_04', 'article')
    """
    folded = unicodedata.normalize("NFKD", _SURROGATE.sub("", article_id))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    stem = _UNSAFE_NAME.sub("_", ascii_only).strip("._-")[:_MAX_STEM].strip("._-")
    if not stem:
        return "article"
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    return stem


def _write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def write_pages(items: Iterable[tuple[str, Result]], out_dir: Path) -> list[Path]:
    """Write a review page per ``(article id, result)`` and ``index.html`` into ``out_dir``.

    Each page is ``<safe id>.html`` (see :func:`safe_name`; a name already
    taken, or ``index``, gets ``-2``, ``-3``, ...).  Every file is written
    atomically: a temporary file in ``out_dir``, then :func:`os.replace`.
    ``out_dir`` is created if missing.  Returns the paths written, the
    index last.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError.for_argument("out_dir", str(out), "a folder (it is a file)")
    out.mkdir(parents=True, exist_ok=True)
    taken = {"index"}
    written: list[Path] = []
    entries: list[tuple[str, str, Result]] = []
    for n, item in enumerate(items):
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)):
            raise ArgumentTypeError.for_argument(
                f"items[{n}]", item, "a tuple (article id as str, Result)"
            )
        article_id, result = item
        _check_result(result, f"items[{n}][1]")
        stem = base = safe_name(article_id)
        suffix = 1
        while stem.casefold() in taken:
            suffix += 1
            stem = f"{base}-{suffix}"
        taken.add(stem.casefold())
        path = out / f"{stem}.html"
        _write_atomic(path, render_page(result))
        written.append(path)
        entries.append((path.name, article_id or stem, result))
    index = out / "index.html"
    _write_atomic(index, render_index(entries))
    written.append(index)
    return written
