"""Source and target of a trigger from its dependency arguments, mapped to the actors
stage's mentions."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from newsevents.model import ActorMention

# Children of a noun that may carry the actor when the noun itself is not one:
# "Russia's actions", "Ukrainian troops", "the government of Ukraine".
ACTOR_CHILD_DEPS = ("poss", "compound", "amod", "nmod", "appos")
OBJECT_CONTROL = {"call", "urge", "ask", "press", "appeal", "tell", "order", "force", "persuade",
                  "encourage", "want", "pressure", "invite", "allow", "help"}


class MentionIndex:
    """token index -> the shortest actor mention covering it, built once per article."""

    def __init__(self, actors: list[ActorMention]):
        # The parties the article last named together (joint subjects or the two sides of
        # a reciprocal act), for "both sides", "the two countries", "the allies"; the coder
        # sets it as it reads the article in order.
        self.group: list[ActorMention] = []
        self._at: dict[int, ActorMention] = {}
        self.mentions = sorted(actors, key=lambda m: m.token_start)
        for m in sorted(actors, key=lambda m: m.token_end - m.token_start, reverse=True):
            for i in range(m.token_start, m.token_end):
                self._at[i] = m

    def at(self, i: int) -> ActorMention | None:
        return self._at.get(i)

    def actor_for(self, token: Token, depth: int = 0) -> ActorMention | None:
        found = self._at.get(token.i)
        if (found is not None and found.code) or depth > 1:
            return found
        if token.lower_ in SPEAKER_PRONOUNS:
            speaker = self._speaker(token)
            return speaker if speaker is not None and (speaker.code or found is None) else found
        # An uncoded head ("exiled leaders of Egypt's Muslim Brotherhood", "troops of
        # Russia") stands for the coded party it belongs to, when the phrase names one.
        for child in token.children:
            if child.dep_ in ACTOR_CHILD_DEPS:
                # "The Islamic State group": the name may sit one compound further down.
                inner = self._at.get(child.i) or (self.actor_for(child, depth + 1) if child.dep_ == "poss" or (
                    child.dep_ == "compound" and token.lemma_.lower() in _collective_nouns()) else None)
                if inner is not None and (inner.code or found is None):
                    return inner
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                # "a group of Saudi hackers": the party is named inside the 'of' phrase.
                inner = (self._at.get(obj.i) or (self.actor_for(obj, depth + 1)
                                                 if token.lemma_.lower() in _collective_nouns() else None)
                         if obj is not None else None)
                if inner is not None and (inner.code or found is None):
                    return inner
            if (child.dep_ == "prep" and child.lower_ == "by" and found is None
                    and token.lemma_.lower() in _document_nouns()):
                # "A statement by the Iranian foreign ministry condemned the strike": the
                # author of a statement speaks through it.
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                inner = self._at.get(obj.i) if obj is not None else None
                if inner is not None:
                    return inner
        return found

    def _speaker(self, pronoun: Token) -> ActorMention | None:
        """'The Afghan government said it would free prisoners', '"We call on Russia ...,"
        Stoltenberg said': a pronoun the actors stage left unresolved, subject of what a
        speaker says, is that speaker (they speak of themselves)."""
        subj = self._speaker_subject(pronoun)
        return self._at.get(subj.i) if subj is not None else None

    @staticmethod
    def _speaker_subject(pronoun: Token) -> Token | None:
        if pronoun.dep_ not in ("nsubj", "nsubjpass"):
            return None
        clause = pronoun.head
        for _ in range(3):
            if clause.dep_ not in ("ccomp", "conj", "parataxis") or clause.head is clause:
                return None
            head = clause.head
            if head.lemma_.lower() in _speech_verbs():
                return next((c for c in head.children if c.dep_ == "nsubj"), None)
            clause = head
        return None

    def actors_for(self, token: Token | None) -> list[ActorMention]:
        """The mention(s) of an argument, following coordination ("NATO and Ukraine")."""
        if token is None:
            return []
        group = self.group_for(token)
        if group:
            return group
        if token.lower_ in PLURAL_PRONOUNS and not (self._at.get(token.i) and self._at[token.i].code):
            # "Obama and Putin said they will attack Iraq": each of the joint speakers.
            speakers = self.actors_for(self._speaker_subject(token))
            if len(speakers) > 1:
                return speakers
        heads = [token]
        own = self._at.get(token.i)
        if own is not None:
            # The parse may hang the conjunction from any word of a multi-word name.
            heads = [token.doc[i] for i in range(own.token_start, own.token_end)]
        out = []
        for head in heads:
            for t in coordinated(head):
                for m in [self.actor_for(t), *self._co_owners(t)]:
                    if m is not None and m not in out:
                        out.append(m)
        if not any(m.code for m in out) and own is None:
            # "urged valued partners like Saudi Arabia", "criticised countries such as
            # Hungary and Poland": a plural that no dictionary codes stands for the parties
            # it names as examples. (Not "including": "assisted by former members,
            # including actor Jason Beghe" lists people, no parties.)
            example = next((g for c in token.children if c.dep_ == "prep" and (
                c.lower_ == "like" or (c.lower_ == "as" and any(a.lower_ == "such" for a in c.lefts)))
                for g in c.children if g.dep_ == "pobj"), None)
            if example is not None and token.tag_ in ("NNS", "NNPS"):
                return [m for m in self.actors_for(example) if m.code] or out
        return out

    def _co_owners(self, title: Token) -> list[ActorMention]:
        """'The foreign ministers of Turkey and Greece met': an uncoded title owned by
        several parties stands for each of them, not only the first its 'of' phrase names."""
        own = self._at.get(title.i)
        if own is None or own.code:
            return []
        obj = next((g for c in title.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"), None)
        if obj is None or self.actor_for(title) is not self._at.get(obj.i):
            return []
        return [m for c in coordinated(obj)[1:] for m in [self._at.get(c.i)] if m is not None and m.code]


    def group_for(self, token: Token) -> list[ActorMention]:
        """'Both sides agreed', 'the two countries condemned', 'delegations of both
        governments met': a plural that counts the parties the article already named
        stands for each of them, as the words of its span (one event per party)."""
        if len(self.group) < 2:
            return []
        cfg = _group_words()
        heads = [token] + [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                           for g in c.children if g.dep_ == "pobj"]
        for head in heads:
            own = self._at.get(head.i)
            if (own is not None and own.code) or head.tag_ not in ("NNS", "NNPS"):
                continue
            lemma = head.lemma_.lower()
            mods = [c for c in head.children if c.dep_ not in ("punct", "cc", "conj", "prep", "relcl", "acl")]
            counted = lemma in cfg["group_nouns"] and any(
                c.dep_ in ("det", "predet", "nummod", "preconj") and c.lower_ in cfg["group_quantifiers"] for c in mods)
            # "the allies" alone, not "Russia's allies" or "Western allies": a modifier
            # names other parties than the ones already named.
            bare = (lemma in cfg["group_bare"] and len(mods) == 1 and mods[0].lower_ == "the"
                    and not any(c.dep_ == "prep" for c in head.children))
            if counted or bare:
                doc = head.doc
                span = doc[min(c.left_edge.i for c in [head, *mods]):head.i + 1]
                return [dataclasses.replace(m, text=span.text, start=span.start_char, end=span.end_char,
                                            token_start=span.start, token_end=span.end, resolved_from="group")
                        for m in self.group]
        return []


def _group_words() -> dict:
    from newsevents.coding.patterns import settings

    return settings()


def coordinated(token: Token) -> list[Token]:
    """The token and its conjuncts; a list like "the US, Russia, and Switzerland" is often
    parsed as an apposition that carries the conjunction, so such an appos counts too."""
    out = {token, *token.conjuncts}
    for child in token.children:
        if child.dep_ == "appos" and any(c.dep_ == "conj" for c in child.children):
            out |= {child, *child.conjuncts}
    return sorted(out, key=lambda t: t.i)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def subject_of(verb: Token, hops: int = 0) -> Token | None:
    """The acting argument: the subject, the by-agent of a passive, or — for a verb with
    no subject of its own — its controller (xcomp, coordinated verb, relative clause)."""
    for c in verb.children:
        if c.dep_ == "agent":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    if not is_passive(verb):
        for c in verb.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c
    if hops > 3:
        return None
    head = verb.head
    if head is verb:
        return None
    if verb.dep_ == "xcomp" and is_passive(head):
        # Raising: "Obama is scheduled to attend" -- the passive subject does the attending.
        raised = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if raised is not None:
            return raised
    if (verb.dep_ == "acl" and head.dep_ in ("dobj", "obj") and head.head.pos_ in ("VERB", "AUX")
            and head.lemma_.lower() in _intent_nouns()
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        # "NATO has no plans to intervene", "announced a decision to withdraw": the one
        # who has the plan or decision is the one who would act -- unless the noun names
        # its own holder ("criticised the decision by Moscow to expel", "Iran's plan to").
        own = next((c for c in head.children if c.dep_ == "poss"), None) or next(
            (g for c in head.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"), None)
        return own if own is not None else subject_of(head.head, hops + 1)
    if verb.dep_ == "xcomp" or (verb.dep_ in ("advcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        if head.lemma_.lower() in OBJECT_CONTROL:
            controller = object_of(head) or prep_object(head, ("on", "upon"))
            if controller is not None:
                return controller
        return subject_of(head, hops + 1)
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, hops + 1)
    if verb.dep_ in ("acomp", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        # "Honduras is willing to withdraw": reached from the xcomp through the adjective.
        return subject_of(head, hops + 1)
    if misparsed_predicate(verb) or (verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBZ") and head.dep_ == "ROOT"
                                     and head.pos_ in ("NOUN", "PROPN")):
        # A finite verb hung on the root noun ("A U.S. report(ROOT) called(acl) for
        # sanctions") is a misparse of subject + predicate: participles are VBN/VBG.
        return head
    if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        governor = head.head
        if governor.pos_ not in ("VERB", "AUX"):
            return None
        # "jailed a student for helping militants", "accused Kiev of shelling": the object
        # of the governing verb is the one who did the -ing.
        return object_of(governor) or subject_of(governor, hops + 1)
    if (verb.dep_ == "acl" and verb.tag_ == "VBG" and head.dep_ in ("dobj", "obj")
            and head.lemma_.lower() in _document_nouns() and head.head.pos_ in ("VERB", "AUX")):
        # "issued a statement condemning the raid": the statement's issuer condemns.
        return subject_of(head.head, hops + 1)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.pos_ in ("VERB", "AUX"):
        # "bombarded the city, killing eight people": the participle shares the subject.
        return subject_of(head, hops + 1)
    return None


def misparsed_predicate(verb: Token) -> bool:
    """'President Donald Trump called(acl) President Erdogan ... and urged(ROOT) him': a
    verb hung on the name right before it, the subject of another verb, with no by-agent
    ('Assad, backed by Russia'), is the clause's own predicate, not a participle."""
    head = verb.head
    return (verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and head.pos_ == "PROPN"
            and head.dep_ == "nsubj" and verb.i == head.i + 1
            and not any(c.dep_ == "agent" for c in verb.children))


