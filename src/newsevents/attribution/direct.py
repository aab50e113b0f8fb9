"""Direct quotations: the character spans between quotation marks.

Quotation marks are paired per paragraph; a quote left open at the end of a paragraph
runs to the paragraph's end, as news style reopens a quote that continues in the next
paragraph without closing the first. Scare quotes (one or two words, "nonsense") are not
quotations of speech and are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENERS = {"“": "”", "„": "“", "«": "»", '"': '"'}
CLOSERS = {"”", "»", '"'}
# Typewriter style in some archives (NYT): ``quote'' or ''quote''.
ASCII_DOUBLES = {"''", "``"}
# A quoted phrase shorter than this is a title or a scare quote, unless it is a whole
# utterance ending in punctuation ("No," he said.)
MIN_WORDS = 4
MIN_UTTERANCE_WORDS = 2
UTTERANCE_END = (",", ".", "!", "?", "…")


@dataclass(frozen=True)
class QuoteRegion:
    """Inner content [start, end) and the marks' outer extent [outer_start, outer_end)."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    continues: bool = False  # left open at a paragraph end


def _paragraphs(text: str):
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end == -1:
            end = len(text)
        yield start, end
        start = end + 1


def _marks(text: str, start: int, end: int):
    """(position, width, character) of each quotation mark; ASCII '' and `` count as "."""
    i = start
    while i < end:
        pair = text[i : i + 2]
        if pair in ASCII_DOUBLES:
            yield i, 2, '"'
            i += 2
            continue
        if text[i] in OPENERS or text[i] in CLOSERS:
            yield i, 1, text[i]
        i += 1


def _pairs_in(text: str, start: int, end: int):
    """(outer start, outer end, content start, content end, left open) of each quotation.

    Curly marks nest (“… what he calls “hell” …”); straight marks toggle."""
    open_at = -1
    inner = -1
    expected = ""
    depth = 0
    for i, width, ch in _marks(text, start, end):
        if open_at >= 0:
            if expected != '"' and ch in OPENERS and ch != '"' and ch != expected:
                if text[:i].rstrip()[-1:].isalnum():
                    depth += 1  # a phrase quoted inside the quotation
                else:
                    # A new quotation after a sentence: the first was never closed.
                    open_at, inner, depth = i, i + width, 0
            elif ch == expected or (ch in CLOSERS and expected != '"' and ch != '"'):
                if depth:
                    depth -= 1
                    continue
                yield open_at, i + width, inner, i, False
                open_at = -1
        elif ch in OPENERS:
            open_at, inner, expected, depth = i, i + width, OPENERS[ch], 0
    if open_at >= 0:
        yield open_at, end, inner, end, True


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_utterance(content: str) -> bool:
    words = content.split()
    if len(words) >= MIN_WORDS:
        return True
    return len(words) >= MIN_UTTERANCE_WORDS and content.rstrip().endswith(UTTERANCE_END)


def find_quote_regions(text: str) -> list[QuoteRegion]:
    regions = []
    for p_start, p_end in _paragraphs(text):
        for outer_start, outer_end, inner_start, inner_end, continues in _pairs_in(text, p_start, p_end):
            start, end = _trimmed(text, inner_start, inner_end)
            if end > start and is_utterance(text[start:end]):
                regions.append(QuoteRegion(start, end, outer_start, outer_end, continues))
    return regions
