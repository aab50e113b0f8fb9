"""Parallel analysis of an article stream, and ingest into a store.

Each worker process holds one spaCy model, parses a chunk of articles with `nlp.pipe`
and runs `pipeline.analyse` on every doc; it sends back plain rows (cheap to pickle),
never Docs. The main process is the single writer. At most `2 × workers` chunks are in
flight, so memory stays flat however long the stream is (`Pool.imap` would read the whole
input ahead). Where `fork` exists the model and the stage data are loaded once in the
parent before the workers start, so workers begin at once and share those pages.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice

from newsevents.model import Article
from newsevents.readers import ReadError
from newsevents.store import Store
from newsevents.store.provenance import content_hash
from newsevents.store.rows import ArticleRows, rows_of

# Articles per chunk sent to a worker. Large enough that pickling and the writer's
# per-transaction cost are spread thin, small enough that a kill loses little work.
CHUNK = 64
# Characters per `nlp.pipe` batch inside a worker. The parser's working memory grows with
# the tokens of the whole batch, and a worker keeps its high-water mark until it is
# recycled: batches of a fixed number of texts made that mark follow the longest run of
# long stories, so it rose with corpus size (benchmarks/bench_memory.py --batch-peak).
PIPE_CHARS = 20_000
# Workers are replaced by fresh forks after this many articles each: spaCy's vocabulary
# (a lexeme and its strings for every new word form) and the allocator's arenas only ever
# grow, by about 11 MB per 1,000 Reuters stories in one worker (benchmarks/bench_memory.py
# --diagnose), so a long-lived worker's memory depends on how many articles it has seen.
# Draining the pool for the replacement costs about one chunk of idle core each time.
RECYCLE_AFTER = 1000


@dataclass
class Failed:
    input: str
    reason: str


Outcome = ArticleRows | Failed


def _describe(err: BaseException) -> str:
    text = str(err).splitlines()[0] if str(err) else ""
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


# Where each worker is, for the parent's watchdog: per worker slot (pid, chunk number,
# article index or PARSING, monotonic start time). CLOCK_MONOTONIC is one clock for every
# process of the machine, so the parent can compare it with its own.
PARSING, IDLE = -1.0, float("inf")
_slots = None  # this worker's view of the shared array; None in the parent or in-process
_slot = 0


def _mark(chunk_no: int, index: float) -> None:
    if _slots is not None:
        base = 4 * _slot
        _slots[base + 3] = IDLE  # never seen half-written as "started long ago"
        _slots[base + 1], _slots[base + 2] = chunk_no, index
        _slots[base + 3] = time.monotonic() if index != IDLE else IDLE


def _analyse_one(article: Article, doc) -> Outcome:
    from newsevents.pipeline import analyse

    try:
        return rows_of(analyse(article, doc))
    except Exception as err:  # one bad article must never stop the run
        return Failed(article.source or article.id, f"analysis failed ({_describe(err)})")


def analyse_chunk(articles: list[Article], chunk_no: int = 0, singly: bool = False) -> list[Outcome]:
    """Parse and analyse a chunk; runs in a worker (or in-process with one worker).

    `singly` parses one text at a time, so that a watchdog that has to stop a parse knows
    which article it was on."""
    from newsevents import nlp as nlp_model

    nlp = nlp_model.load()
    outcomes: list[Outcome] = []
    if not singly:
        try:
            for batch in _parse_batches(articles, PIPE_CHARS):
                _mark(chunk_no, PARSING)
                docs = list(nlp.pipe((a.text for a in batch), batch_size=len(batch)))
                for article, doc in zip(batch, docs):
                    _mark(chunk_no, len(outcomes))
                    outcomes.append(_analyse_one(article, doc))
        except Exception:
            pass  # a text the parser refuses spoils its whole batch: the rest go one by one
    for index in range(len(outcomes), len(articles)):
        article = articles[index]
        _mark(chunk_no, index)
        try:
            doc = nlp(article.text)
        except Exception as err:
            outcomes.append(Failed(article.source or article.id, f"parsing failed ({_describe(err)})"))
            continue
        outcomes.append(_analyse_one(article, doc))
    _mark(chunk_no, IDLE)
    return outcomes


def _parse_batches(articles: list[Article], budget: int) -> Iterator[list[Article]]:
    """Consecutive articles in batches of at most `budget` characters (or one longer article)."""
    batch: list[Article] = []
    size = 0
    for article in articles:
        if batch and size + len(article.text) > budget:
            yield batch
            batch, size = [], 0
        batch.append(article)
        size += len(article.text)
    if batch:
        yield batch


def _exit_with_parent(parent: int) -> None:
    # After `kill -9` of the main process nobody would read our results: leave too.
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker(parent: int, slots=None, counter=None) -> None:
    from newsevents import nlp as nlp_model

    global _slots, _slot
    if slots is not None:
        with counter.get_lock():
            _slot = counter.value
            counter.value += 1
        _slots = slots
        slots[4 * _slot] = os.getpid()
        slots[4 * _slot + 3] = IDLE

    # Ctrl-C reaches the whole process group; the parent alone decides how to stop, so a
    # chunk in progress is finished or dropped cleanly instead of dying mid-way.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    nlp_model.load()
    # A fresh fork copies the pages it first writes to (every object whose reference count
    # changes): done here, that start-up is not counted against the first article's time limit.
    _warm_up()


def _warm_up() -> None:
    """Load the model and every stage's data in this process (shared by forked workers)."""
    from newsevents.pipeline import process

    try:
        process(Article(id="warm-up", text="Officials in Paris met the French president on Monday."))
    except Exception:
        pass  # a broken stage shows up, and is recorded, on the real articles


