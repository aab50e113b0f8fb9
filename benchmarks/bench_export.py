"""Export throughput (events/s) and peak memory per format, at two store sizes, in one run.

    python benchmarks/bench_export.py                        # 100,000 and 1,000,000 events
    python benchmarks/bench_export.py --sizes 20000 200000   # quicker
    python benchmarks/bench_export.py --json

Synthetic stores are made by inserting rows straight into the store's tables (no parsing):
each event has one to three mentions (1.33 on average), spread over articles of ~600
characters that hold four mentions each, with actor codes, places, dates and statuses
drawn from small realistic lists. Every (size, format) export runs in a fresh child
process that reports its own peak RSS (VmHWM), so the figures are the export's whole
footprint: Python, DuckDB and the tone/context functions. Memory is flat
when the large store's peak is about the small one's (ratio near 1 while events grow 10x).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ("gdelt", "gdelt-mentions", "plover", "parquet", "csv", "jsonl")

SENTENCES = [
    "Police in the capital arrested dozens of protesters on Monday after a march against fuel prices turned violent.",
    "The foreign ministers met in Geneva to discuss the border dispute and agreed to hold further talks next month.",
    "The United Nations urged both sides to show restraint and offered to send observers to the region.",
    "Rebels attacked an army convoy near the northern border, killing three soldiers, the military said.",
    "The government accused the opposition of planning a coup, a charge the opposition leader denied.",
    "Officials said the new trade agreement would cut tariffs on farm goods and help exporters.",
    "Aid agencies warned of a cholera outbreak in the camps, where thousands of refugees live in tents.",
    "The president thanked the donors for their generous support and promised reforms.",
]
ACTORS = ["USAGOV", "RUSMIL", "KENCOP", "IGOUNO", "CHNGOV", "UKRMIL", "FRA", "NGOHRI", "IRNMOSSHI", "GBRLEG", None]
CODES = [("040", "04", 1, 1.0, "CONSULT"), ("112", "11", 3, -2.0, "ACCUSE"), ("173", "17", 4, -5.0, "COERCE"),
         ("190", "19", 4, -10.0, "ASSAULT"), ("0311", "03", 1, 5.2, "AGREE"), ("010", "01", 1, 0.0, None)]
PLACES = [("Nairobi", "KEN", "KE.05", -1.2833, 36.8167, 184745, "city"),
          ("Geneva", "CHE", "CH.GE", 46.2022, 6.1457, 2660646, "city"),
          ("Ukraine", "UKR", None, 49.0, 32.0, 690791, "country"),
          (None, None, None, None, None, None, None)]
STATUSES = ["asserted", "reported", "alleged", "denied", "intended"]


def _sql_list(values) -> str:
    def lit(v):
        if v is None:
            return "NULL"
        if isinstance(v, str):
            return "'" + v.replace("'", "''") + "'"
        return repr(v)

    return "[" + ", ".join(lit(v) for v in values) + "]"


def build(path: Path, events: int) -> dict:
    """A store with `events` de-duplicated events, inserted directly (DuckDB range())."""
    import duckdb

    from newsevents.store import open_store

    with open_store(str(path)):
        pass  # creates the tables in the current schema
    con = duckdb.connect(str(path))
    per_article = 4
    mentions_n = con.execute(f"SELECT sum(1 + (i % 3 = 0)::INT) FROM range({events}) t(i)").fetchone()[0]
    articles = (mentions_n + per_article - 1) // per_article
    con.execute(f"""
        INSERT INTO articles BY NAME
        SELECT 'a' || lpad(i::VARCHAR, 9, '0') AS id,
               'https://www.outlet' || (i % 50) || '.example/story/' || i AS url,
               'Story ' || i AS title, 'Outlet ' || (i % 50) AS outlet,
               DATE '2024-01-01' + (i % 365)::INT AS published, 'bench' AS source,
               array_to_string([{_sql_list(SENTENCES)}[1 + (i + k) % {len(SENTENCES)}] FOR k IN range(5)], chr(10) || chr(10))
                 || ' Story number ' || i || '.' AS text,
               TIMESTAMP '2024-06-01 12:00:00' AS ingested_at
        FROM range({articles}) t(i)
    """)
    # Mention j of event i; events are numbered so each article gets four mentions.
    con.execute(f"""
        CREATE TEMP TABLE m AS
        SELECT i, j, row_number() OVER (ORDER BY i, j) - 1 AS k
        FROM range({events}) t(i), range(3) s(j) WHERE j < 1 + (i % 3 = 0)::INT
    """)
    sentence_len = len(SENTENCES[0]) + 2
    con.execute(f"""
        INSERT INTO mentions BY NAME
        SELECT 'a' || lpad((k // {per_article})::VARCHAR, 9, '0') AS article_id,
               substr(md5('m' || i || '-' || j), 1, 16) AS id,
               substr(md5('e' || i), 1, 16) AS event_id,
               {_sql_list(ACTORS)}[1 + i % {len(ACTORS)}] AS source_code, 'Source ' || (i % 97) AS source_text,
               (k % {per_article}) * {sentence_len} AS source_start, (k % {per_article}) * {sentence_len} + 6 AS source_end,
               {_sql_list(ACTORS)}[1 + (i * 7) % {len(ACTORS)}] AS target_code, 'Target' AS target_text,
               (k % {per_article}) * {sentence_len} + 30 AS target_start, (k % {per_article}) * {sentence_len} + 36 AS target_end,
               {_sql_list([c[0] for c in CODES])}[1 + i % {len(CODES)}] AS cameo_code,
               (k % {per_article}) * {sentence_len} AS sentence_start,
               (k % {per_article}) * {sentence_len} + 100 AS sentence_end,
               (k % {per_article}) * {sentence_len} + 12 AS trigger_start, 'arrested' AS trigger_text,
               {_sql_list(STATUSES)}[1 + i % {len(STATUSES)}] AS status,
               CASE WHEN i % 5 = 0 THEN 'coreference' ELSE 'dictionary' END AS source_resolved_from,
               0.5 + (i % 5) / 10.0 AS confidence,
               DATE '2024-01-01' + (i % 365)::INT AS day
        FROM m
    """)
    codes = {c[0]: c for c in CODES}
    case = lambda n: "CASE e.cameo_code " + " ".join(  # noqa: E731
        f"WHEN '{k}' THEN {_sql_list([v[n]])}[1]" for k, v in codes.items()) + " END"
    con.execute(f"""
        INSERT INTO events BY NAME
        SELECT e.event_id AS id, count(*) AS num_mentions, count(DISTINCT a.outlet) AS num_sources,
               count(DISTINCT e.article_id) AS num_articles, min(a.published) AS first_seen, max(a.published) AS last_seen,
               min(e.id) AS first_mention_id, min(e.id) AS mention_id, min(e.article_id) AS article_id,
               any_value(e.source_code) AS source_code, any_value(e.source_text) AS source_text,
               any_value(e.source_start) AS source_start, any_value(e.source_end) AS source_end,
               any_value(substr(e.source_code, 1, 3)) AS source_country,
               any_value(e.target_code) AS target_code, any_value(e.target_text) AS target_text,
               any_value(e.cameo_code) AS cameo_code,
               any_value({case(1)}) AS cameo_root, any_value({case(2)}) AS cameo_quad_class,
               any_value({case(3)}) AS cameo_goldstein, any_value({case(4)}) AS plover_type,
               any_value(substr(a.text, e.sentence_start + 1, 100)) AS sentence_text,
               any_value(e.sentence_start) AS sentence_start, any_value(e.sentence_end) AS sentence_end,
               any_value(e.trigger_text) AS trigger_text, any_value(e.trigger_start) AS trigger_start,
               any_value(e.status) AS status, any_value(e.day) AS day, any_value(e.confidence) AS confidence
        FROM mentions e JOIN articles a ON a.id = e.article_id
        GROUP BY e.event_id
    """)
    con.execute(f"""
        UPDATE events SET
            location_name = {_sql_list([p[0] for p in PLACES])}[1 + (hash(id) % {len(PLACES)})::BIGINT],
            location_country = {_sql_list([p[1] for p in PLACES])}[1 + (hash(id) % {len(PLACES)})::BIGINT],
            location_admin1 = {_sql_list([p[2] for p in PLACES])}[1 + (hash(id) % {len(PLACES)})::BIGINT],
            location_lat = {_sql_list([p[3] for p in PLACES])}[1 + (hash(id) % {len(PLACES)})::BIGINT],
            location_lon = {_sql_list([p[4] for p in PLACES])}[1 + (hash(id) % {len(PLACES)})::BIGINT],
            location_geonames_id = {_sql_list([p[5] for p in PLACES])}[1 + (hash(id) % {len(PLACES)})::BIGINT],
            location_feature = {_sql_list([p[6] for p in PLACES])}[1 + (hash(id) % {len(PLACES)})::BIGINT]
    """)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("events", "mentions", "articles")}
    con.close()
    return counts


def child(db: str, fmt: str, out: str) -> None:
    from newsevents.export.run import export

    t = time.perf_counter()
    n = export(db, fmt, out, table="events")
    seconds = time.perf_counter() - t
    # VmHWM is this process's own peak RSS since exec; getrusage/wait4's ru_maxrss would
    # also count the pages the parent had when it forked this child.
    status = Path("/proc/self/status").read_text()
    hwm_kib = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
    print(json.dumps({"rows": n, "seconds": seconds, "peak_rss_mib": hwm_kib / 1024}))


def measure(db: Path, fmt: str, out: Path) -> dict:
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(db), fmt, str(out)], stdout=subprocess.PIPE)
    stdout, _ = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"export {fmt} failed")
    result = json.loads(stdout)
    result["bytes"] = out.stat().st_size
    out.unlink()
    return result


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[100_000, 1_000_000], metavar=("SMALL", "LARGE"))
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            db = Path(tmp) / f"bench-{size}.duckdb"
            t = time.perf_counter()
            counts = build(db, size)
            print(f"store of {counts} built in {time.perf_counter() - t:.0f} s", file=sys.stderr)
            report[size] = {"store": counts}
            for fmt in args.formats:
                r = measure(db, fmt, Path(tmp) / f"out-{size}.{fmt}")
                r["events_per_s"] = counts["events"] / r["seconds"]
                report[size][fmt] = r
                print(f"{size:>9} events  {fmt:<15} {r['rows']:>9} rows  {r['seconds']:7.1f} s  "
                      f"{r['events_per_s']:9.0f} events/s  peak RSS {r['peak_rss_mib']:6.0f} MiB", file=sys.stderr)
            db.unlink()
    small, large = args.sizes
    print(f"\n{'format':<15} {'events/s ' + str(small):>16} {'events/s ' + str(large):>18} "
          f"{'RSS MiB ' + str(small):>16} {'RSS MiB ' + str(large):>18} {'RSS ratio':>10}")
    for fmt in args.formats:
        a, b = report[small][fmt], report[large][fmt]
        print(f"{fmt:<15} {a['events_per_s']:16.0f} {b['events_per_s']:18.0f} {a['peak_rss_mib']:16.0f} "
              f"{b['peak_rss_mib']:18.0f} {b['peak_rss_mib'] / a['peak_rss_mib']:10.2f}")
    if args.json:
        print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
