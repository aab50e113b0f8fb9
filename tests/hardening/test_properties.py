"""Property-based tests of the per-article function `pipeline.analyse`.

Whatever the text and the publication date, analysing an article raises nothing, every
span in the output is an exact slice of the article text, and the output is valid
against the result schema. A few hundred examples run in CI; for the long run set
HYPOTHESIS_EXAMPLES (the figure in the issue note used 10,000):

    HYPOTHESIS_EXAMPLES=10000 .venv/bin/pytest tests/hardening/test_properties.py
"""

from __future__ import annotations

import io
import os
from datetime import date

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.export.result_json import result_dict, result_schema
from newsevents.model import Article, article_id
from newsevents.pipeline import analyse
from newsevents.readers import FORMATS, ReadError, read_stream, read_text

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "60"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

SENTENCES = [
    "Russian forces shelled the city of Kharkiv on Tuesday, Ukrainian officials said.",
    "The United Nations called on both sides to agree to a ceasefire next week.",
    '"We will not negotiate under threat," the Iranian foreign minister told reporters.',
    "Protesters clashed with police outside parliament in Nairobi.",
    "Germany's chancellor met the French president in Berlin on 3 March 2015.",
    "China denied accusations that it had hacked government computers in Canberra.",
    "NATO has no plans to intervene militarily, a spokesman said two days ago.",
    "The rebels released three hostages in exchange for prisoners, according to the Red Cross.",
]
NOISE = ['"', "“", "”", "‘", "’", "(", ")", "[", "]", "{", "}", "'", "—", "\n\n", "...", " said ", " told ", "\t", "\u200b"]

sentences = st.sampled_from(SENTENCES)
noise = st.one_of(st.sampled_from(NOISE), st.text(max_size=30))
long_tokens = st.builds(lambda ch, n: ch * n, st.characters(codec="utf-8"), st.integers(200, 3000))
texts = st.one_of(
    st.text(min_size=1, max_size=400),
    st.lists(st.one_of(sentences, noise), min_size=1, max_size=12).map("".join),
    st.lists(st.one_of(sentences, noise, long_tokens), min_size=1, max_size=5).map(" ".join),
    st.lists(sentences, min_size=1, max_size=6).map(lambda parts: " ".join(parts).replace(".", ". (", 2)),
)
published = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
                      st.sampled_from([date(1, 1, 1), date(9999, 12, 31), date(1800, 1, 1), date(2199, 12, 31)]))


def _spans(value, path="result"):
    """Every {text, start, end} object in the output, with where it was found."""
    if isinstance(value, dict):
        if {"text", "start", "end"} <= value.keys() and isinstance(value.get("start"), int):
            yield path, value
        for key, inner in value.items():
            if key != "article":
                yield from _spans(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _spans(inner, f"{path}[{i}]")


def _check(text: str, day: date | None, nlp) -> None:
    article = Article(id=article_id(None, text), text=text, published=day, source="fuzz")
    result = analyse(article, nlp(text))
    out = result_dict(result)
    jsonschema.validate(out, result_schema())
    assert out["article"]["text"] == text
    for where, span in _spans(out):
        assert 0 <= span["start"] <= span["end"] <= len(text), where
        assert text[span["start"] : span["end"]] == span["text"], where


@SETTINGS
@given(text=texts, day=published)
def test_any_text_and_date_analyse_without_error_and_with_exact_spans(nlp, text, day):
    _check(text, day, nlp)


@SETTINGS
@given(text=st.lists(sentences, min_size=1, max_size=8).map(" ".join), day=published)
def test_real_sentences_at_extreme_publication_dates(nlp, text, day):
    _check(text, day, nlp)


# -- the readers: whatever the bytes, an Article or a one-line ReadError, never an exception --

markup = st.lists(
    st.one_of(sentences, noise, st.sampled_from(["<p>", "</p>", "<div>", "<html><body>", "<script>", "# ", "\n\n",
                                                  "{", "}", '"text": ', ",", "<REUTERS>", "<BODY>", "</BODY>"])),
    max_size=20,
).map("".join)


def _valid(items) -> None:
    for item in items:
        assert isinstance(item, (Article, ReadError))
        if isinstance(item, ReadError):
            assert "\n" not in str(item) and item.reason
        else:
            assert item.text.strip()


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(text=st.one_of(st.text(max_size=300), markup), fmt=st.sampled_from([None, *FORMATS]))
def test_readers_never_raise_on_any_text(text, fmt):
    _valid(list(read_text(text, "fuzz", None, fmt)))


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(data=st.binary(max_size=600), name=st.sampled_from(["x.txt", "x.jsonl", "x.csv", "x.json", "x.html", "x.md", "x"]))
def test_readers_never_raise_on_any_bytes(data, name):
    _valid(list(read_stream(io.BytesIO(data), name, None, None, name)))
