import unicodedata

import pytest

from diplomacy_events.text import Document


def sentences(text: str) -> list[str]:
    doc = Document.from_text(text)
    return [doc.view[s.start : s.end] for s in doc.sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Secretary met Dr. Lee. They talked.",
            ["The U.S. Secretary met Dr. Lee.", "They talked."],
        ),
        ("Talks on Feb. 27 ended. No. 10 said so.", ["Talks on Feb. 27 ended.", "No. 10 said so."]),
        ('He said: "We agreed." Then he left.', ['He said: "We agreed."', "Then he left."]),
        ("John F. Kennedy spoke. Done.", ["John F. Kennedy spoke.", "Done."]),
        ("First part.*** Second part", ["First part.***", "Second part"]),
    ],
)
def test_sentences_survive_abbreviations_quotes_and_initials(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


def test_the_first_line_is_a_headline_only_when_more_follows() -> None:
    assert Document.from_text("Putin meets Xi\nThe two met.").sentences[0].headline
    assert not Document.from_text("The two met.").sentences[0].headline
    assert not Document.from_text("A full sentence.\nAnother.").sentences[0].headline


def test_evidence_quotes_the_original_text_after_normalisation() -> None:
    text = unicodedata.normalize("NFD", "Talks in Türkiye ended. “Fine,” he said.")
    doc = Document.from_text(text)
    start = doc.view.index("Türkiye")
    evidence = doc.evidence(start, start + len("Türkiye"), "test")
    assert text[evidence.start : evidence.end] == evidence.text
    assert unicodedata.normalize("NFC", evidence.text) == "Türkiye"
    assert '"Fine,"' in doc.view


def test_very_long_sentences_are_cut_into_bounded_pieces() -> None:
    doc = Document.from_text("word " * 5000)
    assert len(doc.sentences) > 1
    assert all(s.end - s.start <= 2000 for s in doc.sentences)
