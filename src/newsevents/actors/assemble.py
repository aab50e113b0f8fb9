"""From dictionary, agent and entity matches to coded units: agents combined with their
country, titles and appositions coding the people they name, capitals as governments."""

from __future__ import annotations

from collections import Counter
from datetime import date

from spacy.tokens import Doc

from newsevents.actors.knowledge import Knowledge, code_at, is_country_code
from newsevents.actors.matching import agent_matches, name_matches, people_singular
from newsevents.actors.context import DOMESTIC_SECTORS, focus, group_country, title_country
from newsevents.actors.units import Unit, with_sector

ENTITY_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "NORP": "group"}
GEO_KINDS = {"country", "capital", "place"}
NON_ACTOR_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
# Sectors of the offices a title before a name can give ("President", "General", "Judge").
OFFICE_SECTORS = ("GOV", "MIL", "LEG", "JUD")
# Nouns whose "of X" complement is a location: "in the east of the country".
REGION_NOUNS = {"east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest", "centre", "center",
                "part", "region", "outskirts", "border", "rest", "suburb", "km", "kilometre", "kilometer", "mile"}


def build_units(doc: Doc, kn: Knowledge, published: date | None, dateline: str | None) -> list[Unit]:
    lowers = [t.lower_ for t in doc]
    lemmas = [t.lemma_.lower() for t in doc]
    # "The foreign forces in Ukraine are Russian": a nationality said of something is a
    # property, not a party to anything.
    # "May 15" is a Phoenix group, but in a date it is a date
    matches = [m for m in name_matches(doc, kn, lowers) if doc[m.start].ent_type_ not in NON_ACTOR_ENTITIES]
    predicates = [m for m in matches if m.end - m.start == 1 and _predicative(doc[m.start])]
    units = [_name_unit(doc, kn, m, published) for m in matches if m not in predicates]
    named = {i for u in units for i in range(u.start, u.end)}
    agents = [
        Unit(m.start, m.end, "agent", sector=m.value, resolved_from="agent", key=m.key,
             head_lemma=lemmas[m.end - 1], plural=doc[m.end - 1].tag_ in ("NNS", "NNPS"))
        for m in agent_matches(doc, kn, lowers, lemmas, named)
    ]
    agent_tokens = {i for u in agents for i in range(u.start, u.end)}
    single_names = {u.start for u in units if u.end - u.start == 1 and u.kind == "named"}
    _part_of_longer_name(doc, units, (named - single_names) | agent_tokens)
    for ent in doc.ents:
        kind = ENTITY_KINDS.get(ent.label_)
        if not kind or (len(ent) == 1 and _predicative(ent[0])):
            continue
        inside = [u for u in units if u.start < ent.end and ent.start < u.end]
        if inside:
            if kind in ("person", "org"):
                # a person heading an organisation of states (Stoltenberg, NATO's from 2014) has
                # dated ranges; an organisation the model tags as a person has none
                people = [u for u in inside if u.kind in ("named", "person") and (not _organisation(u.code) or _dated(kn, u))] \
                    if kind == "person" else []
                modifier = kind == "person" and ent[-1].dep_ in ("compound", "amod") and ent[-1].head.i >= ent.end
                if kind == "person" and not people and len(ent) > 1 and all(t.pos_ == "PROPN" for t in ent) \
                        and not modifier:
                    # ("Sri Lankan Tamil rebels": a "person" that modifies a noun after it is no person)
                    # "Valeska Paris", "Michael Jordan": a place that is only part of a
                    # person's name is that person's name, not a state acting.
                    # (a country name the model takes for a whole person, "Sri Lankan troops", stays the country)
                    people = [u for u in inside if u.kind in ("country", "capital") and ent.start <= u.start and u.end <= ent.end
                              and u.end - u.start < len(ent)][:1]
                    for u in people:
                        u.code = u.resolved_from = None
                for u in people[:1]:
                    u.kind, u.start, u.end = "person", min(u.start, ent.start), max(u.end, ent.end)  # longest wins
                    if len(people) > 1:  # "Omar Hassan al-Bashir": two one-word entries, one unknown person
                        u.code = u.resolved_from = None
                        units[:] = [x for x in units if x not in people[1:]]
                rest = max(u.end for u in inside)
                if not people and not modifier and ent.end - rest >= (1 if kind == "person" else 2) and all(
                        t.pos_ == "PROPN" for t in doc[rest:ent.end]) and doc[ent.end - 1].lower_ not in kn.ext["org_heads"]:
                    # ("the Rwandan Patriotic Front" ends in an organisation's head noun: no person)
                    # "the EU Lilia Cernat" tagged as one PERSON: the name is what follows the EU
                    units.append(Unit(rest, ent.end, "person", key=doc[rest:ent.end].text.lower(),
                                      head_lemma=lemmas[ent.end - 1]))
            continue
        start = ent.start
        while start < ent.end and (start in agent_tokens or doc[start].pos_ == "DET"):
            start += 1  # "President Obama" tagged PERSON: the title is the agent's
        if start == ent.end or any(i in agent_tokens for i in range(start, ent.end)):
            continue  # an ORG like "Defense Ministry" is better assembled from its agent
        taken = named | agent_tokens | {i for u in units for i in range(u.start, u.end)}
        while kind == "person" and start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
                and start - 1 not in taken:
            start -= 1  # the small model often tags only the surname of an unfamiliar name ("Ihor Dolhov")
        units.append(Unit(start, ent.end, kind, key=doc[start:ent.end].text.lower(), head_lemma=lemmas[ent.end - 1]))
    units += agents
    units += _acronyms(doc, units)
    units.sort(key=lambda u: u.start)
    units = _prefixes_of_longer_names(doc, units, agent_tokens)
    units = _organisations(doc, kn, units)
    _inside_longer_name(doc, kn, units)
    units += _short_names(doc, kn, units)
    units.sort(key=lambda u: u.start)
    units = _backed(doc, kn, units)
    units = _titles(doc, kn, units)
    units = _appositions(doc, kn, units)
    units = _owners(doc, kn, units)
    units = _peoples_of_a_country(doc, units)
    units = _foreign_institutions(doc, units)
    units = _generic_institutions(doc, kn, units)
    _predicate_nationality(doc, kn, units, predicates, published)
    _places(doc, kn, units, dateline)
    _ethnic(doc, units)
    _backed_country(doc, units)
    _sports_senses(doc, kn, units)
    title_country(doc, kn, units)
    units = group_country(doc, kn, units)
    for u in units:
        if u.name is None:
            u.name = doc[u.start : u.end].text
    return units