def _return_free_memory() -> None:
    """Give the heap's free pages back to the system before forking: a fork's resident size
    includes every page of the parent's, so what the writer freed would otherwise count
    again in each worker."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: nothing to trim


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Chunks that start small and double up to `size`, so a short input still reaches
    every worker and the first results come back quickly."""
    it = iter(articles)
    current = min(4, size)
    while chunk := list(islice(it, current)):
        yield chunk
        current = min(current * 2, size)


@dataclass
class _Job:
    no: int
    articles: list[Article]
    singly: bool = False
    tries: int = 0


class Workers:
    """Worker processes that analyse chunks of articles under a watchdog.

    With `timeout`, an article that takes longer is abandoned: its worker is killed, the
    article is reported as failed, and every other article in flight is sent again to a
    fresh pool. Only a process can be stopped from outside whatever it is doing (a loop in
    native code does not see signals), hence a watchdog here rather than an alarm in the
    worker, and a worker process even when `workers` is 1.

    The pool outlives one `run`, so a caller that gets its articles in separate batches
    (a Ray actor) forks its workers once, not once per batch."""

    def __init__(self, workers: int, timeout: float | None = None):
        self.workers, self.timeout = workers, timeout
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        if self.context.get_start_method() == "fork":
            _warm_up()
        self.numbers = iter(range(1, 2**62))
        self.slots = None
        self.pool = self._new_pool()
        self.pool_articles = 0

    def _new_pool(self) -> ProcessPoolExecutor:
        _return_free_memory()
        self.slots = self.context.Array("d", [0.0, 0.0, 0.0, IDLE] * self.workers, lock=False)
        counter = self.context.Value("i", 0)
        self.pool_articles = 0
        return ProcessPoolExecutor(
            self.workers, mp_context=self.context, initializer=_init_worker,
            initargs=(os.getpid(), self.slots, counter),
        )

    def _overdue(self) -> int | None:
        """The pid of a worker stuck on one article (or one batch parse) for too long."""
        now, slots = time.monotonic(), self.slots
        for base in range(0, len(slots), 4):
            if slots[base] and now - slots[base + 3] > self.timeout:
                return int(slots[base])
        return None

    def _culprit(self, killed: int | None) -> tuple[int, float] | None:
        """(chunk number, article index or PARSING) the dead worker was on."""
        dead, slots = killed, self.slots
        if dead is None:
            # The pool terminates the survivors once one worker dies; the one that died
            # first is the one that did not exit by that SIGTERM.
            for pid, process in getattr(self.pool, "_processes", {}).items():
                process.join(1.0)
                if process.exitcode not in (None, 0, -signal.SIGTERM):
                    dead = pid
                    break
        for base in range(0, len(slots), 4):
            if dead is not None and int(slots[base]) == dead and slots[base + 3] != IDLE:
                return int(slots[base + 1]), slots[base + 2]
        return None

    def run(self, parts: Iterable[list[Article]]) -> Iterator[list[Outcome]]:
        """Yield the outcomes of each chunk as it completes (not in input order)."""
        timeout = self.timeout
        max_in_flight = 2 * self.workers
        pending: dict[Future, _Job] = {}
        retry: list[_Job] = []
        killed: int | None = None
        parts = iter(parts)

        def submit(job: _Job) -> None:
            pending[self.pool.submit(analyse_chunk, job.articles, job.no, job.singly)] = job

        try:
            exhausted = False
            while True:
                recycle = self.pool_articles >= RECYCLE_AFTER * self.workers
                if recycle and not pending:
                    self.pool.shutdown(wait=True)
                    self.pool, recycle = self._new_pool(), False
                while retry and len(pending) < max_in_flight:
                    submit(retry.pop())
                while not exhausted and not recycle and len(pending) < max_in_flight:
                    part = next(parts, None)
                    if part is None:
                        exhausted = True
                    else:
                        submit(_Job(next(self.numbers), part))
                        self.pool_articles += len(part)
                if not pending:
                    if exhausted and not retry:
                        break
                    continue
                done, _ = wait(pending, timeout=0.2 if timeout else None, return_when=FIRST_COMPLETED)
                if timeout and not done and killed is None and (stuck := self._overdue()) is not None:
                    killed = stuck
                    os.kill(stuck, signal.SIGKILL)
                    continue
                broken: list[_Job] = []
                for future in done:
                    job = pending.pop(future)
                    if isinstance(future.exception(), BrokenProcessPool):
                        broken.append(job)
                    else:
                        yield future.result()
                if not broken:
                    continue
                # A worker died (killed by the watchdog, out of memory, a crash in native
                # code) and the pool with it: every chunk in flight comes back unfinished.
                # The article the dead worker was on is reported; the others are sent again.
                broken += pending.values()
                pending.clear()
                where = self._culprit(killed)
                reason = f"timed out after {timeout:g} s" if killed is not None else "worker process died while analysing it"
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool, killed = self._new_pool(), None
                failed: list[Outcome] = []
                for job in broken:
                    if where is not None and job.no == where[0]:
                        if where[1] == PARSING:
                            retry.append(_Job(job.no, job.articles, singly=True))  # find the one that hangs
                            continue
                        index = int(where[1])
                        bad = job.articles[index]
                        failed.append(Failed(bad.source or bad.id, reason))
                        rest = job.articles[:index] + job.articles[index + 1:]
                        if rest:
                            retry.append(_Job(job.no, rest, job.singly))
                    elif where is not None:
                        retry.append(job)  # innocent: its worker was only stopped with the pool
                    elif job.tries >= 1:
                        # The pool broke twice with this chunk in it and nobody could say on
                        # which article: give up on the chunk rather than loop.
                        failed += [Failed(a.source or a.id, reason) for a in job.articles]
                    else:
                        retry.append(_Job(job.no, job.articles, job.singly, job.tries + 1))
                if failed:
                    yield failed
        finally:
            for future in pending:  # the caller stopped early: what is in flight is not wanted
                future.cancel()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def analyse_stream(
    articles: Iterable[Article], workers: int | None = None, chunk: int = CHUNK, timeout: float | None = None
) -> Iterator[list[Outcome]]:
    """Yield the outcomes of each chunk of articles as it completes (not in input order);
    with `timeout`, an article that takes longer is abandoned as failed (see `Workers`)."""
    workers = workers or os.cpu_count() or 1
    if workers <= 1 and not timeout:
        for part in _chunks(articles, chunk):
            yield analyse_chunk(part)
        return
    parts = _chunks(articles, chunk)
    first = next(parts, None)
    if first is None:
        return  # nothing new: do not pay for loading the model
    pool = Workers(workers, timeout)
    try:
        yield from pool.run(chain([first], parts))
    finally:
        pool.close()


