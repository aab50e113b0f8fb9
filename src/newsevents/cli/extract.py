"""`newsevents extract`: analyse articles and print the results as JSON, storing nothing."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from newsevents.cli.common import InputFormat, Inputs, Published, check_input_format, parse_day, report_failure
from newsevents.readers import ReadError, read_inputs


def extract(
    inputs: Inputs,
    published: Published = None,
    format: Annotated[str, typer.Option("--format", help="json (pretty) or jsonl (one line per article).")] = "json",
    input_format: InputFormat = None,
) -> None:
    """Print the actors, events and quotes of each article as JSON (schema/result.schema.json)."""
    from newsevents.export.result_json import to_json
    from newsevents.pipeline import Failure, process_each

    if format not in ("json", "jsonl"):
        raise typer.BadParameter("--format must be json or jsonl")
    check_input_format(input_format)
    failures = 0

    def articles():
        nonlocal failures
        for item in read_inputs(inputs, parse_day(published), input_format):
            if isinstance(item, ReadError):
                failures += 1
                report_failure(item)
            else:
                yield item

    for result in process_each(articles()):
        if isinstance(result, Failure):
            failures += 1
            report_failure(result)
            continue
        sys.stdout.write(to_json(result, pretty=format == "json") + "\n")
        sys.stdout.flush()
    if failures:
        raise typer.Exit(code=1)
