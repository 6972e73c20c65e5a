"""The time guard of one parse: ``Parser(timeout=SECONDS)``'s deadline (private).

:func:`guard` opens a :class:`Deadline` for the duration of one parse and
keeps it in a context variable, so that the steps of the parse can look
at it without a new argument on every public hook, and so that two parses
in two threads never see each other's deadline.  Nothing is left behind:
the variable is reset when the parse ends, however it ends.

The steps check the deadline where their work is long: between steps, and
once per sentence or per candidate in the loops that dominate the cost of a
long document.  Without a guard a check is one context-variable read and a
comparison with ``None``, so an unguarded parse runs as fast as before.
Where a step runs a :mod:`regex` pattern over the whole document,
:meth:`Deadline.regex_timeout` gives the time left as the pattern's own
``timeout=``, and the :class:`TimeoutError` it raises becomes a
:class:`~diplomacy_events.exceptions.ParseTimeout`::

    >>> import time
    >>> with guard(0.01, "doc-1"):
    ...     time.sleep(0.02)
    ...     check()
    Traceback (most recent call last):
    ...
    diplomacy_events.exceptions.ParseTimeout: document 'doc-1' was not parsed within 0.01 s (Parser(timeout=0.01))
    >>> current() is None
    True
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Iterator
from contextvars import ContextVar

from diplomacy_events.exceptions import ArgumentTypeError, InputError, ParseTimeout

__all__ = ["Deadline", "check", "check_timeout", "current", "guard"]

_REGEX_LONGEST = 1e6
"""The longest ``timeout=`` handed to :mod:`regex`: it reads far longer ones as expired."""

_SLACK = 0.005
"""Seconds by which another clock may run ahead of :func:`time.monotonic`."""


class Deadline:
    """The moment one parse must be done by, with the document and the budget to name."""

    __slots__ = ("at", "id", "seconds")

    def __init__(self, seconds: float, id: str | None) -> None:
        self.seconds = seconds
        """The budget, in seconds."""
        self.id = id
        """The id of the document being parsed, if it has one."""
        self.at = time.monotonic() + seconds
        """The :func:`time.monotonic` time the parse must end by."""

    def passed(self, slack: float = 0.0) -> bool:
        """Whether the time is up (or will be within ``slack`` seconds)."""
        return time.monotonic() + slack >= self.at

    def check(self) -> None:
        """Raise :class:`~diplomacy_events.exceptions.ParseTimeout` if the time is up."""
        if time.monotonic() >= self.at:
            raise self.error()

    def error(self) -> ParseTimeout:
        """The error that says the document used up its budget."""
        return ParseTimeout(self.id, self.seconds)

    def regex_timeout(self) -> float:
        """The time left, as a :mod:`regex` ``timeout=``; raise if there is none left."""
        left = self.at - time.monotonic()
        if left <= 0:
            raise self.error()
        return min(left, _REGEX_LONGEST)


_CURRENT: ContextVar[Deadline | None] = ContextVar("diplomacy_events_deadline", default=None)


def current() -> Deadline | None:
    """The deadline of the parse running in this context, or ``None`` when it has no guard."""
    return _CURRENT.get()


def check() -> None:
    """Raise :class:`~diplomacy_events.exceptions.ParseTimeout` if the running parse is late."""
    deadline = _CURRENT.get()
    if deadline is not None and time.monotonic() >= deadline.at:
        raise deadline.error()


@contextlib.contextmanager
def guard(seconds: float | None, id: str | None) -> Iterator[None]:
    """Run the body under a deadline ``seconds`` from now; ``None`` adds none.

    A guard inside another (a parse within a parse, a batch's timeout around
    a parser's own) keeps whichever deadline comes first.  A builtin
    :class:`TimeoutError` from a :mod:`regex` pattern given
    :meth:`Deadline.regex_timeout` becomes the
    :class:`~diplomacy_events.exceptions.ParseTimeout` of the deadline.
    """
    if seconds is None:
        yield
        return
    deadline = Deadline(seconds, id)
    outer = _CURRENT.get()
    if outer is not None and outer.at <= deadline.at:
        yield
        return
    token = _CURRENT.set(deadline)
    try:
        yield
    except ParseTimeout:
        raise
    except TimeoutError as exc:
        if deadline.passed(_SLACK):
            raise deadline.error() from exc
        raise
    finally:
        _CURRENT.reset(token)


def check_timeout(value: object, argument: str = "timeout") -> float | None:
    """Check a ``timeout`` argument: seconds (a number above 0) or ``None``; return it as a float.

    >>> check_timeout(2)
    2.0
    >>> check_timeout(0)
    Traceback (most recent call last):
    ...
    diplomacy_events.exceptions.InputError: timeout: got 0, expected a number of seconds above 0, or None for no limit
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ArgumentTypeError.for_argument(argument, value, "a number of seconds or None")
    seconds = float(value)
    if not (math.isfinite(seconds) and seconds > 0):
        raise InputError.for_argument(
            argument, value, "a number of seconds above 0, or None for no limit"
        )
    return seconds
