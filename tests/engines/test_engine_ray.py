"""`ingest --engine ray` on a real local Ray cluster: the same rows as the local runner,
resumable, and a killed worker's batch retried without duplicates."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

ray = pytest.importorskip("ray")

sys.path.insert(0, str(Path(__file__).parent))
import stories  # noqa: E402

from newsevents.cli import app  # noqa: E402
from newsevents.engines.ray import Analyser, RayOptions  # noqa: E402
from newsevents.engines.ray import ingest as ray_ingest  # noqa: E402
from newsevents.readers import read_inputs  # noqa: E402
from newsevents.runner import ingest as local_ingest  # noqa: E402
from newsevents.store import open_store  # noqa: E402
from newsevents.store.schema import column_names  # noqa: E402
from stories import contents  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    ray.init(
        num_cpus=2, _node_ip_address="127.0.0.1", include_dashboard=False,
        log_to_driver=False, logging_level=logging.WARNING,
    )
    yield
    ray.shutdown()


def test_ray_stores_exactly_what_the_local_runner_stores_and_resumes(nlp, cluster, tmp_path):
    folder = stories.write_inputs(tmp_path / "in")
    local_db, ray_db = str(tmp_path / "local.duckdb"), str(tmp_path / "ray.duckdb")
    with open_store(local_db) as store:
        local = local_ingest(read_inputs([str(folder)]), store, workers=1)
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", ray_db, "--engine", "ray", "--workers", "2"])
    assert result.exit_code == 1, result.output  # the empty file and the bad record
    assert "stored 7" in result.stderr and "failed 2" in result.stderr
    assert local.stored == 7 and local.failed == 2

    expected, got = contents(local_db), contents(ray_db)
    assert got == expected
    assert len(got["articles"]) == 7 and len(got["mentions"]) >= 7 and got["events"] >= 5
    assert sorted(Path(i).name for i, _ in got["failures"]) == ["empty.txt", "feed.jsonl:3"]
    names = [n for n in column_names("mentions") if n not in stories.NOT_COMPARED]
    dyads = {(m[names.index("source_code")], m[names.index("target_code")]) for m in got["mentions"]}
    assert any(s.startswith("KEN") and t.startswith("UGA") for s, t in dyads if s and t), dyads

    # Resumable: a second run, with one new story, analyses only that one.
    (folder / "story-new.md").write_text(stories.markdown("Mali expels envoy", "2024-04-11",
        "BAMAKO — Mali expelled the French ambassador on Thursday, the government said.", 99))
    with open_store(ray_db) as store:
        again = ray_ingest([str(folder)], store, RayOptions(workers=2))
    assert (again.stored, again.skipped, again.failed) == (1, 7, 2)
    after = contents(ray_db)
    assert len(after["articles"]) == 8
    assert len(after["mentions"]) > len(got["mentions"])
    assert {repr(m) for m in got["mentions"]} <= {repr(m) for m in after["mentions"]}


class DiesOnce(Analyser):
    """An actor that is killed (as by the OOM killer) the first time it gets a batch."""

    flag = ""

    def analyse(self, articles):
        if articles and not os.path.exists(self.flag):
            Path(self.flag).write_text(str(os.getpid()))
            os._exit(137)
        return super().analyse(articles)


def test_a_killed_worker_is_retried_without_duplicates(nlp, cluster, tmp_path):
    import ray.cloudpickle

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    folder = stories.write_inputs(tmp_path / "in")
    DiesOnce.flag = str(tmp_path / "killed")
    db = str(tmp_path / "k.duckdb")
    with open_store(db) as store:
        stats = ray_ingest([str(folder)], store, RayOptions(workers=2, chunk=3), analyser=DiesOnce)
    assert Path(DiesOnce.flag).exists()  # a worker did die
    assert (stats.stored, stats.failed) == (7, 2)
    with open_store(db, read_only=True) as store:
        con = store.con
        assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (7, 7)
        assert con.execute("SELECT count(*) FROM (SELECT DISTINCT article_id, id FROM mentions)").fetchone()[0] \
            == store.count("mentions") > 0
        assert store.count("failures") == 2


class HangsOnGhana(Analyser):
    """An actor whose coding stage never returns on the Ghana story (as a parser stuck in
    native code would): patched in the actor, so that its forked worker inherits it."""

    def __init__(self, *args):
        from newsevents.pipeline import STAGES

        original = STAGES["coding"]

        def hangs_on_ghana(analysis):
            if "Ghana recalled" in analysis.article.text:
                while True:
                    time.sleep(0.05)
            original(analysis)

        STAGES["coding"] = hangs_on_ghana
        super().__init__(*args)


def test_a_hung_article_on_ray_is_abandoned_and_the_rest_is_stored(nlp, cluster, tmp_path):
    import ray.cloudpickle

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    folder = stories.write_inputs(tmp_path / "in")
    db = str(tmp_path / "h.duckdb")
    failures: list[str] = []
    start = time.monotonic()
    with open_store(db) as store:
        stats = ray_ingest([str(folder)], store, RayOptions(workers=2, timeout=5), on_failure=failures.append,
                           analyser=HangsOnGhana)
    assert time.monotonic() - start < 90
    assert (stats.read, stats.stored, stats.failed) == (7, 6, 3)
    with open_store(db, read_only=True) as store:
        titles = sorted(a["title"] for a in store.articles())
        recorded = {Path(f["input"]).name: f["reason"] for f in store.failures()}
    assert recorded["story-4.md"] == "timed out after 5 s"
    assert set(recorded) == {"story-4.md", "empty.txt", "feed.jsonl:3"}
    assert titles == sorted([t for t, _, _ in stories.STORIES if t != "Ghana recalls ambassador"]
                            + [r["title"] for r in stories.RECORDS[:2]])
