"""In-article coreference without a model: repeated names, short names, definite
descriptions ("the alliance", "the separatists", "the secretary-general") and pronouns
join the entity of the right earlier actor and take its code."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsevents.actors.assemble import is_locative
from newsevents.actors.knowledge import Knowledge, is_country_code
from newsevents.actors.units import Unit, with_sector

# A pronoun looks back this many sentences for its antecedent, no further.
PRONOUN_REACH = 3


@dataclass
class Entity:
    id: int
    kind: str
    code: str | None
    key: object
    surname: str | None = None
    title: str | None = None
    head_lemma: str = ""
    sector: str = ""
    plural: bool = False
    last: int = -1  # token index of its latest mention
    last_sent: int = -1
    last_subject: int = -1  # token index of its latest mention as a clause subject
    nominal: bool = False  # mentioned at least once as a noun phrase, not only as a modifier ("South African uranium")
    members: list[Unit] = field(default_factory=list)


def resolve(doc: Doc, kn: Knowledge, units: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """The resolved units, and the speaker pronouns ("we") left for `speaker_pronouns`: they
    need the quotes, and the quotes need the other actors."""
    units = sorted(units + _pronouns(doc, kn, units) + _descriptions(doc, kn, units), key=lambda u: u.start)
    sent_of = {s.start: n for n, s in enumerate(doc.sents)}
    sent_index = []
    current = 0
    for t in doc:
        current = sent_of.get(t.i, current)
        sent_index.append(current)
    entities: list[Entity] = []
    kept: list[Unit] = []
    aliases: dict[str, Entity] = {}  # "(OECD)" right after a name: the text defines its abbreviation
    speakers_we = [u for u in units if u.kind == "pronoun" and u.category == "SPEAKER"]
    units = [u for u in units if not (u.kind == "pronoun" and u.category == "SPEAKER")]
    for k, u in enumerate(units):
        if (u.kind in ("org", "group", "place") and u.code is None or u.kind == "named") and u.end - u.start == 1:
            # The small model tags a known person's bare surname as ORG now and then, or not at
            # all ("Stoltenberg" alone is a dictionary name like "NATO")
            if any(e.kind == "person" and e.surname == doc[u.start].lower_ for e in entities):
                u.kind = "person"
        if u.kind in ("country", "capital") and u.end - u.start == 1 and doc[u.start].dep_ in ("nsubj", "nsubjpass", "poss") \
                and any(e.kind == "person" and e.surname == doc[u.start].lower_ for e in entities):
            # "Valeska Paris said ... Paris also claims": the surname of a person named before, not France
            # (as the subject or owner; "flew to Paris" is still the city)
            u.kind, u.code, u.resolved_from = "person", None, None
        if u.kind == "description":
            u.is_place = is_locative(doc, u, set(kn.ext["locative_prepositions"]))
        if u.kind == "agent" and not u.code and u.start > 1 and doc[u.start - 1].lower_ in ("'s", "’s"):
            # "the country's military": the description's antecedent owns the role, as a named owner would
            owner = next((m for m in reversed(kept) if m.end == u.start - 1), None)
            if owner is not None and owner.kind == "description" and owner.code:
                u.code, u.resolved_from = with_sector(owner.code, u.sector), "coreference"
        text = doc[u.start : u.end].text
        alias = aliases.get(text) if u.kind not in ("pronoun", "description", "person") and u.code is None else None
        entity = alias or _antecedent(doc, kn, u, entities, sent_index)
        if alias is not None:
            u.code, u.resolved_from = alias.code, "coreference"
        if entity is None:
            if u.kind in ("pronoun", "description"):
                continue  # unresolved pronouns and descriptions are not actors we can name
            entity = Entity(len(entities) + 1, _entity_kind(u), u.code, _key(u), head_lemma=u.head_lemma,
                            sector=u.sector, plural=u.plural, title=u.title,
                            surname=doc[u.end - 1].lower_ if u.kind == "person" else None)
            entities.append(entity)
        elif u.kind in ("pronoun", "description") or (u.kind in ("person", "agent") and not u.code):
            u.code, u.resolved_from = entity.code, "coreference"
            if u.category == "COUNTRY" and u.code:
                u.code = u.code[:3]
        if u.owner_token is not None and not u.code:
            owner = _antecedent_for(entities, "ORG", u.owner_token, sent_index, plural=False)
            if owner and owner.code:
                u.code = with_sector(owner.code, u.sector)
        u.entity = entity.id
        entity.members.append(u)
        entity.last, entity.last_sent = u.start, sent_index[u.start]
        last = doc[u.end - 1]
        entity.nominal = entity.nominal or not (last.dep_ in ("amod", "compound") and not u.start <= last.head.i < u.end)
        abbreviation = _abbreviation_after(doc, u, units[k + 1 : k + 2])
        if abbreviation and u.kind != "pronoun":
            aliases[abbreviation] = entity
        if any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(u.start, u.end)):
            entity.last_subject = u.start
        entity.title = entity.title or u.title
        if entity.code is None and u.code:
            entity.code = u.code
        kept.append(u)
    _carry_titles(entities)
    return kept, speakers_we


def speaker_pronouns(doc: Doc, kn: Knowledge, pronouns: list[Unit], mentions: list, quotes: list) -> list[Unit]:
    """"We call on Russia ...," Stoltenberg said / X said we will ...: a speaker's "we" (and,
    inside a quote, "I") is the body he speaks for, which his code already names (NATO's
    secretary-general is IGOWSTNAT, a minister his government). A pronoun inside a quote
    belongs to that quote's own speaker, as attribution found him, never to whoever speaks
    next; a quote with no coded speaker leaves it out: it may be anyone."""
    say = set(kn.ext["speech_verbs"])
    marks = [t.i for t in doc if t.is_quote and t.text not in ("'", "’")]
    found = []
    for u in pronouns:
        tok = doc[u.start]
        quoted = sum(q < u.start for q in marks) % 2 == 1
        if not quoted and tok.lower_ != "we":
            continue  # "they said they would help us": outside a quote, "us" is someone else
        holding = [q for q in quotes if q.content.start <= tok.idx < q.content.end]
        if holding:
            quote = min(holding, key=lambda q: (not q.direct, q.content.end - q.content.start))
            speaker = _coded_speaker(quote.speaker, mentions)
        elif quoted:
            continue  # a quote whose speaker attribution did not find
        else:
            subject = _speaker_token(tok, say)
            speaker = _covering(mentions, subject.i) if subject is not None else None
        if speaker is None or not speaker.code or speaker.start <= tok.idx < speaker.end:
            continue
        u.code, u.resolved_from, u.entity = speaker.code, "coreference", speaker.entity
        found.append(u)
    return found


def _coded_speaker(speaker, mentions: list):
    """The quote's speaker as the actors stage coded it (attribution may name a span of its own)."""
    if speaker is None:
        return None
    if speaker.code:
        return speaker
    return _covering(mentions, speaker.token_start, speaker.token_end)


