"""Provenance and `newsevents recode`: stored articles re-coded from their stored text."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures" / "store"))
import wire  # noqa: E402

from newsevents.cli import app  # noqa: E402
from newsevents.store import open_store  # noqa: E402
from newsevents.store.provenance import coder_version, data_hash  # noqa: E402

ROWS = "SELECT * EXCLUDE (ingested_at, recoded_at) FROM {} ORDER BY ALL"


def run(*args: str):
    return CliRunner().invoke(app, [*args])


def snapshot(db: str) -> dict:
    with open_store(db, read_only=True) as s:
        return {t: s.con.execute(ROWS.format(t) if t == "articles" else f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in ("articles", "actors", "mentions", "events", "quotes", "places")}


@pytest.fixture
def db(nlp, tmp_path) -> str:
    folder = tmp_path / "news"
    wire.write_folder(folder, 3)
    path = str(tmp_path / "r.duckdb")
    result = run("ingest", str(folder), "--db", path, "--workers", "1")
    assert result.exit_code == 0, result.output
    return path


def test_rows_record_the_coder_and_data_they_were_coded_with(db):
    with open_store(db, read_only=True) as s:
        for table in ("articles", "mentions"):
            versions = s.con.execute(f"SELECT DISTINCT coder_version, data_hash FROM {table}").fetchall()
            assert versions == [(coder_version(), data_hash())]
        hashes = s.con.execute("SELECT count(DISTINCT content_hash) FROM articles").fetchone()[0]
        assert hashes == 3
        assert s.count("mentions") > 3


def test_recoding_unchanged_data_changes_nothing(db):
    before = snapshot(db)
    result = run("recode", "--db", db, "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "re-coded 3 of 3 articles" in result.stderr
    assert ", 0 added, 0 removed, 0 changed," in result.stderr.replace("events:", ",")
    assert snapshot(db) == before
    # Nothing is outdated: --outdated selects nothing.
    result = run("recode", "--db", db, "--outdated", "--workers", "1")
    assert "re-coded 0 of 0 articles" in result.stderr


def test_outdated_articles_alone_are_recoded_and_stamped(db):
    with open_store(db) as s:
        stale = s.con.execute("SELECT id FROM articles ORDER BY id LIMIT 1").fetchone()[0]
        s.con.execute("UPDATE articles SET data_hash = 'older-data' WHERE id = ?", [stale])
        s.con.execute("UPDATE mentions SET data_hash = 'older-data' WHERE article_id = ?", [stale])
    result = run("recode", "--db", db, "--outdated", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "re-coded 1 of 1 articles" in result.stderr
    with open_store(db, read_only=True) as s:
        rows = s.con.execute("SELECT id, data_hash, recoded_at IS NOT NULL FROM articles ORDER BY id").fetchall()
        assert [(i == stale, h, r) for i, h, r in rows] == [
            (i == stale, data_hash(), i == stale) for i, _, _ in rows
        ]
        assert s.con.execute("SELECT count(*) FROM mentions WHERE data_hash <> ?", [data_hash()]).fetchone()[0] == 0


def test_an_edited_article_at_the_same_url_is_recoded_not_skipped(nlp, tmp_path):
    db = str(tmp_path / "e.duckdb")
    url = "https://news.example.org/strike"
    first = {"url": url, "published": "2024-03-04",
             "text": "Kenyan police arrested 40 protesters in Nairobi on Monday."}
    edited = {**first, "text": "Kenyan police arrested 40 protesters in Nairobi on Monday. "
                               "The opposition condemned the arrests."}
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(first) + "\n")
    assert run("ingest", str(feed), "--db", db, "--workers", "1").exit_code == 0
    with open_store(db, read_only=True) as s:
        codes_before = sorted(m["cameo_code"] for m in s.mentions())
    feed.write_text(json.dumps(edited) + "\n")
    again = run("ingest", str(feed), "--db", db, "--workers", "1")
    assert "stored 1" in again.stderr
    with open_store(db, read_only=True) as s:
        assert s.count("articles") == 1
        assert next(s.articles())["id"]
        codes_after = sorted(m["cameo_code"] for m in s.mentions())
        text = s.con.execute("SELECT text FROM articles").fetchone()[0]
    assert text == edited["text"]
    # The condemnation in the added sentence is coded too; the arrest is still there.
    assert len(codes_before) == 1 and len(codes_after) == 2 and codes_before[0] in codes_after
    # The same edited text once more: unchanged, skipped.
    assert "skipped 1" in run("ingest", str(feed), "--db", db, "--workers", "1").stderr


def test_mentions_and_failures_commands(db, tmp_path):
    out = run("mentions", "--db", db, "--format", "jsonl").stdout.splitlines()
    rows = [json.loads(line) for line in out]
    assert rows and all(r["event_id"] and r["join_reason"] for r in rows)
    with open_store(db) as s:
        s.record_failure("feeds/broken.csv", "CSV has no 'text' column")
        s.record_failure("feeds/broken.csv", "CSV has no 'text' column")
    failures = run("failures", "--db", db, "--format", "csv").stdout.splitlines()
    assert failures[0].startswith("input,reason,count") and failures[1].startswith("feeds/broken.csv,")
    assert ",2," in failures[1]
    empty = run("events", "--db", db, "--code", "99")
    assert "no events match these filters in" in empty.stderr
