"""The stored `listing_day` (schema 3) that listings sort and filter by: written with each
row, filled in for files of schema 2, and the same day the listings used to compute."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures" / "store"))
import results as fixtures  # noqa: E402

from newsevents.store import Filters, StoreError, open_store  # noqa: E402
from newsevents.store.filters import COMPUTED_DAY  # noqa: E402
from newsevents.store.rows import listing_day  # noqa: E402

PUBLISHED = date(2024, 5, 6)


@pytest.mark.parametrize("value, expected", [
    ("2019-03-05", date(2019, 3, 5)),
    ("2019-03", date(2019, 3, 1)),
    ("2019", date(2019, 1, 1)),
    ("2019-02-30", PUBLISHED),  # no such day
    ("2019-13", PUBLISHED),
    ("2019-W10", PUBLISHED),
    ("next week", PUBLISHED),
    (None, PUBLISHED),
])
def test_the_stored_day_is_the_one_the_sql_computes(value, expected):
    con = duckdb.connect()
    (computed,) = con.execute(
        f"SELECT {COMPUTED_DAY} FROM (SELECT CAST(? AS VARCHAR) AS date_value) e, "
        "(SELECT CAST(? AS DATE) AS published) a", [value, PUBLISHED]
    ).fetchone()
    assert listing_day(value, PUBLISHED) == computed == expected


def _listings(store) -> tuple[list, list]:
    return list(store.events()), list(store.mentions())


def test_a_schema_2_file_is_migrated_with_the_same_listings(tmp_path):
    path = str(tmp_path / "v2.duckdb")
    with open_store(path) as store:
        store.save_many(fixtures.all_results())
        events, mentions = _listings(store)
        since = [m["id"] for m in store.mentions(Filters(since=date(2024, 1, 1)))]
    # The undated article's event is dated to its month: its first day, not publication.
    assert date(2024, 4, 1) in {m["listing_day"] for m in mentions}
    assert [m["listing_day"] for m in mentions] == sorted(m["listing_day"] for m in mentions)
    con = duckdb.connect(path)  # as schema 2 left it: no stored day
    for table in ("mentions", "events"):
        con.execute(f"ALTER TABLE {table} DROP COLUMN listing_day")
    con.execute("UPDATE newsevents_schema SET version = 2")
    con.close()
    with pytest.raises(StoreError, match="schema 2.*--outdated"):
        open_store(path, read_only=True)
    open_store(path).close()
    with open_store(path, read_only=True) as store:
        assert _listings(store) == (events, mentions)
        assert [m["id"] for m in store.mentions(Filters(since=date(2024, 1, 1)))] == since
