"""When stage: the date each event happened, resolved against the publication date.

`resolve_dates` finds and normalises the article's temporal expressions once;
`event_date` picks the one that dates a given trigger (see `attach` for the rules).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.when.attach import event_date
from newsevents.when.expressions import TemporalExpression, resolve_dates

if TYPE_CHECKING:
    from newsevents.model import Analysis

__all__ = ["TemporalExpression", "date_events", "event_date", "resolve_dates"]


def date_events(analysis: Analysis) -> None:
    if not analysis.events:
        return  # parsing dates costs time; articles without events need none
    published = analysis.article.published
    expressions = resolve_dates(analysis.doc, published)
    for event in analysis.events:
        event.date = event_date(analysis.doc, event.trigger_token, expressions, published)
