"""All the temporal expressions of one article, each resolved to a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from newsevents.model import Span
from newsevents.when.candidates import candidate_ranges, is_date_context, trim
from newsevents.when.normalise import Resolved, parse, with_dateparser
from newsevents.when.tense import clause_tense


@dataclass(frozen=True)
class TemporalExpression:
    span: Span
    token_start: int
    token_end: int  # exclusive
    value: date
    precision: str  # day | month | year
    kind: str
    tense: str
    governor: int  # token index of the word the expression modifies
    # Hung on its governor as an adverbial ("on Monday", "last week"), not as part of a
    # name ("its April 28 deadline") or an adjective's complement ("due April 9, 1992").
    via_adjunct: bool = True


def _root(doc: Doc, start: int, end: int) -> Token:
    return next((t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i), doc[start])


def governor(doc: Doc, start: int, end: int) -> Token:
    """What the expression modifies: through a preposition ("met on Monday" -> met), else
    the head of the expression ("arrested ... last week" -> arrested)."""
    root = _root(doc, start, end)
    if root.head.i == root.i:
        return root
    head = root.head
    if root.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.i != head.i:
        return head.head
    return head


def resolve_dates(doc: Doc, published: date | None) -> list[TemporalExpression]:
    # One article's cache: the same wording in the same tense always resolves alike, and
    # dateparser is the slow path worth not repeating.
    cache: dict[tuple[tuple[str, ...], date | None, str], Resolved | None] = {}
    taken = [False] * len(doc)
    found = []
    for start, end in candidate_ranges(doc):
        start, end = trim(doc, start, end)
        if any(taken[start:end]):
            continue
        gov = governor(doc, start, end)
        root = _root(doc, start, end)
        via_adjunct = root.dep_ in ("pobj", "npadvmod", "advmod", "tmod") and gov.pos_ != "ADJ"
        tense = clause_tense(root)
        words = tuple(t.lower_ for t in doc[start:end])
        key = (words, published, tense)
        if key not in cache:
            cache[key] = parse(words, published, tense) or with_dateparser(doc[start:end].text, published, tense)
        resolved = cache[key]
        if resolved is None or not is_date_context(doc[start:end], resolved.kind):
            continue
        taken[start:end] = [True] * (end - start)
        piece = doc[start:end]
        found.append(
            TemporalExpression(
                Span(piece.text, piece.start_char, piece.end_char),
                start,
                end,
                resolved.value,
                resolved.precision,
                resolved.kind,
                tense,
                gov.i,
                via_adjunct,
            )
        )
    return sorted(found, key=lambda e: e.token_start)
