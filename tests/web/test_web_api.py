"""The HTTP API on a database ingested from the fixture articles in tests/web/articles.

Exact expectations come from reading those articles: two outlets report the same Russian
attack on a Kyiv power station (one event, two mentions), the Kremlin denies targeting
civilians, Kenya signs with Ethiopia, Nigerian police arrest protesters in Lagos.
"""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest

from newsevents.web.db import Database, QueryTimeout


def events(client, **params) -> list[dict]:
    """Every event matching the filters, following the cursors page by page."""
    params = {"limit": 500, **params}
    out: list[dict] = []
    while True:
        response = client.get("/api/events", params=params)
        assert response.status_code == 200, response.text
        body = response.json()
        out += body["items"]
        if not body["next_cursor"]:
            return out
        params["cursor"] = body["next_cursor"]


def find(items, code, source):
    return [e for e in items if e["cameo"]["code"] == code and e["source"] and e["source"]["code"] == source]


@pytest.fixture(scope="module")
def everything(client):
    return events(client)


def test_the_attack_reported_by_two_outlets_is_one_event_with_two_mentions(client, everything):
    (attack,) = [e for e in find(everything, "190", "RUSMIL") if e["target"] and e["target"]["code"] == "UKR"]
    assert attack["day"] == "2025-02-09"  # "on Sunday" before Monday 10 February
    assert (attack["num_mentions"], attack["num_articles"], attack["num_sources"]) == (2, 2, 2)
    detail = client.get(f"/api/events/{attack['id']}").json()
    assert sorted(m["outlet"] for m in detail["mentions"]) == ["Fixture Daily", "Fixture Post"]
    assert {m["trigger"]["text"] for m in detail["mentions"]} == {"attacked"}
    # Fixture Daily has it from Ukrainian officials; its mention carries who says so.
    daily = next(m for m in detail["mentions"] if m["outlet"] == "Fixture Daily")
    assert daily["status"] == "reported" and "officials" in daily["reported_by"]["text"]


def test_every_evidence_span_is_the_text_at_its_offsets(client, everything):
    for event in everything:
        for m in client.get(f"/api/events/{event['id']}").json()["mentions"]:
            text = client.get(f"/api/articles/{m['article_id']}").json()["text"]
            for span in (m["sentence"], m["trigger"], m["source"], m["target"], m["date_span"]):
                if span and span["start"] is not None:
                    assert text[span["start"]:span["end"]] == span["text"]


def test_article_spans_match_the_article_text(client):
    listing = client.get("/api/articles").json()["items"]
    assert len(listing) == 4
    for summary in listing:
        article = client.get(f"/api/articles/{summary['id']}").json()
        text = article["text"]
        assert len(article["event_spans"]) == summary["events"]
        for e in article["event_spans"]:
            assert text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]
            assert e["sentence"]["start"] <= e["trigger"]["start"] < e["sentence"]["end"]
        for a in article["actors"]:
            assert text[a["start"]:a["end"]] == a["text"]
        for q in article["quotes"]:
            assert text[q["content"]["start"]:q["content"]["end"]] == q["content"]["text"]
        for p in article["places"]:
            if p["span"]:
                assert text[p["span"]["start"]:p["span"]["end"]] == p["span"]["text"]


def test_the_denial_is_kept_as_denied_not_as_an_attack(client):
    (denied,) = events(client, status="denied")
    assert denied["cameo"]["code"] == "190" and denied["source"]["code"] == "RUSMIL"
    assert denied["sentence"].startswith("The Kremlin denied")


