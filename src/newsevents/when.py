"""When stage: the date each event happened, resolved against the publication date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.model import EventDate

if TYPE_CHECKING:
    from newsevents.pipeline import Analysis


def date_events(analysis: Analysis) -> None:
    published = analysis.article.published
    for event in analysis.events:
        event.date = EventDate(published.isoformat() if published else None, "publication" if published else "unknown")
