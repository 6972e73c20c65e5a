"""Tests for diplomacy_events.gold: reading, checking and writing gold format v1."""

from __future__ import annotations

import contextlib
import copy
import datetime
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplomacy_events.exceptions import (
    ArgumentTypeError,
    DiplomacyEventsError,
    DocumentError,
    GoldFormatError,
    InputError,
)
from diplomacy_events.gold import (
    GoldCommitment,
    GoldDocument,
    GoldFollowUp,
    GoldLocation,
    GoldMeeting,
    Span,
    dump_document,
    load_document,
    load_folder,
    write_document,
)

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "seed-istanbul-consultations.json"
DEV = REPO.parent / "shared" / "corpus" / "dev"
DEV_FILES = sorted(DEV.glob("*.json")) if DEV.is_dir() else []
NO_DEV = pytest.param(
    None, marks=pytest.mark.skip(reason=f"the development corpus {DEV} is not here")
)

TEXT = (
    "Putin and Xi held talks in Moscow on Monday.\n"
    "They agreed to expand trade. The sides agreed to meet again in Beijing.\n"
)
BASE: dict[str, Any] = {
    "id": "doc",
    "published": "2025-04-11",
    "source": "made up for the tests",
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
            "evidence": "agreed to meet again in Beijing",
            "parties": ["CHN", "RUS"],
            "date": None,
            "meeting": 0,
            "location": {"city": "Beijing", "country": "CHN"},
        }
    ],
}