def test_filters_select_exactly_the_events_they_describe(client, everything):
    def codes(**params):
        return sorted(e["cameo"]["code"] + ":" + (e["source"] or {}).get("code", "") for e in events(client, **params))

    assert codes(actor="RUS") == ["016:RUSGOV", "190:RUSMIL", "190:RUSMIL"]
    assert codes(source="KEN") == ["0311:KEN", "051:KENGOV"]
    assert codes(target="ETH") == ["0311:KEN", "051:KENGOV"]
    assert codes(q="POWER STATION") == ["190:RUSMIL"]  # case-insensitive words of the sentence
    assert codes(since="2025-03-01", until="2025-03-10") == ["0311:ETH", "0311:KEN", "051:KENGOV"]
    assert [e["day"] for e in events(client, since="2025-03-20")] == ["2025-03-20"] * 3
    assert codes(country="NGA") == codes(place="lagos")
    # The outlet filter finds an event through any of its mentions, not only the shown one.
    assert "190:RUSMIL" in codes(outlet="fixture post") and "190:RUSMIL" in codes(outlet="Fixture Daily")


def test_filters_agree_with_filtering_the_full_list(client, everything):
    """The SQL of each filter against the same filter written out in Python."""
    cases = {
        "actor=NGA": ({"actor": "NGA"}, lambda e: any((e[s] or {}).get("code", "").startswith("NGA")
                                                        for s in ("source", "target") if e[s] and e[s]["code"])),
        "quad=4": ({"quad": 4}, lambda e: e["cameo"]["quad_class"] == 4),
        "code=1": ({"code": "1"}, lambda e: e["cameo"]["code"].startswith("1")),
        "root=19": ({"root": "19"}, lambda e: e["cameo"]["root"] == "19"),
        "until": ({"until": "2025-02-28"}, lambda e: e["day"] <= "2025-02-28"),
        "plover": ({"plover_type": "assault"}, lambda e: e["plover"] and e["plover"]["type"] == "ASSAULT"),
    }
    for name, (params, keep) in cases.items():
        got = sorted(e["id"] for e in events(client, **params))
        want = sorted(e["id"] for e in everything if keep(e))
        assert got == want, name
        assert want, f"{name} selects nothing in the fixture: the comparison would prove nothing"


@pytest.mark.parametrize("sort", ["-date", "date", "goldstein", "-goldstein"])
def test_cursor_pages_visit_every_event_once_in_order(client, everything, sort):
    seen: list[dict] = []
    params = {"limit": 3, "sort": sort}
    while True:
        body = client.get("/api/events", params=params).json()
        assert len(body["items"]) <= 3
        seen += body["items"]
        if not body["next_cursor"]:
            break
        params["cursor"] = body["next_cursor"]
    assert sorted(e["id"] for e in seen) == sorted(e["id"] for e in everything)
    key = (lambda e: (e["day"], e["id"])) if sort.endswith("date") else (lambda e: (e["cameo"]["goldstein"], e["id"]))
    assert [key(e) for e in seen] == sorted(map(key, seen), reverse=sort.startswith("-"))


def test_timeline_counts_each_event_once_per_period_and_quad(client, everything):
    body = client.get("/api/timeline", params={"interval": "month", "by": "quad"}).json()
    counts = {(b["period"], b["key"]): b["count"] for b in body["buckets"]}
    want: dict = {}
    for e in everything:
        key = (e["day"][:8] + "01", str(e["cameo"]["quad_class"]))
        want[key] = want.get(key, 0) + 1
    assert counts == want
    assert sum(counts.values()) == len(everything)
    # The Russian strikes of the night of 9 to 10 February 2025 (a Sunday to a Monday, two
    # ISO weeks, reported on the 10th) are filed under their own day, where the night began.
    weekly = client.get("/api/timeline", params={"interval": "week", "actor": "RUS"}).json()["buckets"]
    assert {b["period"] for b in weekly} == {"2025-02-03"} and sum(b["count"] for b in weekly) == 3
    daily = client.get("/api/timeline", params={"interval": "day", "actor": "RUS"}).json()["buckets"]
    assert {b["period"] for b in daily} == {"2025-02-09"}


