"""`newsevents articles`, `events`, `mentions` and `failures`: list what the store holds, filtered."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer
from rich.console import Console

from newsevents.cli.common import DEFAULT_DB, Db, err, open_store, parse_day
from newsevents.cli.common import shown as printable_db


def _filters(actor, target, code, status, since, until, outlet, limit):
    from newsevents.model import STATUSES
    from newsevents.store.filters import Filters  # the store package imports duckdb: not for --help

    if status and status not in STATUSES:
        raise typer.BadParameter(f"--status must be one of {', '.join(STATUSES)}")
    return Filters(
        actor=actor, target=target, code=code, status=status,
        since=parse_day(since), until=parse_day(until), outlet=outlet, limit=limit,
    )


Actor = Annotated[Optional[str], typer.Option("--actor", help="Source actor code prefix, e.g. RUS or IGOWSTNAT.")]
Target = Annotated[Optional[str], typer.Option("--target", help="Target actor code prefix.")]
Code = Annotated[Optional[str], typer.Option("--code", help="CAMEO event code prefix, e.g. 11 or 0231.")]
Status = Annotated[Optional[str], typer.Option("--status", help="asserted, reported, alleged, denied, ...")]
# One day for every event filter (store/filters.py, EVENT_DAY); articles have only their publication day.
DAY_MEANING = (
    "events, mentions and exports by the event's own date (its month's or year's first day when the text gives no "
    "more), else the publication date; articles by publication date"
)
Since = Annotated[Optional[str], typer.Option("--since", help=f"From this day (YYYY-MM-DD), inclusive: {DAY_MEANING}.")]
Until = Annotated[Optional[str], typer.Option("--until", help="Up to this day (YYYY-MM-DD), inclusive.")]
Outlet = Annotated[Optional[str], typer.Option("--outlet", help="Outlet name (case-insensitive).")]
Limit = Annotated[Optional[int], typer.Option("--limit", min=0, help="At most this many rows.")]
ListFormat = Annotated[str, typer.Option("--format", help="table, csv or jsonl.")]


def _table_console() -> Console:
    # Piped into a file or a CI log Rich assumes 80 columns, which leaves the event table
    # unreadable; a terminal keeps its own width.
    if sys.stdout.isatty() or os.environ.get("COLUMNS"):
        return Console()
    return Console(width=150)


def _list(kind: str, db: str, filters, format: str) -> None:
    from newsevents.store import listing

    if format not in listing.FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(listing.FORMATS)}")
    store = open_store(db, read_only=True)
    try:
        rows = {
            "articles": lambda: store.articles(filters),
            "events": lambda: store.events(filters),
            "mentions": lambda: store.mentions(filters),
            "failures": store.failures,
        }[kind]()
        if format == "csv":
            shown = listing.write_csv(rows, sys.stdout)
        elif format == "jsonl":
            shown = listing.write_jsonl(rows, sys.stdout)
        else:
            shown = listing.TABLES[kind](rows, _table_console())
        if not shown:
            _say_why_empty(kind, db, filters, store)
    finally:
        store.close()


def _say_why_empty(kind: str, db: str, filters, store) -> None:
    from dataclasses import fields

    from newsevents.store.filters import Filters

    if next(iter(store.articles(Filters(limit=1))), None) is None:
        err.print(
            f"no {kind}: {printable_db(db)} holds no articles yet "
            f"(store some with: newsevents ingest FILES --db {printable_db(db)})", soft_wrap=True,
        )
    elif any(getattr(filters, f.name) not in (None, "") for f in fields(filters) if f.name != "limit"):
        err.print(f"no {kind} match these filters in {printable_db(db)}", soft_wrap=True)
    else:
        err.print(f"no {kind} in {printable_db(db)}", soft_wrap=True)


def articles(
    db: Db = DEFAULT_DB, actor: Actor = None, target: Target = None, code: Code = None, status: Status = None,
    since: Since = None, until: Until = None, outlet: Outlet = None, limit: Limit = None,
    format: ListFormat = "table",
) -> None:
    """List stored articles. --actor matches any actor mention; --target/--code/--status one of its events."""
    _list("articles", db, _filters(actor, target, code, status, since, until, outlet, limit), format)


def events(
    db: Db = DEFAULT_DB, actor: Actor = None, target: Target = None, code: Code = None, status: Status = None,
    since: Since = None, until: Until = None, outlet: Outlet = None, limit: Limit = None,
    format: ListFormat = "table",
) -> None:
    """List de-duplicated events, each with its most informative mention's fields and how many
    mentions, outlets and articles report it; --since/--until apply to the event's own date
    (its month's or year's first day when that is all the text gives), else the publication date.
    """
    _list("events", db, _filters(actor, target, code, status, since, until, outlet, limit), format)


def mentions(
    db: Db = DEFAULT_DB, actor: Actor = None, target: Target = None, code: Code = None, status: Status = None,
    since: Since = None, until: Until = None, outlet: Outlet = None, limit: Limit = None,
    format: ListFormat = "table",
) -> None:
    """List every coded mention (one per event in a sentence), with the event it joined and why."""
    _list("mentions", db, _filters(actor, target, code, status, since, until, outlet, limit), format)


def failures(db: Db = DEFAULT_DB, format: ListFormat = "table") -> None:
    """List the inputs that could not be read or analysed: one row per input and reason, with a count."""
    from newsevents.store.filters import Filters

    _list("failures", db, Filters(), format)
