"""Parse batches are bounded in characters, so a worker's memory does not follow the
longest run of long stories."""

from __future__ import annotations

from newsevents.model import Article
from newsevents.runner import _parse_batches


def article(n: int, length: int) -> Article:
    return Article(id=f"a{n}", text="x" * length)


def test_batches_stay_within_the_budget_and_keep_the_order():
    articles = [article(i, length) for i, length in enumerate([400, 500, 300, 2500, 100, 900, 100])]
    batches = list(_parse_batches(articles, 1000))
    assert [[a.id for a in b] for b in batches] == [["a0", "a1"], ["a2"], ["a3"], ["a4", "a5"], ["a6"]]
    # A story longer than the budget is parsed alone, never dropped or split.
    assert [len(b) for b in batches if sum(len(a.text) for a in b) > 1000] == [1]


def test_no_articles_no_batches():
    assert list(_parse_batches([], 1000)) == []
