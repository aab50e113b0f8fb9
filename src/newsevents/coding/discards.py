"""Discard rules (sports, entertainment, history retrospectives) from Phoenix.discards."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from newsevents.coding.data import load


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[tuple[str, ...]]], dict[str, list[tuple[str, ...]]]]:
    """Phrases indexed by their first word, so a text is checked in one pass over tokens."""
    data = load("discards.json")
    out = []
    for level in ("story", "sentence"):
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in data[level]:
            words = tuple(phrase.split())
            by_first.setdefault(words[0], []).append(words)
        out.append(by_first)
    return out[0], out[1]


def doc_lowers(doc: Doc) -> list[str]:
    strings = doc.vocab.strings
    return [strings[h] for h in doc.to_array("LOWER").tolist()]


def _hits(lowers: list[str], by_first: dict[str, list[tuple[str, ...]]]) -> list[int]:
    hits = []
    for i, low in enumerate(lowers):
        for words in by_first.get(low, ()):
            if tuple(lowers[i:i + len(words)]) == words:
                hits.append(i)
                break
    return hits


def story_discarded(lowers: list[str]) -> bool:
    return bool(_hits(lowers, _index()[0]))


def discarded_tokens(lowers: list[str]) -> list[int]:
    """Token indices where a sentence-level discard phrase starts."""
    return _hits(lowers, _index()[1])
