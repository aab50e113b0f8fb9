"""The PostgreSQL store: the same tables, migrations and answers as the DuckDB store, on a
server that several writers and any number of readers share.

The store's logic (whole-article batches, replacing edited articles, re-clustering the
events a batch touches, schema versions) is written once, in `DuckDBStore`, against a
small connection interface: `execute(sql, params)` with `?` placeholders, `begin`,
`commit`, `rollback`, `register`/`unregister` of column data as a table, and `_append`.
`PostgresStore` runs that same logic over `Connection`, which speaks that interface to a
server through psycopg 3; only what differs between the databases lives here:

- Column types: `schema.py`'s logical types through `TYPES`; the tables themselves come
  from `schema.create_statements` and `versioning.prepare`, never written out twice.
- Writers: every write transaction takes one advisory lock right after BEGIN, so writers
  commit one at a time and each sees the others' articles and events before it decides
  what is new and re-clusters (reading, parsing and coding still run in parallel). A
  writer killed mid-batch leaves nothing: the server rolls its transaction back.
- Bulk rows go in with COPY; the article id (primary key) still refuses a duplicate.
- Readers see committed batches only (MVCC) and never wait for a writer.
- DuckDB's `try_cast` chain for an event's day is the SQL function `newsevents_day`
  (only the migration of schema-2 databases computes it; rows store `listing_day`).
- Indexes for the listing filters and for re-clustering (DuckDB scans instead); the
  listings' sort key has its own, so a first page reads its rows in index order.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql as pgsql

from newsevents.store import versioning
from newsevents.store.duckdb_store import DuckDBStore, StoreError
from newsevents.store.filters import COMPUTED_DAY, Filters, events_query, mentions_query
from newsevents.store.schema import SCHEMA_VERSION, TABLES, column_names

# Logical column type (schema.py) -> PostgreSQL type.
TYPES = {
    "text": "text",
    "integer": "integer",
    "bigint": "bigint",
    "double": "double precision",
    "boolean": "boolean",
    "date": "date",
    "timestamp": "timestamp",
    "text[]": "text[]",
}

# Indexes for the filters of `articles` / `events` / `mentions` and for the lookups of
# re-clustering. Code prefixes are matched with starts_with, which uses a btree index
# only through the pattern operator class when the database's collation is not C.
_CODES = ["source_code text_pattern_ops", "target_code text_pattern_ops", "cameo_code text_pattern_ops", "status"]
# The ORDER BY of `filters._rows_query`, whole, so that ... LIMIT and --since/--until read
# only the rows they return, with the filtered codes, so that a rare filter reads only the
# index (new indexes go last: their names are numbered).
_LISTING = "listing_day, article_id, sentence_start, id) INCLUDE (source_code, target_code, cameo_code, status"
INDEXES = {
    "articles": ["published", "lower(outlet)"],
    "actors": ["article_id", "code text_pattern_ops"],
    "mentions": ["article_id, id", "event_id", "block_key, day", *_CODES, _LISTING],
    "events": ["id", "article_id", *_CODES, _LISTING],
    "quotes": ["article_id"],
    "places": ["article_id"],
}

# Built from make_date and integer arithmetic only, which are immutable (a text->date cast
# depends on DateStyle), so the planner inlines the function instead of calling it per row.
DAY_FUNCTION = r"""
CREATE OR REPLACE FUNCTION newsevents_day(value text, published date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE
  WHEN left(value, 4) = '0000' THEN published
  WHEN value ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN
    -- a day the month does not have (30 February) is no date, as for DuckDB's try_cast
    CASE WHEN extract(day FROM make_date(left(value, 4)::int, substr(value, 6, 2)::int, 1)
                               + (right(value, 2)::int - 1)) = right(value, 2)::int
         THEN make_date(left(value, 4)::int, substr(value, 6, 2)::int, 1) + (right(value, 2)::int - 1)
         ELSE published END
  WHEN value ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' THEN make_date(left(value, 4)::int, right(value, 2)::int, 1)
  WHEN value ~ '^[0-9]{4}$' THEN make_date(value::int, 1, 1)
  ELSE published
END
$$
"""

# Any constants do; they only have to be the same in every newsevents process.
SCHEMA_LOCK = 0x6E657773
WRITE_LOCK = 0x6E657774


def display(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)))


def reason(err: Exception, password: str | None = None) -> str:
    """psycopg's message on one line, the password scrubbed."""
    text = str(err)
    if password:
        text = text.replace(password, "***")
    text = re.sub(r"connection (failed|to server at [^:]*?failed):\s*", "", text)
    text = re.sub(r"\b(FATAL|ERROR|DETAIL|HINT):\s*", "", text)
    return " ".join(text.split()) or type(err).__name__


def translate(sql: str) -> str:
    """DuckDB-flavoured SQL of the shared store code -> PostgreSQL."""
    sql = sql.replace(COMPUTED_DAY, "newsevents_day(e.date_value, a.published)")
    # An id list may be empty, and an empty array has no type PostgreSQL could infer.
    sql = sql.replace("unnest(?)", "unnest(?::text[])")
    # psycopg takes %s where DuckDB takes ?; the store's SQL has no literal % or ?.
    return sql.replace("%", "%%").replace("?", "%s")


class Connection:
    """The part of DuckDB's connection API the store code uses, over one psycopg connection."""

    def __init__(self, url: str):
        self.pg = psycopg.connect(url, autocommit=True, connect_timeout=10, application_name="newsevents")

    def execute(self, sql: str, params=None) -> psycopg.Cursor:
        return self.pg.execute(translate(sql), params)

    def begin(self) -> None:
        self.pg.execute("BEGIN")
        # Only writers open transactions: one at a time from here to COMMIT (see the top).
        self.pg.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])

    def commit(self) -> None:
        self.pg.execute("COMMIT")

    def rollback(self) -> None:
        if self.pg.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            self.pg.execute("ROLLBACK")

    def register(self, name: str, columns: dict) -> None:
        """Column data as a temporary table of text columns (the store's SQL casts what it needs)."""
        names = list(columns)
        self.pg.execute(
            pgsql.SQL("CREATE TEMP TABLE {} ({})").format(
                pgsql.Identifier(name), pgsql.SQL(", ").join(pgsql.SQL("{} text").format(pgsql.Identifier(n)) for n in names)
            )
        )
        rows = zip(*(columns[n] for n in names))
        self.copy(name, names, ([None if v is None else str(v) for v in row] for row in rows))

    def unregister(self, name: str) -> None:
        self.pg.execute(pgsql.SQL("DROP TABLE IF EXISTS {}").format(pgsql.Identifier(name)))

    def copy(self, table: str, names: list[str], rows) -> None:
        statement = pgsql.SQL("COPY {} ({}) FROM STDIN").format(
            pgsql.Identifier(table), pgsql.SQL(", ").join(map(pgsql.Identifier, names))
        )
        with self.pg.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    def close(self) -> None:
        self.pg.close()


