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
    engine: Annotated[
        str, typer.Option("--engine", help="local (a process pool on this machine) or ray (a Ray cluster).")
    ] = "local",
    address: Annotated[
        Optional[str],
        typer.Option("--address", help="Ray cluster: auto, or ray://host:port (default: start one on this machine)."),
    ] = None,
    output: Annotated[
        Optional[str],
        typer.Option("--output", help="parquet://DIR: write Parquet shards instead of --db (see `newsevents load`)."),
    ] = None,
    watch: Annotated[
        bool, typer.Option("--watch", help="Keep watching the input directories for new files until Ctrl-C.")
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=1, help="Seconds one article may take before it is abandoned as failed.")
    ] = 120.0,
) -> None:
    """Analyse articles and store them; articles already stored are skipped, so re-runs resume."""
    from rich.markup import escape
    from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    from newsevents.runner import IngestStats
    from newsevents.runner import ingest as run_ingest

    check_input_format(input_format)
    day = parse_day(published)
    if engine not in ("local", "ray"):
        raise typer.BadParameter("--engine must be local or ray")
    if address and engine != "ray":
        raise typer.BadParameter("--address needs --engine ray")
    if output:
        from newsevents.engines.parquet import SCHEME, ParquetShards

        if not output.startswith(SCHEME):
            raise typer.BadParameter("--output must be parquet://DIR")
        store, db = ParquetShards(output), output
    else:
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

    def run_once(names: list[str]) -> IngestStats:
        if engine == "ray":
            from newsevents.engines.ray import RayOptions
            from newsevents.engines.ray import ingest as ray_ingest

            options = RayOptions(address=address, workers=workers, timeout=timeout)
            return ray_ingest(names, store, options, day, input_format, on_failure, on_progress)
        return run_ingest(
            read_inputs(names, day, input_format),
            store,
            workers=workers or os.cpu_count() or 1,
            on_failure=on_failure,
            on_progress=on_progress,
            timeout=timeout,
        )

    from newsevents.engines.ray import EngineError

    try:
        with progress:
            if watch:
                from newsevents.engines.watch import watch_inputs

                stats = watch_inputs(inputs, run_once, on_batch=lambda line: progress.console.print(line, soft_wrap=True))
            else:
                stats = run_once(list(inputs))
    except EngineError as error:
        err.print(f"[red]error[/red] {escape(str(error))}", soft_wrap=True)
        raise typer.Exit(code=2) from None
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
