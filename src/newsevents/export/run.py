"""`newsevents export`: the store's events written as GDELT, PLOVER, Parquet, CSV or JSON Lines.

Each export is one DuckDB COPY of one query (`queries.py`), so rows stream from the
database file to the output without being held in Python; the DuckDB connection gets a
memory limit and a spill directory so that its own buffers stay bounded too. Python
only computes what SQL cannot: document tone (VADER), sentence boundaries and PLOVER
contexts, as vectorised functions DuckDB calls chunk by chunk, and the split of each
distinct actor code. A PostgreSQL store runs the same queries on chunks of its rows
(`export/postgres.py`), so both backends write the same files.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import duckdb
import pyarrow as pa

from newsevents.export import actor_codes, contexts, queries, reference, tone
from newsevents.store.filters import Filters

FORMATS = ("gdelt", "gdelt-mentions", "plover", "parquet", "csv", "jsonl")
TABLES = tuple(queries.TABLE_SQL)
# Bounded DuckDB memory is what keeps a 1M-event export flat; sorts spill to disk.
MEMORY_LIMIT = "256MB"
GDELT_MEMORY_LIMIT = "512MB"


class ExportError(Exception):
    """An export that cannot be made; the message is meant for the user."""


def coder_name() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"newsevents {version('newsevents')}"
    except PackageNotFoundError:
        return "newsevents"


def connect(db: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the store attached read-only (temporary tables stay in memory)."""
    path = str(db)
    if path.startswith("duckdb://"):
        path = path.removeprefix("duckdb://")
    if not Path(path).is_file():
        raise ExportError(f"{path}: no such database (run `newsevents ingest` first)")
    con = new_duckdb()
    try:
        _run(con, f"ATTACH '{_quote(path)}' AS store (READ_ONLY)")
    except duckdb.Error as err:
        con.close()
        raise ExportError(f"{path}: cannot open database ({str(err).splitlines()[0]})") from None
    _run(con, "USE store")
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'store'").fetchall()}
    if not {"events", "mentions", "articles"} <= tables or not _has_column(con, "events", "num_mentions"):
        con.close()
        raise ExportError(
            f"{path}: this database has no de-duplicated events (an older schema): open it once with "
            "`newsevents ingest --db` of this version to migrate it, then export"
        )
    return con


