import pytest

from diplomacy_events.parties import PartyFinder
from diplomacy_events.text import Document


def codes(text: str) -> list[tuple[str, str]]:
    doc = Document.from_text(text, headline=False)
    return [(m.party.code, m.form) for m in PartyFinder().find(doc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Türkiye and Turkey", [("TUR", "alias"), ("TUR", "alias")]),
        ("the UK and the DRC", [("GBR", "alias"), ("COD", "alias")]),
        ("Côte d'Ivoire", [("CIV", "alias")]),
        ("Emirati officials", [("ARE", "demonym")]),
        ("Kyiv and Kiev", [("UKR", "capital"), ("UKR", "capital")]),
        ("the Kremlin and the State Department", [("RUS", "office"), ("USA", "office")]),
        ("the OIC and the Arab League", [("OIC", "acronym"), ("LAS", "name")]),
        ("Hamas and the Taliban", [("Hamas", "acronym"), ("Taliban", "name")]),
    ],
)
def test_states_organisations_and_actors_by_every_name(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [code for code, _ in codes(text)] == [code for code, _ in expected]


def test_a_capital_that_starts_a_longer_name_is_no_party() -> None:
    assert codes("The Washington Post and Moscow State University") == []
