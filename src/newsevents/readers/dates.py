"""Publication dates as they appear in article headers and records."""

from __future__ import annotations

from datetime import date, datetime

import dateparser

_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"], "RETURN_AS_TIMEZONE_AWARE": False}


def parse_published(value: str | None) -> date | None:
    """Parse a header or record date ("January 27, 2015", "2015-01-27", "27-JAN-1987 ...").

    Returns None for an empty value; raises ValueError for text that is not a date, so a
    reader can say which input carried the bad date.
    """
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    parsed: datetime | None = dateparser.parse(text, languages=["en"], settings=_SETTINGS)
    if parsed is None:
        raise ValueError(f"unparseable date {text!r}")
    return parsed.date()
