"""The DuckDB store: one file, one writer process.

Rows go in through DuckDB's scan of registered NumPy object columns rather than
parameterised INSERTs: binding parameters costs ~100 µs per row and every statement
~1 ms, which at ingest speed would make the single writer the bottleneck. Several whole
articles may share one transaction (`save_many`); each article is still all or nothing,
because its rows are only ever written together with its `articles` row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import numpy as np

from newsevents.model import ArticleResult
from newsevents.store.filters import Filters, articles_query, events_query
from newsevents.store.rows import ArticleRows, rows_of
from newsevents.store.schema import ARTICLE_TABLES, TABLES, column_names, create_statements


class StoreError(Exception):
    """A store that cannot be opened or used; the message is meant for the user."""


def _column(values: list) -> np.ndarray:
    # An object array keeps None, lists and strings as they are; DuckDB casts on insert.
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class DuckDBStore:
    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database (run `newsevents ingest` first)")
        try:
            # One thread: inserts are tiny, and the parsing workers need the cores.
            config = {"threads": 1} if not read_only else {}
            self.con = duckdb.connect(self.path, read_only=read_only, config=config)
        except duckdb.Error as err:
            raise StoreError(f"{self.path}: cannot open database ({err})") from None
        if not read_only:
            for statement in create_statements():
                self.con.execute(statement)
        self._inserts = {
            table: self._insert_sql(table) for table in TABLES
        }

    @staticmethod
    def _insert_sql(table: str) -> str:
        casts = ", ".join(f"CAST({name} AS {kind.replace(' PRIMARY KEY', '')})" for name, kind in TABLES[table])
        return f"INSERT INTO {table} SELECT {casts} FROM incoming_{table}"

    def _append(self, table: str, rows: list[tuple]) -> None:
        if not rows:
            return
        names = column_names(table)
        view = f"incoming_{table}"
        self.con.register(view, {name: _column([row[i] for row in rows]) for i, name in enumerate(names)})
        try:
            self.con.execute(self._inserts[table])
        finally:
            self.con.unregister(view)

    # -- writing ---------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def present(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored: one query for many (each query costs ~1 ms)."""
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {row[0] for row in rows}

    def save(self, result: ArticleResult | ArticleRows) -> bool:
        """Store one article and all its rows in one transaction; False if already present."""
        return self.save_many([result])[0]

    def save_many(self, results: Iterable[ArticleResult | ArticleRows]) -> list[bool]:
        """Store several whole articles in one transaction (one commit is ~1 ms of CPU).

        Returns, per input, whether it was stored (False: that id was already present).
        """
        batch = [r if isinstance(r, ArticleRows) else rows_of(r) for r in results]
        if not batch:
            return []
        ids = list({r.article_id for r in batch})
        self.con.begin()
        try:
            present = self.present(ids)
            stored: list[bool] = []
            new: list[ArticleRows] = []
            for rows in batch:
                fresh = rows.article_id not in present
                stored.append(fresh)
                if fresh:
                    present.add(rows.article_id)  # the same article twice in one batch
                    new.append(rows)
            now = _utc_now()
            self._append("articles", [(*r.article, now) for r in new])
            for table in ARTICLE_TABLES:
                if table != "articles":
                    self._append(table, [row for r in new for row in r.table_rows()[table]])
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return stored

    def record_failure(self, input: str, reason: str) -> None:
        self.con.execute("INSERT INTO failures VALUES (?, ?, ?)", [input, reason, _utc_now()])

    # -- reading ---------------------------------------------------------------------

    def _dicts(self, sql: str, params: list) -> Iterator[dict]:
        cursor = self.con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        while chunk := cursor.fetchmany(1000):
            for row in chunk:
                yield dict(zip(names, row))

    def articles(self, filters: Filters = Filters()) -> Iterator[dict]:
        return self._dicts(*articles_query(filters))

    def events(self, filters: Filters = Filters()) -> Iterator[dict]:
        return self._dicts(*events_query(filters, column_names("events")))

    def failures(self) -> Iterator[dict]:
        return self._dicts("SELECT * FROM failures ORDER BY time", [])

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
