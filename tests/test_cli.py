"""Tests for the command line: inputs, formats, failures, exit status, atomic output, resume."""

from __future__ import annotations

import csv
import io
import json
import sys
import types
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from diplomacy_events import cli
from diplomacy_events.batch import Failure, parse_many
from diplomacy_events.model import Result
from diplomacy_events.serialize import dumps, json_schema, result_from_dict
from diplomacy_events.tables import COLUMNS, TABLES

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "seed-istanbul-consultations.txt"
SEEDS = REPO / "seeds"

TEXTS = {
    "a1": "Russia and China held talks in Moscow on Monday.",
    "a2": "Vladimir Putin had a telephone conversation with President of France Emmanuel Macron.",
    "a3": "Nothing of note happened.",
    "a4": "Foreign Minister Sergey Lavrov held talks with Chinese Foreign Minister Wang Yi "
    "in Beijing on Tuesday.",
}


def _corpus(tmp_path: Path, *, broken_line: int | None = None) -> Path:
    lines = [
        json.dumps({"id": key, "text": text, "published": "2022-03-31", "url": "u"})
        for key, text in TEXTS.items()
    ]
    if broken_line is not None:
        lines.insert(broken_line - 1, '{"id": "broken", "text": ')
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _ids(jsonl: str) -> list[str]:
    return [json.loads(line)["article"]["id"] for line in jsonl.splitlines()]


# ---------------------------------------------------------------------------
# inputs and formats
# ---------------------------------------------------------------------------


def test_parse_a_text_file_prints_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "parse", SEED, "--published", "2025-04-11")
    assert status == 0
    assert out.startswith("2 meetings")
    assert "Meeting 1: held, in person" in out
    assert "== " not in out
    assert err.startswith("diplomacy-events: 1 document, 2 meetings,")
    assert err.rstrip().endswith("0 failed")


def test_json_of_one_text_file_is_one_result(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "parse", SEED, "--published", "2025-04-11", "--format", "json")
    assert status == 0
    data = json.loads(out)
    try:
        schema = json_schema()
    except FileNotFoundError:  # the schema file is not written yet
        schema = None
    if schema is not None:
        pytest.importorskip("jsonschema").validate(data, schema)
    result = result_from_dict(data)
    assert result.article.id == "seed-istanbul-consultations"
    assert [sorted(p.code for p in m.parties) for m in result.meetings] == [["RUS", "USA"]] * 2


def test_json_of_several_inputs_is_an_array(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(capsys, "parse", _corpus(tmp_path), "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert [d["article"]["id"] for d in data] == list(TEXTS)


def test_jsonl_from_a_jsonl_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "parse", _corpus(tmp_path), "--format", "jsonl")
    assert status == 0
    assert _ids(out) == list(TEXTS)
    for line in out.splitlines():
        assert isinstance(result_from_dict(json.loads(line)), Result)
    assert "4 documents" in err


def test_summary_of_several_documents_has_headers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path)
    status, out, _ = _run(capsys, "parse", corpus)
    assert status == 0
    assert out.splitlines()[0] == f"== {corpus}, line 1"
    assert out.count("== ") == 4


def test_folder_of_text_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for key, text in TEXTS.items():
        (tmp_path / f"{key}.txt").write_text(text, encoding="utf-8")
    status, out, _ = _run(
        capsys, "parse", tmp_path, "--format", "jsonl", "--published", "2022-03-31"
    )
    assert status == 0
    assert _ids(out) == list(TEXTS)
    assert all(
        json.loads(line)["article"]["published"] == "2022-03-31" for line in out.splitlines()
    )


def test_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXTS["a1"].encode())))
    status, out, _ = _run(capsys, "parse", "-", "--published", "2025-04-11", "--format", "json")
    assert status == 0
    assert json.loads(out)["meetings"][0]["date"]["earliest"] == "2025-04-07"


def test_standard_input_json_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _corpus(tmp_path).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, out, _ = _run(capsys, "parse", "-", "--format", "jsonl")
    assert status == 0
    assert _ids(out) == list(TEXTS)


def test_csv_tables_into_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "tables"
    status, out, _ = _run(
        capsys, "parse", _corpus(tmp_path), "--format", "csv", "--output", out_dir
    )
    assert status == 0
    assert out == ""
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    with (out_dir / "documents.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == COLUMNS["documents"]
        assert [row["doc_id"] for row in reader] == list(TEXTS)
    with (out_dir / "meetings.csv").open(encoding="utf-8", newline="") as handle:
        meetings = list(csv.DictReader(handle))
    assert {m["doc_id"] for m in meetings} >= {"a1", "a2"}


def test_csv_one_table_to_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(
        capsys, "parse", _corpus(tmp_path), "--format", "csv", "--table", "meetings"
    )
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows
    assert tuple(rows[0]) == COLUMNS["meetings"]


def test_plover_records(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "parse", SEED, "--published", "2025-04-11", "--format", "plover")
    assert status == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["event_type"] for r in records} == {"CONSULT", "AGREE"}
    assert all(r["story_id"] == "seed-istanbul-consultations" for r in records)


