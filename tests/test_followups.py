import datetime

import pytest

import diplomacy_events as de

DAY = datetime.date(2025, 4, 11)
MEETING = "Russia and the US held talks in Istanbul on Thursday. "


def test_a_followup_with_what_is_still_to_be_determined() -> None:
    result = de.parse(
        MEETING
        + 'The sides "discussed holding a follow-up meeting in the near term, with the date, '
        'location, and representation to be determined."',
        published=DAY,
    )
    [followup] = result.followups
    assert [p.code for p in followup.parties] == ["RUS", "USA"]
    assert followup.date_status is de.Determination.TO_BE_DETERMINED
    assert followup.location_status is de.Determination.TO_BE_DETERMINED
    assert followup.representation_status is de.Determination.TO_BE_DETERMINED
    assert followup.meeting == 0
    assert result.meetings[0].status is de.Status.HELD
    assert len(result.meetings) == 1  # the follow-up is no meeting of its own


def test_contacts_and_the_next_round_are_followups_with_their_date() -> None:
    result = de.parse(
        MEETING + "The next round will take place in Geneva next month.", published=DAY
    )
    [followup] = result.followups
    assert followup.timeframe is not None
    assert followup.timeframe.iso == "2025-05"
    assert de.parse(MEETING + "It was agreed to continue contacts.", published=DAY).followups


def test_a_deadline_is_no_followup() -> None:
    result = de.parse(MEETING + "They will settle the matter by their next meeting.", published=DAY)
    assert result.followups == ()


def test_officials_who_would_also_meet_are_a_followup() -> None:
    result = de.parse(
        MEETING + "He said foreign ministers and other officials would also meet through the "
        "existing dialogue mechanisms.",
        published=DAY,
    )
    [followup] = result.followups
    assert [p.code for p in followup.parties] == ["RUS", "USA"]


def test_an_invitation_to_visit_extended_at_the_meeting_is_a_followup() -> None:
    result = de.parse(
        "Vladimir Putin had a telephone conversation with President of Kazakhstan Kassym-Jomart "
        "Tokayev. Vladimir Putin invited Kassym-Jomart Tokayev to pay an official visit to "
        "Russia next year.",
        published=DAY,
    )
    [followup] = result.followups
    assert [p.code for p in followup.parties] == ["KAZ", "RUS"]
    assert followup.evidence.text.startswith("invited Kassym-Jomart Tokayev to pay")
    assert len(result.meetings) == 1  # an invitation is no meeting of its own


def test_a_visit_at_an_invitation_or_a_plain_purpose_is_no_followup() -> None:
    for text in (
        "Tokayev will visit Moscow at the invitation of Putin to visit the exhibition.",
        "He travelled to Geneva to visit the new headquarters.",
        "He was invited by the organisers to visit the exhibition.",
    ):
        assert de.parse(MEETING + text, published=DAY).followups == (), text


def test_regular_contacts_agreed_are_a_followup_a_habit_is_not() -> None:
    agreed = de.parse(
        MEETING + "They agreed to continue regular contacts at various levels.", published=DAY
    )
    assert len(agreed.followups) == 1
    habit = de.parse(MEETING + "We maintain regular contacts with them.", published=DAY)
    assert habit.followups == ()


def test_close_contacts_and_interaction_and_contacts_are_followups_not_commitments() -> None:
    for text in (
        "The sides agreed to continue interaction and contacts at various levels.",
        "The presidents agreed to maintain close contacts.",
    ):
        result = de.parse(MEETING + text, published=DAY)
        assert len(result.followups) == 1, text
        assert result.commitments == (), text


@pytest.mark.parametrize(
    "text",
    [
        "The presidents agreed to continue the political dialogue and contacts at various levels.",
        "They agreed on further personal contacts.",
    ],
)
def test_dialogue_and_personal_contacts_agreed_are_followups(text: str) -> None:
    result = de.parse(MEETING + text, published=DAY)
    assert len(result.followups) == 1
    assert result.commitments == ()


def test_this_series_of_meetings_is_the_one_at_hand_but_this_next_one_is_not() -> None:
    assert (
        de.parse(MEETING + "This series of meetings was productive.", published=DAY).followups == ()
    )
    later = de.parse(MEETING + "They will plan this next meeting of the group.", published=DAY)
    assert len(later.followups) == 1
