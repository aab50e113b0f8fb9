"""Where articles and what was found in them are kept.

`Store` is the whole interface the rest of the package uses; `open_store` picks the
implementation from the URL or path (a DuckDB file by default, PostgreSQL by URL).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from newsevents.model import ArticleResult
from newsevents.store.filters import Filters
from newsevents.store.rows import ArticleRows, rows_of

__all__ = ["DEFAULT_DB", "ArticleRows", "Filters", "Store", "StoreError", "open_store", "rows_of"]

DEFAULT_DB = "newsevents.duckdb"


def __getattr__(name: str):
    # DuckDB costs 0.2 s of CPU to import; `extract` reads this package for the record
    # shape only and never opens a store.
    if name in ("DuckDBStore", "StoreError"):
        from newsevents.store import duckdb_store

        return getattr(duckdb_store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Store(Protocol):
    def has(self, article_id: str) -> bool: ...

    def present(self, ids: Iterable[str]) -> set[str]:
        """The subset of `ids` already stored (one round trip for many)."""

    def content_hashes(self, ids: Iterable[str]) -> dict[str, str | None]:
        """Stored article id -> content hash (`provenance.content_hash`), for those stored."""

    def save(self, result: ArticleResult | ArticleRows) -> bool:
        """Commit one article with all its rows, whole or not at all; False if stored unchanged."""

    def save_many(self, results: Iterable[ArticleResult | ArticleRows], replace: bool = False) -> list[bool]:
        """Commit several whole articles in one transaction (cheaper than one each).

        An article stored with other content (or any stored one, with `replace`) has its
        rows replaced; the events its old and new mentions touch are re-clustered.
        """

    def record_failure(self, input: str, reason: str) -> None: ...

    def articles(self, filters: Filters = Filters()) -> Iterator[dict]: ...

    def events(self, filters: Filters = Filters()) -> Iterator[dict]:
        """De-duplicated events (the `events` table)."""

    def mentions(self, filters: Filters = Filters()) -> Iterator[dict]:
        """Coded mentions, one per event in a sentence (the `mentions` table)."""

    def failures(self) -> Iterator[dict]: ...

    def close(self) -> None: ...


def open_store(url_or_path: str = DEFAULT_DB, read_only: bool = False) -> Store:
    target = str(url_or_path)
    if target.startswith(("postgresql://", "postgres://")):
        from newsevents.store.postgres import PostgresStore

        return PostgresStore(target, read_only=read_only)
    if target.startswith("duckdb://"):
        target = target.removeprefix("duckdb://") or ":memory:"
    from newsevents.store.duckdb_store import DuckDBStore

    return DuckDBStore(target, read_only=read_only)
