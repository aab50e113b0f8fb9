"""The tables, declared once: the DDL and the row layout of `rows.py` both come from here.

Child tables carry no keys or indexes: rows only ever arrive together with their article
in one transaction, so the article's primary key is what keeps ingest idempotent, and an
index per child table would only slow the inserts down.
"""

from __future__ import annotations

Column = tuple[str, str]

ARTICLES: list[Column] = [
    ("id", "VARCHAR PRIMARY KEY"),
    ("url", "VARCHAR"),
    ("title", "VARCHAR"),
    ("outlet", "VARCHAR"),
    ("published", "DATE"),
    ("dateline", "VARCHAR"),
    ("text", "VARCHAR"),
    ("caption", "VARCHAR"),
    ("source", "VARCHAR"),
    ("ingested_at", "TIMESTAMP"),
]

ACTORS: list[Column] = [
    ("article_id", "VARCHAR"),
    ("idx", "INTEGER"),
    ("text", "VARCHAR"),
    ("start_char", "INTEGER"),
    ("end_char", "INTEGER"),
    ("code", "VARCHAR"),
    ("country", "VARCHAR"),
    ("sectors", "VARCHAR[]"),
    ("name", "VARCHAR"),
    ("resolved_from", "VARCHAR"),
    ("entity", "INTEGER"),
    ("is_place", "BOOLEAN"),
]


def _mention(prefix: str) -> list[Column]:
    return [
        (f"{prefix}_code", "VARCHAR"),
        (f"{prefix}_text", "VARCHAR"),
        (f"{prefix}_start", "INTEGER"),
        (f"{prefix}_end", "INTEGER"),
    ]


def _span(prefix: str) -> list[Column]:
    return [(f"{prefix}_text", "VARCHAR"), (f"{prefix}_start", "INTEGER"), (f"{prefix}_end", "INTEGER")]


EVENTS: list[Column] = [
    ("article_id", "VARCHAR"),
    ("id", "VARCHAR"),
    *_mention("source"),
    *_mention("target"),
    ("cameo_code", "VARCHAR"),
    ("cameo_root", "VARCHAR"),
    ("cameo_name", "VARCHAR"),
    ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("plover_type", "VARCHAR"),
    ("plover_mode", "VARCHAR"),
    ("status", "VARCHAR"),
    *_mention("reported_by"),
    *_span("sentence"),
    *_span("trigger"),
    ("date_value", "VARCHAR"),
    ("date_precision", "VARCHAR"),
    *_span("date"),
    ("location_name", "VARCHAR"),
    ("location_country", "VARCHAR"),
    ("location_admin1", "VARCHAR"),
    ("location_lat", "DOUBLE"),
    ("location_lon", "DOUBLE"),
    ("location_geonames_id", "BIGINT"),
    ("confidence", "DOUBLE"),
    ("rule", "VARCHAR"),
]

QUOTES: list[Column] = [
    ("article_id", "VARCHAR"),
    ("idx", "INTEGER"),
    *_mention("speaker"),
    *_span("cue"),
    *_span("content"),
    ("direct", "BOOLEAN"),
]

PLACES: list[Column] = [
    ("article_id", "VARCHAR"),
    ("idx", "INTEGER"),
    ("name", "VARCHAR"),
    ("country", "VARCHAR"),
    ("admin1", "VARCHAR"),
    ("lat", "DOUBLE"),
    ("lon", "DOUBLE"),
    ("geonames_id", "BIGINT"),
    ("feature", "VARCHAR"),
    *_span("span"),
]

FAILURES: list[Column] = [
    ("input", "VARCHAR"),
    ("reason", "VARCHAR"),
    ("time", "TIMESTAMP"),
]

# Written per article, in this order (the article row first).
ARTICLE_TABLES: dict[str, list[Column]] = {
    "articles": ARTICLES,
    "actors": ACTORS,
    "events": EVENTS,
    "quotes": QUOTES,
    "places": PLACES,
}
TABLES: dict[str, list[Column]] = {**ARTICLE_TABLES, "failures": FAILURES}


def column_names(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]


def create_statements() -> list[str]:
    return [
        f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(f'{name} {kind}' for name, kind in columns)})"
        for table, columns in TABLES.items()
    ]
