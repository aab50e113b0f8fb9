"""The SQL behind every endpoint: parameterised only, and paged before it joins.

`events` holds the de-duplicated events (one row per cluster, with the fields of its most
informative mention and its own `day`); `mentions` holds each coded sentence with the
`event_id` of its cluster. Listing events selects the page of event ids first (filter,
sort, limit on the events table alone) and only then joins those few rows to their
articles; joining before paging made the database build the whole joined result for
every page. Aggregates (timeline, actors, dyads, places) never touch the articles table
unless an outlet filter asks for it.
Values from requests only ever travel as bound parameters; the few identifiers that vary
(sort column, date_trunc unit) come from closed enumerations checked here.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date

from newsevents.store.filters import EVENT_DAY, day_conditions

# Sort keys are bare columns: wrapped in an expression (coalesce) the day would lose
# DuckDB's top-N filter pushdown, which skips whole row groups by their min/max day, and a
# page of the newest events would cost a scan of every event.
SORTS = {"date": EVENT_DAY, "goldstein": "e.cameo_goldstein"}
INTERVALS = ("day", "week", "month")


class BadCursor(ValueError):
    pass


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None  # source or target code prefix
    source: str | None = None
    target: str | None = None
    code: str | None = None  # CAMEO code prefix
    root: str | None = None
    quad: int | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    status: str | None = None
    since: date | None = None
    until: date | None = None
    country: str | None = None
    place: str | None = None
    outlet: str | None = None
    q: str | None = None  # words in the sentence


def conditions(f: EventFilter) -> tuple[list[str], list]:
    where: list[str] = []
    params: list = []

    def add(sql: str, *values) -> None:
        where.append(sql)
        params.extend(values)

    if f.actor:
        add("(starts_with(e.source_code, ?) OR starts_with(e.target_code, ?))", f.actor.upper(), f.actor.upper())
    if f.source:
        add("starts_with(e.source_code, ?)", f.source.upper())
    if f.target:
        add("starts_with(e.target_code, ?)", f.target.upper())
    if f.code:
        add("starts_with(e.cameo_code, ?)", f.code)
    if f.root:
        add("e.cameo_root = ?", f.root)
    if f.quad is not None:
        add("e.cameo_quad_class = ?", f.quad)
    if f.plover_type:
        add("lower(e.plover_type) = lower(?)", f.plover_type)
    if f.plover_mode:
        add("lower(e.plover_mode) = lower(?)", f.plover_mode)
    if f.status:
        add("e.status = ?", f.status)
    days, day_params = day_conditions(f)
    where += days
    params += day_params
    if f.country:
        add("upper(e.location_country) = upper(?)", f.country)
    if f.place:
        add("lower(e.location_name) = lower(?)", f.place)
    if f.outlet:
        # Any of its mentions, not only the representative one, may come from the outlet.
        add("EXISTS (SELECT 1 FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.event_id = e.id AND lower(a.outlet) = lower(?))", f.outlet)
    if f.q:
        add("strpos(lower(e.sentence_text), lower(?)) > 0", f.q)
    return where, params


def _where(clauses: list[str]) -> str:
    return f" WHERE {' AND '.join(clauses)}" if clauses else ""


# -- cursors ----------------------------------------------------------------------------

def encode_cursor(key, last_id: str) -> str:
    value = key.isoformat() if isinstance(key, date) else key  # None: the page ended among undated events
    return base64.urlsafe_b64encode(json.dumps([value, last_id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple:
    try:
        key, last_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(last_id, str):
            raise ValueError
        if key is None:
            return None, last_id
        if sort == "date":
            key = date.fromisoformat(key)
        elif not isinstance(key, (int, float)) or isinstance(key, bool):
            raise ValueError
        return key, last_id
    except (ValueError, TypeError, UnicodeDecodeError):
        raise BadCursor("cursor: not a cursor this API returned for this sort order") from None


# -- events -------------------------------------------------------------------------------

def event_page(f: EventFilter, sort: str, descending: bool, limit: int, after: tuple | None,
               row_ids: bool = True) -> tuple[str, list]:
    """Ids and sort keys of one page (limit + 1 rows: the extra one says a next page exists)."""
    key = SORTS[sort]
    where, params = conditions(f)
    op = "<" if descending else ">"
    if after is not None and after[0] is None:  # past every dated event: undated ones come last
        where.append(f"{key} IS NULL AND e.id {op} ?")
        params.append(after[1])
    elif after is not None:
        where.append(f"({key} {op} ? OR ({key} = ? AND e.id {op} ?) OR {key} IS NULL)")
        params += [after[0], after[0], after[1]]
    direction = "DESC" if descending else "ASC"
    sql = (
        f"SELECT e.id, {key} AS sort_key{', e.rowid AS row_id' if row_ids else ''} FROM events e{_where(where)} "
        f"ORDER BY {key} {direction} NULLS LAST, e.id {direction} LIMIT ?"
    )
    return sql, params + [limit + 1]


def events_by_id(page: list[dict]) -> tuple[str, list]:
    """The rows of one page of `event_page`, by DuckDB's row ids: events have no index on
    id (the store keeps none, to keep ingest fast), and the row-id range lets the scan
    skip every row group outside the page (~5 ms at 1M events, ~25 ms by id and day
    range; reading all columns in the paging query itself defeats its pushdown, ~60 ms).
    PostgreSQL (no `row_id` in the page) looks the ids up instead."""
    if "row_id" not in page[0]:
        return "SELECT e.* FROM events e WHERE e.id = ANY(?)", [[r["id"] for r in page]]
    rows = [r["row_id"] for r in page]
    return "SELECT e.* FROM events e WHERE e.rowid = ANY(?) AND e.rowid BETWEEN ? AND ?", [rows, min(rows), max(rows)]



def event(event_id: str) -> tuple[str, list]:
    return "SELECT e.* FROM events e WHERE e.id = ?", [event_id]


def mentions_of(event_id: str) -> tuple[str, list]:
    sql = (
        "SELECT m.*, a.title, a.outlet, a.url, a.published FROM mentions m JOIN articles a ON a.id = m.article_id "
        "WHERE m.event_id = ? ORDER BY a.published, m.article_id, m.sentence_start, m.id"
    )
    return sql, [event_id]


# -- aggregates -------------------------------------------------------------------------

def timeline(f: EventFilter, interval: str, by: str) -> tuple[str, list]:
    if interval not in INTERVALS:
        raise ValueError(interval)
    key = "CAST(e.cameo_quad_class AS VARCHAR)" if by == "quad" else "coalesce(e.plover_type, '')"
    where, params = conditions(f)
    where.append(f"{EVENT_DAY} IS NOT NULL")
    # Counting per day first groups on a plain date column; truncating the few thousand
    # days afterwards costs a third of truncating every event's date.
    sql = (
        f"SELECT CAST(date_trunc('{interval}', event_day) AS DATE) AS period, key, CAST(sum(n) AS BIGINT) AS count "
        f"FROM (SELECT {EVENT_DAY} AS event_day, {key} AS key, count(*) AS n FROM events e{_where(where)} "
        "GROUP BY event_day, key) per_day "
        "GROUP BY period, key ORDER BY period, key"
    )
    return sql, params


def actors(f: EventFilter, limit: int) -> tuple[str, list]:
    where, params = conditions(f)
    sql = (
        "SELECT code, sum(s) AS as_source, sum(t) AS as_target, sum(s) + sum(t) AS total FROM ("
        f"SELECT e.source_code AS code, 1 AS s, 0 AS t FROM events e{_where(where + ['e.source_code IS NOT NULL'])} "
        "UNION ALL "
        f"SELECT e.target_code, 0, 1 FROM events e{_where(where + ['e.target_code IS NOT NULL'])}"
        ") counted GROUP BY code ORDER BY total DESC, code LIMIT ?"
    )
    return sql, params + params + [limit]


def dyads(f: EventFilter, limit: int) -> tuple[str, list]:
    where, params = conditions(f)
    where += ["e.source_code IS NOT NULL", "e.target_code IS NOT NULL"]
    quads = ", ".join(f"count(*) FILTER (WHERE e.cameo_quad_class = {q}) AS q{q}" for q in (1, 2, 3, 4))
    sql = (
        f"SELECT e.source_code AS source, e.target_code AS target, count(*) AS count, "
        f"avg(e.cameo_goldstein) AS goldstein_mean, {quads} FROM events e{_where(where)} "
        "GROUP BY e.source_code, e.target_code ORDER BY count DESC, source, target LIMIT ?"
    )
    return sql, params + [limit]


def places(f: EventFilter, limit: int) -> tuple[str, list]:
    where, params = conditions(f)
    where.append("(e.location_country IS NOT NULL OR e.location_name IS NOT NULL)")
    sql = (
        "SELECT e.location_country AS country, e.location_name AS name, avg(e.location_lat) AS lat, "
        f"avg(e.location_lon) AS lon, count(*) AS count FROM events e{_where(where)} "
        "GROUP BY e.location_country, e.location_name ORDER BY count DESC, country, name LIMIT ?"
    )
    return sql, params + [limit]


# -- articles -----------------------------------------------------------------------------

def article_page(outlet: str | None, since: date | None, until: date | None, q: str | None,
                 limit: int, after: tuple | None) -> tuple[str, list]:
    key = "coalesce(a.published, DATE '0001-01-01')"
    where: list[str] = []
    params: list = []
    if outlet:
        where.append("lower(a.outlet) = lower(?)")
        params.append(outlet)
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        where.append("a.published <= ?")
        params.append(until)
    if q:
        where.append("strpos(lower(coalesce(a.title, '')), lower(?)) > 0")
        params.append(q)
    if after is not None:
        where.append(f"({key} < ? OR ({key} = ? AND a.id < ?))")
        params += [after[0], after[0], after[1]]
    sql = (
        f"SELECT a.id, {key} AS sort_key FROM articles a{_where(where)} "
        "ORDER BY sort_key DESC, a.id DESC LIMIT ?"
    )
    return sql, params + [limit + 1]


ARTICLE_COLUMNS = "a.id, a.title, a.outlet, a.published, a.url, a.dateline"


def articles_by_id(ids: list[str]) -> tuple[str, list]:
    sql = (
        f"SELECT {ARTICLE_COLUMNS}, (SELECT count(*) FROM mentions m WHERE m.article_id = a.id) AS events "
        "FROM articles a WHERE a.id IN (SELECT unnest(?))"
    )
    return sql, [ids]


def article(article_id: str) -> tuple[str, list]:
    sql = (
        f"SELECT {ARTICLE_COLUMNS}, a.text, a.caption, "
        "(SELECT count(*) FROM mentions m WHERE m.article_id = a.id) AS events FROM articles a WHERE a.id = ?"
    )
    return sql, [article_id]


def article_children(table: str, article_id: str) -> tuple[str, list]:
    order = {"mentions": "sentence_start, trigger_start, id", "actors": "idx", "quotes": "idx", "places": "idx"}[table]
    return f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {order}", [article_id]
