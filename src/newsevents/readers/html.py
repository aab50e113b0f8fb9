"""HTML pages: trafilatura finds the article body and its metadata."""

from __future__ import annotations

import logging
from datetime import date
from html.parser import HTMLParser

from newsevents.model import Article, article_id
from newsevents.readers.dates import parse_published_precise
from newsevents.readers.errors import ReadError
from newsevents.readers.markdown import find_dateline

log = logging.getLogger(__name__)

# Navigation stubs, error pages and cookie walls leave a few words; a news brief has more.
MIN_WORDS = 12


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


class _Paragraphs(HTMLParser):
    """Text of the <p> elements, at any depth.

    libxml2 (under trafilatura) stops building the tree at 256 nested elements, so a page
    nested deeper yields no text there; the standard library's parser is a flat event
    stream with no depth limit. Used only when trafilatura found no article.
    """

    SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] | None = None
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        elif tag == "p":
            self._flush()
            self._current = []

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "p":
            self._flush()

    def handle_data(self, data):
        if self._current is not None and not self._skipping:
            self._current.append(data)

    def _flush(self) -> None:
        if self._current is not None and (text := " ".join("".join(self._current).split())):
            self.paragraphs.append(text)
        self._current = None


def _fallback_body(text: str) -> str:
    parser = _Paragraphs()
    parser.feed(text)
    parser.close()
    parser._flush()
    return "\n\n".join(parser.paragraphs)


def read_html(text: str, source: str, published: date | None = None) -> Article:
    import trafilatura  # ~0.1 s to import: paid only when a page is read

    extracted = trafilatura.bare_extraction(
        text, include_comments=False, include_tables=False, with_metadata=True, favor_precision=True
    )
    body = ((extracted.text if extracted else None) or "").strip()
    title = extracted.title if extracted else None
    if title and body.startswith(title):
        # trafilatura keeps the headline as the first line; it is not part of the body
        body = body[len(title):].lstrip()
    if len(body.split()) < MIN_WORDS:
        body = _fallback_body(text)
    if len(body.split()) < MIN_WORDS:
        raise ReadError(source, "HTML page has no article text (no paragraphs of prose found)")
    page_date, precision, date_text = None, None, None
    if extracted and extracted.date:
        try:
            if found := parse_published_precise(extracted.date):
                page_date, precision = found
        except ValueError as problem:
            log.warning("%s: %s; publication date unknown", source, problem)
            date_text = extracted.date
    url = extracted.url if extracted else None
    return Article(
        id=article_id(url, body),
        text=body,
        title=title,
        url=url,
        outlet=extracted.sitename if extracted else None,
        published=page_date or published,
        dateline=find_dateline(body),
        source=source,
        published_precision=precision if page_date else None,
        published_text=date_text,
    )