def write_pair(folder: Path, data: object, text: str = TEXT, name: str = "doc") -> Path:
    """Write NAME.json (data as JSON) and NAME.txt into folder; return the JSON path."""
    (folder / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def span_of(text: str, phrase: str) -> Span:
    """The span of the first occurrence of phrase in text."""
    start = text.index(phrase)
    return Span(start=start, end=start + len(phrase), text=phrase)


def spans(doc: GoldDocument) -> list[Span]:
    """The evidence of every item of a document."""
    return [
        *(m.evidence for m in doc.meetings),
        *(c.evidence for c in doc.commitments),
        *(f.evidence for f in doc.followups),
    ]


# --- the corpus loads -------------------------------------------------------------------


def test_seed_loads() -> None:
    doc = load_document(SEED)
    assert doc.id == "seed-istanbul-consultations"
    assert doc.published == datetime.date(2025, 4, 11)
    assert len(doc.meetings) == 2
    first = doc.meetings[0]
    assert first.parties == ("RUS", "USA")
    assert first.location == GoldLocation(city="Istanbul", country="TUR")
    assert first.heads_dict == {"RUS": "Aleksandr Darchiev", "USA": "Sonata Coulter"}
    assert len(doc.commitments) == 5
    assert doc.followups[0].date is None
    for ev in spans(doc):
        assert doc.text[ev.start : ev.end] == ev.text
        assert doc.text.find(ev.text) == ev.start  # the first occurrence is meant


@pytest.mark.parametrize("path", DEV_FILES or [NO_DEV], ids=lambda p: p.stem if p else "none")
def test_dev_file_loads_and_round_trips(path: Path, tmp_path: Path) -> None:
    doc = load_document(path)
    assert doc.id == path.stem
    for ev in spans(doc):
        assert doc.text[ev.start : ev.end] == ev.text
    (tmp_path / f"{doc.id}.txt").write_bytes(path.with_suffix(".txt").read_bytes())
    for evidence_as in ("span", "string"):
        written = write_document(doc, tmp_path, evidence_as=evidence_as)
        assert load_document(written) == doc


@pytest.mark.skipif(not DEV_FILES, reason="the development corpus is not here")
def test_dev_folder_loads_sorted() -> None:
    docs = load_folder(DEV)
    assert [d.id for d in docs] == sorted(p.stem for p in DEV_FILES)


# --- the values -------------------------------------------------------------------------


def test_values_normalise_order() -> None:
    ev = span_of(TEXT, "held talks")
    meeting = GoldMeeting(
        evidence=ev,
        status="held",
        parties=("RUS", "CHN"),
        heads={"RUS": "Vladimir Putin", "CHN": "Xi Jinping"},
    )
    assert meeting.parties == ("CHN", "RUS")
    assert meeting.heads == (("CHN", "Xi Jinping"), ("RUS", "Vladimir Putin"))
    assert meeting == GoldMeeting(
        evidence=ev,
        status="held",
        parties=["CHN", "RUS"],
        heads=[("RUS", "Vladimir Putin"), ("CHN", "Xi Jinping")],
    )
    assert meeting.mode == "in_person"
    assert hash(meeting) == hash(meeting)
    assert GoldCommitment(evidence=ev, parties=("USA", "RUS")).parties == ("RUS", "USA")
    assert GoldFollowUp(evidence=ev, parties=("USA", "RUS")).parties == ("RUS", "USA")


@pytest.mark.parametrize(("start", "end", "text"), [(-1, 2, "abc"), (3, 2, ""), (0, 3, "ab")])
def test_span_rejects_inconsistent_values(start: int, end: int, text: str) -> None:
    with pytest.raises(ValueError, match=r"span|start"):
        Span(start=start, end=end, text=text)


def test_span_overlaps() -> None:
    a = Span(start=0, end=5, text="abcde")
    assert a.overlaps(Span(start=4, end=6, text="ef"))
    assert not a.overlaps(Span(start=5, end=6, text="f"))


# --- loading the base document, and its variants ----------------------------------------


def test_base_document_loads(tmp_path: Path) -> None:
    doc = load_document(write_pair(tmp_path, BASE))
    assert doc.meetings[0].evidence == span_of(TEXT, "held talks in Moscow")
    assert doc.followups[0].location == GoldLocation(city="Beijing", country="CHN")
    assert doc.commitments[0].meeting == 0


def test_optional_keys_take_their_defaults(tmp_path: Path) -> None:
    data = {
        "id": "doc",
        "meetings": [{"evidence": "held talks", "status": "planned", "parties": ["RUS"]}],
        "commitments": [{"evidence": "agreed to expand trade", "parties": ["RUS"]}],
    }
    doc = load_document(write_pair(tmp_path, data))
    assert doc.published is None
    assert doc.source == ""
    assert doc.meetings[0] == GoldMeeting(
        evidence=span_of(TEXT, "held talks"), status="planned", parties=("RUS",)
    )
    assert doc.commitments[0].meeting is None
    assert doc.followups == ()


def test_span_evidence_points_at_any_occurrence(tmp_path: Path) -> None:
    second = TEXT.index("agreed", TEXT.index("agreed") + 1)
    data = copy.deepcopy(BASE)
    data["commitments"][0]["evidence"] = {"start": second, "end": second + 6, "text": "agreed"}
    doc = load_document(write_pair(tmp_path, data))
    assert doc.commitments[0].evidence == Span(start=second, end=second + 6, text="agreed")


def test_text_is_read_without_newline_translation(tmp_path: Path) -> None:
    text = TEXT.replace("\n", "\r\n")
    doc = load_document(write_pair(tmp_path, BASE, text=text))
    assert doc.text == text
    ev = doc.followups[0].evidence
    assert ev.start == text.index("agreed to meet again")


def test_text_path_can_name_another_file(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    article = tmp_path / "articles" / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(BASE), encoding="utf-8")
    assert load_document(path, text_path=article).text == TEXT


# --- malformed files --------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], object]


def setting(*keys: str | int, value: object) -> Mutation:
    """A mutation that sets data[keys...] = value."""

    def mutate(data: dict[str, Any]) -> object:
        target: Any = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
        return data

    return mutate


def deleting(*keys: str | int) -> Mutation:
    """A mutation that deletes data[keys...]."""

    def mutate(data: dict[str, Any]) -> object:
        target: Any = data
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]
        return data

    return mutate


def adding_commitments(count: int, evidence: str) -> Mutation:
    """A mutation that appends commitments, the last with the given evidence."""

    def mutate(data: dict[str, Any]) -> object:
        good = data["commitments"][0]
        data["commitments"] += [dict(good) for _ in range(count - 1)]
        data["commitments"].append({**good, "evidence": evidence})
        return data

    return mutate


M = ("meetings", 0)
C = ("commitments", 0)
F = ("followups", 0)

