"""The one place where the stages are composed.

`analyse(article, doc)` is a pure function of its inputs: the stages read the parse and
what earlier stages found, and write only into the `Analysis` of this one article. Knowledge
the stages need (dictionaries, patterns, gazetteer) is loaded once per process and never
mutated, so the same function runs in a process pool or on a Ray worker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Doc

from newsevents import nlp as nlp_model
from newsevents.actors import find_actors
from newsevents.attribution import attribute
from newsevents.coding import code_events
from newsevents.model import Analysis, Article, ArticleResult
from newsevents.when import date_events
from newsevents.where import locate

Stage = Callable[[Analysis], None]

# Order matters: each stage may read what the stages before it wrote.
STAGES: dict[str, Stage] = {
    "actors": find_actors,
    "coding": code_events,
    "attribution": attribute,
    "where": locate,
    "when": date_events,
}


def analyse(article: Article, doc: Doc, stages: Iterable[str] | None = None) -> ArticleResult:
    analysis = Analysis(article, doc)
    for name in stages or STAGES:
        STAGES[name](analysis)
    return analysis.result()


def process(article: Article) -> ArticleResult:
    return analyse(article, nlp_model.load()(article.text))


def process_many(articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleResult]:
    """Parse with `nlp.pipe` (batched, faster than one call per text), then run the stages."""
    nlp = nlp_model.load()
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield analyse(article, doc)
