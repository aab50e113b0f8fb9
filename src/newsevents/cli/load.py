"""`newsevents load`: put the Parquet shards of `ingest --output parquet://DIR` into a store."""

from __future__ import annotations

from typing import Annotated

import typer

from newsevents.cli.common import DEFAULT_DB, Db, err, open_store


def load(
    source: Annotated[str, typer.Argument(help="parquet://DIR written by `newsevents ingest --output`.")],
    db: Db = DEFAULT_DB,
) -> None:
    """Load Parquet shards into the store; articles already stored are skipped, so re-runs are safe."""
    from pathlib import Path

    from newsevents.engines.parquet import SCHEME, read_shards

    folder = Path(source.removeprefix(SCHEME))
    if not (folder / "articles").is_dir() and not (folder / "failures").is_dir():
        err.print(f"[red]error[/red] {source}: no Parquet shards there (expected {folder}/articles/*.parquet)")
        raise typer.Exit(code=2)
    store = open_store(db)
    stored = skipped = failures = 0
    try:
        for articles, failed in read_shards(folder):
            for saved in store.save_many(articles):
                stored += saved
                skipped += not saved
            for input, reason in failed:
                store.record_failure(input, reason)
                failures += 1
    except Exception as error:  # a damaged shard: say which, keep what was loaded
        err.print(f"[red]error[/red] {source}: cannot read shard ({type(error).__name__}: {error})", soft_wrap=True)
        raise typer.Exit(code=1) from None
    finally:
        store.close()
    err.print(f"loaded {stored} articles · skipped {skipped} (already present) · {failures} failures  →  {db}")