class PostgresStore(DuckDBStore):
    def __init__(self, url: str, read_only: bool = False):
        self.url = url
        self.path = self.name = display(url)  # `path` names the store in the shared messages
        self._password = urlsplit(url).password
        self.read_only = read_only
        self._cursors = itertools.count()  # listings may overlap, each needs its own cursor name
        try:
            self.con = Connection(url)
        except psycopg.Error as err:
            raise self._error(f"cannot connect ({reason(err, self._password)})") from None
        try:
            self._prepare()
        except BaseException:
            self.con.close()
            raise

    def _error(self, message: str) -> StoreError:
        return StoreError(f"{self.name}: {message}")

    def _prepare(self) -> None:
        pg = self.con.pg
        try:
            if self.read_only:
                found = versioning.check(self.con, self.name)
                if found == 0:
                    raise self._error("no newsevents tables in this database (run `newsevents ingest` first)")
                if found < SCHEMA_VERSION:
                    raise StoreError(versioning.needs_migration_message(self.name, found))
                return
            if not self._may_write():
                user = pg.execute("SELECT current_user").fetchone()[0]
                raise self._error(
                    f"user {user} may not write here; ingest needs a user with CREATE and INSERT rights "
                    "(queries work with read-only rights)"
                )
            if self._up_to_date():
                return  # no DDL: a writer with INSERT rights alone may ingest
            # Writers starting together on an empty database must not both create the tables.
            pg.execute("SELECT pg_advisory_lock(%s)", [SCHEMA_LOCK])
            try:
                pg.execute(DAY_FUNCTION)  # before the migration, which computes days with it
                found = versioning.prepare(self.con, self.name, TYPES)
                for table, indexes in INDEXES.items():
                    for i, expression in enumerate(indexes):
                        pg.execute(f"CREATE INDEX IF NOT EXISTS {table}_i{i} ON {table} ({expression})")
            finally:
                pg.execute("SELECT pg_advisory_unlock(%s)", [SCHEMA_LOCK])
            if found == 1:
                self._key_migrated_mentions()
        except versioning.ForeignDatabase as err:
            raise StoreError(str(err)) from None
        except psycopg.Error as err:
            raise self._error(reason(err, self._password)) from None

    def _up_to_date(self) -> bool:
        """Tables of this schema version, with every column `model.py` has today?"""
        if versioning.check(self.con, self.name) != SCHEMA_VERSION:
            return False
        return all(set(column_names(t)) <= set(versioning.columns(self.con, t)) for t in TABLES)

    def _may_write(self) -> bool:
        """May this user create the tables, or, where they exist, insert into them?"""
        pg = self.con.pg
        existing = versioning.tables(self.con)
        if "articles" not in existing:
            return pg.execute("SELECT has_schema_privilege(current_schema(), 'CREATE')").fetchone()[0]
        return all(
            pg.execute("SELECT has_table_privilege(%s, 'INSERT')", [t]).fetchone()[0]
            for t in ("articles", "mentions", "events") if t in existing
        )

    def _append(self, table: str, rows: list[tuple]) -> None:
        if rows:
            self.con.copy(table, column_names(table), rows)

    def save_many(self, results, replace: bool = False) -> list[bool]:
        try:
            return super().save_many(results, replace)
        except psycopg.errors.InsufficientPrivilege as err:
            raise self._error(reason(err, self._password)) from None

    def events(self, filters: Filters = Filters()) -> Iterator[dict]:
        return self._dicts(*events_query(filters, column_names("events"), keyed_page=True))

    def mentions(self, filters: Filters = Filters()) -> Iterator[dict]:
        return self._dicts(*mentions_query(filters, column_names("mentions"), keyed_page=True))

    def _dicts(self, sql: str, params: list) -> Iterator[dict]:
        # A server-side cursor streams a large listing instead of holding it in memory; its
        # transaction gives the whole listing one consistent snapshot.
        pg = self.con.pg
        with pg.transaction(), pg.cursor(name=f"newsevents_listing_{next(self._cursors)}") as cursor:
            # Every row is fetched, so plan for all of them, as for a plain query: planning a
            # cursor for its first tenth (the default) walks the sort key's index even for a
            # rare filter, reading most of the table (1.2 s instead of 50 ms at 1M rows).
            pg.execute("SET LOCAL cursor_tuple_fraction = 1")
            cursor.execute(translate(sql), params)
            names = None
            while chunk := cursor.fetchmany(1000):
                names = names or [d.name for d in cursor.description]
                for row in chunk:
                    yield dict(zip(names, row))

    def __enter__(self) -> PostgresStore:
        return self
