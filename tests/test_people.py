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


def test_a_run_of_blanks_inside_a_title_or_name_is_one_space() -> None:
    # Regression (test_properties, widened spaces): 'Carlos  Mendes' was a head named 'Carlos',
    # 'President  of Brazil Carlos Mendes' no head at all.
    text = "President  of Brazil Carlos \t Mendes met\u00a0 Egyptian  President Ahmed  Salem."
    doc = Document.from_text(text)
    found = PersonFinder().find(doc, PartyFinder().find(doc))
    assert {p.name: p.party.code if p.party else None for p in found} == {
        "Carlos Mendes": "BRA",
        "Ahmed Salem": "EGY",
    }
    assert [p.evidence.text for p in found] == ["Carlos \t Mendes", "Ahmed  Salem"]
    assert all(text[p.evidence.start : p.evidence.end] == p.evidence.text for p in found)


def test_a_well_known_official_acts_for_the_office_named_and_held_then() -> None:
    # Regression (test_generative, "an official outside the term of the office named"): each
    # was given the party of his latest office, NATO's and the European Council's.
    in_2017, in_2025 = datetime.date(2017, 6, 1), datetime.date(2025, 6, 1)
    assert people("Prime Minister Mark Rutte spoke.", in_2025)["Mark Rutte"] == (
        "Prime Minister",
        "head_of_government",
        "NLD",
    )
    assert people("Mark Rutte spoke.", in_2017)["Mark Rutte"][2] == "NLD"
    assert people("Mark Rutte spoke.", in_2025)["Mark Rutte"][2] == "NATO"
    assert people("Prime Minister Antonio Costa spoke.", in_2017)["Antonio Costa"][2] == "PRT"


@pytest.mark.parametrize(
    ("text", "name", "party"),
    [
        ("Mustafa al-Kadhimi spoke.", "Mustafa al-Kadhimi", "IRQ"),
        ("Brazil's Foreign Minister Carlos al-Mendes spoke.", "Carlos al-Mendes", "BRA"),
        ("Brazil's Foreign Minister Carlos van der Berg spoke.", "Carlos van der Berg", "BRA"),
        ("Brazil's Foreign Minister Carlos dos Santos spoke.", "Carlos dos Santos", "BRA"),
    ],
)
def test_names_keep_their_lower_case_particles(text: str, name: str, party: str) -> None:
    # Regression (test_generative, "a name with a lower-case particle", "... two particles").
    assert people(text, datetime.date(2020, 7, 2))[name][2] == party


@pytest.mark.parametrize(
    ("text", "name", "party"),
    [
        ("The Israeli team was led by David Barnea, head of the Mossad.", "David Barnea", "ISR"),
        ("The European Union delegation was led by Evi Papantoniou.", "Evi Papantoniou", "EU"),
        (
            "Hamas was represented by its Gaza chief Khalil al-Hayya.",
            "Khalil al-Hayya",
            "Hamas",
        ),
    ],
)
def test_the_head_of_a_side_named_without_a_title(text: str, name: str, party: str) -> None:
    assert people(text)[name] == (None, "other", party)


def test_a_titled_head_after_led_by_is_the_titled_rules() -> None:
    found = people("The Russian delegation was led by Deputy Foreign Minister Sergei Ryabkov.")
    assert found == {"Sergei Ryabkov": ("Deputy Foreign Minister", "deputy_minister", "RUS")}


def test_led_by_with_no_side_before_it_names_no_one() -> None:
    assert people("The talks were led by Evi Papantoniou.") == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin spoke.", {"Vladimir Putin": (None, "head_of_state", "RUS")}),
        ("Lavrov spoke.", {"Sergey Lavrov": (None, "minister", "RUS")}),  # the first spelling
        ("Xi spoke.", {"Xi Jinping": (None, "head_of_state", "CHN")}),
        # A given name's surname, a common name, a first name before it, a name after it.
        ("Jinping spoke.", {}),
        ("Johnson spoke.", {}),
        ("Hunter Biden spoke.", {}),
        ("The Trump Tower stands.", {}),
    ],
)
def test_a_well_known_official_by_surname_alone(
    text: str, expected: dict[str, tuple[str | None, str, str | None]]
) -> None:
    assert people(text, datetime.date(2022, 3, 1)) == expected


def test_a_surname_of_someone_the_text_names_is_theirs() -> None:
    # Regression (test_generative, leaders_agreed): "Novak" was Russia's Alexander Novak.
    found = people("President of Angola Ahmed Novak met the press. Novak said so.")
    assert found == {"Ahmed Novak": ("President", "head_of_state", "AGO")}


def test_an_envoy_in_apposition_to_a_well_known_officials_possessive() -> None:
    found = people("He met Brett McGurk, President Joe Biden's Middle East envoy, and others.")
    assert found["Brett McGurk"] == ("Envoy", "ambassador", "USA")


@pytest.mark.parametrize(
    ("text", "name", "party"),
    [
        # An institution between the party and the title (found on held-out readouts).
        ("Estonian Foreign Ministry Secretary General Anna Tamm spoke.", "Anna Tamm", "EST"),
        (
            "Japanese Ministry of Foreign Affairs Director General for Asian and Oceanian "
            "Affairs Sato Kenji spoke.",
            "Sato Kenji",
            "JPN",
        ),
        (
            "Republic of Korea (ROK) Special Representative for Korean Peninsula Peace and "
            "Security Affairs Noh Kyu-duk spoke.",
            "Noh Kyu-duk",
            "KOR",
        ),
        (
            "Republic of Korea (ROK) First Vice Foreign Minister Cho Hyundong spoke.",
            "Cho Hyundong",
            "KOR",
        ),
        (
            "German Ministry for Economic Affairs and Climate Action State Secretary Franziska "
            "Brantner spoke.",
            "Franziska Brantner",
            "DEU",
        ),
        # The State Department's named offices are American by themselves.
        (
            "Deputy Secretary for Management and Resources Brian P. McKeon spoke.",
            "Brian P. McKeon",
            "USA",
        ),
        # The body of the party after the title is no part of the name.
        ("Speaker of the Mongolian Parliament Zandanshatar spoke.", "Zandanshatar", "MNG"),
        # An organisation's official's possessive in apposition.
        (
            "Blinken met Staffan de Mistura, the UN Secretary-General's Personal Envoy for "
            "Western Sahara.",
            "Staffan de Mistura",
            "UN",
        ),
        # The institution after the name.
        (
            "Political Director Marta Kos, Slovenian Ministry of Foreign Affairs, spoke.",
            "Marta Kos",
            "SVN",
        ),
        (
            "Deputy Assistant Secretary Jane Roe, Bureau of European and Eurasian Affairs, U.S. "
            "Department of State, spoke.",
            "Jane Roe",
            "USA",
        ),
        # A portfolio naming another state ("for Yemen"), maybe with a second title after it.
        ("U.S. Special Envoy for Yemen Tim Lenderking arrived.", "Tim Lenderking", "USA"),
        (
            "U.S. Special Representative for the Democratic People's Republic of Korea (DPRK) "
            "Ambassador Sung Kim spoke.",
            "Sung Kim",
            "USA",
        ),
    ],
)
def test_the_party_of_an_official_named_with_an_institution(
    text: str, name: str, party: str
) -> None:
    found = people(text)
    assert found[name][2] == party


def test_a_full_names_party_wins_over_an_earlier_surname_alone() -> None:
    found = people(
        "ROK Special Representative Kim's meeting. U.S. Special Representative Ambassador "
        "Sung Kim met ROK Special Representative Noh Kyu-duk."
    )
    assert found["Sung Kim"][2] == "USA"
