"""One battery for both stores (a DuckDB file, a database on a throwaway PostgreSQL
server): whole-article transactions, idempotent saves, failures, round trips."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from backends import fixtures, pg_cluster, pg_url, query, store, store_url  # noqa: F401

from newsevents.store import Filters, StoreError, open_store, rows_of


def test_save_stores_every_part_of_the_article_once(store):
    result = fixtures.nato_article()
    assert not store.has(result.article.id)
    assert store.save(result) is True
    assert store.has(result.article.id)
    counts = [store.count(t) for t in ("articles", "actors", "mentions", "quotes", "places", "events")]
    assert counts == [1, 4, 3, 1, 1, 3]
    # Saving again, alone or among others, adds nothing.
    assert store.save(result) is False
    assert store.save_many([result, fixtures.nairobi_article(), fixtures.nairobi_article()]) == [False, True, False]
    assert store.count("articles") == 2 and store.count("mentions") == 5 and store.count("actors") == 7
    assert store.present([result.article.id, "absent", fixtures.nairobi_article().article.id]) == {
        result.article.id, fixtures.nairobi_article().article.id,
    }


def test_stored_offsets_still_point_into_the_stored_text(store):
    store.save(fixtures.nato_article())
    ((text,),) = query(store, "SELECT text FROM articles")
    for kind in ("source", "target", "trigger", "sentence"):
        rows = query(store, f"SELECT {kind}_text, {kind}_start, {kind}_end FROM mentions WHERE {kind}_text IS NOT NULL")
        assert rows
        for value, start, end in rows:
            assert text[start:end] == value
    actors = query(store, "SELECT text, start_char, end_char FROM actors")
    assert len(actors) == 4
    for value, start, end in actors:
        assert text[start:end] == value


def test_event_fields_round_trip_with_their_types(store):
    store.save(fixtures.nato_article())
    met = next(e for e in store.events() if e["cameo_code"] == "040")
    assert met["source_code"] == "UKRGOV" and met["target_code"] == "IGOWSTNAT"
    assert met["location_name"] == "Brussels" and met["location_geonames_id"] == 2800866
    assert met["date_value"] == "2015-01-26" and met["date_precision"] == "day"
    assert met["cameo_quad_class"] == 1 and met["cameo_goldstein"] == pytest.approx(1.0)
    assert met["plover_type"] == "CONSULT"
    assert met["published"] == date(2015, 1, 27)
    denied = next(e for e in store.events() if e["cameo_code"] == "016")
    assert denied["status"] == "denied" and denied["target_code"] is None
    assert query(store, "SELECT sectors FROM actors WHERE code = 'UKRGOV'") == [(["GOV"],)]
    article = next(store.articles())
    assert article["published"] == date(2015, 1, 27)
    assert (article["actors"], article["events"], article["quotes"]) == (4, 3, 1)


def test_a_failed_batch_leaves_nothing_of_any_article_in_it(store):
    good = fixtures.nairobi_article()
    broken = fixtures.nato_article()
    # A value the events table cannot hold fails the batch after the article rows and the
    # actor rows of both articles were already written inside the transaction.
    broken.events[1] = replace(broken.events[1], confidence="very high")
    with pytest.raises(Exception):
        store.save_many([good, broken])
    assert [store.count(t) for t in ("articles", "actors", "mentions", "events")] == [0, 0, 0, 0]
    assert store.save(good) is True
    assert not store.has(broken.article.id)
    assert store.count("actors") == len(good.actors)


def test_rows_are_plain_values_a_worker_can_send_cheaply():
    rows = rows_of(fixtures.nato_article())
    for row in [rows.article, *rows.actors, *rows.mentions, *rows.quotes, *rows.places]:
        for value in row:
            assert value is None or type(value).__module__ in ("builtins", "datetime"), value


def test_failures_are_counted_per_input_and_reason(store):
    for _ in range(2):
        store.record_failure("feeds/broken.csv", "CSV has no 'text' column")
    store.record_failure("feeds/other.csv", "not UTF-8")
    rows = {r["input"]: r for r in store.failures()}
    assert rows.keys() == {"feeds/broken.csv", "feeds/other.csv"}
    assert rows["feeds/broken.csv"]["reason"] == "CSV has no 'text' column"
    assert rows["feeds/broken.csv"]["count"] == 2 and rows["feeds/other.csv"]["count"] == 1
    assert rows["feeds/broken.csv"]["first_seen"] <= rows["feeds/broken.csv"]["last_seen"]


def test_reopening_read_only_sees_what_was_committed(store_url):
    with open_store(store_url) as s:
        s.save(fixtures.nairobi_article())
    with open_store(store_url, read_only=True) as s:
        assert [a["title"] for a in s.articles(Filters())] == ["Kenyan police arrest protesters"]


def test_a_missing_database_file_is_not_created_by_a_query(tmp_path):
    path = tmp_path / "absent.duckdb"
    with pytest.raises(StoreError, match="no such database"):
        open_store(str(path), read_only=True)
    assert not path.exists()
