"""From the words of a temporal expression to a calendar date and its precision.

Common wire-news forms are parsed by a small grammar over the vocabulary and resolved by
date arithmetic (fast, and right where dateparser is not: weekdays by tense, "last week").
What the grammar cannot read may go to dateparser (see `fallback`).

Choices:
- "last week", "this week", "earlier this week", "next week" resolve to the Monday that
  starts that ISO week, precision "week": a consumer grouping events by week gets the right
  week, and the value never falls outside the week the text names. "This week" in a
  future clause is the publication day, the first day still to come in that week.
- A weekday that is the publication's own weekday ("on Tuesday" in a Tuesday article) is
  the publication day itself, whatever the tense: wire copy says "next Tuesday" or gives
  the date for the following week.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsevents.when.vocabulary import Vocabulary, load

PAST, PRESENT, FUTURE = "past", "present", "future"

_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\.?,?$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)'?s?,?$")


@dataclass(frozen=True)
class Resolved:
    value: date
    precision: str  # day | month | year
    kind: str  # which grammar rule read it, for debugging and evaluation


def _number(word: str, vocab: Vocabulary) -> int | None:
    if word.isdigit():
        return int(word)
    return vocab.number_words.get(word)


def day_number(word: str) -> int | None:
    m = _ORDINAL.match(word)
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 31 else None


def spelled_day(word: str) -> int | None:
    """Wire copy writes "April one", "March nine": only after a month name."""
    return day_number(word) or (load().number_words.get(word.rstrip(",")) if word not in ("a", "an") else None)


def year_number(word: str) -> int | None:
    m = _YEAR.match(word)
    return int(m.group(1)) if m and not word.endswith("s") else None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift_month(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _week_start(d: date, weeks: int) -> date:
    return d - timedelta(days=d.weekday()) + timedelta(weeks=weeks)


def _weekday(published: date, weekday: int, modifier: int | None, tense: str) -> date:
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if modifier == -1:  # "last Monday": never the publication day itself
        return published - timedelta(days=back or 7)
    if modifier == 1:  # "next Monday"
        return published + timedelta(days=ahead or 7)
    if tense == PAST:  # same weekday: back == ahead == 0, the publication day
        return published - timedelta(days=back)
    return published + timedelta(days=ahead)


def _year_for(published: date, month: int, day: int, tense: str) -> date | None:
    """The year that makes a year-less date sensible: the last one before publication for
    past events, the next one for future events, else the nearest."""
    options = [d for y in (published.year - 1, published.year, published.year + 1) if (d := _safe(y, month, day))]
    if tense == PAST:
        past = [d for d in options if d <= published]
        return max(past) if past else None
    if tense == FUTURE:
        future = [d for d in options if d >= published]
        return min(future) if future else None
    return min(options, key=lambda d: abs((d - published).days), default=None)


def _month_for(published: date, month: int, tense: str) -> date:
    this_year = date(published.year, month, 1)
    if tense == PAST and this_year > published:
        return date(published.year - 1, month, 1)
    if tense == FUTURE and month < published.month:
        return date(published.year + 1, month, 1)
    if tense == PRESENT and abs(month - published.month) > 6:
        return date(published.year + (1 if month < published.month else -1), month, 1)
    return this_year


def _unprefixed(word: str) -> str:
    """ "mid-2014" -> "2014": spaCy keeps such words whole."""
    head, dash, rest = word.partition("-")
    return rest if dash and head in ("mid", "early", "late") and rest else word


def parse(words: tuple[str, ...], published: date | None, tense: str) -> Resolved | None:
    """Read lower-cased words of one expression; None when they do not name a date."""
    vocab = load()
    words = tuple(_unprefixed(w) for w in words if w not in {",", ".", "-"})
    while words and words[0] in vocab.leading_fillers and words[0] not in vocab.unit_offsets:
        words = words[1:]
    while words and words[-1] in vocab.parts_of_day and words[:-1] and words[-2] not in vocab.unit_offsets:
        words = words[:-1]  # "Friday morning" is Friday; "this morning" stays a phrase
    if len(words) >= 3 and words[1] == "of" and day_number(words[0]):
        words = (words[0],) + words[2:]  # "the 20th of January"
    if not words:
        return None
    if published is None:
        return _absolute(words, vocab)
    return (
        _absolute(words, vocab)
        or _relative(words, published, tense, vocab)
        or _partial(words, published, tense, vocab)
    )


def _absolute(words: tuple[str, ...], vocab: Vocabulary) -> Resolved | None:
    """Dates that carry their year: "Jan. 23, 2015", "23 January 2015", "March 2014", "2014"."""
    if words[0] in vocab.weekdays and len(words) > 1:
        words = words[1:]  # "Monday, Jan. 26, 2015": the written date decides
    month_first = words[0] in vocab.months
    if len(words) == 3 and (year := year_number(words[0])) and words[1].isdigit() and words[2].isdigit():
        if v := _safe(year, int(words[1]), int(words[2])):
            return Resolved(v, "day", "iso-date")  # "2015-01-20", split by the tokenizer
    if len(words) == 3:
        m, d, y = (words[0], words[1], words[2]) if month_first else (words[1], words[0], words[2])
        day = spelled_day(d) if month_first else day_number(d)
        year = year_number(y)
        if m in vocab.months and day and year and (v := _safe(year, vocab.months[m], day)):
            return Resolved(v, "day", "date")
    if len(words) == 2 and month_first and (year := year_number(words[1])):
        return Resolved(date(year, vocab.months[words[0]], 1), "month", "month-year")
    if len(words) == 1 and (year := year_number(words[0])):
        return Resolved(date(year, 1, 1), "year", "year")
    return None


def _relative(words: tuple[str, ...], published: date, tense: str, vocab: Vocabulary) -> Resolved | None:
    """Expressions counted from the publication day."""
    if words in vocab.day_phrases:
        return Resolved(published + timedelta(days=vocab.day_phrases[words]), "day", "day-phrase")
    if len(words) == 1 and words[0] in vocab.relative_days:
        return Resolved(published + timedelta(days=vocab.relative_days[words[0]]), "day", "relative-day")
    modifier = vocab.unit_offsets.get(words[0]) if len(words) == 2 else None
    day_word = words[-1]
    if len(words) == 1 or modifier is not None:
        if day_word in vocab.weekdays:
            return Resolved(_weekday(published, vocab.weekdays[day_word], modifier, tense), "day", "weekday")
        if day_word == "weekend":  # the Saturday that opens it
            return Resolved(_weekday(published, 5, modifier, tense), "day", "weekend")
    if modifier is not None and (unit := vocab.units.get(day_word)) and day_word == unit:
        if unit == "week":
            start = _week_start(published, modifier)
            if modifier == 0 and tense != PAST:
                start = published  # "will meet this week": not a Monday already gone
            return Resolved(start, "week", "week")
        if unit == "month":
            return Resolved(_shift_month(published.replace(day=1), modifier), "month", "month-relative")
        if unit == "year":
            return Resolved(date(published.year + modifier, 1, 1), "year", "year-relative")
    n = _number(words[0], vocab) if len(words) == 3 and words[2] == "ago" else None
    if n and (unit := vocab.units.get(words[1])):
        if unit == "day":
            return Resolved(published - timedelta(days=n), "day", "ago")
        if unit == "week":
            return Resolved(published - timedelta(weeks=n), "day", "ago")
        if unit == "month":
            return Resolved(_shift_month(published.replace(day=1), -n), "month", "ago")
        return Resolved(date(published.year - n, 1, 1), "year", "ago")
    return None


def _partial(words: tuple[str, ...], published: date, tense: str, vocab: Vocabulary) -> Resolved | None:
    """Dates without a year: "23 January", "Jan. 23", "March"."""
    if words[0] in vocab.weekdays and len(words) > 1:
        words = words[1:]
    if len(words) == 2:
        month_first = words[0] in vocab.months
        m, d = (words[0], words[1]) if month_first else (words[1], words[0])
        day = spelled_day(d) if month_first else day_number(d)
        if m in vocab.months and day and (v := _year_for(published, vocab.months[m], day, tense)):
            return Resolved(v, "day", "day-month")
    if len(words) == 1 and words[0] in vocab.months:
        return Resolved(_month_for(published, vocab.months[words[0]], tense), "month", "month")
    offset = vocab.unit_offsets.get(words[0]) if len(words) == 2 and words[1] in vocab.months else None
    if offset is not None:
        # "last November", "next March": the named month before or after publication;
        # "this January" as the clause's tense says.
        tense = {-1: PAST, 1: FUTURE}.get(offset, tense)
        value = _month_for(published, vocab.months[words[1]], tense)
        if offset and value.year == published.year and value.month == published.month:
            value = _shift_month(value, 12 * offset)
        return Resolved(value, "month", "month")
    return None
