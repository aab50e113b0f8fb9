"""Fixtures that give every store test both backends: a DuckDB file and a database on a
throwaway PostgreSQL server (one server per test session, a fresh database per test).

Test modules import the fixtures they use from here (`from backends import store, ...`).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

import pg_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "store"))
import results as fixtures  # noqa: E402

from newsevents.model import Article, ArticleResult, EventDate, article_id  # noqa: E402
from newsevents.store import open_store  # noqa: E402

BACKENDS = ["duckdb", "postgresql"]


@pytest.fixture(scope="session")
def pg_cluster():
    try:
        cluster = pg_server.shared_cluster()
    except pg_server.Unavailable as err:
        pytest.skip(f"PostgreSQL cannot run here: {err}")
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> str:
    return pg_cluster.new_database()


def url_for(backend: str, request, tmp_path) -> str:
    if backend == "duckdb":
        return str(tmp_path / "test.duckdb")
    return request.getfixturevalue("pg_url")


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path) -> str:
    return url_for(request.param, request, tmp_path)


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


def query(store, sql: str) -> list[tuple]:
    """Rows of a parameterless SQL statement both databases understand."""
    return store.con.execute(sql).fetchall()


def variant(result: ArticleResult, n: int) -> ArticleResult:
    """The same article under another id (and url), so one fixture gives many articles."""
    a = result.article
    url = f"{a.url or 'https://example.org/story'}?v={n}"
    article = replace(a, id=article_id(url, a.text), url=url)
    return replace(result, article=article)


def stored_rows(store) -> dict[str, list[tuple]]:
    """Every row of every article table and of the events, in a fixed order, without commit times."""
    from newsevents.store.schema import ARTICLE_TABLES, column_names

    out = {}
    for table in [*ARTICLE_TABLES, "events"]:
        names = [c for c in column_names(table) if c not in ("ingested_at", "recoded_at")]
        key = "id" if table in ("articles", "events") else ", ".join(names[:2])
        out[table] = query(store, f"SELECT {', '.join(names)} FROM {table} ORDER BY {key}")
    return out


def numbered(n: int) -> ArticleResult:
    """Article number n of an endless supply (the three fixtures in turn, each its own id)."""
    makers = (fixtures.nato_article, fixtures.nairobi_article, fixtures.undated_article)
    r = variant(makers[n % 3](), n)
    # Days apart, so that each article's events are events of their own (a thousand
    # copies of one story would be one event, re-clustered by every batch).
    shift = timedelta(days=3 * n)
    events = [
        replace(e, date=EventDate(str(date.fromisoformat(e.date.value) + shift), "day"))
        if e.date.precision == "day" else e
        for e in r.events
    ]
    return replace(r, article=replace(r.article, published=r.article.published + shift), events=events)


def write_numbered(url: str, numbers: list[int], batch: int = 8) -> None:
    """Store these numbered articles in batches (what a writer process runs)."""
    with open_store(url) as s:
        for i in range(0, len(numbers), batch):
            if any(s.save_many([numbered(n) for n in numbers[i : i + batch]])):
                print("stored", flush=True)  # lets a test kill the writer at a known stage


WRITER = (
    "import sys, json; sys.path.insert(0, sys.argv[1]); import backends; "
    "backends.write_numbered(sys.argv[2], json.loads(sys.argv[3]))"
)


def writer_command(url: str, numbers: list[int]) -> list[str]:
    import json

    return [sys.executable, "-c", WRITER, str(Path(__file__).resolve().parent), url, json.dumps(numbers)]


def per_article_counts(store) -> dict[str, tuple[int, ...]]:
    """article id -> its number of actor, mention, quote and place rows."""
    counts = {}
    for table in ("actors", "mentions", "quotes", "places"):
        for article, n in query(store, f"SELECT article_id, count(*) FROM {table} GROUP BY article_id"):
            counts.setdefault(article, {})[table] = n
    ids = [row[0] for row in query(store, "SELECT id FROM articles")]
    return {
        i: tuple(counts.get(i, {}).get(t, 0) for t in ("actors", "mentions", "quotes", "places")) for i in ids
    }


def expected_counts(n: int) -> tuple[str, tuple[int, ...]]:
    r = numbered(n)
    return r.article.id, (len(r.actors), len(r.events), len(r.quotes), len(r.places))


__all__ = [
    "Article", "BACKENDS", "fixtures", "pg_cluster", "pg_url", "query", "store", "store_url", "stored_rows",
    "url_for", "variant", "numbered", "write_numbered", "writer_command", "per_article_counts",
    "expected_counts",
]
