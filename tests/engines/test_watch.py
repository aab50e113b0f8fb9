"""`ingest --watch DIR`: new files are ingested as they arrive; Ctrl-C finishes the batch."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import stories  # noqa: E402

from newsevents.store import open_store  # noqa: E402

PROJECT = Path(__file__).resolve().parents[2]


def put(folder: Path, i: int) -> Path:
    """Write a story the way a feed does: under a hidden name, then renamed into place."""
    title, day, body = stories.STORIES[i]
    tmp = folder / f".story-{i}.md.part"
    tmp.write_text(stories.markdown(title, day, body, i), encoding="utf-8")
    return tmp.rename(folder / f"story-{i}.md")


class Lines:
    """stderr of the watcher, line by line, without blocking the test."""

    def __init__(self, stream):
        self.q: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=lambda: [self.q.put(line) for line in stream], daemon=True).start()

    def wait_for(self, text: str, seconds: float = 120) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.q.get(timeout=0.5)
            except queue.Empty:
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"{text!r} never came; saw {self.seen}")


def test_watch_ingests_new_files_and_stops_cleanly_on_ctrl_c(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "feed.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsevents.cli", "ingest", "--watch", str(inbox), "--db", str(db), "--workers", "1"],
        cwd=PROJECT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )
    try:
        lines = Lines(proc.stderr)
        lines.wait_for("watching")
        put(inbox, 0)
        put(inbox, 1)
        assert "stored 2 · skipped 0" in lines.wait_for("batch done")
        # The same story again under another name, and a new one: only the new one is stored.
        (inbox / "copy-of-0.md").write_text((inbox / "story-0.md").read_text())
        put(inbox, 2)
        assert "stored 1 · skipped 1" in lines.wait_for("batch done")
        # Ctrl-C while a batch is being analysed: that batch is still stored whole.
        put(inbox, 3)
        put(inbox, 4)
        lines.wait_for("ingesting 2 new or changed files")
        proc.send_signal(signal.SIGINT)
        assert "stored 2" in lines.wait_for("batch done")
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    with open_store(str(db), read_only=True) as store:
        titles = sorted(a["title"] for a in store.articles())
        assert store.count("failures") == 0
    assert titles == sorted(t for t, _, _ in stories.STORIES)
