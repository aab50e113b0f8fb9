"""The same rows and the same filtered answers from DuckDB and from PostgreSQL, for one
corpus with odd dates, before and after edits and re-codes (the battery both stores must
pass on their own is test_store.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from backends import fixtures, pg_cluster, pg_url, stored_rows, variant  # noqa: F401

from newsevents.model import EventDate
from newsevents.store import Filters, open_store


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
