"""The local runner's per-article time limit, and a worker that dies on one article."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import stories  # noqa: E402

import pytest  # noqa: E402

from newsevents.pipeline import STAGES  # noqa: E402
from newsevents.readers import read_inputs  # noqa: E402
from newsevents.runner import ingest  # noqa: E402
from newsevents.store import open_store  # noqa: E402


def run(folder: Path, db: Path, workers: int = 2, **kw):
    failures: list[str] = []
    with open_store(str(db)) as store:
        stats = ingest(read_inputs([str(folder)]), store, workers=workers, chunk=4, on_failure=failures.append, **kw)
        titles = sorted(a["title"] for a in store.articles())
        recorded = {Path(f["input"]).name: f["reason"] for f in store.failures()}
    return stats, titles, recorded


@pytest.mark.parametrize("workers", [1, 2])
def test_a_hung_article_is_abandoned_and_the_rest_is_stored(nlp, tmp_path, monkeypatch, workers):
    folder = stories.write_inputs(tmp_path / "in")
    original = STAGES["coding"]

    def hangs_on_ghana(analysis):  # the forked workers inherit this
        if "Ghana recalled" in analysis.article.text:
            while True:
                time.sleep(0.05)
        original(analysis)

    monkeypatch.setitem(STAGES, "coding", hangs_on_ghana)
    start = time.monotonic()
    stats, titles, recorded = run(folder, tmp_path / "t.duckdb", workers, timeout=5)
    assert time.monotonic() - start < 60
    assert recorded["story-4.md"] == "timed out after 5 s"
    assert set(recorded) == {"story-4.md", "empty.txt", "feed.jsonl:3"}
    expected = sorted([t for t, _, _ in stories.STORIES if t != "Ghana recalls ambassador"]
                      + [r["title"] for r in stories.RECORDS[:2]])
    assert titles == expected
    assert (stats.stored, stats.failed) == (6, 3)


def test_a_worker_that_dies_costs_only_the_article_it_was_on(nlp, tmp_path, monkeypatch):
    folder = stories.write_inputs(tmp_path / "in")
    original = STAGES["coding"]

    def crashes_on_norway(analysis):
        if "Norway pledged" in analysis.article.text:
            os._exit(139)  # as a segfault in native code would
        original(analysis)

    monkeypatch.setitem(STAGES, "coding", crashes_on_norway)
    stats, titles, recorded = run(folder, tmp_path / "c.duckdb")
    assert recorded["story-3.md"] == "worker process died while analysing it"
    assert "Norway pledges aid to Sudan" not in titles and len(titles) == 6
    assert (stats.stored, stats.failed) == (6, 3)
