"""`newsevents recode`: re-run the pipeline on stored articles after an upgrade."""

from __future__ import annotations

import os
from typing import Annotated, Optional

import typer

from newsevents.cli.common import DEFAULT_DB, Db, err, open_store, shown
from newsevents.cli.query import Actor, Code, Limit, Outlet, Since, Status, Target, Until, _filters


def recode(
    db: Db = DEFAULT_DB,
    outdated: Annotated[
        bool, typer.Option("--outdated", help="Only articles coded by another coder version or other knowledge data.")
    ] = False,
    actor: Actor = None, target: Target = None, code: Code = None, status: Status = None,
    since: Since = None, until: Until = None, outlet: Outlet = None, limit: Limit = None,
    workers: Annotated[
        Optional[int], typer.Option("--workers", min=1, help="Worker processes (default: one per core).")
    ] = None,
) -> None:
    """Re-code stored articles from their stored text and re-cluster their events.

    --since/--until select by publication date. Opening an older database file here migrates it.
    """
    from rich.markup import escape

    from newsevents.store.recode import recode as run_recode

    filters = _filters(actor, target, code, status, since, until, outlet, limit)
    store = open_store(db)
    try:
        report = run_recode(
            store, filters, outdated=outdated, workers=workers or os.cpu_count() or 1,
            on_failure=lambda message: err.print(f"[red]error[/red] {escape(message)}", soft_wrap=True),
        )
    finally:
        store.close()
    err.print(
        f"re-coded {report.recoded} of {report.articles} articles · failed {report.failed} · "
        f"mentions {report.mentions_before} → {report.mentions_after}",
        soft_wrap=True,
    )
    err.print(
        f"events: {report.events_added} added, {report.events_removed} removed, {report.events_changed} changed, "
        f"{report.events_unchanged} unchanged  →  {shown(db)}",
        soft_wrap=True,
    )
    if report.failed:
        raise typer.Exit(code=1)
