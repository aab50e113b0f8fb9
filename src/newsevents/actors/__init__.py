"""Actors stage: mentions of people, organisations and places, coded as CAMEO actors at
the article's date (dictionary + agents + titles/appositions + metonymy + coreference)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.actors.assemble import build_units
from newsevents.actors.context import institution_country
from newsevents.actors.coref import resolve
from newsevents.actors.knowledge import load
from newsevents.actors.units import Unit
from newsevents.model import ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsevents.pipeline import Analysis


def find_actors(analysis: Analysis) -> None:
    doc, article = analysis.doc, analysis.article
    units = resolve(doc, load(), build_units(doc, load(), article.published, article.dateline))
    institution_country(doc, load(), units, article.dateline)
    analysis.actors = [_mention(doc, u) for u in units]


def _mention(doc: Doc, u: Unit) -> ActorMention:
    span = doc[u.start : u.end]
    code = u.code
    sectors = _sectors(code[3:] if code and u.country else "") or ([s for s in _sectors(u.sector)] if not code else [])
    return ActorMention(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        code=code,
        country=u.country,
        sectors=sectors,
        name=u.name if u.kind != "pronoun" else None,
        resolved_from=u.resolved_from,
        token_start=u.start,
        token_end=u.end,
        entity=u.entity,
        is_place=u.is_place,
    )


def _sectors(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3)] if code else []


def mention_at(actors: list[ActorMention], token_index: int) -> ActorMention | None:
    """The actor mention covering a token (the shortest, if mentions nest)."""
    covering = [m for m in actors if m.token_start <= token_index < m.token_end]
    return min(covering, key=lambda m: m.token_end - m.token_start) if covering else None
