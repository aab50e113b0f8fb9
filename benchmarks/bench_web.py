"""Load benchmark of the web API on a synthetic database of 1M events, in one run.

    python benchmarks/bench_web.py                   # 1M events, 50 clients
    python benchmarks/bench_web.py --events 100000 --clients 20 --requests 1000 --json

Builds (once, cached under build/) a DuckDB file in the store's own schema: N events,
one mention each, five mentions per article, actors, CAMEO codes, days and places drawn
deterministically from small pools, stored in day order as a chronological ingest of a
news feed leaves them (the store appends). Then starts `newsevents serve` on 127.0.0.1 in a
child process and drives it from an asyncio httpx loop: C concurrent clients, bounded by a
request count and a time limit per endpoint. Each request varies its filter (another
actor, another year), so what is measured is the database, not a cache. Reports p50/p99
latency of /api/events with a filter and of /api/timeline, and the page's load time in
headless Chromium (from navigation to every panel drawn), when Chromium is installed.
Aggregates are cached by the server for --cache-seconds (default as `serve`: 60); with
--cache-seconds 0 every timeline request runs its query.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx

from newsevents.store.schema import SCHEMA_VERSION, create_statements

ROOT = Path(__file__).resolve().parents[1]
ACTORS = [
    "RUS", "RUSGOV", "RUSMIL", "UKR", "UKRGOV", "UKRMIL", "USA", "USAGOV", "USAMIL", "CHN", "CHNGOV", "GBR", "GBRGOV",
    "FRA", "DEU", "DEUGOV", "TUR", "IRN", "IRNGOV", "ISR", "ISRMIL", "PSE", "SYR", "SYRGOV", "IRQ", "AFG", "PAK",
    "IND", "KEN", "KENGOV", "ETH", "NGA", "NGACOP", "MLI", "MLIGOV", "IGOUNO", "IGOEUREEC", "NGOHRIAMN", "BRA", "MEX",
]
FILTER_ACTORS = ["RUS", "UKR", "USA", "CHN", "KEN", "NGA", "IGO", "IRN", "ISR", "MLI"]
PLACES = [
    ("Kyiv", "UKR", 50.45, 30.52), ("Moscow", "RUS", 55.75, 37.62), ("Washington", "USA", 38.9, -77.04),
    ("Beijing", "CHN", 39.9, 116.4), ("Nairobi", "KEN", -1.28, 36.82), ("Lagos", "NGA", 6.45, 3.4),
    ("Bamako", "MLI", 12.61, -7.98), ("Tehran", "IRN", 35.69, 51.39), ("Gaza", "PSE", 31.5, 34.47),
    ("Geneva", "CHE", 46.2, 6.15), ("Brussels", "BEL", 50.85, 4.35), ("Kabul", "AFG", 34.53, 69.17),
]


def _sql_list(values) -> str:
    return "[" + ", ".join("'" + str(v).replace("'", "''") + "'" for v in values) + "]"


def build(path: Path, n: int) -> None:
    codebook = json.loads((ROOT / "src/newsevents/data/coding/cameo_codebook.json").read_text())
    codes = sorted(c for c in codebook if len(c) == 3)[:60]
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    for statement in create_statements():
        con.execute(statement)
    pick = "list_extract({values}, CAST((hash(i, {salt}) % {n}) AS INTEGER) + 1)"
    actor = lambda salt: pick.format(values=_sql_list(ACTORS), salt=salt, n=len(ACTORS))  # noqa: E731
    code = pick.format(values=_sql_list(codes), salt=3, n=len(codes))
    place_idx = f"CAST(hash(i, 4) % {len(PLACES) + 1} AS INTEGER)"  # one slot in 13: no place
    con.execute(f"""
        CREATE TEMP TABLE base AS SELECT i, 'e' || i AS id, 'a' || (i // 5) AS article_id,
            {actor(1)} AS source_code, {actor(2)} AS target_code, {code} AS cameo_code,
            DATE '2015-01-01' + CAST(hash(i, 5) % 3650 AS INTEGER) AS day, {place_idx} AS place
        FROM range({n}) t(i) ORDER BY day, i""")
    names = _sql_list(codebook[c]["name"] for c in codes)
    gold = "[" + ", ".join(str(codebook[c]["goldstein"]) for c in codes) + "]"
    quad = "[" + ", ".join(str(codebook[c]["quad_class"]) for c in codes) + "]"
    at = f"list_position({_sql_list(codes)}, cameo_code)"
    place = lambda k: f"CASE WHEN place = 0 THEN NULL ELSE list_extract([{', '.join(repr(p[k]) for p in PLACES)}], place) END"  # noqa: E731
    common = f"""
        article_id, source_code, source_code AS source_text, target_code, target_code AS target_text,
        cameo_code, substr(cameo_code, 1, 2) AS cameo_root, list_extract({names}, {at}) AS cameo_name,
        list_extract({quad}, {at}) AS cameo_quad_class, list_extract({gold}, {at}) AS cameo_goldstein,
        'asserted' AS status, source_code || ' acted on ' || target_code || ' in a synthetic sentence ' || i AS sentence_text,
        0 AS sentence_start, 40 AS sentence_end, 'acted' AS trigger_text, 4 AS trigger_start, 9 AS trigger_end,
        strftime(day, '%Y-%m-%d') AS date_value, 'day' AS date_precision, day, day AS listing_day,
        {place(0)} AS location_name, {place(1)} AS location_country, {place(2)} AS location_lat, {place(3)} AS location_lon,
        0.5 AS confidence"""
    con.execute(f"""INSERT INTO events BY NAME SELECT id, 1 AS num_mentions, 1 AS num_sources, 1 AS num_articles,
        day AS first_seen, day AS last_seen, 'm' || i AS first_mention_id, 'm' || i AS mention_id, {common} FROM base""")
    con.execute(f"""INSERT INTO mentions BY NAME SELECT 'm' || i AS id, id AS event_id, 'first mention' AS join_reason,
        {common} FROM base""")
    con.execute(f"""INSERT INTO articles BY NAME SELECT DISTINCT article_id AS id, 'Synthetic article ' || article_id AS title,
        'Outlet ' || (hash(article_id) % 20) AS outlet, min(day) OVER (PARTITION BY article_id) AS published,
        'Synthetic text of ' || article_id || '.' AS text FROM base""")
    con.close()
    tmp.rename(path)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def load(base: str, make_url, clients: int, requests: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    counter = iter(range(requests))
    rng = random.Random(7)

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal errors
        while time.perf_counter() < deadline and next(counter, None) is not None:
            url = make_url(rng)
            t0 = time.perf_counter()
            try:
                response = await http.get(base + url)
                ok = response.status_code == 200
            except httpx.TransportError:
                ok = False
            latencies.append(time.perf_counter() - t0)
            errors += not ok

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits) as http:
        await http.get(base + make_url(rng))  # warm up: first query plans, page cache
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"requests": len(latencies), "errors": errors, "seconds": round(elapsed, 1),
            "p50_ms": round(q[49] * 1000, 1), "p99_ms": round(q[98] * 1000, 1),
            "max_ms": round(latencies[-1] * 1000, 1), "per_s": round(len(latencies) / elapsed, 1)}


def page_load(base: str) -> float | None:
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver:
        return None
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(arg)
    browser = webdriver.Chrome(options=options, service=Service(driver))
    try:
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            browser.get(base + "/")
            WebDriverWait(browser, 120).until(lambda b: b.execute_script("return document.body.dataset.loaded") == "true")
            times.append(time.perf_counter() - t0)
        return round(statistics.median(times) * 1000)
    finally:
        browser.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000, help="per endpoint")
    parser.add_argument("--seconds", type=float, default=120, help="time limit per endpoint")
    parser.add_argument("--cache-seconds", type=float, default=60, help="passed to serve; 0 measures every query")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    # Named by schema version: a file cached by an older layout is built anew.
    path = ROOT / "build" / f"bench_web_{args.events}_v{SCHEMA_VERSION}.duckdb"
    path.parent.mkdir(exist_ok=True)
    if not path.exists():
        t0 = time.perf_counter()
        build(path, args.events)
        print(f"built {path} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "newsevents"), "serve", "--db", str(path), "--port", str(port),
         "--cache-seconds", str(args.cache_seconds)],
        stderr=open(path.with_suffix(".serve.log"), "w"),
    )
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/openapi.json", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        years = list(range(2015, 2025))
        results = {
            "events": args.events, "clients": args.clients, "cores": os.cpu_count(),
            "cache_seconds": args.cache_seconds, "load_average_before": round(os.getloadavg()[0], 1),
            "/api/events?actor=X&since=Y": asyncio.run(load(
                base, lambda r: f"/api/events?actor={r.choice(FILTER_ACTORS)}&since={r.choice(years)}-01-01&limit=50",
                args.clients, args.requests, args.seconds)),
            "/api/timeline?actor=X": asyncio.run(load(
                base, lambda r: f"/api/timeline?interval=month&actor={r.choice(FILTER_ACTORS)}",
                args.clients, args.requests, args.seconds)),
            "/api/timeline": asyncio.run(load(base, lambda r: "/api/timeline?interval=month", args.clients,
                                              args.requests, args.seconds)),
            "page_load_ms": page_load(base),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for key, value in results.items():
            print(f"{key:32} {value}")


if __name__ == "__main__":
    main()
