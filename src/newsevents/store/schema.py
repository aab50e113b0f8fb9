"""The tables, declared once, in portable types; their columns derive from `model.py`.

Types are logical names (`TYPES` maps them to DuckDB; a PostgreSQL backend maps the same
names to its own). Per-article tables (`actors`, `mentions`, `quotes`, `places`) carry no
keys or indexes: their rows only ever arrive or leave together with their article in one
transaction, so the article's primary key keeps ingest idempotent, and an index per child
table would only slow the inserts down.

`mentions` holds one row per coded event in a sentence (the table was called `events`
in schema version 1); `events` holds the de-duplicated events, one row per cluster of
mentions, with the fields of its most informative mention (`dedup/cluster.py`).
"""

from __future__ import annotations

from newsevents.model import ActorMention, Article, Event, Place, Quote
from newsevents.store.shape import leaves

# Version of this layout; `versioning.py` migrates older files up to it.
SCHEMA_VERSION = 3

Column = tuple[str, str]

# Logical type -> DuckDB type.
TYPES: dict[str, str] = {
    "text": "VARCHAR",
    "integer": "INTEGER",
    "bigint": "BIGINT",
    "double": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "text[]": "VARCHAR[]",
}


def derived(cls, skip: tuple[str, ...] = ()) -> list[Column]:
    return [(leaf.name, leaf.type) for leaf in leaves(cls) if leaf.name not in skip]


# Provenance: what coded the rows (package version, hash of the knowledge data files).
PROVENANCE: list[Column] = [("coder_version", "text"), ("data_hash", "text")]

ARTICLES: list[Column] = [
    *derived(Article),
    ("content_hash", "text"),  # of the text and metadata the coder saw: an edit means re-coding
    *PROVENANCE,
    ("ingested_at", "timestamp"),
    ("recoded_at", "timestamp"),
]

ACTORS: list[Column] = [("article_id", "text"), ("idx", "integer"), *derived(ActorMention)]

# What clustering adds to a mention (`dedup/keys.py`, `dedup/cluster.py`).
MENTION_KEYS: list[Column] = [
    ("block_key", "text"),  # root code | party | party: candidates for the same event
    ("day", "date"),  # the event's day (its own date at day precision, else publication)
    ("source_party", "text"),  # country-level source, e.g. RUS for RUSGOV
    ("target_party", "text"),
]

# The day `newsevents events` / `mentions` filter and sort by: the event's own date, read
# as the first day of its month or year when that is all it gives, else its article's
# publication day (`rows.listing_day`). Stored rather than computed in each query, so an
# index (PostgreSQL) or the row groups' min/max (DuckDB) serves the date filters and
# ORDER BY ... LIMIT instead of every listing computing and sorting every matching row.
# Not the blocking `day` above, which keeps day precision only. Added in schema version 3.
LISTING_KEYS: list[Column] = [("listing_day", "date")]

MENTIONS: list[Column] = [
    ("article_id", "text"),
    *derived(Event),
    *MENTION_KEYS,
    ("event_id", "text"),
    ("join_reason", "text"),  # why this mention is in its event, for people to check
    *PROVENANCE,
    *LISTING_KEYS,
]

EVENTS: list[Column] = [
    ("id", "text"),  # hash of the event's first mention: stable while that mention is
    ("num_mentions", "integer"),
    ("num_sources", "integer"),  # distinct outlets
    ("num_articles", "integer"),
    ("first_seen", "date"),  # earliest and latest publication day of its articles
    ("last_seen", "date"),
    ("first_mention_id", "text"),
    ("mention_id", "text"),  # the most informative mention, whose fields follow
    ("article_id", "text"),  # that mention's article
    *derived(Event, skip=("id",)),
    *MENTION_KEYS,
    *LISTING_KEYS,  # its most informative mention's
]

QUOTES: list[Column] = [("article_id", "text"), ("idx", "integer"), *derived(Quote)]

PLACES: list[Column] = [("article_id", "text"), ("idx", "integer"), *derived(Place)]

FAILURES: list[Column] = [
    ("input", "text"),
    ("reason", "text"),
    ("count", "integer"),  # how many runs met it
    ("first_seen", "timestamp"),
    ("last_seen", "timestamp"),
]

SCHEMA_TABLE: list[Column] = [("version", "integer"), ("written_by", "text"), ("updated_at", "timestamp")]

# Written per article, in this order (the article row first).
ARTICLE_TABLES: dict[str, list[Column]] = {
    "articles": ARTICLES,
    "actors": ACTORS,
    "mentions": MENTIONS,
    "quotes": QUOTES,
    "places": PLACES,
}
TABLES: dict[str, list[Column]] = {
    **ARTICLE_TABLES,
    "events": EVENTS,
    "failures": FAILURES,
    "newsevents_schema": SCHEMA_TABLE,
}
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {"articles": ("id",), "failures": ("input", "reason")}


def column_names(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]


def column_types(table: str, types: dict[str, str] = TYPES) -> dict[str, str]:
    return {name: types[kind] for name, kind in TABLES[table]}


def create_statements(types: dict[str, str] = TYPES) -> list[str]:
    statements = []
    for table, columns in TABLES.items():
        parts = [f"{name} {types[kind]}" for name, kind in columns]
        if table in PRIMARY_KEYS:
            parts.append(f"PRIMARY KEY ({', '.join(PRIMARY_KEYS[table])})")
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(parts)})")
    return statements
