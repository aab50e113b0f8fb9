"""The PostgreSQL store: the same tables and answers as the DuckDB store, on a server that
several writers and any number of readers share.

- The tables are generated from `schema.py` through `TYPES`, never written out a second time.
- A batch of whole articles is one transaction: the article rows go in with
  `ON CONFLICT (id) DO NOTHING RETURNING id`, so of two writers storing the same article
  the second waits for the first to commit and then skips it, and only the articles this
  transaction really inserted get their child rows, which go in by COPY. A writer killed
  mid-batch leaves nothing: the server rolls its open transaction back.
- Readers see committed batches only (MVCC) and never wait for a writer.
- Creating the tables takes an advisory lock, so writers starting together on an empty
  database do not trip over each other's CREATE TABLE.
- The filters are `filters.py`'s portable SQL with DuckDB's `?` placeholders turned into
  psycopg's `%s`; the event's day (a `try_cast` chain in DuckDB) is the SQL function
  `newsevents_day`, created with the tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql as pgsql

from newsevents.model import ArticleResult
from newsevents.store.duckdb_store import StoreError
from newsevents.store.filters import EVENT_DAY, Filters, articles_query, events_query
from newsevents.store.rows import ArticleRows, rows_of
from newsevents.store.schema import ARTICLE_TABLES, TABLES, column_names

# The schema's column types (DuckDB spelling) in PostgreSQL.
TYPES = {
    "VARCHAR": "text",
    "VARCHAR[]": "text[]",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "DOUBLE": "double precision",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
}

# Indexes for the filters of `articles` / `events` (and the joins behind them). Code prefixes
# are matched with starts_with, which can use a btree index only with the pattern operator
# class when the database's collation is not C.
INDEXES = {
    "articles": ["published", "lower(outlet)"],
    "actors": ["article_id", "code text_pattern_ops"],
    "events": [
        "article_id", "source_code text_pattern_ops", "target_code text_pattern_ops",
        "cameo_code text_pattern_ops", "status",
    ],
    "quotes": ["article_id"],
    "places": ["article_id"],
    "failures": [],
}

DAY_FUNCTION = r"""
CREATE OR REPLACE FUNCTION newsevents_day(value text, published date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE
  WHEN value ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN
    -- a day the month does not have (30 February) is no date, as for DuckDB's try_cast
    CASE WHEN extract(day FROM (left(value, 7) || '-01')::date + (right(value, 2)::int - 1)) = right(value, 2)::int
         THEN (left(value, 7) || '-01')::date + (right(value, 2)::int - 1) ELSE published END
  WHEN value ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' THEN (value || '-01')::date
  WHEN value ~ '^[0-9]{4}$' THEN (value || '-01-01')::date
  ELSE published
END
$$
"""
PG_EVENT_DAY = "newsevents_day(e.date_value, a.published)"

# Any constant will do: it only has to be the same for every newsevents process.
SCHEMA_LOCK = 0x6E657773


def display(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def _reason(err: Exception, password: str | None) -> str:
    text = str(err)
    if password:
        text = text.replace(password, "***")
    text = re.sub(r"connection (failed|to server at [^:]*?failed):\s*", "", text)
    text = re.sub(r"\b(FATAL|ERROR):\s*", "", text)
    return " ".join(text.split()) or type(err).__name__


def _day_sql(sql: str) -> str:
    # psycopg takes %s where DuckDB takes ?; the filters contain no literal % or ?.
    return sql.replace(EVENT_DAY, PG_EVENT_DAY).replace("%", "%%").replace("?", "%s")


def _pg_type(kind: str) -> str:
    base = kind.replace(" PRIMARY KEY", "")
    return TYPES[base] + (" PRIMARY KEY" if base != kind else "")


def create_statements() -> list[str]:
    statements = [
        f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(f'{name} {_pg_type(kind)}' for name, kind in columns)})"
        for table, columns in TABLES.items()
    ]
    for table, indexes in INDEXES.items():
        for i, expression in enumerate(indexes):
            statements.append(f"CREATE INDEX IF NOT EXISTS {table}_i{i} ON {table} ({expression})")
    statements.append(DAY_FUNCTION)
    return statements


def _utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class PostgresStore:
    def __init__(self, url: str, read_only: bool = False):
        self.url = url
        self.name = display(url)
        self._password = urlsplit(url).password
        self.read_only = read_only
        try:
            self.con = psycopg.connect(url, autocommit=True, connect_timeout=10, application_name="newsevents")
        except psycopg.Error as err:
            raise self._error(f"cannot connect ({_reason(err, self._password)})") from None
        try:
            self._prepare()
        except BaseException:
            self.con.close()
            raise

    def _error(self, message: str) -> StoreError:
        return StoreError(f"{self.name}: {message}")

    def _existing_columns(self) -> dict[str, list[str]]:
        rows = self.con.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = ANY(%s) ORDER BY table_name, ordinal_position",
            [list(TABLES)],
        ).fetchall()
        found: dict[str, list[str]] = {}
        for table, column in rows:
            found.setdefault(table, []).append(column)
        return found

    def _check_shape(self, found: dict[str, list[str]]) -> None:
        for table, columns in found.items():
            if columns != column_names(table):
                raise self._error(
                    f"table {table} exists but is not a newsevents table (its columns differ); "
                    "point --db at a database of its own"
                )

    def _prepare(self) -> None:
        try:
            found = self._existing_columns()
            self._check_shape(found)
            if self.read_only:
                if "articles" not in found:
                    raise self._error("no newsevents tables in this database (run `newsevents ingest` first)")
                return
            if len(found) < len(TABLES):
                with self.con.transaction():
                    self.con.execute("SELECT pg_advisory_xact_lock(%s)", [SCHEMA_LOCK])
                    for statement in create_statements():
                        self.con.execute(statement)
                self._check_shape(self._existing_columns())
            denied = [
                t for t in TABLES
                if not self.con.execute("SELECT has_table_privilege(%s, 'INSERT')", [t]).fetchone()[0]
            ]
            if denied:
                user = self.con.execute("SELECT current_user").fetchone()[0]
                raise self._error(
                    f"user {user} may not write here (no INSERT on {', '.join(denied)}); "
                    "ingest needs a user with write rights, queries work read-only"
                )
        except psycopg.Error as err:
            raise self._error(_reason(err, self._password)) from None

    # -- writing ---------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = %s", [article_id]).fetchone() is not None

    def present(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id = ANY(%s)", [ids]).fetchall()
        return {row[0] for row in rows}

    def save(self, result: ArticleResult | ArticleRows) -> bool:
        return self.save_many([result])[0]

    def _copy(self, cursor: psycopg.Cursor, table: str, rows: list[tuple]) -> None:
        if not rows:
            return
        statement = pgsql.SQL("COPY {} ({}) FROM STDIN").format(
            pgsql.Identifier(table), pgsql.SQL(", ").join(map(pgsql.Identifier, column_names(table)))
        )
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    def save_many(self, results: Iterable[ArticleResult | ArticleRows]) -> list[bool]:
        """Store several whole articles in one transaction; per input, whether it was stored."""
        batch = [r if isinstance(r, ArticleRows) else rows_of(r) for r in results]
        if not batch:
            return []
        first: dict[str, ArticleRows] = {}
        # In id order, so two writers storing overlapping batches take the rows' locks in
        # the same order and one waits for the other instead of both deadlocking.
        for rows in sorted(batch, key=lambda r: r.article_id):
            first.setdefault(rows.article_id, rows)
        now = _utc_now()
        names = column_names("articles")
        try:
            with self.con.transaction(), self.con.cursor() as cursor:
                values = ", ".join(["(" + ", ".join(["%s"] * len(names)) + ")"] * len(first))
                cursor.execute(
                    f"INSERT INTO articles ({', '.join(names)}) VALUES {values} ON CONFLICT (id) DO NOTHING RETURNING id",
                    [v for rows in first.values() for v in (*rows.article, now)],
                )
                inserted = {row[0] for row in cursor.fetchall()}
                new = [rows for rows in first.values() if rows.article_id in inserted]
                for table in ARTICLE_TABLES:
                    if table != "articles":
                        self._copy(cursor, table, [row for r in new for row in r.table_rows()[table]])
        except psycopg.errors.InsufficientPrivilege as err:
            raise self._error(_reason(err, self._password)) from None
        stored = []
        for rows in batch:
            fresh = rows.article_id in inserted and first.get(rows.article_id) is rows
            stored.append(fresh)
        return stored

    def record_failure(self, input: str, reason: str) -> None:
        self.con.execute("INSERT INTO failures VALUES (%s, %s, %s)", [input, reason, _utc_now()])

    # -- reading ---------------------------------------------------------------------

    def _dicts(self, sql: str, params: list) -> Iterator[dict]:
        # A server-side cursor streams a large answer instead of holding it in memory; its
        # transaction also gives the whole listing one consistent snapshot.
        with self.con.transaction(), self.con.cursor(name="newsevents_listing") as cursor:
            cursor.execute(_day_sql(sql), params)
            names = None
            while chunk := cursor.fetchmany(1000):
                if names is None:
                    names = [d.name for d in cursor.description]
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

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
