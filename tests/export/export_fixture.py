"""One store for all export tests: the articles of export_stories.py through the real
pipeline into a DuckDB file, built once per test session."""

from __future__ import annotations

import duckdb
import pytest

import export_stories


@pytest.fixture(scope="session")
def export_results(nlp) -> list:
    from newsevents.pipeline import analyse

    return [analyse(a, nlp(a.text)) for a in export_stories.articles()]


@pytest.fixture(scope="session")
def export_db(export_results, tmp_path_factory) -> str:
    from newsevents.store import open_store

    path = str(tmp_path_factory.mktemp("export") / "stories.duckdb")
    with open_store(path) as store:
        store.save_many(export_results)
    return path


def rows(db: str, sql: str, params: list | None = None) -> list[dict]:
    """What the store itself holds, to check each export against."""
    con = duckdb.connect(db, read_only=True)
    try:
        cur = con.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]
    finally:
        con.close()
