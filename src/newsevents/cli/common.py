"""What every command shares: the error console, date parsing, common options, opening the store."""

from __future__ import annotations

import logging
from datetime import date
from typing import Annotated, Optional, get_args

import typer
from rich.console import Console
from typer.core import TyperArgument, TyperOption

from newsevents.readers import FORMATS

# soft_wrap: an error is one line however long the path it names; a terminal-width wrap
# would split it and break `grep`-style use of the messages.
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _plain_types(display_type_rich):
    """Typer 0.29 labels every parameter with its Python annotation: `--help <bool>`,
    `inputs... <list[str]>`. A flag takes no value, so it gets no label; a parameter that
    takes several values already says so with "...", so it is labelled by one value's type."""

    def label(param, ctx):
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            return None
        described = param.type_descriptor
        if described.is_list and not described.is_choice and param.metavar is None:
            (element,) = get_args(described.annotation)
            return f"<{param._bare_type(element)}>"
        return display_type_rich(param, ctx)

    return label


TyperArgument.display_type_rich = _plain_types(TyperArgument.display_type_rich)
TyperOption.display_type_rich = _plain_types(TyperOption.display_type_rich)


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


log = logging.getLogger("newsevents")


class ConsoleHandler(logging.Handler):
    """Log records as "level message" lines on the error console.

    Rich's own RichHandler pads a level column and wraps long lines; a bad input's
    message must stay one line starting with its level, so scripts can grep it.
    """

    STYLES = {"error": "red", "critical": "red", "warning": "yellow", "info": "blue", "debug": "dim"}

    def emit(self, record: logging.LogRecord) -> None:
        from rich.markup import escape

        try:
            level = record.levelname.lower()
            message = escape(self.format(record))
            err.print(f"[{self.STYLES.get(level, 'bold')}]{level}[/] {message}", soft_wrap=True)
        except Exception:
            self.handleError(record)


def configure_logging(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also say what is skipped and why; full tracebacks on errors.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors.")] = False,
) -> None:
    """Political event data from English news: who did what to whom, when, where - and who says so."""
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.INFO
    log.setLevel(level)
    if not any(isinstance(h, ConsoleHandler) for h in log.handlers):
        log.addHandler(ConsoleHandler())


def report_failure(failure) -> None:
    """One line naming the input and the reason (a ReadError or an analysis Failure)."""
    log.error("%s", failure)


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


# One example per command, shown under its --help (Typer's epilog).
EXAMPLES = {
    "extract": "newsevents extract article.md --published 2024-03-11 > result.json",
    "ingest": "newsevents ingest ./news --db news.duckdb --workers 2",
    "articles": "newsevents articles --db news.duckdb --actor RUS --since 2024-01-01",
    "events": "newsevents events --db news.duckdb --code 19 --format csv > fights.csv",
    "actors": "newsevents eval actors",
    "events-eval": "newsevents eval events",
    "quotes": "newsevents eval quotes",
    "locations": "newsevents eval locations",
    "dates": "newsevents eval dates",
    "export": "newsevents export --db news.duckdb --format plover -o events.jsonl",
    "dedup": "newsevents eval dedup",
}


def add_examples(app: typer.Typer) -> None:
    """Give each known command its example; commands added later keep their own help."""
    groups = [(app, "")] + [(group.typer_instance, "-eval") for group in app.registered_groups if group.typer_instance]
    for typer_app, suffix in groups:
        for command in typer_app.registered_commands:
            name = command.name or (command.callback.__name__ if command.callback else "")
            example = EXAMPLES.get(name + suffix) or (EXAMPLES.get(name) if suffix else None)
            if example and not command.epilog:
                command.epilog = f"Example:  {example}"
