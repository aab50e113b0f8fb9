"""Where stage: place mentions resolved in an offline gazetteer, and each event's place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.where.event_place import dateline_roots, event_location
from newsevents.where.places import find_places, places_and_dateline

if TYPE_CHECKING:
    from newsevents.model import Analysis

__all__ = ["event_location", "find_places", "locate"]


def _actor_tokens(event) -> list[tuple[int, int]]:
    """Token ranges of the event's own actors, unless the actor stage marked them as places:
    an event is never located at the country or city that performs or suffers it."""
    ranges = []
    for mention in (event.source, event.target):
        if mention is not None and not mention.is_place and mention.token_start >= 0:
            ranges.append((mention.token_start, mention.token_end))
    return ranges


def locate(analysis: Analysis) -> None:
    places, dateline_place = places_and_dateline(analysis.doc, analysis.article)
    analysis.places = places
    verbal = dateline_roots()
    for event in analysis.events:
        event.location = event_location(
            analysis.doc,
            event.trigger_token,
            places,
            dateline_place=dateline_place,
            is_statement=event.cameo.root in verbal,
            actor_tokens=_actor_tokens(event),
        )
