"""Dictionary and agent phrases found in a Doc by token-keyed dict lookups.

Each token position costs one dict probe on its lower-cased text (plus one per candidate
length when a name starts there), so matching is linear in the article, not in the
dictionary.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from newsevents.actors.knowledge import Knowledge

# Names are matched only where the text itself marks a name; "us", "chad" or "turkey" in
# running lower-case text are words, not actors.
# Lower-case particles that may begin a name ("al-Qaeda", "el-Baradei").
NAME_PARTICLES = {"al", "el"}
NON_NAME_POS = {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "PUNCT", "NUM", "SPACE"}


@dataclass
class Match:
    start: int
    end: int  # exclusive token index
    key: str
    value: object  # entry index (names) or sector string (agents)


def _longest(words: list[str], i: int, table, spans, alt_last: list[str] | None = None, accept=None) -> tuple[int, str] | None:
    longest = spans.get(words[i], 0)
    if alt_last is not None:
        longest = max(longest, spans.get(alt_last[i], 0))
    # the dictionaries spell "Asia-Pacific" ASIA_PACIFIC: a hyphen in the text costs a token
    hyphens = words[i : i + longest + 2].count("-") if longest > 1 else 0
    for n in range(min(longest + hyphens, len(words) - i), 0, -1):
        if accept is not None and not accept(i + n - 1):
            continue
        key = " ".join(words[i : i + n])
        if key in table:
            return n, key
        if hyphens and " - " in key and key.replace(" - ", " ") in table:
            return n, key.replace(" - ", " ")
        if alt_last is not None:
            # Agents are listed in the singular: try the lemma of the last word ("separatists").
            lemma_key = " ".join(words[i : i + n - 1] + [alt_last[i + n - 1]])
            if lemma_key in table:
                return n, lemma_key
    return None


def _name_like(tok) -> bool:
    # "US" in capitals is the country even when the tagger reads it as the pronoun.
    return tok.text[:1].isupper() and (tok.pos_ not in NON_NAME_POS or (tok.text.isupper() and len(tok.text) > 1))


def name_matches(doc: Doc, kn: Knowledge, lowers: list[str]) -> list[Match]:
    found: list[Match] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        particle = lowers[i] in NAME_PARTICLES
        if lowers[i] in kn.name_span and (_name_like(tok) or particle):
            hit = _longest(lowers, i, kn.names, kn.name_span)
            if hit and particle and not tok.text[:1].isupper() and not (hit[0] > 1 and doc[i + hit[0] - 1].text[:1].isupper()):
                hit = None  # "al-Qaeda" starts in lower case; a lone "al" is no name
            if hit and doc[i + hit[0] - 1].text[:1].isupper() | (hit[0] > 1):
                found.append(Match(i, i + hit[0], hit[1], kn.names[hit[1]]))
                i += hit[0]
                continue
        singular = people_singular(tok, kn)
        if singular:  # "Nigerians": the dictionaries list the adjective, not the plural noun
            found.append(Match(i, i + 1, singular, kn.names[singular]))
        i += 1
    return found


def people_singular(tok, kn: Knowledge) -> str | None:
    """The nationality word a plural people-noun is made of ("Albanians" -> "albanian"), when
    it names a country's people; None for country names that merely end in -s ("Philippines")."""
    low = tok.lower_
    if not (tok.tag_ in ("NNS", "NNPS") and tok.text[:1].isupper() and low.endswith("s") and len(low) > 3):
        return None
    for key in (tok.lemma_.lower(), low[:-1]):
        if key != low and key in kn.names:
            prefixes = {c[0][:3] for c in kn.codes[kn.names[key]]}  # IRQ and IRQOCC are both Iraq
            code = prefixes.pop() if len(prefixes) == 1 else None
            if code and code in kn.countries and low not in kn.countries[code].get("name", "").lower().split():
                return key
    return None


def agent_matches(doc: Doc, kn: Knowledge, lowers: list[str], lemmas: list[str], taken: set[int]) -> list[Match]:
    found: list[Match] = []
    name_heads = set(kn.ext["org_heads"]) | set(kn.ext["place_heads"])
    i = 0
    while i < len(doc):
        if i not in taken and (lowers[i] in kn.agent_span or lemmas[i] in kn.agent_span):
            hit = _longest(lowers, i, kn.agents, kn.agent_span, lemmas, accept=lambda j: doc[j].pos_ in ("NOUN", "PROPN"))
            if hit and not any(j in taken for j in range(i, i + hit[0])):
                last = doc[i + hit[0] - 1]
                # "rebel offensive", "police station": the agent only modifies another noun
                # (a title before a name, "Secretary-General Jens Stoltenberg", is kept),
                # unless that noun is a weapon acting as subject ("army bulldozers demolished").
                # "the Sovereign State of Biafra": a capitalised noun an organisation or place is
                # named by heads a name, and an agent word modifying it is part of that name.
                modifier = last.dep_ in ("compound", "amod") and last.head.i >= i + hit[0] and (
                    last.head.pos_ == "NOUN" or (last.head.pos_ == "PROPN" and last.head.lower_ in name_heads)) \
                    and not (last.head.lemma_.lower() in kn.ext["equipment"] and is_subject(last.head))
                if hit[1] in kn.ext["equipment"] or lemmas[i + hit[0] - 1] in kn.ext["equipment"]:
                    modifier = modifier or not is_subject(last)
                if not modifier and not supplied(last, kn):
                    found.append(Match(i, i + hit[0], hit[1], kn.agents[hit[1]]))
                    i += hit[0]
                    continue
        i += 1
    return found


def is_subject(tok) -> bool:
    """Subject of its clause, directly or as a conjunct ("helicopters and tanks shelled")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass")


def supplied(tok, kn: Knowledge) -> bool:
    """"provide the separatists with support, training, forces": a supply, not a party."""
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ == "with" and prep.head.lemma_.lower() in kn.ext["supply_verbs"]
