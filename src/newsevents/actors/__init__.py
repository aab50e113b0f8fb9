"""Actors stage: mentions of people, organisations and places, coded as CAMEO actors at
the article's date (dictionary + agents + titles/appositions + metonymy + coreference)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.actors.assemble import build_units
from newsevents.actors.context import DOMESTIC_SECTORS, institution_country, members_of
from newsevents.actors.coref import resolve, speaker_pronouns
from newsevents.actors.knowledge import load
from newsevents.actors.units import Unit
from newsevents.model import ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsevents.model import Analysis


def find_actors(analysis: Analysis) -> None:
    doc, article, kn = analysis.doc, analysis.article, load()
    units, pronouns = resolve(doc, kn, build_units(doc, kn, article.published, article.dateline))
    institution_country(doc, kn, units, article.dateline)
    members_of(doc, units)
    mentions = [_mention(doc, u) for u in units]
    if pronouns:
        # a quoted "we" is its quote's speaker's: attribution finds the quotes from these mentions
        from newsevents.attribution import find_quotes  # attribution imports this package

        found = speaker_pronouns(doc, kn, pronouns, mentions, find_quotes(doc, mentions))
        mentions = sorted(mentions + [_mention(doc, u) for u in found], key=lambda m: m.start)
    analysis.actors = mentions


# CAMEO/PETRARCH code a role whose country the text does not give with "---" for the country
# ("Insurgents bombarded ..." is ---REB, "The government thanked China" ---GOV).
UNKNOWN_COUNTRY = "---"


def _mention(doc: Doc, u: Unit) -> ActorMention:
    span = doc[u.start : u.end]
    code = u.code
    sectors = _sectors(code[3:] if code and u.country else "") or ([s for s in _sectors(u.sector)] if not code else [])
    if code is None and (_state_institution(doc, u) or _armed_group(u, sectors)):
        code = UNKNOWN_COUNTRY + "".join(sectors)
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


def _state_institution(doc: Doc, u: Unit) -> bool:
    """"The government", "Congress", "the army": one state's institution whose state the text
    leaves open. Plural or indefinite roles ("diplomats", "a minister") are left uncoded: the
    event coder does better looking past them for a named party."""
    if u.kind != "agent" or u.backer or u.plural or not u.sector.startswith(DOMESTIC_SECTORS):
        return False
    head = doc[u.end - 1]
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return False  # "the president of the chamber of commerce": the complement says whose, and it is no state
    return head.text[:1].isupper() or head.lower_ == "congress" or (u.start > 0 and doc[u.start - 1].lower_ == "the")


# Sectors of armed groups outside the state: "rebels", "insurgents" with no country named are
# the gold sets' bare ---REB, whatever their number.
ARMED_GROUPS = ("REB", "INS")


def _armed_group(u: Unit, sectors: list[str]) -> bool:
    return u.kind == "agent" and not u.backer and bool(sectors) and sectors[0] in ARMED_GROUPS


def _sectors(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3)] if code else []


def mention_at(actors: list[ActorMention], token_index: int) -> ActorMention | None:
    """The actor mention covering a token (the shortest, if mentions nest)."""
    covering = [m for m in actors if m.token_start <= token_index < m.token_end]
    return min(covering, key=lambda m: m.token_end - m.token_start) if covering else None
