"""Coverage-guided fuzzing of :func:`diplomacy_events.parse` with atheris (libFuzzer).

Usage (``pip install 'diplomacy-events[fuzz]'`` first; arguments are libFuzzer's)::

    mkdir -p /tmp/fuzz-corpus
    python fuzz/atheris_parse.py -max_total_time=300 -max_len=4096 /tmp/fuzz-corpus ../shared/corpus/dev

Each input becomes a publication date (or none) and a text, decoded by
atheris from the bytes in any of its encodings, lone surrogates included.
The text must parse without an exception, every evidence span must quote
it, and the result must survive a JSON round trip.  libFuzzer keeps the
inputs that reach new code in the first folder and writes a crashing input
to ``crash-*`` in the current folder; rerun one with
``python fuzz/atheris_parse.py crash-...``.
"""

from __future__ import annotations

import datetime
import sys

import atheris  # type: ignore[import-untyped, import-not-found, unused-ignore]

with atheris.instrument_imports():
    from diplomacy_events import Parser, Result
    from diplomacy_events.serialize import dumps, loads
    from diplomacy_events.testing import iter_evidence

__all__ = ["main", "test_one_input"]

PARSER = Parser()
LAST_DAY = datetime.date.max.toordinal()


def test_one_input(data: bytes) -> None:
    """Parse one input and check the result; any exception is a finding."""
    provider = atheris.FuzzedDataProvider(data)
    published = (
        datetime.date.fromordinal(provider.ConsumeIntInRange(1, LAST_DAY))
        if provider.ConsumeBool()
        else None
    )
    text = provider.ConsumeUnicode(provider.remaining_bytes())
    result = PARSER.parse(text, published=published)
    for path, evidence in iter_evidence(result):
        if text[evidence.start : evidence.end] != evidence.text:
            raise AssertionError(f"{path} {evidence} does not quote the text")
    if loads(dumps(result), Result) != result:
        raise AssertionError("the result changes through JSON")


def main() -> None:
    """Hand the command line to libFuzzer and fuzz until it stops."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
