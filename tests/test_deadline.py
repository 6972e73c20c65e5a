"""Tests for diplomacy_events._deadline: one parse's deadline, and nothing left behind."""

from __future__ import annotations

import threading
import time

import pytest
import regex

from diplomacy_events._deadline import Deadline, check, check_timeout, current, guard
from diplomacy_events.exceptions import ArgumentTypeError, InputError, ParseTimeout


def test_no_guard_no_deadline() -> None:
    assert current() is None
    check()  # nothing to check: no error
    with guard(None, "a1"):
        assert current() is None


def _late(seconds: float, id: str) -> None:
    with guard(seconds, id):
        assert isinstance(current(), Deadline)
        check()  # in time
        time.sleep(2 * seconds)
        check()


def test_a_guard_raises_once_its_time_is_up_and_is_gone_after() -> None:
    with pytest.raises(ParseTimeout) as caught:
        _late(0.01, "a1")
    assert (caught.value.id, caught.value.seconds) == ("a1", 0.01)
    assert current() is None


def test_an_inner_guard_keeps_the_earlier_deadline() -> None:
    with guard(0.5, "outer"):
        outer = current()
        with guard(60.0, "inner"):
            assert current() is outer
        with guard(0.01, "inner"):
            inner = current()
            assert inner is not outer
            assert inner is not None
            assert inner.id == "inner"
        assert current() is outer


def test_each_thread_has_its_own_deadline() -> None:
    seen: list[Deadline | None] = []
    with guard(0.01, "main"):
        thread = threading.Thread(target=lambda: seen.append(current()))
        thread.start()
        thread.join()
    assert seen == [None]


def _scan(text: str) -> None:
    deadline = current()
    assert deadline is not None
    for _ in regex.finditer(r"a", text, timeout=deadline.regex_timeout()):
        pass


def test_a_regex_timeout_becomes_the_parse_timeout() -> None:
    with pytest.raises(ParseTimeout, match="'doc'"), guard(0.02, "doc"):
        _scan("a" * 50_000_000)
    assert current() is None


def test_a_timeout_error_of_another_kind_passes_through() -> None:
    with pytest.raises(TimeoutError) as caught, guard(60.0, "doc"):
        raise TimeoutError("the network")
    assert type(caught.value) is TimeoutError


def test_no_time_left_for_a_regex_is_the_parse_timeout() -> None:
    deadline = Deadline(0.001, None)
    time.sleep(0.005)
    assert deadline.passed()
    with pytest.raises(ParseTimeout):
        deadline.regex_timeout()


def test_a_long_budget_is_a_timeout_regex_accepts() -> None:
    assert 0 < Deadline(1e300, None).regex_timeout() <= 1e6


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (0, InputError),
        (-0.5, InputError),
        (float("nan"), InputError),
        (float("inf"), InputError),
        ("5", ArgumentTypeError),
        (False, ArgumentTypeError),
        ([1], ArgumentTypeError),
    ],
)
def test_check_timeout_refuses(value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match=r"^timeout: got"):
        check_timeout(value)


def test_check_timeout_accepts_seconds() -> None:
    assert check_timeout(None) is None
    assert check_timeout(0.25) == 0.25
    assert check_timeout(3) == 3.0
