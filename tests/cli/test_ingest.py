"""`newsevents ingest`: idempotent, crash-safe, and every bad input reported and recorded."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "store"))
import wire  # noqa: E402

from newsevents.cli import app  # noqa: E402
from newsevents.pipeline import STAGES  # noqa: E402
from newsevents.store import StoreError, open_store  # noqa: E402


def ingest(*args: str):
    """In-process, one worker: uses the session's already loaded model."""
    return CliRunner().invoke(app, ["ingest", *args, "--workers", "1"])


def table_counts(db: str) -> dict[str, int]:
    with open_store(db, read_only=True) as s:
        return {t: s.count(t) for t in ("articles", "actors", "mentions", "events", "quotes", "failures")}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error ")]


def test_ingesting_twice_stores_nothing_twice(nlp, tmp_path):
    folder = tmp_path / "news"
    wire.write_folder(folder, 6)
    db = str(tmp_path / "n.duckdb")
    first = ingest(str(folder), "--db", db)
    assert first.exit_code == 0, first.output
    assert "stored 6" in first.stderr
    after_first = table_counts(db)
    assert after_first["articles"] == 6 and after_first["actors"] > 6
    # The same files again, plus one of them under another path: all already present.
    copy = tmp_path / "copy.md"
    copy.write_text((folder / "story-0002.md").read_text())
    second = ingest(str(folder), str(copy), "--db", db)
    assert second.exit_code == 0, second.output
    assert "stored 0" in second.stderr and "skipped 7" in second.stderr
    assert table_counts(db) == after_first
    with open_store(db, read_only=True) as s:
        assert s.con.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0] == 6


def write_bad_inputs(folder: Path) -> dict[str, str]:
    """Each bad input, with a word its one-line reason must contain."""
    folder.mkdir()
    (folder / "good.md").write_text(wire.markdown(40))
    (folder / "empty [draft].txt").write_bytes(b"")  # brackets: not Rich markup
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes("LIMA - El ministro habló con la prensa en Perú.".encode("latin-1"))
    (folder / "menu.html").write_text(
        "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a>"
        " <a href='/sport'>Sport</a></nav></body></html>"
    )
    (folder / "feed.csv").write_text("headline,link\nTalks resume,https://example.org/a\n")
    records = [
        {"text": wire.story(41), "title": "Good record", "published": "2024-03-02"},
        {"text": wire.story(42), "title": "Bad date", "published": "the morning after the vote"},
    ]
    (folder / "records.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    with (folder / "huge.txt").open("w") as fh:
        line = "The committee met again and adjourned without a vote. " * 20 + "\n"
        while fh.tell() < 20_000_000:
            fh.write(line)
    return {
        "empty [draft].txt": "empty",
        "image.txt": "binary",
        "latin1.txt": "UTF-8",
        "menu.html": "HTML",
        "feed.csv": "text",
        "records.jsonl:2": "date",
        "huge.txt": "large",
    }


def test_bad_inputs_are_reported_recorded_and_do_not_stop_the_good_ones(nlp, tmp_path):
    expected = write_bad_inputs(tmp_path / "inbox")
    db = str(tmp_path / "b.duckdb")
    result = ingest(str(tmp_path / "inbox"), "--db", db)
    assert result.exit_code == 1
    lines = error_lines(result.stderr)
    assert len(lines) == len(expected), lines
    for name, reason in expected.items():
        (line,) = [line for line in lines if f"{name}:" in line]
        assert reason.lower() in line.lower(), line
    with open_store(db, read_only=True) as s:
        titles = sorted(a["title"] for a in s.articles())
        failures = {Path(f["input"]).name: f["reason"] for f in s.failures()}
    assert titles == sorted(["Good record", wire.markdown(40).splitlines()[0].removeprefix("# ")])
    assert set(failures) == set(expected)
    assert "failed 7" in result.stderr


def test_an_article_that_breaks_a_stage_is_recorded_and_the_run_goes_on(nlp, tmp_path, monkeypatch):
    folder = tmp_path / "news"
    paths = wire.write_folder(folder, 3)
    original = STAGES["coding"]

    def fragile(analysis):
        if "Henrik Dahl" in analysis.article.text:  # only story 1 names him
            raise KeyError("no pattern for this verb")
        original(analysis)

    monkeypatch.setitem(STAGES, "coding", fragile)
    db = str(tmp_path / "s.duckdb")
    result = ingest(str(folder), "--db", db)
    assert result.exit_code == 1
    (line,) = error_lines(result.stderr)
    assert paths[1].name in line and "KeyError" in line
    with open_store(db, read_only=True) as s:
        assert s.count("articles") == 2
        assert not s.has(next(iter(s.articles()))["id"] + "x")
        (failure,) = list(s.failures())
    assert failure["input"] == str(paths[1]) and "analysis failed" in failure["reason"]


def _processes_using(marker: str) -> list[int]:
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if marker in cmdline:
                found.append(int(pid))
    return found


def _stored(db: Path) -> int:
    try:
        with open_store(str(db), read_only=True) as s:
            return s.count("articles")
    except StoreError:
        return 0  # not created yet, or its tables not yet committed


def _kill_once_stored_beyond(proc: subprocess.Popen, db: Path, already: int) -> None:
    """SIGKILL the ingest as soon as it has committed articles beyond `already`."""
    deadline = time.monotonic() + 60
    while _stored(db) <= already:
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "ingest never committed anything"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    # The workers notice their parent is gone and leave instead of lingering.
    deadline = time.monotonic() + 10
    while _processes_using(str(db)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_using(str(db)) == []


def _assert_whole_and_once(db: Path, total: int) -> None:
    with open_store(str(db), read_only=True) as s:
        con = s.con
        assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (total, total)
        assert con.execute("SELECT count(DISTINCT url) FROM articles").fetchone()[0] == total
        # No partial article: every one has its actor rows, numbered 0..n-1 without gaps
        # or repeats, and no row belongs to an article that is not there.
        per_article = con.execute(
            "SELECT a.id, count(m.idx), count(DISTINCT m.idx), max(m.idx) "
            "FROM articles a LEFT JOIN actors m ON m.article_id = a.id GROUP BY a.id"
        ).fetchall()
        for article_id, n, distinct, highest in per_article:
            assert n > 0, article_id
            assert n == distinct == highest + 1, article_id
        orphans = con.execute("SELECT count(*) FROM actors WHERE article_id NOT IN (SELECT id FROM articles)")
        assert orphans.fetchone()[0] == 0
        # Every mention belongs to exactly one stored event, and the events count their mentions.
        assert con.execute("SELECT count(*) FROM mentions WHERE event_id NOT IN (SELECT id FROM events)").fetchone()[0] == 0
        assert con.execute("SELECT coalesce(sum(num_mentions), 0) FROM events").fetchone()[0] == con.execute(
            "SELECT count(*) FROM mentions"
        ).fetchone()[0]


def _ingest_command(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "newsevents.cli", "ingest", str(folder), "--db", str(db), "--workers", "2"]


@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc to watch the worker processes")
def test_kill_9_mid_run_then_rerun_completes_without_duplicates_or_partial_articles(tmp_path):
    total = 80
    folder = tmp_path / "stream"
    wire.write_folder(folder, total)
    db = tmp_path / "crash.duckdb"
    command = _ingest_command(folder, db)
    _kill_once_stored_beyond(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE), db, 0)
    with open_store(str(db), read_only=True) as s:
        stored_before = s.count("articles")
    assert 0 < stored_before < total, "the kill should land mid-run"

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped {stored_before}" in rerun.stderr
    _assert_whole_and_once(db, total)


@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc to watch the worker processes")
def test_kill_9_during_a_rerun_with_new_inputs_loses_and_doubles_nothing(tmp_path):
    """A daily feed: yesterday's articles are stored, today's run is killed half-way, then resumed."""
    folder = tmp_path / "feed"
    wire.write_folder(folder, 30)
    db = tmp_path / "feed.duckdb"
    command = _ingest_command(folder, db)
    first = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert first.returncode == 0, first.stderr
    wire.write_folder(folder, 50, start=30)
    _kill_once_stored_beyond(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE), db, 30)
    with open_store(str(db), read_only=True) as s:
        stored_before = s.count("articles")
    assert 30 < stored_before < 80, "the kill should land while the new inputs are stored"

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped {stored_before}" in rerun.stderr
    _assert_whole_and_once(db, 80)


