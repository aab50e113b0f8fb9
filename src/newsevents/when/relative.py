"""Dates counted from another event: "a day after the vote", "two weeks before the
election", "on the eve of the summit".

The anchor is dated where the article dates it: a temporal expression on another mention
of the same noun ("the vote on Sunday", "Sunday's vote") or on a verb of the same lemma
("voted on Sunday"). No grammar or library reads these against the article's own events
(dateparser counts from the publication day only), hence this small reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from newsevents.model import EventDate
from newsevents.when.expressions import TemporalExpression
from newsevents.when.vocabulary import load

_DIRECTION = {"after": 1, "before": -1}
_DAYS = {"day": 1, "week": 7}


def _amount(prep: Token) -> int | None:
    """Days between the event and its anchor: "a day after" 1, "two weeks before" 14,
    "the day after" 1; None when the text gives no amount ("after the vote")."""
    vocab = load()
    unit = next((t for t in prep.doc[max(prep.i - 3, 0) : prep.i] if vocab.units.get(t.lower_) in _DAYS), None)
    if unit is None or unit.i != prep.i - 1:
        return None
    before = prep.doc[unit.i - 1] if unit.i > 0 else None
    if before is None:
        return None
    count = vocab.number_words.get(before.lower_) or (int(before.text) if before.text.isdigit() else None)
    if before.lower_ == "the":
        count = 1
    return count * _DAYS[vocab.units[unit.lower_]] if count else None


def _anchor_noun(prep: Token) -> Token | None:
    objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
    return objects[0] if objects else None


def _anchor_date(doc: Doc, noun: Token, expressions: Sequence[TemporalExpression]) -> TemporalExpression | None:
    lemma = noun.lemma_.lower()
    for expression in expressions:
        if expression.precision != "day" or expression.token_start <= noun.i < expression.token_end:
            continue
        governor = doc[expression.governor]
        if governor.i != noun.i and governor.lemma_.lower() == lemma:
            return expression  # "the vote on Sunday", "voted on Sunday"
        arguments = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i != noun.i]
        if any(c.lemma_.lower() == lemma for c in arguments):
            return expression  # "the summit opens on Thursday"
    return None


def _cues(trigger: Token):
    """(offset sign, amount in days or None, anchor noun) for each relative cue in the
    trigger's own phrase."""
    for token in trigger.subtree:
        if token.dep_ != "prep":
            continue
        if token.lower_ in _DIRECTION and (noun := _anchor_noun(token)) is not None:
            yield _DIRECTION[token.lower_], _amount(token), noun
        elif token.lower_ == "on":
            eve = _anchor_noun(token)
            of = next((c for c in eve.children if c.dep_ == "prep" and c.lower_ == "of"), None) if eve is not None else None
            if eve is not None and eve.lower_ == "eve" and of is not None and (noun := _anchor_noun(of)) is not None:
                yield -1, 1, noun


def relative_date(doc: Doc, trigger_token: int, expressions: Sequence[TemporalExpression]) -> EventDate | None:
    """The event's date counted from a dated anchor event, or None."""
    for sign, amount, noun in _cues(doc[trigger_token]):
        if amount is None:
            continue
        anchor = _anchor_date(doc, noun, expressions)
        if anchor is not None:
            value: date = anchor.value + timedelta(days=sign * amount)
            return EventDate(value.isoformat(), "day", anchor.span, basis="relative")
    return None
