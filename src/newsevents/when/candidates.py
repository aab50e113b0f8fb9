"""Token ranges that may be temporal expressions: spaCy's DATE/TIME entities plus a
linear scan for what the small model misses ("Jan. 23", "earlier this month", "on
Monday" in lower-cased or odd contexts). Whether a range really is a date is decided
later, by parsing it and by the context checks in `is_date_context`."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsevents.when.fallback import WRITTEN_DATE
from newsevents.when.normalise import day_number, spelled_day, year_number
from newsevents.when.vocabulary import Vocabulary, load

_NAME_ENTITIES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
_DURATION_CUES = {"for", "over", "throughout", "within"}


def _word(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _month_range(doc: Doc, i: int, vocab: Vocabulary) -> tuple[int, int]:
    start, end = i, i + 1
    if day_number(_word(doc, i - 1)):
        start = i - 1  # "23 January"
    elif _word(doc, i - 1) == "of" and day_number(_word(doc, i - 2)):
        start = i - 2  # "the 20th of January"
    elif spelled_day(_word(doc, end)) and _word(doc, end + 1) != "of":
        end += 1  # "Jan. 23", "April one" (but not "in March one of the ...")
    if _word(doc, end) == "," and year_number(_word(doc, end + 1)):
        end += 2
    elif year_number(_word(doc, end)):
        end += 1
    while _word(doc, start - 1) in vocab.within_unit or _word(doc, start - 1) == "-":
        start -= 1  # "mid-January", "late March"
    if start == i and _word(doc, i - 1) in vocab.unit_offsets:
        start -= 1  # "last November"
    return start, end


def _scan(doc: Doc, vocab: Vocabulary) -> list[tuple[int, int]]:
    ranges = []
    phrase_heads = {p[0] for p in vocab.day_phrases}
    for tok in doc:
        i, w = tok.i, tok.lower_
        if w in vocab.weekdays or w == "weekend":
            start = i - 1 if _word(doc, i - 1) in vocab.unit_offsets else i
            end = i + 2 if _word(doc, i + 1) in vocab.parts_of_day else i + 1
            ranges.append((start, end))
        elif w in vocab.months:
            ranges.append(_month_range(doc, i, vocab))
        elif w in vocab.relative_days:
            ranges.append((i, i + 1))
        elif w in vocab.units and _word(doc, i - 1) in vocab.unit_offsets:
            start = i - 1
            while _word(doc, start - 1) in vocab.within_unit:
                start -= 1  # "earlier this month"
            ranges.append((start, i + 1))
        elif w == "ago" and _word(doc, i - 1) in vocab.units:
            ranges.append((i - 2, i + 1))
        elif WRITTEN_DATE.fullmatch(w):
            ranges.append((i, i + 1))  # "20/01/2015", which the small model leaves unlabelled
        elif year_number(w) and tok.is_digit:
            start = i
            while _word(doc, start - 1) in vocab.within_unit:
                start -= 1
            ranges.append((start, i + 1))
        if w in phrase_heads:
            for phrase in vocab.day_phrases:
                if tuple(_word(doc, i + k) for k in range(len(phrase))) == phrase:
                    ranges.append((i, i + len(phrase)))
    return [(max(s, 0), e) for s, e in ranges]


def candidate_ranges(doc: Doc) -> list[tuple[int, int]]:
    vocab = load()
    found = {(e.start, e.end) for e in doc.ents if e.label_ in ("DATE", "TIME")}
    found.update(_scan(doc, vocab))
    # Longest first, so that "Monday, Jan. 26" wins over its parts when it parses.
    return sorted(found, key=lambda r: (r[0] - r[1], r[0]))


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop the prepositions and articles spaCy sometimes includes ("about", "the")."""
    vocab = load()
    strip = vocab.leading_fillers - vocab.within_unit
    while start < end - 1 and doc[start].lower_ in strip:
        start += 1
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _before(doc: Doc, start: int, vocab: Vocabulary) -> Token | None:
    i = start - 1
    while i >= 0 and (doc[i].lower_ in vocab.within_unit or doc[i].lower_ in ("-", "the")):
        i -= 1
    return doc[i] if i >= 0 else None


def is_date_context(span: Span, kind: str) -> bool:
    """Reject readings that are names, verbs, quantities or durations, not dates."""
    vocab = load()
    doc = span.doc
    before = _before(doc, span.start, vocab)
    prep = before is not None and before.lower_ in vocab.date_prepositions or span[0].lower_ in vocab.unit_offsets
    if any(t.lower_ in vocab.age_words for t in doc[span.start : min(span.end + 2, len(doc))]):
        return False  # "56-year-old", "two years old"
    if kind == "month":
        month = span[-1]
        if month.ent_type_ in _NAME_ENTITIES or month.pos_ == "VERB" and not prep:
            return False  # "Theresa May", "protesters march"
        if month.lower_ in vocab.ambiguous_months and not (prep and month.is_title):
            return False  # "May said", "march on parliament"
    if kind == "year":
        year = span[-1]
        if year.dep_ == "nummod" or not prep and span.start == year.i:
            return False  # "the 2015 election", "2014 troops"
    if kind in ("week", "month-relative", "year-relative", "ago") and before is not None:
        if before.lower_ in _DURATION_CUES and span[0].lower_ in ("past", "last", "the"):
            return False  # "for the past week" is a duration
    return True
