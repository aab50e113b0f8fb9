"""`newsevents eval quotes`: quote content and speaker against PolNeAR, beside textacy.

Gold: PolNeAR brat files (Source / Cue / Content spans joined by an Attribution relation).
Where several annotators' files exist for one article, the one whose annotator suffix
sorts first is used, so every run scores the same gold.

Scoring, per attribution:
- content spans are compared as sets of alphanumeric character offsets, so annotators'
  choices about quotation marks, final full stops and discontinuous fragments do not
  count; predicted quotes sharing a cue (a quote split around "he said") are merged;
- exact: the two sets are equal; overlap: the shared characters are at least half of
  each of the two spans;
- gold and predictions are matched one to one, largest overlap first; precision and
  recall of a class (direct / indirect) are computed on that class's gold and
  predictions respectively, so a correct span put in the wrong class is not punished
  twice;
- a gold attribution is direct when its content begins at a quotation mark;
- speaker accuracy, over overlap-matched pairs whose gold has a Source: the predicted
  speaker span overlaps the gold Source, or names the same person (last word of the
  gold Source found in the predicted mention's text, name or antecedent).
"""

from __future__ import annotations

import importlib.util

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

DEFAULT_GOLD = Path("/work/shared/gold/polnear/dev")
QUOTE_MARKS = "\"“”„«»'‘’"
ANN_NAME = re.compile(r"^(?P<stem>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")


@dataclass
class Attribution:
    content: frozenset[int]
    source: list[tuple[int, int]]
    source_text: str
    direct: bool
    fragments: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Predicted:
    content: frozenset[int]
    direct: bool
    speaker: tuple[int, int] | None
    speaker_names: tuple[str, ...]


def alnum_chars(text: str, fragments: list[tuple[int, int]]) -> frozenset[int]:
    return frozenset(i for s, e in fragments for i in range(s, e) if text[i].isalnum())


def _is_direct(text: str, fragments: list[tuple[int, int]]) -> bool:
    start = min(s for s, _ in fragments)
    i = start
    while i < len(text) and text[i].isspace():
        i += 1
    if i < len(text) and text[i] in QUOTE_MARKS:
        return True
    j = start - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j >= 0 and text[j] in QUOTE_MARKS and (j == 0 or not text[j - 1].isalnum())


def choose_annotations(gold_dir: Path) -> dict[str, Path]:
    """Article stem -> the .ann file used (annotator suffix sorting first)."""
    chosen: dict[str, Path] = {}
    for path in sorted((gold_dir / "attributions").glob("*.ann")):
        match = ANN_NAME.match(path.name)
        if match and match["stem"] not in chosen:
            chosen[match["stem"]] = path
    return chosen


def read_brat(path: Path, text: str) -> list[Attribution]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("T"):
            ident, middle, *_ = line.split("\t")
            kind, offsets = middle.split(" ", 1)
            fragments = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
            spans[ident] = (kind, fragments)
        elif line.startswith("E"):
            roles = dict(arg.split(":", 1) for arg in line.split("\t")[1].split())
            relations.append(roles)
    gold = []
    for roles in relations:
        content_id = roles.get("Content")
        if content_id not in spans:
            continue
        fragments = spans[content_id][1]
        source = spans[roles["Source"]][1] if roles.get("Source") in spans else []
        source_text = " ".join(text[s:e] for s, e in source)
        gold.append(Attribution(alnum_chars(text, fragments), source, source_text, _is_direct(text, fragments), fragments))
    return [g for g in gold if g.content]


def predictions_from(result, text: str) -> list[Predicted]:
    """newsevents quotes, with split quotes (shared cue, same speaker) merged."""
    groups: dict[tuple, list] = defaultdict(list)
    for n, quote in enumerate(result.quotes):
        if quote.direct and quote.cue is not None:
            speaker = (quote.speaker.start, quote.speaker.end) if quote.speaker else None
            key = ("cue", quote.cue.start, speaker)
        else:
            key = ("single", n)
        groups[key].append(quote)
    predicted = []
    for quotes in groups.values():
        first = quotes[0]
        fragments = [(q.content.start, q.content.end) for q in quotes]
        speaker = first.speaker
        names = ()
        if speaker is not None:
            names = tuple(x for x in (speaker.text, speaker.name, speaker.resolved_from) if x)
        predicted.append(
            Predicted(
                alnum_chars(text, fragments),
                all(q.direct for q in quotes),
                (speaker.start, speaker.end) if speaker else None,
                names,
            )
        )
    return [p for p in predicted if p.content]


