"""Place mentions in an article, resolved in the gazetteer.

Mentions come from spaCy's place entities (GPE, LOC, FAC), from a gazetteer scan of
capitalised n-grams the model missed, and from the dateline. A name with several entries
("Tripoli", "Georgia") is resolved by the article's country focus (the countries its
unambiguous mentions point to), then by how the name was matched and by population.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span as SpacySpan

from newsevents.model import Article, Place, Span
from newsevents.where import wordlists
from newsevents.where.gazetteer import Candidate, Gazetteer, load

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Inside these entities a place name is part of another name ("Moscow State University",
# "the Brussels Summit", "Paris Agreement") and is not a mention of the place.
NAME_LABELS = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}
# Names the model did not tag are accepted from the scan only when they are prominent:
# small towns share their names with common words and surnames.
SCAN_MIN_POPULATION = 100_000
STRONG_POPULATION = 1_000_000


@dataclass(frozen=True)
class Mention:
    start: int  # token indices, end exclusive
    end: int
    candidates: tuple[Candidate, ...]
    from_model: bool
    label: str | None = None


def _strip(span: SpacySpan) -> tuple[int, int]:
    """Token bounds without a leading "the" and a trailing possessive."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    return start, end


def _capitalised(doc: Doc, start: int, end: int) -> bool:
    return doc[start].text[:1].isupper() and doc[end - 1].text[:1].isupper()


def _prominent(candidates: list[Candidate]) -> bool:
    # Second-level divisions are left to the model and the frames: their 15k names share
    # too many words ("Central", "Union") to be matched on capitals alone.
    return any(
        c.entry.feature in ("country", "region", "admin1") or c.entry.capital or c.entry.population >= SCAN_MIN_POPULATION
        for c in candidates
    )


def _metonym(ent: SpacySpan, gaz: Gazetteer) -> bool:
    """A one-word PERSON/ORG that is a major place's name: the small model tags "Kiev" as a
    person and "Moscow" (the government) as an organisation; both still name a place."""
    if len(ent) != 1 or ent.label_ not in ("PERSON", "ORG"):
        return False
    return any(
        c.entry.feature in ("country", "region") or c.entry.capital or c.entry.population >= STRONG_POPULATION
        for c in gaz.candidates(ent.text)
    )


def _mistagged_place(ent: SpacySpan) -> bool:
    """A name entity the small model built from a place and the day after it ("patrolled
    Goma Thursday" as ORG, "in Nice Saturday" as EVENT), or a lone name after a locative
    ("in Thessaloniki" as WORK_OF_ART): the scan may still find a prominent place in it."""
    from newsevents.when.vocabulary import load as when_vocabulary  # when imports where

    weekdays = when_vocabulary().weekdays
    if len(ent) > 1 and ent[-1].lower_ in weekdays:
        return True
    return len(ent) == 1 and ent.label_ not in ("PERSON", "ORG") and ent.root.dep_ == "pobj" and ent.root.head.lower_ in FRAME_PREPS


def _entity_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        start, end = _strip(ent)
        if start >= end or _names_no_place(doc, start, end):
            continue
        # "Western Cambodia", "South Lebanon": the model includes the direction word in the
        # entity; the place is what follows and the direction makes it a region of it.
        if end - start > 1 and doc[start].lower_ in gaz.directions and not gaz.candidates(doc[start:end].text):
            start += 1
        text = doc[start:end].text
        # Lower-case text ("the west bank of the river") is a description, not a name.
        candidates = tuple(gaz.candidates(text)) if text[:1].isupper() else ()
        # An unresolved one-word adjective is a demonym the model took for a place
        # ("Ukrainian"); a bare place noun ("Governorate") is no name at all.
        if not candidates and end - start == 1 and (doc[start].pos_ == "ADJ" or is_place_noun(doc[start])):
            continue
        mentions.append(Mention(start, end, candidates, True, ent.label_))
    return mentions


