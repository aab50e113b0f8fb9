"""ArticleResult -> plain row tuples, one list per table (column order of `schema.py`).

Workers convert their results here before sending them back: tuples of str/int/float
pickle several times faster than nested dataclasses, and the single writer process then
only has to hand them to the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsevents.model import ActorMention, ArticleResult, Event, Place, Quote, Span


@dataclass
class ArticleRows:
    article_id: str
    # Every column of `articles` except `ingested_at`, which the store stamps when it commits.
    article: tuple
    actors: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    quotes: list[tuple] = field(default_factory=list)
    places: list[tuple] = field(default_factory=list)

    def table_rows(self) -> dict[str, list[tuple]]:
        return {"actors": self.actors, "events": self.events, "quotes": self.quotes, "places": self.places}


def _mention(m: ActorMention | None) -> tuple:
    return (None, None, None, None) if m is None else (m.code, m.text, m.start, m.end)


def _span(s: Span | None) -> tuple:
    return (None, None, None) if s is None else (s.text, s.start, s.end)


def _actor(article_id: str, idx: int, m: ActorMention) -> tuple:
    return (
        article_id, idx, m.text, m.start, m.end, m.code, m.country, list(m.sectors), m.name,
        m.resolved_from, m.entity, m.is_place,
    )


def _event(article_id: str, e: Event) -> tuple:
    loc = e.location
    cameo = e.cameo
    return (
        article_id,
        e.id,
        *_mention(e.source),
        *_mention(e.target),
        cameo.code, cameo.root, cameo.name, cameo.quad_class, cameo.goldstein,
        e.plover.type if e.plover else None,
        e.plover.mode if e.plover else None,
        e.status,
        *_mention(e.reported_by),
        *_span(e.sentence),
        *_span(e.trigger),
        e.date.value if e.date else None,
        e.date.precision if e.date else None,
        *_span(e.date.span if e.date else None),
        *((None,) * 6 if loc is None else (loc.name, loc.country, loc.admin1, loc.lat, loc.lon, loc.geonames_id)),
        e.confidence,
        e.rule,
    )


def _quote(article_id: str, idx: int, q: Quote) -> tuple:
    return (article_id, idx, *_mention(q.speaker), *_span(q.cue), *_span(q.content), q.direct)


def _place(article_id: str, idx: int, p: Place) -> tuple:
    return (article_id, idx, p.name, p.country, p.admin1, p.lat, p.lon, p.geonames_id, p.feature, *_span(p.span))


def rows_of(result: ArticleResult) -> ArticleRows:
    a = result.article
    return ArticleRows(
        article_id=a.id,
        article=(a.id, a.url, a.title, a.outlet, a.published, a.dateline, a.text, a.caption, a.source),
        actors=[_actor(a.id, i, m) for i, m in enumerate(result.actors)],
        events=[_event(a.id, e) for e in result.events],
        quotes=[_quote(a.id, i, q) for i, q in enumerate(result.quotes)],
        places=[_place(a.id, i, p) for i, p in enumerate(result.places)],
    )
