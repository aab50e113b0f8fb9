"""HTML pages: trafilatura finds the article body and its metadata."""

from __future__ import annotations

from datetime import date

import trafilatura

from newsevents.model import Article, article_id
from newsevents.readers.dates import parse_published
from newsevents.readers.errors import ReadError
from newsevents.readers.markdown import find_dateline

# Navigation stubs, error pages and cookie walls leave a few words; a news brief has more.
MIN_WORDS = 12


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def read_html(text: str, source: str, published: date | None = None) -> Article:
    extracted = trafilatura.bare_extraction(
        text, include_comments=False, include_tables=False, with_metadata=True, favor_precision=True
    )
    body = ((extracted.text if extracted else None) or "").strip()
    if extracted and extracted.title and body.startswith(extracted.title):
        # trafilatura keeps the headline as the first line; it is not part of the body
        body = body[len(extracted.title):].lstrip()
    if len(body.split()) < MIN_WORDS:
        raise ReadError(source, "HTML page has no article text")
    try:
        page_date = parse_published(extracted.date) if extracted.date else None
    except ValueError:
        page_date = None
    return Article(
        id=article_id(extracted.url, body),
        text=body,
        title=extracted.title,
        url=extracted.url,
        outlet=extracted.sitename,
        published=page_date or published,
        dateline=find_dateline(body),
        source=source,
    )