def _scan_mentions(doc: Doc, gaz: Gazetteer, taken: set[int]) -> list[Mention]:
    """Longest capitalised gazetteer names among tokens no entity has claimed."""
    blocked = set(taken)
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS and not _metonym(ent, gaz) and not _mistagged_place(ent):
            blocked.update(range(ent.start, ent.end))
    mentions = []
    i = 0
    n_tokens = len(doc)
    while i < n_tokens:
        token = doc[i]
        if i in blocked or not token.text[:1].isupper() or token.pos_ not in ("PROPN", "NOUN", "ADJ"):
            i += 1
            continue
        found = None
        for n in range(min(gaz.longest_name, n_tokens - i), 0, -1):
            end = i + n
            if any(j in blocked for j in range(i, end)) or not _capitalised(doc, i, end):
                continue
            candidates = gaz.candidates(doc[i:end].text)
            if candidates and _prominent(candidates):
                found = Mention(i, end, tuple(candidates), False)
                break
        if found:
            mentions.append(found)
            i = found.end
        else:
            i += 1
    return mentions


# Prepositions after which an unknown proper name is taken for a place ("in Gursai").
FRAME_PREPS = frozenset("in at near outside inside into across throughout towards toward".split())
# Entity types that are never places, whatever frame they stand in.
NEVER_PLACE = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "NORP", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "LANGUAGE"})


@lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    return wordlists.words("place_nouns.tsv")


