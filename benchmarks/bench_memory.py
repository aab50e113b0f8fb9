"""Peak memory of the local runner against corpus size, in one run.

    python benchmarks/bench_memory.py                      # 2,000 and 8,000 Reuters stories
    python benchmarks/bench_memory.py --sizes 2000 8000 20000 --json

Each size is a fresh ingest into a fresh DuckDB file with the same workers; peak RSS and
PSS are the sums over this process and its workers (bench_throughput.PeakRSS). Flat
memory means the largest run's peak is within a few percent of the smallest's. A
per-process diagnosis (spaCy vocabulary size in a worker against articles parsed) is
printed too, since that growth is what the runner's worker recycling bounds.

    python benchmarks/bench_memory.py --sizes 2000 20000 --batch-peak   # also: parse-batch memory
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_throughput import CORPUS, ingest, load_stories  # noqa: E402


def vocabulary_growth(articles: list, n: int) -> dict:
    """RSS and spaCy vocabulary of one process before and after parsing n stories."""
    from newsevents import nlp as nlp_model
    from newsevents.runner import analyse_chunk

    def rss_mb() -> float:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    nlp = nlp_model.load()
    analyse_chunk(articles[:8])
    before = (rss_mb(), len(nlp.vocab.strings), len(nlp.vocab))
    for i in range(0, n, 64):
        analyse_chunk(articles[i:i + 64])
    after = (rss_mb(), len(nlp.vocab.strings), len(nlp.vocab))
    return {
        "stories": n,
        "rss_mb_growth": round(after[0] - before[0], 1),
        "strings_growth": after[1] - before[1],
        "lexemes_growth": after[2] - before[2],
    }


def _batch_peak(articles: list, budget: int, out) -> None:
    import resource

    import newsevents.runner as runner

    runner.analyse_chunk(articles[:2])  # lazily loaded data and first-call costs, before measuring
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    runner.PIPE_CHARS = budget
    runner.analyse_chunk(articles)
    out.put((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024)


def batch_peak(articles: list, size: int = 64) -> dict:
    """High-water mark a worker gains from the heaviest run of `size` consecutive stories
    (the most characters), parsed as one batch and in the runner's character-bounded
    batches; each in a fresh fork of this process, since a high-water mark never falls."""
    import multiprocessing

    from newsevents.runner import PIPE_CHARS, _warm_up

    lengths = [len(a.text) for a in articles]
    start = max(range(0, len(articles), size), key=lambda i: sum(lengths[i:i + size]))
    heaviest = articles[start:start + size]
    _warm_up()
    context = multiprocessing.get_context("fork")
    figures = {"stories": len(heaviest), "chars": sum(lengths[start:start + size]), "longest": max(lengths)}
    for label, budget in (("one_batch_mb", 10**12), (f"batches_of_{PIPE_CHARS}_chars_mb", PIPE_CHARS)):
        out = context.Queue()
        child = context.Process(target=_batch_peak, args=(heaviest, budget, out))
        child.start()
        figures[label] = round(out.get(), 1)
        child.join()
    return figures


def hung_article(articles: list, workers: int, limit: float) -> dict:
    """One story that never finishes among the others: how long until it is abandoned,
    and is everything else stored? The hang is a stage that loops forever (the forked
    workers inherit it), which is what a pathological input does to a real stage."""
    import tempfile

    from newsevents.pipeline import STAGES
    from newsevents.runner import ingest as run_ingest
    from newsevents.store import open_store

    victim = articles[len(articles) // 2]
    original = STAGES["coding"]

    def hangs(analysis):
        if analysis.article.id == victim.id:
            while True:
                time.sleep(0.01)
        original(analysis)

    timings = {}
    for label, stage in (("without", original), ("with", hangs)):
        STAGES["coding"] = stage
        reasons = []
        with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "h.duckdb")) as store:
            start = time.perf_counter()
            stats = run_ingest(iter(articles), store, workers=workers, timeout=limit, on_failure=reasons.append)
            timings[label] = (time.perf_counter() - start, stats.stored, reasons)
    STAGES["coding"] = original
    extra = timings["with"][0] - timings["without"][0]
    return {
        "stories": len(articles),
        "timeout_s": limit,
        "wall_s_without_hang": round(timings["without"][0], 1),
        "wall_s_with_hang": round(timings["with"][0], 1),
        "extra_s": round(extra, 1),
        "stored_with_hang": timings["with"][1],
        "failures_with_hang": timings["with"][2],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000, 8000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--diagnose", type=int, default=0, help="stories for the one-process vocabulary diagnosis")
    parser.add_argument("--hung", type=float, default=0, help="also time abandoning one hung story with this --timeout")
    parser.add_argument("--batch-peak", action="store_true",
                        help="worker memory for the heaviest run of 64 stories, one batch against bounded batches")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} not present", file=sys.stderr)
        return 0
    from newsevents import nlp as nlp_model
    from newsevents.runner import CHUNK, RECYCLE_AFTER

    articles = load_stories(args.corpus, max([*args.sizes, 300]))
    nlp_model.load()
    runs = []
    for n in sorted(args.sizes):
        if n > len(articles):
            print(f"only {len(articles)} stories in the corpus; skipping {n}", file=sys.stderr)
            continue
        seconds, cpu, (rss, pss), stats = ingest(articles[:n], args.workers, CHUNK)
        runs.append({"stories": n, "peak_rss_mb": round(rss / 2**20), "peak_pss_mb": round(pss / 2**20),
                     "seconds": round(seconds, 1), "cpu_s": round(cpu, 1), "stored": stats.stored})
        print(json.dumps(runs[-1]), file=sys.stderr, flush=True)
    figures = {
        "workers": args.workers,
        "recycle_after": RECYCLE_AFTER,
        "runs": runs,
        "rss_growth_pct": round(100 * (runs[-1]["peak_rss_mb"] / runs[0]["peak_rss_mb"] - 1), 1) if runs else None,
        "pss_growth_pct": round(100 * (runs[-1]["peak_pss_mb"] / runs[0]["peak_pss_mb"] - 1), 1) if runs else None,
        "cpu_s_per_article": [round(r["cpu_s"] / r["stories"], 4) for r in runs],
    }
    if args.hung:
        figures["hung_article"] = hung_article(articles[:min(300, len(articles))], args.workers, args.hung)
    if args.batch_peak:
        figures["batch_peak"] = batch_peak(articles)
    if args.diagnose:
        figures["one_process"] = vocabulary_growth(articles, min(args.diagnose, len(articles)))
    print(json.dumps(figures, indent=2) if args.json else "\n".join(f"{k}: {v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
