"""Is this English prose at all? The coder's patterns and the parser are English-only:
text in another language or without words would be coded from noise."""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+")
# English news has ~40% function words; other languages in Latin script have almost none
# of spaCy's English list beyond names and loanwords.
MIN_FUNCTION_SHARE = 0.08
MIN_WORDS_TO_JUDGE = 20
MIN_LATIN_SHARE = 0.5


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def not_english(text: str) -> str | None:
    """Why `text` cannot be analysed as English, or None when it can."""
    words = _WORD.findall(text[:20_000])
    if not words:
        return "no words in the text (only digits, symbols or emoji)"
    letters = sum(len(w) for w in words)
    latin = sum(1 for w in words for ch in w if ch <= "\u024f")  # Basic Latin to Latin Extended-B
    if latin / letters < MIN_LATIN_SHARE:
        return "not English: most letters are not in the Latin alphabet"
    if len(words) >= MIN_WORDS_TO_JUDGE:
        stop = _function_words()
        share = sum(1 for w in words if w.lower() in stop) / len(words)
        if share < MIN_FUNCTION_SHARE:
            return f"not English: only {share:.0%} of the words are English function words"
    return None
