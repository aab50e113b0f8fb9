"""Read-only access to the store for the web app, with a time limit on every query.

The app never writes: DuckDB is opened read-only, so a request cannot change the data
whatever SQL a bug might build. One connection is shared; each server thread queries
through its own cursor (DuckDB connections are not safe to use from two threads at once,
cursors of one connection are). DuckDB has no statement timeout setting, so a timer
interrupts a query that runs too long and the app answers 503 instead of holding a
worker thread indefinitely.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb


class DatabaseError(Exception):
    """The database cannot be opened; the message is meant for the user."""


class QueryTimeout(Exception):
    """A query ran past the time limit and was interrupted."""


class Database:
    def __init__(self, path: str | Path, timeout: float = 5.0):
        target = str(path)
        if target.startswith(("postgresql://", "postgres://")):
            raise DatabaseError("PostgreSQL support not built yet: pass a DuckDB file path to --db for now")
        target = target.removeprefix("duckdb://")
        if not Path(target).is_file():
            raise DatabaseError(f"{target}: no such database (run `newsevents ingest` first)")
        try:
            self.con = duckdb.connect(target, read_only=True)
        except duckdb.Error as err:
            raise DatabaseError(f"{target}: cannot open database read-only ({err})") from None
        self.path = target
        self.timeout = timeout
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._lock = threading.Lock()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._local.cursor = self.con.cursor()
            with self._lock:
                self._cursors.append(cursor)
        return cursor

    def rows(self, sql: str, params: list | tuple = ()) -> list[dict]:
        cursor = self._cursor()
        timer = threading.Timer(self.timeout, cursor.interrupt)
        timer.start()
        try:
            result = cursor.execute(sql, list(params))
            names = [d[0] for d in result.description]
            return [dict(zip(names, row)) for row in result.fetchall()]
        except duckdb.InterruptException:
            raise QueryTimeout(f"query took longer than {self.timeout:g} s") from None
        finally:
            timer.cancel()

    def stream(self, sql: str, params: list | tuple = (), chunk: int = 2000):
        """Rows of a long result, a chunk at a time, on a cursor of its own (for exports)."""
        cursor = self.con.cursor()
        try:
            result = cursor.execute(sql, list(params))
            names = [d[0] for d in result.description]
            while batch := result.fetchmany(chunk):
                for row in batch:
                    yield dict(zip(names, row))
        finally:
            cursor.close()

    def close(self) -> None:
        with self._lock:
            for cursor in self._cursors:
                cursor.close()
            self._cursors.clear()
        self.con.close()
