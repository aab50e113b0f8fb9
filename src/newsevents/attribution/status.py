"""The status of one event: does the text assert it, or only report, allege, deny, negate,
plan, suppose or request it?

`event_status(doc, trigger_token, quotes, actors)` looks at the trigger's own clause
(negation, conditions, modals) and then climbs the dependency tree: each speech-act frame
the trigger sits in the complement of ("accused X of", "denied", "called on X to",
"plans to", "allegations that", "said that") is a layer. Layers compose from the inside
out: the innermost non-asserted status stands, except that a denial around a claim
("dismissed allegations that ...", "rejected claims that ...") turns it into a denial, and
an outer speaker supplies `reported_by` when the inner layer names nobody. Finally an
event inside a quotation is reported by the quote's speaker unless a layer already said more.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsevents.attribution.cues import summed_up
from newsevents.attribution.docindex import DocIndex, indexed
from newsevents.attribution.speakers import noun_speaker, speaker_for, subject_of
from newsevents.attribution.vocab import Vocabulary, vocabulary
from newsevents.model import ActorMention, Quote

# Dependents through which a frame governs what it frames (its content), as opposed to
# its subject, its conjuncts or its adjuncts.
COMPLEMENT_DEPS = {"ccomp", "xcomp", "dobj", "obj", "pobj", "pcomp", "prep", "acl", "appos", "attr", "oprd", "nsubjpass", "dative"}
# How far up the tree a frame may stand from the trigger.
MAX_DEPTH = 8
CLAIMS = {"reported", "alleged"}


@dataclass(frozen=True)
class Layer:
    status: str
    by: ActorMention | None


def _has_neg(token: Token, vocab: Vocabulary) -> bool:
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "det" and child.lower_ in vocab.negators:
            return True
    return False


def _negated(token: Token, vocab: Vocabulary) -> bool:
    """'did not name them', 'no plans', 'never attacked'; a conjunct without its own subject
    ('did not name them or say ...') shares its head's negation."""
    current = token
    for _ in range(3):
        if _has_neg(current, vocab):
            return True
        if current.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in current.children):
            current = current.head
            continue
        return False
    return False


def _marks(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ == "mark"}


def _has_condition(token: Token, vocab: Vocabulary) -> bool:
    """The consequent of 'if ...': an adverbial clause opened by a conditional mark."""
    return any(c.dep_ == "advcl" and _marks(c) & vocab.conditional_marks for c in token.children)


def _modal(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ == "aux" and child.tag_ == "MD":
            return child.lower_
    # "is going to attack"
    if token.dep_ == "xcomp" and token.head.lemma_ == "go" and any(c.dep_ == "aux" and c.lower_ in {"is", "are", "am", "was", "were", "'s", "'re"} for c in token.head.children):
        return "will"
    return None


def _local(token: Token, vocab: Vocabulary, under_speech: bool) -> str:
    """Status from the trigger's own clause, before any frame around it."""
    if _negated(token, vocab):
        return "negated"
    if token.dep_ == "pcomp" and token.head.lower_ == "without":
        return "negated"
    if _marks(token) & vocab.conditional_marks or _has_condition(token, vocab):
        return "hypothetical"
    modal = _modal(token)
    if modal in vocab.future_modals:
        return "intended"
    if modal in vocab.deontic_modals:
        return "requested"
    if modal in vocab.hypothetical_modals:
        # Reported speech shifts "will" to "would": "said it would withdraw" is a plan.
        return "intended" if modal in {"would", "'d"} and under_speech else "hypothetical"
    for child in token.children:
        if child.dep_ == "advmod" and child.lower_ in vocab.hedge_adverbs:
            return vocab.hedge_adverbs[child.lower_]
    return "asserted"


def _is_appeal(head: Token, child: Token, vocab: Vocabulary) -> bool:
    lemma = head.lemma_.lower()
    infinitival = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
    if lemma in vocab.appeal_phrasal:
        particles = vocab.appeal_phrasal[lemma]
        has_particle = any(c.lower_ in particles for c in head.children if c.dep_ in {"prep", "prt"})
        # "called on Moscow to stop" / "called for a ceasefire"
        return has_particle and (child.dep_ in {"xcomp", "advcl", "ccomp"} and infinitival or child.dep_ == "prep" and child.lower_ in particles)
    if lemma not in vocab.appeal_verbs:
        return False
    if child.dep_ in {"xcomp", "advcl"} and infinitival:
        return True
    # "demanded that Russia withdraw", "urged an end to ..."
    if lemma in {"demand", "urge", "request", "insist", "require", "ask", "appeal", "order"}:
        return child.dep_ in {"ccomp", "dobj"} or child.dep_ == "prep" and child.lower_ in {"for", "to"}
    return False


def _content_clause(clause: Token) -> bool:
    """'allegations that soldiers tortured detainees', misparsed as a relative clause: the
    clause has a subject of its own besides the relativizer, so 'that' is a conjunction."""
    relativizers = {"that", "which", "who", "whom", "whose", "where", "when"}
    return any(c.lower_ == "that" for c in clause.children) and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in relativizers for c in clause.children
    )


