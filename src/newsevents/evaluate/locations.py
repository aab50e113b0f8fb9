"""`newsevents eval locations`: event locations against ../shared/gold.

event_location/dev.jsonl gives a sentence, the event's verb span and the span(s) of where
it happened, or none. The gold verb is used as the trigger directly, so the score measures
the where stage alone, not the coder. A prediction is right when it overlaps a gold
location span (the gold marks "Kabul" or "the Kabul market" alike) or when both are none;
"strict" also requires the exact span.

About a tenth of the gold LOCATION spans (sources AP, Atrocities, RELABEL, Xinhua, wiki)
carry offsets into some other version of the text, while their `text` field names the
place. Such a span is realigned when that name occurs exactly once in the sentence (no
choice is made for the scorer); when it occurs several times or not at all, the item is
set aside and counted. Figures are given over all scorable items and, for comparison with
earlier runs, over the items whose offsets were right as given. `--part tune|check` scores
one of two halves split by a hash of the sentence, so a rule can be tuned on one and
confirmed on the other.

PLOVER_GSR_CAMEO.json: the rows with `eventLoc`; the trigger is the first word of the
row's event text found in the sentence; right when the predicted place's text or resolved
name matches the gold name, and (where the gold gives one) its country.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from newsevents.model import Article, Place, article_id

PROJECT = Path(__file__).resolve().parents[3]
SHARED = PROJECT.parent / "shared"
DEFAULT_GOLD = SHARED / "gold" / "event_location" / "dev.jsonl"
PLOVER_GOLD = SHARED / "gold" / "plover" / "PLOVER_GSR_CAMEO.json"


@dataclass
class Item:
    text: str
    verb: tuple[int, int]
    locations: list[tuple[int, int]]
    realigned: bool = False


@dataclass
class Score:
    total: int = 0
    correct: int = 0
    strict: int = 0
    tp: int = 0  # has a location: predicted and gold
    fp: int = 0
    fn: int = 0
    skipped: int = 0
    misses: dict[str, int] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)

    def figures(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return {
            "items": self.total,
            "accuracy": round(self.correct / self.total, 4) if self.total else 0.0,
            "strict_accuracy": round(self.strict / self.total, 4) if self.total else 0.0,
            "has_location_precision": round(p, 4),
            "has_location_recall": round(r, 4),
            "has_location_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "skipped": self.skipped,
            "misses": dict(sorted(self.misses.items())),
        }


def _usable(text: str, start: int, end: int) -> bool:
    piece = text[start:end]
    return 0 <= start < end <= len(text) and bool(re.search(r"\w\w", piece)) and piece == piece.strip()


def _location(text: str, span: dict) -> tuple[tuple[int, int] | None, bool]:
    """The span's offsets, or those of its `text` when the offsets point elsewhere and the
    name occurs once; (None, False) when it cannot be placed. Second value: realigned."""
    start, end, name = span["start"], span["end"], (span.get("text") or "").strip()
    if _usable(text, start, end) and (not name or text[start:end] == name):
        return (start, end), False
    if name and len(found := [m.start() for m in re.finditer(re.escape(name), text)]) == 1:
        return (found[0], found[0] + len(name)), True
    return None, False


def part_of(text: str) -> str:
    return "tune" if zlib.crc32(text.encode("utf-8")) % 2 == 0 else "check"


def read_event_location(path: Path, limit: int | None, part: str | None = None) -> tuple[list[Item], int]:
    items, skipped = [], 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and len(items) >= limit:
                break
            row = json.loads(line)
            spans = row.get("spans") or []
            text = row.get("text") or ""
            if part is not None and part_of(text) != part:
                continue
            verbs = [s for s in spans if s["label"] == "VERB"]
            locs = [_location(text, s) for s in spans if s["label"] == "LOCATION"]
            if len(verbs) != 1 or not _usable(text, verbs[0]["start"], verbs[0]["end"]):
                skipped += 1
                continue
            # One unplaceable span sets the item aside: scoring against the rest would
            # call a prediction of that place wrong.
            if any(span is None for span, _ in locs):
                skipped += 1
                continue
            good = [span for span, _ in locs]
            items.append(Item(text, (verbs[0]["start"], verbs[0]["end"]), good, any(r for _, r in locs)))
    return items, skipped


def _trigger(doc, start: int, end: int) -> int:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root.i if span is not None and len(span) else -1


def predict(nlp, texts_and_triggers):
    """(text, (start, end)) pairs -> the predicted Place (or None) of each."""
    from newsevents.where.event_place import event_location
    from newsevents.where.places import find_places

    for doc, (start, end) in nlp.pipe(texts_and_triggers, as_tuples=True, batch_size=64):
        article = Article(id=article_id(None, doc.text), text=doc.text)
        places = find_places(doc, article)
        yield doc, places, event_location(doc, _trigger(doc, start, end), places)


def _miss_category(gold: list[tuple[int, int]], span: tuple[int, int] | None, places: list[Place]) -> str:
    """Why a prediction is wrong: a place where gold has none, none where gold has one, or
    another place; the last two split by whether the gold place was found as a mention at
    all (a finding miss) or found but not chosen (an attachment miss)."""
    if not gold:
        return "false_place"
    found = any(p.span and any(s < p.span.end and p.span.start < e for s, e in gold) for p in places)
    kind = "false_none" if span is None else "wrong_place"
    return f"{kind}_{'found' if found else 'unfound'}"


def _tally(score: Score, item: Item, span: tuple[int, int] | None, places: list[Place], keep_errors: int) -> None:
    score.total += 1
    gold = item.locations
    if not gold:
        ok = strict = span is None
        score.fp += span is not None
    else:
        ok = span is not None and any(s < span[1] and span[0] < e for s, e in gold)
        strict = span is not None and any(
            item.text[s:e].strip(" .,") == item.text[span[0] : span[1]].strip(" .,") for s, e in gold
        )
        if span is None:
            score.fn += 1
        else:
            score.tp += 1
    score.correct += ok
    score.strict += strict
    if not ok:
        category = _miss_category(gold, span, places)
        score.misses[category] = score.misses.get(category, 0) + 1
        if len(score.errors) < keep_errors:
            score.errors.append(
                {
                    "category": category,
                    "text": item.text,
                    "verb": item.text[item.verb[0] : item.verb[1]],
                    "gold": [item.text[s:e] for s, e in gold],
                    "predicted": item.text[span[0] : span[1]] if span and span[0] >= 0 else None,
                }
            )


def score_event_location(items: list[Item], keep_errors: int = 0) -> tuple[Score, Score]:
    """Scores over all items and over those whose gold offsets were right as given."""
    from newsevents import nlp as nlp_model

    score, as_given = Score(), Score()
    pairs = ((item.text, item.verb) for item in items)
    for item, (_doc, places, place) in zip(items, predict(nlp_model.load(), pairs)):
        span = (place.span.start, place.span.end) if place is not None and place.span else None
        if span is None and place is not None:
            span = (-1, -1)
        _tally(score, item, span, places, keep_errors)
        if not item.realigned:
            _tally(as_given, item, span, places, 0)
    return score, as_given


def _iso2_to_iso3() -> dict[str, str]:
    from newsevents.where import gazetteer

    rows = gazetteer.load()._db().execute("SELECT iso2, iso3 FROM places WHERE feature = 'country'")
    return {iso2: iso3 for iso2, iso3 in rows if iso2 and iso3}


def score_plover(path: Path, limit: int | None) -> dict:
    from newsevents import nlp as nlp_model

    rows = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("eventLoc") and r.get("text")]
    rows = rows[:limit] if limit else rows
    pairs = []
    for row in rows:
        text = row["text"]
        start = -1
        for word in re.findall(r"[A-Za-z]+", row.get("eventText", "")):
            if (m := re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE)) is not None:
                start = m.start()
                break
        pairs.append((text, (start, start + 1) if start >= 0 else (0, 0)))
    iso3 = _iso2_to_iso3()
    correct = country_total = country_correct = 0
    for row, (_doc, _places, place) in zip(rows, predict(nlp_model.load(), pairs)):
        gold = row["eventLoc"]
        name = gold.get("name", "").lower()
        if place is not None:
            said = (place.span.text if place.span else place.name).lower()
            correct += bool(name) and (name in said or said in name or place.name.lower() in name)
        if gold.get("country code"):
            country_total += 1
            country_correct += place is not None and place.country == iso3.get(gold["country code"])
    return {
        "items": len(rows),
        "accuracy": round(correct / len(rows), 4) if rows else 0.0,
        "country_items": country_total,
        "country_accuracy": round(country_correct / country_total, 4) if country_total else 0.0,
    }


REUTERS = SHARED / "corpora" / "reuters21578" / "reut2-000.sgm.gz"


def _vm_rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024
    except (OSError, StopIteration):
        return float("nan")


def measure_cost(n_articles: int) -> dict:
    """Time the where stage adds per Reuters story (beside spaCy's parse of the same
    stories) and the resident memory the gazetteer adds when it is first loaded."""
    import gzip
    import time

    from newsevents import nlp as nlp_model
    from newsevents.model import Analysis
    from newsevents.readers.reuters import read_reuters
    from newsevents.where import gazetteer, locate

    text = gzip.open(REUTERS).read().decode("latin-1")
    articles = [a for a in read_reuters(text, REUTERS.name) if isinstance(a, Article) and len(a.text) > 200]
    articles = articles[:n_articles]
    nlp = nlp_model.load()
    started = time.perf_counter()
    docs = list(nlp.pipe([a.text for a in articles], batch_size=16))
    parse = time.perf_counter() - started
    before = _vm_rss_mb()
    started = time.perf_counter()
    gazetteer.load()
    load = time.perf_counter() - started
    added = _vm_rss_mb() - before
    started = time.perf_counter()
    places = 0
    for article, doc in zip(articles, docs):
        analysis = Analysis(article, doc)
        locate(analysis)
        places += len(analysis.places)
    where = time.perf_counter() - started
    return {
        "articles": len(articles),
        "places": places,
        "parse_ms_per_article": round(parse / len(articles) * 1000, 2),
        "where_ms_per_article": round(where / len(articles) * 1000, 3),
        "where_share_of_parse": round(where / parse, 4),
        "gazetteer_load_s": round(load, 3),
        "gazetteer_rss_mb": round(added, 1),
    }


def cli(
    gold: Annotated[Optional[Path], typer.Argument(help="event_location JSONL (default ../shared/gold/event_location/dev.jsonl).")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", help="Score only the first N usable items.")] = None,
    plover: Annotated[Optional[Path], typer.Option("--plover", help="PLOVER_GSR_CAMEO.json (default under ../shared/gold/plover).")] = None,
    part: Annotated[Optional[str], typer.Option("--part", help="Score only one half of the gold: tune or check.")] = None,
    errors: Annotated[int, typer.Option("--errors", help="Print this many wrong predictions.")] = 0,
    cost: Annotated[int, typer.Option("--cost", help="Also time the stage on N Reuters stories (0: skip).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Event-location accuracy: right place span (or correctly none) for each gold event verb."""
    gold = gold or DEFAULT_GOLD
    if not gold.exists():
        raise typer.BadParameter(f"{gold} not found")
    if part not in (None, "tune", "check"):
        raise typer.BadParameter("--part is tune or check")
    # Measured before scoring, so the gazetteer's first load is the one timed.
    measured = measure_cost(cost) if cost else None
    items, skipped = read_event_location(gold, limit, part)
    score, as_given = score_event_location(items, keep_errors=errors)
    score.skipped = skipped
    as_given.skipped = skipped + score.total - as_given.total
    figures = {"event_location": score.figures(), "event_location_offsets_as_given": as_given.figures()}
    plover = plover or PLOVER_GOLD
    if plover.exists():
        figures["plover_event_loc"] = score_plover(plover, limit)
    if measured:
        figures["cost"] = measured
    if as_json:
        print(json.dumps(figures, indent=2))
    else:
        console = Console()
        for name, values in figures.items():
            table = Table(title=f"locations: {name}")
            table.add_column("figure")
            table.add_column("value", justify="right")
            for key, value in values.items():
                table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
            console.print(table)
    for error in score.errors:
        print(json.dumps(error, ensure_ascii=False))
