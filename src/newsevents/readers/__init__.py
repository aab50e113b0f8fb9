"""Readers: turn files, directories and stdin into `Article`s.

`read_inputs` yields an `Article` or a `ReadError` per article, never raises for a bad
input, so one broken file never stops the others from being processed.
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from newsevents.model import Article
from newsevents.readers.errors import ReadError
from newsevents.readers.html import looks_like_html, read_html
from newsevents.readers.markdown import looks_like_markdown_article, read_markdown
from newsevents.readers.plaintext import read_plain
from newsevents.readers.records import read_csv, read_jsonl
from newsevents.readers.reuters import looks_like_reuters, read_reuters

__all__ = ["ReadError", "read_inputs", "read_text", "FORMATS"]

# A news article is a few thousand words; anything this large is a mistake (a dump, a
# log file), and parsing it would hold the whole pipeline for minutes.
MAX_ARTICLE_BYTES = 5_000_000
# Collections of records or wire stories may be larger, since each record is one article.
MAX_COLLECTION_BYTES = 200_000_000

Reader = Callable[[str, str, date | None], Article | Iterator[Article | ReadError]]

FORMATS: dict[str, Reader] = {
    "markdown": read_markdown,
    "html": read_html,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "text": read_plain,
    "reuters": read_reuters,
}
COLLECTIONS = {"jsonl", "csv", "reuters"}

_SUFFIX_FORMAT = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".txt": "text",
    ".sgm": "reuters",
}
READABLE_SUFFIXES = set(_SUFFIX_FORMAT)


def _suffix(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return Path(lower).suffix


def sniff_format(name: str, text: str) -> str:
    """The format by file suffix, else by content."""
    if fmt := _SUFFIX_FORMAT.get(_suffix(name)):
        return fmt
    if looks_like_reuters(text):
        return "reuters"
    if looks_like_html(text):
        return "html"
    if looks_like_markdown_article(text):
        return "markdown"
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return "jsonl"
    return "text"


def decode(data: bytes, source: str) -> str:
    if not data.strip():
        raise ReadError(source, "empty input")
    if b"\x00" in data[:8192]:
        raise ReadError(source, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ReadError(source, f"not valid UTF-8 text (byte {err.start}: {data[err.start:err.start + 1]!r})") from None


def read_text(
    text: str, source: str, published: date | None = None, fmt: str | None = None
) -> Iterator[Article | ReadError]:
    """Read already-decoded text in the given (or sniffed) format."""
    fmt = fmt or sniff_format(source, text)
    if fmt not in COLLECTIONS and len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        yield ReadError(source, f"too large for one article ({len(text) / 1e6:.1f} MB of text, limit {MAX_ARTICLE_BYTES / 1e6:.0f} MB)")
        return
    try:
        produced = FORMATS[fmt](text, source, published)
        if isinstance(produced, Article):
            yield produced
        else:
            yield from produced
    except ReadError as err:
        yield err


def _read_bytes(path: Path) -> bytes:
    if path.name.endswith(".gz"):
        with gzip.open(path, "rb") as fh:
            return fh.read(MAX_COLLECTION_BYTES + 1)
    with path.open("rb") as fh:
        return fh.read(MAX_COLLECTION_BYTES + 1)


def _read_file(path: Path, published: date | None, fmt: str | None) -> Iterator[Article | ReadError]:
    source = str(path)
    try:
        data = _read_bytes(path)
        if len(data) > MAX_COLLECTION_BYTES:
            raise ReadError(source, f"file larger than {MAX_COLLECTION_BYTES / 1e6:.0f} MB")
        text = decode(data, source)
    except ReadError as err:
        yield err
        return
    except OSError as err:
        yield ReadError(source, err.strerror or str(err))
        return
    yield from read_text(text, source, published, fmt)


def _files_under(directory: Path) -> Iterator[Path]:
    for path in sorted(directory.rglob("*")):
        if path.is_file() and not path.name.startswith(".") and _suffix(path.name) in READABLE_SUFFIXES:
            yield path


def read_inputs(
    inputs: Iterable[str], published: date | None = None, fmt: str | None = None
) -> Iterator[Article | ReadError]:
    for name in inputs:
        if name == "-":
            try:
                text = decode(sys.stdin.buffer.read(), "<stdin>")
            except ReadError as err:
                yield err
                continue
            yield from read_text(text, "<stdin>", published, fmt)
            continue
        path = Path(name)
        if path.is_dir():
            for file in _files_under(path):
                yield from _read_file(file, published, fmt)
        elif path.exists():
            yield from _read_file(path, published, fmt)
        else:
            yield ReadError(name, "no such file or directory")
