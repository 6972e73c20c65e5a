"""Assembly: merging drafts into meetings, and the bookkeeping that keeps it linear.

The behaviour of assembly on prose is tested through ``parse`` in
``test_meetings.py``, ``test_commitments.py`` and ``test_accuracy.py``; here
are its helpers, each checked against the plain all-pairs version it
replaces (the cost of long documents is in ``test_scaling.py`` and the
benchmark).
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import diplomacy_events as de
from diplomacy_events import assembly, testing
from diplomacy_events.model import Commitment, Evidence

TEXT = "x" * 60
PUBLISHED = datetime.date(2025, 4, 11)


def _naive_dedupe(items: list[Commitment]) -> tuple[Commitment, ...]:
    """The all-pairs version: drop an item whose evidence overlaps one kept before it."""
    kept: list[Commitment] = []
    for item in items:
        if not any(item.evidence.overlaps(k.evidence) for k in kept):
            kept.append(item)
    return tuple(kept)


@given(st.lists(testing.commitments(TEXT), max_size=12))
def test_dedupe_keeps_what_the_all_pairs_version_keeps(items: list[Commitment]) -> None:
    assert assembly._dedupe(items) == _naive_dedupe(items)


def _commitment(start: int, end: int) -> Commitment:
    return Commitment(
        parties=(de.Party(code="RUS", name="Russia"),),
        action="x",
        evidence=Evidence(start=start, end=end, text=TEXT[start:end], rule="test"),
    )


@pytest.mark.parametrize(
    ("spans", "kept"),
    [
        ([(0, 5), (5, 9)], [(0, 5), (5, 9)]),  # touching spans do not overlap
        ([(0, 5), (4, 9)], [(0, 5)]),
        ([(10, 20), (0, 11), (19, 30), (20, 30)], [(10, 20), (20, 30)]),
        ([(10, 20), (12, 14)], [(10, 20)]),  # inside a kept span
        ([(12, 14), (10, 20)], [(12, 14)]),  # around a kept span
    ],
)
def test_dedupe_examples(spans: list[tuple[int, int]], kept: list[tuple[int, int]]) -> None:
    found = assembly._dedupe([_commitment(s, e) for s, e in spans])
    assert [(c.evidence.start, c.evidence.end) for c in found] == kept


def test_a_later_mention_of_the_talks_joins_the_meeting_of_its_parties() -> None:
    text = (
        "Russian Foreign Minister Sergey Lavrov met Chinese Foreign Minister Wang Yi in Moscow "
        "on April 8. Lavrov later held talks with Turkish Foreign Minister Hakan Fidan. "
        "The talks between Lavrov and Wang Yi lasted three hours."
    )
    result = de.parse(text, published=PUBLISHED)
    assert [sorted(p.code for p in m.parties) for m in result.meetings] == [
        ["CHN", "RUS"],
        ["RUS", "TUR"],
    ]
    first = result.meetings[0]
    assert any("three hours" in e.text or "The talks" in e.text for e in first.evidence)


# --- Hosts: "whose government hosted the meeting" --------------------------------------------


def _meeting_of(text: str) -> de.Meeting:
    result = de.parse(text, published=PUBLISHED)
    assert len(result.meetings) == 1, [m.parties for m in result.meetings]
    return result.meetings[0]


def test_a_host_named_after_the_meeting_takes_part_and_heads_its_side() -> None:
    result = de.parse(
        "Armenian Foreign Minister Ararat Mirzoyan met Azerbaijani Foreign Minister Jeyhun "
        "Bayramov in Geneva on Monday. Swiss Foreign Minister Ignazio Cassis, whose government "
        "hosted the talks, said they were useful. The two sides agreed to continue work on the "
        "peace treaty.",
        published=PUBLISHED,
    )
    [meeting] = result.meetings
    assert [p.code for p in meeting.parties] == ["ARM", "AZE", "CHE"]
    assert meeting.host is not None
    assert meeting.host.code == "CHE"
    assert meeting.heads["CHE"].name == "Ignazio Cassis"
    # "The two sides" are the guests, not the host.
    assert [[p.code for p in c.parties] for c in result.commitments] == [["ARM", "AZE"]]


def test_the_party_thanked_for_hosting_is_the_host() -> None:
    meeting = _meeting_of(
        "Secretary Blinken met Iranian Foreign Minister Hossein Amir-Abdollahian in Vienna on "
        "Monday. The United States thanked Austria for hosting the talks."
    )
    assert meeting.host is not None
    assert meeting.host.code == "AUT"


def test_co_chairs_host_no_one() -> None:
    meeting = _meeting_of(
        "Secretary Blinken held talks with Japanese Foreign Minister Yoshimasa Hayashi in Tokyo "
        "on Monday. Blinken and Hayashi co-chaired the talks."
    )
    assert meeting.host is None
    assert [p.code for p in meeting.parties] == ["JPN", "USA"]


def test_a_meeting_without_a_host_says_so() -> None:
    meeting = _meeting_of("President Vladimir Putin met President Xi Jinping in Moscow on Monday.")
    assert meeting.host is None


# --- Members of a gathering, listed in other sentences ---------------------------------------


def test_the_leaders_of_a_list_take_part_in_the_summit_before() -> None:
    meeting = _meeting_of(
        "On July 4, Prime Minister Narendra Modi will take part in the summit of the Shanghai "
        "Cooperation Organisation. Kazakhstan will chair the summit in Astana. The leaders of "
        "China, Russia, India, Pakistan and Kazakhstan will discuss regional security."
    )
    assert sorted(p.code for p in meeting.parties) == ["CHN", "IND", "KAZ", "PAK", "RUS", "SCO"]
    assert meeting.host is not None
    assert meeting.host.code == "KAZ"


def test_the_leaders_attending_and_those_represented_take_part() -> None:
    meeting = _meeting_of(
        "African Union leaders held a summit in Addis Ababa on Saturday. The leaders attending "
        "included Kenyan President William Ruto and Nigerian President Bola Tinubu, while Chad "
        "and Niger were represented by their foreign ministers."
    )
    assert sorted(p.code for p in meeting.parties) == ["AU", "KEN", "NER", "NGA", "TCD"]
    assert meeting.heads["KEN"].name == "William Ruto"
    assert meeting.heads["NGA"].name == "Bola Tinubu"


def test_a_leader_speaking_after_a_summit_led_the_side() -> None:
    meeting = _meeting_of(
        "ASEAN leaders met Myanmar's foreign minister in Jakarta on Saturday. The leaders of "
        "Indonesia, Malaysia and Singapore attended. Malaysian Prime Minister Anwar Ibrahim "
        "said the talks were frank."
    )
    assert meeting.heads["MYS"].name == "Anwar Ibrahim"


def test_a_list_of_leaders_far_from_any_gathering_adds_no_one() -> None:
    meeting = _meeting_of(
        "Leaders of the African Union held a summit in Addis Ababa on Saturday with Kenyan "
        "President William Ruto. Trade was discussed. Energy was raised. Prices rose. Markets "
        "fell. The leaders of France and Germany wrote a letter."
    )
    assert sorted(p.code for p in meeting.parties) == ["AU", "KEN"]


# --- Mentions that name their sides, itineraries updated during the trip ----------------------


def test_a_definite_mention_whose_compound_names_its_sides_is_a_meeting() -> None:
    meeting = _meeting_of(
        "The Deputy Secretary will then travel to Rabat, where she will lead the U.S. "
        "delegation to the U.S.-Morocco Strategic Dialogue."
    )
    assert [p.code for p in meeting.parties] == ["MAR", "USA"]


def test_a_definite_mention_of_a_reported_meeting_joins_it_whatever_date_precedes() -> None:
    result = de.parse(
        "Russia and the United States held talks in Riyadh on Tuesday. Zelensky put off a "
        "visit to Turkey to March 10, saying he did not want it linked to the U.S.-Russian "
        "meeting.",
        published=PUBLISHED,
    )
    assert [
        (sorted(p.code for p in m.parties), m.date.iso if m.date else None) for m in result.meetings
    ] == [(["RUS", "USA"], "2025-04-08")]


def _leg(days: str) -> de.Meeting:
    """The meeting of the second leg of a trip, whose days are stated before its clause."""
    result = de.parse(
        "Deputy Secretary Sherman met Turkish Foreign Minister Mevlut Cavusoglu in Ankara on "
        "April 4. The Deputy Secretary will then travel to Rabat and Casablanca, Morocco from "
        f"{days}, where she will lead the U.S. delegation to the U.S.-Morocco Strategic "
        "Dialogue on Regional Political Issues.",
        published=PUBLISHED,
    )
    [meeting] = [m for m in result.meetings if "MAR" in {p.code for p in m.parties}]
    assert meeting.date is None  # a leg's days do not date its meetings
    return meeting


def test_an_undated_meeting_of_a_leg_begun_before_publication_was_held() -> None:
    assert _leg("April 8 to 9").status is de.Status.HELD


def test_an_undated_meeting_of_a_leg_still_to_come_is_planned() -> None:
    assert _leg("April 14 to 15").status is de.Status.PLANNED


def test_sides_led_or_represented_by_people_named_without_titles() -> None:
    meeting = _meeting_of(
        "Qatari Prime Minister Mohammed bin Abdulrahman Al Thani met the Israeli and Hamas "
        "negotiating teams in Doha on Wednesday. The Israeli team was led by David Barnea, head "
        "of the Mossad, while Hamas was represented by its Gaza chief Khalil al-Hayya."
    )
    assert {code: head.name for code, head in meeting.heads.items()} == {
        "QAT": "Mohammed bin Abdulrahman Al Thani",
        "ISR": "David Barnea",
        "Hamas": "Khalil al-Hayya",
    }


def test_two_mentions_of_a_summit_in_one_sentence_with_different_people_are_one() -> None:
    meeting = _meeting_of(
        "Assistant Secretary of State Daniel J. Kritenbrink will travel to Cambodia. In both "
        "countries, Assistant Secretary Kritenbrink will discuss the upcoming U.S.-ASEAN "
        "Special Summit that President Biden will host in Washington May 12-13."
    )
    assert [p.code for p in meeting.parties] == ["ASEAN", "USA"]
    assert meeting.location is not None
    assert meeting.location.city == "Washington"


def test_she_leads_the_delegation_of_the_person_named_before() -> None:
    result = de.parse(
        "Deputy Secretary of State Wendy Sherman will travel to Rabat and Casablanca, Morocco "
        "from April 14 to 15, where she will lead the U.S. delegation to the U.S.-Morocco "
        "Strategic Dialogue.",
        published=PUBLISHED,
    )
    [meeting] = result.meetings
    assert meeting.heads["USA"].name == "Wendy Sherman"
    # Two cities of one leg: the country alone.
    assert meeting.location is not None
    assert meeting.location.city is None
    assert meeting.location.country is not None
    assert meeting.location.country.code == "MAR"


def test_meeting_evidence_starts_and_ends_at_word_boundaries() -> None:
    text = (
        "Senior representatives of the government of the Islamic Republic of Afghanistan and "
        "the Taliban movement in Doha held talks with Qatari Foreign Minister Mohammed bin "
        "Abdulrahman Al Thani on Saturday and discussed a great many matters of regional "
        "importance including trade and transit arrangements."
    )
    meeting = _meeting_of(text)
    for evidence in meeting.evidence:
        before = text[evidence.start - 1 : evidence.start + 1] if evidence.start else " "
        after = text[evidence.end - 1 : evidence.end + 1] if evidence.end < len(text) else " "
        assert not before.isalnum(), evidence
        assert not after.isalnum(), evidence


def test_a_leader_named_in_passing_does_not_displace_the_head_named_with_the_meeting() -> None:
    meeting = _meeting_of(
        "Qatari Prime Minister Mohammed bin Abdulrahman Al Thani met the Israeli and Hamas "
        "negotiating teams in Doha on Wednesday, with Brett McGurk, President Joe Biden's "
        "Middle East envoy, and Egyptian officials present."
    )
    assert meeting.heads["USA"].name == "Brett McGurk"


def test_who_discusses_an_upcoming_summit_does_not_lead_a_side_at_it() -> None:
    result = de.parse(
        "Assistant Secretary of State Daniel J. Kritenbrink will travel to Cambodia. In both "
        "countries, Assistant Secretary Kritenbrink will discuss the upcoming U.S.-ASEAN "
        "Special Summit that President Biden will host in Washington May 12-13.",
        published=PUBLISHED,
    )
    [summit] = [m for m in result.meetings if "ASEAN" in {p.code for p in m.parties}]
    assert summit.heads["USA"].name == "Biden"


def test_the_summit_in_the_sentence_naming_a_summit_is_that_summit() -> None:
    result = de.parse(
        "Deputy Secretary of State Wendy Sherman met today with Thongphane Savanphet, Deputy "
        "Minister of Foreign Affairs of the Lao People's Democratic Republic, in Vientiane. "
        "The Deputy Secretary thanked Laos for its "
        "participation at the U.S.-ASEAN Special Summit and noted the summit demonstrated how "
        "the United States prioritizes its relationship with Southeast Asian partners.",
        published=datetime.date(2022, 6, 10),
    )
    summits = [m for m in result.meetings if "ASEAN" in {p.code for p in m.parties}]
    assert len(summits) == 1


def test_a_summit_in_the_sentence_of_talks_on_its_sidelines_stays_apart() -> None:
    result = de.parse(
        "Indian Prime Minister Narendra Modi and Chinese President Xi Jinping held talks on "
        "Wednesday, meeting on the sidelines of a BRICS summit hosted by Russia.",
        published=datetime.date(2024, 10, 24),
    )
    assert len(result.meetings) == 2


def test_members_listed_after_a_summit_of_an_organisation_join_it() -> None:
    result = de.parse(
        "Vladimir Putin took part in the Russia-ASEAN summit via videoconference. Taking part "
        "in the summit were Prime Minister of the Kingdom of Cambodia Hun Sen; President of the "
        "Republic of Indonesia Joko Widodo; and Prime Minister of Malaysia Ismail Sabri Yaakob.",
        published=datetime.date(2021, 10, 28),
    )
    [summit] = result.meetings
    assert {p.code for p in summit.parties} == {"ASEAN", "IDN", "KHM", "MYS", "RUS"}
    assert summit.heads["KHM"].name == "Hun Sen"


def test_the_heads_of_states_listed_after_a_meeting_of_an_organisation_take_part() -> None:
    result = de.parse(
        "The Kremlin hosted a meeting of the heads of state of the Collective Security Treaty "
        "Organisation. Taking part in the meeting, timed to coincide with the 30th anniversary "
        "of the treaty, were the heads of Russia, Armenia, Belarus and Kazakhstan.",
        published=datetime.date(2022, 5, 16),
    )
    [meeting] = result.meetings
    assert {p.code for p in meeting.parties} == {"ARM", "BLR", "CSTO", "KAZ", "RUS"}


def test_their_meeting_with_a_third_side_is_the_sides_meeting_with_it() -> None:
    result = de.parse(
        "Deputy Secretary of State Wendy Sherman met today with Republic of Korea First Vice "
        "Foreign Minister Cho Hyundong. They discussed the importance of strengthening "
        "trilateral ties with Japan, including through their June 8 trilateral meeting with "
        "Japanese Vice Foreign Minister Mori Takeo.",
        published=datetime.date(2022, 6, 7),
    )
    later = result.meetings[-1]
    assert {p.code for p in later.parties} == {"JPN", "KOR", "USA"}


def test_their_meeting_of_sides_named_in_the_sentence_is_theirs_alone() -> None:
    result = de.parse(
        "Vladimir Putin had a telephone conversation with President of the European Council "
        "Charles Michel. The presidents of Russia and Azerbaijan and the prime minister of "
        "Armenia will review these matters at their meeting in Sochi on November 26.",
        published=datetime.date(2021, 11, 24),
    )
    assert {p.code for p in result.meetings[-1].parties} == {"ARM", "AZE", "RUS"}
