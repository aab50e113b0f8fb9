"""The markdown layout of the project's samples.

    # Title
    By [Outlet](#)
    January 27, 2015
    Optional photo caption
    BRUSSELS — Body paragraphs ...
    Original url:
    <https://...>
"""

from __future__ import annotations

import logging
import re
from datetime import date

from newsevents.model import Article, article_id
from newsevents.readers.dates import DateProblem, parse_published_precise
from newsevents.readers.errors import ReadError

_TITLE = re.compile(r"^#\s+(.+?)\s*$")
_BYLINE = re.compile(r"^By\s+\[(?P<outlet>[^\]]+)\]\([^)]*\)\s*$|^By\s+(?P<plain>.+?)\s*$")
_URL_LABEL = re.compile(r"^Original url:\s*(?P<inline><?\S+>?)?\s*$", re.IGNORECASE)
_URL = re.compile(r"^<?(?P<url>https?://[^>\s]+)>?$")
# "BRUSSELS —", "KYIV, Ukraine (Reuters) -", "MOSCOW, Jan 27 -": capitals, then a dash.
# Some outlets write the place in title case ("Brussels —", "Taipei, Taiwan —"): up to
# three capitalised words, then a long dash (a hyphen after a name is too often prose).
DATELINE = re.compile(
    r"^(?:(?P<place>[A-Z][A-Z .'\-]{1,40}?)(?:,\s*[A-Z][\w .]{1,30}?){0,2}(?:\s*\([^)]{1,40}\))?\s*[—–-]{1,2}"
    r"|(?P<titled>[A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+){0,2})(?:,\s*[A-Z][\w .]{1,30}?){0,2}"
    r"(?:\s*\([^)]{1,40}\))?\s*(?:[—–]|--))\s+"
)


def find_dateline(body: str) -> str | None:
    """The place of a leading wire dateline ("BRUSSELS —" -> "BRUSSELS"), if the body has one."""
    m = DATELINE.match(body)
    return (m.group("place") or m.group("titled")).strip() if m else None


log = logging.getLogger(__name__)

_CAPTION_HINT = re.compile(r"\b(Image|Photo|Picture|Credit|File photo)s?\s*:", re.IGNORECASE)


def looks_like_markdown_article(text: str) -> bool:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return bool(_TITLE.match(first))


def _is_caption(paragraph: str) -> bool:
    """A photo caption is a short first paragraph that is not a finished sentence."""
    if _CAPTION_HINT.search(paragraph):
        return True
    return len(paragraph) < 200 and not paragraph.rstrip().endswith((".", '"', "”", "?", "!", ":"))


def read_markdown(text: str, source: str, published: date | None = None) -> Article:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    title = outlet = url = None
    header_date: date | None = None
    body: list[str] = []
    i = 0
    if paragraphs and (m := _TITLE.match(paragraphs[0])):
        title = m.group(1)
        i = 1
    if i < len(paragraphs) and (m := _BYLINE.match(paragraphs[i])):
        outlet = m.group("outlet") or m.group("plain")
        i += 1
    precision = date_text = None
    if i < len(paragraphs) and len(paragraphs[i]) < 40:
        try:
            if found := parse_published_precise(paragraphs[i]):
                header_date, precision = found
            i += 1
        except DateProblem as problem:
            # Meant as the header date but unusable: said once, kept as written, not body text.
            log.warning("%s: %s in the header; publication date unknown", source, problem)
            date_text = paragraphs[i]
            i += 1
        except ValueError:
            pass  # not a date line: the body starts here
    rest = paragraphs[i:]
    caption = None
    if len(rest) > 1 and _is_caption(rest[0]):
        caption = rest.pop(0)
    j = 0
    while j < len(rest):
        m = _URL_LABEL.match(rest[j])
        if m:
            candidate = m.group("inline") or (rest[j + 1] if j + 1 < len(rest) else "")
            if um := _URL.match(candidate.strip()):
                url = um.group("url")
            break
        body.append(rest[j])
        j += 1
    body_text = "\n\n".join(body)
    if not body_text.strip():
        raise ReadError(source, "no article body found")
    return Article(
        id=article_id(url, body_text),
        text=body_text,
        title=title,
        url=url,
        outlet=outlet,
        published=header_date or published,
        dateline=find_dateline(body_text),
        source=source,
        caption=caption,
        published_precision=precision if header_date else None,
        published_text=date_text,
    )
