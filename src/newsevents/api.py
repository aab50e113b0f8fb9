"""The Python entry point: `newsevents.open(db)` -> a read-only view of a store as data frames.

    import newsevents
    with newsevents.open("news.duckdb") as ds:
        events = ds.events(actor="RUS", since="2024-01-01")          # pyarrow.Table
        df = ds.events(code="14", as_="pandas")                      # pandas.DataFrame
        gdelt = ds.gdelt(as_="pandas")                               # GDELT 2.0 columns
        for batch in ds.batches("mentions"):                         # pyarrow.RecordBatch stream
            ...

Every method takes the filters of `newsevents events` and runs the same queries as
`newsevents export`, so a frame and an exported file hold the same rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from newsevents.export import run
from newsevents.store.filters import Filters

OUTPUTS = ("arrow", "pandas", "polars")


def _day(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date in YYYY-MM-DD form") from None


class Dataset:
    def __init__(self, db: str | Path):
        self.db = str(db)
        self._con = run.connect(self.db)

    # -- the store's tables -------------------------------------------------------------

    def events(self, as_: str = "arrow", **filters):
        """De-duplicated events (one row per real-world event), filtered like `newsevents events`."""
        return self.table("events", as_=as_, **filters)

    def mentions(self, as_: str = "arrow", **filters):
        """Every coded mention of the selected events."""
        return self.table("mentions", as_=as_, **filters)

    def articles(self, as_: str = "arrow", **filters):
        return self.table("articles", as_=as_, **filters)

    def quotes(self, as_: str = "arrow", **filters):
        return self.table("quotes", as_=as_, **filters)

    def actors(self, as_: str = "arrow", **filters):
        return self.table("actors", as_=as_, **filters)

    def places(self, as_: str = "arrow", **filters):
        return self.table("places", as_=as_, **filters)

    def table(self, name: str, as_: str = "arrow", **filters):
        return self._frame(self._query("jsonl", name, filters), as_)

    # -- the field's formats ------------------------------------------------------------

    def gdelt(self, mentions: bool = False, as_: str = "arrow", **filters):
        """The GDELT 2.0 events table (or its mentions table), with GDELT's column names."""
        return self._frame(self._query("gdelt-mentions" if mentions else "gdelt", "events", filters), as_)

    def plover(self, as_: str = "arrow", **filters):
        """PLOVER records (nested columns: actor, recipient, event_loc, ...)."""
        return self._frame(self._query("plover", "events", filters), as_)

    def batches(self, name: str = "events", batch_size: int = 100_000, **filters) -> Iterator:
        """A table as a stream of pyarrow RecordBatches: memory stays that of one batch."""
        query = self._query("jsonl", name, filters)
        reader = self._con.sql(query).to_arrow_reader(batch_size)
        yield from reader

    def export(self, format: str, path: str | Path, table: str = "events", header: bool = False, **filters) -> int:
        """Write a file exactly as `newsevents export` does; returns the rows written."""
        return run.export(self.db, format, path, _filters(filters), table=table, header=header)

    def sql(self, query: str, as_: str = "arrow"):
        """Any read-only SQL over the store's tables (events, mentions, articles, ...)."""
        return self._frame(query, as_)

    # -- plumbing -----------------------------------------------------------------------

    def _query(self, fmt: str, table: str, filters: dict) -> str:
        return run.prepare(self._con, fmt, _filters(filters), table)

    def _frame(self, query: str, as_: str):
        if as_ not in OUTPUTS:
            raise ValueError(f"as_ must be one of {', '.join(OUTPUTS)}")
        result = self._con.sql(query)
        if as_ == "pandas":
            return result.df()
        if as_ == "polars":
            try:
                return result.pl()
            except (ImportError, ModuleNotFoundError):
                raise ImportError("as_='polars' needs the polars package (pip install polars)") from None
        return result.to_arrow_table()

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _filters(filters: dict) -> Filters:
    unknown = set(filters) - set(Filters.__dataclass_fields__)
    if unknown:
        raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}")
    filters = dict(filters)
    for key in ("since", "until"):
        filters[key] = _day(filters.get(key))
    return Filters(**filters)


def open(db: str | Path) -> Dataset:  # noqa: A001 - the public name is newsevents.open
    """Open a newsevents DuckDB store read-only."""
    return Dataset(db)
