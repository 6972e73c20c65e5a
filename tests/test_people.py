import datetime

import pytest

from diplomacy_events.parties import PartyFinder
from diplomacy_events.people import PersonFinder
from diplomacy_events.text import Document


def people(
    text: str, published: datetime.date | None = None
) -> dict[str, tuple[str | None, str, str | None]]:
    doc = Document.from_text(text)
    found = PersonFinder().find(doc, PartyFinder().find(doc), published)
    return {p.name: (p.title, p.rank.value, p.party.code if p.party else None) for p in found}


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "Egyptian President Abdel Fattah Al Sisi spoke.",
            "Abdel Fattah Al Sisi",
            ("President", "head_of_state", "EGY"),
        ),
        (
            "President of the Kyrgyz Republic Sadyr Japarov spoke.",
            "Sadyr Japarov",
            ("President", "head_of_state", "KGZ"),
        ),
        (
            "Sonata Coulter, Deputy Assistant Secretary of State for European and Eurasian Affairs, spoke.",
            "Sonata Coulter",
            ("Deputy Assistant Secretary of State", "senior_official", "USA"),
        ),
        (
            "Aleksandr Darchiev, Moscow's newly appointed ambassador to Washington, spoke.",
            "Aleksandr Darchiev",
            ("Ambassador", "ambassador", "RUS"),
        ),
        ("Vice Premier He Lifeng spoke.", "He Lifeng", ("Vice Premier", "minister", "CHN")),
    ],
)
def test_titles_before_and_after_names_give_rank_and_party(
    text: str, name: str, expected: tuple[str, str, str]
) -> None:
    assert people(text)[name] == expected


def test_a_title_alone_names_its_holder_on_the_publication_date() -> None:
    found = people("The President of Russia held talks.", datetime.date(2022, 2, 15))
    assert found["Vladimir Putin"][2] == "RUS"
    assert people("The President of Russia held talks.") == {}


def test_later_mentions_by_surname_are_one_person() -> None:
    found = people("Foreign Minister Sergey Lavrov arrived. Lavrov then spoke.")
    assert list(found) == ["Sergey Lavrov"]
