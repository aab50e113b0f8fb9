"""ArticleResult -> plain row tuples, one list per table (column order of `schema.py`).

Workers convert their results here before sending them back: tuples of str/int/float
pickle several times faster than nested dataclasses, and the single writer process then
only has to hand them to the database. The columns come from `shape.py`, so a new
dataclass field needs no change here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
        mentions.append((a.id, *flat(e), k.block_key, k.day, k.source_party, k.target_party, None, None, *provenance))
    return ArticleRows(
        article_id=a.id,
        article=(*flat(a), content_hash(a), *provenance),
        actors=[(a.id, i, *flat(m)) for i, m in enumerate(result.actors)],
        mentions=mentions,
        quotes=[(a.id, i, *flat(q)) for i, q in enumerate(result.quotes)],
        places=[(a.id, i, *flat(p)) for i, p in enumerate(result.places)],
    )


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
