"""The `newsevents` command line: one module per command group, composed here."""

from __future__ import annotations

import typer

from newsevents.cli.common import add_examples, configure_logging
from newsevents.cli.export import export
from newsevents.cli.extract import extract
from newsevents.cli.ingest import ingest
from newsevents.cli.load import load
from newsevents.cli.query import articles, events, failures, mentions
from newsevents.cli.recode import recode
from newsevents.cli.serve import serve
from newsevents.evaluate import actors as eval_actors
from newsevents.evaluate import dates as eval_dates
from newsevents.evaluate import dedup as eval_dedup
from newsevents.evaluate import events as eval_events
from newsevents.evaluate import locations as eval_locations
from newsevents.evaluate import quotes as eval_quotes

app = typer.Typer(
    help="Political event data from English news: who did what to whom, when, where - and who says so.",
    no_args_is_help=True,
    add_completion=False,
)
app.callback()(configure_logging)  # --verbose/--quiet for every command
app.command()(extract)
app.command()(ingest)
app.command()(articles)
app.command()(events)
app.command(epilog="Example:  newsevents mentions --db news.duckdb --code 112 --format jsonl")(mentions)
app.command(epilog="Example:  newsevents failures --db news.duckdb --format csv")(failures)
app.command(epilog="Example:  newsevents recode --db news.duckdb --outdated")(recode)
app.command(epilog="Example:  newsevents export --db news.duckdb --format gdelt --since 2024-01-01 -o events.tsv")(export)
app.command(epilog="Example:  newsevents serve --db news.duckdb --port 8000   (then open http://127.0.0.1:8000/)")(serve)
app.command()(load)

eval_app = typer.Typer(help="Score the pipeline against the gold sets in ../shared/gold.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
eval_app.command("actors")(eval_actors.cli)
eval_app.command("events")(eval_events.cli)
eval_app.command("quotes")(eval_quotes.cli)
eval_app.command("locations")(eval_locations.cli)
eval_app.command("dates")(eval_dates.cli)
eval_app.command("dedup", epilog="Example:  newsevents eval dedup --topics 1,2 --json")(eval_dedup.cli)

# Last: it gives every command registered above that has no epilog an example.
add_examples(app)