SPEAKER_PRONOUNS = {"it", "they", "he", "she", "we"}
PLURAL_PRONOUNS = {"they", "we"}


def _speech_verbs() -> frozenset[str]:
    from newsevents.coding.patterns import settings

    return settings()["speech_verbs"]


def _intent_nouns() -> frozenset[str]:
    from newsevents.coding.patterns import settings

    return settings()["intent_nouns"]


def _collective_nouns() -> frozenset[str]:
    from newsevents.coding.patterns import settings

    return settings()["collective_nouns"]


def _document_nouns() -> frozenset[str]:
    from newsevents.coding.patterns import settings

    return settings()["document_nouns"]


def object_of(verb: Token) -> Token | None:
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "dative")
               or (c.dep_ == "oprd" and misparsed_predicate(verb))]
    # The parser sometimes splits one object in two ("meet his counterpart(ADJ) Italian
    # President Mattarella(dobj)"): the nominal one is the object.
    return next((c for c in objects if c.pos_ in ("NOUN", "PROPN", "PRON")), objects[0] if objects else None)


def passive_target(verb: Token) -> Token | None:
    if not is_passive(verb):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def prep_object(head: Token, preps) -> Token | None:
    for c in head.children:
        # spaCy labels the "to" of "provide aid to X" as dative.
        if (c.dep_ == "prep" or (c.dep_ == "dative" and c.pos_ == "ADP")) and c.lower_ in preps:
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return obj
    return None
