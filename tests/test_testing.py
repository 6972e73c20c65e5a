"""Tests for diplomacy_events.testing: the evidence check, the strategies and the reports."""

from __future__ import annotations

import calendar
import datetime
import re
import subprocess
import sys
import unicodedata

import attrs
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import diplomacy_events as de
from diplomacy_events import testing
from diplomacy_events.lexicon import default_lexicon
from diplomacy_events.model import (
    Article,
    Commitment,
    Delegation,
    Evidence,
    Granularity,
    Meeting,
    Party,
    PartyKind,
    Person,
    Place,
    Result,
    Source,
    Status,
    TimeExpression,
)

TEXT = "Putin met Xi in Moscow on Monday."
RUS = Party(code="RUS", name="Russia")
CHN = Party(code="CHN", name="China")


def ev(start: int, end: int, text: str = TEXT) -> Evidence:
    """The evidence of ``text[start:end]``."""
    return Evidence(start=start, end=end, text=text[start:end])


def nested_result(head: Evidence, source: Evidence) -> Result:
    """A result with evidence at every depth: a head, a place, a date, a source."""
    meeting = Meeting(
        status=Status.HELD,
        parties=(CHN, RUS),
        delegations=(
            Delegation(party=RUS, head=Person(name="Putin", party=RUS, evidence=head)),
            Delegation(party=CHN),
        ),
        date=TimeExpression(evidence=ev(26, 32), granularity=Granularity.UNRESOLVED),
        location=Place(city="Moscow", country=RUS, evidence=ev(16, 22)),
        evidence=(ev(6, 9),),
    )
    commitment = Commitment(
        parties=(RUS,),
        action="talk",
        reported_by=(Source(name="TASS", evidence=source),),
        meeting=0,
        evidence=ev(0, 9),
    )
    return Result(article=Article(text=TEXT), meetings=(meeting,), commitments=(commitment,))


# --- The evidence check ---------------------------------------------------------------------


def test_iter_evidence_walks_every_level() -> None:
    paths = [path for path, _ in testing.iter_evidence(nested_result(ev(0, 5), ev(10, 12)))]
    assert paths == [
        "meetings[0].delegations[0].head.evidence",
        "meetings[0].date.evidence",
        "meetings[0].location.evidence",
        "meetings[0].evidence[0]",
        "commitments[0].reported_by[0].evidence",
        "commitments[0].evidence",
    ]


def test_iter_evidence_walks_mappings_and_lists() -> None:
    found = list(testing.iter_evidence({"a": [ev(0, 5)], "b": (None, ev(10, 12))}))
    assert [path for path, _ in found] == ["['a'][0]", "['b'][1]"]


def test_consistent_result_passes() -> None:
    testing.assert_evidence_consistent(nested_result(ev(0, 5), ev(10, 12)))


def test_every_inconsistent_span_is_named() -> None:
    other = "Xi met Putin in Beijing on Friday."
    bad = nested_result(ev(0, 5, other), ev(10, 12, other))
    with pytest.raises(AssertionError) as caught:
        testing.assert_evidence_consistent(bad)
    message = str(caught.value)
    assert message.startswith("2 evidence spans do not quote the article:")
    assert (
        "meetings[0].delegations[0].head.evidence: the text at 0:5 is 'Putin', not 'Xi me'"
        in message
    )
    assert "commitments[0].reported_by[0].evidence: the text at 10:12 is 'Xi', not 'in'" in message


def test_span_outside_the_text_is_named() -> None:
    long = "x" * 60
    result = Result(
        article=Article(text="short"),
        people=(Person(name="X", evidence=Evidence(start=50, end=55, text=long[50:55])),),
    )
    with pytest.raises(AssertionError, match=r"span 50:55 does not lie inside the text of 5"):
        testing.assert_evidence_consistent(result)


def test_check_against_another_text() -> None:
    result = nested_result(ev(0, 5), ev(10, 12))
    testing.assert_evidence_consistent(result, TEXT)
    with pytest.raises(AssertionError):
        testing.assert_evidence_consistent(result, TEXT.upper())


