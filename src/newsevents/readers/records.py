"""JSON Lines and CSV records: `text` plus optional `title, url, published, outlet`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date

from newsevents.model import Article, article_id
from newsevents.readers.dates import parse_published
from newsevents.readers.errors import ReadError
from newsevents.readers.markdown import find_dateline


def record_to_article(record: dict, source: str, published: date | None = None) -> Article:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ReadError(source, "record has no 'text'")
    try:
        record_date = parse_published(record.get("published"))
    except ValueError as err:
        raise ReadError(source, str(err)) from None
    url = record.get("url") or None
    dateline = record.get("dateline") or find_dateline(text)
    return Article(
        id=article_id(url, text),
        text=text,
        title=record.get("title") or None,
        url=url,
        outlet=record.get("outlet") or None,
        published=record_date or published,
        dateline=dateline,
        source=source,
    )


def read_jsonl(text: str, source: str, published: date | None = None) -> Iterator[Article | ReadError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield ReadError(where, f"invalid JSON ({err.msg})")
            continue
        if not isinstance(record, dict):
            yield ReadError(where, "record is not a JSON object")
            continue
        try:
            yield record_to_article(record, where, published)
        except ReadError as err:
            yield err


def read_csv(text: str, source: str, published: date | None = None) -> Iterator[Article | ReadError]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "text" not in [f.strip().lower() for f in reader.fieldnames]:
        yield ReadError(source, "CSV has no 'text' column")
        return
    for number, row in enumerate(reader, start=2):
        record = {(k or "").strip().lower(): v for k, v in row.items()}
        try:
            yield record_to_article(record, f"{source}:{number}", published)
        except ReadError as err:
            yield err
