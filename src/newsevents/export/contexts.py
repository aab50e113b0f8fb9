"""PLOVER contexts of an event: from its CAMEO code, its actors' roles and its sentence's words.

Three signals, all data: the CAMEO->PLOVER table's context column (0311 is an economic
agreement), actor roles that are a context by themselves (MIL -> military), and keywords
(data/export/plover_contexts.json, from Phoenix.IssueCoding.txt and the PLOVER manual).
Keywords are looked up as token n-grams in a dict, which is linear in the sentence length
whatever the number of keywords (4,000); an exclusion phrase ("democratic party")
cancels the keywords inside it ("democratic"). Hand-written: the lookup is ten lines,
and a keyword library would need the phrase list turned into its own format anyway.
"""

from __future__ import annotations

import re
from functools import cache

from newsevents.export.reference import load

_TOKEN = re.compile(r"[a-z0-9]+")


@cache
def _data() -> tuple[dict, dict, dict, dict, set[str]]:
    data = load("plover_contexts.json")
    keywords = {k: tuple(v) for k, v in data["keywords"].items()}
    exclusions = {k: tuple(v) for k, v in data["exclusions"].items()}
    # First word -> longest phrase it starts: most words start none, so most tokens cost
    # one set lookup.
    starts: dict[str, int] = {}
    for phrase in (*keywords, *exclusions):
        words = phrase.split()
        starts[words[0]] = max(starts.get(words[0], 0), len(words))
    return keywords, exclusions, data["sectors"], starts, set(data["contexts"])


def _matches(tokens: list[str], table: dict, starts: dict[str, int]) -> list[tuple[int, int, tuple]]:
    found = []
    for i, token in enumerate(tokens):
        longest = starts.get(token)
        if not longest:
            continue
        for n in range(1, min(longest, len(tokens) - i) + 1):
            hit = table.get(" ".join(tokens[i : i + n]))
            if hit:
                found.append((i, i + n, hit))
    return found


def keyword_contexts(text: str | None) -> set[str]:
    if not text:
        return set()
    keywords, exclusions, _, starts, _ = _data()
    tokens = _TOKEN.findall(text.lower())
    excluded = _matches(tokens, exclusions, starts)
    out: set[str] = set()
    for start, end, contexts in _matches(tokens, keywords, starts):
        for s, e, gone in excluded:
            if s <= start and end <= e:
                contexts = tuple(c for c in contexts if c not in gone)
        out.update(contexts)
    return out


def cameo_context(code: str | None) -> str | None:
    """The context column of the CAMEO->PLOVER table for this code (or its parent)."""
    if not code:
        return None
    from newsevents.coding.data import load as coding_data

    table = coding_data("cameo_plover.json")
    for key in (code, code[:3], code[:2]):
        row = table.get(key)
        if row:
            return row[2] if len(row) > 2 else None
    return None


def contexts_of(text: str | None, cameo_code: str | None, *actor_codes: str | None) -> list[str]:
    _, _, sectors, _, known = _data()
    out = keyword_contexts(text)
    implied = cameo_context(cameo_code)
    if implied:
        out.add(implied)
    for code in actor_codes:
        if not code:
            continue
        if code in sectors:
            out.update(sectors[code])
        for i in range(3, len(code), 3):
            out.update(sectors.get(code[i : i + 3], ()))
    # Only the manual's general contexts (the CAMEO->PLOVER table also names a few
    # event-specific ones, such as 'humanitarian').
    return sorted(c for c in out if c in known)