def _proper_runs(doc: Doc, taken: set[int]):
    """Maximal runs of capitalised proper nouns not already claimed."""
    i, n = 0, len(doc)
    while i < n:
        if i in taken or doc[i].pos_ != "PROPN" or not doc[i].text[:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < n and j not in taken and doc[j].pos_ == "PROPN":
            j += 1
        yield i, j
        i = j


@lru_cache(maxsize=1)
def not_place_names() -> frozenset[str]:
    return wordlists.words("not_place_names.tsv")


def _names_no_place(doc: Doc, start: int, end: int) -> bool:
    """The mention begins with an organisation's name from not_place_names.tsv."""
    names = not_place_names()
    words = [t.lower_ for t in doc[start:end]]
    return any(" ".join(words[:n]) in names for n in range(1, len(words) + 1))


@lru_cache(maxsize=1)
def site_nouns() -> frozenset[str]:
    return wordlists.words("site_nouns.tsv")


def is_site_noun(token) -> bool:
    nouns = site_nouns()
    return token.lower_ in nouns or token.lemma_.lower() in nouns


def is_place_noun(token) -> bool:
    nouns = place_nouns()
    return token.lower_ in nouns or token.lemma_.lower() in nouns


@lru_cache(maxsize=1)
def place_object_verbs() -> dict[str, str]:
    return wordlists.table("place_object_verbs.tsv")


def place_object_kind(token) -> str | None:
    """"place" or "either" when `token` is the direct object or passive subject of a verb
    that takes a place there ("entered X", "X was captured"); else None."""
    if token.dep_ not in ("dobj", "nsubjpass") or token.head.pos_ not in ("VERB", "AUX"):
        return None
    return place_object_verbs().get(token.head.lemma_.lower())


def _acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _frame_mentions(doc: Doc, gaz: Gazetteer, taken: set[int]) -> list[Mention]:
    """Proper names the gazetteer lacks, in a frame that makes them places: after a
    locative preposition, or next to a place noun ("the village of X", "X district")."""
    mentions = []
    for start, end in _proper_runs(doc, taken):
        labels = {doc[k].ent_type_ for k in range(start, end)} - {""}
        # The small model often calls an unfamiliar Arabic or African place name a
        # nationality ("the village of Sousan" as NORP); a real nationality is a demonym.
        if "NORP" in labels and not any(doc[k].text in gaz.demonyms for k in range(start, end)):
            labels.discard("NORP")
        if labels & NEVER_PLACE or _names_no_place(doc, start, end):
            continue
        root = doc[start:end].root
        head = root.head
        by_noun = (root.dep_ == "pobj" and head.lower_ == "of" and is_place_noun(head.head)) or (
            root.dep_ in ("compound", "nmod", "amod", "appos", "poss") and is_place_noun(head) and head.i >= end
        )
        # A name that ends in a place noun is a place, whatever the model's label
        # ("Bardo Museum", "al-Qanat Street", "Deir Ezzor Military Airport").
        by_name = end - start > 1 and doc[end - 1].text[:1].isupper() and is_place_noun(doc[end - 1])
        candidates = tuple(gaz.candidates(doc[start:end].text))
        # An acronym the gazetteer lacks names an organisation or an hour ("the SAA's
        # defenses", "clashes with the YPG", "at 4:15 A.M."), not a place.
        if not candidates and end - start == 1 and _acronym(doc[start].text):
            continue
        # After "in" a name the model calls a person or organisation is a place only if the
        # gazetteer knows it ("in Mariupol"); "in Smith" or "in Gazprom" stay out.
        by_prep = root.dep_ == "pobj" and head.lower_ in FRAME_PREPS and (candidates or not labels & {"PERSON", "ORG"} or head.lower_ != "at")
        kind = place_object_kind(root)
        by_verb = kind == "place" or (kind == "either" and (candidates or "PERSON" not in labels))
        if by_noun or by_prep or by_name or by_verb:
            mentions.append(Mention(start, end, candidates, False, "FRAME"))
    return mentions


def _dateline_mention(doc: Doc, article: Article, gaz: Gazetteer) -> Mention | None:
    dateline = (article.dateline or "").strip()
    if not dateline:
        return None
    candidates = tuple(gaz.candidates(dateline))
    if not candidates:
        return None
    if article.text.startswith(dateline):
        span = doc.char_span(0, len(dateline), alignment_mode="expand")
        if span is not None:
            return Mention(span.start, span.end, candidates, False, "DATELINE")
    return Mention(-1, -1, candidates, False, "DATELINE")


def country_focus(mentions: list[Mention], doc: Doc | None = None, gaz: Gazetteer | None = None) -> Counter:
    """Countries the article is about: those its unambiguous mentions and its demonyms
    ("the north Lebanese port") point to."""
    focus: Counter = Counter()
    if doc is not None and gaz is not None:
        for token in doc:
            if token.text[:1].isupper() and (iso3 := gaz.demonyms.get(token.text)):
                focus[iso3] += 1
    for mention in mentions:
        if (country := _dominant_country(mention.candidates)) is not None:
            focus[country] += 1
    return focus


# A name counts as evidence for its country when one reading outweighs all others by this
# factor: at GeoNames scale almost every city has a village namesake somewhere.
DOMINANCE = 20


def _dominant_country(candidates: tuple[Candidate, ...]) -> str | None:
    countries = {c.entry.country for c in candidates if c.entry.country}
    if len(countries) == 1:
        return countries.pop()
    if not countries:
        return None
    own = [c.entry.country for c in candidates if c.entry.feature == "country"]
    if own:
        return own[0]
    weight: Counter = Counter()
    for c in candidates:
        if c.entry.country:
            weight[c.entry.country] = max(weight[c.entry.country], c.entry.population)
    (top, first), (_, second) = weight.most_common(2)
    return top if first >= DOMINANCE * max(second, 1) else None


SETTING_DEPS = frozenset({"pobj", "appos", "npadvmod", "conj"})


def best(candidates: tuple[Candidate, ...], focus: Counter, near: frozenset[str] = frozenset()) -> Candidate:
    # A country's own name beats everything (Georgia, Lebanon, Jordan); then a country the
    # article talks about; then the entry's own name over an alternate; then capitals and
    # population. A US state ranks behind same-named cities ("New York", "Washington").
    # A division ranks behind a same-named town (Donetsk the city, Idlib), the region a
    # division lies in too; a village only counts where the article's countries are.
    def key(c: Candidate):
        e = c.entry
        population = 0 if e.feature in ("admin1", "admin2") else e.population
        return (
            e.feature == "country", e.country in near, focus.get(e.country, 0) > 0,
            c.primary or e.population >= 100_000, e.capital, population,
        )

    return max(candidates, key=key)


def _directional(doc: Doc, start: int, gaz: Gazetteer) -> int | None:
    """Index of a direction word ("eastern") right before a mention, if any."""
    if start == 0:
        return None
    prev = doc[start - 1]
    return prev.i if prev.lower_ in gaz.directions and (prev.text.islower() or prev.text.istitle()) else None


def to_place(doc: Doc, mention: Mention, focus: Counter, gaz: Gazetteer, near: frozenset[str] = frozenset()) -> Place:
    """`near`: the countries the mention's own sentence names, stronger evidence than the
    article's focus ("Tripoli in northern Lebanon" in a story about Libya)."""
    start = mention.start
    region_of = None
    if start >= 0 and mention.candidates and (d := _directional(doc, start, gaz)) is not None:
        region_of, start = True, d
    span = None
    if start >= 0:
        chars = doc[start : mention.end]
        span = Span(chars.text, chars.start_char, chars.end_char)
    name = span.text if span else None
    if not mention.candidates:
        return Place(name=name or "", span=span, token_start=start, token_end=mention.end)
    entry = best(mention.candidates, focus, near).entry
    codes = dict(iso2=entry.iso2, fips=entry.fips, adm1=entry.adm1 if entry.feature != "country" else None)
    if region_of:
        # "eastern Ukraine": a part of the place; no id of its own, located at its parent.
        return Place(
            name=name, span=span, country=entry.country, admin1=entry.admin1, lat=entry.lat, lon=entry.lon,
            geonames_id=None, feature="region", token_start=start, token_end=mention.end,
            precision="region", **codes,
        )
    return Place(
        name=entry.name, span=span, country=entry.country, admin1=entry.admin1, lat=entry.lat, lon=entry.lon,
        geonames_id=entry.geonames_id, feature=entry.feature, token_start=start, token_end=mention.end,
        precision=PRECISION.get(entry.feature), **codes,
    )


PRECISION = {"city": "place", "admin2": "admin2", "admin1": "admin1", "region": "region", "country": "country"}


def collect_mentions(doc: Doc, article: Article, gaz: Gazetteer) -> tuple[list[Mention], Mention | None]:
    entity = _entity_mentions(doc, gaz)
    taken = {i for m in entity for i in range(m.start, m.end)}
    dateline = _dateline_mention(doc, article, gaz)
    if dateline and dateline.start >= 0:
        entity = [m for m in entity if m.end <= dateline.start or m.start >= dateline.end]
        taken.update(range(dateline.start, dateline.end))
    scanned = _scan_mentions(doc, gaz, taken)
    taken.update(i for m in scanned for i in range(m.start, m.end))
    framed = _frame_mentions(doc, gaz, taken)
    mentions = sorted(entity + scanned + framed, key=lambda m: m.start)
    return mentions, dateline


def find_places(doc: Doc, article: Article) -> list[Place]:
    """Every place mention of the article in text order (the dateline's included)."""
    return places_and_dateline(doc, article)[0]


def places_and_dateline(doc: Doc, article: Article) -> tuple[list[Place], Place | None]:
    """Every place mention in text order, and the dateline's place (None without one)."""
    gaz = load()
    mentions, dateline = collect_mentions(doc, article, gaz)
    focus = country_focus(mentions + ([dateline] if dateline else []), doc, gaz)
    # A country the sentence names as a setting ("Tripoli in northern Lebanon", "Tripoli,
    # Lebanon"), not as an actor ("Russia attacked civilians in Donetsk", "Russian forces").
    by_sentence: dict[int, set[str]] = {}
    for m in mentions:
        if m.start < 0 or doc[m.start : m.end].root.dep_ not in SETTING_DEPS:
            continue
        if (country := _dominant_country(m.candidates)) is not None:
            by_sentence.setdefault(doc[m.start].sent.start, set()).add(country)

    def near(m: Mention) -> frozenset[str]:
        if m.start < 0:
            return frozenset()
        own = _dominant_country(m.candidates)
        return frozenset(by_sentence.get(doc[m.start].sent.start, set()) - ({own} if own else set()))

    places = [to_place(doc, m, focus, gaz, near(m)) for m in mentions]
    _country_from_context(doc, places, focus, gaz)
    dateline_place = to_place(doc, dateline, focus, gaz) if dateline else None
    if dateline_place and dateline_place.span is not None:
        places.append(dateline_place)
        places.sort(key=lambda p: p.token_start)
    return places, dateline_place


def _country_from_context(doc: Doc, places: list[Place], focus: Counter, gaz: Gazetteer) -> None:
    """A place name the gazetteer lacks ("the village of Sousan") still lies in a country:
    the one its sentence names, else the article's main country. Precision "country" says
    that only the country is known."""
    for place in places:
        if place.country is not None or place.token_start < 0:
            continue
        sentence = doc[place.token_start].sent
        near = [
            p for p in places
            if p.country and p is not place and sentence.start <= p.token_start < sentence.end
        ]
        if near:
            source = min(near, key=lambda p: abs(p.token_start - place.token_start))
            country = gaz.country(source.country)
        elif focus:
            country = gaz.country(focus.most_common(1)[0][0])
        else:
            continue
        if country is not None:
            place.country, place.iso2, place.fips = country.country, country.iso2, country.fips
            place.lat, place.lon, place.precision = country.lat, country.lon, "country"
