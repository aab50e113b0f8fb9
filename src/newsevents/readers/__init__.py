"""Readers: turn files, directories and stdin into `Article`s.

`read_inputs` yields an `Article` or a `ReadError` per article, never raises for a bad
input, so one broken file (or record) never stops the others from being processed.
Paths it passes over inside a directory are logged as warnings with the reason.
"""

from __future__ import annotations

import codecs
import errno
import gzip
import io
import logging
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from newsevents.model import Article
from newsevents.readers.errors import ReadError
from newsevents.readers.language import not_english
from newsevents.readers.records import read_csv, read_csv_stream, read_json, read_jsonl, read_jsonl_stream

__all__ = ["ReadError", "read_inputs", "read_text", "FORMATS"]

log = logging.getLogger(__name__)

# A single-article file larger than this is a mistake (a dump, a log file). Analysis is
# bounded anyway (see nlp.py), so the limit only keeps memory small while reading.
MAX_ARTICLE_BYTES = 20_000_000
# Formats parsed as one document (a .json array, Reuters SGML); records are streamed.
MAX_DOCUMENT_BYTES = 200_000_000
SNIFF_BYTES = 8192


def _read_html(text: str, source: str, published: date | None = None) -> Article:
    # trafilatura costs ~0.1 s to import: only when an HTML page is read.
    from newsevents.readers.html import read_html

    return read_html(text, source, published)


def _read_markdown(text: str, source: str, published: date | None = None) -> Article:
    from newsevents.readers.markdown import read_markdown

    return read_markdown(text, source, published)


def _read_plain(text: str, source: str, published: date | None = None) -> Article:
    from newsevents.readers.plaintext import read_plain

    return read_plain(text, source, published)


def _read_reuters(text: str, source: str, published: date | None = None) -> Iterator[Article | ReadError]:
    from newsevents.readers.reuters import read_reuters

    return read_reuters(text, source, published)


Reader = Callable[[str, str, date | None], Article | Iterator[Article | ReadError]]

FORMATS: dict[str, Reader] = {
    "markdown": _read_markdown,
    "html": _read_html,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "text": _read_plain,
    "reuters": _read_reuters,
}
STREAMED = {"jsonl": read_jsonl_stream, "csv": read_csv_stream}
DOCUMENTS = {"json", "reuters"}

_SUFFIX_FORMAT = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
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
    """The format by file suffix, else by content (`text` may be just the start)."""
    from newsevents.readers.html import looks_like_html
    from newsevents.readers.markdown import looks_like_markdown_article
    from newsevents.readers.reuters import looks_like_reuters

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
    if stripped.startswith("["):
        return "json"
    return "text"


def _encoding(head: bytes, source: str) -> str:
    """The text encoding of an input from its first bytes, or the reason it is not text."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        raise ReadError(source, "binary file, not text")
    return "utf-8-sig"


def _decode(data: bytes, source: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        name = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise ReadError(source, f"not valid {name} text (byte {err.start}: {data[err.start:err.start + 1]!r})") from None


def _checked(article: Article) -> Article | ReadError:
    if reason := not_english(article.text):
        return ReadError(article.source or article.id, reason)
    return article


def read_text(
    text: str, source: str, published: date | None = None, fmt: str | None = None
) -> Iterator[Article | ReadError]:
    """Read already-decoded text in the given (or sniffed) format."""
    if not text.strip():
        yield ReadError(source, "empty input")
        return
    fmt = fmt or sniff_format(source, text[:SNIFF_BYTES])
    if fmt not in STREAMED and fmt not in DOCUMENTS and len(text) > MAX_ARTICLE_BYTES:
        yield ReadError(
            source, f"too large for one article ({len(text) / 1e6:.1f} MB of text, limit {MAX_ARTICLE_BYTES / 1e6:.0f} MB)"
        )
        return
    try:
        produced = FORMATS[fmt](text, source, published)
        if isinstance(produced, Article):
            yield _checked(produced)
        else:
            for item in produced:
                yield _checked(item) if isinstance(item, Article) else item
    except ReadError as err:
        yield err


class _Prefixed(io.RawIOBase):
    """The bytes already read for sniffing, then the rest of the stream (stdin cannot seek)."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def read_stream(
    stream: BinaryIO, source: str, published: date | None = None, fmt: str | None = None, name: str = ""
) -> Iterator[Article | ReadError]:
    """Read a binary stream: records one by one, an article or a document whole."""
    try:
        yield from _read_stream(stream, source, published, fmt, name)
    except ReadError as err:
        yield err
    except UnicodeDecodeError as err:
        # Streamed records are decoded as they are read: an odd byte at the end of a UTF-16
        # file only shows there, after the good records have been yielded.
        yield ReadError(source, f"text ends in bytes that are not {err.encoding} ({err.reason})")


