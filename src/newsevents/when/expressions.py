"""All the temporal expressions of one article, each resolved to a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from newsevents.model import Span
from newsevents.when.candidates import candidate_ranges, is_date_context, trim
from newsevents.when.fallback import with_dateparser
from newsevents.when.normalise import Resolved, parse
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
    # Not a dash the span begins with ("- October 22 -"): it hangs on the word before.
    return next(
        (t for t in doc[start:end] if (not start <= t.head.i < end or t.head.i == t.i) and t.dep_ != "punct"),
        doc[start],
    )


def _anchor(root: Token) -> Token:
    """A date in apposition to the object of a preposition restates it ("on Waitangi Day -
    February 6", "on Independence Day, July 4"): it hangs where that object hangs."""
    if root.dep_ == "appos" and root.head.dep_ == "pobj":
        return root.head
    return root


def governor(doc: Doc, start: int, end: int) -> Token:
    """What the expression modifies: through a preposition ("met on Monday" -> met), else
    the head of the expression ("arrested ... last week" -> arrested)."""
    root = _anchor(_root(doc, start, end))
    if root.head.i == root.i:
        return root
    head = root.head
    if root.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.i != head.i:
        return head.head
    return head


def resolve_dates(doc: Doc, published: date | None) -> list[TemporalExpression]:
    # One article's cache: the same wording in the same tense always resolves alike, and
    # dateparser is the slow path worth not repeating.
    cache: dict[tuple[str, tuple[str, ...], date | None, str], Resolved | None] = {}
    taken = [False] * len(doc)
    found: list[TemporalExpression] = []
    ranges = [trim(doc, start, end) for start, end in candidate_ranges(doc)]
    # The grammar first over every candidate; dateparser (~2 ms a call) only on what is
    # left, so "week ended February 22" costs nothing once "February 22" has been read.
    for reader in ("grammar", "dateparser"):
        for start, end in ranges:
            if any(taken[start:end]):
                continue
            if reader == "dateparser" and cache.get(_key("grammar", doc, start, end, published)):
                continue  # the grammar read it and the context refused it ("May said")
            expression = _read(doc, start, end, published, reader, cache)
            if expression is not None:
                taken[start:end] = [True] * (end - start)
                found.append(expression)
    return sorted(found, key=lambda e: e.token_start)


def _key(reader: str, doc: Doc, start: int, end: int, published: date | None) -> tuple:
    words = tuple(t.lower_ for t in doc[start:end])
    return (reader, words, published, clause_tense(_root(doc, start, end)))


def _read(
    doc: Doc, start: int, end: int, published: date | None, reader: str, cache: dict
) -> TemporalExpression | None:
    root = _root(doc, start, end)
    piece = doc[start:end]
    key = _key(reader, doc, start, end, published)
    _, words, _, tense = key
    if key not in cache:
        if reader == "grammar":
            cache[key] = parse(words, published, tense)
        else:
            cache[key] = with_dateparser(piece.text, published, tense)
    resolved = cache[key]
    if resolved is None or not is_date_context(piece, resolved.kind):
        return None
    gov = governor(doc, start, end)
    via_adjunct = _anchor(root).dep_ in ("pobj", "npadvmod", "advmod", "tmod") and gov.pos_ != "ADJ"
    return TemporalExpression(
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