def _covering(mentions: list, first: int, last: int | None = None):
    last = first + 1 if last is None else last
    inside = [m for m in mentions if m.code and first <= m.token_start and m.token_end <= last]
    covering = [m for m in mentions if m.code and m.token_start <= first and last <= m.token_end]
    pool = covering or inside
    return min(pool, key=lambda m: m.token_end - m.token_start) if pool else None


def _speaker_token(tok, say: set[str]):
    """Subject of the verb of saying that governs `tok` ("the minister said that we would")."""
    for verb in (tok, *tok.ancestors):
        if verb.lemma_.lower() in say:
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.i != tok.i and subject.lower_ not in ("we", "i"):
                return subject
    return None


def _entity_kind(u: Unit) -> str:
    if u.kind == "person":
        return "person"
    if u.is_place:
        return "place"
    if u.kind in ("country", "capital"):
        return "country"
    return "group" if u.plural else ("agent" if u.kind == "agent" else "org")


def _key(u: Unit) -> object:
    if u.kind == "person":
        return ("person", u.key)
    if u.is_place:
        return ("place", u.country or u.key)
    if u.kind in ("agent", "group"):  # Albanians and Turks of the same country are two groups
        return ("agent", u.code, u.head_lemma)
    return ("actor", u.code or u.key)


