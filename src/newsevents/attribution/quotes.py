"""Quotes: direct quotations tied to their cue and speaker, plus indirect reported speech
(indirect.py).

`find_quotes(doc, actors)` is the stage's first half and depends only on the parse and the
actor mentions. A quote split around its cue ("A," he said, "B.") gives two Quote records
that share the cue and speaker, since a Quote's content is one contiguous span.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan, Token

from newsevents.attribution.cues import char_span, inside, is_cue_verb, token_span
from newsevents.attribution.direct import QuoteRegion, find_quote_regions
from newsevents.attribution.docindex import DocIndex, indexed
from newsevents.attribution.indirect import indirect_quotes
from newsevents.attribution.speakers import speaker_for, speaker_of_cue, subject_of
from newsevents.model import ActorMention, Quote, Span

# Below this many words a quoted string needs a verb to count as speech.
SHORT_QUOTE_WORDS = 7
# How far (characters) a cue sentence may stand from a quote it introduces or closes.
NEIGHBOUR_GAP = 3
DASH_BYLINE = re.compile(r"[ \t]*([―—–-]{1,2})[ \t]*([^\n,;(]{2,60})")


def _sentences_touching(doc: DocIndex, start: int, end: int) -> list[SpacySpan]:
    return doc.sentences_touching(start, end)


def _own_cue(doc: Doc, region: QuoteRegion, regions: list[QuoteRegion]) -> list[Token]:
    sents = _sentences_touching(doc, region.outer_start, region.outer_end)
    return [
        t
        for s in sents
        for t in s
        if not inside(t, regions) and is_cue_verb(t, direct=True) and _same_paragraph(doc.text, t.idx, region)
    ]


def _same_paragraph(text: str, char: int, region: QuoteRegion) -> bool:
    """spaCy's sentences can run across a paragraph break; a cue never does."""
    if char < region.outer_start:
        return "\n" not in text[char : region.outer_start]
    return "\n" not in text[region.outer_end : char]


def _neighbour_cue(doc: Doc, region: QuoteRegion, regions: list[QuoteRegion]) -> list[Token]:
    """'He said: <break> "…"' (even across a paragraph break) or '"…" He said.' in the
    same paragraph."""
    candidates: list[Token] = []
    for sent in doc.sents:
        gap_before = doc.text[sent.end_char : region.outer_start]
        before = 0 <= region.outer_start - sent.end_char <= NEIGHBOUR_GAP and sent.text.rstrip().endswith(":")
        gap_after = doc.text[region.outer_end : sent.start_char]
        after = 0 <= sent.start_char - region.outer_end <= NEIGHBOUR_GAP and "\n" not in gap_after and len(sent) <= 12
        if not (before or after) or (before and gap_before.count("\n") > 2):
            continue
        found = [t for t in sent if not inside(t, regions) and is_cue_verb(t, direct=True)]
        if not found and before and sent.root.pos_ == "VERB" and subject_of(sent.root) is not None:
            # "Caddell continued:" / "Trump wrote on Twitter:" introduce the quote too.
            found = [sent.root]
        candidates += found
    return candidates


def _nearest(region: QuoteRegion, candidates: list[Token]) -> Token | None:
    def distance(t: Token) -> int:
        if t.idx >= region.outer_end:
            return t.idx - region.outer_end
        return max(0, region.outer_start - t.idx)

    return min(candidates, key=distance) if candidates else None


def _continues(doc: Doc, previous: Quote | None, previous_region: QuoteRegion | None, region: QuoteRegion, max_breaks: int) -> bool:
    """A quote with no cue of its own continues the quote just before it (a second
    sentence after '"…," he said.', or the next paragraph of a long quotation)."""
    if previous is None or previous_region is None or previous.speaker is None:
        return False
    gap = doc.text[previous_region.outer_end : region.outer_start]
    return gap.count("\n") <= max_breaks and len(gap) < 400 and not _has_other_cue(doc, gap, previous_region, previous.cue)