def _covered(units: list[Unit]) -> set[int]:
    return {i for u in units for i in range(u.start, u.end)}


def _organisations(doc: Doc, kn: Knowledge, units: list[Unit]) -> list[Unit]:
    """"the Rwandan Patriotic Front", "the Nigerian Union of Teachers", "the Montenegro
    Assembly": an organisation no dictionary has is coded by the sector of its head noun
    and the country its own name carries, instead of by a word inside it. A name that
    carries no country is left uncoded, and no fragment of it ("Sovereign" in "the Movement
    for the Actualization of the Sovereign State of Biafra") is coded either."""
    heads, armed, militant = kn.ext["org_heads"], set(kn.ext["armed_heads"]), set(kn.ext["militant_words"])
    covered = _covered(units)
    drop: set[int] = set()
    found: list[Unit] = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        start = ent.start + (doc[ent.start].pos_ == "DET")
        of = next((t.i for t in doc[start + 1 : ent.end] if t.lower_ in ("of", "for")), None)
        head = doc[of - 1] if of is not None else doc[ent.end - 1]
        sector = heads.get(head.lower_)
        # a bare head ("Parliament") is no name of its own; "Department of State Services" is
        if sector is None or head.i in covered or not head.text[:1].isupper() or (head.i == start and of is None):
            continue
        inside = [u for u in units if start <= u.start and u.end <= ent.end]
        if any(u.start <= head.i < u.end for u in units) or any(u.kind in ("person", "agent") for u in inside) \
                or any(t.is_punct and t.text not in ("-", "'", "’") for t in doc[start : ent.end]):
            continue  # a list the model ran together ("the Nigeria Police, Department of State Services")
        words = {t.lower_ for t in doc[start : ent.end]}
        if head.lower_ in armed and words & militant:
            sector = "REB"
        countries = sorted((u for u in inside if u.kind in ("country", "capital") and u.country),
                           key=lambda u: (u.start > head.i, u.start))
        bodies = [u for u in inside if u.code and u.code.startswith("IGO")]
        # "the EU Commission": an organisation of states keeps its own code
        code = with_sector(countries[0].country, sector) if countries else (bodies[0].code if bodies else None)
        owner, owned_start = _owner_before(doc, units, ent.start)
        if code is None and owner is not None and owner.kind in ("country", "capital") and owner.country:
            # "Nigeria's Department of State Services": the owner the text gives before the name
            code, start = with_sector(owner.country, sector), owned_start
            inside.append(owner)
        resolved = "agent"
        if code is None and sector in DOMESTIC_SECTORS:
            # "The Department of State Services arrested ... in Abuja": a state's body whose name
            # carries no state belongs to the one country its sentence names; failing that it
            # stays a body of a state the text leaves open (the dateline may still place it)
            sent = doc[start].sent
            country = focus([u for u in units if sent.start <= u.start < sent.end and not u.dateline
                             and not (start <= u.start < ent.end)], None, strict=False)
            code, resolved = (with_sector(country, sector), "context") if country else (None, "agent")
        elif code is None:
            continue
        drop |= {id(u) for u in inside}
        found.append(Unit(start, ent.end, "agent", code=code, sector=sector, resolved_from=resolved,
                          key=doc[start : ent.end].text.lower(), head_lemma=head.lemma_.lower()))
    return sorted([u for u in units if id(u) not in drop] + found, key=lambda u: u.start)


def _sports_senses(doc: Doc, kn: Knowledge, units: list[Unit]) -> None:
    """"The England captain criticised the referee": in a sports sentence (or a sports
    article) a title with a sports sense names a player, not an officer; the mention stays,
    with no code, so that neither the title nor the country before it acts."""
    titles, words = set(kn.ext["sports_titles"]), set(kn.ext["sports_words"])
    lowers = " " + " ".join(t.lower_ for t in doc) + " "
    in_article = sum(f" {w} " in lowers for w in words)
    for u in units:
        if u.kind not in ("agent", "person") or not any(t.lemma_.lower() in titles or t.lower_ in titles
                                                        for t in doc[u.start : u.end]):
            continue
        sent = " " + " ".join(t.lower_ for t in doc[u.start].sent) + " "
        if in_article >= 2 or any(f" {w} " in sent for w in words):
            u.code, u.sector, u.resolved_from, u.title = None, "", None, None


ACRONYM_ROLES = ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")


