"""Schema versions: recognise a newsevents file, migrate older ones, refuse anything else.

Version 3 stores each mention's and event's `listing_day`, which version 2 computed in
every listing; migrating fills it in with that same computation.

Version 1 (before de-duplication) had no version table; its per-sentence `events`
table is version 2's `mentions`. Columns that `model.py` gains later (new dataclass
fields with defaults) are added to existing files on every writable open, so adding a
field never needs a migration of its own.

Only `information_schema` and standard ALTER TABLE statements are used, so a PostgreSQL
store can run the same steps.
"""

from __future__ import annotations

from datetime import datetime, timezone

from newsevents import __version__
from newsevents.store.filters import COMPUTED_DAY
from newsevents.store.schema import SCHEMA_VERSION, TABLES, TYPES, create_statements

# The tables of a version-1 file, as `newsevents ingest` wrote them.
V1_TABLES = {"articles", "actors", "events", "quotes", "places", "failures"}
V1_RENAMES = {
    "quad_class": "cameo_quad_class",
    "goldstein": "cameo_goldstein",
    "date_text": "date_span_text",
    "date_start": "date_span_start",
    "date_end": "date_span_end",
}


class ForeignDatabase(Exception):
    """The file is not a newsevents database, or one too new or too old to use as it is."""


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def tables(con) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    ).fetchall()
    return {r[0] for r in rows}


def columns(con, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def version(con) -> int | None:
    """The file's schema version: 0 for an empty file, None when it is not a newsevents file."""
    present = tables(con)
    if not present:
        return 0
    if "newsevents_schema" in present:
        row = con.execute("SELECT max(version) FROM newsevents_schema").fetchone()
        return row[0] if row and row[0] is not None else None
    if V1_TABLES <= present and "cameo_code" in columns(con, "events"):
        return 1
    return None


def check(con, path: str) -> int:
    """The version of a file we may use; a one-line ForeignDatabase otherwise."""
    found = version(con)
    if found is None:
        names = ", ".join(sorted(tables(con))[:6])
        raise ForeignDatabase(f"{path}: not a newsevents database (it holds other tables: {names}); use another --db")
    if found > SCHEMA_VERSION:
        raise ForeignDatabase(
            f"{path}: written by a newer newsevents (schema {found}, this one reads {SCHEMA_VERSION}); upgrade newsevents"
        )
    return found


def _add_missing_columns(con, types: dict[str, str]) -> None:
    for table, cols in TABLES.items():
        have = set(columns(con, table))
        for name, kind in cols:
            if name not in have:
                con.execute(f"ALTER TABLE {table} ADD COLUMN {name} {types[kind]}")


def _from_v1(con) -> None:
    con.execute("ALTER TABLE events RENAME TO mentions")
    have = set(columns(con, "mentions"))
    for old, new in V1_RENAMES.items():
        if old in have:
            con.execute(f"ALTER TABLE mentions RENAME COLUMN {old} TO {new}")
    # Version 1 appended one failure row per run; version 2 keeps one per input and reason.
    con.execute("ALTER TABLE failures RENAME TO failures_v1")


def _failures_from_v1(con) -> None:
    con.execute(
        "INSERT INTO failures SELECT input, reason, count(*), min(time), max(time) FROM failures_v1 "
        "GROUP BY input, reason"
    )
    con.execute("DROP TABLE failures_v1")


def _listing_days(con) -> None:
    for table in ("mentions", "events"):
        con.execute(
            f"UPDATE {table} AS e SET listing_day = {COMPUTED_DAY} FROM articles a WHERE a.id = e.article_id"
        )


def prepare(con, path: str, types: dict[str, str] = TYPES) -> int:
    """Create, migrate or extend the schema of a writable connection; the version found.

    After a migration from version 1 the caller must fill in the mentions' blocking keys
    and cluster them (`needs_clustering`), which needs the store.
    """
    found = check(con, path)
    con.begin()
    try:
        if found == 1:
            _from_v1(con)
        for statement in create_statements(types):
            con.execute(statement)
        _add_missing_columns(con, types)
        if found == 1:
            _failures_from_v1(con)
        if 0 < found < 3:
            _listing_days(con)
        if found < SCHEMA_VERSION:
            con.execute(
                "INSERT INTO newsevents_schema VALUES (?, ?, ?)", [SCHEMA_VERSION, f"newsevents {__version__}", _now()]
            )
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return found


def needs_migration_message(path: str, found: int) -> str:
    return (
        f"{path}: written by an older newsevents (schema {found}); "
        f"`newsevents recode --db {path} --outdated` migrates it"
    )
