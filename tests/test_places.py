from diplomacy_events.places import PlaceFinder
from diplomacy_events.text import Document


def places(text: str) -> list[tuple[str | None, str | None, str | None]]:
    doc = Document.from_text(text, headline=False)
    return [
        (p.city, p.country.code if p.country else None, p.venue) for p in PlaceFinder().find(doc)
    ]


def test_cities_venues_and_their_countries() -> None:
    assert places("Talks in Istanbul, at the Kremlin and in Washington, D.C.") == [
        ("Istanbul", "TUR", None),
        ("Moscow", "RUS", "the Kremlin"),
        ("Washington", "USA", None),
    ]


def test_a_city_inside_a_longer_name_is_no_place_but_an_event_in_it_is() -> None:
    assert places("The Washington Post reported it.") == []
    assert places("They met at the Munich Security Conference.") == [("Munich", "DEU", None)]


def test_a_dateline_gives_the_place_of_a_dispatch() -> None:
    doc = Document.from_text("Headline\nOHRID, North Macedonia, 19 March — Leaders met.")
    place = PlaceFinder().dateline(doc)
    assert place is not None
    assert (place.city, place.country.code if place.country else None) == ("Ohrid", "MKD")


def test_a_city_followed_by_a_date_is_a_place() -> None:
    assert places("Biden will host the summit in Washington May 12-13.") == [
        ("Washington", "USA", None)
    ]
    assert places("They met in Moscow Tuesday.") == [("Moscow", "RUS", None)]
    assert places("The Moscow Times reported it.") == []
