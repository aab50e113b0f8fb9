"""Plain text: the whole file is the body; the date comes from `--published`."""

from __future__ import annotations

from datetime import date

from newsevents.model import Article, article_id
from newsevents.readers.errors import ReadError
from newsevents.readers.markdown import find_dateline


def read_plain(text: str, source: str, published: date | None = None) -> Article:
    body = text.strip()
    if not body:
        raise ReadError(source, "no text")
    return Article(
        id=article_id(None, body), text=body, published=published, dateline=find_dateline(body), source=source
    )
