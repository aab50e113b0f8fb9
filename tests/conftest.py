"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsevents.model import Article, ArticleResult, article_id

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
EXAMPLES = PROJECT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    from newsevents import nlp as nlp_model

    return nlp_model.load()


def make_article(text: str, published: date | None = date(2015, 1, 27), dateline: str | None = None) -> Article:
    return Article(id=article_id(None, text), text=text, published=published, dateline=dateline, source="test")


@pytest.fixture(scope="session")
def run(nlp):
    """run(text, published=..., stages=None) -> ArticleResult through the real pipeline."""
    from newsevents.pipeline import analyse

    def _run(text: str, published: date | None = date(2015, 1, 27), stages=None, dateline=None) -> ArticleResult:
        article = make_article(text, published, dateline)
        return analyse(article, nlp(text), stages)

    return _run


def needs_shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test cleanly when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


def place_of(nlp, text: str, verb: str) -> str | None:
    """The text of the place `where` gives the event whose trigger is the word `verb`."""
    from newsevents.where import event_location, find_places

    doc = nlp(text)
    trigger = next(t.i for t in doc if t.text == verb)
    found = event_location(doc, trigger, find_places(doc, Article(id=article_id(None, text), text=text)))
    return None if found is None else found.span.text


def events_by_trigger(nlp, text: str, published: date = date(2015, 1, 27)) -> dict:
    """The whole pipeline's events of `text` (its dateline read as the readers read it), by
    the text of their trigger."""
    from newsevents.pipeline import analyse
    from newsevents.readers.markdown import find_dateline

    article = Article(id=article_id(None, text), text=text, published=published, dateline=find_dateline(text))
    result = analyse(article, nlp(text))
    return {text[e.trigger.start : e.trigger.end]: e for e in result.events}


def place_and_basis(event) -> tuple[str, str] | None:
    place = event.location
    return None if place is None else (place.name, place.basis)
