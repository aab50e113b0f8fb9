"""PostgreSQL against DuckDB, in one run, on a throwaway local server (tests/store/pg_server.py).

    python benchmarks/bench_postgres.py                      # 2,000 Reuters stories, 1M rows, 20 kills
    python benchmarks/bench_postgres.py --stories 500 --rows 200000 --kills 5 --json

(1) ingest: `runner.ingest` of the same Reuters-21578 stories into a DuckDB file (as the
    CLI writes it: released between batches) and into PostgreSQL; articles/s of each, the
    ratio, and the seconds spent inside the store. Meanwhile a reader process queries the
    database being written, once a second (--reader-interval): how long each query took.
(2) queries: 1M synthetic mentions and 1M events (with their 100k articles), inserted
    directly by SQL in both databases; p50/p95 latency of the CLI's common filters
    (`events` / `mentions` with --actor, --target, --code, --status, --since/--until,
    --outlet, as the first page of 100 rows).
(3) kill -9: two `newsevents ingest` processes on overlapping parts of the first stories
    write to one PostgreSQL database and are killed with SIGKILL, --kills times, each time
    at a random moment within 3 s after that round's first commit; then both run to the end. Against a clean single ingest of the same files:
    articles lost, duplicated, half-written, and whether the de-duplicated events agree.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "store"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_throughput import CORPUS, load_stories  # noqa: E402

from newsevents.store import Filters, open_store  # noqa: E402

# -- (1) ingest -----------------------------------------------------------------------

READER = """
import json, sys, time
from newsevents.store import Filters, StoreError, open_store
url, stop, interval = sys.argv[1], sys.argv[2], float(sys.argv[3])
import os
while not os.path.exists(stop):
    start = time.perf_counter()
    try:
        with open_store(url, read_only=True) as s:
            n = len(list(s.events(Filters(limit=20))))
        print(json.dumps({"s": time.perf_counter() - start, "rows": n}), flush=True)
    except StoreError as err:
        print(json.dumps({"s": time.perf_counter() - start, "error": str(err)}), flush=True)
    time.sleep(interval)
"""


class TimedStore:
    """Adds up the wall time spent in the store's methods."""

    def __init__(self, store):
        self.store, self.seconds = store, 0.0

    def __getattr__(self, name):
        method = getattr(self.store, name)

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        return timed


def ingest_into(url: str, store, articles: list, workers: int, tmp: Path, reader_interval: float) -> dict:
    from newsevents.runner import ingest

    stop = tmp / f"stop-{time.monotonic_ns()}"
    command = [sys.executable, "-c", READER, url, str(stop), str(reader_interval)]
    reader = subprocess.Popen(command if reader_interval > 0 else ["true"], stdout=subprocess.PIPE, text=True)
    timed = TimedStore(store)
    start = time.perf_counter()
    stats = ingest(iter(articles), timed, workers=workers)
    seconds = time.perf_counter() - start
    stop.touch()
    lines = [json.loads(line) for line in reader.communicate()[0].splitlines()]
    waits = sorted(r["s"] for r in lines if "error" not in r)
    errors = [r["error"] for r in lines if "error" in r and "no such database" not in r["error"]]
    store.close()
    return {
        "seconds": round(seconds, 1),
        "articles_per_s": round(stats.stored / seconds, 2),
        "stored": stats.stored,
        "store_seconds": round(timed.seconds, 1),
        "reader_queries": len(waits),
        "reader_p50_s": round(statistics.median(waits), 2) if waits else None,
        "reader_max_s": round(waits[-1], 2) if waits else None,
        "reader_errors": errors[:3],
    }


# -- (2) queries on 1M rows -------------------------------------------------------------

ACTORS = ["RUS", "RUSGOV", "RUSMIL", "UKR", "UKRGOV", "USA", "USAGOV", "CHN", "CHNGOV", "IGOWSTNAT", "IGOEUREEC",
          "FRA", "DEU", "GBR", "TUR", "IRN", "ISR", "PSE", "SYR", "IRQ", "KEN", "NGA", "MLI", "BRA", "IND"]
CODES = ["010", "020", "036", "040", "042", "043", "046", "051", "057", "061", "071", "080", "111", "112", "120",
         "130", "138", "141", "163", "172", "173", "180", "190", "193", "195", "0231", "0311", "1121"]
STATUSES = ["asserted"] * 6 + ["reported", "alleged", "denied", "negated", "intended", "requested"]
OUTLETS = [f"Outlet {i}" for i in range(40)]


def _pick(values: list[str], expression: str, array: str) -> str:
    listed = ", ".join(f"'{v}'" for v in values)
    return f"({array.format(listed)})[({expression}) % {len(values)} + 1]"


