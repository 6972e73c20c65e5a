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


@pytest.mark.parametrize(
    "text",
    [
        # An opinion the sides share, not an undertaking (found on held-out readouts).
        "Both sides agreed that Iran must never be allowed to acquire a nuclear weapon.",
        "The sides agreed on the need for joint efforts against the pandemic.",
        "They agreed on the importance of close coordination.",
        "They agreed on the critical importance of uninterrupted access to aid.",
        # An invitation accepted is a further contact, not an undertaking.
        "The invitation was accepted with gratitude.",
        "Russia accepted the invitation to the summit.",
        # A third party described, not bound: "a government committed to reforms".
        "They called for a government committed to and able to implement reforms.",
    ],
)
def test_shared_opinions_invitations_and_descriptions_are_no_commitments(text: str) -> None:
    assert commitments(text) == ()


def test_agreed_that_with_what_will_be_done_is_a_commitment() -> None:
    [commitment] = commitments("The sides agreed that their experts would draft a protocol.")
    assert [p.code for p in commitment.parties] == ["RUS", "USA"]


@pytest.mark.parametrize(
    "text",
    [
        "The Secretary and Foreign Minister discussed trade and agreed to form a partnership.",
        "The Deputy Secretary and Foreign Minister reaffirmed our shared commitment to peace.",
        "The President and his counterpart agreed to form a working partnership.",
    ],
)
def test_two_officials_named_by_their_titles_bind_both_sides(text: str) -> None:
    result = de.parse(
        "Secretary of State Jane Roe met Russian Foreign Minister Ivan Petrov in Geneva on "
        "Thursday. " + text,
        published=DAY,
    )
    [commitment] = result.commitments
    assert [p.code for p in commitment.parties] == ["RUS", "USA"]


def test_officials_of_one_side_in_apposition_are_not_both_sides() -> None:
    # "The administration, led by the President and the Secretary, is committed": one side.
    pair = "the administration, led by the President and the Secretary, is committed to peace"
    from diplomacy_events._clauses import TITLE_PAIR

    assert TITLE_PAIR.search(pair) is None


def test_their_commitment_after_two_named_officials_is_both_sides() -> None:
    result = de.parse(
        "Deputy Secretary of State Wendy R. Sherman met with Republic of Korea (ROK) Foreign "
        "Minister Chung Eui-yong in Seoul. Deputy Secretary Sherman and Foreign Minister Chung "
        "discussed their commitment to the complete denuclearization of the Korean Peninsula.",
        published=datetime.date(2021, 7, 22),
    )
    [commitment] = result.commitments
    assert [p.code for p in commitment.parties] == ["KOR", "USA"]


def test_a_trigger_with_nothing_after_it_names_no_undertaking() -> None:
    assert commitments("Everything the sides discussed has been basically agreed on.") == ()
    [own] = commitments("Russia, we respect it for its commitment to an independent policy.")
    assert [p.code for p in own.parties] == ["RUS"]
