"""Plain dataclasses passed between the pipeline stages.

Every span-like object carries `start`/`end` character offsets into `Article.text`, so
`article.text[start:end]` is always the quoted text. Token indices (`token_start`,
`token_end`, `trigger_token`) point into the spaCy Doc of the same text; they let later
stages walk the dependency parse and are not part of the JSON output.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

STATUSES = (
    "asserted",
    "reported",
    "alleged",
    "denied",
    "negated",
    "intended",
    "hypothetical",
    "requested",
)

# Field metadata for what is working state, not output: token indices into the spaCy Doc
# (store/shape.py leaves these out of the JSON and of the tables).
INTERNAL = {"internal": True}


def article_id(url: str | None, text: str) -> str:
    """Stable id: the same URL (or, without one, the same text) always gives the same id."""
    key = url.strip() if url and url.strip() else text
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    dateline: str | None = None
    source: str | None = None  # where it was read from: a path, "-", "file.jsonl:12"
    caption: str | None = None  # photo caption, kept apart so it never yields events
    # How much of `published` the source gave: day, month ("March 2019") or year ("2019").
    published_precision: str | None = None
    # The date as written, kept when it could not be used (impossible, out of range).
    published_text: str | None = None
    # Set when only the first `analysed_chars` characters were analysed (an over-long text).
    analysed_chars: int | None = None


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class ActorMention:
    text: str
    start: int
    end: int
    code: str | None = None
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    name: str | None = None
    resolved_from: str | None = None
    token_start: int = field(default=-1, metadata=INTERNAL)
    token_end: int = field(default=-1, metadata=INTERNAL)  # exclusive
    # Mentions of the same real-world actor share an entity id (in-article coreference).
    entity: int | None = None
    # True when the mention is a place (city, country) rather than an acting party.
    is_place: bool = False


@dataclass
class Place:
    name: str
    span: Span | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str | None = None
    token_start: int = field(default=-1, metadata=INTERNAL)
    token_end: int = field(default=-1, metadata=INTERNAL)
    iso2: str | None = None
    fips: str | None = None  # FIPS 10-4 country code (GDELT's country field)
    adm1: str | None = None  # GDELT ADM1 code: FIPS country + first-level division
    # How exact the place is: "place" (a town or site), "admin1", "admin2", "region" or
    # "country" (only the country is known, e.g. an unknown name in a known country).
    precision: str | None = None
    # Where an event's place came from: "clause" (a locative of its own clause),
    # "sentence", "paragraph" (the narrative's place), "dateline", or None for a mention.
    basis: str | None = None


@dataclass
class Cameo:
    code: str
    root: str
    name: str
    quad_class: int
    goldstein: float


@dataclass
class Plover:
    type: str
    mode: str | None = None


@dataclass
class EventDate:
    value: str | None  # YYYY-MM-DD
    precision: str  # day | week | month | year | interval | publication | unknown
    span: Span | None = None
    # Where the date came from: "explicit" (an expression of the event's clause), "sentence"
    # (another clause of its sentence), "carried" (the narrative time of earlier sentences),
    # "relative" (counted from another event, "a day after the vote"), "publication" (the
    # fallback: nothing in the text dates it).
    basis: str | None = None
    end: str | None = None  # last day of an interval (YYYY-MM-DD), else None


@dataclass
class Event:
    id: str
    source: ActorMention | None
    target: ActorMention | None
    cameo: Cameo
    sentence: Span
    trigger: Span
    plover: Plover | None = None
    status: str = "asserted"
    reported_by: ActorMention | None = None
    date: EventDate = field(default_factory=lambda: EventDate(None, "unknown"))
    location: Place | None = None
    confidence: float = 0.5
    trigger_token: int = field(default=-1, metadata=INTERNAL)
    # Which pattern produced it: lets evaluation and debugging trace a code to its rule.
    rule: str | None = None


@dataclass
class Quote:
    speaker: ActorMention | None
    content: Span
    direct: bool
    cue: Span | None = None


@dataclass
class ArticleResult:
    article: Article
    actors: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)


@dataclass
class Analysis:
    """Working state of one article while it moves through the stages."""

    article: Article
    doc: Doc
    actors: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)

    def result(self) -> ArticleResult:
        return ArticleResult(self.article, self.actors, self.events, self.quotes, self.places)
