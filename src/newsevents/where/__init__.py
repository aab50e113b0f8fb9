"""Where stage: place mentions resolved in an offline gazetteer, and each event's place."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsevents.pipeline import Analysis


def locate(analysis: Analysis) -> None:
    analysis.places = []
