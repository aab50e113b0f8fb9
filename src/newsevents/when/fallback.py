"""dateparser, for the written dates the grammar in `normalise` cannot read.

It is slow (~2 ms a call) and generous: it reads "We" as Wednesday, "25.1" as 25 January
and the 19 of "Feb 17 and 19" as 1919. So it only sees candidates with a month name or a
three-part numeric date, and a result far from publication without a written year is
refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from newsevents.when.normalise import FUTURE, PAST, Resolved
from newsevents.when.vocabulary import load

WRITTEN_DATE = re.compile(r"\b\d{1,4}([/.-])\d{1,2}\1\d{1,4}\b")  # 23/01/2015, 2015-01-23
_FOUR_DIGIT_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_COMPOUND_UNIT = re.compile(r"\d-(?:day|week|month|year)")  # "10-year bond", "five-day strike"
_PERIOD_PRECISION = {"day": "day", "week": "day", "month": "month", "year": "year"}


def looks_written(text: str) -> bool:
    months = load().months
    return bool(WRITTEN_DATE.search(text)) or any(
        w.strip(",.").lower() + "." in months or w.lower() in months for w in text.split()
    )


@lru_cache(maxsize=64)
def _date_parser(published: date, prefer: str):
    # Parsers are immutable once built; one per (publication day, direction) is reused.
    from dateparser.date import DateDataParser

    base = datetime(published.year, published.month, published.day, 12)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "PREFER_DAY_OF_MONTH": "first"}
    return DateDataParser(languages=["en"], settings=settings)


def with_dateparser(text: str, published: date | None, tense: str) -> Resolved | None:
    if published is None or not looks_written(text) or _COMPOUND_UNIT.search(text):
        return None
    prefer = {PAST: "past", FUTURE: "future"}.get(tense, "current_period")
    try:
        data = _date_parser(published, prefer).get_date_data(text)
    except (ValueError, OverflowError):
        return None  # an impossible date in odd copy must not cost the article its events
    if data is None or data.date_obj is None or data.period not in _PERIOD_PRECISION:
        return None
    precision = _PERIOD_PRECISION[data.period]
    value = data.date_obj.date()
    if abs(value.year - published.year) > 1 and not _FOUR_DIGIT_YEAR.search(text):
        return None
    if precision == "month":
        value = value.replace(day=1)
    elif precision == "year":
        value = value.replace(month=1, day=1)
    return Resolved(value, precision, "dateparser")