@dataclass
class IngestStats:
    read: int = 0  # articles read from the inputs
    stored: int = 0
    skipped: int = 0  # already in the store
    failed: int = 0  # inputs or articles that could not be read or analysed
    actors: int = 0
    events: int = 0
    quotes: int = 0

    def save(self, store: Store, rows: list[ArticleRows]) -> None:
        """Store the rows of analysed articles and count what was new and what was already there."""
        for saved, r in zip(store.save_many(rows), rows):
            if saved:
                self.stored += 1
                self.actors += len(r.actors)
                self.events += len(r.mentions)
                self.quotes += len(r.quotes)
            else:
                self.skipped += 1


def ingest(
    items: Iterable[Article | ReadError],
    store: Store,
    workers: int | None = None,
    chunk: int = CHUNK,
    on_failure: Callable[[str], None] | None = None,
    on_progress: Callable[[IngestStats], None] | None = None,
    timeout: float | None = None,
) -> IngestStats:
    """Analyse and store every article not yet in the store; record every failure.

    `timeout`: seconds one article may take in a worker before it is abandoned as failed."""
    stats = IngestStats()

    def fail(input: str, reason: str, message: str) -> None:
        stats.failed += 1
        store.record_failure(input, reason)
        if on_failure:
            on_failure(message)
        if on_progress:
            on_progress(stats)

    waiting: list[Article] = []

    def not_yet_stored() -> Iterator[Article]:
        # Checked before parsing, so a re-run costs almost nothing; in groups, because
        # one query per article would cost the writer ~1 ms each.
        # An article stored with other content (edited at the same URL) is coded again.
        stored = store.content_hashes(a.id for a in waiting)
        for article in waiting:
            if article.id in stored and stored[article.id] in (None, content_hash(article)):
                stats.skipped += 1
            else:
                yield article
        waiting.clear()
        if on_progress:
            on_progress(stats)

    def new_articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, ReadError):
                fail(item.source, item.reason, str(item))
                continue
            stats.read += 1
            waiting.append(item)
            if len(waiting) >= chunk:
                yield from not_yet_stored()
        yield from not_yet_stored()

    for outcomes in analyse_stream(new_articles(), workers, chunk, timeout):
        rows = [o for o in outcomes if isinstance(o, ArticleRows)]
        for outcome in outcomes:
            if isinstance(outcome, Failed):
                fail(outcome.input, outcome.reason, f"{outcome.input}: {outcome.reason}")
        stats.save(store, rows)
        if on_progress:
            on_progress(stats)
    return stats
