"""Every command that takes --db, through the command line, against a DuckDB file and a
database on a throwaway PostgreSQL server: the same articles give the same answers."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from backends import pg_cluster  # noqa: F401
from typer.testing import CliRunner

from newsevents.cli import app

ARTICLES = Path(__file__).resolve().parents[1] / "web" / "articles"
# Times each store stamps for itself; everything else must agree.
OWN_TIMES = {"ingested_at", "recoded_at", "first_seen", "last_seen"}
COVERED = {"ingest", "articles", "events", "mentions", "failures", "recode", "export", "serve", "load"}


def cli(*args: str, code: int = 0):
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == code, result.output
    return result


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """The web tests' four articles and one file no reader takes (a failure to record)."""
    folder = tmp_path_factory.mktemp("inputs")
    for article in ARTICLES.iterdir():
        (folder / article.name).write_bytes(article.read_bytes())
    (folder / "broken.csv").write_text("headline,body\nno text column here,at all\n")
    return folder


@pytest.fixture(scope="module")
def dbs(pg_cluster, inputs, tmp_path_factory) -> dict[str, str]:  # noqa: F811
    """backend -> its --db value, each filled by `newsevents ingest`."""
    found = {"duckdb": str(tmp_path_factory.mktemp("cli") / "cli.duckdb"), "postgresql": pg_cluster.new_database()}
    for db in found.values():
        first = cli("ingest", str(inputs), "--db", db, "--workers", "1", code=1)  # 1: an input failed
        assert "stored 4 · skipped 0 (already present) · failed 1" in first.stderr
        again = cli("ingest", str(inputs), "--db", db, "--workers", "1", code=1)
        assert "stored 0 · skipped 4 (already present) · failed 1" in again.stderr
    return found


def both(dbs: dict[str, str], *args: str) -> list[str]:
    """stdout of the command against each backend."""
    return [cli(*args[:1], "--db", db, *args[1:]).stdout for db in dbs.values()]


def _rows(text: str, fmt: str) -> list[dict]:
    rows = [json.loads(line) for line in text.splitlines()] if fmt == "jsonl" else list(csv.DictReader(io.StringIO(text)))
    return [{k: v for k, v in r.items() if k not in OWN_TIMES} for r in rows]


def test_every_command_with_a_db_option_is_covered_here():
    with_db = {
        (c.name or c.callback.__name__) for c in app.registered_commands
        if "db" in c.callback.__code__.co_varnames[: c.callback.__code__.co_argcount]
    }
    assert with_db == COVERED


@pytest.mark.parametrize("command", ["events", "mentions", "articles"])
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
@pytest.mark.parametrize("filters", [[], ["--actor", "RUS"], ["--code", "0311", "--since", "2025-03-01"],
                                     ["--outlet", "fixture post", "--limit", "2"], ["--status", "denied"]])
def test_listings_agree(dbs, command, fmt, filters):
    duck, pg = both(dbs, command, "--format", fmt, *filters)
    if fmt == "table":
        assert pg == duck
    else:
        assert _rows(pg, fmt) == _rows(duck, fmt)
        if not filters:
            assert len(_rows(duck, fmt)) == {"articles": 4, "events": 10, "mentions": 11}[command]


def test_failures_agree(dbs):
    duck, pg = (_rows(out, "jsonl") for out in both(dbs, "failures", "--format", "jsonl"))
    assert pg == duck
    (failure,) = duck
    assert failure["input"].endswith("broken.csv") and failure["count"] == 2


@pytest.mark.parametrize(("fmt", "table"), [("plover", "events"), ("csv", "events"), ("jsonl", "mentions"),
                                            ("gdelt", "events")])
def test_exports_agree(dbs, fmt, table):
    duck, pg = both(dbs, "export", "--format", fmt, "--table", table, "-o", "-", "--actor", "RUS")
    if fmt == "gdelt":  # DATEADDED, next to last, is each store's own ingest time
        duck, pg = ([line.split("\t")[:-2] + line.split("\t")[-1:] for line in out.splitlines()] for out in (duck, pg))
    assert pg == duck and len(duck) > 0


def test_parquet_export_agrees(dbs, tmp_path):
    tables = []
    for backend, db in dbs.items():
        path = tmp_path / f"{backend}.parquet"
        cli("export", "--db", db, "--format", "parquet", "--table", "places", "-o", str(path))
        tables.append(pq.read_table(path).to_pylist())
    assert tables[0] == tables[1] and tables[0]


def test_recode_agrees(dbs):
    outputs = []
    for db in dbs.values():
        outdated = cli("recode", "--db", db, "--outdated").stderr
        assert "re-coded 0 of 0 articles" in outdated
        chosen = cli("recode", "--db", db, "--code", "19").stderr
        outputs.append([line.rsplit("  →  ", 1)[0] for line in chosen.splitlines()])  # less the db's name
    assert outputs[0] == outputs[1]
    # Both Kyiv stories report a strike (190).
    assert outputs[0] == [
        "re-coded 2 of 2 articles · failed 0 · mentions 11 → 11", "events: 0 added, 0 removed, 0 changed, 10 unchanged",
    ]


def test_load_agrees(dbs, pg_cluster, inputs, tmp_path):  # noqa: F811
    shards = f"parquet://{tmp_path / 'shards'}"
    cli("ingest", str(inputs), "--output", shards, "--workers", "1", code=1)
    loaded = {"duckdb": str(tmp_path / "loaded.duckdb"), "postgresql": pg_cluster.new_database()}
    for db in loaded.values():
        assert "loaded 4 articles · skipped 0 (already present) · 1 failures" in cli("load", shards, "--db", db).stderr
    events = [_rows(cli("events", "--db", db, "--format", "jsonl").stdout, "jsonl") for db in loaded.values()]
    assert events[0] == events[1] == _rows(both(dbs, "events", "--format", "jsonl")[0], "jsonl")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_agrees(dbs):
    bodies = []
    for db in dbs.values():
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "newsevents.cli", "serve", "--db", db, "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "200"},
        )
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events?limit=500", timeout=10) as r:
                        bodies.append(json.load(r))
                    break
                except OSError:
                    assert server.poll() is None and time.monotonic() < deadline, server.stderr.read().decode()
                    time.sleep(0.5)
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert bodies[0] == bodies[1] and len(bodies[0]["items"]) >= 8
