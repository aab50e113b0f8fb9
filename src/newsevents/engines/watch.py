"""Feed mode (`ingest --watch`): ingest files as they appear, until Ctrl-C.

Each scan of the watched inputs makes one batch of the files that are new or have
changed (a JSON Lines file that grows is read again; its articles already stored are
skipped by id, so the feed is idempotent). A file is taken only once its size and
modification time are the same on two scans in a row, so a file still being copied in
is not read half-written. Ctrl-C lets the batch in progress finish and be stored, then
stops; a second Ctrl-C stops at once.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterable

from newsevents.engines.ray import list_files
from newsevents.runner import IngestStats

SUM = ("read", "stored", "skipped", "failed", "actors", "events", "quotes")


def _signature(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def watch_inputs(
    inputs: Iterable[str],
    run_batch: Callable[[list[str]], IngestStats],
    on_batch: Callable[[str], None] | None = None,
    interval: float = 0.5,
) -> IngestStats:
    inputs = list(inputs)
    total = IngestStats()
    done: dict[str, tuple[int, int]] = {}  # what each file looked like when it was ingested
    last_seen: dict[str, tuple[int, int]] = {}
    stopping = threading.Event()

    def on_sigint(signum, frame) -> None:
        if stopping.is_set():
            raise KeyboardInterrupt
        stopping.set()
        if on_batch:
            on_batch("stopping: finishing the current batch (Ctrl-C again to stop at once)")

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        if on_batch:
            on_batch(f"watching {', '.join(inputs)} for new articles (Ctrl-C to stop)")
        while not stopping.is_set():
            ready = []
            for path in list_files(inputs):
                sig = _signature(path)
                if sig is None or done.get(path) == sig:
                    continue
                if last_seen.get(path) == sig:
                    ready.append(path)
                last_seen[path] = sig
            if ready:
                if on_batch:
                    on_batch(f"ingesting {len(ready)} new or changed files")
                stats = run_batch(ready)
                for name in SUM:
                    setattr(total, name, getattr(total, name) + getattr(stats, name))
                for path in ready:
                    done[path] = last_seen[path]
                if on_batch:
                    on_batch(
                        f"batch done: stored {stats.stored} · skipped {stats.skipped} · failed {stats.failed}"
                    )
            stopping.wait(interval)
    finally:
        signal.signal(signal.SIGINT, previous)
    return total
