"""De-duplication and re-coding on real news, in one run on the same stories.

    python benchmarks/bench_dedup.py                 # first 2,000 Reuters-21578 stories
    python benchmarks/bench_dedup.py --stories 21578 --json

(a) `runner.ingest` of the stories into a fresh DuckDB file with W workers: how many
    mentions are coded, how many events they collapse into, and the time spent clustering;
(b) `store.recode.recode` of every stored article (forced, from the stored text) into the
    same file: its time over the ingest's, and how many events it changed (the same
    coder on the same text: none should).
Both start from the model already loaded in this process, which the forked workers share.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_throughput import CORPUS, load_stories  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found (the Reuters-21578 corpus lives in ../shared)")
        return

    from newsevents import nlp as nlp_model
    from newsevents.runner import ingest
    from newsevents.store import open_store
    from newsevents.store.duckdb_store import DuckDBStore
    from newsevents.store.recode import recode

    stories = load_stories(CORPUS, args.stories)
    nlp_model.load()
    clustering = [0.0]
    original = DuckDBStore._recluster

    def timed(self, *a, **kw):
        start = time.perf_counter()
        try:
            return original(self, *a, **kw)
        finally:
            clustering[0] += time.perf_counter() - start

    DuckDBStore._recluster = timed
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.duckdb"))
        start = time.perf_counter()
        stats = ingest(stories, store, workers=args.workers)
        ingest_s = time.perf_counter() - start
        ingest_clustering = clustering[0]
        mentions, events = store.count("mentions"), store.count("events")
        sizes = Counter(r[0] for r in store.con.execute("SELECT num_mentions FROM events").fetchall())
        cross = store.con.execute("SELECT count(*) FROM events WHERE num_articles > 1").fetchone()[0]
        clustering[0] = 0.0
        start = time.perf_counter()
        report = recode(store, workers=args.workers)
        recode_s = time.perf_counter() - start
        store.close()
    figures = {
        "stories": len(stories),
        "stored": stats.stored,
        "workers": args.workers,
        "mentions": mentions,
        "events": events,
        "events_per_mention": round(events / mentions, 3) if mentions else None,
        "events_in_more_than_one_article": cross,
        "event_sizes": {str(k): sizes[k] for k in sorted(sizes)[:10]},
        "ingest_s": round(ingest_s, 1),
        "ingest_clustering_s": round(ingest_clustering, 2),
        "recode_s": round(recode_s, 1),
        "recode_clustering_s": round(clustering[0], 2),
        "recode_over_ingest": round(recode_s / ingest_s, 3),
        "recode_events_added_removed_changed": [report.events_added, report.events_removed, report.events_changed],
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for name, value in figures.items():
            print(f"{name:40} {value}")


if __name__ == "__main__":
    main()
