"""Which temporal expression dates which event.

1. The expression that modifies the event's own clause: walk up from the trigger through
   its governing words and take the first expression governed by one of them ("held a
   meeting on Monday" dates "held"; "said on Tuesday that troops had entered the town"
   dates "entered" by Tuesday only when "entered" has no date of its own).
2. Else an expression elsewhere in the sentence, nearest in the parse tree, but not one
   inside a relative clause or apposition that describes something else ("Russia, which
   annexed Crimea in 2014, said ..." does not date "said" to 2014).
3. Else the publication date, precision "publication".
A future-tense event never borrows a past-tense clause's date ("said on Monday it would
send troops"), and vice versa.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Token

from newsevents.model import EventDate
from newsevents.when.expressions import TemporalExpression
from newsevents.when.normalise import FUTURE
from newsevents.when.tense import clause_tense

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
_DESCRIPTIVE = {"relcl", "acl", "appos", "parataxis"}


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _compatible(event_tense: str, expression: TemporalExpression) -> bool:
    return (event_tense == FUTURE) == (expression.tense == FUTURE)


def _best(trigger: Token, options: Sequence[TemporalExpression]) -> TemporalExpression:
    return min(options, key=lambda e: (_PRECISION_RANK[e.precision], abs(e.token_start - trigger.i)))


def _walled_off(doc: Doc, expression: TemporalExpression, trigger: Token) -> bool:
    """True when the expression sits in a descriptive clause that does not contain the trigger."""
    path = _ancestors(doc[expression.governor])
    trigger_path = set(t.i for t in _ancestors(trigger))
    for token in path:
        if token.i in trigger_path:
            return False
        if token.dep_ in _DESCRIPTIVE:
            return True
    return False


def _tree_distance(a: Token, b: Token) -> int:
    depth_a = {t.i: d for d, t in enumerate(_ancestors(a))}
    for d, t in enumerate(_ancestors(b)):
        if t.i in depth_a:
            return depth_a[t.i] + d
    return len(a.doc)


def choose(doc: Doc, trigger_token: int, expressions: Sequence[TemporalExpression]) -> TemporalExpression | None:
    trigger = doc[trigger_token]
    sentence = trigger.sent
    event_tense = clause_tense(trigger)
    local = [
        e for e in expressions if sentence.start <= e.token_start < sentence.end and _compatible(event_tense, e)
    ]
    by_governor: dict[int, list[TemporalExpression]] = {}
    for e in local:
        by_governor.setdefault(e.governor, []).append(e)
    for token in _ancestors(trigger):
        if token.i in by_governor:
            return _best(trigger, by_governor[token.i])
    reachable = [e for e in local if not _walled_off(doc, e, trigger)]
    if not reachable:
        return None
    return min(reachable, key=lambda e: (_tree_distance(trigger, doc[e.governor]), abs(e.token_start - trigger.i)))


def event_date(
    doc: Doc, trigger_token: int, expressions: Sequence[TemporalExpression], published: date | None
) -> EventDate:
    chosen = choose(doc, trigger_token, expressions) if trigger_token >= 0 else None
    if chosen is not None:
        return EventDate(chosen.value.isoformat(), chosen.precision, chosen.span)
    if published is not None:
        return EventDate(published.isoformat(), "publication", None)
    return EventDate(None, "unknown", None)
