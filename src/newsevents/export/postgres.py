"""Exports from a PostgreSQL store: the DuckDB exports' own queries, one chunk at a time.

The exports are written once, as DuckDB SQL (`queries.py`); their output formatting
(numbers, dates, lists, JSON, CSV quoting) is DuckDB's. So that a PostgreSQL store gives
the same bytes, the server only selects: the events the filters keep go into a temporary
`sel` table there, and their ids stream back in export order through a server-side
cursor. Each chunk of them is copied, with the rows its format reads (its events, their
mentions, their articles), into an in-memory DuckDB that has the store's tables, where
the same query writes it. Exports of article tables stream their rows from the server in
order and are written the same way. Memory holds one chunk; one consistent snapshot
(a repeatable-read transaction) covers the whole export, so a concurrent ingest changes
nothing in it. Parquet, which cannot be appended to file by file, goes through pyarrow's
writer instead of DuckDB's COPY.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from newsevents.export import queries
from newsevents.store.filters import Filters

# Selected events copied to DuckDB at a time: a few MB of rows with their articles' texts.
CHUNK = 5000
ARROW_TYPES = {
    "text": pa.string(), "integer": pa.int32(), "bigint": pa.int64(), "double": pa.float64(),
    "boolean": pa.bool_(), "date": pa.date32(), "timestamp": pa.timestamp("us"), "text[]": pa.list_(pa.string()),
}
EVENT_TABLES = ("events", "mentions")
# Formats that read the events' mentions and articles (tone, first mention, documents).
LOOKUP_FORMATS = ("gdelt", "gdelt-mentions", "plover")


def is_postgres(db) -> bool:
    return str(db).startswith(("postgresql://", "postgres://"))


def _connect(url: str, error):
    import psycopg

    from newsevents.store.postgres import display, reason

    try:
        con = psycopg.connect(url, connect_timeout=10, application_name="newsevents-export")
    except psycopg.Error as err:
        raise error(f"{display(url)}: cannot connect ({reason(err, urlsplit(url).password)})") from None
    con.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    return con


def _local(run) -> duckdb.DuckDBPyConnection:
    """The in-memory DuckDB the chunks are written from, with the store's (empty) tables."""
    from newsevents.store.schema import create_statements

    con = run.new_duckdb()
    for statement in create_statements():
        con.execute(statement)
    return con


def _arrow(table: str, names: list[str], rows: list[tuple]) -> pa.Table:
    from newsevents.store.schema import TABLES

    kinds = dict(TABLES[table])
    columns = list(zip(*rows)) if rows else [[] for _ in names]
    return pa.table({n: pa.array(list(c), type=ARROW_TYPES.get(kinds.get(n), None)) for n, c in zip(names, columns)})


def _fill(duck, table: str, names: list[str], rows: list[tuple]) -> None:
    duck.execute(f"DELETE FROM {table}")
    if rows:
        duck.register("incoming", _arrow(table, names, rows))
        try:
            duck.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
        finally:
            duck.unregister("incoming")


def _fetch(pg, sql: str, params: list) -> tuple[list[str], list[tuple]]:
    cursor = pg.execute(sql, params)
    return [d.name for d in cursor.description], cursor.fetchall()


def _event_chunks(pg, duck, fmt: str, table: str) -> Iterator[None]:
    """Fill the local tables with each chunk of the selected events (and `sel` with their
    export positions); yields once per chunk, at least once (an empty export has a header)."""
    needs_articles = fmt in LOOKUP_FORMATS
    needs_mentions = needs_articles or table == "mentions"
    duck.execute("CREATE OR REPLACE TEMP TABLE sel (id VARCHAR, n BIGINT)")
    with pg.cursor(name="newsevents_export") as ids:
        ids.execute("SELECT id, n FROM sel ORDER BY n")
        first = True
        while (chunk := ids.fetchmany(CHUNK)) or first:
            first = False
            chosen = [r[0] for r in chunk]
            duck.execute("DELETE FROM sel")
            if chunk:
                duck.register("incoming_sel", pa.table({"id": chosen, "n": [r[1] for r in chunk]}))
                duck.execute("INSERT INTO sel SELECT * FROM incoming_sel")
                duck.unregister("incoming_sel")
            _fill(duck, "events", *_fetch(pg, "SELECT * FROM events WHERE id = ANY(%s)", [chosen]))
            if needs_mentions:
                names, rows = _fetch(pg, "SELECT * FROM mentions WHERE event_id = ANY(%s)", [chosen])
                _fill(duck, "mentions", names, rows)
                if needs_articles:
                    at = names.index("article_id")
                    articles = sorted({r[at] for r in rows})
                    _fill(duck, "articles", *_fetch(pg, "SELECT * FROM articles WHERE id = ANY(%s)", [articles]))
            yield
            if not chunk:
                return


