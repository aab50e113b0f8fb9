"""Document tone in GDELT's units, from VADER (vaderSentiment), not GDELT's own tone.

GDELT's AvgTone is (positive words - negative words) / words x 100 over the document.
VADER's `pos` and `neg` are the shares of a text's words that carry positive and negative
valence, so 100 x (pos - neg), weighted by each sentence's word count, is the same
measure with VADER's lexicon. Sentences are scored one at a time because VADER's cost
grows faster than linearly with the length of one text (a 3,000-character article as one
text costs 4x its sentences scored apart).
"""

from __future__ import annotations

import re
from functools import cache

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")
_WORD = re.compile(r"\w+")


@cache
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_ends(text: str | None) -> list[int]:
    """Offsets where a sentence after the first begins (the same split the tone uses)."""
    return [m.end() for m in _SENTENCE_END.finditer(text)] if text else []


def tone(text: str | None) -> float | None:
    if not text or not text.strip():
        return None
    analyzer = _analyzer()
    total = 0.0
    words = 0
    for sentence in _SENTENCE_END.split(text):
        n = len(_WORD.findall(sentence))
        if not n:
            continue
        scores = analyzer.polarity_scores(sentence)
        total += (scores["pos"] - scores["neg"]) * n
        words += n
    return round(100 * total / words, 4) if words else None
