"""Readers are never locked out of a DuckDB file by an ingest.

DuckDB lets one process write a file or several read it, never both at once. So:

- a long-running writer (`newsevents ingest`) uses `ReleasingStore`, which holds the file
  only while it looks up or commits a batch and lets go of it in between;
- every open (`connect`) waits, bounded, while another process holds the file, instead
  of failing at once: a reader gets in between two of the writer's batches, a writer
  waits for a reader's listing to end. After the bound, one line names the process that
  holds the file.

Several ingests into one file also take turns this way, each batch whole. PostgreSQL needs
none of this (MVCC); a web server or a notebook that keeps a DuckDB file open for good
still keeps writers out, which the writer then reports.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from newsevents.store.schema import TABLES

# How long a reader waits for a writer's batch, and a writer for a reader's listing.
READER_WAIT = 15.0
WRITER_WAIT = 600.0

_HELD = re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")


def _holder(pid: str, program: str) -> str:
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        command = " ".join(Path(a.decode()).name if i == 0 else a.decode() for i, a in enumerate(args) if a)
    except OSError:
        command = Path(program).name
    return f"process {pid} ({command[:80]})"


def connect(path: str, read_only: bool, config: dict, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """`duckdb.connect`, waiting up to `wait` seconds while another process holds the file."""
    from newsevents.store.duckdb_store import StoreError

    wait = (READER_WAIT if read_only else WRITER_WAIT) if wait is None else wait
    deadline = time.monotonic() + wait
    pause = 0.01
    while True:
        try:
            return duckdb.connect(path, read_only=read_only, config=config)
        except duckdb.IOException as err:
            held = _HELD.search(str(err))
            if held is None:
                raise
            if time.monotonic() >= deadline:
                who = _holder(held["pid"], held["program"])
                raise StoreError(
                    f"{path}: {who} has held the file for over {wait:.0f} s; wait until it ends, or stop it "
                    "(an ingest lets readers in between batches; a program that keeps the file open does not)"
                ) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.1)


class ReleasingStore:
    """A DuckDB store for a long run of writes that lets go of the file between calls.

    Every Store method opens the file, runs, commits and closes it again; opening costs a
    few milliseconds, a batch of articles seconds of parsing. The schema is prepared (or
    migrated) once, on the first open.
    """

    def __init__(self, path: str):
        from newsevents.store.duckdb_store import DuckDBStore

        self.path = str(path)
        DuckDBStore(self.path).close()  # create or migrate now, and report a bad file at once

    def _open(self):
        from newsevents.store.duckdb_store import DuckDBStore

        # The schema is known to be in place: connect, without `versioning.prepare` again.
        store = DuckDBStore.__new__(DuckDBStore)
        store.path = self.path
        store.con = connect(self.path, read_only=False, config={"threads": 1})
        store._inserts = {table: DuckDBStore._insert_sql(table) for table in TABLES}
        return store

    def __getattr__(self, name: str):
        # Any method of the store (today's and those added later), each call on its own
        # short connection; a listing is read to its end before the file is let go.
        from newsevents.store.duckdb_store import DuckDBStore

        method = getattr(DuckDBStore, name)

        def call(*args, **kwargs):
            store = self._open()
            try:
                result = method(store, *args, **kwargs)
                return list(result) if isinstance(result, Iterator) else result
            finally:
                store.close()

        return call

    def close(self) -> None:
        pass  # nothing is held between calls

    def __enter__(self) -> ReleasingStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