MALFORMED: list[tuple[str, Mutation, str]] = [
    ("top-array", lambda data: [data], "must be a JSON object, not an array"),
    ("top-unknown-key", setting("extra", value=1), "unknown keys ['extra']"),
    ("id-missing", deleting("id"), "missing key 'id'"),
    ("id-not-stem", setting("id", value="other"), "id: 'other' is not the file's stem 'doc'"),
    ("id-number", setting("id", value=3), "id: must be a string, not a number"),
    ("published-bad", setting("published", value="2025-13-01"), "published: '2025-13-01' is not"),
    ("published-month", setting("published", value="2025-04"), "not a full ISO date"),
    ("source-number", setting("source", value=1), "source: must be a string"),
    ("meetings-object", setting("meetings", value={}), "meetings: must be an array"),
    ("meeting-string", setting("meetings", 0, value="x"), "meetings[0]: must be a JSON object"),
    ("meeting-unknown-key", setting(*M, "topic", value="x"), "meetings[0]: unknown keys ['topic']"),
    ("meeting-no-status", deleting(*M, "status"), "meetings[0]: missing key 'status'"),
    ("meeting-no-evidence", deleting(*M, "evidence"), "meetings[0]: missing key 'evidence'"),
    (
        "evidence-absent",
        setting(*M, "evidence", value="held talks in Paris"),
        "meetings[0].evidence: 'held talks in Paris' does not occur in the text",
    ),
    ("evidence-empty", setting(*M, "evidence", value=""), "meetings[0].evidence: must not be"),
    ("evidence-number", setting(*M, "evidence", value=3), "meetings[0].evidence: must be a string"),
    (
        "evidence-span-wrong-text",
        setting(*M, "evidence", value={"start": 0, "end": 5, "text": "Xi"}),
        "meetings[0].evidence: the text at 0:5 is 'Putin', not 'Xi'",
    ),
    (
        "evidence-span-outside",
        setting(*M, "evidence", value={"start": 0, "end": 999, "text": "x"}),
        "meetings[0].evidence: span 0:999 is not a non-empty span",
    ),
    (
        "evidence-span-bool",
        setting(*M, "evidence", value={"start": True, "end": 5, "text": "Putin"}),
        "meetings[0].evidence.start: must be a whole number, not a boolean",
    ),
    (
        "evidence-span-key",
        setting(*M, "evidence", value={"start": 0, "end": 5}),
        "meetings[0].evidence: missing key 'text'",
    ),
    ("status-bad", setting(*M, "status", value="done"), "meetings[0].status: 'done' is not held"),
    ("mode-bad", setting(*M, "mode", value="video"), "meetings[0].mode: 'video' is not in_person"),
    ("mode-null", setting(*M, "mode", value=None), "meetings[0].mode: None is not in_person"),
    ("parties-empty", setting(*M, "parties", value=[]), "meetings[0].parties: must name at least"),
    ("parties-string", setting(*M, "parties", value="RUS"), "meetings[0].parties: must be an"),
    ("parties-missing", deleting(*C, "parties"), "commitments[0]: missing key 'parties'"),
    (
        "parties-unsorted",
        setting(*M, "parties", value=["RUS", "CHN"]),
        "meetings[0].parties: ['RUS', 'CHN'] is not sorted",
    ),
    (
        "parties-item-number",
        setting(*C, "parties", value=["RUS", 7]),
        "commitments[0].parties[1]: must be a string, not a number",
    ),
    ("parties-twice", setting(*F, "parties", value=["RUS", "RUS"]), "names a party twice"),
    (
        "date-month-13",
        setting(*M, "date", value="2025-13-01"),
        "meetings[0].date: '2025-13-01' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)",
    ),
    ("date-feb-30", setting(*M, "date", value="2025-02-30"), "'2025-02-30' is not an ISO date"),
    ("date-words", setting(*F, "date", value="April 2025"), "followups[0].date: 'April 2025'"),
    ("date-number", setting(*M, "date", value=2025), "meetings[0].date: must be a string or null"),
    ("location-string", setting(*M, "location", value="Moscow"), "meetings[0].location: must be"),
    (
        "location-no-country",
        setting(*M, "location", value={"city": "Moscow"}),
        "meetings[0].location: missing key 'country'",
    ),
    (
        "location-extra-key",
        setting(*F, "location", value={"city": "X", "country": "Y", "venue": "Z"}),
        "followups[0].location: unknown keys ['venue']",
    ),
    (
        "location-all-null",
        setting(*M, "location", value={"city": None, "country": None}),
        "meetings[0].location: has neither city nor country",
    ),
    (
        "location-city-number",
        setting(*M, "location", value={"city": 1, "country": "RUS"}),
        "meetings[0].location.city: must be a string",
    ),
    (
        "heads-not-party",
        setting(*M, "heads", value={"USA": "Joe Biden"}),
        "meetings[0].heads: head given for 'USA', which is not one of the parties",
    ),
    ("heads-array", setting(*M, "heads", value=[]), "meetings[0].heads: must be a JSON object"),
    ("head-empty", setting(*M, "heads", value={"RUS": " "}), "meetings[0].heads.RUS: must not"),
    (
        "meeting-index-out",
        setting(*C, "meeting", value=1),
        "commitments[0].meeting: meeting index 1 is out of range (the document has 1 meetings)",
    ),
    ("meeting-index-negative", setting(*F, "meeting", value=-1), "followups[0].meeting: meeting"),
    ("meeting-index-string", setting(*C, "meeting", value="0"), "must be a whole number"),
    (
        "commitment-unknown-key",
        setting(*C, "date", value=None),
        "commitments[0]: unknown keys ['date']",
    ),
    (
        "commitment-evidence-absent",
        adding_commitments(3, "agreed to build a bridge"),
        "commitments[3].evidence: 'agreed to build a bridge' does not occur in the text",
    ),
]


