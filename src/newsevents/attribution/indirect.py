"""Indirect reported speech: "X said (that) ...", "..., X said", "according to X, ...",
"X's claim that ...", and verbs that report through their object ("urged X to ...")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsevents.attribution.cues import inside, is_cue_verb, is_negated, summed_up, token_span
from newsevents.attribution.direct import QuoteRegion
from newsevents.attribution.docindex import DocIndex
from newsevents.attribution.speakers import noun_speaker, speaker_for, speaker_of_cue, subject_of
from newsevents.attribution.vocab import vocabulary
from newsevents.model import ActorMention, Quote

# Tokens stripped from the edges of an indirect content span.
EDGE_PUNCT = {",", ";", ":", "--", "—", "–", "-"}
MIN_INDIRECT_TOKENS = 3
# Prepositions whose phrase carries what an object-reporting verb says ("blamed X for Y").
CONTENT_PREPS = {"for", "as", "over", "of"}


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


def _indirect_content(cue: Token) -> tuple[int, int] | None:
    """Token range of what a cue verb reports, from its complement or the clause it adjoins."""
    for child in cue.children:
        if child.dep_ == "ccomp" and not _is_parenthetical_cue(child) and not summed_up(cue, child):
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


def indirect_quotes(doc: Doc, actors: list[ActorMention], regions: list[QuoteRegion]) -> list[Quote]:
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
        if inside(cue, regions) or not is_cue_verb(cue) or is_negated(cue):
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
        quotes.append(Quote(speaker, token_span(doc, start, end), False, token_span(doc, cue.i, cue.i + 1)))
    for cue, clause in _noun_cues(doc):
        if inside(cue, regions):
            continue
        start, end = _trim(doc, clause.left_edge.i, min(clause.right_edge.i + 1, cue.sent.end))
        if not keep(start, end):
            continue
        speaker = noun_speaker(doc, cue, actors)
        quotes.append(Quote(speaker, token_span(doc, start, end), False, token_span(doc, cue.i, cue.i + 1)))
    for cue, speaker_head, start, end in _according_to(doc):
        if inside(cue, regions):
            continue
        start, end = _trim(doc, start, end)
        if not keep(start, end):
            continue
        speaker = speaker_for(doc, speaker_head, actors)
        quotes.append(Quote(speaker, token_span(doc, start, end), False, token_span(doc, cue.i, cue.i + 2)))
    return quotes
