"""Verb patterns indexed by lemma, compiled once per process.

A requirement is a list of alternatives, each a tuple of words that must all be present
("{&MILITARY AID}" becomes one alternative per member of the &MILITARY set).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsevents.coding.data import load
from newsevents.datacache import cached, data_files

Alternatives = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Element:
    preps: tuple[str, ...] | None  # None: a word in the object/particle zone of the verb
    words: tuple[Alternatives, ...]  # every requirement must hold
    role: str | None  # "source" | "target" | None: where the pattern puts an actor
    np: bool = False  # the words head the preposition's noun phrase, not just lie below it


@dataclass(frozen=True, eq=False)  # identity hash: patterns are compared by being the same one
class Pattern:
    id: str
    code: str | None  # None: the dictionary says this use is no event
    reverse: str | None
    pre: tuple[Element, ...]
    post: tuple[Element, ...]
    weight: int  # how specific: the most specific matching pattern wins
    bare_prep: bool  # only prepositions, no words: "CALL * (ON)"
    # The family member the dictionary wrote the pattern for ("- * &TREATY [057] # RATIFY"):
    # a family pools synonyms whose senses differ (approving a treaty is 031, ratifying it 057).
    verb: str | None = None


@dataclass(frozen=True)
class VerbEntry:
    lemma: str
    particles: tuple[str, ...]  # phrasal verb: "call off" needs the particle "off"
    code: str | None
    reverse: str | None
    family: str
    patterns: tuple[Pattern, ...]
    # The default code holds only with an object ("returned the artifacts to Peru" is a
    # return of property; "returned to Baghdad" is travel, no event).
    needs_object: bool = False
    # The family members that carry a code of their own, unlike the family's ("condemn"
    # 111 in BLAME, 112): verbs of another sense pooled in the family.
    own_senses: frozenset[str] = frozenset()
    # The default code holds only with a clause saying what was decided ("decided to send
    # troops"); "will determine the fate of the activists" or "determine whether Russia was
    # behind it" is a finding or a question, no intent.
    needs_clause: bool = False

    def candidates(self, bag: set[str]) -> set[Pattern]:
        """Only the patterns whose anchor word occurs around the verb: a family can hold
        hundreds of patterns, and most verbs match none."""
        anchors = _anchors(self.patterns)
        out: set[Pattern] = set()
        for word in bag:
            found = anchors.get(word)
            if found:
                out.update(found)
        return out


@lru_cache(maxsize=None)
def _anchors(patterns: tuple[Pattern, ...]) -> dict[str, tuple[Pattern, ...]]:
    """Each pattern filed under the first words of its most selective requirement (or its
    preposition when it has no words); a pattern can only hold if one is present."""
    index: dict[str, list[Pattern]] = {}
    for pattern in patterns:
        requirements = [r for e in pattern.pre + pattern.post for r in e.words]
        if requirements:
            keys = {alt[0] for alt in min(requirements, key=len) if alt}
        else:
            keys = {p for e in pattern.post if e.preps for p in e.preps}
        for key in keys:
            index.setdefault(key, []).append(pattern)
    return {k: tuple(v) for k, v in index.items()}


def _words(item: str, synsets: dict[str, list[str]]) -> Alternatives:
    options: list[tuple[str, ...]] = [()]
    for part in item.split():
        if part.startswith("&"):
            members = synsets.get(part[1:], [part[1:]])
            options = [o + tuple(m.split()) for o in options for m in members]
        else:
            options = [o + (part,) for o in options]
    return tuple(options)


def _element(raw: dict, synsets: dict[str, list[str]]) -> Element:
    preps = raw.get("p")
    if isinstance(preps, str):
        preps = (preps,)
    elif preps is not None:
        preps = tuple(preps)
    return Element(preps, tuple(_words(w, synsets) for w in raw.get("w", [])), raw.get("role"), bool(raw.get("np")))


def _pattern(raw: dict, synsets: dict[str, list[str]]) -> Pattern:
    pre = tuple(_element(e, synsets) for e in raw.get("pre", []))
    post = tuple(_element(e, synsets) for e in raw.get("post", []))
    weight = sum(len(e.words) + (e.preps is not None) for e in pre + post)
    bare = not pre and all(e.preps is not None and not e.words for e in post)
    return Pattern(raw["id"], raw.get("code"), raw.get("reverse"), pre, post, weight, bare, raw.get("verb"))


@lru_cache(maxsize=1)
def verb_index() -> dict[str, tuple[VerbEntry, ...]]:
    """lemma -> the dictionary entries for it; the hand-written extensions override the
    default code of an entry (its specific patterns still apply) or add new lemmas."""
    return cached("verb-index", _build_verb_index, [Path(__file__), *data_files("newsevents.data.coding")])


def _build_verb_index() -> dict[str, tuple[VerbEntry, ...]]:
    data = load("verb_patterns.json")
    synsets = {**data["synsets"], **load("extensions.json").get("synsets", {})}
    index: dict[str, list[VerbEntry]] = {}
    for fam in data["families"]:
        patterns = tuple(_pattern(p, synsets) for p in fam["patterns"] if p.get("post") or p.get("pre"))
        # (a family with no code of its own codes only some members: no sense departs)
        senses = frozenset(v["lemma"] for v in fam["verbs"]
                           if fam.get("code") and "code" in v and v["code"] and v["code"] != fam["code"])
        for verb in fam["verbs"]:
            code = verb["code"] if "code" in verb else fam.get("code")
            reverse = verb.get("reverse") if "code" in verb else fam.get("reverse")
            entry = VerbEntry(verb["lemma"], tuple(verb.get("with", [])), code, reverse, fam["name"], patterns,
                              own_senses=senses)
            index.setdefault(entry.lemma, []).append(entry)
    for extra in load("extensions.json")["verbs"]:
        lemma = extra["lemma"]
        if extra.get("with"):
            # A phrasal verb the dictionary lacks ("let free"): added beside the plain verb.
            index.setdefault(lemma, []).append(VerbEntry(lemma, tuple(extra["with"]), extra["code"], extra.get("reverse"),
                                                         "EXTENSION", ()))
            continue
        plain = [e for e in index.get(lemma, []) if not e.particles]
        rest = [e for e in index.get(lemma, []) if e.particles]
        # Extension patterns in the dictionary's own form ("defended its policy" is
        # verbal support, 051, where the family default is protection, 074).
        own = tuple(_pattern({"id": f"EXT.{lemma}.{n}", **raw}, synsets) for n, raw in enumerate(extra.get("patterns", [])))
        patterns = own + tuple(p for e in plain for p in e.patterns)
        family = plain[0].family if plain else "EXTENSION"
        default = extra["code"] if "code" in extra else (plain[0].code if plain else None)
        index[lemma] = rest + [VerbEntry(lemma, (), default, extra.get("reverse"), family, patterns,
                                         bool(extra.get("needs_object")), plain[0].own_senses if plain else frozenset(),
                                         bool(extra.get("needs_clause")))]
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def nouns() -> dict[str, dict]:
    return load("extensions.json")["nouns"]


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    return frozenset(load("extensions.json")["light_verbs"])


@lru_cache(maxsize=1)
def frames() -> dict[str, dict]:
    """verb lemma -> its frame (appeal / intend) with the noun-code mapping."""
    out = {}
    for frame in load("extensions.json")["frames"].values():
        for lemma in frame["verbs"]:
            out[lemma] = frame
    return out


@lru_cache(maxsize=1)
def settings() -> dict:
    ext = load("extensions.json")
    return {
        "suppress": frozenset(ext["suppress_codes"]),
        "target_preps": tuple(ext["target_preps"]),
        "target_rank": {p: i for i, p in enumerate(ext["target_preps"])},
        "location_preps": frozenset(ext["location_preps"]),
        "noun_specific": ext["noun_specific"],
        "defer_roots": frozenset(ext["defer_roots"]),
        "content_target_roots": frozenset(ext["content_target_roots"]),
        "judged_act_codes": frozenset(ext["judged_act_codes"]),
        "intent_verbs": frozenset(ext["intent_verbs"]),
        "appeal_verbs": ext["appeal_verbs"],
        "cause_preps": tuple(ext["cause_preps"]),
        "cause_weapons": frozenset(ext["cause_weapons"]),
        "heavy_weapons": frozenset(ext["heavy_weapons"]),
        "background_years": ext["background_years"],
        "predicative_adjectives": frozenset(ext["predicative_adjectives"]),
        "sports_nouns": frozenset(ext["sports_nouns"]),
        "habitual_adverbs": frozenset(ext["habitual_adverbs"]),
        "question_words": frozenset(ext["question_words"]),
        "firing_verbs": frozenset(ext["firing_verbs"]),
        "joint_codes": frozenset(ext["joint_codes"]),
        "mutual_verbs": frozenset(ext["mutual_verbs"]),
        "document_nouns": frozenset(ext["document_nouns"]),
        "collective_nouns": frozenset(ext["collective_nouns"]),
        "intent_nouns": frozenset(ext["intent_nouns"]),
        "speech_verbs": frozenset(ext["speech_verbs"]),
        "purpose_verbs": frozenset(ext["purpose_verbs"]),
        "violent_roots": frozenset(ext["violent_roots"]),
        "auxiliary_verbs": frozenset(ext["auxiliary_verbs"]),
        "private_intent_verbs": frozenset(ext["private_intent_verbs"]),
        "armed_sectors": frozenset(ext["armed_sectors"]),
        "political_sectors": frozenset(ext["political_sectors"]),
        "party_verbs": frozenset(ext["party_verbs"]),
        "trip_verbs": frozenset(ext["trip_verbs"]),
        "party_roots": frozenset(ext["party_roots"]),
        "aim_participles": frozenset(ext["aim_participles"]),
        "naming": ext["naming"],
        "authored_nouns": frozenset(ext["authored_nouns"]),
        "political_heads": frozenset(ext["political_heads"]),
        "allegation_verbs": frozenset(ext["allegation_verbs"]),
        "about_preps": tuple(ext["about_preps"]),
        "blame_words": frozenset(ext["blame_words"]),
        "naming_participles": frozenset(ext["naming_participles"]),
        "circumstance_preps": frozenset(ext["circumstance_preps"]),
        "circumstance_nouns": frozenset(ext["circumstance_nouns"]),
        "idioms": {verb: frozenset(objects) for verb, objects in ext["idioms"].items()},
        "group_nouns": frozenset(ext["group_anaphors"]["nouns"]),
        "group_quantifiers": frozenset(ext["group_anaphors"]["quantifiers"]),
        "group_bare": frozenset(ext["group_anaphors"]["bare"]),
    }


@lru_cache(maxsize=1)
def _known_verbs() -> frozenset[str]:
    return frozenset(verb_index()) | light_verbs() | frozenset(frames())


def verb_lemma(token) -> str:
    """The token's lemma, or -- when the parser's lemma is no verb we know ('staged' ->
    'stag') -- the regular base form of the inflected word that is."""
    lemma = token.lemma_.lower()
    known = _known_verbs()
    if lemma in known:
        return lemma
    for candidate in _base_forms(token.lower_):
        if candidate in known:
            return candidate
    return lemma


def _base_forms(word: str) -> list[str]:
    out = []
    for suffix, replacements in (("ied", ("y",)), ("ies", ("y",)), ("ed", ("e", "")), ("ing", ("e", "")),
                                 ("es", ("",)), ("s", ("",))):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            out.extend(stem + r for r in replacements)
            if suffix in ("ed", "ing") and len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "stopped" -> "stop"
    return out
