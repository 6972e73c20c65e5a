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


def test_a_run_of_blanks_reads_as_one_space_and_evidence_quotes_the_original() -> None:
    # Regression (test_properties, widened spaces): "telephone  conversation" was no trigger.
    text = "Readout\nBrazil had a telephone \t\u00a0conversation with  Egypt.\n"
    doc = Document.from_text(text)
    assert sentences(text) == ["Readout", "Brazil had a telephone conversation with Egypt."]
    start = doc.view.index("telephone")
    evidence = doc.evidence(start, start + len("telephone conversation"), "test")
    assert evidence.text == "telephone \t\u00a0conversation"
    assert text[evidence.start : evidence.end] == evidence.text
    end = doc.view.index("Egypt") + len("Egypt")
    assert doc.evidence(start, end, "test").text == text[text.index("telephone") : -2]
    assert doc.view_offset(text.index("Egypt")) == doc.view.index("Egypt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Regression (test_properties, re-wrapped text): a line break inside a sentence.
        (
            "Readout\nBrazil and Egypt held\ntalks in Cairo on April 8.\n",
            ["Readout", "Brazil and Egypt held talks in Cairo on April 8."],
        ),
        # Paragraphs separated by blank lines: every line break inside one is a wrap.
        (
            "Readout\n\nBrazil and Egypt held talks with\nEgypt's envoy. They agreed to the\n"
            "U.S. plan.\n\nNext paragraph.",
            [
                "Readout",
                "Brazil and Egypt held talks with Egypt's envoy.",
                "They agreed to the U.S. plan.",
                "Next paragraph.",
            ],
        ),
        # After an abbreviation a lower-case line goes on: "the U.S.\ndelegation".
        (
            "Readout\nShe will lead the U.S.\ndelegation to Rabat.",
            ["Readout", "She will lead the U.S. delegation to Rabat."],
        ),
    ],
)
def test_a_line_broken_inside_a_paragraph_is_joined(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The headline, one paragraph a line (Kremlin and news texts), a dateline.
        (
            "Talks with Chancellor Olaf Scholz\nVladimir Putin held talks.\nMOSCOW\nThe talks ended.",
            [
                "Talks with Chancellor Olaf Scholz",
                "Vladimir Putin held talks.",
                "MOSCOW",
                "The talks ended.",
            ],
        ),
        # State Department texts: the headline and its byline, then blank-line paragraphs.
        (
            "Secretary Blinken's Call\nOffice of the Spokesperson\n\nThe Secretary spoke.",
            ["Secretary Blinken's Call", "Office of the Spokesperson", "The Secretary spoke."],
        ),
        # The items of a list, and a paragraph that does not end like a sentence.
        (
            "Readout\n\nThe sides agreed on\n- trade\n- energy\n\nAustralia\nCanada",
            ["Readout", "The sides agreed on", "- trade", "- energy", "Australia", "Canada"],
        ),
        # A sentence that ends at the line's end, and a cut in a transcript.
        (
            "Readout\n\nThe talks ended.\nThey agreed. <\u2026>\nPutin: Thank you.",
            ["Readout", "The talks ended.", "They agreed. <\u2026>", "Putin: Thank you."],
        ),
    ],
)
def test_lines_that_are_paragraphs_stay_apart(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("They met in Washington, D.C. Deputy Secretary Sherman thanked him.", 2),
        ("They held talks with the U.S. The two sides agreed to meet again.", 2),
        ("The U.S. Secretary of State met the U.K. Foreign Secretary.", 1),
        ("Officials of the U.S. Department of State met.", 1),
    ],
)
def test_a_place_abbreviation_ends_a_sentence_before_a_sentence_opener(
    text: str, count: int
) -> None:
    assert len(Document.from_text(text, headline=False).sentences) == count
