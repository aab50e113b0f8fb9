"""Actors stage: mentions of people, organisations and places, coded as CAMEO actors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.model import ActorMention

if TYPE_CHECKING:
    from newsevents.pipeline import Analysis

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def find_actors(analysis: Analysis) -> None:
    analysis.actors = [
        ActorMention(
            text=ent.text,
            start=ent.start_char,
            end=ent.end_char,
            name=ent.text,
            token_start=ent.start,
            token_end=ent.end,
            is_place=ent.label_ in PLACE_LABELS,
        )
        for ent in analysis.doc.ents
        if ent.label_ in ACTOR_LABELS
    ]


def mention_at(actors: list[ActorMention], token_index: int) -> ActorMention | None:
    """The actor mention covering a token (the shortest, if mentions nest)."""
    covering = [m for m in actors if m.token_start <= token_index < m.token_end]
    return min(covering, key=lambda m: m.token_end - m.token_start) if covering else None
