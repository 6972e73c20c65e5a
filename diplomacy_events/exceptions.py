"""The errors the library raises.

Every error subclasses :class:`DiplomacyEventsError` and a builtin
(:class:`ValueError`, :class:`TypeError`, or :class:`TimeoutError` for a
document that took too long), so callers can catch either the library's
base class or the builtin they already expect.  Each message names
the bad value and what was expected::

    >>> from diplomacy_events.exceptions import GoldFormatError
    >>> err = GoldFormatError("dev/x.json", "meetings[2].status: 'done' is not held or planned")
    >>> str(err)
    "dev/x.json: meetings[2].status: 'done' is not held or planned"
    >>> isinstance(err, ValueError)
    True
"""

from __future__ import annotations

import os
import reprlib
from typing import TypeVar

__all__ = [
    "ArgumentTypeError",
    "DiplomacyEventsError",
    "DocumentError",
    "GoldFormatError",
    "InputError",
    "ParseTimeout",
]

_E = TypeVar("_E", bound="InputError")
_T = TypeVar("_T", bound="ArgumentTypeError")

_short = reprlib.Repr()
_short.maxstring = 60
_short.maxother = 60


class DiplomacyEventsError(Exception):
    """The base class of every error this library raises."""


class GoldFormatError(DiplomacyEventsError, ValueError):
    """A gold (or prediction) file in format v1 is malformed or unreadable.

    ``path`` is the file as given and ``problem`` says what is wrong and
    where, for example ``"meetings[2].date: '2025-13-01' is not an ISO date
    (YYYY, YYYY-MM or YYYY-MM-DD)"``.
    """

    path: str
    """The file (or folder) that has the problem."""
    problem: str
    """What is wrong, starting with the item it is in."""

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        self.path = os.fspath(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self) -> tuple[type[GoldFormatError], tuple[str, str]]:
        """Pickle by the constructor's arguments."""
        return (type(self), (self.path, self.problem))


class InputError(DiplomacyEventsError, ValueError):
    """An argument has the right type but a value the function cannot use.

    Raise it with a message that names the argument, what it got and what was
    expected, or let :meth:`for_argument` write that message::

        >>> str(InputError.for_argument("evidence_as", "words", "'span' or 'string'"))
        "evidence_as: got 'words', expected 'span' or 'string'"
    """

    argument: str | None = None
    """The name of the argument, when the error was built by :meth:`for_argument`."""
    got: object = None
    """The value it was given, when the error was built by :meth:`for_argument`."""
    expected: str | None = None
    """What it should have been, when the error was built by :meth:`for_argument`."""

    @classmethod
    def for_argument(cls: type[_E], argument: str, got: object, expected: str) -> _E:
        """Build an error naming ``argument``, the value it ``got`` and what was ``expected``."""
        error = cls(f"{argument}: got {_short.repr(got)}, expected {expected}")
        error.argument, error.got, error.expected = argument, got, expected
        return error


class ArgumentTypeError(DiplomacyEventsError, TypeError):
    """An argument has the wrong type.

    Raise it with a message that names the argument, the type it got and the
    type expected, or let :meth:`for_argument` write that message::

        >>> str(ArgumentTypeError.for_argument("text", 42, "str"))
        'text: got int (42), expected str'
    """

    argument: str | None = None
    """The name of the argument, when the error was built by :meth:`for_argument`."""
    got: object = None
    """The value it was given, when the error was built by :meth:`for_argument`."""
    expected: str | None = None
    """The type it should have had, when the error was built by :meth:`for_argument`."""

    @classmethod
    def for_argument(cls: type[_T], argument: str, got: object, expected: str) -> _T:
        """Build an error naming ``argument``, the type it ``got`` and what was ``expected``."""
        error = cls(
            f"{argument}: got {type(got).__qualname__} ({_short.repr(got)}), expected {expected}"
        )
        error.argument, error.got, error.expected = argument, got, expected
        return error


class DocumentError(DiplomacyEventsError, ValueError):
    """An input document cannot be read: missing, not UTF-8, empty, or the like.

    ``source`` names the document (its path or id) and ``problem`` says what
    is wrong with it.
    """

    source: str
    """The document's path or id."""
    problem: str
    """What is wrong with it."""

    def __init__(self, source: str | os.PathLike[str], problem: str) -> None:
        self.source = os.fspath(source)
        self.problem = problem
        super().__init__(f"{self.source}: {problem}")

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str]]:
        """Pickle by the constructor's arguments."""
        return (type(self), (self.source, self.problem))


class ParseTimeout(DiplomacyEventsError, TimeoutError):
    """A document was not parsed within the time ``Parser(timeout=SECONDS)`` gives each one.

    ``id`` is the document's id (``None`` when it has none) and ``seconds``
    the budget it used up.  The parser that raised it stays usable, and
    :func:`~diplomacy_events.batch.parse_many` reports such a document as a
    :class:`~diplomacy_events.batch.Failure` and goes on::

        >>> str(ParseTimeout("a1", 0.5))
        "document 'a1' was not parsed within 0.5 s (Parser(timeout=0.5))"
        >>> isinstance(ParseTimeout(None, 0.5), TimeoutError)
        True
    """

    id: str | None
    """The id of the document, as given to :meth:`Parser.parse <diplomacy_events.Parser.parse>`."""
    seconds: float
    """The time the document was given, in seconds."""

    def __init__(self, id: str | None, seconds: float) -> None:
        self.id = id
        self.seconds = seconds
        document = "a document" if id is None else f"document {_short.repr(id)}"
        super().__init__(
            f"{document} was not parsed within {seconds:g} s (Parser(timeout={seconds:g}))"
        )

    def __reduce__(self) -> tuple[type[ParseTimeout], tuple[str | None, float]]:
        """Pickle by the constructor's arguments."""
        return (type(self), (self.id, self.seconds))
