"""The `newsevents` command line."""

from __future__ import annotations

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


if __name__ == "__main__":
    app()
