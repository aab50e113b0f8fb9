"""What marks attribution in a sentence: verbs and phrases of saying, and the spans
quotes are built from. Shared by the direct and indirect quote finders."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsevents.attribution.direct import QuoteRegion
from newsevents.attribution.vocab import vocabulary
from newsevents.model import Span


def char_span(doc: Doc, start_char: int, end_char: int) -> Span:
    return Span(doc.text[start_char:end_char], start_char, end_char)


def token_span(doc: Doc, start: int, end: int) -> Span:
    tokens = doc[start:end]
    return Span(tokens.text, tokens.start_char, tokens.end_char)


def is_cue_verb(token: Token, direct: bool = False) -> bool:
    """A verb that attributes speech. For direct quotes only the verbs of saying count:
    a nearby 'found' or 'spoke about' rarely introduces the quotation."""
    vocab = vocabulary()
    if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {"VBD", "VBZ", "VBP", "VBN", "VBG", "VB"}:
        return False
    lemma = token.lemma_.lower()
    if lemma in vocab.speech_verbs or not direct and (lemma in vocab.object_content_verbs or lemma in vocab.topic_verbs):
        return True
    return lemma == "make" and _makes_clear(token)


def _makes_clear(token: Token) -> bool:
    """'made clear (that) ...': 'clear' may hang anywhere in spaCy's parse."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.lower_ in vocabulary().make_phrase_objects


def inside(token: Token, regions: list[QuoteRegion]) -> bool:
    return any(r.outer_start <= token.idx < r.outer_end for r in regions)


def is_negated(verb: Token) -> bool:
    """'he did not say if ...' reports nothing; a conjoined verb shares its head's negation."""
    current = verb
    for _ in range(3):
        if any(c.dep_ == "neg" for c in current.children):
            return True
        if current.dep_ != "conj" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in current.children):
            return False
        current = current.head
    return False


def summed_up(verb: Token, clause: Token) -> bool:
    """'Azerbaijan accused Armenia of shelling, a charge the ministry denied': the parse
    hangs the main clause on the verb whose object ("a charge") sums it up; the clause is
    not what the verb reports or denies, only its object is."""
    return clause.dep_ == "ccomp" and clause.i < verb.i and any(
        c.dep_ in {"dobj", "obj"} and clause.i < c.i < verb.i for c in verb.children)