def _direct_quotes(doc: Doc, actors: list[ActorMention], regions: list[QuoteRegion]) -> list[Quote]:
    quotes: list[Quote] = []
    previous: Quote | None = None
    previous_region: QuoteRegion | None = None
    for region in regions:
        speaker = None
        cue_span = None
        byline = _dash_byline(doc, region)
        own = _nearest(region, _own_cue(doc, region, regions))
        if byline is not None:
            cue_span, speaker = byline[0], speaker_for(doc, byline[1], actors)
        elif own is not None:
            cue_span, speaker = token_span(doc, own.i, own.i + 1), speaker_of_cue(doc, own, actors)
        elif _continues(doc, previous, previous_region, region, max_breaks=0):
            speaker, cue_span = previous.speaker, previous.cue
        else:
            neighbour = _nearest(region, _neighbour_cue(doc, region, regions))
            if neighbour is not None:
                cue_span = token_span(doc, neighbour.i, neighbour.i + 1)
                speaker = speaker_of_cue(doc, neighbour, actors)
        if speaker is None and _continues(doc, previous, previous_region, region, max_breaks=2):
            speaker, cue_span = previous.speaker, cue_span or previous.cue
        quote = Quote(speaker=speaker, content=char_span(doc, region.start, region.end), direct=True, cue=cue_span)
        quotes.append(quote)
        previous, previous_region = quote, region
    return quotes


def _dash_byline(doc: Doc, region: QuoteRegion) -> tuple[Span, Token] | None:
    """'"…" ― Maria Lopez, 34, Texas': a dash and a name closing the line sign the quote."""
    match = DASH_BYLINE.match(doc.text, region.outer_end)
    if match is None:
        return None
    names = doc.char_span(match.start(2), match.end(2), alignment_mode="expand")
    if names is None or not len(names):
        return None
    head = names.root
    for ent in names.ents:
        if ent.label_ in {"PERSON", "ORG"}:
            head = ent.root
            break
    return char_span(doc, match.start(1), match.end(1)), head


def _has_other_cue(doc: Doc, gap: str, region: QuoteRegion, own_cue: Span | None) -> bool:
    """Whether text between two quotes introduces someone else (a cue verb not the first quote's)."""
    span = doc.char_span(region.outer_end, region.outer_end + len(gap), alignment_mode="contract")
    if span is None:
        return False
    return any(
        is_cue_verb(t, direct=True) and subject_of(t) is not None and (own_cue is None or t.idx != own_cue.start) for t in span
    )


def _is_quoted_speech(doc: Doc, region: QuoteRegion) -> bool:
    """Whole quoted utterances, not phrases quoted inside the narrator's sentence.

    'called the plan "a disaster for the region"' quotes words, not a statement: the mark
    follows a word that is not a speech verb. Short quoted strings without a verb are
    titles or scare quotes ("The Apprentice", "strong leader").
    """
    before = doc.text[: region.outer_start].rstrip(" \t")
    if before and (before[-1].isalnum() or before[-1] in {"'", "’"}):
        token = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        word = token[-1] if token is not None and len(token) else None
        if word is None or not is_cue_verb(word, direct=True):
            return False
    content = doc.char_span(region.start, region.end, alignment_mode="expand")
    if content is None:
        return True
    words = [t for t in content if t.is_alpha]
    if len(words) < SHORT_QUOTE_WORDS and not any(t.pos_ in {"VERB", "AUX"} for t in content):
        return False
    return True


def find_quotes(doc: Doc | DocIndex, actors: list[ActorMention]) -> list[Quote]:
    doc = indexed(doc)
    regions = [r for r in find_quote_regions(doc.text) if _is_quoted_speech(doc, r)]
    quotes = _direct_quotes(doc, actors, regions) + indirect_quotes(doc, actors, regions)
    return sorted(quotes, key=lambda q: (q.content.start, q.content.end))