def _row_chunks(pg, duck, table: str, sql: str) -> Iterator[None]:
    """Fill the local `table` with each chunk of the server's rows of `sql`, in its order."""
    from newsevents.store.postgres import translate

    with pg.cursor(name="newsevents_export") as cursor:
        cursor.execute(translate(sql))
        first = True
        while (chunk := cursor.fetchmany(CHUNK)) or first:
            first = False
            _fill(duck, table, [d.name for d in cursor.description], chunk)
            yield
            if not chunk:
                return


def export(url: str, fmt: str, out: str | Path | BinaryIO, filters: Filters, table: str, header: bool, run) -> int:
    """`run.export` for a postgresql:// store; `run` is that module (its helpers and errors)."""
    import psycopg

    from newsevents.store.postgres import display, reason, translate

    pg = _connect(url, run.ExportError)
    duck = None
    try:
        duck = _local(run)
        if fmt in ("gdelt", "gdelt-mentions"):
            duck.execute(f"SET memory_limit = '{run.GDELT_MEMORY_LIMIT}'")
        sql, params = queries.select_sql(filters, replace=False)
        try:
            pg.execute(translate(sql), params)
        except psycopg.errors.UndefinedTable:
            raise run.ExportError(f"{display(url)}: no newsevents tables in this database (run `newsevents ingest` first)") from None
        filtered = filters != Filters()
        query = run.query_for(fmt, table, filtered)
        if fmt in LOOKUP_FORMATS or table in EVENT_TABLES:
            chunks = _event_chunks(pg, duck, fmt, table)
        else:
            # An article table: its rows come from the server in the export's order.
            chunks = _row_chunks(pg, duck, table, query)
            query = f"SELECT * FROM {table}"
        if fmt in ("plover", "jsonl"):
            query = run._as_lines(query)

        def per_chunk() -> Iterator[str]:
            for _ in chunks:
                if fmt in LOOKUP_FORMATS:
                    run._register_lookups(duck, need_tone=fmt != "plover")
                yield query

        return _write(duck, per_chunk(), fmt, header, out, run)
    except psycopg.Error as err:
        raise run.ExportError(f"{display(url)}: {reason(err, urlsplit(url).password)}") from None
    finally:
        if duck is not None:
            duck.close()
        pg.rollback()
        pg.close()


def _write(duck, chunk_queries: Iterator[str], fmt: str, header: bool, out, run) -> int:
    with run.output(out) as stream:
        if fmt == "parquet":
            return _parquet(duck, chunk_queries, stream)
        n = 0
        with tempfile.TemporaryDirectory() as tmp:
            part = Path(tmp) / "part"
            for i, query in enumerate(chunk_queries):
                # Only the first chunk carries the header the format has.
                n += run._copy(duck, query, part, run._copy_options(fmt, header, continued=i > 0))
                with part.open("rb") as f:
                    shutil.copyfileobj(f, stream, 1 << 20)
        return n


def _parquet(duck, chunk_queries: Iterator[str], stream) -> int:
    writer = None
    n = 0
    try:
        for query in chunk_queries:
            batches = duck.execute(query).to_arrow_reader(16384)
            for batch in batches:
                if writer is None:
                    writer = pq.ParquetWriter(stream, batch.schema, compression="zstd")
                writer.write_batch(batch, row_group_size=16384)
                n += batch.num_rows
            if writer is None:  # no rows at all: a file with the columns and no row group
                writer = pq.ParquetWriter(stream, batches.schema, compression="zstd")
    finally:
        if writer is not None:
            writer.close()
    return n