def test_the_runner_reads_ahead_only_a_bounded_number_of_articles(nlp):
    """An endless stream must not be swallowed whole (as Pool.imap would): memory stays flat."""
    from itertools import count

    from newsevents.model import Article, article_id
    from newsevents.runner import analyse_stream

    pulled = 0

    def endless():
        nonlocal pulled
        for i in count():
            pulled += 1
            text = f"Police in Lima detained {i} protesters on Monday."
            yield Article(article_id(None, text), text, source=f"stream:{i}")

    chunk, workers = 8, 2
    received = 0
    stream = analyse_stream(endless(), workers=workers, chunk=chunk)
    for outcomes in stream:
        received += len(outcomes)
        assert pulled <= received + (2 * workers + 1) * chunk
        if received >= 100:
            break
    stream.close()
    assert received >= 100


def test_a_worker_that_dies_costs_only_the_articles_in_flight(nlp, monkeypatch):
    from newsevents.model import Article, article_id
    from newsevents.runner import Failed, analyse_stream

    original = STAGES["coding"]

    def crashing(analysis):
        if "Ghana" in analysis.article.text:
            os._exit(1)  # as if the worker were killed by the OOM killer
        original(analysis)

    # Forked workers inherit the patched stage table.
    monkeypatch.setitem(STAGES, "coding", crashing)
    texts = [f"Officials in Peru opened {i} new schools on Monday." for i in range(24)]
    texts[9] = "Officials in Ghana opened a new port on Monday."
    articles = [Article(article_id(None, t), t, source=f"s{i}") for i, t in enumerate(texts)]
    outcomes = [o for chunk in analyse_stream(articles, workers=2, chunk=4) for o in chunk]
    failed = {o.input for o in outcomes if isinstance(o, Failed)}
    done = {o.article_id for o in outcomes if not isinstance(o, Failed)}
    assert "s9" in failed
    assert len(failed) <= 2 * 2 * 4  # at most the chunks in flight
    assert len(failed) + len(done) == len(articles)
    assert len(done) >= len(articles) - 16


def test_workers_are_replaced_along_a_long_stream_without_losing_an_article(nlp, monkeypatch):
    from newsevents import runner
    from newsevents.model import Article, article_id

    monkeypatch.setattr(runner, "RECYCLE_AFTER", 6)  # a fresh pair of workers every ~12 articles
    pools = []

    class CountedPool(runner.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(runner, "ProcessPoolExecutor", CountedPool)
    texts = [f"The mayor of Quito met {i} union leaders on Friday." for i in range(40)]
    articles = [Article(article_id(None, t), t, source=f"q{i}") for i, t in enumerate(texts)]
    outcomes = [o for chunk in runner.analyse_stream(articles, workers=2, chunk=4) for o in chunk]
    assert sorted(o.article_id for o in outcomes) == sorted(a.id for a in articles)
    assert len(pools) >= 3
