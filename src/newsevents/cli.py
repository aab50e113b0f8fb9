"""The `newsevents` command line."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from newsevents.evaluate import actors as eval_actors
from newsevents.evaluate import dates as eval_dates
from newsevents.evaluate import events as eval_events
from newsevents.evaluate import locations as eval_locations
from newsevents.evaluate import quotes as eval_quotes
from newsevents.readers import FORMATS, ReadError, read_inputs

app = typer.Typer(
    help="Political event data from English news: who did what to whom, when, where - and who says so.",
    no_args_is_help=True,
    add_completion=False,
)
eval_app = typer.Typer(help="Score the pipeline against the gold sets in ../shared/gold.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
eval_app.command("actors")(eval_actors.cli)
eval_app.command("events")(eval_events.cli)
eval_app.command("quotes")(eval_quotes.cli)
eval_app.command("locations")(eval_locations.cli)
eval_app.command("dates")(eval_dates.cli)

err = Console(stderr=True, highlight=False)


def parse_day(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


Inputs = Annotated[list[str], typer.Argument(help="Files, directories (read recursively) or - for stdin.")]
Published = Annotated[
    Optional[str], typer.Option("--published", help="Publication date YYYY-MM-DD for inputs that carry none.")
]
InputFormat = Annotated[
    Optional[str],
    typer.Option("--input-format", help=f"Force a reader: {', '.join(FORMATS)} (default: by suffix and content)."),
]


def report_failure(failure: ReadError) -> None:
    err.print(f"[red]error[/red] {failure}", soft_wrap=True)


@app.command()
def extract(
    inputs: Inputs,
    published: Published = None,
    format: Annotated[str, typer.Option("--format", help="json (pretty) or jsonl (one line per article).")] = "json",
    input_format: InputFormat = None,
) -> None:
    """Print the actors, events and quotes of each article as JSON (schema/result.schema.json)."""
    from newsevents.export.result_json import to_json
    from newsevents.pipeline import process_many

    if format not in ("json", "jsonl"):
        raise typer.BadParameter("--format must be json or jsonl")
    if input_format and input_format not in FORMATS:
        raise typer.BadParameter(f"--input-format must be one of {', '.join(FORMATS)}")
    failures = 0

    def articles():
        nonlocal failures
        for item in read_inputs(inputs, parse_day(published), input_format):
            if isinstance(item, ReadError):
                failures += 1
                report_failure(item)
            else:
                yield item

    for result in process_many(articles()):
        sys.stdout.write(to_json(result, pretty=format == "json") + "\n")
        sys.stdout.flush()
    if failures:
        raise typer.Exit(code=1)


# -- store: ingest and query ------------------------------------------------------------

Db = Annotated[str, typer.Option("--db", help="DuckDB file (default ./newsevents.duckdb) or a postgresql:// URL.")]
DEFAULT_DB = "newsevents.duckdb"


def _open_store(db: str, read_only: bool = False):
    from newsevents.store import StoreError, open_store

    try:
        return open_store(db, read_only=read_only)
    except StoreError as error:
        err.print(f"[red]error[/red] {error}", soft_wrap=True)
        raise typer.Exit(code=2) from None


@app.command()
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
    import os

    from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.markup import escape
    from rich.text import Text

    from newsevents.runner import IngestStats
    from newsevents.runner import ingest as run_ingest

    if input_format and input_format not in FORMATS:
        raise typer.BadParameter(f"--input-format must be one of {', '.join(FORMATS)}")
    day = parse_day(published)
    store = _open_store(db)

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
        f"failed {stats.failed}  →  {db}",
        soft_wrap=True,
    )
    err.print(
        f"found {stats.actors} actor mentions, {stats.events} events, {stats.quotes} quotes in the new articles",
        soft_wrap=True,
    )
    if stats.failed:
        raise typer.Exit(code=1)


def _filters(actor, target, code, status, since, until, outlet, limit):
    from newsevents.model import STATUSES
    from newsevents.store import Filters

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
Since = Annotated[Optional[str], typer.Option("--since", help="From this day (YYYY-MM-DD), inclusive.")]
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
    store = _open_store(db, read_only=True)
    try:
        rows = store.articles(filters) if kind == "articles" else store.events(filters)
        if format == "csv":
            listing.write_csv(rows, sys.stdout)
        elif format == "jsonl":
            listing.write_jsonl(rows, sys.stdout)
        else:
            table = listing.articles_table if kind == "articles" else listing.events_table
            table(rows, _table_console())
    finally:
        store.close()


@app.command()
def articles(
    db: Db = DEFAULT_DB, actor: Actor = None, target: Target = None, code: Code = None, status: Status = None,
    since: Since = None, until: Until = None, outlet: Outlet = None, limit: Limit = None,
    format: ListFormat = "table",
) -> None:
    """List stored articles. --actor matches any actor mention; --target/--code/--status one of its events."""
    _list("articles", db, _filters(actor, target, code, status, since, until, outlet, limit), format)


@app.command()
def events(
    db: Db = DEFAULT_DB, actor: Actor = None, target: Target = None, code: Code = None, status: Status = None,
    since: Since = None, until: Until = None, outlet: Outlet = None, limit: Limit = None,
    format: ListFormat = "table",
) -> None:
    """List stored events; --since/--until apply to the event's date (else the publication date)."""
    _list("events", db, _filters(actor, target, code, status, since, until, outlet, limit), format)


if __name__ == "__main__":
    app()
