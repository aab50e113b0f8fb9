"""Who is speaking: the subject of a cue verb, turned into an actor mention.

The actors stage is the first choice (it codes mentions and resolves pronouns). When it has
nothing at the subject, a fallback of our own keeps quotes usable with weak actors: the
PERSON/ORG entity inside the subject, a pronoun resolved to the nearest preceding named
subject, or else the subject noun phrase itself ("a senior official") with no code.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from newsevents.actors import mention_at
from newsevents.attribution.cues import is_cue_verb
from newsevents.model import ActorMention

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# Pronouns that stand for a person or an organisation and so need an antecedent.
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "it", "we", "i"}
SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE")
# How many sentences back a pronoun may look for its antecedent.
ANTECEDENT_WINDOW = 4


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, climbing through conjoined and controlled verbs that lack one."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS and child.dep_ != "nsubjpass":
                return child
        # "he said in a statement released by ..." has no agent problem; a passive cue
        # ("was told by X") names the speaker as the agent.
        for child in current.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        if current.dep_ in {"conj", "xcomp", "advcl"} and current.head is not current:
            if current.dep_ == "conj" and is_cue_verb(verb) and current.head.dep_ == "ccomp" and is_cue_verb(current.head.head):
                # "X said the police had acted lawfully and warned that ...": a verb of saying
                # conjoined inside what X said is X's second statement, not the police's
                current = current.head.head
                continue
            current = current.head
            continue
        return None
    return None


def _mention_from_tokens(doc: Doc, start: int, end: int, **extra) -> ActorMention:
    span = doc[start:end]
    return ActorMention(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        name=extra.pop("name", span.text),
        token_start=start,
        token_end=end,
        **extra,
    )


def _entity_in(doc: Doc, start: int, end: int) -> object | None:
    """The best speaker-like entity within a token range: a PERSON first, then ORG..."""
    ents = [e for e in doc.ents if e.start >= start and e.end <= end]
    for label in SPEAKER_LABELS:
        chosen = [e for e in ents if e.label_ == label]
        if chosen:
            return chosen[-1]
    return None


def _noun_phrase(subject: Token) -> tuple[int, int]:
    """Token range of a subject without a trailing relative clause or apposition tail."""
    start = subject.left_edge.i
    end = subject.i + 1
    for child in subject.rights:
        if child.dep_ in {"relcl", "acl", "punct", "cc", "conj"}:
            break
        end = child.right_edge.i + 1
    return start, end


def antecedent(doc: Doc, pronoun: Token, actors: list[ActorMention]) -> ActorMention | None:
    """Nearest preceding sentence subject that is a named person or organisation.

    Subjects are preferred over any nearer name because news prose keeps its topic in
    subject position: in "X dismissed allegations by Y ... he said", "he" is X.
    """
    wanted_person = pronoun.lower_ in PERSON_PRONOUNS
    sentences = [s for s in doc.sents if s.start <= pronoun.i][-ANTECEDENT_WINDOW - 1 :]
    for sent in reversed(sentences):
        candidates = [
            t
            for t in sent
            if t.i < pronoun.i
            and t.dep_ in SUBJECT_DEPS
            and t.pos_ == "PROPN"
            and (not wanted_person or t.ent_type_ not in {"GPE", "NORP", "LOC"})
        ]
        for token in reversed(candidates):
            found = mention_at(actors, token.i)
            if found is not None:
                return found
            start, end = _noun_phrase(token)
            ent = _entity_in(doc, start, end)
            if ent is not None:
                return _mention_from_tokens(doc, ent.start, ent.end)
            return _mention_from_tokens(doc, start, end)
    return None


def speaker_for(doc: Doc, subject: Token | None, actors: list[ActorMention]) -> ActorMention | None:
    if subject is None:
        return None
    found = mention_at(actors, subject.i)
    if found is not None and not _is_pronoun(subject):
        return found
    if _is_pronoun(subject):
        if subject.lower_ in {"i", "we", "you"}:
            return found or _mention_from_tokens(doc, subject.i, subject.i + 1)
        named = _named_coreferent(found, actors) if found is not None else None
        if named is not None:
            # The actors stage linked the pronoun; give it the antecedent's name too.
            return replace(found, name=found.name or named.name or named.text, code=found.code or named.code)
        if found is not None and found.code:
            return found
        source = antecedent(doc, subject, actors)
        if source is None:
            return found or _mention_from_tokens(doc, subject.i, subject.i + 1)
        return ActorMention(
            text=subject.text,
            start=subject.idx,
            end=subject.idx + len(subject.text),
            code=source.code,
            country=source.country,
            sectors=list(source.sectors),
            name=source.name or source.text,
            resolved_from=source.text,
            token_start=subject.i,
            token_end=subject.i + 1,
            entity=source.entity,
        )
    start, end = _noun_phrase(subject)
    inner = [m for m in actors if start <= m.token_start and m.token_end <= end and not m.is_place]
    if inner:
        # The head-nearest non-place mention: "Ukraine's Ambassador to NATO Ihor Dolhov".
        return max(inner, key=lambda m: (m.code is not None, m.token_end))
    ent = _entity_in(doc, start, end)
    return _mention_from_tokens(doc, start, end, name=ent.text if ent is not None else doc[start:end].text)


def _named_coreferent(mention: ActorMention, actors: list[ActorMention]) -> ActorMention | None:
    """The nearest earlier non-pronoun mention of the same entity."""
    if mention.entity is None:
        return None
    earlier = [
        m
        for m in actors
        if m.entity == mention.entity and m.start < mention.start and m.text.lower() not in PERSON_PRONOUNS | GROUP_PRONOUNS
    ]
    return max(earlier, key=lambda m: m.start) if earlier else None


def _is_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON" or token.tag_ in {"PRP", "PRP$"}


# How far from a subjectless cue verb a named speaker may stand ("said monitor Karin Holm").
NEAR_CUE_TOKENS = 6


def speaker_of_cue(doc: Doc, cue: Token, actors: list[ActorMention]) -> ActorMention | None:
    """The cue's subject; when the parse gives none, the nearest PERSON/ORG next to the cue
    in its sentence (inverted 'said X', or a misparsed title before the name)."""
    speaker = speaker_for(doc, subject_of(cue), actors)
    if speaker is not None:
        return speaker
    sent = cue.sent
    near = [
        e
        for e in doc.ents
        if e.label_ in {"PERSON", "ORG"}
        and e.start >= sent.start
        and e.end <= sent.end
        and min(abs(e.start - cue.i), abs(e.end - 1 - cue.i)) <= NEAR_CUE_TOKENS
        and not any(t.is_quote for t in doc[min(e.start, cue.i) : max(e.end, cue.i)])
    ]
    if not near:
        return None
    # Inverted 'said X' names the speaker right after the cue; otherwise the nearest before.
    ent = min(near, key=lambda e: (not (0 < e.start - cue.i <= 3), e.start > cue.i, min(abs(e.start - cue.i), abs(e.end - 1 - cue.i))))
    return mention_at(actors, ent.root.i) or _mention_from_tokens(doc, ent.start, ent.end)


def noun_speaker(doc: Doc, noun: Token, actors: list[ActorMention]) -> ActorMention | None:
    """Who makes a claim, plan or call named by a noun: 'Putin's allegations',
    'allegations by Putin', or the subject of 'Putin made the allegations'."""
    for child in noun.children:
        if child.dep_ == "poss":
            return speaker_for(doc, child, actors)
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return speaker_for(doc, pobj, actors)
    if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ in {"VERB", "AUX"}:
        return speaker_for(doc, subject_of(noun.head), actors)
    return None
