"""Schema versions: old newsevents files migrate, other files are refused in one line."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from newsevents.store import StoreError, open_store
from newsevents.store.schema import SCHEMA_VERSION, column_names

# The version-1 layout as `newsevents ingest` wrote it before de-duplication (abridged to
# the columns the migration must carry over; the rest are added empty).
V1 = [
    "CREATE TABLE articles (id VARCHAR PRIMARY KEY, url VARCHAR, title VARCHAR, outlet VARCHAR, published DATE, "
    "dateline VARCHAR, text VARCHAR, caption VARCHAR, source VARCHAR, ingested_at TIMESTAMP)",
    "CREATE TABLE actors (article_id VARCHAR, idx INTEGER, text VARCHAR, start_char INTEGER, end_char INTEGER, "
    "code VARCHAR)",
    "CREATE TABLE events (article_id VARCHAR, id VARCHAR, source_code VARCHAR, source_text VARCHAR, "
    "target_code VARCHAR, cameo_code VARCHAR, cameo_root VARCHAR, quad_class INTEGER, goldstein DOUBLE, "
    "status VARCHAR, sentence_start INTEGER, trigger_start INTEGER, date_value VARCHAR, date_precision VARCHAR, "
    "date_text VARCHAR, location_name VARCHAR, confidence DOUBLE)",
    "CREATE TABLE quotes (article_id VARCHAR, idx INTEGER)",
    "CREATE TABLE places (article_id VARCHAR, idx INTEGER, name VARCHAR)",
    "CREATE TABLE failures (input VARCHAR, reason VARCHAR, time TIMESTAMP)",
]


def write_v1(path: str) -> None:
    con = duckdb.connect(path)
    for statement in V1:
        con.execute(statement)
    con.execute("INSERT INTO articles (id, outlet, published, text) VALUES ('a1', 'Wire', '2024-03-04', 'x'), "
                "('a2', 'Post', '2024-03-05', 'y')")
    con.execute("INSERT INTO events VALUES "
                "('a1', 'm1', 'RUSGOV', 'Moscow', 'UKR', '112', '11', 3, -2.0, 'asserted', 0, 7, NULL, "
                "'publication', NULL, NULL, 0.7), "
                "('a2', 'm2', 'RUSGOV', 'Russia', 'UKR', '112', '11', 3, -2.0, 'reported', 0, 9, '2024-03-04', "
                "'day', 'Monday', NULL, 0.6)")
    con.execute("INSERT INTO failures VALUES ('bad.gz', 'corrupt', '2024-01-01'), ('bad.gz', 'corrupt', '2024-01-02')")
    con.close()


def test_a_version_1_file_is_migrated_on_opening_and_keeps_its_rows(tmp_path):
    path = str(tmp_path / "old.duckdb")
    write_v1(path)
    with pytest.raises(StoreError, match="schema 1.*newsevents recode --db .* --outdated"):
        open_store(path, read_only=True)
    with open_store(path) as store:
        assert store.count("mentions") == 2 and store.count("articles") == 2
        (failure,) = list(store.failures())
        assert (failure["input"], failure["count"]) == ("bad.gz", 2)
        (event,) = list(store.events())
        assert (event["num_mentions"], event["num_sources"], event["cameo_quad_class"]) == (2, 2, 3)
        assert {m["date_span_text"] for m in store.mentions()} == {None, "Monday"}
        assert set(column_names("mentions")) <= set(next(store.mentions()))
        assert store.con.execute("SELECT max(version) FROM newsevents_schema").fetchone()[0] == SCHEMA_VERSION
    with open_store(path, read_only=True) as store:
        assert next(store.articles())["published"] == date(2024, 3, 4)


def test_another_applications_database_is_refused_in_one_line(tmp_path):
    path = str(tmp_path / "other.duckdb")
    con = duckdb.connect(path)
    con.execute("CREATE TABLE orders (id INTEGER, total DOUBLE)")
    con.close()
    for read_only in (False, True):
        with pytest.raises(StoreError) as info:
            open_store(path, read_only=read_only)
        assert str(info.value) == f"{path}: not a newsevents database (it holds other tables: orders); use another --db"
    con = duckdb.connect(path)
    assert con.execute("SELECT count(*) FROM information_schema.tables").fetchone()[0] == 1  # left untouched
    con.close()


def test_a_file_from_a_newer_newsevents_is_refused(tmp_path):
    path = str(tmp_path / "new.duckdb")
    open_store(path).close()
    con = duckdb.connect(path)
    con.execute("INSERT INTO newsevents_schema VALUES (?, 'newsevents 9', now())", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(StoreError, match=f"newer newsevents \\(schema {SCHEMA_VERSION + 1}"):
        open_store(path)


def test_a_column_the_model_gains_is_added_to_existing_files(tmp_path):
    path = str(tmp_path / "grow.duckdb")
    open_store(path).close()
    con = duckdb.connect(path)
    con.execute("ALTER TABLE mentions DROP COLUMN rule")  # as if `rule` were a new field
    con.close()
    with open_store(path) as store:
        assert "rule" in [r[0] for r in store.con.execute("DESCRIBE mentions").fetchall()]
