"""The JSON form of the model: a configured :mod:`cattrs` converter and its schema.

Serialisation lives here, not on the model.  Every model object encodes to
plain JSON (dates as ISO strings, enums as their values, tuples as lists) and
decodes back to an equal object::

    >>> import datetime
    >>> import diplomacy_events as de
    >>> from diplomacy_events import serialize
    >>> result = de.parse("Russia and China held talks in Moscow on Monday.",
    ...                   published=datetime.date(2025, 4, 11))
    >>> text = serialize.dumps(result)
    >>> serialize.loads(text, de.Result) == result
    True

A whole :class:`~diplomacy_events.model.Result` is wrapped with the format
version, ``{"format": "diplomacy_events/1", ...}``; the JSON Schema of that
form ships with the package (:func:`json_schema`).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.v import format_exception

from diplomacy_events.exceptions import InputError
from diplomacy_events.model import Result

__all__ = ["FORMAT", "converter", "dumps", "json_schema", "loads", "result_from_dict", "to_dict"]

FORMAT = "diplomacy_events/1"
"""The name and version of the JSON form, written into every encoded result."""

T = TypeVar("T")


def _make_converter() -> cattrs.Converter:
    """Build the converter: ISO dates, enum values, keys in field order."""
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_unstructure_hook(datetime.date, lambda d: d.isoformat())
    conv.register_structure_hook(datetime.date, _structure_date)
    return conv


def _structure_date(value: Any, _type: type) -> datetime.date:
    """Decode an ISO ``YYYY-MM-DD`` string, with an error that says what was expected."""
    if not isinstance(value, str):
        raise InputError(f"expected a date as an ISO string YYYY-MM-DD, got {value!r}")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"expected a date as an ISO string YYYY-MM-DD, got {value!r}") from None


converter: cattrs.Converter = _make_converter()
"""The converter for every model class; use it for objects of your own classes too."""


def to_dict(obj: Any) -> Any:
    """Encode a model object as plain JSON-ready data (a :class:`Result` with its format).

    A result's :attr:`~diplomacy_events.model.Result.extras` are written as
    ``{"kind": class name, "value": ...}`` so that they can be decoded again
    (see :func:`loads`).
    """
    if isinstance(obj, Result):
        data = converter.unstructure(attrs.evolve(obj, extras=()))
        data["extras"] = [
            item
            if isinstance(item, dict)
            else {"kind": type(item).__name__, "value": converter.unstructure(item)}
            for item in obj.extras
        ]
        return {"format": FORMAT, **data}
    return converter.unstructure(obj)


def dumps(obj: Any, *, indent: int | None = None) -> str:
    r"""Encode a model object as JSON text, in ASCII (``\u`` escapes).

    ASCII keeps the text writable whatever it quotes: an article with a lone
    surrogate still gives valid JSON that decodes back to it.
    """
    return json.dumps(to_dict(obj), ensure_ascii=True, indent=indent)


def result_from_dict(data: Any, *, kinds: Iterable[type] = ()) -> Result:
    """Decode a result from the data :func:`to_dict` made, checking its format version.

    ``kinds`` are the classes of the user's own events: an extra whose kind is
    one of their names is decoded into it; any other stays a ``{"kind",
    "value"}`` dict.
    """
    if not isinstance(data, dict):
        raise InputError(f"expected a JSON object for a result, got {type(data).__name__}")
    found = data.get("format")
    if found != FORMAT:
        raise InputError(f"expected a result in format {FORMAT!r}, got format {found!r}")
    body = {k: v for k, v in data.items() if k not in ("format", "extras")}
    result = _structure(body, Result)
    extras = data.get("extras", [])
    if not isinstance(extras, list):
        raise InputError(f"not a valid Result: extras must be a list, got {type(extras).__name__}")
    by_name = {cls.__name__: cls for cls in kinds}
    decoded: list[object] = []
    for item in extras:
        if not (isinstance(item, dict) and set(item) == {"kind", "value"}):
            raise InputError(
                f'not a valid Result: each extra must be {{"kind", "value"}}, got {item!r}'
            )
        cls = by_name.get(item["kind"])
        decoded.append(_structure(item["value"], cls) if cls is not None else item)
    return attrs.evolve(result, extras=tuple(decoded))


def loads(text: str | bytes, cls: type[T], *, kinds: Iterable[type] = ()) -> T:
    """Decode JSON text into an object of ``cls``.

    For a :class:`Result`, ``kinds`` are the classes of the user's own events
    found in its extras (see :func:`result_from_dict`).  Raises
    :class:`~diplomacy_events.exceptions.InputError` naming the problem when
    the text is not JSON or does not have the shape of ``cls``.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc}") from None
    if cls is Result:
        return result_from_dict(data, kinds=kinds)  # type: ignore[return-value]
    return _structure(data, cls)


def _structure(data: Any, cls: type[T]) -> T:
    """Structure with cattrs, turning its error groups into one readable error."""
    try:
        return converter.structure(data, cls)
    except InputError:
        raise
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        details = (
            "; ".join(cattrs.transform_error(exc, format_exception=_describe))
            if isinstance(exc, cattrs.BaseValidationError)
            else str(exc)
        )
        raise InputError(f"not a valid {cls.__name__}: {details}") from None


def _describe(exc: BaseException, cls: type | None) -> str:
    """What went wrong with one value, for :func:`cattrs.transform_error`.

    cattrs' own description, with the message of the error kept where it
    names the bad value: that of a hook's :class:`InputError` (``"expected a
    date as an ISO string YYYY-MM-DD, got '11/04/2025'"``) and of a model
    validator's :class:`ValueError` (``"evidence text 'Rus' has 3 characters
    but its span 0:5 has 5"``).
    """
    if isinstance(exc, InputError):
        return str(exc)
    described = format_exception(exc, cls)
    if type(exc) is ValueError and str(exc):
        return f"{described} ({exc})"
    return described


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an encoded :class:`Result`."""
    ref = resources.files("diplomacy_events").joinpath("data").joinpath("result.schema.json")
    schema: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return schema
