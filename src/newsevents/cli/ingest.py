"""`newsevents ingest`: analyse articles in worker processes and store them."""

from __future__ import annotations

import os
from typing import Annotated, Optional

import typer

from newsevents.cli.common import (
    DEFAULT_DB, Db, InputFormat, Inputs, Published, check_input_format, err, open_store, parse_day, shown,
)
from newsevents.readers import read_inputs


def ingest(
    inputs: Inputs,
    db: Db = DEFAULT_DB,
    workers: Annotated[
        Optional[int], typer.Option("--workers", min=1, help="Worker processes (default: one per core).")
    ] = None,
    published: Published = None,
    input_format: InputFormat = None,
) -> None:
    """Analyse articles and store them; articles already stored are skipped, so re-runs resume."""
    from rich.markup import escape
    from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    from newsevents.runner import IngestStats
    from newsevents.runner import ingest as run_ingest

    check_input_format(input_format)
    day = parse_day(published)
    store = open_store(db)

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            rate = task.completed / task.elapsed if task.elapsed else 0.0
            return Text(f"{rate:.1f} articles/s")

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} articles"),
        BarColumn(bar_width=None),
        Rate(),
        TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(),
        console=err,
    )
    task = progress.add_task("ingest", total=None, status="")

    def on_progress(stats: IngestStats) -> None:
        progress.update(
            task,
            completed=stats.stored + stats.skipped + stats.failed,
            status=f"stored {stats.stored} · skipped {stats.skipped} · failed {stats.failed}",
        )

    def on_failure(message: str) -> None:
        progress.console.print(f"[red]error[/red] {escape(message)}", soft_wrap=True)

    try:
        with progress:
            stats = run_ingest(
                read_inputs(inputs, day, input_format),
                store,
                workers=workers or os.cpu_count() or 1,
                on_failure=on_failure,
                on_progress=on_progress,
            )
    finally:
        store.close()
    err.print(
        f"read {stats.read} · stored {stats.stored} · skipped {stats.skipped} (already present) · "
        f"failed {stats.failed}  →  {shown(db)}",
        soft_wrap=True,
    )
    err.print(
        f"found {stats.actors} actor mentions, {stats.events} events, {stats.quotes} quotes in the new articles",
        soft_wrap=True,
    )
    if stats.failed:
        raise typer.Exit(code=1)
