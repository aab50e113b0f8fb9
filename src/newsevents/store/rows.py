"""ArticleResult -> plain row tuples, one list per table (column order of `schema.py`).

Workers convert their results here before sending them back: tuples of str/int/float
pickle several times faster than nested dataclasses, and the single writer process then
only has to hand them to the database. The columns come from `shape.py`, so a new
dataclass field needs no change here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from newsevents.dedup.keys import keys
from newsevents.model import ArticleResult
from newsevents.store.provenance import coder_version, content_hash, data_hash
from newsevents.store.schema import column_names
from newsevents.store.shape import flat


@dataclass
class ArticleRows:
    article_id: str
    # Every column of `articles` except `ingested_at` and `recoded_at`, which the store stamps.
    article: tuple
    actors: list[tuple] = field(default_factory=list)
    mentions: list[tuple] = field(default_factory=list)
    quotes: list[tuple] = field(default_factory=list)
    places: list[tuple] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        return self.article[-3]

    def table_rows(self) -> dict[str, list[tuple]]:
        return {"actors": self.actors, "mentions": self.mentions, "quotes": self.quotes, "places": self.places}


def rows_of(result: ArticleResult) -> ArticleRows:
    a = result.article
    provenance = (coder_version(), data_hash())
    mentions = []
    for e in result.events:
        k = keys(e, a)
        # event_id and join_reason are filled in by clustering, inside the store's transaction.
        mentions.append((
            a.id, *flat(e), k.block_key, k.day, k.source_party, k.target_party, None, None, *provenance,
            listing_day(e.date.value, a.published),
        ))
    return ArticleRows(
        article_id=a.id,
        article=(*flat(a), content_hash(a), *provenance),
        actors=[(a.id, i, *flat(m)) for i, m in enumerate(result.actors)],
        mentions=mentions,
        quotes=[(a.id, i, *flat(q)) for i, q in enumerate(result.quotes)],
        places=[(a.id, i, *flat(p)) for i, p in enumerate(result.places)],
    )


# An ISO date the when-stage gives to the day, month or year ("2019-03-05", "2019-03", "2019").
_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def listing_day(value: str | None, published: date | None) -> date | None:
    """The day listings sort by (`schema.LISTING_KEYS`): `value` read as a date, a month's
    or a year's first day, else `published`. The same answers as the SQL that versioning
    back-fills older files with (`filters.COMPUTED_DAY`), except for year 0, which Python
    has no date for: publication day, as PostgreSQL's `newsevents_day` always answered."""
    match = _ISO.fullmatch(value) if value else None
    if match:
        try:
            return date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
        except ValueError:
            pass
    return published


def event_row(c) -> tuple:
    """One `events` row for a cluster (`dedup.cluster.Cluster`): counts, then its most
    informative mention's fields under the same names as in `mentions`."""
    first_seen, last_seen = c.seen()
    values = {
        **c.best,
        "id": c.id,
        "num_mentions": len(c.mentions),
        "num_sources": c.num_sources,
        "num_articles": c.num_articles,
        "first_seen": first_seen,
        "last_seen": last_seen,
        "first_mention_id": c.mentions[0]["id"],
        "mention_id": c.best["id"],
    }
    return tuple(values[name] for name in column_names("events"))