def new_duckdb() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB set up to write exports in bounded memory."""
    # No progress bar: DuckDB draws it on stdout, which may be the export itself (-o -).
    con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": tempfile.gettempdir()})
    _run(con, "SET enable_progress_bar = false")
    # With several threads an ordered COPY holds whole row groups of wide rows back
    # (~2 KB x 122,880 rows) and ran out of the memory limit at 1M events; one thread
    # writes each chunk as it comes. The Python functions hold the GIL anyway.
    _run(con, "SET threads = 1")
    return con


def _quote(text: str) -> str:
    return text.replace("'", "''")


def _has_column(con, table: str, column: str) -> bool:
    return bool(_run(
        con, "SELECT 1 FROM duckdb_columns() WHERE database_name = 'store' AND table_name = ? AND column_name = ?",
        [table, column],
    ))


def _register_lookups(con, need_tone: bool) -> None:
    """Temporary lookup tables and the Python functions the export queries use."""
    codes = [r[0] for r in con.execute(
        "SELECT DISTINCT code FROM (SELECT e.source_code AS code FROM sel JOIN events e ON e.id = sel.id "
        "UNION SELECT e.target_code FROM sel JOIN events e ON e.id = sel.id) WHERE code IS NOT NULL"
    ).fetchall()]
    _temp_table(con, "actor_split", actor_codes.COLUMNS, actor_codes.rows(codes))
    countries = reference.countries()
    _temp_table(
        con, "country_ref",
        [("code", "VARCHAR"), ("fips", "VARCHAR"), ("name", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE")],
        [(c["code"], c["fips"], c["name"], c["lat"], c["lon"]) for c in countries],
    )
    _function(con, "plover_contexts", _plover_contexts, ["VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR"], "VARCHAR[]")
    _function(con, "sentence_ends", _sentence_ends, ["VARCHAR"], "INTEGER[]")
    if need_tone:
        _function(con, "vader_tone", _vader_tone, ["VARCHAR"], "DOUBLE")
    # One row per article any selected event is mentioned in: what the formats need of it,
    # computed in one pass over the texts, which no later join carries along.
    _run(con, f"""
        CREATE OR REPLACE TEMP TABLE doc_ref AS
        SELECT a.id, a.url, a.source, a.title, a.outlet, a.published, a.ingested_at,
               length(a.text) AS doc_len,
               coalesce(nullif(strpos(a.text, chr(10) || chr(10)), 0) - 1, length(a.text)) AS lead_end,
               sentence_ends(a.text) AS sentence_ends,
               {"vader_tone(a.text)" if need_tone else "CAST(NULL AS DOUBLE)"} AS tone
        FROM articles a
        WHERE a.id IN (SELECT m.article_id FROM mentions m JOIN sel ON sel.id = m.event_id)
    """)


def _function(con, name: str, fn, args: list[str], returns: str) -> None:
    """Register a vectorised Python function once per connection (DuckDB refuses twice)."""
    if _run(con, "SELECT 1 FROM duckdb_functions() WHERE function_name = ?", [name]):
        return
    con.create_function(name, fn, args, returns, type="arrow", null_handling="special", side_effects=False)


def _temp_table(con, name: str, columns: list[tuple[str, str]], rows: list[tuple]) -> None:
    _run(con, f"CREATE OR REPLACE TEMP TABLE {name} ({', '.join(f'{c} {t}' for c, t in columns)})")
    if rows:
        arrays = {c: [r[i] for r in rows] for i, (c, _) in enumerate(columns)}
        con.register(f"incoming_{name}", pa.table(arrays))
        _run(con, f"INSERT INTO {name} SELECT * FROM incoming_{name}")
        con.unregister(f"incoming_{name}")


def _sentence_ends(texts: pa.Array) -> pa.Array:
    return pa.array([tone.sentence_ends(t) for t in texts.to_pylist()], type=pa.list_(pa.int32()))


def _vader_tone(texts: pa.Array) -> pa.Array:
    return pa.array([tone.tone(t) for t in texts.to_pylist()], type=pa.float64())


def _plover_contexts(text: pa.Array, code: pa.Array, source: pa.Array, target: pa.Array) -> pa.Array:
    rows = zip(text.to_pylist(), code.to_pylist(), source.to_pylist(), target.to_pylist())
    return pa.array([contexts.contexts_of(t, c, s, g) for t, c, s, g in rows], type=pa.list_(pa.string()))


def _copy_options(fmt: str, header: bool, continued: bool = False) -> str:
    """`continued`: the rows follow earlier ones in the same file, which had the header."""
    if fmt in ("gdelt", "gdelt-mentions"):
        # As GDELT ships them: tab-separated, unquoted (fields are cleaned of tabs and
        # line breaks), no header unless asked for.
        return f"FORMAT csv, DELIMITER '\\t', QUOTE '', HEADER {str(header and not continued).lower()}"
    if fmt == "csv":
        return f"FORMAT csv, HEADER {str(not continued).lower()}"
    if fmt == "parquet":
        # Row groups of 16k rows: the writer buffers one whole row group in memory.
        return "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 16384"
    # JSON Lines: one to_json() text per row through the CSV writer (see `_as_lines`).
    return "FORMAT csv, DELIMITER '\\t', QUOTE '', HEADER false"


def _as_lines(query: str) -> str:
    """Each row as one JSON object (to_json of the row) in a one-column result, written by
    the CSV writer unquoted: to_json escapes tabs and line breaks, so each object is one
    line, and the order of `query` is kept."""
    return f"SELECT to_json(q) AS line FROM ({query}) q"


def query_for(fmt: str, table: str, filtered: bool) -> str:
    if fmt == "gdelt":
        return queries.gdelt_events_sql()
    if fmt == "gdelt-mentions":
        return queries.gdelt_mentions_sql()
    if fmt == "plover":
        return queries.plover_sql(coder_name())
    if table not in queries.TABLE_SQL:
        raise ExportError(f"--table must be one of {', '.join(TABLES)}")
    if not filtered and table in ("articles", "quotes", "actors", "places"):
        # Without filters every stored row goes out, including articles with no event.
        key = "id" if table == "articles" else "article_id, idx"
        return f"SELECT * FROM {table} ORDER BY {key}"
    return queries.TABLE_SQL[table]


def prepare(con, fmt: str, filters: Filters = Filters(), table: str = "events") -> str:
    """Select the events and register what the format's query needs; returns that query."""
    if fmt not in FORMATS:
        raise ExportError(f"--format must be one of {', '.join(FORMATS)}")
    if fmt in ("gdelt", "gdelt-mentions"):
        # Their per-event joins (tone per event, first mention, three geographies) ran
        # out of 256MB at 1M events; the other formats stay within it.
        _run(con, f"SET memory_limit = '{GDELT_MEMORY_LIMIT}'")
    sql, params = queries.select_sql(filters)
    _run(con, sql, params)
    if fmt in ("gdelt", "gdelt-mentions", "plover"):
        _register_lookups(con, need_tone=fmt != "plover")
    return query_for(fmt, table, filtered=filters != Filters())