def _acronyms(doc: Doc, units: list[Unit]) -> list[Unit]:
    """"ICE returned the painting to Peru": an abbreviation no dictionary has, acting as a
    party (subject, object, conjunct), is an organisation we cannot code - a mention with no
    code, so that the coder sees a party there rather than looking past it."""
    covered = _covered(units)
    return [Unit(t.i, t.i + 1, "org", key=t.lower_, head_lemma=t.lower_) for t in doc
            if t.i not in covered and t.text.isupper() and t.text.isalpha() and 2 <= len(t.text) <= 6
            and t.pos_ in ("NOUN", "PROPN") and t.dep_ in ACRONYM_ROLES and t.ent_type_ in ("ORG", "")]


def _prefixes_of_longer_names(doc: Doc, units: list[Unit], agent_tokens: set[int]) -> list[Unit]:
    """"the Department of State Services" (Nigeria's secret police) is not the "Department of
    State" the dictionary gives the United States: a state's institution matched at the start
    of an organisation's name that goes on in capitals is only part of that name, which the
    organisation's own head noun and owner code instead (`_organisations`)."""
    drop: set[int] = set()
    for u in units:
        if u.kind != "named" or not u.code or len(u.code) <= 3 or not u.country:
            continue
        ent = next((e for e in doc.ents if e.label_ == "ORG" and e.start <= u.start and u.end < e.end), None)
        if ent is not None and all(t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN") and t.i not in agent_tokens
                                   for t in doc[u.end : ent.end]):
            drop.add(id(u))
    return [u for u in units if id(u) not in drop]


def _generic_institutions(doc: Doc, kn: Knowledge, units: list[Unit]) -> list[Unit]:
    """"Afghanistan's National Security Council", "the National Security Council of Turkey": a
    name the dictionary gives to one state's body but that many states' bodies bear belongs to
    the owner the text gives it, else to the one country its sentence names; with neither, it
    is a state institution whose state the text leaves open (context.institution_country and
    the article's dateline may still place it), never the dictionary's state by default."""
    generic = set(kn.ext["generic_institutions"])
    drop: set[int] = set()
    for k, u in enumerate(units):
        if u.kind != "named" or u.key not in generic or u.resolved_from != "dictionary" or not u.country:
            continue
        sector = u.code[3:]
        owner, start = _owner_before(doc, units, u.start)
        after = units[k + 1] if k + 1 < len(units) else None
        if owner is not None and owner.kind in ("country", "capital") and owner.country and id(owner) not in drop:
            u.code, u.start, u.resolved_from = owner.country + sector, start, "agent"
            drop.add(id(owner))
            continue
        if after is not None and u.end + 1 < len(doc) and doc[u.end].lower_ == "of" and after.start == u.end + 1 \
                and after.kind in ("country", "capital") and after.country:
            u.code, u.end, u.resolved_from = after.country + sector, after.end, "agent"
            drop.add(id(after))
            continue
        sent = doc[u.start].sent
        # the people named count here too: "President Obama convened the National Security Council"
        named = {x.country for x in units if x is not u and sent.start <= x.start < sent.end and not x.dateline and x.country}
        country = named.pop() if len(named) == 1 else None
        if country:
            u.code, u.resolved_from = country + sector, "context"
        else:
            u.kind, u.code, u.sector, u.resolved_from = "agent", None, sector, "agent"
            u.head_lemma = doc[u.end - 1].lemma_.lower()
    return [u for u in units if id(u) not in drop]


# Entity types a country's name can be only a part of: "North America", "South Ossetia",
# "Valeska Paris". An ORG keeps the country it names ("China Daily"), an EVENT too ("the
# Beijing Olympics").
PLACE_OR_PERSON = {"GPE", "LOC", "FAC", "PERSON"}


def _inside_longer_name(doc: Doc, kn: Knowledge, units: list[Unit]) -> None:
    """A country or capital matched inside a longer proper name is not that country: "North"
    in "North America" is not North Korea, "Ireland" in "Northern Ireland" not Ireland,
    "Paris" in "Valeska Paris" not France. The match must be the whole name, so the unit
    keeps no code (and stands for whatever the whole name is). A direction before a country's
    name or an administrative noun after it makes a part of that country ("South Lebanon",
    "West Darfur State"), which keeps its code."""
    # words the model tagged as a name of their own but no dictionary codes may still be part of this one
    covered = _covered([u for u in units if u.code or u.kind == "agent"])
    directions, parts = set(kn.ext["direction_words"]), set(kn.ext["place_heads"])
    merged: set[int] = set()
    for u in units:
        if u.kind not in ("country", "capital") or u.resolved_from != "dictionary" or not u.code:
            continue
        last, first = doc[u.end - 1], doc[u.start]
        after = doc[u.end] if u.end < len(doc) else None
        before = doc[u.start - 1] if u.start > 0 else None
        longer_after = after is not None and _name_word(after, covered) and (
            (after.ent_iob_ == "I" and after.ent_type_ in PLACE_OR_PERSON)
            or (after.ent_type_ in PLACE_OR_PERSON | {""} and last.dep_ == "compound" and last.head.i == after.i
                and after.pos_ == "PROPN"))
        longer_before = before is not None and _name_word(before, covered) and (
            (first.ent_iob_ == "I" and first.ent_type_ in PLACE_OR_PERSON)
            or (before.dep_ == "compound" and before.head.i == first.i and before.pos_ == "PROPN"
                and first.ent_type_ in PLACE_OR_PERSON | {""}))  # "Jamiat-i-Islami Afghanistan" is a party of it
        if longer_after and not longer_before and after.dep_ in ("compound", "amod") \
                and doc[after.head.i].pos_ == "NOUN" and after.head.i > after.i:
            # "Sri Lankan Tamil rebels": a nationality and a people together describe the noun
            # after them; the model's PERSON "Sri Lankan Tamil" is no longer name
            continue
        if not (longer_after or longer_before):
            continue
        whole = doc[(before.i if longer_before else u.start) : u.end].text.lower()
        region = (not longer_before or before.lower_ in directions) and (not longer_after or after.lower_ in parts)
        if region and u.kind == "country" and whole not in kn.ext["not_regions"]:
            # "South Lebanon", "Western Cambodia", "West Darfur State": a region of the country
            u.start, u.end = (before.i if longer_before else u.start), (after.i + 1 if longer_after else u.end)
            merged |= {id(x) for x in units if x is not u and u.start <= x.start and x.end <= u.end}
            continue
        # "Valeska Paris": a given name before a capital makes a person; "East Jerusalem" a place
        personal = longer_before and before.lower_ not in directions and before.ent_type_ not in ("LOC", "FAC", "NORP")
        u.kind = "person" if first.ent_type_ == "PERSON" or personal else "place"
        u.code = u.resolved_from = None
        u.start = before.i if longer_before else u.start
        u.end = after.i + 1 if longer_after else u.end
        merged |= {id(x) for x in units if x is not u and u.start <= x.start and x.end <= u.end}
    units[:] = [u for u in units if id(u) not in merged]


