"""Choose the code of a verb from its dictionary entries and patterns, by looking at its
dependents instead of word order (so passives, inserted adverbs and clauses do not break
a pattern)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from newsevents.coding.patterns import Element, Pattern, VerbEntry, settings, verb_index, verb_lemma

# Dependents of a verb that hold what CAMEO.2.0 writes after the verb.
OBJECT_DEPS = {"dobj", "obj", "prt", "advmod", "acomp", "attr", "oprd", "dative", "xcomp",
               "npadvmod", "dep", "compound:prt"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}


def words_of(token: Token) -> set[str]:
    return {token.lower_, token.lemma_.lower()}


def _subtree_words(token: Token) -> set[str]:
    out: set[str] = set()
    for t in token.subtree:
        out |= words_of(t)
    return out


@dataclass
class Zones:
    objects: set[str]
    subject: set[str]
    preps: list[tuple[str, Token, set[str], set[str]]]  # (preposition, its object or itself, words, head-NP words)
    direct_object: Token | None
    # The words of each noun phrase in the object zone: a braced dictionary phrase
    # ("{TRADE &TREATY}") names one phrase, not words scattered over the object's clause
    # ("an agreement aimed at easing a trade war" is no trade agreement).
    phrases: list[set[str]] = field(default_factory=list)


def zones(verb: Token) -> Zones:
    objects: set[str] = set()
    subject: set[str] = set()
    preps: list[tuple[str, Token, set[str], set[str]]] = []
    direct = None
    for child in verb.children:
        dep = child.dep_
        if dep in SUBJECT_DEPS:
            subject |= _subtree_words(child)
        elif dep in ("aux", "auxpass", "neg"):
            subject |= words_of(child)
        elif dep in ("prep", "agent") or (dep == "dative" and child.pos_ == "ADP"):
            preps.append(_prep(child))
        elif dep in OBJECT_DEPS:
            objects |= _subtree_words(child)
            if dep in ("dobj", "obj") and direct is None:
                direct = child
            if dep == "prt" or (dep == "advmod" and child.lower_ in ("on", "upon", "out", "off", "up", "down")):
                objects |= words_of(child)
    if direct is not None:
        # "imposed sanctions on Russia": the PP often hangs from the object noun.
        preps.extend(_prep(c) for c in direct.children if c.dep_ == "prep")
    phrases = [_phrase(t) for child in verb.children if child.dep_ in OBJECT_DEPS
               for t in child.subtree if t.pos_ in ("NOUN", "PROPN")]
    return Zones(objects, subject, preps, direct, phrases)


def _phrase(noun: Token) -> set[str]:
    out = words_of(noun)
    for left in noun.lefts:
        for t in left.subtree:
            out |= words_of(t)
    return out


def _prep(prep: Token) -> tuple[str, Token, set[str], set[str]]:
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), prep)
    head_np = words_of(obj)
    for c in obj.children:
        if c.i < obj.i and c.dep_ in ("compound", "amod", "det", "nummod", "poss"):
            head_np |= words_of(c)
    return prep.lower_, obj, _subtree_words(prep) - {prep.lower_}, head_np


def _holds(req: tuple[tuple[str, ...], ...], bag: set[str]) -> bool:
    return any(all(w in bag for w in alt) for alt in req)


def _holds_in_phrase(req: tuple[tuple[str, ...], ...], bag: set[str], phrases: list[set[str]]) -> bool:
    return any(all(w in bag for w in alt) and (len(alt) == 1 or any(all(w in p for w in alt) for p in phrases))
               for alt in req)


def _element_holds(el: Element, z: Zones, bag: set[str]) -> Token | None | bool:
    """False if the element is absent; else the token it binds (for a role) or True."""
    if el.preps is None:
        if all(_holds_in_phrase(r, bag, z.phrases) for r in el.words):
            return z.direct_object if el.role == "target" and z.direct_object is not None else True
        return False
    for prep, obj, words, head_np in z.preps:
        if not el.words and obj.ent_type_ in ("DATE", "TIME"):
            # "called Erdogan on Wednesday": a bare "on" of a day is no "called on X".
            continue
        if prep in el.preps and all(_holds(r, head_np if el.np else words) for r in el.words):
            return obj if el.role else True
    return False


@dataclass
class Match:
    entry: VerbEntry
    pattern: Pattern | None
    code: str | None
    reverse: str | None
    target: Token | None  # the argument the pattern names as target, if any
    source: Token | None


def match_verb(verb: Token, z: Zones | None = None) -> Match | None:
    entries = verb_index().get(verb_lemma(verb))
    if not entries:
        return None
    z = z or zones(verb)
    bag = z.objects | z.subject
    for prep, _, words, _ in z.preps:
        bag.add(prep)
        bag |= words
    best: Match | None = None
    best_weight = -1
    for entry in entries:
        if entry.particles and not all(p in z.objects or any(p == q for q, _, _, _ in z.preps)
                                       or any(c.lower_ == p for c in verb.children) for p in entry.particles):
            # (the parser may hang the particle as a clause: "let(ROOT) free(ccomp)")
            continue
        weight = len(entry.particles)
        if best is None or weight > best_weight:
            code = entry.code
            if entry.needs_object and z.direct_object is None and not any(c.dep_ == "nsubjpass" for c in verb.children):
                code = None
            if entry.needs_clause and not _decided_clause(verb):
                code = None
            best, best_weight = Match(entry, None, code, entry.reverse, None, None), weight
        for pattern in sorted(entry.candidates(bag), key=lambda p: _order(p, entry.lemma)):
            if pattern.weight + weight <= best_weight or _other_sense(pattern, entry):
                continue
            bound = _pattern_holds(pattern, z)
            if bound is not None:
                best = Match(entry, pattern, pattern.code, pattern.reverse, bound[0], bound[1])
                best_weight = pattern.weight + weight
    return best


def _decided_clause(verb: Token) -> bool:
    """An infinitive or a that-clause says what was decided; a clause opened by a question
    word ("whether", "how") says what is still open."""
    question = settings()["question_words"]
    return any(c.dep_ in ("xcomp", "ccomp") and not any(w.lower_ in question for w in c.children
                                                        if w.dep_ in ("mark", "advmod", "nsubj", "dobj") and w.i < c.i)
               for c in verb.children)


def _other_sense(pattern: Pattern, entry: VerbEntry) -> bool:
    """A family may pool verbs of different senses: BLAME holds "condemn" with a code of
    its own (111) beside "blame" and "prevent". A pattern written for another member holds
    for such a verb only if it keeps the verb's root ("prevent the attack" is 053, but
    "condemned the attack" stays a criticism), and its code where that is more than a
    root (111, not the 112 of "blamed the attack on"). Members without a code of their own are synonyms
    (GRANT: give, provide, supply) and share every pattern; so do statement-level patterns
    ("refuse comment", 011, holds for "declined to comment"): they say the verb did no act."""
    if (pattern.verb is None or pattern.verb == entry.lemma or pattern.code is None or entry.code is None
            or entry.lemma not in entry.own_senses or pattern.code[:2] == "01"):
        return False
    if entry.code[2:3] not in ("", "0"):
        # "condemned the attack on the convoy" is the verb's own criticism (111), not the
        # accusation (112) a pattern of "blame" in the same family says.
        return pattern.code[:3] != entry.code[:3]
    return pattern.code[:2] != entry.code[:2]


def _order(pattern: Pattern, lemma: str = "") -> tuple[int, bool, str, int]:
    """Most specific first; among equally specific ones the pattern written for this very
    verb of the family (CAMEO.2.0's "# RATIFY" note), then a hand-written extension's, then
    the dictionary's order."""
    family, _, number = pattern.id.rpartition(".")
    other_sense = pattern.verb is not None and pattern.verb != lemma
    # (the hand-written extensions come before the dictionary's own, as they say)
    return (-pattern.weight, other_sense, not family.startswith("EXT."), family, int(number) if number.isdigit() else 0)


def _pattern_holds(pattern: Pattern, z: Zones) -> tuple[Token | None, Token | None] | None:
    if pattern.bare_prep and z.direct_object is not None:
        # "called on Moscow" is an appeal, "called the king on Saturday" a phone call: a
        # pattern of prepositions alone only holds for a verb without a direct object.
        return None
    target = source = None
    for el in pattern.post:
        got = _element_holds(el, z, z.objects)
        if got is False:
            return None
        if el.role == "target" and got is not True:
            target = got
        elif el.role == "source" and got is not True:
            source = got
    for el in pattern.pre:
        if el.preps is None and not all(_holds(r, z.subject) for r in el.words):
            return None
    return target, source
