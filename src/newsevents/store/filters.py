"""The filters of `newsevents articles` / `events`, turned into portable SQL.

Only standard SQL plus `starts_with` (DuckDB and PostgreSQL both have it), so a
PostgreSQL store can reuse these clauses unchanged. Prefix matching uses `starts_with`
rather than LIKE so that codes never need wildcard escaping.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Filters:
    actor: str | None = None  # source actor code prefix (articles: any actor mention)
    target: str | None = None  # target actor code prefix
    code: str | None = None  # CAMEO event code prefix
    status: str | None = None
    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    limit: int | None = None


# `listing_day` computed, as SQL over an event `e` and its article `a` (see EVENT_DAY).
# Only versioning's back-fill of files older than schema 3 computes it; new rows store it
# (`rows.listing_day`), which an index or DuckDB's min/max can serve.
COMPUTED_DAY = (
    "coalesce(try_cast(e.date_value AS DATE), try_cast(e.date_value || '-01' AS DATE), "
    "try_cast(e.date_value || '-01-01' AS DATE), a.published)"
)
# The one day of an event (or mention) that every date filter and date order means:
# --since/--until of `events`, `mentions` and `export`, and the web API's since/until,
# sort and timeline. It is the event's own date (a month's or a year's first day when
# that is all the text gives), else the publication day of the article that reports it.
# A researcher asking for March's events wants the events that happened in March, and an
# old event recalled in today's news is filed under its own day, not under today.
EVENT_DAY = "e.listing_day"


def day_conditions(f, day: str = EVENT_DAY) -> tuple[list[str], list]:
    """`since`/`until` of any filter object (the CLI's `Filters`, the web API's) over `day`."""
    where: list[str] = []
    params: list = []
    if f.since:
        where.append(f"{day} >= ?")
        params.append(f.since)
    if f.until:
        where.append(f"{day} <= ?")
        params.append(f.until)
    return where, params


def event_conditions(f: Filters, with_source: bool = True) -> tuple[list[str], list]:
    where: list[str] = []
    params: list = []
    if with_source and f.actor:
        where.append("starts_with(e.source_code, ?)")
        params.append(f.actor.upper())
    if f.target:
        where.append("starts_with(e.target_code, ?)")
        params.append(f.target.upper())
    if f.code:
        where.append("starts_with(e.cameo_code, ?)")
        params.append(f.code)
    if f.status:
        where.append("e.status = ?")
        params.append(f.status)
    return where, params


def _outlet(f: Filters) -> tuple[list[str], list]:
    return (["lower(a.outlet) = lower(?)"], [f.outlet]) if f.outlet else ([], [])


def _limit(f: Filters) -> tuple[str, list]:
    return (" LIMIT ?", [f.limit]) if f.limit is not None else ("", [])


def _rows_query(table: str, f: Filters, columns: list[str], keyed_page: bool = False) -> tuple[str, list]:
    """`keyed_page` (PostgreSQL): the page is chosen by its keys alone, which an index that
    holds the filtered columns answers without reading the table (an index-only scan: a
    filter that matches almost nothing costs 180 ms instead of 1.2 s at 1M rows), then its
    rows are fetched. On DuckDB that second pass is another scan, three times slower."""
    where, params = event_conditions(f, with_source=True)
    if f.outlet:
        where.append("e.article_id IN (SELECT a.id FROM articles a WHERE lower(a.outlet) = lower(?))")
        params.append(f.outlet)
    days, day_params = day_conditions(f)
    where += days
    params += day_params
    limit, p = _limit(f)
    selected = ", ".join(f"e.{c}" for c in columns)
    order = f" ORDER BY {EVENT_DAY} NULLS LAST, e.article_id, e.sentence_start, e.id"
    # The page is chosen from the one table, by its index or top-N, and only its rows are
    # joined to their articles (which always exist: rows are written and removed with them).
    filtered = f" FROM {table} e" + (f" WHERE {' AND '.join(where)}" if where else "")
    articles = " JOIN articles a ON a.id = e.article_id"
    if limit and keyed_page:
        page = f"SELECT e.article_id, e.id{filtered}{order}{limit}"
        rows = f"({page}) p JOIN {table} e ON e.article_id = p.article_id AND e.id = p.id"
    else:
        rows = f"(SELECT *{filtered}{order + limit if limit else ''}) e"
    return f"SELECT {selected}, a.published, a.outlet, a.title FROM {rows}{articles}{order}", params + p


def events_query(f: Filters, event_columns: list[str], keyed_page: bool = False) -> tuple[str, list]:
    """De-duplicated events; article fields are those of the most informative mention's article."""
    return _rows_query("events", f, event_columns, keyed_page)


def mentions_query(f: Filters, mention_columns: list[str], keyed_page: bool = False) -> tuple[str, list]:
    return _rows_query("mentions", f, mention_columns, keyed_page)


ARTICLE_LISTING = [
    "a.id", "a.published", "a.outlet", "a.title", "a.dateline", "a.url", "a.source", "a.ingested_at",
    "(SELECT count(*) FROM actors m WHERE m.article_id = a.id) AS actors",
    "(SELECT count(DISTINCT e.event_id) FROM mentions e WHERE e.article_id = a.id) AS events",
    "(SELECT count(*) FROM mentions e WHERE e.article_id = a.id) AS mentions",
    "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes",
]


def _article_conditions(f: Filters) -> tuple[list[str], list]:
    where, params = _outlet(f)
    if f.since:
        where.append("a.published >= ?")
        params.append(f.since)
    if f.until:
        where.append("a.published <= ?")
        params.append(f.until)
    if f.actor:
        where.append("EXISTS (SELECT 1 FROM actors m WHERE m.article_id = a.id AND starts_with(m.code, ?))")
        params.append(f.actor.upper())
    # Event-level filters must hold for one and the same event of the article.
    ev_where, ev_params = event_conditions(f, with_source=False)
    if ev_where:
        where.append(f"EXISTS (SELECT 1 FROM mentions e WHERE e.article_id = a.id AND {' AND '.join(ev_where)})")
        params += ev_params
    return where, params


def articles_query(f: Filters) -> tuple[str, list]:
    where, params = _article_conditions(f)
    limit, p = _limit(f)
    sql = (
        f"SELECT {', '.join(ARTICLE_LISTING)} FROM articles a"
        + (f" WHERE {' AND '.join(where)}" if where else "")
        + " ORDER BY a.published NULLS LAST, a.id"
        + limit
    )
    return sql, params + p


def recode_query(f: Filters, outdated: tuple[str, str] | None) -> tuple[str, list]:
    """Ids of the articles to re-code: those the filters select, and with `outdated`
    (coder version, data hash) only those coded by another coder or other data."""
    where, params = _article_conditions(f)
    if outdated:
        where.append(
            "(a.coder_version IS NULL OR a.coder_version <> ? OR a.data_hash IS NULL OR a.data_hash <> ?)"
        )
        params += list(outdated)
    limit, p = _limit(f)
    sql = (
        "SELECT a.id FROM articles a"
        + (f" WHERE {' AND '.join(where)}" if where else "")
        + " ORDER BY a.published NULLS LAST, a.id"
        + limit
    )
    return sql, params + p
