"""`newsevents extract`: one schema-valid object per article, one error line per bad input."""

from __future__ import annotations

import json

import jsonschema
from typer.testing import CliRunner

from conftest import EXAMPLES
from newsevents.cli import app
from newsevents.export.result_json import result_schema

runner = CliRunner()


def test_extract_prints_schema_valid_results_with_exact_offsets():
    outcome = runner.invoke(app, ["extract", str(EXAMPLES), "--format", "jsonl"])
    assert outcome.exit_code == 0, outcome.output
    results = [json.loads(line) for line in outcome.stdout.splitlines()]
    assert len(results) == len(list(EXAMPLES.glob("*.md")))
    for result in results:
        jsonschema.validate(result, result_schema())
        text = result["article"]["text"]
        assert result["actors"], "named people, organisations and places are listed"
        for actor in result["actors"]:
            assert text[actor["start"] : actor["end"]] == actor["text"]
        for event in result["events"]:
            for key in ("sentence", "trigger"):
                span = event[key]
                assert text[span["start"] : span["end"]] == span["text"]
        for quote in result["quotes"]:
            span = quote["content"]
            assert text[span["start"] : span["end"]] == span["text"]


def test_extract_reads_stdin_with_published_date():
    text = "Lebanon's prime minister met the Saudi ambassador in Beirut on Thursday to discuss aid."
    outcome = runner.invoke(app, ["extract", "-", "--published", "2023-05-12", "--format", "jsonl"], input=text)
    assert outcome.exit_code == 0, outcome.output
    [result] = [json.loads(line) for line in outcome.stdout.splitlines()]
    assert result["article"]["published"] == "2023-05-12"
    assert result["article"]["text"] == text


def test_extract_reports_bad_input_and_still_processes_the_rest(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    good = tmp_path / "good.txt"
    good.write_text("The Chilean government recalled its ambassador from Caracas on Monday.")
    outcome = runner.invoke(app, ["extract", str(empty), str(good), "--format", "jsonl"])
    assert outcome.exit_code == 1
    assert len(outcome.stdout.splitlines()) == 1
    [line] = [line for line in outcome.stderr.splitlines() if line.strip()]
    assert str(empty) in line and "empty input" in line


def test_extract_pretty_json_is_the_default():
    outcome = runner.invoke(app, ["extract", str(sorted(EXAMPLES.glob("*.md"))[0])])
    assert outcome.exit_code == 0
    assert outcome.stdout.startswith("{\n")
    assert json.loads(outcome.stdout)["article"]["title"]
