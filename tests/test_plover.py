"""Tests for diplomacy_events.plover: meetings as CONSULT and commitments as AGREE records."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from diplomacy_events.model import (
    Article,
    Commitment,
    Delegation,
    Evidence,
    Granularity,
    Meeting,
    Mode,
    Party,
    PartyKind,
    Person,
    Place,
    Result,
    Status,
    Strength,
    TimeExpression,
)
from diplomacy_events.parser import parse
from diplomacy_events.plover import FIELDS, consult_mode, events

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "seed-istanbul-consultations.txt"
PUBLISHED = datetime.date(2025, 4, 11)

RUS = Party(code="RUS", name="Russia")
USA = Party(code="USA", name="United States")
TUR = Party(code="TUR", name="Türkiye")
CHN = Party(code="CHN", name="China")
UN = Party(code="UN", name="United Nations", kind=PartyKind.ORGANISATION)
HAMAS = Party(code="Hamas", name="Hamas", kind=PartyKind.OTHER)
TEXT = "Headline\nThe talks took place in Istanbul on Thursday."
EV = Evidence(start=9, end=18, text="The talks", rule="meeting.trigger")
THURSDAY = TimeExpression(
    evidence=Evidence(start=42, end=50, text="Thursday"),
    granularity=Granularity.DAY,
    earliest=datetime.date(2025, 4, 10),
    latest=datetime.date(2025, 4, 10),
    anchor=PUBLISHED,
    relative=True,
)


def _place(country: Party | None, city: str | None = "Istanbul") -> Place:
    return Place(city=city, country=country, evidence=Evidence(start=33, end=41, text="Istanbul"))


def _meeting(
    *parties: Party,
    status: Status = Status.HELD,
    mode: Mode = Mode.IN_PERSON,
    delegations: tuple[Delegation, ...] = (),
    date: TimeExpression | None = None,
    location: Place | None = None,
) -> Meeting:
    return Meeting(
        status=status,
        mode=mode,
        parties=parties,
        delegations=delegations,
        date=date,
        location=location,
        evidence=(EV,),
    )


def _result(*meetings: Meeting, commitments: tuple[Commitment, ...] = ()) -> Result:
    return Result(
        article=Article(text=TEXT, published=PUBLISHED, id="doc"),
        meetings=meetings,
        commitments=commitments,
    )


@pytest.mark.parametrize(
    ("meeting", "mode"),
    [
        (_meeting(RUS, USA, mode=Mode.REMOTE), "phone"),
        (_meeting(RUS, USA, TUR, location=_place(TUR)), "multilateral"),
        (_meeting(RUS, UN, location=_place(TUR)), "multilateral"),
        (_meeting(RUS, USA, location=_place(TUR)), "third-party"),
        (_meeting(RUS, TUR, location=_place(TUR)), "visit"),
        (_meeting(RUS, USA, location=_place(None)), None),
        (_meeting(RUS, USA), None),
    ],
)
def test_consult_mode(meeting: Meeting, mode: str | None) -> None:
    assert consult_mode(meeting) == mode


def test_a_visit_has_the_visitor_as_actor_and_the_host_as_recipient() -> None:
    [record] = events(_result(_meeting(TUR, RUS, location=_place(TUR, "Ankara"))))
    assert (record["actor_country"], record["recipient_country"]) == ("RUS", "TUR")
    assert record["event_mode"] == "visit"
    assert (record["city"], record["country"], record["placename"]) == ("Ankara", "TUR", "Ankara")


def test_a_meeting_of_three_is_one_record_per_pair() -> None:
    records = events(_result(_meeting(USA, RUS, CHN)))
    assert [(r["actor_code"], r["recipient_code"]) for r in records] == [
        ("CHN", "RUS"),
        ("CHN", "USA"),
        ("RUS", "USA"),
    ]
    assert [r["event_id"] for r in records] == ["doc:M0:0", "doc:M0:1", "doc:M0:2"]
    assert all(r["parties"] == ["CHN", "RUS", "USA"] for r in records)


def test_actor_codes_for_organisations_and_others() -> None:
    [record] = events(_result(_meeting(HAMAS, UN)))
    assert (record["actor_code"], record["actor_country"]) == ("Hamas", None)
    assert (record["recipient_code"], record["recipient_country"]) == ("UN", "IGO")


def test_heads_of_delegation_name_the_actors() -> None:
    lavrov = Person(name="Sergey Lavrov", title="Foreign Minister", evidence=EV)
    meeting = _meeting(RUS, USA, delegations=(Delegation(party=RUS, head=lavrov),))
    [record] = events(_result(meeting))
    assert (record["actor_name"], record["actor_title"]) == ("Sergey Lavrov", "Foreign Minister")
    assert record["recipient_name"] is None


def test_dates_and_their_sources() -> None:
    dated, undated, planned = events(
        _result(
            _meeting(RUS, USA, date=THURSDAY),
            _meeting(RUS, USA),
            _meeting(RUS, USA, status=Status.PLANNED),
        )
    )
    assert (dated["event_date"], dated["event_enddate"], dated["event_date_precision"]) == (
        "2025-04-10",
        "2025-04-10",
        "day",
    )
    assert dated["event_date_source"] == "text"
    assert (undated["event_date"], undated["event_date_source"]) == ("2025-04-11", "publication")
    assert planned["event_date"] is None
    assert planned["contexts"] == ["future"]
    assert dated["contexts"] == []


def test_commitments_are_agree_records() -> None:
    ev = Evidence(start=19, end=29, text="took place")
    mutual = Commitment(parties=(USA, RUS), action="work on a roadmap", meeting=0, evidence=ev)
    one_sided = Commitment(
        parties=(USA,), action="look into it", strength=Strength.CONSIDER, meeting=0, evidence=ev
    )
    unlinked = Commitment(parties=(CHN,), action="help", evidence=ev)
    meeting = _meeting(RUS, USA, date=THURSDAY, location=_place(TUR))
    records = events(_result(meeting, commitments=(mutual, one_sided, unlinked)))
    agree = [r for r in records if r["event_type"] == "AGREE"]
    assert [(r["actor_code"], r["recipient_code"]) for r in agree] == [
        ("RUS", "USA"),
        ("USA", "RUS"),
        ("CHN", None),
    ]
    assert [r["event_id"] for r in agree] == ["doc:C0:0", "doc:C1:0", "doc:C2:0"]
    assert agree[0]["event_date"] == "2025-04-10"
    assert agree[0]["event_date_source"] == "meeting"
    assert agree[0]["country"] == "TUR"
    assert agree[2]["event_date_source"] == "publication"
    assert agree[1]["comment"] == "look into it"
    assert all(r["event_mode"] is None for r in agree)


def test_seed_article() -> None:
    result = parse(SEED.read_text(encoding="utf-8"), published=PUBLISHED, id="seed")
    records = events(result)
    for record in records:
        assert tuple(record) == FIELDS
        assert record["story_id"] == "seed"
        assert record["publication_date"] == "2025-04-11"
        assert record["headline"] == "Russia and US Disclose Information on Istanbul Discussions"
        start, end = record["event_start"], record["event_end"]
        assert isinstance(start, int)
        assert isinstance(end, int)
        assert result.article.text[start:end] == record["event_text"]
        json.dumps(record)  # plain JSON
    consult = [r for r in records if r["event_type"] == "CONSULT"]
    assert len(consult) == len(result.meetings) == 2
    assert {(r["actor_country"], r["recipient_country"]) for r in consult} == {("RUS", "USA")}
    assert {r["event_mode"] for r in consult} <= {"third-party", "visit", None}
    agree = [r for r in records if r["event_type"] == "AGREE"]
    assert len(agree) >= len(result.commitments)
    assert len({r["event_id"] for r in records}) == len(records)
