"""Mentions -> events: connected components of the "same event" relation.

Two mentions are the same event when they share a block key (`keys.py`), their days are
within the rules' window, their places agree where both have one, and their statuses are
compatible. Events are the connected components of that relation, so the result does not
depend on the order mentions arrive in: adding mentions can only merge components, and
`recluster` recomputes just the components a change touches (no full recompute).

An event's id is a hash of its first mention in a fixed order (day, article, offset), so
it is the same whatever the ingest order and stays put while that mention does. Every
mention records why it joined: the mention it was linked to and on what grounds.

Hand-written rather than a library's: the relation is a handful of field comparisons per
candidate pair inside small blocks, where union-find is twenty lines.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from newsevents.dedup.keys import rules


def _status_group(status: str | None) -> str:
    for group, members in rules()["status_groups"].items():
        if not group.startswith("_") and status in members:
            return group
    return status or "?"


def _order(m: dict) -> tuple:
    day = m["day"] or date.max
    return (day, m["article_id"], m["sentence_start"] or 0, m["trigger_start"] or 0, m["id"])


def trigger_stem(text: str | None) -> str | None:
    """The trigger word without its inflection ("accused", "accuses" -> "accus"), when the rules ask
    for the same verb; None (no constraint) otherwise."""
    rule = rules()["same_trigger"]
    if not rule["required"] or not text:
        return None
    word = text.lower().split()[0] if text.split() else text.lower()
    for suffix in rule["suffixes"]:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def same_place(a: dict, b: dict) -> bool:
    """Where both mentions have a place, they must name the same one (a country contains its cities)."""
    if not a["location_name"] or not b["location_name"]:
        return True
    if a["location_geonames_id"] is not None and a["location_geonames_id"] == b["location_geonames_id"]:
        return True
    if a["location_name"].lower() == b["location_name"].lower():
        return True
    if "country" in (a["location_feature"], b["location_feature"]):
        return bool(a["location_country"]) and a["location_country"] == b["location_country"]
    return False


def link(a: dict, b: dict) -> str | None:
    """Why `a` and `b` are the same event, or None when they are not."""
    if a["block_key"] != b["block_key"]:
        return None
    if a["day"] is None or b["day"] is None:
        if a["day"] is not b["day"]:
            return None
        gap = 0
    else:
        gap = abs((a["day"] - b["day"]).days)
        if gap > rules()["day_window"]:
            return None
    if _status_group(a["status"]) != _status_group(b["status"]):
        return None
    if trigger_stem(a["trigger_text"]) != trigger_stem(b["trigger_text"]):
        return None
    if not same_place(a, b):
        return None
    where = "same article" if a["article_id"] == b["article_id"] else f"article {b['article_id']}"
    days = "same day" if gap == 0 else f"{gap} day apart"
    return f"{a['block_key']}, {days} as mention {b['id']} ({where})"


def informativeness(m: dict) -> tuple:
    """Precise date, then place, then fuller actor codes, then confidence."""
    rank = rules()["date_precision_rank"].get(m["date_precision"] or "unknown", 0)
    place = 2 if m["location_geonames_id"] is not None else 1 if m["location_name"] else 0
    actors = sum(len(c) for c in (m["source_code"], m["target_code"]) if c)
    return (rank, place, actors, m["confidence"] or 0.0)


def event_id(first: dict) -> str:
    return hashlib.sha1(f"event|{first['article_id']}|{first['id']}".encode()).hexdigest()[:16]


@dataclass
class Cluster:
    id: str
    mentions: list[dict]  # in canonical order, the first one first
    best: dict  # the most informative mention
    reasons: list[str] = field(default_factory=list)  # why each mention joined, in order

    @property
    def num_articles(self) -> int:
        return len({m["article_id"] for m in self.mentions})

    @property
    def num_sources(self) -> int:
        return len({m["article_outlet"] or "?" for m in self.mentions})

    def seen(self) -> tuple[date | None, date | None]:
        days = [m["article_published"] or m["day"] for m in self.mentions]
        days = [d for d in days if d is not None]
        return (min(days), max(days)) if days else (None, None)


def cluster(mentions: Iterable[dict]) -> list[Cluster]:
    """Connected components of `link` over these mentions, with ids and join reasons."""
    ordered = sorted(mentions, key=_order)
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    reason: dict[int, str] = {}
    by_block: dict[str, list[int]] = {}
    for i, m in enumerate(ordered):
        by_block.setdefault(m["block_key"], []).append(i)
    window = rules()["day_window"]
    for members in by_block.values():
        # Sorted by day already (undated last): only look back while within the window.
        lo = 0
        for pos, i in enumerate(members):
            a = ordered[i]
            while lo < pos and a["day"] and (a["day"] - ordered[members[lo]]["day"]).days > window:
                lo += 1
            for j in members[lo:pos]:
                b = ordered[j]
                why = link(a, b)
                if why is None:
                    continue
                reason.setdefault(i, why)  # the earliest mention it is linked to
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in range(len(ordered)):
        groups.setdefault(find(i), []).append(i)
    clusters = []
    for root, members in sorted(groups.items()):
        first = ordered[members[0]]
        # The most informative; among equals the first in the fixed order.
        best = min((ordered[i] for i in members), key=lambda m: (tuple(-x for x in informativeness(m)), _order(m)))
        reasons = ["first mention"] + [reason.get(i) or _later_link(ordered, i, members) for i in members[1:]]
        clusters.append(Cluster(event_id(first), [ordered[i] for i in members], best, reasons))
    return clusters


def _later_link(ordered: list[dict], i: int, members: list[int]) -> str:
    # Linked only to mentions after it in the canonical order (a later day joined first).
    for j in members:
        if j > i and (why := link(ordered[i], ordered[j])):
            return why
    return "linked through other mentions"
