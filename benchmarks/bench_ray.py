"""Ray engine against the local process pool, on the same Reuters-21578 stories, in one run.

    python benchmarks/bench_ray.py                 # 2,000 stories, 2 workers / 2 actors
    python benchmarks/bench_ray.py --stories 500 --json

Both engines read the same JSON Lines file (one record per story) and write a fresh DuckDB
file, so the ratio is everything the engine adds: Ray's daemons, moving blocks through the
object store, actors loading spaCy. The local Ray cluster is started before the clock
starts (a user with a cluster does not pay for it per run); its start-up is printed apart.
Also measured: the store's insert rate alone (the single writer's ceiling), and a scaling
model from the measured per-article cost.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_throughput import CORPUS, load_stories  # noqa: E402


def cpu_seconds() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def write_jsonl(articles: list, path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            record = {"text": a.text, "title": a.title, "url": a.url,
                      "published": a.published.isoformat() if a.published else None}
            fh.write(json.dumps(record) + "\n")


def run_local(path: Path, db: Path, workers: int):
    """Time the local runner; also return the rows it stored, for the insert-rate figure."""
    from newsevents.readers import read_inputs
    from newsevents.runner import ingest
    from newsevents.store import open_store

    stored = []
    with open_store(str(db)) as store:
        save_many = store.save_many

        def recording(rows, *args, **kwargs):
            stored.extend(rows)
            return save_many(rows, *args, **kwargs)

        store.save_many = recording
        start = time.perf_counter()
        stats = ingest(read_inputs([str(path)]), store, workers=workers)
        return time.perf_counter() - start, stats, stored


def run_ray(path: Path, db: Path, workers: int):
    from newsevents.engines.ray import RayOptions, ingest
    from newsevents.store import open_store

    with open_store(str(db)) as store:
        start = time.perf_counter()
        stats = ingest([str(path)], store, RayOptions(workers=workers))
        return time.perf_counter() - start, stats


def insert_rate(rows: list, tmp: Path, at_least: int = 4000) -> float:
    """Articles per second the DuckDB writer stores when it does nothing else: the rows the
    local run stored, saved again into a fresh file in the runner's chunks of 64.

    With fewer stories than `at_least`, copies are added. Each copy's mentions get their
    own blocking keys: copies of one story on the same day would otherwise all fall in the
    same dedup blocks, and every insert would re-cluster an ever larger event, which no real
    feed of distinct stories does."""
    import dataclasses

    from newsevents.store import open_store
    from newsevents.store.schema import column_names

    block = column_names("mentions").index("block_key")
    copies = list(rows)
    for k in range(1, -(-at_least // max(1, len(rows)))):
        for r in rows:
            nid = f"{r.article_id}-{k}"
            # A fresh id and content hash per copy, or the store would skip it as already stored.
            article = list(r.article)
            article[0], article[-3] = nid, f"{article[-3]}-{k}"
            tables = {name: [(nid, *row[1:]) for row in table] for name, table in r.table_rows().items()}
            tables["mentions"] = [
                (*m[:block], f"{m[block]}#{k}" if m[block] is not None else None, *m[block + 1:])
                for m in tables["mentions"]
            ]
            copies.append(dataclasses.replace(r, article_id=nid, article=tuple(article), **tables))
    with open_store(str(tmp / "insert.duckdb")) as store:
        start = time.perf_counter()
        for i in range(0, len(copies), 64):
            store.save_many(copies[i:i + 64])
        return len(copies) / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} not present", file=sys.stderr)
        return 0
    try:
        import ray
    except ImportError:
        print("skipped: ray is not installed (pip install -e '.[ray]')", file=sys.stderr)
        return 0
    articles = load_stories(args.corpus, args.stories)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        feed = tmp / "stories.jsonl"
        write_jsonl(articles, feed)

        start = time.perf_counter()
        ray.init(num_cpus=args.workers, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
        ray_start = time.perf_counter() - start
        try:
            # Alternate the order is not possible in one process (the local pool forks this
            # process); Ray goes first so that the local run cannot inherit a warmer cache.
            ray_s, ray_stats = run_ray(feed, tmp / "ray.duckdb", args.workers)
        finally:
            ray.shutdown()
        cpu = cpu_seconds()
        local_s, local_stats, stored_rows = run_local(feed, tmp / "local.duckdb", args.workers)
        local_cpu = cpu_seconds() - cpu
        rate = insert_rate(stored_rows, tmp)

    per_article_cpu = local_cpu / max(1, local_stats.stored)
    per_core_hour = 3600 / per_article_cpu
    figures = {
        "stories": len(articles),
        "workers": args.workers,
        "ray_cluster_start_s": round(ray_start, 1),
        "local_s": round(local_s, 1),
        "ray_s": round(ray_s, 1),
        "ray_over_local_throughput": round(local_s / ray_s, 3),
        "local": asdict(local_stats),
        "ray": asdict(ray_stats),
        "cpu_s_per_article_local": round(per_article_cpu, 4),
        "articles_per_hour_per_core": round(per_core_hour),
        "cores_for_200k_per_hour": round(200_000 / per_core_hour, 1),
        "store_insert_articles_per_s": round(rate),
        "store_insert_articles_per_hour": round(rate * 3600),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key}: {value}")
    same = (local_stats.stored, local_stats.events) == (ray_stats.stored, ray_stats.events)
    print(f"same articles and events stored by both engines: {same}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
