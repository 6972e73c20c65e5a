import datetime
from pathlib import Path

import diplomacy_events as de
from diplomacy_events.summary import summarise

SEED = Path(__file__).resolve().parents[1] / "seeds" / "seed-istanbul-consultations.txt"


def test_the_seed_summary_names_every_object_found() -> None:
    result = de.parse(SEED.read_text(encoding="utf-8"), published=datetime.date(2025, 4, 11))
    text = summarise(result)
    assert text.splitlines()[0] == "2 meetings, 5 commitments, 1 follow-up"
    assert "Meeting 1: held, in person, 2025-04-10, Istanbul (TUR)" in text
    assert "RUS delegation headed by Aleksandr Darchiev" in text
    assert "USA delegation headed by Sonata Coulter" in text
    assert "reported by: TASS" in text
    assert "date: to be determined; location: to be determined" in text


def test_an_empty_result_says_so() -> None:
    assert summarise(de.parse("")) == "0 meetings, 0 commitments, 0 follow-ups"