def test_results_are_read_back_without_parsing_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = tmp_path / "results.jsonl"
    assert cli.main(["parse", str(_corpus(tmp_path)), "--format", "jsonl", "-o", str(results)]) == 0
    capsys.readouterr()
    status, out, _ = _run(capsys, "parse", results, "--format", "jsonl")
    assert status == 0
    assert out == results.read_text(encoding="utf-8")


def test_workers_give_identical_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _corpus(tmp_path)
    one = _run(capsys, "parse", corpus, SEED, "--format", "jsonl", "--workers", "1")
    two = _run(capsys, "parse", corpus, SEED, "--format", "jsonl", "--workers", "2")
    assert one[0] == two[0] == 0
    assert one[1] == two[1]
    assert _ids(two[1]) == [*TEXTS, "seed-istanbul-consultations"]


# ---------------------------------------------------------------------------
# bad inputs and exit status
# ---------------------------------------------------------------------------


def test_a_broken_line_is_reported_with_its_number_and_the_rest_parsed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path, broken_line=2)
    status, out, err = _run(capsys, "parse", corpus, "--format", "jsonl")
    assert status == 1
    assert f"diplomacy-events: {corpus}, line 2: not valid JSON" in err
    assert _ids(out) == list(TEXTS)
    assert "4 documents" in err
    assert "1 failed" in err


def test_strict_stops_at_the_first_failure_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out.jsonl"
    status, _, err = _run(
        capsys,
        "parse",
        _corpus(tmp_path, broken_line=3),
        "--format",
        "jsonl",
        "-o",
        output,
        "--strict",
    )
    assert status == 1
    assert "line 3" in err
    assert "--strict" in err
    assert not output.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "corpus.jsonl"]


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "parse", tmp_path / "nope.txt", SEED)
    assert status == 1
    assert f"{tmp_path / 'nope.txt'}: no such file or folder" in err
    assert out.startswith(f"== {SEED}")


def test_a_document_over_the_timeout_is_reported_and_the_rest_parsed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path)
    hostile = ("Russia agreed to " * 3_000)[:40_000]  # half a minute of work without a guard
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(1, json.dumps({"id": "hostile", "text": hostile}) + "\n")
    corpus.write_text("".join(lines), encoding="utf-8")
    status, out, err = _run(capsys, "parse", corpus, "--format", "jsonl", "--timeout", "0.5")
    assert status == 1
    assert f"{corpus}, line 2 (hostile): not parsed within the timeout of 0.5 s" in err
    assert _ids(out) == list(TEXTS)
    assert "4 documents" in err
    assert "1 failed" in err


def test_invalid_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Talks in Montréal.".encode("cp1252"))
    status, _, err = _run(capsys, "parse", legacy)
    assert status == 1
    assert f"{legacy}: not valid UTF-8: byte 0xe9 at line 1, column 15" in err
    status, out, _ = _run(
        capsys, "parse", legacy, "--encoding-errors", "replace", "--format", "json"
    )
    assert status == 0
    assert json.loads(out)["article"]["text"] == "Talks in Montr\ufffdal."


