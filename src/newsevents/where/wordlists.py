"""The hand-kept word lists of data/where/*.tsv: one entry a line, `#` starts a comment
line, columns separated by tabs."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources


def lines(name: str) -> Iterator[str]:
    with resources.files("newsevents").joinpath("data", "where", name).open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line


def words(name: str) -> frozenset[str]:
    """A one-column list."""
    return frozenset(line.strip() for line in lines(name))


def table(name: str) -> dict[str, str]:
    """A two-column list: first column -> second."""
    rows = (line.split("\t") for line in lines(name))
    return {row[0].strip(): row[1].strip() for row in rows if len(row) >= 2}