def _read_stream(
    stream: BinaryIO, source: str, published: date | None, fmt: str | None, name: str
) -> Iterator[Article | ReadError]:
    head = stream.read(SNIFF_BYTES)
    if not head.strip() and len(head) < SNIFF_BYTES:
        yield ReadError(source, "empty input")
        return
    encoding = _encoding(head, source)
    fmt = fmt or sniff_format(name or source, head.decode(encoding, errors="replace"))
    if fmt in STREAMED:
        text = io.TextIOWrapper(
            io.BufferedReader(_Prefixed(head, stream)), encoding=encoding, errors="surrogateescape", newline=""
        )
        yield from STREAMED[fmt](text, source, published)
        return
    limit = MAX_DOCUMENT_BYTES if fmt in DOCUMENTS else MAX_ARTICLE_BYTES
    data = head + stream.read(limit + 1 - len(head))
    if len(data) > limit:
        what = "document" if fmt in DOCUMENTS else "one article"
        yield ReadError(source, f"too large for {what} (over {limit / 1e6:.0f} MB)")
        return
    yield from read_text(_decode(data, source, encoding), source, published, fmt)


def _read_file(path: Path, published: date | None, fmt: str | None) -> Iterator[Article | ReadError]:
    source = str(path)
    if problem := _unreadable(path):
        yield ReadError(source, problem)
        return
    try:
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rb") as stream:
            # Records read before a broken gzip block are kept: the error ends only the rest.
            yield from read_stream(stream, source, published, fmt, path.name)
    except (gzip.BadGzipFile, zlib.error) as err:
        yield ReadError(source, f"corrupt gzip file ({err})")
    except EOFError:
        yield ReadError(source, "truncated gzip file (the compressed data ends early)")
    except IsADirectoryError:
        yield ReadError(source, "is a directory")
    except OSError as err:
        yield ReadError(source, _os_reason(err))


def _os_reason(err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "symbolic link loop"
    return (err.strerror or str(err)).lower()


def _unreadable(path: Path) -> str | None:
    try:
        path.stat()
    except OSError as err:
        if err.errno == errno.ENOENT:
            return "broken symbolic link" if path.is_symlink() else "no such file or directory"
        return _os_reason(err)
    return None


def _skip(path: str, reason: str, level: int = logging.WARNING) -> None:
    log.log(level, "%s: skipped (%s)", path, reason)


def _files_under(directory: Path) -> Iterator[Path | ReadError]:
    """Readable files under `directory`, sorted; unreadable subdirectories as errors.

    Symbolic links to directories are not followed: a link loop would never end, and a
    link out of the tree would read files the user did not name.
    """
    problems: list[OSError] = []
    for root, dirs, files in os.walk(directory, onerror=problems.append):
        while problems:
            problem = problems.pop()
            yield ReadError(problem.filename or str(directory), _os_reason(problem))
        dirs.sort()
        for name in list(dirs):
            full = os.path.join(root, name)
            if name.startswith("."):
                dirs.remove(name)
                _skip(full, "hidden directory", logging.DEBUG)
            elif os.path.islink(full):
                _skip(full, "symbolic link to a directory, not followed")
        for name in sorted(files):
            full = Path(root, name)
            if name.startswith("."):
                _skip(str(full), "hidden file", logging.DEBUG)
            elif _suffix(name) not in READABLE_SUFFIXES:
                _skip(str(full), f"unknown file type {_suffix(name) or '(no suffix)'!r}; "
                      f"readable: {', '.join(sorted(READABLE_SUFFIXES))} (also .gz)")
            else:
                yield full
    while problems:
        problem = problems.pop()
        yield ReadError(problem.filename or str(directory), _os_reason(problem))


def _read_directory(directory: Path, published: date | None, fmt: str | None) -> Iterator[Article | ReadError]:
    found = 0
    for item in _files_under(directory):
        found += 1
        if isinstance(item, ReadError):
            yield item
        else:
            yield from _read_file(item, published, fmt)
    if not found:
        yield ReadError(str(directory), f"0 inputs found in {directory} (readable: {', '.join(sorted(READABLE_SUFFIXES))})")


def read_inputs(
    inputs: Iterable[str], published: date | None = None, fmt: str | None = None
) -> Iterator[Article | ReadError]:
    for name in inputs:
        if name == "-":
            yield from read_stream(sys.stdin.buffer, "<stdin>", published, fmt)
            continue
        path = Path(name)
        if problem := _unreadable(path):
            yield ReadError(name, problem)
            continue
        if path.is_dir():
            yield from _read_directory(path, published, fmt)
        else:
            yield from _read_file(path, published, fmt)