def test_actors_dyads_and_places_count_events(client, everything):
    actors = {a["code"]: a for a in client.get("/api/actors").json()}
    assert actors["RUSMIL"]["as_source"] == 2  # the attack, and the one the Kremlin denies
    for code, counted in actors.items():
        assert counted["as_target"] == sum(1 for e in everything if e["target"] and e["target"]["code"] == code)
        assert counted["total"] == counted["as_source"] + counted["as_target"]
    assert actors["ETH"]["as_target"] == 2
    dyads = {(d["source"], d["target"]): d for d in client.get("/api/dyads").json()}
    assert dyads[("RUSMIL", "UKR")]["count"] == 1 and dyads[("RUSMIL", "UKR")]["quad"]["4"] == 1
    assert dyads[("RUSMIL", "UKR")]["goldstein_mean"] == -10.0
    places = client.get("/api/places").json()
    assert sum(p["count"] for p in places) == sum(1 for e in everything if e["location"])
    lagos = next(p for p in places if p["name"] == "Lagos")
    assert lagos["country"] == "NGA" and abs(lagos["lat"] - 6.45) < 0.2


def test_export_streams_the_formats_of_the_export_command(client, everything):
    import io

    import pyarrow.parquet as pq

    lines = client.get("/api/export", params={"format": "jsonl"}).text.splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == sorted(e["id"] for e in everything)
    gdelt = client.get("/api/export", params={"format": "gdelt"})
    assert gdelt.headers["content-type"].startswith("text/tab-separated-values")
    rows = gdelt.text.splitlines()
    assert len(rows) == len(everything) and all(len(r.split("\t")) == 61 for r in rows)
    table = pq.read_table(io.BytesIO(client.get("/api/export", params={"format": "parquet"}).content))
    assert table.num_rows == len(everything)
    denied = client.get("/api/export", params={"format": "csv", "status": "denied"}).text.splitlines()
    assert len(denied) == 2 and denied[0].startswith("id,") and "The Kremlin denied" in denied[1]
    plover = [json.loads(line) for line in client.get("/api/export", params={"format": "plover", "code": "19"}).text.splitlines()]
    assert [p["event"] for p in plover] == [["ASSAULT"], ["ASSAULT"]]
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422


