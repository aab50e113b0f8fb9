"""The one place where the stages are composed.

`analyse(article, doc)` is a pure function of its inputs: the stages read the parse and
what earlier stages found, and write only into the `Analysis` of this one article. Knowledge
the stages need (dictionaries, patterns, gazetteer) is loaded once per process and never
mutated, so the same function runs in a process pool or on a Ray worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from typing import TYPE_CHECKING

from newsevents import nlp as nlp_model
from newsevents.actors import find_actors
from newsevents.attribution import attribute
from newsevents.coding import code_events
from newsevents.model import Analysis, Article, ArticleResult
from newsevents.readers.dates import EARLIEST, LATEST, plausible
from newsevents.when import date_events
from newsevents.where import locate

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

Stage = Callable[[Analysis], None]

# Order matters: each stage may read what the stages before it wrote.
STAGES: dict[str, Stage] = {
    "actors": find_actors,
    "coding": code_events,
    "attribution": attribute,
    "where": locate,
    "when": date_events,
}


def _name(article: Article) -> str:
    return article.source or article.id


def _as_analysed(article: Article, doc: Doc) -> Article:
    """The article as the stages see it: the text the model was given (a prefix when the
    text was over-long, see nlp.py) and only a usable publication date."""
    analysed = article
    if len(doc.text) < len(article.text):
        log.warning(
            "%s: only the first %s of %s characters analysed (text too long for one article)",
            _name(article), f"{len(doc.text):,}", f"{len(article.text):,}",
        )
        analysed = replace(analysed, text=doc.text)
    if not plausible(article.published):
        # Relative dates ("next week") cannot be resolved from year 1 or 9999.
        log.warning(
            "%s: publication date %s is outside %d-%d, treated as unknown",
            _name(article), article.published, EARLIEST.year, LATEST.year,
        )
        analysed = replace(analysed, published=None, published_text=str(article.published))
    return analysed


def analyse(article: Article, doc: Doc, stages: Iterable[str] | None = None) -> ArticleResult:
    analysed = _as_analysed(article, doc)
    analysis = Analysis(analysed, doc)
    for name in stages or STAGES:
        STAGES[name](analysis)
    result = analysis.result()
    if analysed is not article:
        result.article = replace(
            article,
            published=analysed.published,
            published_text=analysed.published_text,
            analysed_chars=len(doc.text) if len(doc.text) < len(article.text) else None,
        )
    return result


def process(article: Article) -> ArticleResult:
    return analyse(article, nlp_model.load()(article.text))


def process_many(articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleResult]:
    """Parse with `nlp.pipe` (batched, faster than one call per text), then run the stages."""
    nlp = nlp_model.load()
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield analyse(article, doc)


@dataclass
class Failure:
    """An article the model or a stage could not handle; one line, like a ReadError."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def _describe(err: BaseException) -> str:
    text = str(err).splitlines()[0] if str(err) else ""
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


def _analyse_or_fail(article: Article, doc: Doc) -> ArticleResult | Failure:
    try:
        return analyse(article, doc)
    except Exception as err:  # one bad article must never cost the others their results
        log.debug("analysis of %s failed", _name(article), exc_info=True)
        return Failure(_name(article), f"analysis failed ({_describe(err)})")


def process_each(articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleResult | Failure]:
    """`process_many`, but an article that breaks the parser or a stage becomes its own
    `Failure` and every other article still gets its result, in input order."""
    nlp = nlp_model.load()
    it = iter(articles)
    while batch := list(islice(it, batch_size)):
        try:
            docs = list(nlp.pipe((a.text for a in batch), batch_size=batch_size))
        except Exception:
            # One text the parser refuses spoils its whole batch: parse one by one to find it.
            for article in batch:
                try:
                    doc = nlp(article.text)
                except Exception as err:
                    log.debug("parsing %s failed", _name(article), exc_info=True)
                    yield Failure(_name(article), f"parsing failed ({_describe(err)})")
                    continue
                yield _analyse_or_fail(article, doc)
            continue
        for article, doc in zip(batch, docs):
            yield _analyse_or_fail(article, doc)
