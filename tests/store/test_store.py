"""The DuckDB store: whole-article transactions, idempotent saves, failures, round trips."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "store"))
import results as fixtures  # noqa: E402

from newsevents.store import Filters, StoreError, open_store, rows_of  # noqa: E402


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "test.duckdb"))
    yield s
    s.close()


def count(store, table: str) -> int:
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_save_stores_every_part_of_the_article_once(store):
    result = fixtures.nato_article()
    assert not store.has(result.article.id)
    assert store.save(result) is True
    assert store.has(result.article.id)
    assert (count(store, "articles"), count(store, "actors"), count(store, "mentions")) == (1, 4, 3)
    assert (count(store, "quotes"), count(store, "places")) == (1, 1)
    # Saving again, alone or among others, adds nothing.
    assert store.save(result) is False
    assert store.save_many([result, fixtures.nairobi_article(), fixtures.nairobi_article()]) == [False, True, False]
    assert count(store, "articles") == 2
    assert count(store, "mentions") == 5


def test_stored_offsets_still_point_into_the_stored_text(store):
    store.save(fixtures.nato_article())
    text = store.con.execute("SELECT text FROM articles").fetchone()[0]
    for kind in ("source", "target", "trigger", "sentence"):
        rows = store.con.execute(
            f"SELECT {kind}_text, {kind}_start, {kind}_end FROM mentions WHERE {kind}_text IS NOT NULL"
        ).fetchall()
        assert rows
        for value, start, end in rows:
            assert text[start:end] == value
    for value, start, end in store.con.execute("SELECT text, start_char, end_char FROM actors").fetchall():
        assert text[start:end] == value


def test_event_fields_round_trip(store):
    result = fixtures.nato_article()
    store.save(result)
    met = next(e for e in store.events() if e["cameo_code"] == "040")
    assert met["source_code"] == "UKRGOV" and met["target_code"] == "IGOWSTNAT"
    assert met["location_name"] == "Brussels" and met["location_geonames_id"] == 2800866
    assert met["date_value"] == "2015-01-26" and met["date_precision"] == "day"
    assert met["cameo_quad_class"] == 1 and met["cameo_goldstein"] == pytest.approx(1.0)
    assert met["plover_type"] == "CONSULT"
    denied = next(e for e in store.events() if e["cameo_code"] == "016")
    assert denied["status"] == "denied" and denied["target_code"] is None
    sectors = store.con.execute("SELECT sectors FROM actors WHERE code = 'UKRGOV'").fetchone()[0]
    assert sectors == ["GOV"]
    article = next(store.articles())
    assert article["published"].isoformat() == "2015-01-27"
    assert (article["actors"], article["events"], article["quotes"]) == (4, 3, 1)


def test_a_failed_save_leaves_nothing_of_the_article(store):
    good = fixtures.nairobi_article()
    broken = fixtures.nato_article()
    # A value the events table cannot hold makes the insert fail after the article row
    # and the actor rows have already been written inside the transaction.
    broken.events[1] = replace(broken.events[1], confidence="very high")
    with pytest.raises(Exception):
        store.save_many([good, broken])
    assert count(store, "articles") == 0
    assert count(store, "actors") == 0
    assert store.save(good) is True
    assert not store.has(broken.article.id)
    assert count(store, "actors") == len(good.actors)


def test_rows_are_plain_values_a_worker_can_send_cheaply():
    rows = rows_of(fixtures.nato_article())
    for row in [rows.article, *rows.actors, *rows.mentions, *rows.quotes, *rows.places]:
        for value in row:
            assert value is None or type(value).__module__ in ("builtins", "datetime"), value


def test_failures_are_recorded_once_per_input_and_reason_with_a_count(store):
    store.record_failure("feeds/broken.csv", "CSV has no 'text' column")
    store.record_failure("feeds/broken.csv", "CSV has no 'text' column")
    (row,) = list(store.failures())
    assert row["input"] == "feeds/broken.csv"
    assert "text" in row["reason"]
    assert row["count"] == 2 and row["first_seen"] <= row["last_seen"]


def test_reopening_keeps_what_was_committed(tmp_path):
    path = str(tmp_path / "keep.duckdb")
    with open_store(path) as s:
        s.save(fixtures.nairobi_article())
    with open_store(path, read_only=True) as s:
        assert [a["title"] for a in s.articles(Filters())] == ["Kenyan police arrest protesters"]


def test_a_missing_database_is_not_created_by_a_query(tmp_path):
    path = tmp_path / "absent.duckdb"
    with pytest.raises(StoreError, match="no such database"):
        open_store(str(path), read_only=True)
    assert not path.exists()
