"""Publication dates as they appear in article headers and records."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"], "RETURN_AS_TIMEZONE_AWARE": False}

# Outside these years a "publication date" is a placeholder (0001-01-01, 9999-12-31) or a
# typo; relative expressions ("next week") cannot be resolved against it, so it is
# treated as unknown rather than trusted.
EARLIEST = date(1800, 1, 1)
LATEST = date(2199, 12, 31)

# Numeric dates that look like a day but cannot be one ("2015-02-30", "2015-13-01").
_ISO_LIKE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")


# The header layouts of most articles ("January 27, 2015", "27 January 2015"): parsed
# without dateparser, whose import alone costs ~0.2 s of a one-article run.
_COMMON_LAYOUTS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")


class DateProblem(ValueError):
    """A value that is meant as a date but cannot be used as one; the text says why."""


@lru_cache(maxsize=1)
def _parser():
    # dateparser takes ~0.2 s to import: only paid when a date is not ISO.
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=_SETTINGS)


def parse_published_precise(value: str | None) -> tuple[date, str] | None:
    """(date, precision) of a header or record date; precision is day, month or year.

    "2019" -> (2019-01-01, "year"), "March 2019" -> (2019-03-01, "month"). Returns None for
    an empty value; raises DateProblem for an impossible or out-of-range date and
    ValueError for text that is not a date, so a reader can say which input carried it.
    """
    if value is None or not str(value).strip():
        return None
    text = " ".join(str(value).split())
    if m := _ISO_LIKE.match(text):
        try:
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError as err:
            raise DateProblem(f"impossible date {text!r} ({err})") from None
        return _in_range(day, text), "day"
    if re.fullmatch(r"\d{4}", text):
        return _in_range(date(int(text), 1, 1), text), "year"
    for layout in _COMMON_LAYOUTS:
        try:
            return _in_range(datetime.strptime(text, layout).date(), text), "day"
        except DateProblem:
            raise
        except ValueError as err:
            if "out of range" in str(err):  # "February 30, 2015": the layout fits, the day cannot be
                raise DateProblem(f"impossible date {text!r} ({err})") from None
    data = _parser().get_date_data(text)
    if data.date_obj is None:
        raise ValueError(f"unparseable date {text!r}")
    precision = data.period if data.period in ("month", "year") else "day"
    parsed = data.date_obj.date()
    if precision == "year":
        parsed = parsed.replace(month=1, day=1)
    elif precision == "month":
        parsed = parsed.replace(day=1)
    return _in_range(parsed, text), precision


def _in_range(day: date, text: str) -> date:
    if not EARLIEST <= day <= LATEST:
        raise DateProblem(f"date {text!r} is outside {EARLIEST.year}-{LATEST.year}")
    return day


def parse_published(value: str | None) -> date | None:
    """The date alone of `parse_published_precise` (same errors)."""
    found = parse_published_precise(value)
    return found[0] if found else None


def plausible(day: date | None) -> bool:
    return day is None or EARLIEST <= day <= LATEST