def export(
    db: str | Path,
    fmt: str,
    out: str | Path | BinaryIO,
    filters: Filters = Filters(),
    table: str = "events",
    header: bool = False,
    on_progress: Callable[[str], None] | None = None,
) -> int:
    """Write the export to `out` (a path, "-" for stdout, or a binary stream); rows written."""
    if fmt not in FORMATS:
        raise ExportError(f"--format must be one of {', '.join(FORMATS)}")
    if str(db).startswith(("postgresql://", "postgres://")):
        from newsevents.export import postgres

        _check_target(out)
        return postgres.export(str(db), fmt, out, filters, table, header, sys.modules[__name__])
    con = connect(db)
    try:
        query = prepare(con, fmt, filters, table)
        if fmt in ("plover", "jsonl"):
            query = _as_lines(query)
        options = _copy_options(fmt, header)
        if _check_target(out):
            return _copy(con, query, Path(out), options)
        stream = sys.stdout.buffer if str(out) == "-" else out
        # COPY writes files; a stream gets the file's bytes in chunks (never all at once).
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"export.{fmt}"
            n = _copy(con, query, path, options)
            with path.open("rb") as f:
                shutil.copyfileobj(f, stream, 1 << 20)
            stream.flush()
            return n
    finally:
        con.close()


def _check_target(out) -> bool:
    """Is `out` a file to write (not "-" or a stream)? Refuses one that cannot be written."""
    if not isinstance(out, (str, Path)) or str(out) == "-":
        return False
    target = Path(out)
    if target.is_dir():
        raise ExportError(f"{target}: is a directory (give a file name)")
    if not target.parent.exists():
        raise ExportError(f"{target.parent}: no such directory")
    return True


@contextmanager
def output(out: str | Path | BinaryIO) -> Iterator[BinaryIO]:
    """`out` as a binary stream to write to: a file, stdout for "-", or the stream itself."""
    if _check_target(out):
        with Path(out).open("wb") as f:
            yield f
        return
    stream = sys.stdout.buffer if str(out) == "-" else out
    yield stream
    stream.flush()


def _copy(con, query: str, path: Path, options: str) -> int:
    rows = _run(con, f"COPY ({query}) TO '{_quote(str(path))}' ({options})")
    return int(rows[0][0]) if rows else 0


def _run(con, sql: str, params: list | None = None) -> list[tuple]:
    """Execute and drain: DuckDB refuses new work on a connection with an unread result."""
    return con.execute(sql, params or []).fetchall()
