"""Records: JSON Lines, CSV and .json files of `text` plus optional `title, url, published,
outlet, dateline`.

JSON Lines and CSV are read as streams, record by record, so a collection of any size costs
the memory of one record; a broken record is that record's one-line error and the next
record is read as usual.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import TextIO

from newsevents.model import Article, article_id
from newsevents.readers.dates import DateProblem, parse_published_precise
from newsevents.readers.errors import ReadError
from newsevents.readers.markdown import find_dateline

log = logging.getLogger(__name__)

# One record is one article: the same bound as a single-article file (characters).
MAX_RECORD_CHARS = 20_000_000
# The csv module refuses fields over 131,072 characters by default; an article may be longer.
csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD_CHARS))

TEXT_FIELDS = ("title", "url", "outlet", "dateline", "published")
# Bytes that were not valid in the input's encoding, kept by `errors="surrogateescape"`
# so that one bad line is reported alone instead of ending the file.
UNDECODABLE = re.compile("[\udc80-\udcff]")


def record_to_article(record: dict, source: str, published: date | None = None) -> Article:
    text = record.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        raise ReadError(source, "record has no 'text'")
    if not isinstance(text, str):
        raise ReadError(source, f"field 'text' must be a string, not {_json_type(text)}")
    for name in TEXT_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise ReadError(source, f"field {name!r} must be a string, not {_json_type(value)}")
    if UNDECODABLE.search(text) or any(UNDECODABLE.search(record.get(n) or "") for n in TEXT_FIELDS):
        raise ReadError(source, "not valid UTF-8 text")
    record_date, precision, date_text = None, None, None
    try:
        if found := parse_published_precise(record.get("published")):
            record_date, precision = found
    except DateProblem as problem:
        log.warning("%s: %s; publication date unknown", source, problem)
        date_text = record.get("published")
    except ValueError as err:
        raise ReadError(source, str(err)) from None
    url = (record.get("url") or "").strip() or None
    return Article(
        id=article_id(url, text),
        text=text,
        title=record.get("title") or None,
        url=url,
        outlet=record.get("outlet") or None,
        published=record_date or published,
        dateline=record.get("dateline") or find_dateline(text),
        source=source,
        published_precision=precision if record_date else None,
        published_text=date_text,
    )


def _json_type(value) -> str:
    return {dict: "an object", list: "a list", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def _lines(stream: TextIO) -> Iterator[tuple[int, str | None]]:
    """(line number, line) with over-long lines replaced by None after being skipped."""
    number = 0
    while True:
        line = stream.readline(MAX_RECORD_CHARS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_RECORD_CHARS and not line.endswith("\n"):
            while (more := stream.readline(MAX_RECORD_CHARS)) and not more.endswith("\n"):
                pass
            yield number, None
        else:
            yield number, line


def read_jsonl_stream(stream: TextIO, source: str, published: date | None = None) -> Iterator[Article | ReadError]:
    for number, line in _lines(stream):
        where = f"{source}:{number}"
        if line is None:
            yield ReadError(where, f"record longer than {MAX_RECORD_CHARS / 1e6:.0f} million characters")
            continue
        if not line.strip():
            continue
        record = _parse(line, where, lambda err: f"column {err.colno}")
        if isinstance(record, ReadError):
            yield record
            continue
        yield from _record(record, where, published)


def _parse(text: str, where: str, position: Callable[[json.JSONDecodeError], str]):
    """The JSON value of `text`, or the one-line ReadError that says why there is none."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        return ReadError(where, f"invalid JSON ({err.msg}, {position(err)})")
    except RecursionError:
        return ReadError(where, "invalid JSON (nested too deeply)")


def _record(record, where: str, published: date | None) -> Iterator[Article | ReadError]:
    if not isinstance(record, dict):
        yield ReadError(where, f"record is not a JSON object but {_json_type(record)}")
        return
    try:
        yield record_to_article(record, where, published)
    except ReadError as err:
        yield err


def read_jsonl(text: str, source: str, published: date | None = None) -> Iterator[Article | ReadError]:
    return read_jsonl_stream(io.StringIO(text), source, published)


def read_json(text: str, source: str, published: date | None = None) -> Iterator[Article | ReadError]:
    """A .json document: one record, or an array of records (named `file.json[3]`)."""
    document = _parse(text, source, lambda err: f"line {err.lineno} column {err.colno}")
    if isinstance(document, ReadError):
        yield document
        return
    if isinstance(document, list):
        if not document:
            yield ReadError(source, "JSON array holds no records")
        for number, record in enumerate(document):
            yield from _record(record, f"{source}[{number}]", published)
    else:
        yield from _record(document, source, published)


def read_csv_stream(stream: TextIO, source: str, published: date | None = None) -> Iterator[Article | ReadError]:
    reader = csv.reader(stream)
    try:
        header = next(reader, None)
    except csv.Error as err:
        yield ReadError(source, f"invalid CSV header ({err})")
        return
    names = [(name or "").strip().lower() for name in header or []]
    if "text" not in names:
        yield ReadError(source, "CSV has no 'text' column")
        return
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield ReadError(f"{source}:{start}", f"invalid CSV ({err})")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names):
            yield ReadError(f"{source}:{start}", f"{len(row)} fields where the header names {len(names)}")
            continue
        record = dict(zip(names, row))
        try:
            yield record_to_article(record, f"{source}:{start}", published)
        except ReadError as err:
            yield err


def read_csv(text: str, source: str, published: date | None = None) -> Iterator[Article | ReadError]:
    return read_csv_stream(io.StringIO(text, newline=""), source, published)
