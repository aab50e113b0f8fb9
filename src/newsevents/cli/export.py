"""`newsevents export`: the stored events in the formats the field reads."""

from __future__ import annotations

from typing import Annotated

import typer

from newsevents.cli.common import DEFAULT_DB, Db, err
from newsevents.cli.query import Actor, Code, Limit, Outlet, Since, Status, Target, Until, _filters

ExportFormat = Annotated[
    str,
    typer.Option(
        "--format",
        help="gdelt (GDELT 2.0 events), gdelt-mentions, plover (JSON Lines), or parquet, csv, jsonl of --table.",
    ),
]
Output = Annotated[str, typer.Option("-o", "--output", help="File to write, or - for stdout.")]
Table = Annotated[
    str, typer.Option("--table", help="For parquet/csv/jsonl: events, mentions, articles, quotes, actors or places.")
]
Header = Annotated[bool, typer.Option("--header", help="GDELT formats: add a header line (GDELT ships none).")]


def export(
    format: ExportFormat,
    output: Output,
    db: Db = DEFAULT_DB, actor: Actor = None, target: Target = None, code: Code = None, status: Status = None,
    since: Since = None, until: Until = None, outlet: Outlet = None, limit: Limit = None,
    table: Table = "events", header: Header = False,
) -> None:
    """Export de-duplicated events (and their mentions, articles, ...) with the filters of `events`."""
    from newsevents.export.run import FORMATS, TABLES, ExportError
    from newsevents.export.run import export as run_export

    if format not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    if table not in TABLES:
        raise typer.BadParameter(f"--table must be one of {', '.join(TABLES)}")
    filters = _filters(actor, target, code, status, since, until, outlet, limit)
    try:
        n = run_export(db, format, output, filters, table=table, header=header)
    except ExportError as error:
        err.print(f"[red]error[/red] {error}", soft_wrap=True)
        raise typer.Exit(code=2) from None
    what = table if format in ("parquet", "csv", "jsonl") else format
    err.print(f"exported {n} rows ({what}) to {'stdout' if output == '-' else output}", soft_wrap=True)