def _name_word(tok, covered: set[int]) -> bool:
    # a short all-capitals word after a country is an abbreviated title ("Japan PM"), not more name
    return tok.i not in covered and tok.text[:1].isupper() and tok.pos_ in ("PROPN", "ADJ", "NOUN") \
        and not (tok.text.isupper() and len(tok.text) <= 3)


def _short_names(doc: Doc, kn: Knowledge, units: list[Unit]) -> list[Unit]:
    """"The South retaliated" in a story naming North and South Korea: a word of a country's
    name standing alone for it, when exactly one country the article names has that word in
    its name ("Korea" with only South Korea named). Not as part of another name ("North
    America") and not in lower case ("into the north" is a direction)."""
    words = set(kn.ext["short_names"])
    adjectives = kn.ext["short_adjectives"]
    named: dict[str, set[str]] = {}
    for u in units:
        if u.country and u.kind in ("country", "capital"):
            for w in kn.countries.get(u.country, {}).get("name", "").lower().split():
                if w in words:
                    named.setdefault(w, set()).add(u.country)
    covered = _covered([u for u in units if u.code or u.kind == "agent"])
    found = []
    for tok in doc:
        low = tok.lower_
        if low in adjectives and tok.i not in covered and tok.text[:1].isupper() and tok.dep_ in ("compound", "amod"):
            # "the Korean government": the one Korea the article names
            low = adjectives[low]
        elif low not in words or tok.i in covered or not tok.text[:1].isupper() or tok.dep_ in ("compound", "amod"):
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.text[:1].isupper() and nxt.pos_ == "PROPN":
            continue
        if len(named.get(low, ())) == 1:
            units[:] = [u for u in units if not (u.start == tok.i and u.end == tok.i + 1)]  # the model's uncoded LOC
            found.append(Unit(tok.i, tok.i + 1, "country", code=next(iter(named[low])), resolved_from="context",
                              key=tok.lower_, head_lemma=tok.lower_))
    return found


def _predicative(tok) -> bool:
    return tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "attr")


def _predicate_nationality(doc: Doc, kn: Knowledge, units: list[Unit], predicates, published: date | None) -> None:
    """"The foreign forces in Ukraine are Russian": the nationality is said of the subject,
    so an agent subject without a country of its own takes it (RUSMIL)."""
    for m in predicates:
        code = code_at(kn.codes[m.value], published)
        if not (code and is_country_code(code)):
            continue
        verb = doc[m.start].head
        for g in units:
            head = doc[g.end - 1]
            if g.kind == "agent" and g.code is None and not g.backer and head.head.i == verb.i \
                    and head.dep_ in ("nsubj", "nsubjpass"):
                g.code = with_sector(code, g.sector)


def _part_of_longer_name(doc: Doc, units: list[Unit], taken: set[int]) -> None:
    """A one-word personal entry ("Hassan", a Jordanian prince in Phoenix) matched inside a
    longer name ("Omar Hassan al-Bashir") is somebody else who shares a first or last name:
    the unit stays a person but loses the dictionary's code. A neighbouring title or
    dictionary name ("King Hassan") does not make the name longer. Nor does one-word group
    entry ("Tigers", Swazi rebels in Phoenix) survive a place of another country naming it
    ("the Detroit Tigers")."""
    places = {u.start: u for u in units if u.end - u.start == 1 and u.kind in ("country", "capital")}
    for u in units:
        if u.end - u.start != 1 or u.kind != "named" or _organisation(u.code):
            continue
        neighbours = [doc[j] for j in (u.start - 1, u.end) if 0 <= j < len(doc) and j not in taken]
        longer = any(t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ in ("PERSON", "") for t in neighbours)
        place = places.get(u.start - 1)
        foreign_place = place is not None and doc[place.start].dep_ == "compound" and doc[place.start].head.i == u.start \
            and bool(u.code) and place.code[:3] != u.code[:3]
        if longer or foreign_place:
            u.kind, u.code, u.resolved_from = ("person" if longer else "org"), None, None


def _dated(kn: Knowledge, u: Unit) -> bool:
    entry = kn.names.get(u.key) if u.key else None
    return entry is not None and any(c[1] or c[2] for c in kn.codes[entry])


