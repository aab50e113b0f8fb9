"""Every export from a PostgreSQL store (a throwaway server, tests/store/pg_server.py) is
the export of the same articles from a DuckDB file: the same bytes for the text formats,
the same rows and columns for Parquet, with and without filters, from the command line
and from the web API."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from backends import pg_cluster  # noqa: E402,F401
from export_fixture import export_db, rows  # noqa: E402,F401

from newsevents.cli import app  # noqa: E402
from newsevents.export import postgres as pg_export  # noqa: E402
from newsevents.export.run import TABLES, ExportError, export  # noqa: E402
from newsevents.store import open_store  # noqa: E402
from newsevents.store.filters import Filters  # noqa: E402


@pytest.fixture(scope="module")
def export_pg(pg_cluster, export_db, export_results) -> str:  # noqa: F811
    url = pg_cluster.new_database()
    with open_store(url) as store:
        store.save_many(export_results)
        # The stores stamp their own commit times; GDELT's DATEADDED and PLOVER's
        # coded_date print them, so the copy gets the DuckDB file's.
        for article_id, ingested in [(r["id"], r["ingested_at"]) for r in rows(export_db, "SELECT id, ingested_at FROM articles")]:
            store.con.execute("UPDATE articles SET ingested_at = ? WHERE id = ?", [ingested, article_id])
    return url


CASES = [
    *((fmt, "events", Filters()) for fmt in ("gdelt", "gdelt-mentions", "plover")),
    *((fmt, table, Filters()) for fmt in ("csv", "jsonl") for table in TABLES),
    ("gdelt", "events", Filters(actor="KEN")),
    ("gdelt-mentions", "events", Filters(outlet="coast wire")),
    ("plover", "events", Filters(since=date(2024, 3, 5))),
    ("csv", "articles", Filters(code="17")),
    ("jsonl", "mentions", Filters(limit=1)),
    ("csv", "events", Filters(status="denied")),  # no event: the header alone
]


@pytest.mark.parametrize("chunk", [5000, 1])
@pytest.mark.parametrize(("fmt", "table", "filters"), CASES)
def test_text_exports_are_byte_for_byte_those_of_duckdb(export_db, export_pg, tmp_path, monkeypatch,
                                                         fmt, table, filters, chunk):
    # Chunks of one event: every seam between chunks is in the file.
    monkeypatch.setattr(pg_export, "CHUNK", chunk)
    want, got = tmp_path / "duckdb.out", tmp_path / "pg.out"
    header = fmt.startswith("gdelt")
    n = export(export_db, fmt, want, filters, table=table, header=header)
    assert export(export_pg, fmt, got, filters, table=table, header=header) == n
    assert got.read_bytes() == want.read_bytes()


def test_the_exports_compared_are_not_empty(export_db, export_pg, tmp_path):
    path = tmp_path / "e.tsv"
    assert export(export_pg, "gdelt-mentions", path) == len(rows(export_db, "SELECT id FROM mentions")) > 3
    assert export(export_pg, "csv", path, Filters(status="denied")) == 0
    assert path.read_text().count("\n") == 1  # the header


@pytest.mark.parametrize("table", TABLES)
def test_parquet_has_the_rows_and_columns_of_duckdbs(export_db, export_pg, tmp_path, monkeypatch, table):
    monkeypatch.setattr(pg_export, "CHUNK", 1)
    want, got = tmp_path / "duckdb.parquet", tmp_path / "pg.parquet"
    n = export(export_db, "parquet", want, table=table)
    assert export(export_pg, "parquet", got, table=table) == n
    duck, pg = pq.read_table(want), pq.read_table(got)
    assert pg.column_names == duck.column_names
    assert pg.to_pylist() == duck.to_pylist()
    empty = tmp_path / "none.parquet"
    assert export(export_pg, "parquet", empty, Filters(status="denied"), table=table) == 0
    assert pq.read_table(empty).column_names == duck.column_names


def test_the_command_and_the_api_export_from_postgresql(export_db, export_pg, tmp_path):
    from fastapi.testclient import TestClient

    from newsevents.web.app import create_app
    from newsevents.web.db import PgDatabase

    for db, name in ((export_db, "duck.jsonl"), (export_pg, "pg.jsonl")):
        result = CliRunner().invoke(app, ["export", "--db", db, "--format", "plover", "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "pg.jsonl").read_bytes() == (tmp_path / "duck.jsonl").read_bytes()
    response = TestClient(create_app(PgDatabase(export_pg), cache_seconds=0)).get(
        "/api/export", params={"format": "plover"})
    assert response.status_code == 200
    assert response.content == (tmp_path / "duck.jsonl").read_bytes()


def test_a_database_without_the_tables_is_named_in_one_line(pg_cluster, tmp_path):  # noqa: F811
    url = pg_cluster.new_database()
    with pytest.raises(ExportError, match=r"no newsevents tables"):
        export(url, "gdelt", tmp_path / "x.tsv")
    with pytest.raises(ExportError, match=r"cannot connect") as err:
        export(pg_cluster.url(password="wrong"), "csv", tmp_path / "x.csv")
    assert "wrong" not in str(err.value)
