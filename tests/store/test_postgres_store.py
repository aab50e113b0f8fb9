"""One battery for both stores: whole-article transactions, idempotent saves, round trips,
and the same rows and the same filtered answers from DuckDB and from PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from backends import fixtures, pg_cluster, pg_url, query, store, store_url, stored_rows, variant  # noqa: F401

from newsevents.model import EventDate
from newsevents.store import Filters, open_store


def test_save_stores_every_part_of_the_article_once(store):
    result = fixtures.nato_article()
    assert not store.has(result.article.id)
    assert store.save(result) is True
    assert store.has(result.article.id)
    counts = [store.count(t) for t in ("articles", "actors", "mentions", "quotes", "places", "events")]
    assert counts == [1, 4, 3, 1, 1, 3]
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


def test_event_fields_round_trip_with_their_types(store):
    store.save(fixtures.nato_article())
    met = next(e for e in store.events() if e["cameo_code"] == "040")
    assert met["source_code"] == "UKRGOV" and met["target_code"] == "IGOWSTNAT"
    assert met["location_name"] == "Brussels" and met["location_geonames_id"] == 2800866
    assert met["date_value"] == "2015-01-26" and met["date_precision"] == "day"
    assert met["cameo_quad_class"] == 1 and met["cameo_goldstein"] == pytest.approx(1.0)
    assert met["published"] == date(2015, 1, 27)
    denied = next(e for e in store.events() if e["cameo_code"] == "016")
    assert denied["status"] == "denied" and denied["target_code"] is None
    assert query(store, "SELECT sectors FROM actors WHERE code = 'UKRGOV'") == [(["GOV"],)]
    article = next(store.articles())
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


def test_failures_are_counted_per_input_and_reason(store):
    for _ in range(2):
        store.record_failure("feeds/broken.csv", "CSV has no 'text' column")
    store.record_failure("feeds/other.csv", "not UTF-8")
    rows = {r["input"]: r for r in store.failures()}
    assert rows["feeds/broken.csv"]["count"] == 2 and rows["feeds/other.csv"]["count"] == 1
    assert rows["feeds/broken.csv"]["first_seen"] <= rows["feeds/broken.csv"]["last_seen"]


def test_reopening_read_only_sees_what_was_committed(store_url):
    with open_store(store_url) as s:
        s.save(fixtures.nairobi_article())
    with open_store(store_url, read_only=True) as s:
        assert [a["title"] for a in s.articles()] == ["Kenyan police arrest protesters"]


def _dated(result, n: int, value: str | None, precision: str):
    """A variant whose first event carries this date value (odd ones included)."""
    v = variant(result, n)
    v.events[0] = replace(v.events[0], date=EventDate(value, precision))
    return v


def _corpus():
    base = fixtures.all_results()
    odd = [
        _dated(fixtures.nato_article(), 1, "2015-02-30", "day"),  # no such day: the publication day counts
        _dated(fixtures.nato_article(), 2, "2014", "year"),
        _dated(fixtures.nairobi_article(), 3, "2023-08", "month"),
        _dated(fixtures.nairobi_article(), 4, None, "publication"),
        _dated(fixtures.undated_article(), 5, "2024-13", "month"),  # no such month
    ]
    undated = variant(fixtures.undated_article(), 6)
    undated = replace(undated, article=replace(undated.article, published=None))
    undated.events[0] = replace(undated.events[0], date=EventDate(None, "publication"))
    return base + odd + [undated]


FILTERS = [
    Filters(),
    Filters(actor="rus"),
    Filters(actor="KEN", target="KEN"),
    Filters(target="IGO"),
    Filters(code="11"),
    Filters(code="0"),
    Filters(status="denied"),
    Filters(since=date(2015, 1, 1), until=date(2015, 1, 31)),
    Filters(since=date(2014, 1, 1), until=date(2014, 12, 31)),
    Filters(since=date(2015, 2, 1)),
    Filters(until=date(2023, 8, 31)),
    Filters(outlet="WIRE DESK"),
    Filters(code="17", status="reported", outlet="coast herald"),
    Filters(limit=4),
    Filters(actor="IGO", limit=0),
]


def _listing(store, kind: str, f: Filters) -> list[dict]:
    return [
        {k: v for k, v in row.items() if k not in ("ingested_at", "recoded_at")} for row in getattr(store, kind)(f)
    ]


def test_both_backends_store_and_answer_exactly_the_same(tmp_path, pg_url):
    duck, pg = open_store(str(tmp_path / "same.duckdb")), open_store(pg_url)
    try:
        corpus = _corpus()
        assert duck.save_many(corpus + corpus[:2]) == pg.save_many(corpus + corpus[:2])
        assert stored_rows(duck) == stored_rows(pg)
        for f in FILTERS:
            for kind in ("events", "mentions", "articles"):
                assert _listing(duck, kind, f) == _listing(pg, kind, f), (kind, f)
        # Replacing: an edited article (same id, other content), and a forced re-code.
        edited = fixtures.nato_article()
        edited = replace(edited, article=replace(edited.article, title="NATO says Russia sent troops"))
        edited.events.pop(0)
        for s in (duck, pg):
            assert s.save_many([edited]) == [True]
            assert s.save_many(corpus[1:3], replace=True) == [True, True]
        assert stored_rows(duck) == stored_rows(pg)
        assert pg.count("mentions") == duck.count("mentions") == sum(len(r.events) for r in corpus) - 1
        assert duck.recode_ids(Filters(outlet="wire desk")) == pg.recode_ids(Filters(outlet="wire desk"))
        assert pg.recode_ids(Filters(), outdated=("0.0.0", "old")) == duck.recode_ids(Filters(), outdated=("0.0.0", "old"))
        ids = duck.recode_ids(Filters())
        assert len(ids) == len(corpus) and duck.stored_articles(ids) == pg.stored_articles(ids)
        assert duck.event_fingerprints().keys() == pg.event_fingerprints().keys()
        # The answers are not trivially equal: the filters do select.
        assert len(list(pg.mentions(Filters(since=date(2014, 1, 1), until=date(2014, 12, 31))))) == 1
        assert {e["cameo_code"] for e in pg.events(Filters(code="11"))} == {"112", "111"}
    finally:
        duck.close()
        pg.close()
