"""Blocking keys: which mentions may be the same event at all.

Two mentions are candidates only when they share a block key (root code and the
country-level dyad, in either order for symmetric codes) and their days are within the
window of `data/dedup/rules.json`; `cluster.py` then checks place and status.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from newsevents.model import ActorMention, Article, Event

UNKNOWN = "-"


@cache
def rules() -> dict:
    return json.loads(resources.files("newsevents").joinpath("data/dedup/rules.json").read_text())


def symmetric(code: str) -> bool:
    return any(code.startswith(prefix) for prefix in rules()["symmetric_codes"]["codes"])


def party(actor: ActorMention | None) -> str | None:
    """Country-level party: RUSGOV and RUSMIL are both RUS; IGOs and groups keep their code.

    A named actor the dictionaries do not know ("Lindsay Lohan") is its surname ("~lohan"),
    so that outlets naming the same person still meet; pronouns and common nouns are unknown,
    and so is a mention the actors stage found to be a place (on ECB+ this raised pairwise
    precision from 0.93 to 0.94 and recall from 0.043 to 0.054).
    """
    if actor is None or actor.is_place:
        # "checked into Betty Ford Center", "arrived in California": a place says where, not who.
        return None
    if actor.country:
        return actor.country.upper()
    if actor.code:
        return actor.code.upper()
    if rules()["uncoded_named_actors"] and actor.name:
        words = re.findall(r"[^\W\d_][\w'-]*", actor.name)
        if words and words[-1][0].isupper():
            return "~" + words[-1].lower()
    return None


def event_day(event: Event, published: date | None) -> date | None:
    """The event's own day when known to the day, else the day it was published."""
    if event.date and event.date.precision == "day" and event.date.value:
        try:
            return date.fromisoformat(event.date.value)
        except ValueError:
            pass
    return published


@dataclass(frozen=True)
class Keys:
    block_key: str
    day: date | None
    source_party: str | None
    target_party: str | None


def keys(event: Event, article: Article) -> Keys:
    return keys_of(
        event.cameo.code, party(event.source), party(event.target), event_day(event, article.published),
        article.id, event.id,
    )


def keys_of(
    code: str, source: str | None, target: str | None, day: date | None, article_id: str, mention_id: str
) -> Keys:
    a, b = source or UNKNOWN, target or UNKNOWN
    if symmetric(code) and b < a:
        a, b = b, a
    key = f"{code[:2]}|{a}|{b}"
    if source is None and target is None:
        # "It was signed": nothing tells this act from any other of its kind, even in one article.
        key += f"|{article_id}|{mention_id}"
    elif day is None:
        # Undated: another outlet's story may be about another day; only the same article may merge.
        key += f"|{article_id}"
    return Keys(key, day, source, target)
