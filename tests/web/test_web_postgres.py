"""The same API over PostgreSQL: the fixture articles ingested into a throwaway cluster
(tests/store/pg_server.py) give exactly the answers they give from DuckDB."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
import pg_server  # noqa: E402

ARTICLES = Path(__file__).resolve().parent / "articles"


@pytest.fixture(scope="module")
def pg_client():
    from fastapi.testclient import TestClient

    from newsevents.cli import app
    from newsevents.web.app import create_app
    from newsevents.web.db import PgDatabase

    try:
        cluster = pg_server.shared_cluster()
    except pg_server.Unavailable as err:
        pytest.skip(f"PostgreSQL cannot run here: {err}")
    url = cluster.new_database()
    result = CliRunner().invoke(app, ["ingest", str(ARTICLES), "--db", url, "--workers", "1"])
    assert result.exit_code == 0, result.output
    return TestClient(create_app(PgDatabase(url), cache_seconds=0))


def test_postgres_answers_exactly_as_duckdb(client, pg_client):
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    articles = client.get("/api/articles").json()["items"]
    urls = [
        "/api/events?limit=500", "/api/events?actor=RUS", "/api/events?q=power%20station&sort=date",
        "/api/events?quad=4&sort=goldstein", "/api/events?outlet=fixture%20post", "/api/events?since=2025-03-01",
        "/api/events?limit=3", "/api/timeline", "/api/timeline?interval=week&by=plover", "/api/timeline?interval=day",
        "/api/actors", "/api/dyads", "/api/places", "/api/articles", "/api/events?status=denied",
        *(f"/api/events/{e['id']}" for e in events), *(f"/api/articles/{a['id']}" for a in articles),
    ]
    for url in urls:
        want, got = client.get(url), pg_client.get(url)
        assert got.status_code == want.status_code == 200, url
        assert got.json() == want.json(), url
    # The cursor of one store's page continues the same walk on the other's.
    first = client.get("/api/events", params={"limit": 4}).json()
    rest = pg_client.get("/api/events", params={"limit": 500, "cursor": first["next_cursor"]}).json()["items"]
    assert [e["id"] for e in first["items"] + rest] == [e["id"] for e in events]


def test_postgres_refuses_to_write_and_limits_query_time(pg_client):
    import psycopg

    from newsevents.web.db import QueryTimeout

    db = pg_client.app.state.db
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        db.rows("CREATE TABLE intruder (i integer)")
    db.timeout, saved = 0.2, db.timeout
    try:
        with pytest.raises(QueryTimeout):
            db.rows("SELECT pg_sleep(2)")
    finally:
        db.timeout = saved
