"""Several writers on one PostgreSQL database: every article stored once and whole, also
when writers are killed with SIGKILL in the middle of their batches and then resumed."""

from __future__ import annotations

import random
import signal
import subprocess
import threading
import time

from backends import (  # noqa: F401
    expected_counts, numbered, per_article_counts, pg_cluster, pg_url, stored_rows, write_numbered, writer_command,
)

from newsevents.store import open_store


def same_events_as_one_writer(store, numbers: list[int], tmp_path) -> None:
    """The de-duplicated events equal those one DuckDB writer makes of the same articles."""
    reference = str(tmp_path / "reference.duckdb")
    write_numbered(reference, numbers, batch=50)
    with open_store(reference, read_only=True) as one:
        assert stored_rows(store)["events"] == stored_rows(one)["events"]


def test_concurrent_writers_store_each_article_once(pg_url, tmp_path):
    numbers = list(range(60))
    # Overlapping halves, one of them backwards, in batches that share articles.
    plans = [numbers[:40], numbers[20:][::-1]]
    stored: list[list[bool]] = [[], []]
    start = threading.Barrier(2)

    def write(k: int) -> None:
        with open_store(pg_url) as s:
            start.wait()
            for i in range(0, len(plans[k]), 6):
                stored[k] += s.save_many([numbered(n) for n in plans[k][i : i + 6]])

    threads = [threading.Thread(target=write, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(stored[0]) + sum(stored[1]) == 60  # the overlap was stored by exactly one of them
    with open_store(pg_url, read_only=True) as s:
        assert per_article_counts(s) == dict(expected_counts(n) for n in numbers)
        same_events_as_one_writer(s, numbers, tmp_path)


def test_writers_killed_mid_batch_lose_and_duplicate_nothing(pg_url, tmp_path):
    numbers = list(range(700))
    rng = random.Random(7)
    plans = [numbers[:450], numbers[250:][::-1]]
    with open_store(pg_url):
        pass  # tables exist before the first kill, so every round writes articles
    for _ in range(4):
        writers = [subprocess.Popen(writer_command(pg_url, plan), stdout=subprocess.PIPE) for plan in plans]
        # Kill once the first writer has committed a few new batches: both are mid-way then.
        for _ in range(rng.randint(1, 4)):
            writers[0].stdout.readline()
        time.sleep(rng.uniform(0, 0.02))
        for w in writers:
            w.send_signal(signal.SIGKILL)
            w.wait()
        with open_store(pg_url, read_only=True) as s:
            partial = per_article_counts(s)
        expected = dict(expected_counts(n) for n in numbers)
        # Whatever was committed is whole; what was not is absent.
        assert all(partial[i] == expected[i] for i in partial)
    assert len(partial) < len(numbers)  # the kills really interrupted the writing
    # Resume: both writers run to the end.
    for w in [subprocess.Popen(writer_command(pg_url, plan), stdout=subprocess.DEVNULL) for plan in plans]:
        assert w.wait() == 0
    with open_store(pg_url, read_only=True) as s:
        assert per_article_counts(s) == expected
        assert s.count("articles") == len(numbers)
        same_events_as_one_writer(s, numbers, tmp_path)
