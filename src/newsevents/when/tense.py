"""Whether the clause a word sits in reports the past or announces the future.

Weekdays and year-less dates are resolved backwards from publication in past clauses and
forwards in future ones ("will meet on Thursday", "is due to arrive on Friday").
"""

from __future__ import annotations

from spacy.tokens import Token

from newsevents.when.normalise import FUTURE, PAST, PRESENT
from newsevents.when.vocabulary import load

_VERBAL = {"VERB", "AUX"}
_PERFECT = {"have", "has", "had", "'ve", "'d"}


def clause_verb(token: Token) -> Token:
    """The nearest verb at or above `token` (the sentence root when there is none)."""
    while token.pos_ not in _VERBAL and token.head.i != token.i:
        token = token.head
    return token


def clause_tense(token: Token) -> str:
    vocab = load()
    verb = clause_verb(token)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    modal = next((a for a in auxes if a.tag_ == "MD"), None)
    if modal is not None:
        # "could have met" looks back; any other modal ("will", "may", "would") looks ahead.
        return PAST if lowers & _PERFECT and verb.tag_ == "VBN" else FUTURE
    if lowers & vocab.future_auxiliaries:
        return FUTURE
    head = verb.head
    if not auxes and head.i != verb.i and head.pos_ in _VERBAL:
        # "will meet and sign": a conjunct shares its auxiliary; "attacked ..., killing
        # 12 soldiers": a participle takes the tense of the clause it hangs on.
        if verb.dep_ == "conj" or verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj", "acl"):
            return clause_tense(head)
    if "to" in lowers and verb.tag_ == "VB":
        governor = verb.head
        if governor.lemma_.lower() in vocab.future_governors or governor.lower_ in vocab.future_governors:
            return FUTURE
        if governor.i != verb.i:
            return clause_tense(governor) if governor.pos_ in _VERBAL else FUTURE
    if verb.tag_ == "VBG" and any(a.lemma_ == "go" for a in verb.children if a.dep_ == "xcomp"):
        return FUTURE
    if lowers & {"did", "was", "were", "had", "has", "have", "'ve", "been"}:
        return PAST
    if verb.tag_ == "VBN" and lowers & {"is", "are", "am", "'s", "'re"}:
        return PRESENT  # "is expected on Thursday"
    if verb.tag_ in ("VBD", "VBN"):
        return PAST
    if verb.tag_ in ("VBZ", "VBP", "VBG"):
        return PRESENT
    return PAST  # news reports what happened unless the clause says otherwise
