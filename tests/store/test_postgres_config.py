"""A misconfigured PostgreSQL store says what is wrong in one line (never the password), and
every command reaches the server through --db or NEWSEVENTS_DB."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from backends import fixtures, pg_cluster, pg_url, query  # noqa: F401
from typer.testing import CliRunner

from newsevents.cli import app
from newsevents.store import StoreError, open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def refused(url: str, read_only: bool = False) -> str:
    with pytest.raises(StoreError) as caught:
        open_store(url, read_only=read_only)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_wrong_password(pg_cluster):
    message = refused(pg_cluster.url(password="not-the-password"))
    assert "password authentication failed" in message and "not-the-password" not in message
    assert message.startswith(f"postgresql://postgres:***@127.0.0.1:{pg_cluster.port}/postgres: cannot connect")


def test_unreachable_server(pg_cluster):
    url = pg_cluster.url().replace(f":{pg_cluster.port}/", ":1/")
    message = refused(url)
    assert "cannot connect" in message and "refused" in message.lower() and pg_cluster.password not in message


def test_missing_database(pg_cluster):
    message = refused(pg_cluster.url("no_such_db"))
    assert 'database "no_such_db" does not exist' in message


def test_a_database_of_another_application_is_left_alone(pg_url):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("CREATE TABLE events (id serial PRIMARY KEY, title text, starts timestamp)")
        con.execute("INSERT INTO events (title) VALUES ('board meeting')")
    for read_only in (False, True):
        assert "not a newsevents database (it holds other tables: events)" in refused(pg_url, read_only)
    with psycopg.connect(pg_url) as con:
        # Nothing was created next to it, nothing of it was touched.
        tables = con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
        assert tables.fetchall() == [("events",)]
        assert con.execute("SELECT title FROM events").fetchall() == [("board meeting",)]


def test_a_read_only_user_can_query_but_not_ingest(pg_cluster, pg_url):
    with open_store(pg_url) as s:
        s.save(fixtures.nato_article())
    database = pg_url.rsplit("/", 1)[1]
    pg_cluster.sql("DO $$ BEGIN CREATE ROLE analyst LOGIN PASSWORD 'readonly'; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    pg_cluster.sql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO analyst", database)
    analyst = pg_cluster.url(database, user="analyst", password="readonly")
    with open_store(analyst, read_only=True) as s:
        assert {e["cameo_code"] for e in s.events()} == {"112", "040", "016"}
    message = refused(analyst)
    assert "user analyst may not write here" in message and "readonly" not in message


def test_a_fresh_database_refuses_queries_until_something_is_ingested(pg_url):
    assert "no newsevents tables" in refused(pg_url, read_only=True)


def run(*args: str, env: dict | None = None) -> str:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ingest_and_query_through_the_command_line(pg_url, tmp_path):
    # Ingest into both backends, the PostgreSQL one named only by the environment variable.
    run("ingest", str(EXAMPLES), "--workers", "1", env={"NEWSEVENTS_DB": pg_url})
    duck = str(tmp_path / "cli.duckdb")
    run("ingest", str(EXAMPLES), "--db", duck, "--workers", "1")

    def events(*args, env=None):
        rows = [json.loads(line) for line in run("events", *args, "--format", "jsonl", env=env).splitlines()]
        return [{k: v for k, v in r.items() if k != "ingested_at"} for r in rows]

    everything = events(env={"NEWSEVENTS_DB": pg_url})
    assert len(everything) >= 4 and everything == events("--db", duck)
    sanctions = events("--db", pg_url, "--code", "16", "--actor", "IGOEUR")
    assert sanctions and all(e["cameo_code"].startswith("16") for e in sanctions)
    assert sanctions == events("--db", duck, "--code", "16", "--actor", "IGOEUR")
    listing = run("articles", "--db", pg_url, "--format", "csv")
    assert listing.count("\n") == 1 + len(list(EXAMPLES.glob("*.md")))
    # A second ingest stores nothing new.
    again = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", pg_url, "--workers", "1"])
    assert again.exit_code == 0 and "stored 0" in again.stderr
    assert ":***@" in again.stderr and urlsplit(pg_url).password not in again.stderr
    # Re-coding on the server: the coder is unchanged, so every event keeps its id and row.
    recode = CliRunner().invoke(app, ["recode", "--db", pg_url, "--workers", "1", "--limit", "2"])
    assert recode.exit_code == 0, recode.output
    recoded = int(recode.stderr.split("re-coded ")[1].split()[0])
    assert recoded == 2 and "0 added, 0 removed, 0 changed" in recode.stderr
    assert events(env={"NEWSEVENTS_DB": pg_url}) == everything
    # An empty answer says why, naming the server without its password.
    empty = CliRunner().invoke(app, ["events", "--db", pg_url, "--actor", "ZZZ"])
    assert empty.exit_code == 0 and "no events match these filters in postgresql://postgres:***@" in empty.stderr


def test_the_password_may_come_from_the_environment(pg_cluster, pg_url, monkeypatch):
    without = pg_url.replace(f":{pg_cluster.password}@", "@")
    monkeypatch.setenv("PGPASSWORD", "wrong")
    assert "password authentication failed" in refused(without)
    monkeypatch.setenv("PGPASSWORD", pg_cluster.password)
    with open_store(without) as s:
        assert s.count("articles") == 0