@pytest.mark.parametrize(
    ("mutation", "problem"),
    [pytest.param(mutation, problem, id=name) for name, mutation, problem in MALFORMED],
)
def test_malformed_file_names_file_and_problem(
    tmp_path: Path, mutation: Mutation, problem: str
) -> None:
    path = write_pair(tmp_path, mutation(copy.deepcopy(BASE)))
    with pytest.raises(GoldFormatError) as info:
        load_document(path)
    assert info.value.path == str(path)
    assert problem in info.value.problem
    assert str(info.value) == f"{path}: {info.value.problem}"


def test_missing_text_file(tmp_path: Path) -> None:
    path = write_pair(tmp_path, BASE)
    path.with_suffix(".txt").unlink()
    with pytest.raises(GoldFormatError, match=r"no text file doc\.txt beside it"):
        load_document(path)


def test_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match="does not exist"):
        load_document(tmp_path / "nothing.json")


def test_text_not_utf8(tmp_path: Path) -> None:
    path = write_pair(tmp_path, BASE)
    path.with_suffix(".txt").write_bytes(b"caf\xe9 talks")
    with pytest.raises(GoldFormatError, match=r"the text file .* is not UTF-8 \(byte 0xe9 at 3\)"):
        load_document(path)


def test_gold_not_utf8(tmp_path: Path) -> None:
    path = write_pair(tmp_path, BASE)
    path.write_bytes(b'{"id": "d\xff"}')
    with pytest.raises(GoldFormatError, match=r"the gold file .* is not UTF-8"):
        load_document(path)


def test_not_json(tmp_path: Path) -> None:
    path = write_pair(tmp_path, BASE)
    path.write_text('{"id": "doc",', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="not JSON"):
        load_document(path)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["", "RUS", "held", "x"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)