def _organisation(code: str | None) -> bool:
    return bool(code) and (code.startswith(("IGO", "NGO", "IMG", "MNC", "NGM")) or is_country_code(code))


def _name_unit(doc: Doc, kn: Knowledge, m, published: date | None) -> Unit:
    code = code_at(kn.codes[m.value], published)
    last = doc[m.end - 1]
    if m.end - m.start == 1 and code and is_country_code(code) and last.dep_ not in ("compound", "amod") \
            and people_singular(last, kn):
        # "Nigerians", "ethnic Albanians": a country's people, civilians unless a role is named
        return Unit(m.start, m.end, "group", code=code + "CVL", resolved_from="dictionary", key=m.key,
                    head_lemma=last.lemma_.lower(), plural=True)
    sector = _leading_title(kn, m.key)
    if sector and code and is_country_code(code[:3]) and code[3:] != sector and not (
            m.start > 0 and doc[m.start - 1].lower_ in kn.ext["former_words"]):
        # "President Bush" in the dictionary, out of office on the article's date by its
        # ranges: the text calls him President, and the text overrides the dictionary.
        return Unit(m.start, m.end, "named", code=code[:3] + sector, resolved_from="title", key=m.key,
                    head_lemma=last.lemma_.lower())
    if m.key in kn.capitals and code == kn.capitals[m.key]:
        kind = "capital"
    elif code and is_country_code(code):
        kind = "country"
    else:
        kind = "named"
    return Unit(m.start, m.end, kind, code=code, resolved_from="dictionary", key=m.key,
                head_lemma=doc[m.end - 1].lemma_.lower(), plural=doc[m.end - 1].tag_ == "NNPS")


def _leading_title(kn: Knowledge, key: str) -> str | None:
    """Sector of a title a dictionary name begins with ("president bush" -> GOV)."""
    words = key.split(" ")
    for n in range(min(len(words) - 1, 3), 0, -1):
        sector = kn.agents.get(" ".join(words[:n]))
        if sector is not None:
            # offices only: "National Union for ..." does not begin with a title
            return sector if sector.startswith(OFFICE_SECTORS) else None
    return None


def _ending_at(units: list[Unit], end: int) -> Unit | None:
    return next((u for u in units if u.end == end), None)


def _owner_before(doc: Doc, units: list[Unit], start: int) -> tuple[Unit | None, int]:
    """A country/organisation right before `start`, possibly with "'s": (unit, new start)."""
    pos = start
    while pos > 0 and doc[pos - 1].pos_ == "ADJ" and doc[pos - 1].text[:1].islower() and pos > start - 2:
        pos -= 1  # "Lebanon's new President"
    if pos > 0 and doc[pos - 1].lower_ in ("'s", "’s", "'"):
        pos -= 1
    owner = _ending_at(units, pos)
    if owner and owner.kind in ("country", "capital", "named", "org", "group", "place") and owner.kind != "person":
        return owner, owner.start
    return None, start


def _backed(doc: Doc, kn: Knowledge, units: list[Unit]) -> list[Unit]:
    """"Russian-backed separatists", "pro-Russian rebels": the named country is the backer,
    not the group's own country (decided later from context)."""
    backing = set(kn.ext["backing_words"])
    drop: set[int] = set()
    for g in units:
        if g.kind != "agent":
            continue
        s = g.start
        backer = None
        if s >= 3 and doc[s - 1].lower_ in backing and doc[s - 2].text == "-":
            backer = _ending_at(units, s - 2)
        elif s >= 3:
            x = _ending_at(units, s)
            if x and doc[x.start - 1].text == "-" and doc[x.start - 2].lower_ == "pro":
                backer, g.start = x, x.start - 2
        if backer and backer.country:
            g.backer, g.start = backer.country, min(g.start, backer.start)
            drop.add(id(backer))
    return [u for u in units if id(u) not in drop]


def _is_personish(u: Unit) -> bool:
    if u.kind == "person":
        return True
    return u.kind in ("named", "org") and u.code is not None and len(u.code) > 3 and not u.code.startswith(("IGO", "NGO", "IMG", "MNC"))


def _igo_title(kn: Knowledge, u: Unit) -> bool:
    """A dictionary name of an organisation of states that ends in one of its offices."""
    return bool(u.code and u.key and u.code.startswith("IGO") and any(
        u.key.endswith(" " + t) for t in kn.ext["igo_titles"]))