@settings(max_examples=max(10, settings().max_examples // 3))
@given(testing.meeting_reports())
def test_parsed_results_are_consistent(report: testing.Report) -> None:
    testing.assert_evidence_consistent(de.parse(report.text, published=report.published))


# --- Strategies of the model ----------------------------------------------------------------


@given(st.text(max_size=50).flatmap(lambda t: st.tuples(st.just(t), testing.evidences(t))))
def test_evidences_quote_their_text(pair: tuple[str, Evidence]) -> None:
    text, evidence = pair
    assert 0 <= evidence.start <= evidence.end <= len(text)
    assert text[evidence.start : evidence.end] == evidence.text


@given(testing.evidences("abc", rules=st.just("mine")))
def test_evidences_take_their_rules(evidence: Evidence) -> None:
    assert evidence.rule == "mine"


@given(testing.parties())
def test_parties_are_real(party: Party) -> None:
    if party.kind is PartyKind.OTHER:
        assert party.code == party.name
    else:
        assert default_lexicon().party(party.code) == party


@given(testing.parties(kinds=[PartyKind.STATE]))
def test_parties_of_one_kind(party: Party) -> None:
    assert party.kind is PartyKind.STATE


def test_parties_needs_a_kind() -> None:
    with pytest.raises(ValueError, match="expected at least one"):
        testing.parties(kinds=[])


@given(testing.results())
def test_results_are_consistent(result: Result) -> None:
    testing.assert_evidence_consistent(result)
    for meeting in result.meetings:
        assert len(meeting.parties) >= 2
        assert {d.party.code for d in meeting.delegations} <= {p.code for p in meeting.parties}
        if meeting.date is not None and meeting.date.earliest is not None:
            assert meeting.date.latest is not None
            assert meeting.date.earliest <= meeting.date.latest


@given(st.text(max_size=20).flatmap(testing.time_expressions))
def test_time_expressions_span_their_granularity(expression: TimeExpression) -> None:
    if expression.granularity is Granularity.UNRESOLVED:
        assert expression.earliest is expression.latest is None
        return
    assert expression.earliest is not None
    assert expression.latest is not None
    days = (expression.latest - expression.earliest).days
    if expression.granularity is Granularity.DAY:
        assert 0 <= days <= 6
    elif expression.granularity is Granularity.WEEK:
        assert (days, expression.earliest.weekday()) == (6, 0)
    elif expression.granularity is Granularity.MONTH:
        assert expression.earliest.day == 1
        assert (expression.latest + datetime.timedelta(days=1)).day == 1
    else:
        assert (expression.earliest.month, expression.earliest.day) == (1, 1)
        assert (expression.latest.month, expression.latest.day) == (12, 31)


# --- Generated reports ----------------------------------------------------------------------

REPORTS = st.one_of(
    testing.meeting_reports(), testing.commitment_reports(), testing.followup_reports()
)


@given(REPORTS)
def test_reports_are_well_formed(report: testing.Report) -> None:
    headline, _, body = report.text.partition("\n")
    assert headline
    assert body.endswith("\n")
    assert "\n" not in body.rstrip("\n")
    [facts] = report.meetings
    assert len(facts.parties) == 2
    assert {code for code, _ in facts.heads} == facts.parties
    for _, name in facts.heads:
        # The heads are written in the text, as the facts name them.
        assert name in unicodedata.normalize("NFC", report.text).replace("\u2019", "'")
    assert facts.date is not None
    day = datetime.date.fromisoformat(facts.date)
    if facts.status is Status.HELD:
        assert day <= report.published
    else:
        assert day > report.published
    lex = default_lexicon()
    for code in facts.parties:
        assert code in lex.parties
    if facts.country is not None:
        assert facts.country in lex.parties


@given(testing.meeting_reports(templates=["met"], dates=["weekday"], leaders=["possessive"]))
def test_reports_keep_to_the_forms_asked(report: testing.Report) -> None:
    assert dict(report.choices) == {"template": "met", "date": "weekday", "leader": "possessive"}
    assert "'s " in report.text
    assert " met " in report.text
    assert any(f" on {day}" in report.text for day in ("Monday", "Tuesday", "Wednesday",
               "Thursday", "Friday", "Saturday", "Sunday"))  # fmt: skip


@pytest.mark.parametrize(
    ("argument", "value"),
    [("templates", ["chatted"]), ("dates", ["someday"]), ("leaders", ["nobody"]), ("dates", [])],
)
def test_reports_refuse_unknown_forms(argument: str, value: list[str]) -> None:
    strategy = testing.meeting_reports(**{argument: value})
    with pytest.raises(ValueError, match=f"{argument}: got"):
        find(strategy, lambda _: True)


def test_made_up_names_name_nothing_else() -> None:
    lex = default_lexicon()
    taken = {n.surface for n in lex.party_names} | {c.name for c in lex.cities}
    taken |= {word for title in lex.titles for word in title.split()}
    given_names, surnames = testing._pools().given_names, testing._pools().surnames
    assert len(given_names) >= 20
    assert len(surnames) >= 20
    assert not (set(given_names) | set(surnames)) & taken


GERMAN_MONTHS = ["", "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                 "September", "Oktober", "November", "Dezember"]  # fmt: skip
GERMAN_DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]


@given(data=st.data())
def test_dates_are_english_whatever_the_locale(data: st.DataObject) -> None:
    # calendar.month_name and day_name follow LC_TIME; the reports must not.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(calendar, "month_name", GERMAN_MONTHS)
        patch.setattr(calendar, "day_name", GERMAN_DAYS)
        report = data.draw(testing.meeting_reports(dates=["weekday_month_day", "day_month"]))
    months = "January February March April May June July August September October November December"
    german = set(GERMAN_MONTHS[1:] + GERMAN_DAYS) - set(months.split())
    assert not any(re.search(rf"\b{name}\b", report.text) for name in german)
    assert any(f" {month}" in report.text for month in months.split())


def test_actor_forms() -> None:
    actor = testing.Actor(
        name="Carlos Mendes", party=Party(code="BRA", name="Brazil"), title="Foreign Minister"
    )
    assert actor.write("title_of_country") == "Foreign Minister of Brazil Carlos Mendes"
    assert actor.write("demonym_title", "Brazilian") == "Brazilian Foreign Minister Carlos Mendes"
    assert actor.write("possessive") == "Brazil's Foreign Minister Carlos Mendes"
    assert actor.write("appositive") == "Carlos Mendes, the Foreign Minister of Brazil,"
    assert actor.write("official") == "Foreign Minister Carlos Mendes"
    usa = testing.Actor(
        name="Ann Lee", party=Party(code="USA", name="United States"), title="President"
    )
    assert usa.write("possessive") == "The United States's President Ann Lee"
    with pytest.raises(ValueError, match="form: got 'poem'"):
        actor.write("poem")


def test_facts_of_a_parsed_meeting() -> None:
    result = de.parse(
        "Readout\nForeign Minister of Brazil Carlos Mendes met Egyptian President Ahmed Salem "
        "in Cairo on Tuesday.\n",
        published=datetime.date(2025, 4, 11),
    )
    assert [testing.MeetingFacts.of(m) for m in result.meetings] == [
        testing.MeetingFacts(
            parties=frozenset({"BRA", "EGY"}),
            status=Status.HELD,
            mode=de.Mode.IN_PERSON,
            date="2025-04-08",
            city="Cairo",
            country="EGY",
            heads=(("BRA", "Carlos Mendes"), ("EGY", "Ahmed Salem")),
        )
    ]


def test_report_check_shows_both_sides() -> None:
    report = find(testing.meeting_reports(templates=["met"]), lambda _: True)
    wrong = attrs.evolve(report, meetings=())
    with pytest.raises(
        AssertionError, match=r"meetings expected: \[\]\n  meetings found:    \[MeetingFacts"
    ):
        wrong.check(de.parse(report.text, published=report.published))


# --- Importing ------------------------------------------------------------------------------


def test_importing_the_library_imports_neither_testing_nor_hypothesis() -> None:
    code = (
        "import sys, diplomacy_events, diplomacy_events.serialize\n"
        "assert 'diplomacy_events.testing' not in sys.modules\n"
        "assert 'hypothesis' not in sys.modules, 'hypothesis imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_public_names_are_documented() -> None:
    for name in testing.__all__:
        value = getattr(testing, name)
        if callable(value) or isinstance(value, type):
            assert (value.__doc__ or "").strip(), name