def _antecedent(doc: Doc, kn: Knowledge, u: Unit, entities: list[Entity], sent_index: list[int]) -> Entity | None:
    if u.appos_of is not None and u.appos_of.entity is not None:
        return next(e for e in entities if e.id == u.appos_of.entity)
    if u.kind == "pronoun":
        found = _antecedent_for(entities, u.category, u.start, sent_index, plural=u.category == "GROUP",
                                exclude=_clause_subject(doc, doc[u.start]))
        return found
    if u.kind == "person":
        name = doc[u.start : u.end]
        surname = doc[u.end - 1].lower_
        for e in reversed(entities):
            if e.kind == "person" and (e.key == ("person", u.key) or (e.surname == surname and len(name) >= 1)):
                return e
        return None
    if u.kind == "agent" and not u.code and doc[u.start].text[:1].isupper():
        # "the Australian Federal Police ... Federal Police said": the name again without its country
        text = " " + doc[u.start : u.end].text
        for e in sorted(entities, key=lambda e: e.last, reverse=True):
            if e.code and any(m.kind == "agent" and m.end - m.start > u.end - u.start
                              and doc[m.start : m.end].text.endswith(text) for m in e.members):
                return e
    if u.kind == "description" or (u.kind == "agent" and not u.code and _definite(doc, u) and not _specified(doc, u)):
        return _described(doc, kn, u, entities)
    key = _key(u)
    return next((e for e in reversed(entities) if e.key == key and key[1] is not None), None)


def _in_a_list(doc: Doc, e: Entity, entities: list[Entity]) -> bool:
    """"Afghanistan, Eritrea, Libya, Syria and Yemen ... the nation": the last country named
    was one of several named together, so "the nation" is none of them in particular."""
    if not e.members:
        return False
    conjuncts = {t.i for t in doc[e.members[-1].end - 1].conjuncts}
    return any(m.start <= i < m.end for other in entities if other is not e and other.kind == "country"
               for m in other.members for i in conjuncts)


def _specified(doc: Doc, u: Unit) -> bool:
    """"the president of the Mexican stock exchange": the complement says who, so this is
    no back-reference to the last president named."""
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in doc[u.end - 1].children)


def _definite(doc: Doc, u: Unit) -> bool:
    return u.start > 0 and doc[u.start - 1].lower_ in ("the", "this", "that", "these", "those")


def _described(doc: Doc, kn: Knowledge, u: Unit, entities: list[Entity]) -> Entity | None:
    """The nearest earlier actor the description fits: same title, same head noun, same
    kind of organisation, or the same role."""
    by_recency = sorted(entities, key=lambda e: e.last, reverse=True)
    if (u.category or kn.ext["descriptions"].get(u.head_lemma)) == "COUNTRY":
        # "the east of the country": whichever country the text was last talking about
        last = next((e for e in by_recency if e.kind in ("country", "place", "agent", "group") and e.code
                     and is_country_code(e.code[:3])), None)
        if last is None or _in_a_list(doc, last, entities):
            return None
        wanted = ("place", last.code[:3]) if u.is_place else ("actor", last.code[:3])
        return next((e for e in entities if e.key == wanted), last)
    earlier = [e for e in by_recency if e.kind != "place"]
    tests = [
        lambda e: u.key is not None and e.title == u.key,
        lambda e: e.head_lemma == u.head_lemma and e.kind != "person",
    ]
    category = u.category or kn.ext["descriptions"].get(u.head_lemma)
    if category == "IGO":
        tests.append(lambda e: bool(e.code) and e.code.startswith("IGO"))
    elif category == "COUNTRY":
        tests.append(lambda e: e.kind == "country" and bool(e.code) and len(e.code) == 3)
    if u.sector:
        tests.append(lambda e: e.kind != "person" and bool(e.code) and e.code[3:].startswith(u.sector))
    for test in tests:
        found = next((e for e in earlier if test(e)), None)
        if found:
            return found
    return None


def _clause_subject(doc: Doc, tok) -> int | None:
    """"Obama invited him": an object pronoun is never the subject of its own verb (that
    would be "himself"), so that subject's token is no antecedent for it."""
    if tok.dep_ not in ("dobj", "dative", "pobj"):
        return None
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject.i if subject is not None else None