def _titles(doc: Doc, kn: Knowledge, units: list[Unit]) -> list[Unit]:
    """"NATO Secretary-General Jens Stoltenberg", "Ukraine's Ambassador to NATO Ihor Dolhov":
    the title's owner codes the person, whatever the dictionary says about him."""
    posting = set(kn.ext["posting_prepositions"])
    owner_preps = set(kn.ext["owner_prepositions"])
    former = set(kn.ext["former_words"])
    drop: set[int] = set()
    for p in units:
        if not _is_personish(p):
            continue
        j, complement, prep = p.start, None, None
        c = _ending_at(units, j)
        cs = c.start - 1 if c and c.start > 1 and doc[c.start - 1].pos_ == "DET" else (c.start if c else 0)
        if c and c.kind != "agent" and cs > 1 and doc[cs - 1].lower_ in posting | owner_preps:
            if _ending_at(units, cs - 1) and _ending_at(units, cs - 1).kind == "agent":
                complement, prep, j = c, doc[cs - 1].lower_, cs - 1
        g = _ending_at(units, j)
        if g and g.kind != "agent" and id(g) not in drop and _igo_title(kn, g) \
                and not (g.start > 0 and doc[g.start - 1].lower_ in former):
            # "UN Secretary General Antonio Guterres": the office the dictionary names is the
            # body's, whatever the dictionary says of the man (a former Portuguese premier)
            p.code, p.resolved_from, p.name = g.code, "title", doc[p.start : p.end].text
            p.kind, p.title, p.start = "person", g.key, g.start
            drop.add(id(g))
            continue
        if not g or g.kind != "agent" or id(g) in drop:
            continue
        owner, start = _owner_before(doc, units, g.start)
        if owner is None:
            # "Iranian Oil Minister X": a portfolio between the country and the title
            s2 = g.start
            while s2 > max(g.start - 2, 0) and not _ending_at(units, s2) and doc[s2 - 1].pos_ in ("NOUN", "PROPN", "ADJ") \
                    and doc[s2 - 1].dep_ in ("compound", "amod") and g.start <= doc[s2 - 1].head.i < p.end:
                s2 -= 1
            if s2 < g.start:
                owner, start = _owner_before(doc, units, s2)
                start = start if owner else g.start
        absorbed = [owner] if owner else []
        if (owner is None or owner.code is None) and g.start > 0 and doc[g.start - 1].text[:1].isupper():
            described = _described_igo(doc, kn, units, g.start - 1)
            if described:
                owner, start = described, g.start - 1
                absorbed = [u for u in units if u.start == g.start - 1 and u.end == g.start]
        if (owner is None or owner.code is None) and g.start > 0:
            # "European Commissioner Lena Marsh": an adjective that, before this one
            # title, names the body holding the office (not "European diplomat X").
            held_by = kn.ext["title_owners"].get(f"{doc[g.start - 1].lower_} {g.key}")
            if held_by:
                owner, start = Unit(g.start - 1, g.start, "named", code=held_by, resolved_from="title"), g.start - 1
                absorbed = [u for u in units if u.start == g.start - 1 and u.end == g.start]
        sector = g.sector
        if start > 0 and doc[start - 1].lower_ in former:
            sector, start = "ELI", start - 1
        if owner is None and complement is not None and prep in owner_preps:
            owner = complement
        end = p.end
        taken = {u.start for u in units}
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and end not in taken \
                and doc[end].ent_type_ in ("", "PERSON") and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i >= end:
            # "Interior Minister Ruto Kamau" with no PERSON tag: the name runs on past the one
            # word a dictionary knows ("Ruto"), so that word is somebody else's and codes nothing
            end += 1
            p.code = p.code if p.kind == "agent" else None
        if (owner is None or owner.code is None) and end + 1 < len(doc) and doc[end].lower_ == "of":
            # "King Hassan of Morocco", "President Museveni of Uganda"
            k = end + 1 + (doc[end + 1].pos_ == "DET")
            after = next((u for u in units if u.start == k and u.kind in ("country", "capital", "named") and u.code), None)
            if after and not _is_personish(after):
                owner, end = after, after.end
                absorbed.append(after)
        code = with_sector(owner.code, sector) if owner else None
        if code is None and g.key in kn.ext["title_countries"]:
            code = with_sector(kn.ext["title_countries"][g.key], sector)  # "Home Secretary X" is Britain's
        if code is None and p.code and is_country_code(p.code[:3]) and sector:
            # "President Obama": the dictionary knows his country, the text knows his role now
            code = p.code[:3] + sector
        if code:
            p.code, p.resolved_from = code, "title"
        elif p.code is None and g.sector:
            # "IAG chief Willie Walsh": the owner the text names is a body we cannot code, so
            # he is that body's man, not an office-holder of whatever country the sentence names
            p.sector = g.sector if owner is None else ""
        p.name = p.name or doc[p.start : p.end].text
        p.kind, p.title, p.start, p.end = "person", g.key, min(start, g.start), end
        drop |= {id(g)} | {id(u) for u in absorbed} | ({id(complement)} if complement else set())
    return [u for u in units if id(u) not in drop]


def _described_igo(doc: Doc, kn: Knowledge, units: list[Unit], i: int) -> Unit | None:
    """"Alliance Secretary-General ...": a capitalised description standing for the nearest
    organisation of that kind named earlier."""
    if kn.ext["descriptions"].get(doc[i].lemma_.lower()) != "IGO":
        return None
    earlier = [u for u in units if u.end <= i and u.code and u.code.startswith("IGO")]
    return earlier[-1] if earlier else None


