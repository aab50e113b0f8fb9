"""Parquet, CSV and JSON Lines of the store's tables; the command line; newsevents.open()."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_fixture import export_db, rows  # noqa: E402,F401

import newsevents  # noqa: E402
from newsevents.cli import app  # noqa: E402
from newsevents.export import tone  # noqa: E402
from newsevents.export.run import ExportError, export  # noqa: E402
from newsevents.store.filters import Filters  # noqa: E402


@pytest.mark.parametrize("table", ["events", "mentions", "articles", "quotes", "actors"])
def test_parquet_round_trips_every_table(export_db, tmp_path, table):
    path = tmp_path / f"{table}.parquet"
    n = export(export_db, "parquet", path, table=table)
    back = pq.read_table(path)
    with newsevents.open(export_db) as ds:
        direct = ds.table(table)
    assert back.num_rows == n == direct.num_rows == len(rows(export_db, f"SELECT 1 FROM {table}"))
    assert [(f.name, f.type) for f in back.schema] == [(f.name, f.type) for f in direct.schema]
    assert back.to_pylist() == direct.to_pylist()


def test_articles_without_events_are_exported_unless_filtered(export_db, tmp_path):
    path = tmp_path / "a.jsonl"
    assert export(export_db, "jsonl", path, table="articles") == 4  # the weather story too
    assert export(export_db, "jsonl", path, Filters(actor="KEN"), table="articles") == 2
    titles = sorted(json.loads(line)["title"] for line in path.read_text().splitlines())
    assert titles == ["Kenya protest", "Police arrest protesters in Nairobi"]


def test_csv_and_jsonl_hold_the_same_events(export_db, tmp_path):
    export(export_db, "csv", tmp_path / "e.csv")
    export(export_db, "jsonl", tmp_path / "e.jsonl")
    from_csv = list(csv.DictReader((tmp_path / "e.csv").open()))
    from_jsonl = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert [r["id"] for r in from_csv] == [r["id"] for r in from_jsonl]
    assert {r["cameo_code"] for r in from_csv} == {r["cameo_code"] for r in rows(export_db, "SELECT cameo_code FROM events")}
    assert all(r["num_mentions"] >= 1 for r in from_jsonl)


def test_cli_writes_stdout_and_files_alike(export_db, tmp_path):
    runner = CliRunner()
    out = runner.invoke(app, ["export", "--db", export_db, "--format", "gdelt", "-o", "-", "--actor", "KEN"])
    assert out.exit_code == 0, out.output
    export(export_db, "gdelt", tmp_path / "k.tsv", Filters(actor="KEN"))
    assert out.stdout_bytes == (tmp_path / "k.tsv").read_bytes()
    assert len(out.stdout_bytes.decode().splitlines()) == 1


def test_cli_bad_inputs_get_one_line(export_db, tmp_path):
    runner = CliRunner()
    missing = runner.invoke(app, ["export", "--db", str(tmp_path / "none.duckdb"), "--format", "plover", "-o", "-"])
    assert missing.exit_code == 2 and "no such database" in missing.stderr and "Traceback" not in missing.stderr
    wrong = runner.invoke(app, ["export", "--db", export_db, "--format", "xml", "-o", "-"])
    assert wrong.exit_code == 2 and "--format must be one of" in wrong.stderr
    nodir = runner.invoke(app, ["export", "--db", export_db, "--format", "csv", "-o", str(tmp_path / "no" / "x.csv")])
    assert nodir.exit_code == 2 and "no such directory" in nodir.stderr


def test_an_older_store_is_refused_with_a_reason(tmp_path):
    import duckdb

    old = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(old))
    con.execute("CREATE TABLE articles (id VARCHAR)")
    con.execute("CREATE TABLE events (article_id VARCHAR, id VARCHAR)")
    con.close()
    with pytest.raises(ExportError, match="no de-duplicated events"):
        export(old, "gdelt", tmp_path / "x.tsv")


def test_python_api_frames(export_db):
    with newsevents.open(export_db) as ds:
        df = ds.events(as_="pandas")
        assert len(df) == 3 and set(df["num_mentions"]) == {1, 2}
        kenya = ds.mentions(actor="KEN", as_="pandas")
        assert len(kenya) == 2 and set(kenya["source_code"]) == {"KENCOP"}
        gdelt = ds.gdelt(as_="pandas", since="2024-03-10")
        assert list(gdelt["EventRootCode"]) == ["04"]
        assert sum(b.num_rows for b in ds.batches("mentions", batch_size=2)) == 5
        assert ds.plover().column("event").to_pylist()[0][0] in {"ASSAULT", "ACCUSE", "CONSULT"}
        with pytest.raises(ValueError, match="as_ must be one of"):
            ds.events(as_="excel")
        with pytest.raises(TypeError, match="unknown filter"):
            ds.events(country="KEN")


def test_tone_is_signed_like_gdelt():
    assert tone.tone("The talks were a great success and everyone was happy.") > 0
    assert tone.tone("Police killed three protesters in a brutal attack.") < 0
    assert tone.tone("The meeting is on Tuesday.") == 0
    assert tone.tone("   ") is None
