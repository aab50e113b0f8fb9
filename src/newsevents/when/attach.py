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
from newsevents.when.vocabulary import load

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_DESCRIPTIVE = {"relcl", "acl", "appos", "parataxis"}
_ARGUMENTS = {"dobj", "pobj", "attr", "dative"}
_PRESENT_BE = {"is", "are", "am", "'s", "'re"}
_TEMPORAL_PREPOSITIONS = {"after", "before", "since", "until", "till", "following", "during", "ahead", "prior"}


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _best(trigger: Token, options: Sequence[TemporalExpression]) -> TemporalExpression:
    return min(options, key=lambda e: (_PRECISION_RANK[e.precision], abs(e.token_start - trigger.i)))


def _walled_off(doc: Doc, expression: TemporalExpression, trigger: Token) -> bool:
    """True when the expression or the trigger sits in a descriptive clause (relative
    clause, apposition) that does not contain the other."""
    up_from_expression = _ancestors(doc[expression.governor])
    up_from_trigger = _ancestors(trigger)
    meet = {t.i for t in up_from_trigger} & {t.i for t in up_from_expression}
    for path in (up_from_expression, up_from_trigger):
        for token in path:
            if token.i in meet:
                break
            if token.dep_ in _DESCRIPTIVE:
                return True
    return False


def _tree_distance(a: Token, b: Token) -> int:
    depth_a = {t.i: d for d, t in enumerate(_ancestors(a))}
    for d, t in enumerate(_ancestors(b)):
        if t.i in depth_a:
            return depth_a[t.i] + d
    return len(a.doc)


def _argument_nouns(trigger: Token) -> list[int]:
    """Nouns among the trigger's own arguments and the places it happened at ("resume
    talks next Monday", "rule on the appeal on Jan. 5", "at Sopore town in Baramulla
    district Saturday afternoon"): the small model often hangs the date on them instead
    of the verb. Not through temporal prepositions ("after a boom last year" dates the
    boom) nor into clauses that describe the noun."""
    found, stack = [], [trigger]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "prep" and child.lower_ not in _TEMPORAL_PREPOSITIONS:
                stack.append(child)
            elif child.dep_ in _ARGUMENTS and child.pos_ in ("NOUN", "PROPN"):
                found.append(child.i)
                stack.append(child)
    return found


def _planned(governor: Token, below: Token | None) -> bool:
    """A date on a present-tense plan ("tomorrow he plans to meet", "is due on Friday to
    arrive") is the date of the planned act, whatever tense the plan's own clause has.
    Not a past one: "agreed on Monday to withdraw" dates the agreeing."""
    return (
        below is not None
        and below.dep_ == "xcomp"
        and governor.lemma_.lower() in load().future_governors
        # Its own tense: a conjunct would take a past tense from its first verb
        # ("received ... yesterday, and tomorrow he plans to ...").
        and (governor.tag_ in ("VBZ", "VBP") or any(c.dep_ == "auxpass" or c.lower_ in _PRESENT_BE for c in governor.children))
    )


def _own_clause(trigger: Token, by_governor: dict[int, list[TemporalExpression]]) -> TemporalExpression | None:
    """Walk up from the trigger; stop at the edge of a relative clause or apposition, and
    once a future clause has been crossed accept only future expressions."""
    future = False
    below = None
    for token in _ancestors(trigger):
        future = future or (token.pos_ in ("VERB", "AUX") or token.i == trigger.i) and clause_tense(token) == FUTURE
        governed = [e for e in by_governor.get(token.i, ())]
        if token.i == trigger.i and not governed:
            governed = [e for noun in _argument_nouns(trigger) for e in by_governor.get(noun, ()) if e.via_adjunct]
        options = [e for e in governed if (e.tense == FUTURE) == future or _planned(token, below)]
        below = token
        if options:
            return _best(trigger, options)
        if token.dep_ in _DESCRIPTIVE:
            return None
    return None


def choose(doc: Doc, trigger_token: int, expressions: Sequence[TemporalExpression]) -> TemporalExpression | None:
    found = choose_with_basis(doc, trigger_token, expressions)
    return found[0] if found is not None else None


def choose_with_basis(
    doc: Doc, trigger_token: int, expressions: Sequence[TemporalExpression]
) -> tuple[TemporalExpression, str] | None:
    """The expression that dates the trigger and where it stands: "explicit" in the
    trigger's own clause, "sentence" in another clause of its sentence."""
    trigger = doc[trigger_token]
    sentence = trigger.sent
    local = [e for e in expressions if sentence.start <= e.token_start < sentence.end]
    by_governor: dict[int, list[TemporalExpression]] = {}
    for e in local:
        by_governor.setdefault(e.governor, []).append(e)
    own = _own_clause(trigger, by_governor)
    if own is not None:
        return own, "explicit"
    # The sentence's other clauses: only expressions that date a clause (not "a bond due
    # April 9, 1992" or "its April 28 deadline"), and not ones the walk up already refused.
    above = {t.i for t in _ancestors(trigger)}
    future = clause_tense(trigger) == FUTURE
    reachable = [
        e
        for e in local
        if e.governor not in above
        and doc[e.governor].pos_ in ("VERB", "AUX")
        and (e.tense == FUTURE) == future
        and not _walled_off(doc, e, trigger)
    ]
    if not reachable:
        return None
    nearest = min(reachable, key=lambda e: (_tree_distance(trigger, doc[e.governor]), abs(e.token_start - trigger.i)))
    return nearest, "sentence"


def event_date(
    doc: Doc, trigger_token: int, expressions: Sequence[TemporalExpression], published: date | None
) -> EventDate:
    found = choose_with_basis(doc, trigger_token, expressions) if trigger_token >= 0 else None
    if found is not None:
        chosen, basis = found
        return EventDate(chosen.value.isoformat(), chosen.precision, chosen.span, basis=basis)
    return publication_day(published)


def publication_day(published: date | None) -> EventDate:
    """The last resort, marked as such so users can filter it out."""
    if published is not None:
        return EventDate(published.isoformat(), "publication", None, basis="publication")
    return EventDate(None, "unknown", None)