def _appositions(doc: Doc, kn: Knowledge, units: list[Unit]) -> list[Unit]:
    """"Sergei Lavrov, Russia's foreign minister," / "X, the foreign minister of Syria,"."""
    owner_preps = set(kn.ext["owner_prepositions"])
    for k, p in enumerate(units):
        if not _is_personish(p) or p.end >= len(doc) or doc[p.end].text != ",":
            continue
        i = p.end + 1
        while i < len(doc) and doc[i].pos_ == "DET":
            i += 1
        after = [u for u in units[k + 1 :] if u.start >= i]
        if not after:
            continue
        owner, g = None, after[0]
        if g.kind != "agent":
            owner, g = g, (after[1] if len(after) > 1 else None)
            if not g or g.kind != "agent" or not (g.start == owner.end or (g.start == owner.end + 1 and doc[owner.end].lower_ in ("'s", "’s"))):
                continue
        elif g.start != i and not all(doc[t].pos_ in ("ADJ", "NOUN", "PROPN", "NUM") or doc[t].text == "-"
                                      for t in range(i, g.start)):
            continue  # "a 14-year-old boy from Texas" is an apposition too
        end = g.end
        if owner is None and g.end + 1 < len(doc) and doc[g.end].lower_ in owner_preps:
            nxt = next((u for u in after if u.start == g.end + 1), None)
            if nxt and not nxt.code and nxt.end + 1 < len(doc) and doc[nxt.end].text == ",":
                # "a boy from Irving, Texas": the town no dictionary has, then its state or country
                region = next((u for u in after if u.start == nxt.end + 1 and u.kind in ("country", "capital") and u.code), None)
                nxt = region or nxt
            if nxt and nxt.kind != "agent":
                owner, end = nxt, nxt.end
        code = with_sector(owner.code, g.sector) if owner and owner.code else None
        if code and not _apposed(doc, p, g):
            continue  # "John Kerry, the Secretary of State, contacted Thailand's foreign minister": an object, no apposition
        if code:
            p.code, p.resolved_from, p.kind, p.title = code, "apposition", "person", g.key
            g.code, g.resolved_from, g.appos_of = code, "apposition", p
            g.start, g.end = min(g.start, owner.start), max(g.end, end)
            units[units.index(owner)] = g if owner in units else owner
            units[:] = [u for u in units if u is g or u is p or u.code or not (g.start <= u.start and u.end <= g.end)]
    out, seen = [], set()
    for u in units:
        if id(u) not in seen:
            seen.add(id(u))
            out.append(u)
    return out


def _apposed(doc: Doc, p: Unit, g: Unit) -> bool:
    """The parse links the two phrases, or at least does not make the second an argument of a
    verb the first is not part of."""
    head = doc[g.end - 1]
    if any(p.start <= t.i < p.end for t in head.ancestors) or any(g.start <= t.i < g.end for t in doc[p.end - 1].ancestors):
        return True
    return head.dep_ not in ("dobj", "pobj", "nsubj", "nsubjpass", "dative", "attr")


def _owners(doc: Doc, kn: Knowledge, units: list[Unit]) -> list[Unit]:
    """Agents take their country from a modifier ("Ukrainian troops", "Syria's opposition"),
    a complement ("opposition groups in Zimbabwe") or a possessive pronoun ("its forces")."""
    owner_preps = set(kn.ext["owner_prepositions"])
    drop: set[int] = set()
    for k, g in enumerate(units):
        if g.kind != "agent" or g.code or g.backer:
            continue
        start, edge, skipped = g.start, doc[g.end - 1].left_edge.i, []
        while start > max(edge, g.start - 3):
            # "Russian special forces", "Turkish Kurd refugees", "Vietnamese-led forces":
            # modifiers of the same noun phrase between the country and the agent
            inner = _ending_at(units, start)
            if inner is not None and not (inner.code is None and inner.end - inner.start == 1):
                break
            if doc[start - 1].pos_ in ("ADJ", "NOUN", "PROPN") or (
                    doc[start - 1].lower_ in kn.ext["own_words"] and start > 1 and doc[start - 2].text == "-"):
                skipped += [inner] if inner else []
                start -= 2 if doc[start - 1].lower_ in kn.ext["own_words"] else 1
                continue
            break
        owner, new_start = _owner_before(doc, units, start)
        if owner and owner.code and owner.kind != "person" and id(owner) not in drop:
            g.code, g.start = with_sector(owner.code, g.sector), new_start
            drop |= {id(owner)} | {id(u) for u in skipped}
            _coordinated_owners(doc, units, owner, g)
            continue
        foreign = any(c.lemma_.lower() in kn.ext["foreign_words"] for c in doc[g.end - 1].children)
        # "its forces in Lebanon": the possessive owns them, Lebanon is where they are
        possessed = g.start > 0 and doc[g.start - 1].lower_ in kn.ext["possessive_pronouns"]
        if g.end + 1 < len(doc) and doc[g.end].lower_ in owner_preps and not foreign and not possessed \
                and doc[g.end].head.i == g.end - 1:
            at = g.end + 1 + (g.end + 2 < len(doc) and doc[g.end + 1].pos_ == "DET")  # "rebels in the Ivory Coast"
            nxt = next((u for u in units[k + 1 :] if u.start == at and doc[u.end - 1].head.i == g.end), None)
            if nxt is None:
                nxt, described = _described_state(doc, kn, units, doc[g.end])
                drop |= {id(u) for u in described}
            if nxt and nxt.kind in ("country", "capital", "named") and nxt.code and id(nxt) not in drop:
                g.code, g.end = with_sector(nxt.code, g.sector), nxt.end
                drop.add(id(nxt))
                continue
        if g.start > 0 and doc[g.start - 1].lower_ in kn.ext["possessive_pronouns"]:
            g.owner_token = g.start - 1
        elif g.key in kn.ext["title_countries"]:
            g.code = with_sector(kn.ext["title_countries"][g.key], g.sector)  # "the Home Secretary said"
    return [u for u in units if id(u) not in drop]


def _described_state(doc: Doc, kn: Knowledge, units: list[Unit], prep) -> tuple[Unit | None, list[Unit]]:
    """"the president of the Central Asian state of Kyrgyzstan": a country named through a
    word for a state ("state", "nation", "republic") whose own "of" complement names it; with
    the uncoded words that describe it ("Central Asian")."""
    noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if noun is None or kn.ext["descriptions"].get(noun.lemma_.lower()) != "COUNTRY":
        return None, []
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    name = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    country = next((u for u in units if name is not None and u.start <= name.i < u.end
                    and u.kind in ("country", "capital") and u.code), None)
    if country is None:
        return None, []
    return country, [u for u in units if prep.i < u.start and u.end <= noun.i and not u.code]


