"""`newsevents articles` / `events`: every filter, and the three output formats."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "store"))
import results as fixtures  # noqa: E402

from newsevents.cli import app  # noqa: E402
from newsevents.store import Filters, open_store  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("query") / "q.duckdb")
    with open_store(path) as s:
        s.save_many(fixtures.all_results())
    return path


@pytest.fixture(scope="module")
def store(db):
    s = open_store(db, read_only=True)
    yield s
    s.close()


def codes(store, **filters) -> list[str]:
    return sorted(e["cameo_code"] for e in store.events(Filters(**filters)))


def test_no_filter_lists_every_event(store):
    assert codes(store) == ["016", "036", "040", "111", "112", "173"]


def test_actor_and_target_match_code_prefixes(store):
    assert codes(store, actor="RUS") == ["016"]
    assert codes(store, actor="ken") == ["111", "173"]  # codes are case-insensitive to type
    assert codes(store, target="IGO") == ["040"]
    assert codes(store, target="KEN") == ["111", "173"]
    assert codes(store, actor="KENOPP", target="KENCOP") == ["111"]


def test_code_prefix_and_status(store):
    assert codes(store, code="11") == ["111", "112"]
    assert codes(store, code="0") == ["016", "036", "040"]
    assert codes(store, status="reported") == ["173"]
    assert codes(store, code="1", status="asserted") == ["111", "112"]


def test_dates_use_the_event_date_else_the_publication_date(store):
    # "2024-04" (month precision) counts from the first of the month, not from the
    # article's publication on 2024-03-11.
    assert codes(store, since=date(2024, 3, 20)) == ["036"]
    assert codes(store, until=date(2015, 1, 26)) == ["040", "112"]
    # The denial has no date of its own: it falls back to publication (2015-01-27).
    assert codes(store, since=date(2015, 1, 27), until=date(2015, 12, 31)) == ["016"]


def test_outlet_is_case_insensitive_and_limit_caps(store):
    assert codes(store, outlet="WIRE DESK") == ["016", "036", "040", "112"]
    assert len(list(store.events(Filters(limit=2)))) == 2
    assert list(store.events(Filters(outlet="No Such Paper"))) == []


def test_article_filters(store):
    def titles(**filters):
        return sorted(a["title"] or a["source"] for a in store.articles(Filters(**filters)))

    assert titles() == ["Kenyan police arrest protesters", "NATO accuses Russia", "geneva.txt"]
    assert titles(actor="CHE") == ["geneva.txt"]
    assert titles(code="17") == ["Kenyan police arrest protesters"]
    # Both conditions must hold for one and the same event.
    assert titles(target="IGO", status="denied") == []
    assert titles(target="IGO", status="asserted") == ["NATO accuses Russia"]
    assert titles(since=date(2020, 1, 1), until=date(2023, 12, 31)) == ["Kenyan police arrest protesters"]


def run(*args: str):
    # A wide terminal, so that the table does not shorten what is asserted on.
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "220"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_events_command_csv_and_jsonl(db):
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", db, "--code", "11", "--format", "csv"))))
    assert sorted(r["cameo_code"] for r in rows) == ["111", "112"]
    assert all(r["sentence_text"] for r in rows)
    lines = run("events", "--db", db, "--actor", "KENCOP", "--format", "jsonl").splitlines()
    (event,) = [json.loads(line) for line in lines]
    assert event["cameo_code"] == "173" and event["status"] == "reported"
    assert event["reported_by_text"] == "witnesses"
    assert event["published"] == "2023-09-05"


def test_events_table_shows_date_actors_code_status_and_sentence(db):
    out = run("events", "--db", db, "--status", "denied")
    assert "016" in out and "RUSGOV" in out and "denied" in out and "Moscow denied" in out
    assert "173" not in out


def test_articles_command(db):
    lines = run("articles", "--db", db, "--outlet", "coast herald", "--format", "jsonl").splitlines()
    (article,) = [json.loads(line) for line in lines]
    assert article["title"] == "Kenyan police arrest protesters"
    assert (article["actors"], article["events"]) == (3, 2)
    assert "NATO accuses Russia" in run("articles", "--db", db)


def test_bad_options_and_missing_database_fail_cleanly(db, tmp_path):
    assert CliRunner().invoke(app, ["events", "--db", db, "--status", "rumoured"]).exit_code != 0
    assert CliRunner().invoke(app, ["events", "--db", db, "--since", "last week"]).exit_code != 0
    missing = CliRunner().invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no such database" in missing.stderr
    # Nothing listens on port 1: one line naming the server, its password left out.
    pg = CliRunner().invoke(app, ["articles", "--db", "postgresql://ana:secret@127.0.0.1:1/news"])
    assert pg.exit_code == 2 and "cannot connect" in pg.stderr and "secret" not in pg.stderr