def test_json_of_one_failed_text_file_leaves_the_output_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(b"\xe9")
    output = tmp_path / "out.json"
    output.write_text("previous\n", encoding="utf-8")
    status, _, _ = _run(capsys, "parse", legacy, "--format", "json", "-o", output)
    assert status == 1
    assert output.read_text(encoding="utf-8") == "previous\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["parse", "x.txt", "--format", "xml"], "invalid choice: 'xml'"),
        (["parse", "x.txt", "--workers", "0"], "expected 1 or more worker processes"),
        (["parse", "x.txt", "--workers", "two"], "expected a whole number"),
        (["parse", "x.txt", "--published", "11/04/2025"], "expected a date as YYYY-MM-DD"),
        (["parse", "x.txt", "--timeout", "-1"], "--timeout: expected a number of seconds above 0"),
        (["parse", "x.txt", "--timeout", "0"], "expected a number of seconds above 0, got '0'"),
        (["parse", "x.txt", "--timeout", "nan"], "expected a number of seconds above 0"),
        (["parse", "x.txt", "--timeout", "soon"], "expected a number of seconds such as 10"),
        (["parse", "x.txt", "--format", "csv"], "--format csv writes one file per table"),
        (["parse", "x.txt", "--table", "meetings"], "--table works with --format csv only"),
        (["parse", "x.txt", "--format", "jsonl", "--resume"], "--resume needs"),
        (["parse", "x.txt", "--format", "json", "--resume", "-o", "o"], "--resume needs"),
        (["parse"], "the following arguments are required: INPUT"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(capsys, *argv)
    assert status == 2
    assert message in err


def test_output_that_is_a_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(capsys, "parse", SEED, "--format", "jsonl", "-o", tmp_path)
    assert status == 2
    assert "is a folder" in err


def test_help_explains_each_option_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "parse", "--help")
    assert status == 0
    for option in (
        "--workers",
        "--format",
        "--output",
        "--table",
        "--resume",
        "--strict",
        "--timeout",
    ):
        assert option in out
    assert "examples:" in out
    assert "exit status" in out


# ---------------------------------------------------------------------------
# atomic output, interruption, resume
# ---------------------------------------------------------------------------


def test_a_failure_mid_write_leaves_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out.jsonl"
    output.write_text("previous complete output\n", encoding="utf-8")
    real = dumps
    calls = []

    def failing(obj: object, *, indent: int | None = None) -> str:
        calls.append(obj)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(obj, indent=indent)

    monkeypatch.setattr("diplomacy_events.cli.dumps", failing)
    status, _, err = _run(capsys, "parse", _corpus(tmp_path), "--format", "jsonl", "-o", output)
    assert status == 1
    assert f"cannot write {output}: No space left on device; {output} was left as it was" in err
    assert output.read_text(encoding="utf-8") == "previous complete output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl", "out.jsonl"]


