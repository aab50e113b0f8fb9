"""`ingest --output parquet://DIR` then `newsevents load`: the same rows as a direct ingest."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("pyarrow")
sys.path.insert(0, str(Path(__file__).parent))
import stories  # noqa: E402
from stories import contents  # noqa: E402

from newsevents.cli import app  # noqa: E402


def cli(*args: str):
    return CliRunner().invoke(app, list(args))


def test_shards_loaded_into_a_store_equal_a_direct_ingest(nlp, tmp_path):
    folder = stories.write_inputs(tmp_path / "in")
    direct, loaded = str(tmp_path / "direct.duckdb"), str(tmp_path / "loaded.duckdb")
    shards = f"parquet://{tmp_path / 'shards'}"
    assert cli("ingest", str(folder), "--db", direct, "--workers", "1").exit_code == 1
    first = cli("ingest", str(folder), "--output", shards, "--workers", "1")
    assert first.exit_code == 1 and "stored 7" in first.stderr, first.output
    assert len(list((tmp_path / "shards" / "mentions").glob("*.parquet"))) >= 1
    # Resumable into the shards too: nothing is analysed or written twice.
    again = cli("ingest", str(folder), "--output", shards, "--workers", "1")
    assert "stored 0" in again.stderr and "skipped 7" in again.stderr
    result = cli("load", shards, "--db", loaded)
    assert result.exit_code == 0, result.output
    assert "loaded 7 articles" in result.stderr
    want, got = contents(direct), contents(loaded)
    for table in ("articles", "actors", "mentions", "quotes", "places", "events"):
        assert got[table] == want[table], table
    # Both runs met the same two bad inputs; the store keeps each once, with a count.
    assert got["failures"] == want["failures"] and len(got["failures"]) == 2
    # Loading again adds no article.
    assert "loaded 0 articles · skipped 7" in cli("load", shards, "--db", loaded).stderr


def test_load_says_what_is_wrong_with_a_folder_without_shards(tmp_path):
    result = cli("load", f"parquet://{tmp_path}", "--db", str(tmp_path / "x.duckdb"))
    assert result.exit_code == 2
    assert "no Parquet shards there" in result.stderr and "Traceback" not in result.output
