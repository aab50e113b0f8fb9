"""Quotes: direct quotations tied to their cue and speaker, and indirect reported speech.

`find_quotes(doc, actors)` is the stage's first half and depends only on the parse and the
actor mentions. A quote split around its cue ("A," he said, "B.") gives two Quote records
that share the cue and speaker, since a Quote's content is one contiguous span.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan, Token

from newsevents.attribution.docindex import DocIndex, indexed
from newsevents.attribution.direct import QuoteRegion, find_quote_regions
from newsevents.attribution.speakers import noun_speaker, speaker_for, speaker_of_cue, subject_of
from newsevents.attribution.vocab import vocabulary
from newsevents.model import ActorMention, Quote, Span

# Tokens stripped from the edges of an indirect content span.
EDGE_PUNCT = {",", ";", ":", "--", "—", "–", "-"}
MIN_INDIRECT_TOKENS = 3
# Prepositions whose phrase carries what an object-reporting verb says ("blamed X for Y").
CONTENT_PREPS = {"for", "as", "over", "of"}
# Below this many words a quoted string needs a verb to count as speech.
SHORT_QUOTE_WORDS = 7
# How far (characters) a cue sentence may stand from a quote it introduces or closes.
NEIGHBOUR_GAP = 3
DASH_BYLINE = re.compile(r"[ \t]*([―—–-]{1,2})[ \t]*([^\n,;(]{2,60})")


def _span(doc: Doc, start_char: int, end_char: int) -> Span:
    return Span(doc.text[start_char:end_char], start_char, end_char)


def _token_span(doc: Doc, start: int, end: int) -> Span:
    tokens = doc[start:end]
    return Span(tokens.text, tokens.start_char, tokens.end_char)


def is_cue_verb(token: Token, direct: bool = False) -> bool:
    """A verb that attributes speech. For direct quotes only the verbs of saying count:
    a nearby 'found' or 'spoke about' rarely introduces the quotation."""
    vocab = vocabulary()
    if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {"VBD", "VBZ", "VBP", "VBN", "VBG", "VB"}:
        return False
    lemma = token.lemma_.lower()
    if lemma in vocab.speech_verbs or not direct and (lemma in vocab.object_content_verbs or lemma in vocab.topic_verbs):
        return True
    return lemma == "make" and _makes_clear(token)


def _makes_clear(token: Token) -> bool:
    """'made clear (that) ...': 'clear' may hang anywhere in spaCy's parse."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.lower_ in vocabulary().make_phrase_objects


def _inside(token: Token, regions: list[QuoteRegion]) -> bool:
    return any(r.outer_start <= token.idx < r.outer_end for r in regions)


def _sentences_touching(doc: DocIndex, start: int, end: int) -> list[SpacySpan]:
    return doc.sentences_touching(start, end)


def _own_cue(doc: Doc, region: QuoteRegion, regions: list[QuoteRegion]) -> list[Token]:
    sents = _sentences_touching(doc, region.outer_start, region.outer_end)
    return [
        t
        for s in sents
        for t in s
        if not _inside(t, regions) and is_cue_verb(t, direct=True) and _same_paragraph(doc.text, t.idx, region)
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
        found = [t for t in sent if not _inside(t, regions) and is_cue_verb(t, direct=True)]
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
            cue_span, speaker = _token_span(doc, own.i, own.i + 1), speaker_of_cue(doc, own, actors)
        elif _continues(doc, previous, previous_region, region, max_breaks=0):
            speaker, cue_span = previous.speaker, previous.cue
        else:
            neighbour = _nearest(region, _neighbour_cue(doc, region, regions))
            if neighbour is not None:
                cue_span = _token_span(doc, neighbour.i, neighbour.i + 1)
                speaker = speaker_of_cue(doc, neighbour, actors)
        if speaker is None and _continues(doc, previous, previous_region, region, max_breaks=2):
            speaker, cue_span = previous.speaker, cue_span or previous.cue
        quote = Quote(speaker=speaker, content=_span(doc, region.start, region.end), direct=True, cue=cue_span)
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
    return _span(doc, match.start(1), match.end(1)), head


def _has_other_cue(doc: Doc, gap: str, region: QuoteRegion, own_cue: Span | None) -> bool:
    """Whether text between two quotes introduces someone else (a cue verb not the first quote's)."""
    span = doc.char_span(region.outer_end, region.outer_end + len(gap), alignment_mode="contract")
    if span is None:
        return False
    return any(
        is_cue_verb(t, direct=True) and subject_of(t) is not None and (own_cue is None or t.idx != own_cue.start) for t in span
    )


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].text in EDGE_PUNCT or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in EDGE_PUNCT or doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text in {".", "!", "?"}):
        end -= 1
    return start, end


def _is_parenthetical_cue(token: Token) -> bool:
    """'..., Dolhov said, ...' parsed as the complement of the verb it actually reports on."""
    return (
        is_cue_verb(token)
        and subject_of(token) is not None
        and not any(c.dep_ == "ccomp" for c in token.children)
        and token.i > 0
        and token.left_edge.i > 0
        and token.doc[token.left_edge.i - 1].text in {",", "—", "–"}
    )


def _is_negated(verb: Token) -> bool:
    """'he did not say if ...' reports nothing; a conjoined verb shares its head's negation."""
    current = verb
    for _ in range(3):
        if any(c.dep_ == "neg" for c in current.children):
            return True
        if current.dep_ != "conj" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in current.children):
            return False
        current = current.head
    return False