def _antecedent_for(entities: list[Entity], category: str | None, before: int, sent_index: list[int], plural: bool,
                    exclude: int | None = None) -> Entity | None:
    """Nearest fitting actor; for he/she the latest one that was a subject wins over a
    person named in passing ("allegations by Putin ... , he said" is still Stoltenberg)."""
    if exclude is not None:
        entities = [e for e in entities if not any(m.start <= exclude < m.end for m in e.members)]
    here = sent_index[before]
    reach = 1 if category == "GROUP" else PRONOUN_REACH
    candidates = sorted(entities, key=lambda e: e.last, reverse=True)
    if category == "PERSON":
        subjects = [e for e in entities if e.kind == "person" and 0 <= e.last_subject < before]
        if subjects:
            candidates = sorted(subjects, key=lambda e: e.last_subject, reverse=True) + candidates
    for e in candidates:
        if e.last >= before or here - e.last_sent > reach:
            continue
        if category == "ORG" and not e.nominal:
            continue  # "imports of South African uranium ... It applies": an adjective is no antecedent
        if category == "ORG" and e.kind == "org" and not e.code and here - e.last_sent <= 1:
            return None  # the nearest organisation is one we cannot code: better no code than a wrong one
        if not e.code and category != "PERSON":
            continue
        if category == "PERSON" and e.kind == "person":
            return e
        if category == "ORG" and e.kind in ("org", "country") and not e.plural:
            return e
        if category == "GROUP" and (e.plural or e.kind == "group"):
            return e
    return None


def _abbreviation_after(doc: Doc, u: Unit, following: list[Unit]) -> str | None:
    """"the Economist Intelligence Unit (EIU)": the bracketed capitals name the same actor."""
    e = u.end
    if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")":
        word = doc[e + 1].text
        if word.isupper() and len(word) >= 2 and (not following or following[0].start == e + 1 or following[0].start > e + 1):
            return word
    return None


def _pronouns(doc: Doc, kn: Knowledge, units: list[Unit]) -> list[Unit]:
    covered = {i for u in units for i in range(u.start, u.end)}
    found = []
    for tok in doc:
        category = kn.ext["pronouns"].get(tok.lower_)
        if tok.text == "US":
            continue  # the country, even where the tagger reads a pronoun
        if not category or tok.i in covered or tok.pos_ != "PRON" or tok.dep_ == "poss":
            continue
        if tok.lower_ == "it" and (tok.dep_ not in ("nsubj", "nsubjpass", "dobj") or tok.head.lemma_ in ("be", "seem", "appear")):
            continue  # "it is unclear whether...": expletive, no actor
        found.append(Unit(tok.i, tok.i + 1, "pronoun", category=category, head_lemma=tok.lower_, plural=category == "GROUP"))
    return found


def _descriptions(doc: Doc, kn: Knowledge, units: list[Unit]) -> list[Unit]:
    """"the alliance", "the country": nouns that are not agents but name an earlier actor."""
    covered = {i for u in units for i in range(u.start, u.end)}
    found = []
    for tok in doc:
        category = kn.ext["descriptions"].get(tok.lemma_.lower())
        if category and tok.i not in covered and tok.pos_ in ("NOUN", "PROPN") and tok.i > 0 and doc[tok.i - 1].lower_ == "the":
            if any(c.dep_ in ("compound", "amod") for c in tok.children):
                continue  # "the European Union", "the Soviet state": a name, not a back-reference
            found.append(Unit(tok.i - 1, tok.i + 1, "description", category=category, head_lemma=tok.lemma_.lower()))
    return found


def _carry_titles(entities: list[Entity]) -> None:
    """A title or apposition anywhere in the article codes every mention of that person."""
    for e in entities:
        if e.kind != "person":
            continue
        best = next((m for m in e.members if m.resolved_from in ("title", "apposition")), None)
        # failing a title the text gives, the country the first mention's context gave: one person
        # is not Australian in one sentence and American in the next
        best = best or next((m for m in e.members if m.resolved_from == "context"), None)
        if not best:
            continue
        e.code = best.code
        for m in e.members:
            if m is not best and m.resolved_from not in ("title", "apposition"):
                m.code, m.resolved_from = best.code, "coreference"
