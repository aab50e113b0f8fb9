"""Throughput of the whole ingest against bare spaCy parsing, in one run, on the same texts.

    python benchmarks/bench_throughput.py                  # first 2,000 Reuters-21578 stories
    python benchmarks/bench_throughput.py --stories 8000   # memory must stay where it was
    python benchmarks/bench_throughput.py --json

(a) bare `nlp.pipe(texts, n_process=W)`: the parse alone, docs thrown away;
(b) `runner.ingest` of the same articles into a fresh DuckDB file with the same W workers:
    parse + every pipeline stage + writing the store.
Both start from articles already read into memory, with the model already loaded in this
process (which both the bare run and the ingest's forked workers use), so the ratio is
the cost of everything the ingest does beyond parsing. Peak RSS is the sum over this
process and all its children, sampled every 50 ms while the ingest runs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

from newsevents.readers.reuters import read_reuters

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters21578"


def load_stories(corpus: Path, n: int) -> list:
    stories = []
    for path in sorted(corpus.glob("reut2-*.sgm*")):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rb") as fh:
            # Reuters-21578 is ASCII with a few stray control and Latin-1 bytes.
            text = fh.read().decode("utf-8", errors="replace")
        for item in read_reuters(text, path.name):
            if hasattr(item, "text"):
                stories.append(item)
                if len(stories) == n:
                    return stories
    return stories


# -- memory of the process tree -------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                found += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return found


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _pss_bytes(pid: int) -> int:
    """Proportional set size: shared pages (the forked model) counted once, not per process."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_pss(root: int) -> int:
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss_bytes(pid)
        todo += _children(pid)
    return total


def tree_rss(root: int) -> int:
    try:
        import psutil

        proc = psutil.Process(root)
        total = proc.memory_info().rss
        for child in proc.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        return total
    except ImportError:
        pass
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_bytes(pid)
        todo += _children(pid)
    return total


class PeakRSS:
    """Samples the RSS of this process tree in a background thread."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.peak = 0
        self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(os.getpid()))
            self.peak_pss = max(self.peak_pss, tree_pss(os.getpid()))
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def cpu_seconds() -> float:
    """CPU time of this process and its reaped children: both runs join their workers, so
    this counts the whole tree. Unlike wall time it barely moves when other jobs share
    the cores, which on a busy machine makes it the steadier basis for the ratio."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


# -- the two runs ---------------------------------------------------------------------


def bare(texts: list[str], workers: int, batch_size: int) -> tuple[float, int]:
    from newsevents import nlp as nlp_model

    nlp = nlp_model.load()
    with PeakRSS() as rss:
        cpu = cpu_seconds()
        start = time.perf_counter()
        for _ in nlp.pipe(texts, n_process=workers, batch_size=batch_size):
            pass
        seconds = time.perf_counter() - start
        cpu = cpu_seconds() - cpu
    return seconds, cpu, rss.peak


def ingest(articles: list, workers: int, chunk: int) -> tuple[float, int, object]:
    from newsevents.runner import ingest as run_ingest
    from newsevents.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.duckdb"))
        with PeakRSS() as rss:
            cpu = cpu_seconds()
            start = time.perf_counter()
            stats = run_ingest(iter(articles), store, workers=workers, chunk=chunk)
            seconds = time.perf_counter() - start
            cpu = cpu_seconds() - cpu
        store.close()
    return seconds, cpu, (rss.peak, rss.peak_pss), stats


