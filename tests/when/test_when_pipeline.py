"""When stage through the real pipeline, the fixture-set evaluation and the reference article."""

from __future__ import annotations

from datetime import date

from conftest import FIXTURES, needs_shared

from newsevents.evaluate.dates import evaluate


def dates_by_trigger(result) -> dict[str, tuple[str | None, str]]:
    return {e.trigger.text: (e.date.value, e.date.precision) for e in result.events}


def test_pipeline_dates_events_by_their_clause(run):
    result = run("The minister said on Tuesday that Russian troops had attacked Ukrainian soldiers on Sunday.")
    dates = dates_by_trigger(result)
    assert dates["attacked"] == ("2015-01-25", "day")
    for event in result.events:
        if event.date.span is not None:
            assert result.article.text[event.date.span.start : event.date.span.end] == event.date.span.text


def test_pipeline_future_weekday(run):
    dates = dates_by_trigger(run("European Union foreign ministers will meet on Thursday to consider new sanctions."))
    assert dates["meet"] == ("2015-01-29", "day")


def test_pipeline_without_date_uses_publication(run):
    result = run("Russia, which annexed Crimea in 2014, warned NATO against expanding eastward.", published=date(2015, 3, 2))
    assert dates_by_trigger(result)["warned"] == ("2015-03-02", "publication")


def test_fixture_set_reaches_target():
    report = evaluate(FIXTURES / "when" / "dates.jsonl")
    assert report["sentences"] >= 40
    assert report["exact_date_accuracy"] >= 0.90, report["errors"]
    assert report["exact_date_accuracy"] > report["publication_baseline_accuracy"]


def test_reference_article_meeting_is_dated_monday(run):
    from newsevents.readers import read_inputs

    path = needs_shared("samples", "moscow-times-2015-01-27-nato-backs-kiev.md")
    article = next(iter(read_inputs([str(path)], None, None)))
    result = run(article.text, published=article.published)
    held = [e for e in result.events if e.trigger.text == "held" and "extraordinary meeting" in e.sentence.text]
    assert held, "the coder found no 'held' event in the meeting sentence"
    assert {(e.date.value, e.date.precision, e.date.span.text) for e in held} == {("2015-01-26", "day", "Monday")}


def test_eval_dates_command_prints_json_and_refuses_missing_file(tmp_path):
    import json

    from typer.testing import CliRunner

    from newsevents.cli import app

    runner = CliRunner()
    fixture = tmp_path / "few.jsonl"
    fixture.write_text(
        json.dumps(
            {
                "text": "Rebels shelled the port on Sunday night, a spokesman said.",
                "published": "2015-01-27",
                "trigger": "shelled",
                "expected": "2015-01-25",
                "precision": "day",
                "construction": "weekday-past",
            }
        )
        + "\n"
    )
    result = runner.invoke(app, ["eval", "dates", str(fixture), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["sentences"], report["exact_date_accuracy"], report["publication_baseline_accuracy"]) == (1, 1.0, 0.0)
    assert runner.invoke(app, ["eval", "dates", str(tmp_path / "absent.jsonl")]).exit_code == 2
