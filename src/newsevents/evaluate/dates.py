"""`newsevents eval dates`: event dates on a fixture set of dated sentences.

Each JSONL row gives `text`, `published`, the `trigger` word (its first occurrence in the
text is the event), the `expected` date and `precision`, and the `construction` it tests.
The when stage runs on the real parse with that trigger, so the score measures date
resolution and attachment, not the event coder. Beside it, the publication-date baseline
(what GDELT and ICEWS assign) on the same rows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

PROJECT = Path(__file__).resolve().parents[3]
DEFAULT_FIXTURES = PROJECT / "tests" / "fixtures" / "when" / "dates.jsonl"
REUTERS = PROJECT.parent / "shared" / "corpora" / "reuters21578" / "reut2-000.sgm.gz"


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def trigger_index(doc, word: str) -> int:
    lowered = word.lower()
    for token in doc:
        if token.lower_ == lowered:
            return token.i
    raise ValueError(f"trigger {word!r} not a token of {doc.text!r}")


def evaluate(path: Path) -> dict:
    from newsevents import nlp as nlp_model
    from newsevents.when import event_date, resolve_dates

    nlp = nlp_model.load()
    rows = read_rows(path)
    by_construction: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    exact = both = baseline = 0
    errors = []
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        published = date.fromisoformat(row["published"])
        got = event_date(doc, trigger_index(doc, row["trigger"]), resolve_dates(doc, published), published)
        hit = got.value == row["expected"]
        exact += hit
        both += hit and got.precision == row["precision"]
        baseline += row["expected"] == row["published"]
        counts = by_construction[row["construction"]]
        counts[0] += hit
        counts[1] += 1
        if not (hit and got.precision == row["precision"]):
            errors.append(
                {
                    "text": row["text"],
                    "trigger": row["trigger"],
                    "expected": [row["expected"], row["precision"]],
                    "got": [got.value, got.precision, got.span.text if got.span else None],
                }
            )
    n = len(rows)
    return {
        "fixtures": str(path),
        "sentences": n,
        "exact_date_accuracy": round(exact / n, 4) if n else 0.0,
        "date_and_precision_accuracy": round(both / n, 4) if n else 0.0,
        "publication_baseline_accuracy": round(baseline / n, 4) if n else 0.0,
        "by_construction": {k: {"correct": c, "total": t} for k, (c, t) in sorted(by_construction.items())},
        "errors": errors,
    }


def time_reuters(limit: int, path: Path = REUTERS) -> dict:
    """What the when stage adds per article: the pipeline's other stages and the when
    stage are timed separately on the same parsed Reuters stories."""
    import gzip
    import time

    from newsevents import nlp as nlp_model
    from newsevents.model import Analysis
    from newsevents.pipeline import STAGES
    from newsevents.readers.reuters import read_reuters
    from newsevents.when import date_events, fallback, resolve_dates
    from newsevents.when import expressions as when_expressions

    text = gzip.open(path, "rt", encoding="latin-1").read()
    articles = [a for a in read_reuters(text, str(path)) if not isinstance(a, Exception)][:limit]
    t_parse = time.perf_counter()
    docs = list(nlp_model.load().pipe(a.text for a in articles))
    t_parse = time.perf_counter() - t_parse
    date_events(Analysis(articles[0], docs[0]))  # load vocabulary and imports outside the clock
    others = when = resolve_all = 0.0
    events = found = 0
    misses_before = fallback._date_parser.cache_info().misses
    calls = []
    original = when_expressions.with_dateparser

    def counted(*args):
        result = original(*args)
        calls.append((args[0], result))
        return result

    when_expressions.with_dateparser = counted
    try:
        for article, doc in zip(articles, docs):
            analysis = Analysis(article, doc)
            t0 = time.perf_counter()
            for name, stage in STAGES.items():
                if name != "when":
                    stage(analysis)
            t1 = time.perf_counter()
            date_events(analysis)
            t2 = time.perf_counter()
            found += len(resolve_dates(doc, article.published))
            t3 = time.perf_counter()
            others += t1 - t0
            when += t2 - t1
            resolve_all += t3 - t2
            events += len(analysis.events)
    finally:
        when_expressions.with_dateparser = original
    n = len(articles)
    return {
        "articles": n,
        "words": sum(len(d) for d in docs),
        "events": events,
        "expressions": found,
        "ms_per_article_spacy_parse": round(1000 * t_parse / n, 3),
        "ms_per_article_other_stages": round(1000 * others / n, 3),
        "ms_per_article_when": round(1000 * when / n, 3),
        "ms_per_article_resolve_dates_every_article": round(1000 * resolve_all / n, 3),
        "when_share_of_stages": round(when / (others + when), 4) if others + when else 0.0,
        "when_share_of_parse": round(when / t_parse, 4),
        "dateparser_calls": sum(1 for text, _ in calls if fallback.looks_written(text)),
        "dateparser_dates": sum(1 for _, result in calls if result is not None),
        "dateparser_parsers_built": fallback._date_parser.cache_info().misses - misses_before,
    }


SAMPLES = PROJECT.parent / "shared" / "samples" / "wikinews"


def fallback_shares(folder: Path = SAMPLES) -> dict:
    """How often the whole pipeline falls back to what GDELT uses on real articles: the
    publication day for the date, the dateline city for the place. Lower is better: each
    such event is one the text did not date or place."""
    from newsevents.model import Article
    from newsevents.pipeline import process_many
    from newsevents.readers import read_inputs

    articles = [a for a in read_inputs([str(p) for p in sorted(folder.glob("*.md"))]) if isinstance(a, Article)]
    events = publication = dateline = both = unplaced = 0
    bases: dict[str, int] = defaultdict(int)
    for result in process_many(articles):
        for event in result.events:
            events += 1
            pub = event.date.basis == "publication" or event.date.precision == "publication"
            only_dateline = event.location is not None and event.location.basis == "dateline"
            publication += pub
            dateline += only_dateline
            both += pub and only_dateline
            unplaced += event.location is None
            bases[event.date.basis or "none"] += 1
    share = lambda n: round(n / events, 3) if events else 0.0  # noqa: E731
    return {
        "articles": len(articles),
        "with_dateline": sum(bool(a.dateline) for a in articles),
        "events": events,
        "publication_day_share": share(publication),
        "dateline_only_place_share": share(dateline),
        "both_share": share(both),
        "no_place_share": share(unplaced),
        "date_basis": dict(sorted(bases.items())),
    }


def print_table(report: dict) -> None:
    console = Console()
    table = Table(title=f"Event dates: {report['sentences']} sentences ({report['fixtures']})")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("exact date accuracy", f"{report['exact_date_accuracy']:.3f}")
    table.add_row("date + precision accuracy", f"{report['date_and_precision_accuracy']:.3f}")
    table.add_row("publication-date baseline", f"{report['publication_baseline_accuracy']:.3f}")
    console.print(table)
    per = Table(title="Exact date by construction")
    per.add_column("construction")
    per.add_column("correct", justify="right")
    per.add_column("total", justify="right")
    for name, counts in report["by_construction"].items():
        per.add_row(name, str(counts["correct"]), str(counts["total"]))
    console.print(per)
    for e in report["errors"]:
        miss = f"[red]miss[/red] {e['trigger']!r}: expected {e['expected']}, got {e['got']} — {e['text']}"
        console.print(miss, soft_wrap=True)


def cli(
    fixtures: Annotated[Path, typer.Argument(help="JSONL of dated sentences.", show_default="tests/fixtures/when/dates.jsonl in the clone")] = DEFAULT_FIXTURES,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    timing: Annotated[
        Optional[int], typer.Option("--timing", help="Instead, time the stage on the first N Reuters-21578 stories.")
    ] = None,
    samples: Annotated[
        Optional[Path], typer.Option("--samples", help="Instead, the share of events dated by the publication day and placed only by the dateline on a folder of articles (e.g. ../shared/samples/wikinews).")
    ] = None,
) -> None:
    """Exact-date accuracy of the when stage on dated sentences (publication baseline beside it)."""
    if samples is not None:
        if not samples.is_dir():
            Console(stderr=True).print(f"[red]error[/red] no sample folder {samples}")
            raise typer.Exit(code=2)
        typer.echo(json.dumps(fallback_shares(samples), indent=2))
        return
    if timing:
        report = time_reuters(timing)
        if as_json:
            typer.echo(json.dumps(report, indent=2))
        else:
            table = Table(title="When stage cost on Reuters-21578")
            table.add_column("measure")
            table.add_column("value", justify="right")
            for key, value in report.items():
                table.add_row(key, str(value))
            Console().print(table)
        return
    if not fixtures.is_file():
        Console(stderr=True).print(f"[red]error[/red] no fixture file {fixtures}")
        raise typer.Exit(code=2)
    report = evaluate(fixtures)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
    else:
        print_table(report)