def _indirect_content(cue: Token) -> tuple[int, int] | None:
    """Token range of what a cue verb reports, from its complement or the clause it adjoins."""
    for child in cue.children:
        if child.dep_ == "ccomp" and not _is_parenthetical_cue(child):
            start = child.left_edge.i
            # 'made clear (that) ...': spaCy often hangs 'clear' inside the complement.
            while start <= child.i and cue.doc[start].lower_ in vocabulary().make_phrase_objects:
                start += 1
            return start, child.right_edge.i + 1
    if cue.lemma_.lower() in vocabulary().object_content_verbs:
        xcomps = [c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i]
        objects = [c for c in cue.children if c.dep_ in {"dobj", "dative"} and c.i > cue.i]
        if xcomps:
            # "urged supporters to vote": the addressee and what they are asked to do.
            start = min([o.left_edge.i for o in objects] + [xcomps[0].left_edge.i])
            return start, xcomps[0].right_edge.i + 1
        if objects and objects[0].pos_ not in {"PRON"}:
            end = objects[0].right_edge.i + 1
            # "criticized Kaine for his work defending ...": the charge belongs to the content.
            for prep in cue.rights:
                if prep.dep_ == "prep" and prep.i >= end and prep.lower_ in CONTENT_PREPS:
                    end = prep.right_edge.i + 1
            return objects[0].left_edge.i, end
    if cue.lemma_.lower() in vocabulary().topic_verbs:
        for prep in cue.children:
            if prep.dep_ == "prep" and prep.lower_ in vocabulary().topic_preps:
                objects = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
                if objects:
                    return objects[0].left_edge.i, objects[0].right_edge.i + 1
    if cue.dep_ in {"parataxis", "ccomp"} and cue.head is not cue:
        # "Russia continued to arm them, he said": the cue hangs off the reported clause.
        head = cue.head
        while head.dep_ == "conj" and head.head.i < head.i and cue.i > head.i:
            # "A did X, but B did Y, the source added": the cue reports both conjuncts.
            head = head.head
        if cue.dep_ == "ccomp" and cue.i < head.i:
            return None  # it is itself what the head verb reports
        if cue.i > head.i:
            if is_cue_verb(head) and any(c.dep_ == "ccomp" and c is not cue for c in head.children):
                return None
            return head.left_edge.i, cue.left_edge.i
        return cue.right_edge.i + 1, head.right_edge.i + 1
    return None


def _according_to(doc: Doc) -> list[tuple[Token, Token, int, int]]:
    """(cue 'according', speaker head, content start, content end) per 'according to X'."""
    found = []
    for token in doc:
        if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        to = doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects:
            continue
        phrase_start = token.i
        phrase_end = max(objects[0].right_edge.i, to.i) + 1
        sent = token.sent
        left = (sent.start, phrase_start)
        right = (phrase_end, sent.end)
        start, end = max((left, right), key=lambda r: r[1] - r[0])
        found.append((token, objects[0], start, end))
    return found


def _within_paragraph(doc: DocIndex, anchor: int, start: int, end: int) -> tuple[int, int]:
    """Cut a token range at paragraph breaks, keeping the side where the cue stands."""
    for i in range(start, end):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            if i < anchor:
                start = i + 1
            else:
                end = i + (0 if "\n" in doc[i].text else 1)
                break
    return start, end


def _noun_cues(doc: DocIndex) -> list[tuple[Token, Token]]:
    """(noun, clause) for "the claim that ...", "his statement that ...": the clause opens
    with 'that' and has a subject of its own (so it is not a relative clause)."""
    nouns = vocabulary().speech_nouns
    found = []
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in nouns:
            continue
        for child in token.rights:
            if child.dep_ in {"acl", "ccomp", "relcl", "appos"} and any(
                c.lower_ == "that" and c.i < child.i for c in child.children
            ) and any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in {"that", "which", "who"} for c in child.children):
                found.append((token, child))
                break
    return found


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _indirect_quotes(doc: Doc, actors: list[ActorMention], regions: list[QuoteRegion]) -> list[Quote]:
    quotes: list[Quote] = []
    direct_chars = [(r.outer_start, r.outer_end) for r in regions]

    def keep(start: int, end: int) -> bool:
        if end - start < MIN_INDIRECT_TOKENS:
            return False
        chars = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        covered = sum(_overlaps(chars, d) for d in direct_chars)
        # Mostly a direct quotation already: the direct quote carries it.
        return covered * 2 < chars[1] - chars[0]

    for cue in doc:
        if _inside(cue, regions) or not is_cue_verb(cue) or _is_negated(cue):
            continue
        content = _indirect_content(cue)
        if content is None:
            continue
        start, end = _within_paragraph(doc, cue.i, *content)
        sent = cue.sent
        start, end = _trim(doc, max(start, sent.start), min(end, sent.end))
        if not keep(start, end):
            continue
        speaker = speaker_of_cue(doc, cue, actors)
        quotes.append(Quote(speaker, _token_span(doc, start, end), False, _token_span(doc, cue.i, cue.i + 1)))
    for cue, clause in _noun_cues(doc):
        if _inside(cue, regions):
            continue
        start, end = _trim(doc, clause.left_edge.i, min(clause.right_edge.i + 1, cue.sent.end))
        if not keep(start, end):
            continue
        speaker = noun_speaker(doc, cue, actors)
        quotes.append(Quote(speaker, _token_span(doc, start, end), False, _token_span(doc, cue.i, cue.i + 1)))
    for cue, speaker_head, start, end in _according_to(doc):
        if _inside(cue, regions):
            continue
        start, end = _trim(doc, start, end)
        if not keep(start, end):
            continue
        speaker = speaker_for(doc, speaker_head, actors)
        quotes.append(Quote(speaker, _token_span(doc, start, end), False, _token_span(doc, cue.i, cue.i + 2)))
    return quotes


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
    quotes = _direct_quotes(doc, actors, regions) + _indirect_quotes(doc, actors, regions)
    return sorted(quotes, key=lambda q: (q.content.start, q.content.end))