def synthetic_sql(rows: int, array: str, series: str) -> list[str]:
    """INSERT ... SELECT statements that fill both databases with the same rows (a function
    of the row number only), `array` and `series` being each dialect's spelling."""
    articles = rows // 10
    day = "DATE '2020-01-01' + CAST(({i} * 7919) % 1826 AS INTEGER)"

    def common(i: str) -> str:
        return (
            f"{_pick(ACTORS, f'{i} * 31', array)}, {_pick(ACTORS, f'{i} * 17 + 5', array)}, "
            f"{_pick(CODES, f'{i} * 13', array)}, {_pick(STATUSES, f'{i} * 7', array)}, "
            f"CAST({day.format(i=i)} AS TEXT), 'day', {day.format(i=i)}"
        )

    # listing_day as the store writes it: the event's own day (`rows.listing_day`).
    cols = "source_code, target_code, cameo_code, status, date_value, date_precision, listing_day"
    return [
        f"INSERT INTO articles (id, published, outlet, title, text) SELECT 'a' || CAST(i AS TEXT), {day.format(i='i')}, "
        f"{_pick(OUTLETS, 'i', array)}, 'Story ' || CAST(i AS TEXT), 'text' FROM {series.format(articles)}",
        f"INSERT INTO mentions (article_id, id, {cols}, cameo_root, block_key, event_id) SELECT "
        f"'a' || CAST(i % {articles} AS TEXT), 'm' || CAST(i AS TEXT), {common('i')}, '01', "
        f"'k' || CAST(i % 50000 AS TEXT), 'e' || CAST(i AS TEXT) FROM {series.format(rows)}",
        f"INSERT INTO events (id, num_mentions, article_id, mention_id, {cols}) SELECT 'e' || CAST(i AS TEXT), 1, "
        f"'a' || CAST(i % {articles} AS TEXT), 'm' || CAST(i AS TEXT), {common('i')} FROM {series.format(rows)}",
    ]


FILTERS = {
    "--actor RUS": Filters(actor="RUS"),
    "--target UKRGOV": Filters(target="UKRGOV"),
    "--code 19": Filters(code="19"),
    "--status denied": Filters(status="denied"),
    "--since/--until one month": Filters(since=date(2023, 3, 1), until=date(2023, 3, 31)),
    "--outlet": Filters(outlet="outlet 7"),
    "--actor USA --code 04": Filters(actor="USA", code="04"),
    "--actor IGOWSTNAT --target RUS --status asserted": Filters(actor="IGOWSTNAT", target="RUS", status="asserted"),
}


def latencies(store, repeats: int) -> dict:
    out = {}
    everything = []
    for name, f in FILTERS.items():
        f = Filters(**{**f.__dict__, "limit": 100})
        times = []
        for kind in ("events", "mentions"):
            for _ in range(repeats):
                start = time.perf_counter()
                list(getattr(store, kind)(f))
                times.append(time.perf_counter() - start)
        times.sort()
        everything += times
        out[name] = {"p50_ms": round(1000 * statistics.median(times), 1),
                     "p95_ms": round(1000 * times[int(0.95 * (len(times) - 1))], 1)}
    everything.sort()
    out["all filters"] = {"p50_ms": round(1000 * statistics.median(everything), 1),
                          "p95_ms": round(1000 * everything[int(0.95 * (len(everything) - 1))], 1)}
    return out


def query_figures(cluster, rows: int, repeats: int, tmp: Path) -> dict:
    import duckdb

    duck_path = str(tmp / "million.duckdb")
    open_store(duck_path).close()
    con = duckdb.connect(duck_path)
    start = time.perf_counter()
    for statement in synthetic_sql(rows, "[{}]", "range(1, {} + 1) AS g(i)"):
        con.execute(statement)
    con.close()
    duck_fill = time.perf_counter() - start
    pg_url = cluster.new_database()
    open_store(pg_url).close()
    import psycopg

    start = time.perf_counter()
    with psycopg.connect(pg_url, autocommit=True) as con:
        for statement in synthetic_sql(rows, "ARRAY[{}]", "generate_series(1::bigint, {}) AS g(i)"):
            con.execute(statement)
        con.execute("VACUUM ANALYZE")
    pg_fill = time.perf_counter() - start
    result = {"rows": rows, "fill_s": {"duckdb": round(duck_fill, 1), "postgresql": round(pg_fill, 1)}}
    for name, url in (("duckdb", duck_path), ("postgresql", pg_url)):
        with open_store(url, read_only=True) as store:
            assert store.count("mentions") == rows and store.count("events") == rows
            result[name] = latencies(store, repeats)
    return result


# -- (3) kill -9 -------------------------------------------------------------------------


