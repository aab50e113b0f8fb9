"""Parallel analysis of an article stream, and ingest into a store.

Each worker process holds one spaCy model, parses a chunk of articles with `nlp.pipe`
and runs `pipeline.analyse` on every doc; it sends back plain rows (cheap to pickle),
never Docs. The main process is the single writer. At most `2 × workers` chunks are in
flight, so memory stays flat however long the stream is (`Pool.imap` would read the whole
input ahead). Where `fork` exists the model and the stage data are loaded once in the
parent before the workers start, so workers begin at once and share those pages.
"""

from __future__ import annotations

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
# Texts per `nlp.pipe` batch inside a worker.
PIPE_BATCH = 64
# Workers are replaced by fresh forks after this many articles each: spaCy's vocabulary
# and the allocator's arenas only ever grow, so over a feed of millions of articles
# memory would depend on how many went through. Each replacement idles the cores while
# the last chunks drain, so it is rare.
RECYCLE_AFTER = 5000


@dataclass
class Failed:
    input: str
    reason: str


Outcome = ArticleRows | Failed


def _describe(err: BaseException) -> str:
    text = str(err).splitlines()[0] if str(err) else ""
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


def _analyse_one(article: Article, doc) -> Outcome:
    from newsevents.pipeline import analyse

    try:
        return rows_of(analyse(article, doc))
    except Exception as err:  # one bad article must never stop the run
        return Failed(article.source or article.id, f"analysis failed ({_describe(err)})")


def analyse_chunk(articles: list[Article]) -> list[Outcome]:
    """Parse and analyse a chunk; runs in a worker (or in-process with one worker)."""
    from newsevents import nlp as nlp_model

    nlp = nlp_model.load()
    try:
        docs = list(nlp.pipe((a.text for a in articles), batch_size=PIPE_BATCH))
    except Exception:
        # A text the parser refuses spoils the whole batch: parse one by one to find it.
        outcomes: list[Outcome] = []
        for article in articles:
            try:
                outcomes.append(_analyse_one(article, nlp(article.text)))
            except Exception as err:
                outcomes.append(Failed(article.source or article.id, f"parsing failed ({_describe(err)})"))
        return outcomes
    return [_analyse_one(article, doc) for article, doc in zip(articles, docs)]


def _exit_with_parent(parent: int) -> None:
    # After `kill -9` of the main process nobody would read our results: leave too.
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker(parent: int) -> None:
    from newsevents import nlp as nlp_model

    # Ctrl-C reaches the whole process group; the parent alone decides how to stop, so a
    # chunk in progress is finished or dropped cleanly instead of dying mid-way.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    nlp_model.load()


def _warm_up() -> None:
    """Load the model and every stage's data in this process (shared by forked workers)."""
    from newsevents.pipeline import process

    try:
        process(Article(id="warm-up", text="Officials in Paris met the French president on Monday."))
    except Exception:
        pass  # a broken stage shows up, and is recorded, on the real articles


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Chunks that start small and double up to `size`, so a short input still reaches
    every worker and the first results come back quickly."""
    it = iter(articles)
    current = min(4, size)
    while chunk := list(islice(it, current)):
        yield chunk
        current = min(current * 2, size)


def analyse_stream(articles: Iterable[Article], workers: int | None = None, chunk: int = CHUNK) -> Iterator[list[Outcome]]:
    """Yield the outcomes of each chunk of articles as it completes (not in input order)."""
    workers = workers or os.cpu_count() or 1
    if workers <= 1:
        for part in _chunks(articles, chunk):
            yield analyse_chunk(part)
        return
    parts = _chunks(articles, chunk)
    first = next(parts, None)
    if first is None:
        return  # nothing new: do not pay for loading the model
    parts = chain([first], parts)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if context.get_start_method() == "fork":
        _warm_up()
    max_in_flight = 2 * workers

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(os.getpid(),))

    pool = new_pool()
    pool_articles = 0
    pending: dict[Future, list[Article]] = {}
    try:
        exhausted = False
        while True:
            recycle = pool_articles >= RECYCLE_AFTER * workers
            if recycle and not pending:
                pool.shutdown(wait=True)
                pool, pool_articles, recycle = new_pool(), 0, False
            while not exhausted and not recycle and len(pending) < max_in_flight:
                part = next(parts, None)
                if part is None:
                    exhausted = True
                else:
                    pending[pool.submit(analyse_chunk, part)] = part
                    pool_articles += len(part)
            if not pending:
                if exhausted:
                    break
                continue
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            lost: list[Article] = []
            for future in done:
                part = pending.pop(future)
                if isinstance(future.exception(), BrokenProcessPool):
                    lost += part
                else:
                    yield future.result()
            if lost:
                # A worker died (out of memory, a crash in native code) and took every
                # chunk still in flight with it: report those articles, go on with a new pool.
                lost += [a for part in pending.values() for a in part]
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool, pool_articles = new_pool(), 0
                yield [Failed(a.source or a.id, "worker process died while analysing it") for a in lost]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class IngestStats:
    read: int = 0  # articles read from the inputs
    stored: int = 0
    skipped: int = 0  # already in the store
    failed: int = 0  # inputs or articles that could not be read or analysed
    actors: int = 0
    events: int = 0
    quotes: int = 0


def ingest(
    items: Iterable[Article | ReadError],
    store: Store,
    workers: int | None = None,
    chunk: int = CHUNK,
    on_failure: Callable[[str], None] | None = None,
    on_progress: Callable[[IngestStats], None] | None = None,
) -> IngestStats:
    """Analyse and store every article not yet in the store; record every failure."""
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

    for outcomes in analyse_stream(new_articles(), workers, chunk):
        rows = [o for o in outcomes if isinstance(o, ArticleRows)]
        for outcome in outcomes:
            if isinstance(outcome, Failed):
                fail(outcome.input, outcome.reason, f"{outcome.input}: {outcome.reason}")
        for saved, r in zip(store.save_many(rows), rows):
            if saved:
                stats.stored += 1
                stats.actors += len(r.actors)
                stats.events += len(r.mentions)
                stats.quotes += len(r.quotes)
            else:
                stats.skipped += 1
        if on_progress:
            on_progress(stats)
    return stats