def places(data: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every key path inside a decoded JSON value."""
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += places(value, (*path, index))
    return found


PLACES = places(BASE)


@settings(max_examples=300, deadline=None)
@given(place=st.sampled_from(PLACES), value=JSON_VALUES)
def test_any_wrong_value_gives_a_gold_format_error(
    tmp_path_factory: pytest.TempPathFactory, place: tuple[str | int, ...], value: object
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = write_pair(folder, setting(*place, value=value)(copy.deepcopy(BASE)))
    with contextlib.suppress(GoldFormatError):  # anything else escaping fails the test
        load_document(path)


# --- folders ----------------------------------------------------------------------------


def test_load_folder_sorted_by_name(tmp_path: Path) -> None:
    for name in ("b", "a", "c"):
        write_pair(tmp_path, {**BASE, "id": name}, name=name)
    assert [d.id for d in load_folder(tmp_path)] == ["a", "b", "c"]


def test_load_folder_missing(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match="is not a folder"):
        load_folder(tmp_path / "absent")


def test_load_folder_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"holds no gold files"):
        load_folder(str(tmp_path))


def test_load_folder_reports_the_bad_file(tmp_path: Path) -> None:
    write_pair(tmp_path, BASE, name="doc")
    bad = write_pair(tmp_path, {**BASE, "id": "zz", "meetings": 3}, name="zz")
    with pytest.raises(GoldFormatError) as info:
        load_folder(tmp_path)
    assert info.value.path == str(bad)


# --- writing ----------------------------------------------------------------------------


def test_dump_writes_keys_in_format_order(tmp_path: Path) -> None:
    doc = load_document(write_pair(tmp_path, BASE))
    data = json.loads(dump_document(doc))
    assert list(data) == ["id", "published", "source", "meetings", "commitments", "followups"]
    meeting = data["meetings"][0]
    assert list(meeting) == ["evidence", "status", "mode", "parties", "date", "location", "heads"]
    assert list(data["commitments"][0]) == ["evidence", "parties", "meeting"]
    assert list(data["followups"][0]) == ["evidence", "parties", "date", "meeting", "location"]
    assert meeting["evidence"] == {
        "start": TEXT.index("held talks"),
        "end": TEXT.index("held talks") + len("held talks in Moscow"),
        "text": "held talks in Moscow",
    }
    assert json.loads(dump_document(doc, evidence_as="string"))["meetings"][0]["evidence"] == (
        "held talks in Moscow"
    )


def test_dump_writes_mode_even_when_default(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    del data["meetings"][0]["mode"]
    doc = load_document(write_pair(tmp_path, data))
    assert json.loads(dump_document(doc))["meetings"][0]["mode"] == "in_person"


def test_round_trip_hand_built(tmp_path: Path) -> None:
    second = TEXT.index("agreed", TEXT.index("agreed") + 1)
    doc = GoldDocument(
        id="built",
        published=datetime.date(2025, 4, 11),
        source="tests",
        text=TEXT,
        meetings=(
            GoldMeeting(
                evidence=span_of(TEXT, "held talks"),
                status="held",
                mode="remote",
                parties=("RUS", "CHN"),
                date="2025-04",
                location=GoldLocation(city=None, country="RUS"),
                heads={"CHN": "Xi Jinping"},
            ),
        ),
        commitments=(
            GoldCommitment(
                evidence=Span(start=second, end=second + 6, text="agreed"), parties=("RUS",)
            ),
        ),
        followups=(
            GoldFollowUp(evidence=span_of(TEXT, "meet again"), parties=("CHN",), date="2026"),
        ),
    )
    (tmp_path / "built.txt").write_text(TEXT, encoding="utf-8", newline="")
    path = write_document(doc, tmp_path)
    assert path == tmp_path / "built.json"
    assert load_document(path) == doc
    assert sorted(p.name for p in tmp_path.iterdir()) == ["built.json", "built.txt"]
    # The second "agreed" is not the first occurrence: as a string it would move.
    with pytest.raises(InputError, match=r"doc\.commitments\[0\]\.evidence"):
        dump_document(doc, evidence_as="string")


def test_write_replaces_existing_file(tmp_path: Path) -> None:
    load_document(write_pair(tmp_path, BASE))
    changed = GoldDocument(id="doc", text=TEXT)
    path = write_document(changed, tmp_path)
    assert load_document(path) == changed
    assert [p.name for p in tmp_path.glob(".*")] == []


@pytest.mark.parametrize("bad_id", ["", "..", "a/b", "a\\b"])
def test_write_rejects_ids_that_are_not_file_stems(tmp_path: Path, bad_id: str) -> None:
    with pytest.raises(InputError, match=r"doc\.id"):
        write_document(GoldDocument(id=bad_id, text=TEXT), tmp_path)


def test_dump_rejects_unknown_evidence_form() -> None:
    with pytest.raises(InputError, match="evidence_as: got 'words'"):
        dump_document(GoldDocument(id="x", text=""), evidence_as="words")  # type: ignore[arg-type]


# --- the errors -------------------------------------------------------------------------


def test_errors_subclass_builtins_and_pickle() -> None:
    errors: list[DiplomacyEventsError] = [
        GoldFormatError("dev/x.json", "meetings[2].date: bad"),
        DocumentError("article.txt", "not UTF-8"),
        InputError.for_argument("evidence_as", "words", "'span' or 'string'"),
        ArgumentTypeError.for_argument("text", 42, "str"),
        InputError("a message of its own"),
    ]
    assert isinstance(errors[0], ValueError)
    assert isinstance(errors[1], ValueError)
    assert isinstance(errors[2], ValueError)
    assert isinstance(errors[3], TypeError)
    for error in errors:
        copied = pickle.loads(pickle.dumps(error))
        assert type(copied) is type(error)
        assert str(copied) == str(error)
    assert str(errors[0]) == "dev/x.json: meetings[2].date: bad"
    document_error = errors[1]
    assert isinstance(document_error, DocumentError)
    assert (document_error.source, document_error.problem) == ("article.txt", "not UTF-8")
    assert str(errors[3]) == "text: got int (42), expected str"