def _foreign_institutions(doc: Doc, units: list[Unit]) -> list[Unit]:
    """"Rwanda's Senate", "the Iraqi Parliament": a one-word institution the dictionary gives
    to one country (Senate -> USAGOVLEG) belongs to the country the text says owns it."""
    drop: set[int] = set()
    for g in units:
        if g.kind != "named" or g.end - g.start != 1 or not g.code or len(g.code) <= 3 or not g.country:
            continue
        owner, start = _owner_before(doc, units, g.start)
        if owner and owner.kind in ("country", "capital") and owner.country and owner.country != g.country \
                and id(owner) not in drop:
            g.code, g.start, g.resolved_from = owner.country + g.code[3:], start, "agent"
            drop.add(id(owner))
    return [u for u in units if id(u) not in drop]


def _peoples_of_a_country(doc: Doc, units: list[Unit]) -> list[Unit]:
    """"Iraqi Kurds", "Bosnian Serbs": a people named with a country are that country's
    civilians (CAMEO codes the country they live in, the ethnicity only as a suffix)."""
    drop: set[int] = set()
    for k, g in enumerate(units):
        head = doc[g.end - 1]
        if k == 0 or g.kind != "group" or head.tag_ not in ("NNPS", "NNS") or not head.text[:1].isupper():
            continue
        adj = units[k - 1]
        if adj.end == g.start and adj.kind == "country" and adj.end - adj.start == 1 and adj.code \
                and doc[adj.start].dep_ in ("amod", "compound") and doc[adj.start].head.i == head.i:
            g.code, g.start, g.resolved_from = adj.code[:3] + "CVL", adj.start, "agent"
            drop.add(id(adj))
    return [u for u in units if id(u) not in drop]


def _coordinated_owners(doc: Doc, units: list[Unit], owner: Unit, g: Unit) -> None:
    """"Hungarian and Romanian officials": every coordinated nationality owns the agent, so
    the first one is coded as Hungary's officials too (the mention stays its own word)."""
    if owner.end - owner.start != 1:
        return
    tok = doc[owner.start]
    linked = {c.i for c in tok.conjuncts}
    for u in units:
        if u is not owner and u.end - u.start == 1 and u.start in linked and u.kind == "country" and u.code \
                and u.start < owner.start and not u.is_place:
            u.code, u.kind, u.resolved_from, u.sector = with_sector(u.code, g.sector), "agent", "agent", g.sector


def _places(doc: Doc, kn: Knowledge, units: list[Unit], dateline: str | None) -> None:
    """A geographic name after a locative preposition (or in the dateline) is a place; a
    capital acting ("Kiev had asked") stands for its government."""
    locative = set(kn.ext["locative_prepositions"])
    for u in units:
        if u.kind not in GEO_KINDS:
            continue
        u.dateline = u.start == 0 and bool(dateline) and doc[u.start : u.end].text.lower() == dateline.lower()
        u.is_place = u.dateline or is_locative(doc, u, locative)
        last = doc[u.end - 1]
        if u.kind == "capital" and last.dep_ in ("compound", "amod", "nmod") and not u.start <= last.head.i < u.end:
            continue  # "the Tokyo Stock Exchange", "the Beijing Olympics": the country, like "Japanese", not its government
        if u.kind == "capital" and not u.is_place and u.code:
            u.code, u.resolved_from = with_sector(u.code, "GOV"), "metonymy"


def is_locative(doc: Doc, u: Unit, locative: set[str]) -> bool:
    head = doc[u.end - 1]
    while head.dep_ in ("compound", "amod") and head.head.i != head.i and u.start <= head.head.i < u.end:
        head = head.head
    if head.dep_ != "pobj":
        return False
    prep = head.head
    if prep.lower_ in locative:
        return True
    return prep.lower_ == "of" and prep.head.lemma_.lower() in REGION_NOUNS


def _ethnic(doc: Doc, units: list[Unit]) -> None:
    """"Ethnic Albanians in southern Serbia": an ethnic group is coded by the country it lives
    in (CAMEO 3.1.5 puts ethnicity after the country), which the sentence gives like the
    battleground of backed rebels; the nationality is only the fallback."""
    for u in units:
        if u.kind in ("group", "agent") and u.country and u.start > 0 and doc[u.start - 1].lower_ == "ethnic":
            u.backer, u.sector = u.country, u.code[3:] or u.sector
            u.code, u.start = None, u.start - 1


def _backed_country(doc: Doc, units: list[Unit]) -> None:
    """Russian-backed separatists fight in another country: the one the sentence places
    them in, else the article's most-mentioned other country. (They are coded as that
    country's rebels, UKRREB, as the design asks, not as RUSREB.)"""
    counts = Counter(u.country for u in units if u.kind in GEO_KINDS and u.country)
    for g in units:
        if not g.backer or g.code:
            continue
        sent = doc[g.start].sent
        local = [u for u in units if sent.start <= u.start < sent.end and u.kind in GEO_KINDS
                 and u.country and u.country != g.backer and not u.dateline]
        local.sort(key=lambda u: (not u.is_place, u.start < g.start, abs(u.start - g.start)))
        country = local[0].country if local else next((c for c, _ in counts.most_common() if c != g.backer), None)
        if country:
            g.code = with_sector(country, g.sector)
        elif g.kind == "group" or doc[g.start].lower_ == "ethnic":
            g.code = with_sector(g.backer, g.sector)
