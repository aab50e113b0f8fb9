"""`newsevents eval dedup`: ECB+ documents rebuilt with offsets, and the scores themselves."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.evaluate.dedup import DEFAULT_CORPUS, b_cubed, figures, pairwise, read_corpus, read_document

DOC = """<Document doc_name="9_1ecbplus.xml" doc_id="X">
<token t_id="1" sentence="0" number="0">http://example.org/2013/may/03/story</token>
<token t_id="2" sentence="1" number="0">Police</token>
<token t_id="3" sentence="1" number="1">arrested</token>
<token t_id="4" sentence="1" number="2">the</token>
<token t_id="5" sentence="1" number="3">man</token>
<token t_id="6" sentence="1" number="4">(</token>
<token t_id="7" sentence="1" number="5">42</token>
<token t_id="8" sentence="1" number="6">)</token>
<token t_id="9" sentence="1" number="7">.</token>
<token t_id="10" sentence="2" number="0">He</token>
<token t_id="11" sentence="2" number="1">was</token>
<token t_id="12" sentence="2" number="2">n't</token>
<token t_id="13" sentence="2" number="3">charged</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<NEG_ACTION_OCCURRENCE m_id="2"><token_anchor t_id="13"/></NEG_ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="3"><token_anchor t_id="5"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="9" RELATED_TO="" TAG_DESCRIPTOR="t9_arrest" instance_id="ACT1"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><target m_id="9"/></CROSS_DOC_COREF>
</Relations>
</Document>
"""


def test_a_document_is_rebuilt_with_every_gold_mention_at_its_offsets(tmp_path):
    path = tmp_path / "9_1ecbplus.xml"
    path.write_text(DOC)
    doc = read_document(path)
    assert doc.text == "Police arrested the man (42).\nHe wasn't charged\n"
    assert (doc.url, doc.published, doc.topic) == ("http://example.org/2013/may/03/story", date(2013, 5, 3), tmp_path.name)
    spans = {m.m_id: (doc.text[m.start:m.end], m.chain, m.sentence) for m in doc.mentions}
    # The person is no action; the negated act without a chain is its own singleton.
    assert spans == {"1": ("arrested", "ACT1", 1), "2": ("charged", "9_1ecbplus/singleton/2", 2)}
    assert doc.article().outlet == "example.org"


def test_pairwise_and_b_cubed_on_a_worked_example():
    key = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
    response = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "z"}
    assert pairwise(key, response) == (1, 2, 4)
    p, r = b_cubed(key, response)
    # a, b: 2/2 precise, 2/3 recalled; c: 1/2, 1/3; d: 1/2, 1/2; e: 1, 1/2.
    assert p == pytest.approx((1 + 1 + 0.5 + 0.5 + 1) / 5)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 0.5 + 0.5) / 5)
    f = figures(key, response)
    assert (f["pairwise_precision"], f["pairwise_recall"]) == (0.5, 0.25)
    # Nothing merged: pairwise precision is undefined, not zero.
    assert figures(key, {i: i for i in key})["pairwise_precision"] is None


@pytest.mark.skipif(not (DEFAULT_CORPUS / "ECB+").is_dir(), reason="ECB+ is not in ../shared")
def test_the_real_corpus_reads_with_annotated_sentences_only():
    docs = read_corpus(DEFAULT_CORPUS, {"1"})
    assert len(docs) == 39 and all(d.topic == "1" for d in docs)
    lohan = next(d for d in docs if d.name == "1_10ecbplus")
    assert lohan.published == date(2013, 5, 3)
    checked = [lohan.text[m.start:m.end] for m in lohan.mentions if m.chain == "ACT15738091639707092"]
    assert sorted(checked) == ["checked into", "checks into"]  # the headline and the body
