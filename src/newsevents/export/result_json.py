"""ArticleResult -> the JSON object of schema/result.schema.json."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from newsevents.model import ActorMention, ArticleResult, Event, Place, Quote, Span


def span_dict(span: Span | None) -> dict | None:
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}


def actor_dict(actor: ActorMention | None) -> dict | None:
    if actor is None:
        return None
    return {
        "text": actor.text,
        "start": actor.start,
        "end": actor.end,
        "code": actor.code,
        "country": actor.country,
        "sectors": list(actor.sectors),
        "name": actor.name,
        "resolved_from": actor.resolved_from,
    }


def place_dict(place: Place | None) -> dict | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "country": place.country,
        "admin1": place.admin1,
        "lat": place.lat,
        "lon": place.lon,
        "geonames_id": place.geonames_id,
        "feature": place.feature,
        "span": span_dict(place.span),
    }


def event_dict(event: Event) -> dict:
    return {
        "id": event.id,
        "source": actor_dict(event.source),
        "target": actor_dict(event.target),
        "cameo": {
            "code": event.cameo.code,
            "root": event.cameo.root,
            "name": event.cameo.name,
            "quad_class": event.cameo.quad_class,
            "goldstein": event.cameo.goldstein,
        },
        "plover": None if event.plover is None else {"type": event.plover.type, "mode": event.plover.mode},
        "status": event.status,
        "reported_by": actor_dict(event.reported_by),
        "sentence": span_dict(event.sentence),
        "trigger": span_dict(event.trigger),
        "date": {"value": event.date.value, "precision": event.date.precision, "span": span_dict(event.date.span)},
        "location": place_dict(event.location),
        "confidence": event.confidence,
    }


def quote_dict(quote: Quote) -> dict:
    return {
        "speaker": actor_dict(quote.speaker),
        "cue": span_dict(quote.cue),
        "content": span_dict(quote.content),
        "direct": quote.direct,
    }


def result_dict(result: ArticleResult) -> dict[str, Any]:
    a = result.article
    return {
        "article": {
            "id": a.id,
            "url": a.url,
            "title": a.title,
            "outlet": a.outlet,
            "published": a.published.isoformat() if a.published else None,
            "dateline": a.dateline,
            "text": a.text,
        },
        "actors": [actor_dict(m) for m in result.actors],
        "events": [event_dict(e) for e in result.events],
        "quotes": [quote_dict(q) for q in result.quotes],
        "places": [place_dict(p) for p in result.places],
    }


def to_json(result: ArticleResult, pretty: bool = False) -> str:
    return json.dumps(result_dict(result), ensure_ascii=False, indent=2 if pretty else None)


@lru_cache(maxsize=1)
def result_schema() -> dict:
    return json.loads(resources.files("newsevents").joinpath("schema/result.schema.json").read_text())
