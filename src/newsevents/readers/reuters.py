"""Reuters-21578 SGML (`reut2-NNN.sgm[.gz]`): one article per <REUTERS> element."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date

from newsevents.model import Article, article_id
from newsevents.readers.dates import parse_published
from newsevents.readers.errors import ReadError

_STORY = re.compile(r"<REUTERS\b(?P<attrs>[^>]*)>(?P<body>.*?)</REUTERS>", re.DOTALL)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.DOTALL) for name in ("DATE", "TITLE", "DATELINE", "BODY")}
_NEWID = re.compile(r'NEWID="(\d+)"')
_WIRE_END = re.compile(r"\s*Reuter\s*$")


def looks_like_reuters(text: str) -> bool:
    return "<REUTERS" in text[:2000]


def _field(name: str, story: str) -> str:
    m = _FIELD[name].search(story)
    return html.unescape(m.group(1)).strip() if m else ""


def read_reuters(text: str, source: str, published: date | None = None) -> Iterator[Article | ReadError]:
    for m in _STORY.finditer(text):
        story = m.group("body")
        newid = (n.group(1) if (n := _NEWID.search(m.group("attrs"))) else "?")
        where = f"{source}#{newid}"
        body = _WIRE_END.sub("", _field("BODY", story))
        # The wire text breaks lines at 70 columns; paragraphs start with an indent.
        body = re.sub(r"\n(?![ \t])", " ", body.replace("\x03", "")).strip()
        if not body:
            continue  # title-only briefs carry no story
        try:
            when = parse_published(_field("DATE", story).split(" ")[0])
        except ValueError as err:
            yield ReadError(where, str(err))
            continue
        dateline = _field("DATELINE", story).split(",")[0].strip() or None
        yield Article(
            id=article_id(f"reuters21578:{newid}", body),
            text=body,
            title=_field("TITLE", story) or None,
            url=f"reuters21578:{newid}",
            outlet="Reuters",
            published=when or published,
            dateline=dateline,
            source=where,
        )
