"""The ConfliBERT readers of `eval events`, on token files written for these tests."""

from __future__ import annotations

from newsevents.evaluate.events import read_conflibert_ner

TOKENS = """The O
Kenyan B-S
army I-S
shelled O
rebel B-T
camps I-T
near O
Kismayo O
, O
officials O
said O
. O

Ministers B-R
of I-R
Chad I-R
and O
Niger B-R
met O
in O
N'Djamena O
. O
"""


def test_ner_tokens_become_a_sentence_with_character_spans(tmp_path):
    path = tmp_path / "cameo_ner_sample.txt"
    path.write_text(TOKENS, encoding="utf-8")
    (text1, spans1), (text2, spans2) = read_conflibert_ner(path)
    assert text1 == "The Kenyan army shelled rebel camps near Kismayo, officials said."
    assert [text1[a:b] for a, b in spans1["S"]] == ["Kenyan army"]
    assert [text1[a:b] for a, b in spans1["T"]] == ["rebel camps"]
    assert [text2[a:b] for a, b in spans2["R"]] == ["Ministers of Chad", "Niger"]
    assert spans2["S"] == [] and spans2["T"] == []


def test_a_split_curly_possessive_and_curly_quotes_are_joined_back(tmp_path):
    path = tmp_path / "cameo_ner_sample.txt"
    path.write_text("Chad O\nrejected O\nNiger B-T\n’ I-T\ns I-T\nplan I-T\nas O\n“ O\ndangerous O\n” O\n. O\n",
                    encoding="utf-8")
    ((text, spans),) = read_conflibert_ner(path)
    assert text == "Chad rejected Niger’s plan as “dangerous”."
    assert [text[a:b] for a, b in spans["T"]] == ["Niger’s plan"]
