"""Property 5, the generative round trip: prose built from known facts parses back to them.

The report strategies of :mod:`diplomacy_events.testing` write meetings
between leaders of real states (by title and country, demonym, possessive or
apposition, or well-known officials of the lexicon, or heads of
organisations) in cities of the lexicon, on dates written as a weekday, a day
and month, a month, day and year, or relative to the publication date, held
or planned, in person or by phone; commitments (mutual and unilateral) and
follow-ups are said after a held meeting.  Each template is a property of
its own: parsing any report it makes recovers exactly the parties, status,
mode, date, place and heads of its meeting, and its commitment or follow-up.

Where a template fails in general, its property is marked
``xfail(strict=True)`` with the reason; where the parser fails on some
values only, the shrunk example is kept below as an explicit
``xfail(strict=True)`` case, so that fixing the parser is noticed.  No
template is dropped and no value is excluded.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import pytest
from hypothesis import Phase, given, seed, settings
from hypothesis import strategies as st

import diplomacy_events as de
from diplomacy_events import testing
from diplomacy_events.model import Mode, Status, Strength
from diplomacy_events.testing import CommitmentFacts, FollowUpFacts, MeetingFacts, Report

EXAMPLES = max(10, settings().max_examples // 4)

# One seed for the generated reports, wherever the repository is checked out: a derandomised
# run's examples depend on the test's file path, and the strict xfails below must be decided
# the same way in every clone.
SEED = 20261129

# Templates the parser fails on whatever the values, with the reason.  None at present: the
# last, "meeting_will_take_place" and "talks_between", are the regression tests "a meeting
# between two leaders in apposition will take place" and "talks between two leaders took
# place" below.
KNOWN_TEMPLATE_FAILURES: dict[str, str] = {}


# Templates the parser gets right on most values but not all: the property over them is a
# strict xfail (the examples are derandomised, so the outcome is fixed) until the miss is
# fixed; the CI log prints the failing example to reproduce.  None at present: the last,
# "country_will" ('will open a new consulate'), is the regression test "will open a consulate".
SOME_VALUES_MISSED: dict[str, str] = {}


def check(report: Report) -> None:
    """Parse the report and check that its facts come back, exactly."""
    result = de.parse(report.text, published=report.published)
    testing.assert_evidence_consistent(result)
    report.check(result)


# Misses that come and go with the run: not strict, so that neither outcome fails the suite;
# to be made deterministic and fixed.  Derandomised examples still vary with the test modules
# imported before (Hypothesis mixes constants of the local modules in sys.modules into its
# draws), so a miss on a few values shows in some runs only.  None at present: the last,
# "will_hold_telephone_conversation", missed planned calls with a far date, an official with
# a lower-case particle or an official outside the term of his latest office; its shrunk
# examples are the regression tests "a planned call ..." below.
UNSETTLED: dict[str, str] = {}


def working(templates: Mapping[str, object]) -> list[Any]:
    """The templates not known to fail in general; those that miss some values marked."""
    return [
        pytest.param(
            name,
            marks=[pytest.mark.xfail(strict=True, reason=SOME_VALUES_MISSED[name])]
            if name in SOME_VALUES_MISSED
            else [pytest.mark.xfail(strict=False, reason=UNSETTLED[name])]
            if name in UNSETTLED
            else [],
        )
        for name in templates
        if name not in KNOWN_TEMPLATE_FAILURES
    ]


def failing(templates: Mapping[str, object]) -> list[Any]:
    """The templates known to fail, as parameters marked with the reason."""
    return [
        pytest.param(
            name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_TEMPLATE_FAILURES[name])
        )
        for name in templates
        if name in KNOWN_TEMPLATE_FAILURES
    ]


REPORTS: dict[str, Callable[..., st.SearchStrategy[Report]]] = {
    "meeting": testing.meeting_reports,
    "commitment": testing.commitment_reports,
    "followup": testing.followup_reports,
}


@pytest.mark.parametrize("template", working(testing.MEETING_TEMPLATES))
@settings(max_examples=EXAMPLES)
@seed(SEED)
@given(data=st.data())
def test_meeting_round_trip(template: str, data: st.DataObject) -> None:
    check(data.draw(testing.meeting_reports(templates=[template]), label="report"))


@pytest.mark.parametrize("template", working(testing.COMMITMENT_TEMPLATES))
@settings(max_examples=EXAMPLES)
@seed(SEED)
@given(data=st.data())
def test_commitment_round_trip(template: str, data: st.DataObject) -> None:
    check(data.draw(testing.commitment_reports(templates=[template]), label="report"))


@pytest.mark.parametrize("template", working(testing.FOLLOWUP_TEMPLATES))
@settings(max_examples=EXAMPLES)
@seed(SEED)
@given(data=st.data())
def test_followup_round_trip(template: str, data: st.DataObject) -> None:
    check(data.draw(testing.followup_reports(templates=[template]), label="report"))


# The same property for the templates that fail in general; no shrinking, since the shrunk
# example of each is kept among the known failures below.  Skipped ("empty parameter set")
# while no template is known to fail.
@pytest.mark.parametrize(
    ("kind", "template"),
    [
        pytest.param(kind, *param.values, marks=param.marks, id=f"{kind}-{param.values[0]}")
        for kind, templates in [
            ("meeting", testing.MEETING_TEMPLATES),
            ("commitment", testing.COMMITMENT_TEMPLATES),
            ("followup", testing.FOLLOWUP_TEMPLATES),
        ]
        for param in failing(templates)
    ],
)
@settings(max_examples=EXAMPLES, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@seed(SEED)
@given(data=st.data())
def test_failing_template_round_trip(kind: str, template: str, data: st.DataObject) -> None:
    check(data.draw(REPORTS[kind](templates=[template]), label="report"))


# --- Known parser failures, each as the shortest text that shows it ------------------------

FRIDAY = datetime.date(2025, 4, 11)


def meeting(
    parties: str,
    date: str | None,
    *,
    status: Status = Status.HELD,
    mode: Mode = Mode.IN_PERSON,
    city: str | None = None,
    country: str | None = None,
    heads: Mapping[str, str] | None = None,
) -> MeetingFacts:
    """The facts of one meeting, parties written as ``"BRA EGY"``."""
    return MeetingFacts(
        parties=frozenset(parties.split()),
        status=status,
        mode=mode,
        date=date,
        city=city,
        country=country,
        heads=tuple(sorted((heads or {}).items())),
    )


def report(body: str, published: datetime.date, *facts: MeetingFacts, **more: Any) -> Report:
    """A report of ``body`` under a neutral headline."""
    return Report(text=f"Readout\n{body}\n", published=published, meetings=facts, **more)


@attrs.frozen
class Known:
    """A shrunk example the parser gets wrong, with what it should give and why it does not."""

    name: str
    report: Report
    reason: str


# Bugs of KNOWN_FAILURES fixed since they were found: their examples are regression tests now.
FIXED = frozenset(
    {
        "city-state named as a party is taken as the place",
        "city-state in a possessive is taken as the place",
        "Bissau inside Guinea-Bissau",
        "Sudan inside Port Sudan",
        "Sultan inside Nur-Sultan",
        "will speak by phone",
        "a meeting will take place",
        "travel to a capital",
        "a name with initials",
        "an official outside the term of the office named",
        "a date far from the trigger",
        "talks between two leaders took place",
        "a name with a lower-case particle",
        "will open a consulate",
        "a planned call dated far from its trigger",
        "a planned call with an official with a lower-case particle",
        "a planned call with an official outside the term of his latest office",
        "a name with two particles",
        "a meeting between two leaders in apposition will take place",
    }
)

KNOWN_FAILURES = [
    Known(
        "city-state named as a party is taken as the place",
        report(
            "Brazil and Monaco held talks in Cairo on April 8.",
            FRIDAY,
            meeting("BRA MCO", "2025-04-08", city="Cairo", country="EGY"),
        ),
        "parser bug: a state whose name is also its capital (Monaco, Luxembourg, San Marino, "
        "Singapore, Djibouti) gives the meeting's place when named as a party",
    ),
    Known(
        "city-state in a possessive is taken as the place",
        report(
            "Luxembourg's Foreign Minister Carlos Mendes met Egypt's Foreign Minister Ahmed "
            "Salem in Cairo on April 8.",
            FRIDAY,
            meeting(
                "EGY LUX",
                "2025-04-08",
                city="Cairo",
                country="EGY",
                heads={"LUX": "Carlos Mendes", "EGY": "Ahmed Salem"},
            ),
        ),
        "parser bug: 'Luxembourg's' is read as the city of Luxembourg and wins over 'in Cairo'",
    ),
    Known(
        "Bissau inside Guinea-Bissau",
        report(
            "Brazil and Guinea-Bissau held talks in Cairo on April 8.",
            FRIDAY,
            meeting("BRA GNB", "2025-04-08", city="Cairo", country="EGY"),
        ),
        "parser bug: the capital 'Bissau' is found inside 'Guinea-Bissau' (and "
        "'Bissau-Guinean') and taken as the place",
    ),
    Known(
        "Sudan inside Port Sudan",
        report(
            "Brazil and Egypt held talks in Port Sudan on April 8.",
            FRIDAY,
            meeting("BRA EGY", "2025-04-08", city="Port Sudan", country="SDN"),
        ),
        "parser bug: 'Sudan' inside the city name 'Port Sudan' makes SDN a party",
    ),
    Known(
        "Sultan inside Nur-Sultan",
        report(
            "Kenya and Austria held talks in Nur-Sultan on November 15.",
            datetime.date(2017, 11, 20),
            meeting("AUT KEN", "2017-11-15", city="Astana", country="KAZ"),
        ),
        "parser bug: 'Sultan' inside the city name 'Nur-Sultan' is read as the title of "
        "Oman's ruler: OMN becomes a party headed by Qaboos bin Said",
    ),
    Known(
        "an official outside the term of the office named",
        report(
            "Prime Minister Antonio Costa met Egypt's Foreign Minister Ahmed Salem in Cairo "
            "on May 28.",
            datetime.date(2020, 6, 1),
            meeting(
                "EGY PRT",
                "2020-05-28",
                city="Cairo",
                country="EGY",
                heads={"PRT": "Antonio Costa", "EGY": "Ahmed Salem"},
            ),
        ),
        "parser bug: a well-known official named with a title is given the party of his "
        "latest office, not of the office the title and the publication date say (Costa was "
        "Prime Minister of Portugal until 2024; likewise 'Prime Minister Mark Rutte' in 2017 "
        "is given to NATO)",
    ),
    Known(
        "a date far from the trigger",
        report(
            "Lesotho had a telephone conversation with Foreign Minister of the Democratic "
            "Republic of the Congo Aiko Fischer on 29 April.",
            datetime.date(2022, 10, 4),
            meeting(
                "COD LSO",
                "2022-04-29",
                mode=Mode.REMOTE,
                heads={"COD": "Aiko Fischer"},
            ),
        ),
        "parser bug: a date more than about 70 characters after the trigger is not attached, "
        "and the meeting takes the publication date",
    ),
    Known(
        "will speak by phone",
        report(
            "Brazil will speak by phone with Egypt on April 14.",
            FRIDAY,
            meeting("BRA EGY", "2025-04-14", status=Status.PLANNED, mode=Mode.REMOTE),
        ),
        "parser bug: 'will speak by phone with' was no meeting trigger",
    ),
    Known(
        "a meeting will take place",
        report(
            "A meeting between Brazil and Egypt will take place on Tuesday.",
            FRIDAY,
            meeting("BRA EGY", "2025-04-15", status=Status.PLANNED),
        ),
        "parser bug: the future tense of 'A meeting between A and B will take place on "
        "Tuesday' is not seen: the meeting is held, on the past Tuesday",
    ),
    Known(
        "talks between two leaders took place",
        report(
            "Talks between Russian President Carlos Duarte and Dutch President Arjun Nguyen "
            "took place in Sao Paulo on January 31, 2008.",
            datetime.date(2009, 5, 19),
            meeting(
                "NLD RUS",
                "2008-01-31",
                city="Sao Paulo",
                country="BRA",
                heads={"RUS": "Carlos Duarte", "NLD": "Arjun Nguyen"},
            ),
        ),
        "parser bug: a date more than about 70 characters after the trigger is not attached "
        "('Talks between <two leaders> took place in <city> on <date>')",
    ),
    Known(
        "travel to a capital",
        report(
            "Brazil's Foreign Minister Carlos Mendes will travel to Cairo on April 14 to meet "
            "Chad's Foreign Minister Ahmed Salem.",
            FRIDAY,
            meeting(
                "BRA TCD",
                "2025-04-14",
                status=Status.PLANNED,
                city="Cairo",
                country="EGY",
                heads={"BRA": "Carlos Mendes", "TCD": "Ahmed Salem"},
            ),
        ),
        "parser bug: the capital a leader travels to was taken as a party",
    ),
    Known(
        "a name with initials",
        report(
            "J.D. Vance met Egypt's President Ahmed Salem in Cairo on Monday.",
            datetime.date(2025, 3, 4),
            meeting(
                "EGY USA",
                "2025-03-03",
                city="Cairo",
                country="EGY",
                heads={"USA": "J.D. Vance", "EGY": "Ahmed Salem"},
            ),
        ),
        "parser bug: a name written with initials ('J.D. Vance', an official of the lexicon) "
        "ends the sentence at 'J.D.', and the meeting is lost",
    ),
    Known(
        "a name with a lower-case particle",
        report(
            "Mustafa al-Kadhimi met Egypt's President Ahmed Salem in Cairo on Wednesday.",
            datetime.date(2020, 7, 2),
            meeting(
                "EGY IRQ",
                "2020-07-01",
                city="Cairo",
                country="EGY",
                heads={"IRQ": "Mustafa al-Kadhimi", "EGY": "Ahmed Salem"},
            ),
        ),
        "parser bug: a name with a lower-case particle ('Mustafa al-Kadhimi', 'Adel al-Jubeir', "
        "officials of the lexicon) is not found, so its party and the meeting are lost "
        "('Carlos al-Mendes' as a made-up name loses its head)",
    ),
    Known(
        "will open a consulate",
        report(
            "Brazil and Egypt held talks in Cairo on April 8. Egypt will open a new consulate.",
            FRIDAY,
            meeting("BRA EGY", "2025-04-08", city="Cairo", country="EGY"),
            commitments=(
                CommitmentFacts(parties=frozenset({"EGY"}), strength=Strength.INTENDED, meeting=0),
            ),
        ),
        "parser bug: 'will open a new consulate' is not taken as an intended commitment "
        "('will increase bilateral trade' is)",
    ),
    # The shrunk misses of the template will_hold_telephone_conversation, once UNSETTLED.
    Known(
        "a planned call dated far from its trigger",
        report(
            "Foreign Minister Heiko Maas will hold a telephone conversation with Deputy Foreign "
            "Minister of the Democratic Republic of the Congo Anna Osei on Thursday.",
            datetime.date(2021, 10, 17),
            meeting(
                "COD DEU",
                "2021-10-21",
                status=Status.PLANNED,
                mode=Mode.REMOTE,
                heads={"DEU": "Heiko Maas", "COD": "Anna Osei"},
            ),
        ),
        "parser bug: a date more than about 100 characters after the trigger is not attached, "
        "and the planned call is undated",
    ),
    Known(
        "a planned call with an official with a lower-case particle",
        report(
            "President Abdel Fattah al-Sisi will hold a telephone conversation with Defence "
            "Minister of Liechtenstein Jonas Iyer on Thursday.",
            datetime.date(2023, 5, 24),
            meeting(
                "EGY LIE",
                "2023-05-25",
                status=Status.PLANNED,
                mode=Mode.REMOTE,
                heads={"EGY": "Abdel Fattah al-Sisi", "LIE": "Jonas Iyer"},
            ),
        ),
        "parser bug: 'al-Sisi' after 'Abdel Fattah' ends the run of a name in the later "
        "mentions of people, so the call has no subject and is lost",
    ),
    Known(
        "a planned call with an official outside the term of his latest office",
        report(
            "Prime Minister Mark Rutte will hold a telephone conversation with Defence Minister "
            "of Moldova Mateo Takahashi on April 28, 2012.",
            datetime.date(2011, 10, 11),
            meeting(
                "MDA NLD",
                "2012-04-28",
                status=Status.PLANNED,
                mode=Mode.REMOTE,
                heads={"NLD": "Mark Rutte", "MDA": "Mateo Takahashi"},
            ),
        ),
        "parser bug: 'Prime Minister Mark Rutte' in 2011 is given to NATO, whose Secretary "
        "General he became in 2024",
    ),
    Known(
        "a meeting between two leaders in apposition will take place",
        report(
            "A meeting between Priya M\u00fcller, the Minister of Foreign Affairs of the "
            "Federated States of Micronesia, and Carlos Ram\u00edrez, the President of Sweden, "
            "will take place in New Delhi on October 28.",
            datetime.date(2005, 8, 24),
            meeting(
                "FSM SWE",
                "2005-10-28",
                status=Status.PLANNED,
                city="New Delhi",
                country="IND",
                heads={"FSM": "Priya M\u00fcller", "SWE": "Carlos Ram\u00edrez"},
            ),
        ),
        "parser bug: 'will take place' more than eight words after the trigger, or after an "
        "apposition, is not seen (the meeting is held, a year before), and an apposition "
        "longer than 70 characters ends the window at ', and' (the meeting is lost)",
    ),
    Known(
        "a name with two particles",
        report(
            "Brazil's Foreign Minister Carlos van der Berg met Egypt's President Ahmed Salem in "
            "Cairo on Wednesday.",
            datetime.date(2024, 7, 2),
            meeting(
                "BRA EGY",
                "2024-06-26",
                city="Cairo",
                country="EGY",
                heads={"BRA": "Carlos van der Berg", "EGY": "Ahmed Salem"},
            ),
        ),
        "parser bug: a name ends at the first of two particles ('Carlos van der Berg' is 'Carlos')",
    ),
]


@pytest.mark.parametrize(
    "known",
    [
        pytest.param(
            k,
            id=k.name,
            marks=[] if k.name in FIXED else [pytest.mark.xfail(strict=True, reason=k.reason)],
        )
        for k in KNOWN_FAILURES
    ],
)
def test_known_parser_failure(known: Known) -> None:
    """A bug the properties found: a strict xfail until fixed, then a regression test."""
    check(known.report)


# --- Passing examples of the forms, so that a regression names its form --------------------

EXAMPLES_THAT_PASS = [
    report(
        "Foreign Minister of Brazil Carlos Mendes met Egyptian President Ahmed Salem in Cairo "
        "on Tuesday.",
        FRIDAY,
        meeting(
            "BRA EGY",
            "2025-04-08",
            city="Cairo",
            country="EGY",
            heads={"BRA": "Carlos Mendes", "EGY": "Ahmed Salem"},
        ),
    ),
    report(
        "President Vladimir Putin had a telephone conversation with Prime Minister of Japan "
        "Kenji Tanaka on 8 April.",
        FRIDAY,
        meeting(
            "JPN RUS",
            "2025-04-08",
            mode=Mode.REMOTE,
            heads={"RUS": "Vladimir Putin", "JPN": "Kenji Tanaka"},
        ),
    ),
    report(
        "Brazilian Foreign Minister Carlos Mendes will meet Egyptian Foreign Minister Ahmed "
        "Salem in Kyiv tomorrow.",
        FRIDAY,
        meeting(
            "BRA EGY",
            "2025-04-12",
            status=Status.PLANNED,
            city="Kyiv",
            country="UKR",
            heads={"BRA": "Carlos Mendes", "EGY": "Ahmed Salem"},
        ),
    ),
    report(
        "Brazil and Egypt held talks in Cairo on April 8. The two sides agreed to meet again "
        "next month.",
        FRIDAY,
        meeting("BRA EGY", "2025-04-08", city="Cairo", country="EGY"),
        followups=(FollowUpFacts(parties=frozenset({"BRA", "EGY"}), date="2025-05", meeting=0),),
    ),
]


@pytest.mark.parametrize("example", EXAMPLES_THAT_PASS, ids=lambda r: r.text[8:40])
def test_example(example: Report) -> None:
    check(example)


def test_report_check_fails_on_a_wrong_result() -> None:
    # The check the properties rest on can fail: a report whose facts differ is caught.
    example = EXAMPLES_THAT_PASS[0]
    wrong = attrs.evolve(example, meetings=(attrs.evolve(example.meetings[0], date="2025-04-09"),))
    with pytest.raises(AssertionError, match="meetings expected"):
        check(wrong)
