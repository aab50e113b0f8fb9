"""Which of the sentence's places an event happened at.

Order of evidence: a locative attached to the trigger ("met in Brussels", "shelled the
town of X"), then a locative in the trigger's own clause ("forces in Afghanistan are
capturing", "launched an offensive in Latakia, targeting ..."), then - for events that
are not statements - another place of the sentence outside reported speech; statements,
meetings and press events fall back to the dateline. A place that is one of the event's
actors ("Kiev asked", "Russia's actions") is not where the event happened.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsevents.attribution.vocab import vocabulary
from newsevents.model import Place
from newsevents.where import wordlists
from newsevents.where.gazetteer import load
from newsevents.where.places import is_place_noun, is_site_noun, place_object_kind

# Prepositions that say where something happens. "on" is kept: "on the border", "on the
# island"; a date after "on" holds no place, so it cannot produce a false location.
LOCATIVE_PREPS = frozenset(
    "in at near outside inside across throughout around on into through over along off within "
    "beside between behind beyond towards toward under onto upon".split()
)
# The prepositions that place a statement or a meeting ("told reporters in Kabul").
STATEMENT_PREPS = frozenset({"in", "at", "inside", "outside", "near"})
# Dependents that open a new clause: a place below one belongs to another event.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "csubj", "parataxis", "xcomp", "conj", "acl", "pcomp"})
# A place in these slots names an owner or a kind, not a location ("Taiwan's tribes",
# "U.S. fighter jets", "the Ukrainian embassy").
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
# Arguments of the trigger that may be the place itself: what is shelled, captured, bombed.
PATIENT_DEPS = frozenset({"dobj", "nsubjpass", "npadvmod", "attr", "oprd"})
# Unresolved names found in a place frame ("the Yaqshid district", "the village of X") are
# the small places the gazetteer lacks, so they are taken as the most specific.
SPECIFICITY = {None: 0, "city": 1, "admin2": 1.8, "region": 2, "admin1": 3, "country": 4}
# A directional part of a country ("northern Syria") lies between its provinces and it.
COUNTRY_PART_SPECIFICITY = 3.5
# A named site (a building, road or installation) ranks after the town it stands in: the
# gold and the coders locate "bombed the embassy in Buenos Aires" at Buenos Aires.
SITE_SPECIFICITY = 1.5


@lru_cache(maxsize=1)
def dateline_roots() -> frozenset[str]:
    """CAMEO roots of events that happen where the reporter is: statements, meetings."""
    return frozenset(line.split("\t")[0] for line in wordlists.lines("dateline_roots.tsv"))


@lru_cache(maxsize=1)
def destination_verbs() -> frozenset[str]:
    """Verbs of sending and moving whose "to X" places the act (data/where/destination_verbs.tsv)."""
    return wordlists.words("destination_verbs.tsv")


def place_head(doc: Doc, place: Place) -> Token:
    return doc[place.token_start : place.token_end].root


def _path_up(token: Token, anchor: Token) -> list[Token] | None:
    """Tokens from `token` up to (not including) `anchor`, or None if anchor is not above."""
    path = []
    while token.i != anchor.i:
        path.append(token)
        if token.head.i == token.i:
            return None
        token = token.head
    return path


def _crosses_clause(path: list[Token]) -> bool:
    # The last element hangs directly from the anchor; clause openers below it are the
    # place's own subordinate clauses ("the town of X, controlled by ...").
    return any(t.dep_ in CLAUSE_DEPS and t.pos_ in ("VERB", "AUX") for t in path)


def _locative_path(path: list[Token]) -> bool:
    return any(t.dep_ == "prep" and t.lower_ in LOCATIVE_PREPS for t in path)


def _locative_chain(path: list[Token]) -> bool:
    """The path ends in a locative preposition and every preposition on it is locative or
    "of": "in the southern countryside of Idlib", but not "in response to an offensive in X"."""
    top = path[-1]
    if top.dep_ != "prep" or top.lower_ not in LOCATIVE_PREPS:
        return False
    return all(t.lower_ in LOCATIVE_PREPS or t.lower_ == "of" for t in path if t.dep_ == "prep")


def _anchors(trigger: Token) -> list[Token]:
    """The trigger, and for a nominal trigger the verb that carries it ("held a meeting")."""
    anchors = [trigger]
    # Coordinated verbs share their locatives: "shot and killed two men in the town of X".
    # Up the whole chain: "struck the town, killed one guard and wounded another".
    head = trigger
    while head.dep_ == "conj" and head.head.pos_ == trigger.pos_ and head.head.i != head.i:
        head = head.head
        anchors.append(head)
    anchors += [c for c in trigger.children if c.dep_ == "conj" and c.pos_ == trigger.pos_]
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "nsubjpass", "attr", "pobj", "nsubj"):
        head = trigger.head
        if head.dep_ == "prep":
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            anchors.append(head)
    return anchors


def _venue(place: Place, prep: Token) -> bool:
    """Where a statement or meeting can be made: a city or a named site, "in"/"at" it.
    "called on Moscow" names the addressee and "blamed ... in eastern Ukraine" the topic."""
    return prep.lower_ in STATEMENT_PREPS and place.feature in (None, "city")


def _known(doc: Doc, place: Place) -> bool:
    """In the gazetteer, named as a place ("Utah Beach"), or tagged a location or site by
    the model ("stormed Umm Sharshouh"): an unknown bare object of "shot" or "captured" is
    more often a person, even when the small model calls it a GPE ("captured Bishara")."""
    return (
        place.feature is not None
        or is_place_noun(doc[place.token_end - 1])
        or doc[place.token_start].ent_type_ in ("LOC", "FAC")
        or place_object_kind(place_head(doc, place)) == "place"
    )


def _of_chain(path: list[Token]) -> bool:
    """A place that owns the object through "of" ("patrolled the streets of the West Bank's
    largest city", "shelled the outskirts of the town of X"): still where it happened."""
    preps = [t for t in path if t.dep_ == "prep"]
    return len(path) <= 6 and bool(preps) and all(t.lower_ == "of" for t in preps)


def _place_slot(doc: Doc, head: Token, place: Place) -> bool:
    """A bare name as what the act is done to is its place only where the verb takes a
    place there ("shelled Pooneryn", "Jaffna was captured") or the name says it is one
    ("the Bab al-Hawa crossing"); who is killed, shot or arrested is a person, even when
    a town shares the name ("Jordan, 56, was shot", "killed 40 Yazidis")."""
    if _aged(head):
        return False
    return (
        place_object_kind(head) is not None
        or is_place_noun(doc[place.token_end - 1])
        or doc[place.token_start].ent_type_ in ("LOC", "FAC")
    )


def _aged(head: Token) -> bool:
    """A name with an age beside it ("Luster, 39,") is a person's."""
    return any(c.dep_ in ("appos", "amod", "nummod") and c.like_num for c in head.children)


def _tier(doc: Doc, trigger: Token, place: Place, statement: bool) -> int | None:
    """0: locative on the trigger; 1: in its clause; 2: elsewhere in the sentence; None: no."""
    head = place_head(doc, place)
    sentence_path = [head, *head.ancestors]
    locative = _locative_path(sentence_path)
    # "according to officials in Kabul", "troops withdrew from the town": who says it or
    # where something came from, not where the act happened.
    if any(t.dep_ == "prep" and t.lower_ in AWAY_PREPS for t in _below(sentence_path, trigger)):
        return None
    if _reporting_clause(head, trigger) and _remote_speaker_place(place):
        return None
    # A city before a noun says where the thing is ("a Sofia restaurant", "Grozny's
    # streets"); a country there says whose it is ("U.S. jets", "Taiwan's tribes").
    # Inside a locative too: "killed in a U.S. airstrike", "in Syria's war" name whose
    # strike or war it is; "in Syria's Kurdish region" still says where.
    if head.dep_ in MODIFIER_DEPS and place.feature == "country":
        if not (is_place_noun(head.head) and head.head.i > head.i):
            return None
    for anchor in _anchors(trigger):
        path = _path_up(head, anchor)
        if path is None or _crosses_clause(path):
            continue
        top = path[-1]
        if _locative_chain(path) and (not statement or _venue(place, top)):
            return 0
        # A statement's object may name a place ("condemned the shelling in X"); that is
        # where the condemned thing happened, not where the statement was made.
        if (top.dep_ in PATIENT_DEPS or top.dep_ == "advmod") and not statement:
            if _locative_path(path):
                # "captured the headquarters at X" is where it happened; a locative deep in
                # the object's description ("the head of operations in X") only may be.
                return 0 if len(path) <= 3 else 1
            # What is shelled, captured or patrolled is where it happens ("bombed Pooneryn");
            # a country there is an actor ("invaded Kuwait"), which the coder's target covers.
            if (len(path) <= 3 or _of_chain(path)) and (top is not head or (_known(doc, place) and _place_slot(doc, head, place))):
                return 0
        # "sent reinforcements to X": the parser makes that "to" a dative. Only the trigger's
        # own destination: "shoot ... and send troops to Syria" is not shot in Syria.
        if (
            anchor.i == trigger.i and top.dep_ in ("prep", "dative") and top.lower_ == "to"
            and not statement and anchor.lemma_.lower() in destination_verbs()
        ):
            if all(t.lower_ in ("to", "of") for t in path if t.dep_ == "prep"):
                return 1
        # Where the subject is ("police in Lagos said", "forces in Afghanistan captured");
        # for other events also where the object is ("captured fighters in Kunar").
        carriers = ("nsubj", "agent") if statement else ("nsubj", "agent", "dobj", "nsubjpass")
        if top.dep_ in carriers and _locative_path(path):
            return 1
    # The clause that governs the trigger ("launched an offensive in X, targeting ...").
    governor = trigger.head if trigger.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl") else None
    if governor is not None and governor.i != trigger.i:
        path = _path_up(head, governor)
        if path and trigger not in path and not _crosses_clause(path):
            top = path[-1]
            if statement:
                if _locative_chain(path) and _venue(place, top):
                    return 1
            elif _locative_chain(path) or (
                top.dep_ in ("nsubj", "dobj", "nsubjpass") and (_locative_path(path) or place.feature != "country")
            ):
                return 1
    if statement:
        return 2 if _venue_of_adverbial(head, trigger, place) else None
    if _in_scene_clause(head, trigger):
        return 2
    if not locative and not (head.dep_ in PATIENT_DEPS and place.feature not in ("country", None)):
        # A bare subject or object elsewhere is an actor, not a location.
        return None
    if _reported_apart(head, trigger):
        return None
    # A country named elsewhere in the sentence is the war's or the actors' country far
    # more often than the event's place ("were killed ... since the war in Syria began").
    if place.feature == "country":
        return None
    return 2 if _same_clause(head, trigger) else 3


AWAY_PREPS = frozenset({"according"})


def _below(path: list[Token], trigger: Token) -> list[Token]:
    """The part of a path up from a place that lies below its meeting point with the trigger."""
    above = {t.i for t in [trigger, *trigger.ancestors]}
    result = []
    for t in path:
        if t.i in above:
            break
        result.append(t)
    return result


def _in_scene_clause(head: Token, trigger: Token) -> bool:
    """A locative of the trigger's "when"/"as" clause ("a bomb was detonated when
    a convoy travelled north of the city of X"): the scene the act happened in."""
    path = _path_up(head, trigger)
    if not path:
        return False
    clause = path[-1]
    if clause.dep_ != "advcl" or clause.pos_ not in ("VERB", "AUX") or _crosses_clause(path[:-1]):
        return False
    if not any(c.lower_ in SCENE_MARKS and c.dep_ in ("mark", "advmod") for c in clause.children):
        return False
    inner = path[:-1]
    return bool(inner) and inner[-1].dep_ in ("prep", "advmod") and (
        inner[-1].lower_ in LOCATIVE_PREPS or inner[-1].lower_ in COMPASS
    )


# "while" is left out: it contrasts another event as often as it sets a scene.
SCENE_MARKS = frozenset({"when", "as"})


def _reporting_clause(head: Token, trigger: Token) -> bool:
    """The place names the speaker of a clause that reports the trigger's clause ("X
    shelled Y, officials in Kiev said", "a spokesman in Brussels said that ..."): it is
    where the speaking happened, not where the reported act did. Only a speech verb
    reports: a clause the parser hangs under another verb ("was wearing ..., detonated")
    is not speech; a locative of the speech verb itself ("police said, on a road in X")
    is as often the parser's misplaced attachment of the event's own place."""
    speaker = next((t for t in [head, *head.ancestors] if t.dep_ in SPEAKER_DEPS), None)
    if speaker is None or speaker.head.lemma_.lower() not in vocabulary().speech_verbs:
        return False
    clause = speaker.head
    return any(t.dep_ in REPORTED_DEPS and t.head.i == clause.i for t in [trigger, *trigger.ancestors])


# How a reported clause hangs from the verb that reports it, and its speaker.
REPORTED_DEPS = frozenset({"ccomp", "parataxis"})
SPEAKER_DEPS = frozenset({"nsubj", "nsubjpass"})


def _remote_speaker_place(place: Place) -> bool:
    """A speaker's place that says nothing of the reported event's: a national capital,
    where governments and agencies speak for the whole country ("officials in Kiev"),
    a building or a country. A speaker in a provincial town ("a policeman in Kirkuk
    said", "authorities in Cancun say") mostly reports what happened there."""
    return place.feature in (None, "country") or load().is_capital(place.geonames_id)


def _venue_of_adverbial(head: Token, trigger: Token, place: Place) -> bool:
    """A statement made at the meeting or talks its adverbial clause places ("criticized
    Russia after ambassadors met in Brussels", "speaking after talks in Oslo, said"): the
    town is where the speaker was. Not reported speech: what is said happened elsewhere."""
    path = _path_up(head, trigger)
    if not path or place.feature not in (None, "city"):
        return False
    clauses = [t for t in path if t.dep_ in CLAUSE_DEPS and t.pos_ in ("VERB", "AUX")]
    if not clauses or any(t.dep_ != "advcl" for t in clauses):
        return False
    preps = [t for t in path if t.dep_ == "prep"]
    return bool(preps) and preps[0].lower_ in STATEMENT_PREPS and all(t.lower_ in VENUE_CHAIN for t in preps)


# Prepositions that may link a venue to the adverbial clause of a statement ("speaking
# after talks in Oslo", "during a visit to the summit in Riga").
VENUE_CHAIN = LOCATIVE_PREPS | {"of", "after", "before", "during", "following", "ahead"}


def _reported_apart(head: Token, trigger: Token) -> bool:
    """True when the place sits in reported speech or a relative clause that the trigger is
    not part of ("said the attack in X ...", "X, where ...")."""
    for t in [head, *head.ancestors]:
        if t.i == trigger.i or t in trigger.ancestors:
            return False
        if t.dep_ in ("ccomp", "relcl", "parataxis") and trigger not in t.subtree:
            return True
    return False


def _clause_head(token: Token) -> Token:
    for t in [token, *token.ancestors]:
        if t.pos_ in ("VERB", "AUX") and t.i != token.i or t.dep_ == "ROOT":
            return t
    return token


def _same_clause(head: Token, trigger: Token) -> bool:
    """Place and trigger in one clause, or in coordinated clauses ("were killed and
    others wounded in X"); not one inside a subordinate or reported clause of the other."""
    a, b = _clause_head(head), _clause_head(trigger) if trigger.pos_ not in ("VERB", "AUX") else trigger
    if a.i == b.i:
        return True
    return (a.dep_ == "conj" and a.head.i == b.i) or (b.dep_ == "conj" and b.head.i == a.i) or (
        a.dep_ == "conj" and b.dep_ == "conj" and a.head.i == b.head.i
    )


def _specificity(doc: Doc, place: Place) -> float:
    if place.feature is None and (doc[place.token_start].ent_type_ == "FAC" or is_site_noun(doc[place.token_end - 1])):
        return SITE_SPECIFICITY
    if place.feature is None and (level := _division_level(doc, place)) is not None:
        return SPECIFICITY[level]
    if place.feature == "region" and _part_of_country(doc, place):
        return COUNTRY_PART_SPECIFICITY
    return SPECIFICITY.get(place.feature, 0)


def _part_of_country(doc: Doc, place: Place) -> bool:
    """"northeast Syria", "central China": a part of a country, larger than its provinces
    ("in Hasakah province, northeast Syria" is in Hasakah); "eastern Aleppo" is not."""
    gaz = load()
    if doc[place.token_start].lower_ not in gaz.directions:
        return False
    rest = doc[place.token_start + 1 : place.token_end].text
    return any(c.entry.feature == "country" and c.entry.country == place.country for c in gaz.candidates(rest))


@lru_cache(maxsize=1)
def division_nouns() -> dict[str, str]:
    """Nouns that name an administrative division -> its usual level (admin1, admin2)."""
    return wordlists.table("division_nouns.tsv")


def _division_level(doc: Doc, place: Place) -> str | None:
    """The level of an unresolved name the text calls a division: "Qena Province", "the
    Riyom LGA", "the province of X"."""
    nouns = division_nouns()
    head = place_head(doc, place)
    frame = [doc[place.token_end - 1]]
    if head.dep_ in ("compound", "nmod") and head.head.i >= place.token_end:
        frame.append(head.head)
    if head.dep_ == "pobj" and head.head.lower_ == "of":
        frame.append(head.head.head)
    return next((nouns[t.lower_] for t in frame if t.lower_ in nouns), None)


# How a larger place hangs from a smaller one it contains or lies beside: "X district in
# Y region", "the village of X near Y", "Y's Mission District".
NEST_DEPS = frozenset({"prep", "pobj", "compound", "appos", "nmod", "amod"})
NEST_PREPS = frozenset({"in", "of", "near", "outside"})


def _nests(doc: Doc, outer: Place, inner: Place) -> bool:
    """`outer` only says where `inner` lies; the gold and the coders want the innermost."""
    a, b = place_head(doc, outer), place_head(doc, inner)
    if a.i == b.i:
        return False
    if _owned(doc, outer, inner):
        return True
    anchors = {b.i}
    if b.dep_ in ("compound", "nmod", "appos", "amod"):
        anchors.add(b.head.i)
    if b.dep_ == "pobj" and b.head.lower_ == "of":
        anchors.add(b.head.head.i)
    for anchor in anchors:
        path = _path_up(a, doc[anchor])
        if path and all(t.dep_ in NEST_DEPS for t in path) and all(
            t.lower_ in NEST_PREPS for t in path if t.dep_ == "prep"
        ):
            return True
    return False


def _innermost(doc: Doc, ranked: list[tuple]) -> list[tuple]:
    """Each place that only locates a smaller ranked one hands its tier to it and drops out;
    a site does not take its town's place (the town is the event's place)."""
    def inside(inner: tuple, outer: tuple) -> bool:
        # A site does not take its town's place; a country lies in no other place
        # ("Zaire's border with Rwanda").
        if inner[3] is outer[3] or inner[1] == SITE_SPECIFICITY or inner[3].feature == "country":
            return False
        if not _nests(doc, outer[3], inner[3]):
            return False
        # The owner in "Manila's province of X" or "China's Henan Province" locates the
        # other whatever their levels; otherwise the inner must not be the larger.
        return inner[1] <= outer[1] or _owned(doc, outer[3], inner[3])

    result = [(min([r[0], *[o[0] for o in ranked if inside(r, o)]]), *r[1:]) for r in ranked]
    outers = {id(o[3]) for o in ranked for r in ranked if inside(r, o)}
    return [r for r in result if id(r[3]) not in outers] or result


def _owned(doc: Doc, outer: Place, inner: Place) -> bool:
    a, b = place_head(doc, outer), place_head(doc, inner)
    return a.dep_ == "poss" and b in a.head.subtree and b not in a.subtree


COMPASS = frozenset(
    "north south east west northeast northwest southeast southwest north-east north-west south-east south-west".split()
)


def _reference_point(place: Place, doc: Doc) -> bool:
    """The place a distance or bearing is measured from ("50 km west of Baghdad", "just
    south of Algiers")."""
    head = place_head(doc, place)
    of = head.head
    return head.dep_ == "pobj" and of.lower_ == "of" and of.head.lower_ in COMPASS and of.head.i != of.i


def _struck_place(doc: Doc, trigger: Token, place: Place) -> bool:
    """A town or region that is what the act is done to ("shelled the city of Donetsk",
    "attacked Mariupol", "Jaffna was captured") is the event's place even when the actor
    stage also takes it for the target; a country there stays only an actor ("invaded
    Kuwait"), as does a place named by a verb that does not take one ("criticised Kiev")."""
    if place.feature in (None, "country"):
        return False
    head = place_head(doc, place)
    if head.dep_ == "pobj" and head.head.lower_ == "of" and is_place_noun(head.head.head):
        head = head.head.head
    anchors = {a.i for a in _anchors(trigger)}
    return head.head.i in anchors and place_object_kind(head) is not None


def _overlaps(place: Place, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(place.token_start < end and start < place.token_end for start, end in ranges)


def event_location(
    doc: Doc,
    trigger_token: int,
    places: list[Place],
    dateline_place: Place | None = None,
    is_statement: bool = False,
    actor_tokens: Iterable[tuple[int, int]] = (),
) -> Place | None:
    """The place where the event whose trigger is `doc[trigger_token]` happened, or None."""
    found = ranked_location(doc, trigger_token, places, is_statement, actor_tokens)
    if found is not None:
        return found[0]
    return dateline_place if is_statement else None


def ranked_location(
    doc: Doc,
    trigger_token: int,
    places: list[Place],
    is_statement: bool = False,
    actor_tokens: Iterable[tuple[int, int]] = (),
) -> tuple[Place, int] | None:
    """The sentence's place of the event and its tier (0, 1: its own clause; 2, 3: elsewhere
    in the sentence), or None when the sentence does not place it."""
    if trigger_token < 0 or trigger_token >= len(doc):
        return None
    trigger = doc[trigger_token]
    sent = trigger.sent
    actors = list(actor_tokens)
    ranked = []
    for place in places:
        # A place is not where it itself happens (a sentence whose root is a name).
        if place.token_start < sent.start or place.token_end > sent.end or _overlaps(place, [(trigger.i, trigger.i + 1)]):
            continue
        if _overlaps(place, actors) and not _struck_place(doc, trigger, place):
            continue
        tier = _tier(doc, trigger, place, is_statement)
        if tier is None:
            continue
        distance = abs(place_head(doc, place).i - trigger.i)
        ranked.append((tier, _specificity(doc, place), distance, place))
    ranked = _innermost(doc, ranked)
    # "Fallujah, 50 km west of Baghdad": the city measured from is not where it happened,
    # unless it is the only place the sentence gives ("clashes north of Baghdad").
    ranked = [r for r in ranked if not _reference_point(r[3], doc)] or ranked
    if ranked:
        best = min(ranked, key=lambda r: r[:-1])
        return best[-1], best[0]
    return None