def _frame(doc: Doc, head: Token, child: Token, actors: list[ActorMention], vocab: Vocabulary) -> Layer | None:
    """The layer that `head` adds over its dependent `child`, if `head` is a frame."""
    lemma = head.lemma_.lower()
    if head.pos_ in {"VERB", "AUX"}:
        if child.dep_ not in COMPLEMENT_DEPS and not (child.dep_ == "advcl" and _is_appeal(head, child, vocab)):
            return None
        if summed_up(head, child):
            return None
        speaker = None

        def by() -> ActorMention | None:
            nonlocal speaker
            speaker = speaker or speaker_for(doc, subject_of(head), actors)
            return speaker

        if lemma in vocab.deny_verbs:
            return Layer("denied", by())
        if lemma in vocab.negating_verbs and child.dep_ in {"xcomp", "pcomp", "prep"}:
            return Layer("negated", None)
        if _is_appeal(head, child, vocab):
            return Layer("negated" if _negated(head, vocab) else "requested", by())
        if lemma in vocab.allege_verbs:
            return Layer("alleged", by())
        if lemma in vocab.threat_verbs and child.dep_ in {"xcomp", "ccomp"}:
            return Layer("intended" if child.dep_ == "xcomp" else "reported", by())
        if lemma in vocab.intend_verbs and child.dep_ in {"xcomp", "ccomp", "prep", "pcomp"}:
            return Layer("negated" if _negated(head, vocab) else "intended", by())
        if (lemma in vocab.speech_verbs or lemma == "make" and child.dep_ == "ccomp") and child.dep_ in {"ccomp", "xcomp"}:
            if _negated(head, vocab):
                return None  # "did not say whether ...": says nothing about it
            return Layer("reported", by())
        return None
    if head.pos_ == "ADJ" and child.dep_ == "xcomp" and head.lemma_.lower() in vocab.intend_adjectives:
        # "We are ready to sign": readiness announces the act, like "plans to".
        holder = subject_of(head) or (subject_of(head.head) if head.dep_ == "acomp" else None)
        negated = _negated(head, vocab) or (head.dep_ == "acomp" and _negated(head.head, vocab))
        return Layer("negated" if negated else "intended", speaker_for(doc, holder, actors))
    if head.pos_ in {"NOUN", "PROPN"}:
        if child.dep_ == "prep" and child.lower_ not in {"of", "about", "for", "to"}:
            return None
        if child.dep_ == "relcl" and not _content_clause(child):
            return None
        if child.dep_ not in {"acl", "ccomp", "appos", "prep", "relcl", "advcl"}:
            return None
        if lemma in vocab.deny_nouns:
            return Layer("denied", noun_speaker(doc, head, actors))
        if lemma in vocab.allege_nouns:
            return Layer("alleged", noun_speaker(doc, head, actors))
        if lemma in vocab.appeal_nouns:
            return Layer("requested", noun_speaker(doc, head, actors))
        if (lemma in vocab.intend_nouns or lemma in vocab.threat_nouns) and child.dep_ != "appos":
            return Layer("negated" if _has_neg(head, vocab) else "intended", noun_speaker(doc, head, actors))
    return None


def _compose(inner: Layer, outer: Layer) -> Layer:
    if inner.status == "asserted":
        return outer
    if outer.status == "denied" and inner.status in CLAIMS:
        return outer
    if inner.by is None and outer.by is not None and outer.status in CLAIMS | {"denied"}:
        return Layer(inner.status, outer.by)
    return inner


def _quote_at(quotes: list[Quote], char: int) -> Quote | None:
    inside = [q for q in quotes if q.content.start <= char < q.content.end]
    # The innermost (shortest) quote: an indirect quote inside a longer one.
    return min(inside, key=lambda q: q.content.end - q.content.start) if inside else None


def _first_person(mention: ActorMention | None, vocab: Vocabulary) -> bool:
    # Inside a quote "we" is the quoted speaker's side, whether or not the actors stage
    # already coded it; the named speaker is the better reporter.
    return mention is not None and mention.text.lower() in vocab.first_person


def event_status(
    doc: Doc | DocIndex, trigger_token: int, quotes: list[Quote], actors: list[ActorMention]
) -> tuple[str, ActorMention | None]:
    """Status and reporter of the event triggered at `trigger_token`. Pass a DocIndex
    when calling it for many events of one document."""
    vocab = vocabulary()
    doc = indexed(doc)
    trigger = doc[trigger_token]
    quote = _quote_at(quotes, trigger.idx)
    frames: list[Layer] = []
    child, head = trigger, trigger.head
    for _ in range(MAX_DEPTH):
        if head is child:
            break
        layer = _frame(doc, head, child, actors, vocab)
        if layer is not None:
            frames.append(layer)
        # Conditions and negation on an intermediate clause carry down to what it governs
        # ("if the rebels refuse to leave", "has no plans to intervene").
        if child is not trigger and child.dep_ in {"advcl"} and _marks(child) & vocab.conditional_marks:
            frames.append(Layer("hypothetical", None))
        child, head = head, head.head
    under_speech = any(f.status == "reported" for f in frames) or quote is not None
    result = Layer(_local(trigger, vocab, under_speech), None)
    for outer in frames:
        result = _compose(result, outer)
    if quote is not None:
        if result.status == "asserted":
            result = Layer("reported", quote.speaker)
        elif result.by is None or _first_person(result.by, vocab):
            result = Layer(result.status, quote.speaker)
    return result.status, result.by