def write_jsonl(path: Path, articles: list) -> None:
    with path.open("w") as fh:
        for a in articles:
            fh.write(json.dumps({"text": a.text, "title": a.title, "url": a.url,
                                 "published": a.published.isoformat() if a.published else None}) + "\n")


def per_article(url: str) -> dict[str, tuple]:
    from backends import per_article_counts

    from newsevents.store import StoreError

    try:
        with open_store(url, read_only=True) as s:
            return per_article_counts(s)
    except StoreError:
        return {}  # killed before its tables were committed


def kill_figures(cluster, articles: list, kills: int, tmp: Path, seed: int = 1) -> dict:
    from backends import stored_rows

    half = len(articles) // 2
    files = [tmp / "first.jsonl", tmp / "second.jsonl"]
    write_jsonl(files[0], articles[: half + half // 2])
    write_jsonl(files[1], articles[half // 2 :])

    def command(url: str, path: Path) -> list[str]:
        return [sys.executable, "-m", "newsevents.cli", "ingest", str(path), "--db", url, "--workers", "1"]

    reference = cluster.new_database()
    for path in files:
        # Exit code 1: some stories failed analysis (recorded as failures), the rest stored.
        assert subprocess.run(command(reference, path), capture_output=True).returncode in (0, 1)
    url = cluster.new_database()
    rng = random.Random(seed)
    committed_at_kill = []
    for _ in range(kills):
        writers = [subprocess.Popen(command(url, path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                   for path in files]
        # Wait for this round's first commit, then kill at a random moment after it: mid-run.
        before, deadline = len(per_article(url)), time.monotonic() + 180
        while len(per_article(url)) == before and time.monotonic() < deadline:
            if all(w.poll() is not None for w in writers):
                break
            time.sleep(0.3)
        time.sleep(rng.uniform(0.0, 3.0))
        for w in writers:
            w.send_signal(signal.SIGKILL)
        for w in writers:
            w.wait()
        committed_at_kill.append(len(per_article(url)))
    writers = [subprocess.Popen(command(url, path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
               for path in files]
    codes = [w.wait() for w in writers]
    want, got = per_article(reference), per_article(url)
    with open_store(reference, read_only=True) as a, open_store(url, read_only=True) as b:
        same_events = stored_rows(a)["events"] == stored_rows(b)["events"]
        duplicated = b.con.execute("SELECT count(*) - count(DISTINCT id) FROM articles").fetchone()[0]
    return {
        "stories": len(want),
        "kills": kills,
        "articles_committed_at_each_kill": committed_at_kill,
        "resume_exit_codes": codes,
        "lost": len(set(want) - set(got)),
        "duplicated": duplicated + sum(1 for i in got if i in want and got[i] > want[i]),
        "half_written": sum(1 for i in got if i in want and got[i] != want[i]),
        "not_in_reference": len(set(got) - set(want)),
        "events_identical": same_events,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--reader-interval", type=float, default=1.0,
                        help="seconds between the reader's queries during the ingests (0: no reader)")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=10, help="runs of each query")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--kill-stories", type=int, default=300)
    parser.add_argument("--only", choices=["ingest", "queries", "kills"], default=None)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.corpus.exists() and args.only != "queries":
        print(f"skipped: {args.corpus} not present", file=sys.stderr)
        return 0
    import pg_server

    try:
        cluster = pg_server.Cluster(fsync=True)  # a server as users run it: durable commits
    except pg_server.Unavailable as err:
        print(f"skipped: PostgreSQL cannot run here ({err})", file=sys.stderr)
        return 0
    figures: dict = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            articles = load_stories(args.corpus, max(args.stories, args.kill_stories)) if args.only != "queries" else []
            if args.only in (None, "ingest"):
                from newsevents.store.duckdb_sharing import ReleasingStore

                from newsevents.runner import _warm_up

                _warm_up()  # model and stage data loaded before either run is timed
                stories = articles[: args.stories]
                duck_path = str(tmp / "ingest.duckdb")
                duck = ingest_into(duck_path, ReleasingStore(duck_path), stories, args.workers, tmp, args.reader_interval)
                pg_url = cluster.new_database()
                pg = ingest_into(pg_url, open_store(pg_url), stories, args.workers, tmp, args.reader_interval)
                figures["ingest"] = {"stories": len(stories), "workers": args.workers, "duckdb": duck,
                                     "postgresql": pg, "ratio": round(pg["articles_per_s"] / duck["articles_per_s"], 3)}
            if args.only in (None, "queries"):
                figures["queries"] = query_figures(cluster, args.rows, args.repeats, tmp)
            if args.only in (None, "kills"):
                figures["kill9"] = kill_figures(cluster, articles[: args.kill_stories], args.kills, tmp)
    finally:
        cluster.stop()
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        for part, values in figures.items():
            print(f"== {part}")
            print(json.dumps(values, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