def textacy_predictions(doc, text: str) -> list[Predicted]:
    from textacy.extract.triples import direct_quotations

    predicted = []
    try:
        triples = list(direct_quotations(doc))
    except Exception:  # textacy's rules raise on some parses; count that as no output
        return predicted
    for speaker, _cue, content in triples:
        speaker_span = (speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else None
        names = (" ".join(t.text for t in speaker),) if speaker else ()
        predicted.append(Predicted(alnum_chars(text, [(content.start_char, content.end_char)]), True, speaker_span, names))
    return [p for p in predicted if p.content]


def _overlapping(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def speaker_correct(gold: Attribution, pred: Predicted) -> bool:
    if pred.speaker is None:
        return False
    if any(_overlapping(pred.speaker, s) for s in gold.source):
        return True
    words = re.findall(r"\w+", gold.source_text.lower())
    if not words or words[-1] in {"he", "she", "they", "it", "i", "we"}:
        return False
    return any(words[-1] in re.findall(r"\w+", name.lower()) for name in pred.speaker_names)


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    gold_exact: int = 0
    pred_exact: int = 0
    gold_overlap: int = 0
    pred_overlap: int = 0
    speaker_scored: int = 0
    speaker_right: int = 0


def match(gold: list[Attribution], pred: list[Predicted]):
    """One-to-one pairs, largest overlap first: (gold index, pred index, exact, overlap)."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            shared = len(g.content & p.content)
            if shared:
                candidates.append((shared, gi, pi))
    candidates.sort(reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for shared, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        g, p = gold[gi], pred[pi]
        overlap = shared * 2 >= max(len(g.content), len(p.content))
        if not overlap:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi, g.content == p.content, overlap))
    return pairs


def score(gold: list[Attribution], pred: list[Predicted], tallies: dict[str, Tally]) -> None:
    pairs = match(gold, pred)
    for cls in ("direct", "indirect", "all"):
        t = tallies[cls]

        def in_class(direct: bool) -> bool:
            return cls == "all" or (cls == "direct") == direct

        t.gold += sum(in_class(g.direct) for g in gold)
        t.pred += sum(in_class(p.direct) for p in pred)
        for gi, pi, exact, overlap in pairs:
            g, p = gold[gi], pred[pi]
            if in_class(g.direct):
                t.gold_exact += exact
                t.gold_overlap += overlap
                if overlap and g.source:
                    t.speaker_scored += 1
                    t.speaker_right += speaker_correct(g, p)
            if in_class(p.direct):
                t.pred_exact += exact
                t.pred_overlap += overlap


def figures(t: Tally) -> dict[str, float | int | None]:
    def prf(pred_hits: int, gold_hits: int) -> tuple[float, float, float]:
        p = pred_hits / t.pred if t.pred else 0.0
        r = gold_hits / t.gold if t.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    pe, re_, fe = prf(t.pred_exact, t.gold_exact)
    po, ro, fo = prf(t.pred_overlap, t.gold_overlap)
    return {
        "gold": t.gold,
        "predicted": t.pred,
        "exact_p": pe,
        "exact_r": re_,
        "exact_f1": fe,
        "overlap_p": po,
        "overlap_r": ro,
        "overlap_f1": fo,
        "speaker_acc": t.speaker_right / t.speaker_scored if t.speaker_scored else None,
        "speaker_n": t.speaker_scored,
    }


def find_text(gold_dir: Path, stem: str) -> Path | None:
    for candidate in (gold_dir / "text" / f"{stem}.txt", gold_dir / f"{stem}.txt"):
        if candidate.exists():
            return candidate
    return None


def read_dates(gold_dir: Path) -> dict[str, str]:
    for metadata in (gold_dir / "metadata.tsv", gold_dir.parent / "metadata.tsv"):
        if metadata.exists():
            rows = metadata.read_text("utf-8").splitlines()
            header = rows[0].split("\t")
            name, day = header.index("filename"), header.index("publication_date")
            return {r.split("\t")[name]: r.split("\t")[day] for r in rows[1:] if r.count("\t") >= day}
    return {}


def evaluate(gold_dir: Path, limit: int | None = None) -> dict:
    from datetime import date

    from newsevents import nlp as nlp_model
    from newsevents.model import Article, article_id
    from newsevents.pipeline import analyse

    chosen = choose_annotations(gold_dir)
    dates = read_dates(gold_dir)
    items = []
    for stem, ann in sorted(chosen.items()):
        text_path = find_text(gold_dir, stem)
        if text_path is None:
            continue
        items.append((stem, ann, text_path.read_text("utf-8")))
        if limit and len(items) >= limit:
            break
    ours: dict[str, Tally] = defaultdict(Tally)
    baseline: dict[str, Tally] = defaultdict(Tally)
    nlp = nlp_model.load()
    for (stem, ann, text), doc in zip(items, nlp.pipe(t for _, _, t in items)):
        day = dates.get(stem)
        article = Article(id=article_id(None, text), text=text, published=date.fromisoformat(day) if day else None, source=str(ann))
        gold = read_brat(ann, text)
        result = analyse(article, doc, ["actors", "attribution"])
        score(gold, predictions_from(result, text), ours)
        score(gold, textacy_predictions(doc, text), baseline)
    return {
        "gold_dir": str(gold_dir),
        "articles": len(items),
        "annotation_choice": "per article, the .ann whose annotator suffix sorts first",
        "newsevents": {cls: figures(ours[cls]) for cls in ("direct", "indirect", "all")},
        "textacy": {cls: figures(baseline[cls]) for cls in ("direct", "indirect", "all")},
    }


def _cell(value) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def print_table(report: dict) -> None:
    table = Table(title=f"Quotes vs PolNeAR ({report['articles']} articles, {report['gold_dir']})")
    table.add_column("class")
    table.add_column("figure")
    table.add_column("newsevents", justify="right")
    table.add_column("textacy direct_quotations", justify="right")
    names = [
        ("gold", "gold attributions"),
        ("predicted", "predicted"),
        ("exact_p", "exact P"),
        ("exact_r", "exact R"),
        ("exact_f1", "exact F1"),
        ("overlap_p", "≥50% overlap P"),
        ("overlap_r", "≥50% overlap R"),
        ("overlap_f1", "≥50% overlap F1"),
        ("speaker_acc", "speaker accuracy (matched)"),
        ("speaker_n", "matched with gold source"),
    ]
    for cls in ("direct", "indirect", "all"):
        for key, label in names:
            table.add_row(cls, label, _cell(report["newsevents"][cls][key]), _cell(report["textacy"][cls][key]))
        table.add_section()
    Console().print(table)


def cli(
    gold_dir: Annotated[Path, typer.Argument(help="PolNeAR split folder (attributions/ and text/).", show_default="../shared/gold/polnear/dev")] = DEFAULT_GOLD,
    limit: Annotated[Optional[int], typer.Option("--limit", help="Score only the first N articles.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Quote content P/R/F1 (exact and ≥50% overlap) and speaker accuracy, beside textacy."""
    if not (gold_dir / "attributions").is_dir():
        Console(stderr=True).print(f"[red]error[/red] no attributions/ folder under {gold_dir}")
        raise typer.Exit(code=2)
    # textacy pulls ~200 MB of scipy/scikit-learn into an install, so only this baseline asks for it.
    if importlib.util.find_spec("textacy") is None:
        Console(stderr=True).print(
            "[red]error[/red] eval quotes scores textacy's quote extractor beside ours, and textacy is not "
            "installed: pip install 'newsevents\\[quotes]'",
            soft_wrap=True,
        )
        raise typer.Exit(code=2)
    report = evaluate(gold_dir, limit)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
    else:
        print_table(report)
