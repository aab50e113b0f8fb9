"""Attribution stage: quotes, speech acts and the status of every event.

`find_quotes` and `event_status` are the two halves and can be used on their own;
`attribute` runs them over one article's analysis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.attribution.docindex import DocIndex
from newsevents.attribution.quotes import find_quotes
from newsevents.attribution.status import event_status

if TYPE_CHECKING:
    from newsevents.model import Analysis

__all__ = ["attribute", "find_quotes", "event_status"]


def attribute(analysis: Analysis) -> None:
    doc = DocIndex(analysis.doc)
    analysis.quotes = find_quotes(doc, analysis.actors)
    for event in analysis.events:
        if event.trigger_token < 0:
            continue
        event.status, event.reported_by = event_status(
            doc, event.trigger_token, analysis.quotes, analysis.actors
        )
