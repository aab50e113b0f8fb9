"""`ingest --engine ray`: the same per-article function, on a Ray cluster through Ray Data.

The inputs become a dataset of file paths (or of Parquet rows); reading happens on the
cluster with the project's own readers, so every format and every error message is the
same as in the local runner. `map_batches` sends blocks to a fixed pool of actors, each of
which loads spaCy once and calls `runner.analyse_chunk`, the local runner's own function.
Articles whose id (the content hash) is already stored are dropped in the actor before
parsing, so a re-run resumes. Results come back to this process, the single writer, in
batches, and go to the store through the `Store` protocol (a DuckDB file, or Parquet
shards for `newsevents load`).

Ray retries a batch whose actor died (Ray Data restarts the actor); the store refuses an
article id it already holds, so a retried batch can never store an article twice.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsevents.model import Article
from newsevents.readers import READABLE_SUFFIXES, ReadError, read_inputs
from newsevents.runner import CHUNK, Failed, IngestStats
from newsevents.store import Store
from newsevents.store.rows import ArticleRows

# What travels between the stages: one row per article or per failure, the payload
# pickled (a dataclass of plain values) so Arrow blocks need no schema for it.
ARTICLE, FAILED, SKIPPED, STORED = "article", "failed", "skipped", "rows"


# Blocks are what Ray hands to actors, one task each. A block of this size holds about
# 50-110 Reuters stories (two to five seconds of one core): large enough that the gap
# between two tasks on an actor is small next to the work, small enough that when the
# input runs out one actor is not left with a long task while the other has been stopped.
# Bytes of text are what parsing costs, so blocks bounded in bytes are also about even in work.
BLOCK_BYTES = 96 * 1024


class EngineError(Exception):
    """The cluster cannot be reached or used; the message is meant for the user."""


@dataclass
class RayOptions:
    address: str | None = None  # None: start a local cluster; "auto" or "ray://host:port"
    workers: int | None = None  # actors in the pool (default: the cluster's CPUs)
    chunk: int = CHUNK  # articles per chunk sent to the forked worker (with `timeout`)
    # Seconds one article may take before it is abandoned as failed; each actor then
    # analyses in one forked worker process under the local runner's watchdog.
    timeout: float | None = None


def _row(kind: str, key: str, payload: object) -> dict:
    return {"kind": kind, "id": key, "payload": pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)}


def _suffix(name: str) -> str:
    lower = name.lower().removesuffix(".gz")
    return Path(lower).suffix


def list_files(inputs: Iterable[str]) -> Iterator[str]:
    """Every readable file under the inputs, in the order the local runner reads them.

    Missing inputs are passed through: the reader reports them, on the cluster, in the
    same words as the local runner."""
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.is_file() and not file.name.startswith(".") and _suffix(file.name) in READABLE_SUFFIXES:
                    yield str(file)
        else:
            yield name


def _read_rows(published: date | None, fmt: str | None) -> Callable[[dict], list[dict]]:
    def read(row: dict) -> list[dict]:
        out = []
        for item in read_inputs([row["path"]], published, fmt):
            if isinstance(item, ReadError):
                out.append(_row(FAILED, item.source, Failed(item.source, item.reason)))
            else:
                out.append(_row(ARTICLE, item.id, item))
        return out

    return read


def _parquet_rows(published: date | None) -> Callable[[dict], list[dict]]:
    """A Parquet row of an article table (`text` plus optional `title, url, published,
    outlet`) read with the same conventions as a JSON Lines record."""
    from newsevents.readers.records import record_to_article

    def read(row: dict) -> list[dict]:
        source = f"{row.pop('path', 'parquet')}:{row.get('id') or ''}".rstrip(":")
        record = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}
        try:
            article = record_to_article(record, source, published)
        except ReadError as err:
            return [_row(FAILED, source, Failed(err.source, err.reason))]
        return [_row(ARTICLE, article.id, article)]

    return read


class Analyser:
    """One actor of the pool: loads the spaCy pipeline once, then analyses chunk after chunk.

    With a time limit the actor does not parse itself: a thread cannot stop a parse stuck
    in native code, so the articles go to one worker process forked from the actor (the
    model already loaded), which the local runner's watchdog kills when an article
    overruns. The worker lives as long as the actor, recycled as in the local runner."""

    def __init__(self, stored_ids: list, timeout: float | None = None, chunk: int = CHUNK):
        import ray

        from newsevents import nlp as nlp_model
        from newsevents.runner import Workers

        # Id -> content hash of what was stored when the run began: fetched once per
        # actor, not per batch. The reference comes inside a list so that Ray does not
        # resolve it as a constructor argument, which a restarted actor could not get back.
        self.stored = ray.get(stored_ids[0])
        nlp_model.load()
        self.workers = Workers(1, timeout) if timeout else None
        self.chunk = chunk

    def __call__(self, batch) -> dict:
        from newsevents.store.provenance import content_hash

        rows = batch.to_pylist()
        articles: list[Article] = []
        out: list[dict] = []
        for row in rows:
            if row["kind"] != ARTICLE:
                out.append(row)
                continue
            article = pickle.loads(row["payload"])
            # As in the local runner: an article stored with other content (edited at the
            # same URL) is coded again.
            if article.id in self.stored and self.stored[article.id] in (None, content_hash(article)):
                out.append({"kind": SKIPPED, "id": row["id"], "payload": b""})
            else:
                articles.append(article)
        # Outcomes may come back in any order; a failure names its article by source.
        ids = {a.source or a.id: a.id for a in articles}
        for outcome in self.analyse(articles):
            if isinstance(outcome, Failed):
                out.append(_row(FAILED, ids.get(outcome.input, outcome.input), outcome))
            else:
                out.append(_row(STORED, outcome.article_id, outcome))
        return {name: [r[name] for r in out] for name in ("kind", "id", "payload")}

    def analyse(self, articles: list[Article]) -> list:
        from newsevents.runner import analyse_chunk

        if not articles:
            return []
        if self.workers is None:
            return analyse_chunk(articles)
        parts = (articles[i:i + self.chunk] for i in range(0, len(articles), self.chunk))
        return [outcome for part in self.workers.run(parts) for outcome in part]


def _connect(options: RayOptions) -> bool:
    """Join the cluster; True if this call started Ray (and so must stop it)."""
    import ray

    if ray.is_initialized():
        return False
    quiet = {"logging_level": logging.WARNING, "log_to_driver": False, "include_dashboard": False}
    logging.getLogger("ray").setLevel(logging.ERROR)  # start-up notices would bury the progress line
    try:
        if options.address:
            ray.init(address=options.address, **({} if options.address.startswith("ray://") else quiet))
        else:
            ray.init(num_cpus=options.workers or os.cpu_count() or 1, **quiet)
    except Exception as err:  # ConnectionError, a refused address, a version mismatch…
        raise EngineError(f"cannot start or join a Ray cluster at {options.address or 'local'} ({err})") from None
    return True


def _dataset(inputs: list[str], published: date | None, fmt: str | None):
    import ray

    files, parquet, stdin = [], [], []
    for name in list_files(inputs):
        if name == "-":
            stdin.append(name)
        elif _suffix(name) == ".parquet" and Path(name).exists():
            parquet.append(name)
        else:
            files.append(name)
    parts = []
    if files:
        # Reading is light next to parsing and claims no CPU: the actors hold every
        # slot for the whole run, and a reader waiting for one would starve them.
        parts.append(ray.data.from_items([{"path": f} for f in files]).flat_map(_read_rows(published, fmt), num_cpus=0))
    if parquet:
        parts.append(
            ray.data.read_parquet(parquet, include_paths=True).flat_map(_parquet_rows(published), num_cpus=0)
        )
    if stdin:  # standard input exists only here: read it now, ship the articles
        rows = [
            _row(FAILED, i.source, Failed(i.source, i.reason)) if isinstance(i, ReadError) else _row(ARTICLE, i.id, i)
            for i in read_inputs(["-"], published, fmt)
        ]
        parts.append(ray.data.from_items(rows))
    if not parts:
        return None
    dataset = parts[0]
    return dataset.union(*parts[1:]) if len(parts) > 1 else dataset


def _stored_hashes(store: Store) -> dict[str, str | None]:
    """Id -> content hash of every stored article, through the Store protocol."""
    ids = getattr(store, "ids", None)
    ids = list(ids()) if ids is not None else [a["id"] for a in store.articles()]
    hashes: dict[str, str | None] = {}
    for i in range(0, len(ids), 10_000):
        hashes.update(store.content_hashes(ids[i:i + 10_000]))
    return hashes


def ingest(
    inputs: list[str],
    store: Store,
    options: RayOptions = RayOptions(),
    published: date | None = None,
    input_format: str | None = None,
    on_failure: Callable[[str], None] | None = None,
    on_progress: Callable[[IngestStats], None] | None = None,
    analyser: type[Analyser] = Analyser,
) -> IngestStats:
    """Analyse and store every article of the inputs not yet stored, on a Ray cluster."""
    import ray
    from ray.data import ActorPoolStrategy, DataContext

    started = _connect(options)
    try:
        context = DataContext.get_current()
        context.enable_progress_bars = False  # progress is ours, in the same words as the local runner
        context.print_on_execution_start = False
        # One JSON Lines file of many articles read into one 128 MB block would keep every
        # actor but one idle: small blocks spread a single file over the whole pool.
        context.target_max_block_size = BLOCK_BYTES
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        dataset = _dataset(inputs, published, input_format)
        stats = IngestStats()
        if dataset is None:
            return stats
        workers = options.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        stored_ref = ray.put(_stored_hashes(store))
        results = dataset.map_batches(
            analyser,
            fn_constructor_args=([stored_ref], options.timeout, options.chunk),
            # A whole block per call: cutting blocks into batches of a fixed number of rows
            # left a small remainder batch at every block's end, and bundling blocks up to
            # that number made tasks of two or three blocks, which the last actor alone
            # finished while the other sat idle.
            batch_size=None,
            batch_format="pyarrow",
            compute=ActorPoolStrategy(size=workers),
            num_cpus=1,
        )
        # Each block is stored as soon as it arrives, not held until enough rows for a batch.
        for batch in results.iter_batches(batch_size=None, batch_format="pyarrow"):
            _write(batch.to_pylist(), store, stats, on_failure)
            if on_progress:
                on_progress(stats)
        return stats
    finally:
        if started:
            ray.shutdown()


def _write(rows: list[dict], store: Store, stats: IngestStats, on_failure: Callable[[str], None] | None) -> None:
    results: list[ArticleRows] = []
    for row in rows:
        kind = row["kind"]
        if kind == SKIPPED:
            stats.read += 1
            stats.skipped += 1
        elif kind == FAILED:
            failure: Failed = pickle.loads(row["payload"])
            stats.failed += 1
            store.record_failure(failure.input, failure.reason)
            if on_failure:
                on_failure(f"{failure.input}: {failure.reason}")
            if row["id"] != failure.input:  # an article that failed (not an unreadable input)
                stats.read += 1
        else:
            stats.read += 1
            results.append(pickle.loads(row["payload"]))
    stats.save(store, results)
