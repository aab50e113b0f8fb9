"""A Doc with its text, sentences and entities computed once.

spaCy rebuilds `doc.text`, `doc.sents` and `doc.ents` on every access; the attribution
functions consult them per quote and per event, so they get this wrapper instead. It
behaves like the Doc for everything else they use (indexing, slicing, char_span).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc


class DocIndex:
    """Computed lazily: a caller that never needs the sentences never pays for them."""

    __slots__ = ("doc", "_text", "_sents", "_ents", "_sent_starts", "_sent_ends")

    def __init__(self, doc: Doc):
        self.doc = doc
        self._text = self._sents = self._ents = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.doc.text
        return self._text

    @property
    def sents(self) -> list:
        if self._sents is None:
            self._sents = list(self.doc.sents)
            self._sent_starts = [s.start_char for s in self._sents]
            self._sent_ends = [s.end_char for s in self._sents]
        return self._sents

    @property
    def ents(self) -> tuple:
        if self._ents is None:
            self._ents = tuple(self.doc.ents)
        return self._ents

    def __getitem__(self, key):
        return self.doc[key]

    def __len__(self) -> int:
        return len(self.doc)

    def __iter__(self):
        return iter(self.doc)

    def char_span(self, *args, **kwargs):
        return self.doc.char_span(*args, **kwargs)

    def sentences_touching(self, start: int, end: int) -> list:
        sents = self.sents
        first = bisect_right(self._sent_ends, start)
        last = bisect_left(self._sent_starts, end)
        return sents[first:last]


def indexed(doc: Doc | DocIndex) -> DocIndex:
    return doc if isinstance(doc, DocIndex) else DocIndex(doc)
