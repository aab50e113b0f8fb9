"""Discard rules (sports, entertainment, history retrospectives) from Phoenix.discards."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span

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


def _hits(tokens: Doc | Span, by_first: dict[str, list[tuple[str, ...]]]) -> bool:
    lowers = [t.lower_ for t in tokens]
    for i, low in enumerate(lowers):
        for words in by_first.get(low, ()):
            if tuple(lowers[i:i + len(words)]) == words:
                return True
    return False


def story_discarded(doc: Doc) -> bool:
    return _hits(doc, _index()[0])


def sentence_discarded(sent: Span) -> bool:
    return _hits(sent, _index()[1])
