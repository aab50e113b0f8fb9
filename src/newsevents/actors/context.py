"""The country an article or sentence is about, for actors whose owner the text leaves out
("President Omar El Bashir ... in Sudan", "the Finance Ministry said" in a Tokyo story)."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from newsevents.actors.knowledge import Knowledge, code_at, is_country_code
from newsevents.actors.units import Unit, with_sector

# Agents that belong to one state and are named without it: "the ministry", "the army".
DOMESTIC_SECTORS = ("GOV", "COP", "MIL", "JUD", "LEG", "OPP")


def focus(scope: list[Unit], person: Unit, strict: bool) -> str | None:
    """The one country every country-coded mention of `scope` (other than `person`) names;
    with `strict`, None as well when a titled person of that country is named there."""
    others = {u.country for u in scope if u is not person and u.kind == "person" and u.country} if strict else set()
    mentioned = {u.country for u in scope if u is not person and u.kind != "person" and u.country}
    if len(mentioned) == 1 and not (mentioned & others):
        return next(iter(mentioned))
    return None


def _country_for(doc: Doc, units: list[Unit], u: Unit) -> str | None:
    sent = doc[u.start].sent
    # The dateline says where the reporter filed from, not what the sentence is about
    # ("BRUSSELS - The EU sanctioned Belarus, accusing President Lukashenko ...").
    local = [x for x in units if sent.start <= x.start < sent.end and not x.dateline]
    if _acted_on(doc, local, u):
        return None
    country = focus(local, u, strict=True)
    if country is None and not any(x.country for x in local if x is not u):
        country = focus(units, u, strict=False)
    return country


# Verbs after which "in X" is where the person went, not the country he holds office in.
TRAVEL_VERBS = {"arrive", "visit", "travel", "fly", "land", "go", "come", "return", "tour", "head", "stop"}


def _acted_on(doc: Doc, local: list[Unit], person: Unit) -> bool:
    """"President Donald Trump said North Korea must ...", "President Trump ... a trade deal
    with China": a country the person's own clause speaks of or deals with is another party,
    not his; only a place where he acts ("lifted the curfew in Moldova") can be his country.
    Countries outside his clause ("NATO warned Moldova that President X had ...") still may."""
    head = doc[person.end - 1]
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    inside = {t.i for t in head.head.subtree}
    for x in local:
        # a group or body of a country in his clause ("the rebels", "Chilean officials") is as
        # often his own; a state named as such is a party he deals with
        if x is person or x.kind not in ("country", "capital") or not x.country or x.start not in inside:
            continue
        governor = doc[x.start].head.head
        if not x.is_place or governor.lemma_.lower() in TRAVEL_VERBS:
            return True
    return False


def title_country(doc: Doc, kn: Knowledge, units: list[Unit]) -> None:
    """"President Omar El Bashir ... the curfew imposed in Sudan": a title whose owner the
    text does not name belongs to the one country the sentence is about. Only when that is
    unambiguous: every other country-coded mention in the sentence (places, countries,
    groups, organisations) is the same country, and no other titled person of that country
    is named beside him ("President Mitterand welcomed South African leader de Klerk" stays
    uncoded). Failing a sentence without any country, the article's one country (there,
    other office-holders of it - a deputy prime minister beside the leader - are no obstacle)."""
    titled = [p for p in units if p.kind == "person" and p.code is None and p.sector and p.title]
    if not titled:
        return

    igo_titles = set(kn.ext["igo_titles"])
    for p in titled:
        sent = doc[p.start].sent
        bodies = {u.code for u in units if sent.start <= u.start < sent.end and u.code and u.code.startswith("IGO")}
        if p.title in igo_titles and bodies:
            # "Commissioner X ..., the European Union said": the body's, not the country's
            if len(bodies) == 1:
                p.code, p.resolved_from = with_sector(bodies.pop(), p.sector), "context"
            continue
        country = _country_for(doc, units, p)
        if country:
            p.code, p.resolved_from = with_sector(country, p.sector), "context"


def dateline_country(kn: Knowledge, units: list[Unit], dateline: str | None) -> str | None:
    found = next((u.country for u in units if u.dateline and u.country), None)
    if found or not dateline:
        return found
    entry = kn.names.get(" ".join(dateline.lower().replace(",", " , ").split()))
    code = code_at(kn.codes[entry], None) if entry is not None else None
    return code[:3] if code and is_country_code(code[:3]) else None


def institution_country(doc: Doc, kn: Knowledge, units: list[Unit], dateline_text: str | None) -> None:
    """"TOKYO - The Finance Ministry will wait and see": a state institution named without
    its state (singular, and definite or capitalised) that coreference left uncoded belongs
    to the dateline's country, when its sentence names no other country. Without a
    dateline nothing is assumed: "The government thanked China for its help" is not
    China's government. Failing a dateline, the country the article is plainly about (named at
    least three times, and twice as often as any other) serves: "the foreign minister said" in a
    story about Russia. Plural roles ("Diplomats said") stay uncoded: they may serve anyone."""
    dateline = dateline_country(kn, units, dateline_text) or _article_country(units)
    for g in units:
        collective = g.head_lemma in COLLECTIVE_INSTITUTIONS  # "the police": one institution, plural in grammar only
        if g.kind != "agent" or g.code or g.backer or (g.plural and not collective) or not g.sector.startswith(DOMESTIC_SECTORS):
            continue
        head = doc[g.end - 1]
        if not (head.text[:1].isupper() or collective or (g.start > 0 and doc[g.start - 1].lower_ == "the")):
            continue
        sent = doc[g.start].sent
        local = [u for u in units if sent.start <= u.start < sent.end and u.country]
        if dateline is None:
            # "the police had acted lawfully in Kenya": with no dateline nor article country, the one
            # country the sentence names only as the place things happen ("to Kenya", "with China"
            # are parties, and "The government thanked China" stays open)
            places = {u.country for u in local}
            if len(places) == 1 and all(u.is_place and u.kind in ("country", "capital", "place") for u in local):
                g.code, g.resolved_from = with_sector(places.pop(), g.sector), "context"
        elif all(u.country == dateline for u in local):
            g.code, g.resolved_from = with_sector(dateline, g.sector), "context"


COLLECTIVE_INSTITUTIONS = {"police", "gendarmerie", "military"}


def members_of(doc: Doc, units: list[Unit]) -> None:
    """"officials of the Kenyan government", "the president of the country" (the country
    coreference resolved): a state role whose "of" complement is a coded state institution, or a
    description that stands for a country, serves that state."""
    for g in units:
        if g.kind != "agent" or g.code or g.backer or not g.sector:
            continue
        of = next((c for c in doc[g.end - 1].children if c.dep_ == "prep" and c.lower_ == "of"), None)
        noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        body = next((u for u in units if noun is not None and u.start <= noun.i < u.end and u.country and (
            (u.kind == "agent" and u.sector.startswith(DOMESTIC_SECTORS)) or (u.kind == "description" and u.code == u.country))),
            None)
        if body is not None and g.sector.startswith(DOMESTIC_SECTORS):
            g.code, g.resolved_from = with_sector(body.country, g.sector), "context"


def _article_country(units: list[Unit]) -> str | None:
    counts = Counter(u.country for u in units if u.country and not u.dateline).most_common(2)
    if not counts or counts[0][1] < 3 or (len(counts) > 1 and counts[0][1] < 2 * counts[1][1]):
        return None
    return counts[0][0]


# A name of these kinds before a role is a person's or a thing's, not a people or faith.
NOT_PEOPLE = {"PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT"}


def group_country(doc: Doc, kn: Knowledge, units: list[Unit]) -> list[Unit]:
    """"Shona rebels", "Hausa politicians", "Moslem forces in east Bosnia": a people or faith
    no dictionary ties to one state names a group of the country the sentence is about
    (CAMEO codes ethnic and religious groups by the country they live in). Only when every
    country-coded mention of the sentence is that one country; the name joins the mention."""
    drop: set[int] = set()
    for g in units:
        if g.kind != "agent" or g.code or g.backer or g.owner_token is not None \
                or g.sector[:3] in kn.ext["organisation_sectors"]:
            continue  # "Yonhap news agency": the name of the agency, not a people of the sentence's country
        head = doc[g.end - 1]
        start = g.start
        while start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].pos_ in ("PROPN", "ADJ", "NOUN") \
                and doc[start - 1].dep_ in ("compound", "amod") and doc[start - 1].head.i in range(start, g.end) \
                and doc[start - 1].ent_type_ not in NOT_PEOPLE:
            start -= 1
        if start == g.start or any(t.lower_ in kn.ext["short_adjectives"] for t in doc[start : g.start]):
            continue  # ("the Korean government" in a story naming both Koreas is neither's)
        inner = [u for u in units if u is not g and start <= u.start < g.start]
        if any(u.code or u.end > g.start for u in inner) or head.i == doc[start].sent.start:
            continue
        sent = doc[g.start].sent
        local = [u for u in units if sent.start <= u.start < sent.end and u not in inner]
        country = focus(local, g, strict=False)
        if country:
            g.code, g.start, g.resolved_from = with_sector(country, g.sector), start, "context"
            drop |= {id(u) for u in inner}
    return [u for u in units if id(u) not in drop]