def stage_costs(articles: list, n: int) -> dict[str, float]:
    """Seconds per stage, in this process, over the first n articles: where the time goes."""
    from newsevents import nlp as nlp_model
    from newsevents.pipeline import STAGES, Analysis

    nlp = nlp_model.load()
    costs = dict.fromkeys(["parse", *STAGES], 0.0)
    sample = articles[:n]
    start = time.process_time()
    docs = list(nlp.pipe((a.text for a in sample), batch_size=64))
    costs["parse"] = time.process_time() - start
    for article, doc in zip(sample, docs):
        analysis = Analysis(article, doc)
        for name, stage in STAGES.items():
            t = time.process_time()
            stage(analysis)
            costs[name] += time.process_time() - t
    return costs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size of the bare run")
    parser.add_argument("--chunk", type=int, default=None, help="articles per worker chunk of the ingest")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--profile", type=int, default=300, help="stories for the per-stage CPU breakdown (0: none)")
    parser.add_argument("--no-bare", action="store_true", help="only the ingest (e.g. to watch memory on long runs)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    if not args.corpus.exists():
        print(f"skipped: {args.corpus} not present", file=sys.stderr)
        return 0
    from newsevents import nlp as nlp_model
    from newsevents.runner import CHUNK

    articles = load_stories(args.corpus, args.stories)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    nlp_model.load()
    model_load = time.perf_counter() - start

    if args.no_bare:
        bare_s, bare_cpu, bare_rss = float("nan"), float("nan"), 0
    else:
        bare_s, bare_cpu, bare_rss = bare(texts, args.workers, args.batch_size)
    ingest_s, ingest_cpu, (ingest_rss, ingest_pss), stats = ingest(articles, args.workers, args.chunk or CHUNK)
    costs = stage_costs(articles, args.profile) if args.profile else {}

    def per_s(amount: float, seconds: float):
        return round(amount / seconds, 1) if seconds == seconds else None  # NaN: not measured

    def ratio(a: float, b: float):
        return round(a / b, 3) if a == a else None

    figures = {
        "stories": len(articles),
        "words": words,
        "workers": args.workers,
        "model_load_s": round(model_load, 2),
        "bare_s": round(bare_s, 2) if not args.no_bare else None,
        "bare_articles_per_s": per_s(len(articles), bare_s),
        "bare_words_per_s": per_s(words, bare_s),
        "bare_peak_rss_mb": round(bare_rss / 2**20) if not args.no_bare else None,
        "ingest_s": round(ingest_s, 2),
        "ingest_articles_per_s": per_s(len(articles), ingest_s),
        "ingest_words_per_s": per_s(words, ingest_s),
        "ingest_peak_rss_mb": round(ingest_rss / 2**20),
        "ingest_peak_pss_mb": round(ingest_pss / 2**20),
        "ratio": ratio(bare_s, ingest_s),
        "bare_cpu_s": round(bare_cpu, 2) if not args.no_bare else None,
        "ingest_cpu_s": round(ingest_cpu, 2),
        "cpu_ratio": ratio(bare_cpu, ingest_cpu),
        "stage_cpu_s": {name: round(v, 2) for name, v in costs.items()},
        "stored": stats.stored,
        "failed": stats.failed,
        "events": stats.events,
        "actors": stats.actors,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(articles)} Reuters-21578 stories, {words} words, {args.workers} workers")
    table.add_column("run")
    for name in ("wall s", "articles/s", "words/s", "CPU s (tree)", "peak RSS (tree)"):
        table.add_column(name, justify="right")
    if not args.no_bare:
        table.add_row("bare nlp.pipe", f"{bare_s:.1f}", f"{figures['bare_articles_per_s']}",
                      f"{figures['bare_words_per_s']:.0f}", f"{bare_cpu:.1f}", f"{figures['bare_peak_rss_mb']} MB")
    table.add_row("ingest", f"{ingest_s:.1f}", f"{figures['ingest_articles_per_s']}",
                  f"{figures['ingest_words_per_s']:.0f}", f"{ingest_cpu:.1f}", f"{figures['ingest_peak_rss_mb']} MB")
    console = Console()
    console.print(table)
    print(f"ingest peak PSS (shared pages counted once): {figures['ingest_peak_pss_mb']} MB")
    if not args.no_bare:
        print(f"ingest / bare throughput: {figures['ratio']:.2f} by wall time, {figures['cpu_ratio']:.2f} by CPU "
              "time (target ≥ 0.85)")
    print(f"stored {stats.stored}, failed {stats.failed}, {stats.events} events, {stats.actors} actor mentions")
    if costs:
        total = sum(costs.values())
        print(f"CPU per step over {min(args.profile, len(articles))} stories, one process: "
              + ", ".join(f"{k} {v:.2f} s ({v / total:.0%})" for k, v in costs.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
