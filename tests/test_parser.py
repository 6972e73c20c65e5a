"""Tests of :mod:`diplomacy_events.parser`: the arguments of :func:`parse` and :meth:`Parser.parse`.

A wrong type gets :class:`~diplomacy_events.ArgumentTypeError` (a
:class:`TypeError`) whose message names the argument, what it got (its
type, and a short repr of the value) and what was expected, in the form
:meth:`ArgumentTypeError.for_argument` writes::

    published: got str ('2022-03-01'), expected datetime.date or None
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest

import diplomacy_events as de
from diplomacy_events import ArgumentTypeError, DiplomacyEventsError, Parser, parse

_PARSER = Parser()

# How each entry point is called with one argument replaced.
_Call = Callable[..., de.Result]
ENTRY_POINTS: dict[str, _Call] = {"parse": parse, "Parser.parse": _PARSER.parse}

GOOD = {"text": "Russia and China held talks.", "published": datetime.date(2022, 3, 1)}

# (argument, bad value, what the message must say was expected)
WRONG_TYPES = [
    pytest.param("text", None, "str", id="text=None"),
    pytest.param("text", b"Russia and China held talks.", "str", id="text=bytes"),
    pytest.param("text", bytearray(b"talks"), "str", id="text=bytearray"),
    pytest.param("text", 42, "str", id="text=int"),
    pytest.param("text", ["Russia", "and", "China"], "str", id="text=list"),
    pytest.param("text", {"text": "talks"}, "str", id="text=dict"),
    pytest.param("published", "2022-03-01", "date", id="published=str"),
    pytest.param("published", "not a date", "date", id="published=unparseable str"),
    pytest.param("published", 20220301, "date", id="published=int"),
    pytest.param("published", 1646092800.0, "date", id="published=float timestamp"),
    pytest.param(
        "published", datetime.datetime(2022, 3, 1, 12, 0), "date", id="published=datetime"
    ),
    pytest.param("published", datetime.time(12, 0), "date", id="published=time"),
    pytest.param("published", (2022, 3, 1), "date", id="published=tuple"),
    pytest.param("title", 42, "str", id="title=int"),
    pytest.param("title", b"Talks", "str", id="title=bytes"),
    pytest.param("id", 17, "str", id="id=int"),
    pytest.param("id", b"kr-2022-03-01", "str", id="id=bytes"),
]


def _call(entry: str, argument: str, value: object) -> ArgumentTypeError:
    """Call an entry point with ``argument`` set to ``value``; return the error it raised."""
    arguments: dict[str, object] = {**GOOD, argument: value}
    text = arguments.pop("text")
    with pytest.raises(ArgumentTypeError) as caught:
        ENTRY_POINTS[entry](text, **arguments)
    return caught.value


@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
@pytest.mark.parametrize(("argument", "value", "expected"), WRONG_TYPES)
def test_wrong_type_is_an_argument_type_error_naming_argument_and_expected(
    entry: str, argument: str, value: object, expected: str
) -> None:
    error = _call(entry, argument, value)
    assert isinstance(error, TypeError)
    assert isinstance(error, DiplomacyEventsError)
    message = str(error)
    assert re.search(rf"\b{argument}\b", message), message
    assert expected in message, message


@pytest.mark.parametrize(("argument", "value", "expected"), WRONG_TYPES)
def test_wrong_type_message_names_the_type_it_got(
    argument: str, value: object, expected: str
) -> None:
    message = str(_call("Parser.parse", argument, value))
    assert type(value).__name__ in message, message


def test_wrong_type_error_carries_argument_got_and_expected() -> None:
    for case in WRONG_TYPES:
        argument, value, expected = case.values
        assert isinstance(argument, str)
        assert isinstance(expected, str)
        error = _call("Parser.parse", argument, value)
        assert error.argument == argument
        assert error.got is value
        assert error.expected is not None
        assert expected in error.expected
        assert str(error) == str(ArgumentTypeError.for_argument(argument, value, error.expected))


@pytest.mark.parametrize("argument", ["title", "id", "text"])
def test_message_stays_short_for_a_huge_value(argument: str) -> None:
    value = b"x" * 1_000_000
    message = str(_call("parse", argument, value))
    assert len(message) < 300


def test_message_stays_short_for_a_huge_published() -> None:
    message = str(_call("parse", "published", "2022-03-01" * 100_000))
    assert len(message) < 300


def test_text_is_checked_before_the_others() -> None:
    error = _call("parse", "text", None)
    assert "text" in str(error)
    with pytest.raises(ArgumentTypeError, match=r"\btext\b"):
        parse(None, published="2022-03-01", title=1, id=2)  # type: ignore[arg-type]


@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_right_types_are_accepted(entry: str) -> None:
    result = ENTRY_POINTS[entry](
        "Russia and China held talks.",
        published=datetime.date(2022, 3, 1),
        title="Talks",
        id="a-1",
    )
    assert result.article.published == datetime.date(2022, 3, 1)
    assert result.article.title == "Talks"
    assert result.article.id == "a-1"


@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_none_is_accepted_for_the_optional_arguments(entry: str) -> None:
    result = ENTRY_POINTS[entry](
        "Russia and China held talks.", published=None, title=None, id=None
    )
    assert result.article.published is None


def test_str_subclass_is_a_str() -> None:
    class Text(str):
        pass

    result = parse(Text("Russia and China held talks."), published=datetime.date(2022, 3, 1))
    assert result.article.text == "Russia and China held talks."


def test_date_subclass_is_a_date() -> None:
    class Day(datetime.date):
        pass

    result = parse("Russia and China held talks.", published=Day(2022, 3, 1))
    assert result.article.published == datetime.date(2022, 3, 1)


@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_arguments_after_text_are_keyword_only(entry: str) -> None:
    with pytest.raises(TypeError):
        ENTRY_POINTS[entry]("Russia and China held talks.", datetime.date(2022, 3, 1))


def test_an_unknown_keyword_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="date"):
        parse("Russia and China held talks.", date=datetime.date(2022, 3, 1))  # type: ignore[call-arg]
