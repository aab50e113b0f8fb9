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
from newsevents.store.schema import ARTICLE_TABLES, TABLES, TYPES, column_names

SCHEME = "parquet://"

_TYPES = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
}


def _schema(table: str) -> pa.Schema:
    return pa.schema([(name, _TYPES[TYPES[kind]]) for name, kind in TABLES[table]])


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class ParquetShards:
    """The writing half of the `Store` protocol, onto Parquet shards in one directory."""

    def __init__(self, directory: str | Path):
        self.dir = Path(str(directory).removeprefix(SCHEME))
        self.dir.mkdir(parents=True, exist_ok=True)
        self._ids = set(self.ids())
        self._failures: list[tuple] = []

    def ids(self) -> Iterator[str]:
        """Ids of every article already in a shard (so a re-run resumes)."""
        for path in sorted((self.dir / "articles").glob("*.parquet")):
            yield from pq.read_table(path, columns=["id"]).column("id").to_pylist()

    def has(self, article_id: str) -> bool:
        return article_id in self._ids

    def present(self, ids: Iterable[str]) -> set[str]:
        return {i for i in ids if i in self._ids}

    def content_hashes(self, ids: Iterable[str]) -> dict[str, str | None]:
        # Shards keep no edit history: an article already in a shard counts as unchanged.
        return {i: None for i in ids if i in self._ids}

    def _write(self, table: str, rows: list[tuple], shard: str) -> None:
        names = column_names(table)
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

    def save_many(self, results: Iterable) -> list[bool]:
        batch = [r if isinstance(r, ArticleRows) else rows_of(r) for r in results]
        stored, new = [], []
        for rows in batch:
            fresh = rows.article_id not in self._ids
            stored.append(fresh)
            if fresh:
                self._ids.add(rows.article_id)
                new.append(rows)
        if new:
            shard = f"{_now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
            # Child tables first, the articles table last: a reader (and `load`) takes a
            # shard's articles as the sign that the rest of the shard is complete.
            for table in [t for t in ARTICLE_TABLES if t != "articles"] + ["articles"]:
                if table == "articles":
                    rows = [(*r.article, _now(), None) for r in new]  # ingested_at, recoded_at
                else:
                    rows = [row for r in new for row in r.table_rows()[table]]
                self._write(table, rows, shard)
        self._flush_failures()
        return stored

    def record_failure(self, input: str, reason: str) -> None:
        self._failures.append((input, reason, 1, _now(), _now()))  # written with the next shard, not one file each

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
        for row in pq.read_table(path).to_pylist():
            values = tuple(row[n] for n in column_names("articles"))[:-2]  # the store stamps ingested_at, recoded_at
            by_id[row["id"]] = ArticleRows(article_id=row["id"], article=values)
        for table in ARTICLE_TABLES:
            if table == "articles":
                continue
            child = root / table / f"{shard}.parquet"
            for row in pq.read_table(child).to_pylist():
                by_id[row["article_id"]].table_rows()[table].append(tuple(row[n] for n in column_names(table)))
        yield list(by_id.values()), []
    for path in sorted((root / "failures").glob("*.parquet")):
        failures = [(r["input"], r["reason"]) for r in pq.read_table(path).to_pylist()]
        yield [], failures
