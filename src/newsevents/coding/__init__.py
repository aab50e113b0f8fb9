"""Coding stage: (source, CAMEO event, target) from the dependency parse."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsevents.pipeline import Analysis


def code_events(analysis: Analysis) -> None:
    analysis.events = []
