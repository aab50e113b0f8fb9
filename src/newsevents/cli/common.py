"""What every command shares: the error console, date parsing, common options, opening the store."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Optional

import typer
from rich.console import Console

from newsevents.readers import FORMATS, ReadError

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


def check_input_format(input_format: Optional[str]) -> None:
    if input_format and input_format not in FORMATS:
        raise typer.BadParameter(f"--input-format must be one of {', '.join(FORMATS)}")


def report_failure(failure: ReadError) -> None:
    err.print(f"[red]error[/red] {failure}", soft_wrap=True)


Db = Annotated[
    str,
    typer.Option(
        "--db", envvar="NEWSEVENTS_DB", show_envvar=True,
        help="DuckDB file (default ./newsevents.duckdb) or a postgresql://user:password@host:port/dbname URL.",
    ),
]
DEFAULT_DB = "newsevents.duckdb"


def shown(db: str) -> str:
    """The --db value as it may be printed: a URL's password replaced by ***."""
    from newsevents.store.postgres import display

    return display(db) if "://" in db else db


def open_store(db: str, read_only: bool = False):
    from newsevents.store import StoreError
    from newsevents.store import open_store as open_any_store

    try:
        if not read_only and not db.startswith(("postgresql://", "postgres://")) and db not in ("duckdb://", ":memory:"):
            from newsevents.store.duckdb_sharing import ReleasingStore

            # A command that writes lets readers into the file between its batches.
            return ReleasingStore(db.removeprefix("duckdb://"))
        return open_any_store(db, read_only=read_only)
    except StoreError as error:
        err.print(f"[red]error[/red] {error}", soft_wrap=True)
        raise typer.Exit(code=2) from None
