"""Re-code stored articles after an upgrade, from their stored text (no input is re-read).

Each re-coded article's rows are replaced in one transaction with the events its old and
new mentions touch re-clustered (`DuckDBStore.save_many(replace=True)`), so a reader
never sees an article half re-coded. Event ids are hashes of their first mention, so an
event whose mentions did not change keeps its id and its row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from newsevents.model import Article
from newsevents.store.filters import Filters
from newsevents.store.provenance import coder_version, data_hash
from newsevents.store.rows import ArticleRows

# Articles fetched from the store per query.
FETCH = 256


@dataclass
class RecodeReport:
    articles: int = 0  # selected for re-coding
    recoded: int = 0
    failed: int = 0
    mentions_before: int = 0
    mentions_after: int = 0
    events_added: int = 0  # ids that did not exist before
    events_removed: int = 0  # ids that are gone
    events_changed: int = 0  # same id, other fields (counts, best mention, codes)
    events_unchanged: int = 0


def recode(
    store,
    filters: Filters = Filters(),
    outdated: bool = False,
    workers: int | None = None,
    on_failure: Callable[[str], None] | None = None,
    on_progress: Callable[[RecodeReport], None] | None = None,
) -> RecodeReport:
    from newsevents.runner import Failed, analyse_stream

    ids = store.recode_ids(filters, (coder_version(), data_hash()) if outdated else None)
    report = RecodeReport(articles=len(ids), mentions_before=store.count("mentions"))
    before = store.event_fingerprints()

    def articles() -> Iterator[Article]:
        for start in range(0, len(ids), FETCH):
            yield from store.stored_articles(ids[start:start + FETCH])

    for outcomes in analyse_stream(articles(), workers):
        rows = [o for o in outcomes if isinstance(o, ArticleRows)]
        for outcome in outcomes:
            if isinstance(outcome, Failed):
                # The old rows stay: a failed re-code must not lose what was coded before.
                report.failed += 1
                store.record_failure(outcome.input, f"re-coding: {outcome.reason}")
                if on_failure:
                    on_failure(f"{outcome.input}: {outcome.reason}")
        report.recoded += sum(store.save_many(rows, replace=True))
        if on_progress:
            on_progress(report)
    after = store.event_fingerprints()
    report.mentions_after = store.count("mentions")
    report.events_added = len(after.keys() - before.keys())
    report.events_removed = len(before.keys() - after.keys())
    common = before.keys() & after.keys()
    report.events_changed = sum(1 for i in common if before[i] != after[i])
    report.events_unchanged = len(common) - report.events_changed
    return report