class _FullDisk:
    """A text file that runs out of space half-way through its ``fail_at``-th write."""

    def __init__(self, handle: io.TextIOWrapper, fail_at: int) -> None:
        self.handle = handle
        self.fail_at = fail_at
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        if self.writes == self.fail_at:
            self.handle.write(text[: len(text) // 2])
            self.handle.flush()
            raise OSError(28, "No space left on device")
        return self.handle.write(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.handle, name)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


def test_a_failure_mid_append_keeps_every_complete_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path)
    output = tmp_path / "out.jsonl"
    first = "".join(dumps(parse_one) + "\n" for parse_one in _results(["a1"]))
    output.write_text(first, encoding="utf-8")
    real_open = Path.open

    def opening(path: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        handle = real_open(path, mode, *args, **kwargs)  # type: ignore[call-overload]
        return _FullDisk(handle, fail_at=2) if mode == "a" else handle

    monkeypatch.setattr(Path, "open", opening)
    status, _, err = _run(capsys, "parse", corpus, "--format", "jsonl", "-o", output, "--resume")
    assert status == 1
    assert f"cannot write {output}: No space left on device" in err
    assert "keeps the complete results written before the error" in err
    assert "--resume" in err
    text = output.read_text(encoding="utf-8")
    assert text.endswith("\n")
    assert _ids(text) == ["a1", "a2"]  # a3 was half written: cut off, not left broken
    monkeypatch.undo()
    status, _, err = _run(capsys, "parse", corpus, "--format", "jsonl", "-o", output, "--resume")
    assert status == 0
    assert "removed an incomplete" not in err
    assert _ids(output.read_text(encoding="utf-8")) == list(TEXTS)


def _results(ids: Iterable[str]) -> list[Result]:
    return [
        r
        for r in parse_many(
            {"id": key, "text": TEXTS[key], "published": "2022-03-31"} for key in ids
        )
        if isinstance(r, Result)
    ]


def _interrupt_after(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    real = parse_many

    def interrupted(articles: Iterable[object], **kwargs: int) -> Iterator[Result | Failure]:
        for number, output in enumerate(real(articles, **kwargs)):  # type: ignore[arg-type]
            if number == count:
                raise KeyboardInterrupt
            yield output

    monkeypatch.setattr("diplomacy_events.cli.parse_many", interrupted)


def test_interrupted_run_keeps_complete_results_and_resume_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path)
    output = tmp_path / "out.jsonl"
    with monkeypatch.context() as patch:
        _interrupt_after(2, patch)
        status, _, err = _run(capsys, "parse", corpus, "--format", "jsonl", "-o", output)
    assert status == 130
    assert "interrupted" in err
    assert "--resume" in err
    assert _ids(output.read_text(encoding="utf-8")) == ["a1", "a2"]

    status, _, err = _run(capsys, "parse", corpus, "--format", "jsonl", "-o", output, "--resume")
    assert status == 0
    assert "2 skipped" in err
    assert "2 documents" in err
    assert _ids(output.read_text(encoding="utf-8")) == list(TEXTS)


def test_interrupted_csv_keeps_valid_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _interrupt_after(1, monkeypatch)
    out_dir = tmp_path / "tables"
    status, _, _ = _run(capsys, "parse", _corpus(tmp_path), "--format", "csv", "-o", out_dir)
    assert status == 130
    with (out_dir / "documents.csv").open(encoding="utf-8", newline="") as handle:
        assert [row["doc_id"] for row in csv.DictReader(handle)] == ["a1"]


def test_resume_cuts_an_incomplete_last_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path)
    output = tmp_path / "out.jsonl"
    assert cli.main(["parse", str(corpus), "--format", "jsonl", "-o", str(output)]) == 0
    lines = output.read_text(encoding="utf-8").splitlines(keepends=True)
    output.write_text(lines[0] + lines[1][: len(lines[1]) // 2], encoding="utf-8")
    capsys.readouterr()
    status, _, err = _run(capsys, "parse", corpus, "--format", "jsonl", "-o", output, "--resume")
    assert status == 0
    assert "removed an incomplete last line" in err
    assert _ids(output.read_text(encoding="utf-8")) == list(TEXTS)


def test_resume_refuses_a_file_broken_in_the_middle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out.jsonl"
    output.write_text('{"broken\n{"article": {"id": "a1"}}\n', encoding="utf-8")
    status, _, err = _run(
        capsys, "parse", _corpus(tmp_path), "--format", "jsonl", "-o", output, "--resume"
    )
    assert status == 1
    assert "line 1 is not a complete JSON line" in err


def test_resume_plover_by_story_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "events.jsonl"
    args = [
        "parse",
        str(SEED),
        "--published",
        "2025-04-11",
        "--format",
        "plover",
        "-o",
        str(output),
    ]
    assert cli.main(args) == 0
    first = output.read_text(encoding="utf-8")
    assert cli.main([*args, "--resume"]) == 0
    assert output.read_text(encoding="utf-8") == first
    assert "1 skipped" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# render and evaluate
# ---------------------------------------------------------------------------


def test_render_hands_the_results_to_write_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    received: list[tuple[str, Result]] = []

    def write_pages(items: Iterable[tuple[str, Result]], out_dir: Path) -> list[Path]:
        pages = []
        for name, result in items:
            received.append((name, result))
            pages.append(out_dir / f"{name}.html")
        return pages

    fake = types.ModuleType("diplomacy_events.render")
    fake.__dict__["write_pages"] = write_pages
    monkeypatch.setitem(sys.modules, "diplomacy_events.render", fake)
    out_dir = tmp_path / "review"
    status, _, err = _run(capsys, "render", _corpus(tmp_path, broken_line=1), SEED, "-o", out_dir)
    assert status == 1  # the broken line
    assert [name for name, _ in received] == [*TEXTS, "seed-istanbul-consultations"]
    assert all(isinstance(result, Result) for _, result in received)
    assert out_dir.is_dir()
    assert "wrote 5 pages" in err


def test_render_without_the_render_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "diplomacy_events.render", None)
    status, _, err = _run(capsys, "render", SEED, "-o", tmp_path / "review")
    assert status == 1
    assert "no diplomacy_events.render" in err


def test_evaluate_still_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "evaluate", SEEDS, "--predictions", tmp_path)
    assert status == 0
    assert "meetings" in out.lower()
    assert (tmp_path / "seed-istanbul-consultations.json").is_file()


# ---------------------------------------------------------------------------
# progress
# ---------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_builtin_progress_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # as if tqdm were not installed
    stream = _Terminal()
    progress = cli._Progress(stream, total=4, enabled=True)
    progress._last = -1.0  # draw at the next update
    progress.update()
    progress.write("diplomacy-events: x.txt: no such file or folder")
    progress.close()
    shown = stream.getvalue()
    assert "1/4 documents" in shown
    assert "docs/s" in shown
    assert "diplomacy-events: x.txt: no such file or folder\n" in shown


def test_no_progress_bar_when_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = _run(capsys, "parse", SEED)
    assert "\r" not in err
    assert "docs/s" not in err


def test_output_dash_is_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "parse", SEED, "--format", "jsonl", "--output", "-")
    assert status == 0
    assert _ids(out) == ["seed-istanbul-consultations"]
    assert not Path("-").exists()
