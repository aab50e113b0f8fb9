"""Typed response bodies of the HTTP API (they are also its OpenAPI schema).

Spans, CAMEO and PLOVER codes reuse the pipeline's own dataclasses from `model.py`, so
the API says exactly what the pipeline produced; the rest are views of stored rows that
have no dataclass of their own (an actor reference without token indices, counts).
"""

from __future__ import annotations

from datetime import date
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from newsevents.model import Cameo, Plover, Span

T = TypeVar("T")


class Error(BaseModel):
    error: str = Field(description="What went wrong, in one line.")


class ActorRef(BaseModel):
    code: str | None = Field(None, description="CAMEO actor code, when the actor was resolved.")
    text: str | None = Field(None, description="The words of the article that name the actor.")
    start: int | None = None
    end: int | None = None


class Location(BaseModel):
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None


class Mention(BaseModel):
    """One sentence of one article that reports the event: the evidence."""

    id: str
    event_id: str
    article_id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    sentence: Span
    trigger: Span
    source: ActorRef | None = None
    target: ActorRef | None = None
    status: str
    reported_by: ActorRef | None = None
    date_span: Span | None = None
    confidence: float | None = None
    rule: str | None = None
    join_reason: str | None = Field(None, description="Why this mention was counted as the same event.")


class Event(BaseModel):
    id: str
    day: date | None = Field(None, description=(
        "The day since/until, sorting and the timeline use: the event's own date (the first day of its month or "
        "year when the text gives no more), else its article's publication date."))
    date_value: str | None = None
    date_precision: str | None = None
    source: ActorRef | None = None
    target: ActorRef | None = None
    cameo: Cameo
    plover: Plover | None = None
    status: str
    reported_by: ActorRef | None = None
    location: Location | None = None
    sentence: str | None = Field(None, description="The sentence of its most informative mention.")
    mention_id: str | None = Field(None, description="That mention.")
    article_id: str | None = Field(None, description="That mention's article (its mentions give outlet and title).")
    num_mentions: int = Field(description="Sentences that report it.")
    num_articles: int
    num_sources: int = Field(description="Distinct outlets that report it.")
    first_seen: date | None = None
    last_seen: date | None = None


class EventDetail(Event):
    mentions: list[Mention]


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last page.")
    limit: int


class ArticleSummary(BaseModel):
    id: str
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    dateline: str | None = None
    events: int


class EventSpan(BaseModel):
    """One mention in its article."""

    id: str
    event_id: str | None = None
    cameo: Cameo
    status: str
    sentence: Span
    trigger: Span
    source: ActorRef | None = None
    target: ActorRef | None = None
    reported_by: ActorRef | None = None
    date_value: str | None = None
    date_span: Span | None = None


class ActorSpan(BaseModel):
    text: str
    start: int
    end: int
    code: str | None = None
    name: str | None = None
    is_place: bool = False


class QuoteSpan(BaseModel):
    speaker: ActorRef | None = None
    cue: Span | None = None
    content: Span
    direct: bool


class PlaceSpan(BaseModel):
    name: str
    span: Span | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class ArticleDetail(ArticleSummary):
    text: str
    caption: str | None = None
    event_spans: list[EventSpan]
    actors: list[ActorSpan]
    quotes: list[QuoteSpan]
    places: list[PlaceSpan]


class ActorCount(BaseModel):
    code: str
    as_source: int
    as_target: int
    total: int


class Dyad(BaseModel):
    source: str
    target: str
    count: int
    goldstein_mean: float
    quad: dict[str, int] = Field(description="Events per quad class: 1 verbal cooperation ... 4 material conflict.")


class TimelineBucket(BaseModel):
    period: date = Field(description="First day of the day, ISO week or month.")
    key: str = Field(description="Quad class (1-4) or PLOVER type.")
    count: int


class Timeline(BaseModel):
    interval: Literal["day", "week", "month"]
    by: Literal["quad", "plover"]
    buckets: list[TimelineBucket]


class PlaceCount(BaseModel):
    country: str | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    count: int
