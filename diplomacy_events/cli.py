"""The command line: ``diplomacy-events parse`` and ``diplomacy-events evaluate``.

Exit status: 0 on success, 1 when some documents failed, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Sequence
from pathlib import Path

from diplomacy_events import gold as gold_format
from diplomacy_events.evaluate import format_scores, score
from diplomacy_events.exceptions import DiplomacyEventsError, DocumentError
from diplomacy_events.parser import Parser
from diplomacy_events.serialize import dumps
from diplomacy_events.summary import summarise

__all__ = ["main"]

_EXAMPLES = """\
examples:
  diplomacy-events parse seeds/seed-istanbul-consultations.txt --published 2025-04-11
  diplomacy-events parse article.txt --published 2025-04-11 --format json
  diplomacy-events evaluate ../shared/corpus/dev --details
  diplomacy-events evaluate seeds/ --predictions out/
"""


def _date(value: str) -> datetime.date:
    """An ISO date argument, with an error argparse reports as a usage error."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diplomacy-events",
        description="Turn news prose about diplomacy into structured, evidence-backed records.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    parse = commands.add_parser(
        "parse",
        help="parse articles and print what they report",
        description="Parse text files (headline on the first line) and print what they report.",
        epilog="example:\n  diplomacy-events parse seeds/seed-istanbul-consultations.txt --published 2025-04-11",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parse.add_argument("inputs", nargs="+", metavar="INPUT", help="text files to parse, or - for standard input")
    parse.add_argument(
        "--published",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the publication date relative dates are resolved against (e.g. 2025-04-11); "
        "without it, 'Thursday' stays unresolved",
    )
    parse.add_argument(
        "--format",
        choices=("summary", "json", "jsonl"),
        default="summary",
        help="summary: readable text (default); json: one indented JSON result per input; "
        "jsonl: one JSON result a line",
    )

    evaluate = commands.add_parser(
        "evaluate",
        help="score the parser against gold annotations",
        description="Parse every article of a gold folder (format v1) with its publication date "
        "and print precision, recall and F1 per category and the attribute accuracies.",
        epilog="example:\n  diplomacy-events evaluate ../shared/corpus/dev --details",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    evaluate.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of NAME.txt and NAME.json pairs")
    evaluate.add_argument("--details", action="store_true", help="add a per-document breakdown")
    evaluate.add_argument(
        "--predictions",
        metavar="OUT_DIR",
        type=Path,
        help="also write each article's predictions as OUT_DIR/ID.json, in gold format v1",
    )
    return parser


def _read_text(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DocumentError(name, "no such file") from None
    except IsADirectoryError:
        raise DocumentError(name, "is a folder, expected a text file") from None
    except UnicodeDecodeError as exc:
        raise DocumentError(name, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise DocumentError(name, f"cannot be read: {exc.strerror}") from None


def _run_parse(args: argparse.Namespace) -> int:
    parser = Parser()
    failed = 0
    for number, name in enumerate(args.inputs):
        try:
            text = _read_text(name)
            result = parser.parse(text, published=args.published, id=None if name == "-" else Path(name).stem)
        except DiplomacyEventsError as exc:
            print(f"diplomacy-events: {exc}", file=sys.stderr)
            failed += 1
            continue
        if args.format == "summary":
            if len(args.inputs) > 1:
                print(("\n" if number else "") + f"== {name}")
            print(summarise(result))
        elif args.format == "json":
            print(dumps(result, indent=2))
        else:
            print(dumps(result))
    return 1 if failed else 0


def _run_evaluate(args: argparse.Namespace) -> int:
    golds = gold_format.load_folder(args.gold_dir)
    parser = Parser()
    pairs = []
    for gold in golds:
        result = parser.parse(gold.text, published=gold.published, id=gold.id)
        predicted = gold_format.from_result(result, id=gold.id, source="diplomacy_events predictions")
        pairs.append((gold, predicted))
        if args.predictions is not None:
            args.predictions.mkdir(parents=True, exist_ok=True)
            gold_format.write_document(predicted, args.predictions)
    print(format_scores(score(pairs), details=args.details))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "parse":
            return _run_parse(args)
        return _run_evaluate(args)
    except DiplomacyEventsError as exc:
        print(f"diplomacy-events: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