@pytest.mark.parametrize("url, status, words", [
    ("/api/events/0000000000000000", 404, "no event"),
    ("/api/articles/0000000000000000", 404, "no article"),
    ("/api/events?quad=5", 422, "quad"),
    ("/api/events?limit=501", 422, "limit"),
    ("/api/events?status=rumoured", 422, "status"),
    ("/api/events?since=yesterday", 422, "since"),
    ("/api/events?cursor=bm90IGEgY3Vyc29y", 422, "cursor"),
    ("/api/events?actor=RUS';DROP TABLE events;--", 422, "actor"),
    ("/api/events/..%2F..%2Fetc%2Fpasswd", 404, ""),
])
def test_bad_requests_get_a_json_message_not_a_trace(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and words in body["error"] and "Traceback" not in body["error"]


def test_text_search_is_a_bound_parameter(client, everything):
    assert events(client, q="'; DROP TABLE events; --") == []
    assert len(events(client)) == len(everything)


def test_the_database_is_opened_read_only(web_db):
    db = Database(web_db)
    try:
        with pytest.raises(duckdb.Error, match="read-only"):
            db.rows("CREATE TABLE intruder (i INTEGER)")
    finally:
        db.close()


def test_a_query_past_the_time_limit_is_interrupted(web_db):
    db = Database(web_db, timeout=0.2)
    try:
        with pytest.raises(QueryTimeout):
            db.rows("SELECT count(*) FROM range(1000000000) a, range(1000) b WHERE a.range + b.range = -1")
        assert db.rows("SELECT 1 AS one") == [{"one": 1}]  # the cursor is usable afterwards
    finally:
        db.close()


def test_docs_and_page_load_nothing_from_the_network(client):
    from newsevents.web.app import STATIC

    docs = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in docs and "http" not in docs.replace("http-equiv", "")
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    for name in ("index.html", "app.js", "style.css"):
        text = (STATIC / name).read_text().replace("http://www.w3.org/2000/svg", "")  # a namespace, not a fetch
        assert "http:" not in text and "https:" not in text, name
    world = client.get("/static/world-110m.json").json()
    assert len(world["countries"]) > 170 and any(c["name"] == "Ukraine" for c in world["countries"])


def test_serve_refuses_a_missing_database_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from newsevents.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "none.duckdb: no such database" in result.output and "Traceback" not in result.output


def test_undated_events_come_last_and_cursors_pass_through_them(web_db, tmp_path):
    """Events with no day at all (no date found, no publication date) still page correctly."""
    import shutil

    from fastapi.testclient import TestClient

    from newsevents.web.app import create_app

    path = tmp_path / "undated.duckdb"
    shutil.copy(web_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE events SET listing_day = NULL WHERE cameo_root IN ('01', '05', '17')")
        undated = {r[0] for r in con.execute("SELECT id FROM events WHERE listing_day IS NULL").fetchall()}
        total = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert undated and len(undated) < total
    db = Database(path)
    try:
        client = TestClient(create_app(db))
        for sort in ("-date", "date"):
            walked = events(client, sort=sort, limit=2)
            assert len(walked) == total and len({e["id"] for e in walked}) == total
            assert {e["id"] for e in walked[-len(undated):]} == undated
            assert all(e["day"] is None for e in walked[-len(undated):])
    finally:
        db.close()


def test_aggregates_are_cached_only_when_asked(web_db, client, web_app):
    from fastapi.testclient import TestClient

    from newsevents.web.app import create_app

    first = client.get("/api/timeline", params={"interval": "week", "by": "plover"})
    assert first.status_code == 200
    key = ("/api/timeline", (("by", "plover"), ("interval", "week")))
    assert web_app.state.cache[key] == first.content
    assert client.get("/api/timeline", params={"by": "plover", "interval": "week"}).content == first.content
    db = Database(web_db)
    try:
        uncached = create_app(db, cache_seconds=0)
        assert uncached.state.cache is None
        assert TestClient(uncached).get("/api/timeline", params={"interval": "week", "by": "plover"}).json() == first.json()
    finally:
        db.close()


def test_an_ingest_can_write_while_the_server_runs(web_db, tmp_path):
    """The server holds the file only during (bursts of) requests: a writer, waiting as an
    ingest does, gets in between them, and the next request sees what it wrote."""
    import shutil
    import subprocess
    import sys

    from fastapi.testclient import TestClient

    from newsevents.web.app import create_app

    path = tmp_path / "live.duckdb"
    shutil.copy(web_db, path)
    db = Database(path)
    client = TestClient(create_app(db, cache_seconds=0))
    before = client.get("/api/timeline").json()["buckets"]
    writer = subprocess.run(
        [sys.executable, "-c", "from newsevents.store.duckdb_sharing import connect; "
         "c = connect(%r, read_only=False, config={}); "
         "c.execute(\"INSERT INTO events SELECT * REPLACE ('added' AS id, DATE '2025-04-01' AS listing_day) "
         "FROM events LIMIT 1\"); c.close()" % str(path)],
        capture_output=True, text=True, timeout=60,
    )
    assert writer.returncode == 0, writer.stderr
    after = client.get("/api/timeline").json()["buckets"]
    assert sum(b["count"] for b in after) == sum(b["count"] for b in before) + 1
    assert any(b["period"] == "2025-04-01" for b in after)


def test_a_writer_that_keeps_the_file_is_named_after_the_wait(tmp_path):
    import subprocess
    import sys

    from newsevents.web.db import DatabaseError

    path = tmp_path / "busy.duckdb"
    duckdb.connect(str(path)).close()
    writer = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); "
                               "print('open', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        with pytest.raises(DatabaseError, match=f"process {writer.pid} .*has held the file"):
            Database(path, wait=0.5)
    finally:
        writer.kill()
        writer.wait()
