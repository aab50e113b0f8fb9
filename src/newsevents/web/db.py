"""Read-only access to the store for the web app, with a time limit on every query.

The app never writes: DuckDB is opened read-only, so a request cannot change the data
whatever SQL a bug might build. DuckDB lets one process write a file or several read it,
never both at once, so the server holds the file only while requests are running and lets
go of it once none has run for `linger` seconds (`store/duckdb_sharing.py`): an ingest
writing the same file gets in between bursts of requests, and a request waits, bounded,
for the ingest's batch to commit. The linger spares a page's burst of requests one open
of the file each (~20 ms, and DuckDB's block cache with it).
While the file is held, each request queries through its own cursor of the one shared
connection (cursors of a connection may run in parallel threads). DuckDB has no statement
timeout setting, so a timer interrupts a query that runs too long and the app answers 503
instead of holding a worker thread indefinitely.

On PostgreSQL (`PgDatabase`) each request is one read-only, repeatable-read transaction on
its own connection, and the server's own `statement_timeout` is the time limit; MVCC lets
ingests write meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

from newsevents.store import StoreError
from newsevents.store.duckdb_sharing import READER_WAIT, connect


class DatabaseError(Exception):
    """The database cannot be opened; the message is meant for the user."""


class QueryTimeout(Exception):
    """A query ran past the time limit and was interrupted."""


class Session:
    """One request's view of the database: its cursor, and the time limit of each query."""

    # DuckDB rows can be fetched back by their row id within one session (queries.py).
    row_ids = True

    def __init__(self, cursor: duckdb.DuckDBPyConnection, timeout: float):
        self.cursor = cursor
        self.timeout = timeout

    def rows(self, sql: str, params: list | tuple = ()) -> list[dict]:
        timer = threading.Timer(self.timeout, self.cursor.interrupt)
        timer.start()
        try:
            result = self.cursor.execute(sql, list(params))
            names = [d[0] for d in result.description]
            return [dict(zip(names, row)) for row in result.fetchall()]
        except duckdb.InterruptException:
            raise QueryTimeout(f"query took longer than {self.timeout:g} s") from None
        finally:
            timer.cancel()

    def stream(self, sql: str, params: list | tuple = (), chunk: int = 2000) -> Iterator[dict]:
        """Rows of a long result a chunk at a time (exports: no time limit, the client reads them)."""
        result = self.cursor.execute(sql, list(params))
        names = [d[0] for d in result.description]
        while batch := result.fetchmany(chunk):
            for row in batch:
                yield dict(zip(names, row))


class Database:
    def __init__(self, path: str | Path, timeout: float = 5.0, wait: float = READER_WAIT, linger: float = 0.5):
        target = str(path).removeprefix("duckdb://")
        if not Path(target).is_file():
            raise DatabaseError(f"{target}: no such database (run `newsevents ingest` first)")
        self.path = target
        self.timeout = timeout
        self.wait = wait
        self.linger = linger
        self._release: threading.Timer | None = None
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._lock = threading.Lock()
        with self.session() as session:  # a file that is no database is reported now, not per request
            session.rows("SELECT count(*) FROM events")

    def _connect(self) -> duckdb.DuckDBPyConnection:
        try:
            return connect(self.path, read_only=True, config={}, wait=self.wait)
        except StoreError as err:
            raise DatabaseError(str(err)) from None
        except duckdb.Error as err:
            raise DatabaseError(f"{self.path}: cannot open database read-only ({err})") from None

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._lock:
            if self._release is not None:
                self._release.cancel()
                self._release = None
            if self._con is None:
                self._con = self._connect()
            self._users += 1
            cursor = self._con.cursor()
        try:
            yield Session(cursor, self.timeout)
        except duckdb.CatalogException as err:
            raise DatabaseError(f"{self.path}: not a newsevents database ({str(err).splitlines()[0]})") from None
        finally:
            cursor.close()
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    self._release = threading.Timer(self.linger, self._close_if_idle)
                    self._release.daemon = True
                    self._release.start()

    def _close_if_idle(self) -> None:
        with self._lock:
            if self._users == 0 and self._con is not None:
                self._con.close()
                self._con = None

    def rows(self, sql: str, params: list | tuple = ()) -> list[dict]:
        with self.session() as session:
            return session.rows(sql, params)

    def close(self) -> None:
        with self._lock:
            if self._release is not None:
                self._release.cancel()
            if self._users == 0 and self._con is not None:
                self._con.close()
                self._con = None


class PgSession:
    row_ids = False

    def __init__(self, con, timeout: float):
        self.con = con
        self.timeout = timeout

    def rows(self, sql: str, params: list | tuple = ()) -> list[dict]:
        import psycopg

        from newsevents.store.postgres import translate

        try:
            cursor = self.con.execute(translate(sql), list(params))
        except psycopg.errors.QueryCanceled:
            raise QueryTimeout(f"query took longer than {self.timeout:g} s") from None
        names = [d.name for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


class PgDatabase:
    def __init__(self, url: str, timeout: float = 5.0):
        from newsevents.store.postgres import display

        self.url = url
        self.path = display(url)  # for messages: no password
        self.timeout = timeout
        with self.session() as session:
            session.rows("SELECT count(*) FROM events")

    @contextmanager
    def session(self) -> Iterator[PgSession]:
        import psycopg

        from newsevents.store.postgres import reason

        options = f"-c default_transaction_read_only=on -c statement_timeout={max(1, int(self.timeout * 1000))}"
        try:
            con = psycopg.connect(self.url, connect_timeout=10, application_name="newsevents-web", options=options)
        except psycopg.Error as err:
            raise DatabaseError(f"{self.path}: cannot connect ({reason(err, urlsplit(self.url).password)})") from None
        # One snapshot for all the queries of a request (a page and its rows agree).
        con.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        try:
            yield PgSession(con, self.timeout)
        except psycopg.errors.UndefinedTable as err:
            raise DatabaseError(f"{self.path}: not a newsevents database ({str(err).splitlines()[0]})") from None
        finally:
            con.rollback()
            con.close()

    def rows(self, sql: str, params: list | tuple = ()) -> list[dict]:
        with self.session() as session:
            return session.rows(sql, params)

    def close(self) -> None:
        pass


def open_database(target: str, timeout: float = 5.0) -> Database | PgDatabase:
    """The store at a DuckDB path or a postgresql:// URL, for reading."""
    if str(target).startswith(("postgresql://", "postgres://")):
        return PgDatabase(str(target), timeout)
    return Database(target, timeout)
