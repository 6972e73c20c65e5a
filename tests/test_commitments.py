import datetime

import pytest

import diplomacy_events as de

DAY = datetime.date(2025, 4, 11)
MEETING = "Russia and the US held talks in Istanbul on Thursday. "


def commitments(text: str) -> tuple[de.Commitment, ...]:
    return de.parse(MEETING + text, published=DAY).commitments


@pytest.mark.parametrize(
    ("text", "parties", "strength"),
    [
        ("Both sides agreed to work on a roadmap.", ["RUS", "USA"], de.Strength.AGREED),
        ("The US also agreed to look into the embassy's staffing.", ["USA"], de.Strength.AGREED),
        ("Russia pledged to restore consular services.", ["RUS"], de.Strength.PLEDGED),
        (
            "The two sides reaffirmed their commitment to dialogue.",
            ["RUS", "USA"],
            de.Strength.PLEDGED,
        ),
        ("Washington will lift the restrictions on diplomats.", ["USA"], de.Strength.INTENDED),
        # Regression (test_generative, "will open a consulate"): "open" is an item of an
        # itinerary ("will open the forum") unless its object is a facility or a route.
        ("Russia will open a new consulate in Houston.", ["RUS"], de.Strength.INTENDED),
        ("The US will open its airspace to Russian flights.", ["USA"], de.Strength.INTENDED),
    ],
)
def test_undertakings_with_their_parties_and_strength(
    text: str, parties: list[str], strength: de.Strength
) -> None:
    [commitment] = commitments(text)
    assert [p.code for p in commitment.parties] == parties
    assert commitment.strength is strength
    assert commitment.meeting == 0


@pytest.mark.parametrize(
    "text",
    [
        "Russia urged the US to return the seized properties.",
        "The US welcomed Russia's commitment to the talks.",
        "Both sides agreed to continue contacts.",
        "The sides agreed to disagree on the sanctions.",
        "Russia is ready to resume flights.",
        "Russia will open the forum on Friday.",
        "Russia will open soon.",
    ],
)
def test_requests_praise_contacts_and_readiness_are_no_commitments(text: str) -> None:
    assert commitments(text) == ()


def test_the_source_is_kept_apart_from_the_party() -> None:
    [commitment] = commitments("Both sides agreed to ease visa procedures, according to TASS.")
    assert [s.name for s in commitment.reported_by] == ["TASS"]
    assert [p.code for p in commitment.parties] == ["RUS", "USA"]


def test_requests_and_concerns_are_light_objects_of_their_own() -> None:
    result = de.parse(
        MEETING + "Russia urged the US to return the properties. "
        "Washington raised concerns about the hiring of local staff.",
        published=DAY,
    )
    assert [p.code for r in result.requests for p in r.parties] == ["RUS"]
    assert [p.code for c in result.concerns for p in c.parties] == ["USA"]


@pytest.mark.parametrize(
    "text",
    [
        'They reached a "five-point consensus" on prisoner exchanges.',
        "They reached a preliminary agreement on prisoner exchanges.",
    ],
)
def test_an_agreement_reached_with_words_before_its_noun(text: str) -> None:
    [commitment] = commitments(text)
    assert [p.code for p in commitment.parties] == ["RUS", "USA"]
    assert commitment.strength is de.Strength.AGREED
    assert "prisoner exchanges" in commitment.action
