"""A store made of Parquet shards: `ingest --output parquet://DIR`, then `newsevents load`.

For clusters whose writers cannot reach the database (or should not wait for it): each
`save_many` call writes one shard, a Parquet file per table under `DIR/<table>/`, all with
the same shard name, so a shard holds whole articles and loading one is all or nothing
per article, like the database itself. Column names and order are the store's own
(`store/schema.py`), so the shards are also readable as they are by DuckDB, pandas or Spark.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsevents.store.rows import ArticleRows, rows_of
from newsevents.store.schema import ARTICLE_TABLES, TABLES

SCHEME = "parquet://"

_TYPES = {
    "text": pa.string(),
    "integer": pa.int32(),
    "bigint": pa.int64(),
    "double": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us"),
    "text[]": pa.list_(pa.string()),
}
# Failures are kept as met (the store counts repeats when they are loaded).
FAILURES = [("input", "text"), ("reason", "text"), ("time", "timestamp")]
# Columns of `articles` the store stamps itself when it commits.
STAMPED = ("ingested_at", "recoded_at")


def _columns(table: str) -> list[tuple[str, str]]:
    return FAILURES if table == "failures" else TABLES[table]


def _schema(table: str) -> pa.Schema:
    return pa.schema([(name, _TYPES[kind.split()[0].lower()]) for name, kind in _columns(table)])


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class ParquetShards:
    """The writing half of the `Store` protocol, onto Parquet shards in one directory."""

    def __init__(self, directory: str | Path):
        self.dir = Path(str(directory).removeprefix(SCHEME))
        self.dir.mkdir(parents=True, exist_ok=True)
        self._hashes = self._stored_hashes()
        self._failures: list[tuple] = []

    def _stored_hashes(self) -> dict[str, str | None]:
        """Id -> content hash of every article already in a shard (so a re-run resumes)."""
        hashes: dict[str, str | None] = {}
        for path in sorted((self.dir / "articles").glob("*.parquet")):
            table = pq.read_table(path, columns=["id", "content_hash"])
            hashes.update(zip(table.column("id").to_pylist(), table.column("content_hash").to_pylist()))
        return hashes

    def ids(self) -> Iterator[str]:
        return iter(list(self._hashes))

    def has(self, article_id: str) -> bool:
        return article_id in self._hashes

    def present(self, ids: Iterable[str]) -> set[str]:
        return {i for i in ids if i in self._hashes}

    def content_hashes(self, ids: Iterable[str]) -> dict[str, str | None]:
        return {i: self._hashes[i] for i in ids if i in self._hashes}

    def _write(self, table: str, rows: list[tuple], shard: str) -> None:
        names = [name for name, _ in _columns(table)]
        columns = list(zip(*rows)) if rows else [[] for _ in names]
        data = pa.table({n: pa.array(list(c), type=_schema(table).field(n).type) for n, c in zip(names, columns)})
        folder = self.dir / table
        folder.mkdir(exist_ok=True)
        # Written under a hidden name, then renamed: a shard is either whole or invisible.
        tmp = folder / f".{shard}.parquet.tmp"
        pq.write_table(data, tmp)
        os.replace(tmp, folder / f"{shard}.parquet")

    def save(self, result) -> bool:
        return self.save_many([result])[0]

    def save_many(self, results: Iterable, replace: bool = False) -> list[bool]:
        """Write new articles as one shard. An article edited since (other content hash)
        is written again; `load` then replaces it in the store, as a re-ingest would."""
        batch = [r if isinstance(r, ArticleRows) else rows_of(r) for r in results]
        stored, new = [], []
        for rows in batch:
            fresh = replace or self._hashes.get(rows.article_id, "") not in (None, rows.content_hash)
            stored.append(fresh)
            if fresh:
                self._hashes[rows.article_id] = rows.content_hash
                new.append(rows)
        if new:
            shard = f"{_now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
            # Child tables first, the articles table last: a reader (and `load`) takes a
            # shard's articles as the sign that the rest of the shard is complete.
            for table in [t for t in ARTICLE_TABLES if t != "articles"] + ["articles"]:
                if table == "articles":
                    rows = [(*r.article, *(_now() if n == "ingested_at" else None for n in STAMPED)) for r in new]
                else:
                    rows = [row for r in new for row in r.table_rows()[table]]
                self._write(table, rows, shard)
        self._flush_failures()
        return stored

    def record_failure(self, input: str, reason: str) -> None:
        self._failures.append((input, reason, _now()))  # written with the next shard, not one file each

    def _flush_failures(self) -> None:
        if self._failures:
            self._write("failures", self._failures, f"{_now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}")
            self._failures = []

    def close(self) -> None:
        self._flush_failures()


def read_shards(directory: str | Path) -> Iterator[tuple[list[ArticleRows], list[tuple]]]:
    """(articles with their rows, failures) of each complete shard, for `newsevents load`."""
    root = Path(str(directory).removeprefix(SCHEME))
    for path in sorted((root / "articles").glob("*.parquet")):
        shard = path.stem
        by_id: dict[str, ArticleRows] = {}
        names = [n for n, _ in TABLES["articles"] if n not in STAMPED]
        for row in pq.read_table(path).to_pylist():
            by_id[row["id"]] = ArticleRows(article_id=row["id"], article=tuple(row[n] for n in names))
        for table in ARTICLE_TABLES:
            if table == "articles":
                continue
            child = root / table / f"{shard}.parquet"
            names = [n for n, _ in TABLES[table]]
            for row in pq.read_table(child).to_pylist():
                by_id[row["article_id"]].table_rows()[table].append(tuple(row[n] for n in names))
        yield list(by_id.values()), []
    for path in sorted((root / "failures").glob("*.parquet")):
        failures = [(r["input"], r["reason"]) for r in pq.read_table(path).to_pylist()]
        yield [], failures
