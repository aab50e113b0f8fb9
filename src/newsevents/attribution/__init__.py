"""Attribution stage: quotes, speech acts and the status of every event."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsevents.pipeline import Analysis


def attribute(analysis: Analysis) -> None:
    analysis.quotes = []
