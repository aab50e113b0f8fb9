"""Readers during an ingest, on both backends: `events` and `articles` answer while
`newsevents ingest` is still writing, and see only whole articles."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from backends import BACKENDS, pg_cluster, pg_url, url_for  # noqa: F401

from newsevents.store import StoreError, open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "store"))
import wire  # noqa: E402


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsevents.cli", *args]


def stored(url: str) -> int:
    try:
        with open_store(url, read_only=True) as s:
            return s.count("articles")
    except StoreError:
        return 0  # not created yet


def test_queries_answer_while_an_ingest_writes_on_both_backends(request, tmp_path):
    folder = tmp_path / "feed"
    wire.write_folder(folder, 80)
    # Both ingests at once: the model loads and the parsing overlap, the test takes half as long.
    urls = [url_for(backend, request, tmp_path) for backend in BACKENDS]
    ingests = [
        subprocess.Popen(cli("ingest", str(folder), "--db", url, "--workers", "1"),
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for url in urls
    ]
    try:
        deadline = time.monotonic() + 120
        for url, ingest in zip(urls, ingests):
            while not stored(url):
                assert ingest.poll() is None, ingest.stderr.read().decode()
                assert time.monotonic() < deadline, "the ingest never committed anything"
                time.sleep(0.1)
        readers = {
            (url, kind): subprocess.Popen(cli(kind, "--db", url, "--format", "jsonl"), stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True)
            for url in urls for kind in ("events", "articles")
        }
        answers = {key: (reader.communicate(), reader.returncode) for key, reader in readers.items()}
        # The readers were not merely lucky to come after the ingests.
        assert all(ingest.poll() is None for ingest in ingests), "an ingest ended first: give it more stories"
    finally:
        for ingest in ingests:
            ingest.send_signal(signal.SIGKILL)
            ingest.wait()
            ingest.stderr.close()
    for url in urls:
        ((events, events_err), events_rc), ((listing, listing_err), listing_rc) = (
            answers[url, "events"], answers[url, "articles"],
        )
        assert events_rc == 0 and listing_rc == 0, events_err + listing_err
        listed = [json.loads(line) for line in listing.splitlines()]
        assert 0 < len(listed) < 80
        # Whole articles only: each listed one has its mentions and events.
        assert all(a["mentions"] > 0 and a["events"] > 0 for a in listed)
        assert {json.loads(line)["article_id"] for line in events.splitlines()} <= {a["id"] for a in listed}


HOLDER = (
    "import sys, time, duckdb; con = duckdb.connect(sys.argv[1]); print('open', flush=True); time.sleep(60)"
)


def test_a_file_held_for_good_is_reported_with_its_holder(tmp_path, monkeypatch):
    from newsevents.store import duckdb_sharing

    path = str(tmp_path / "held.duckdb")
    open_store(path).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, path], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "open\n"
        monkeypatch.setattr(duckdb_sharing, "READER_WAIT", 0.3)
        with pytest.raises(StoreError) as caught:
            open_store(path, read_only=True)
    finally:
        holder.kill()
        holder.wait()
    message = str(caught.value)
    assert f"held.duckdb: process {holder.pid} (python -c import sys" in message and "\n" not in message
    # Once the holder is gone, the same reader gets in at once.
    with open_store(path, read_only=True) as s:
        assert s.count("articles") == 0
