"""`newsevents eval actors [GOLD...]`: how well the actors stage codes gold actors.

PLOVER GSR (JSON): each gold source/target carries its text, a country (or IGO/NGO) code and
an optional sector. The gold text is located in the sentence; an actor is *found* when a
mention overlaps it; *country* compares the first three characters of the codes; *full*
compares country + primary sector ("***" in the gold means "some sector", so the country
alone decides; lower-case ethnic suffixes such as ELIyor are ignored).

PLOVER GSR records all carry the date 2000-01-01: the sentences are examples from the CAMEO
manual (1980s-2000s news), so that date is a placeholder, not a publication day. It is read as
"unknown" (published=None), which makes the stage use its rule for undated articles. The gold
also uses some legacy CAMEO country codes (JAP, ITL, VTN); they are mapped to ISO alpha-3 with
data/actors/legacy_country_codes.json before scoring (the same table the data build uses for
Phoenix's own legacy codes).

PETRARCH-2 validation (XML): gold source/target codes per sentence, without spans. An actor
counts as found (country) when some mention in the sentence has the same three-letter
prefix, and as fully correct when some mention has exactly the gold code.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from html import unescape
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from newsevents.model import ActorMention, Article, article_id

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
DEFAULT_GOLD = (
    SHARED / "gold" / "plover" / "PLOVER_GSR_CAMEO.json",
    SHARED / "gold" / "petrarch" / "PETR2_GSR_validation.xml",
)


@dataclass
class GoldActor:
    text: str | None
    code: str
    sector: str = ""


@dataclass
class GoldSentence:
    text: str
    published: date | None
    actors: list[GoldActor] = field(default_factory=list)


# The date every PLOVER GSR record carries, whatever the age of its sentence.
PLOVER_PLACEHOLDER_DATE = "2000-01-01"


@lru_cache(maxsize=1)
def legacy_codes() -> dict[str, str]:
    data = json.loads(resources.files("newsevents.data.actors").joinpath("legacy_country_codes.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def modern_code(code: str) -> str:
    """Legacy CAMEO country prefix -> ISO alpha-3 (JAPGOV -> JPNGOV)."""
    return legacy_codes().get(code[:3], code[:3]) + code[3:]


def read_plover(path: Path) -> list[GoldSentence]:
    sentences = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        if not record.get("text"):
            continue
        actors = []
        for role in ("source", "target"):
            for actor in record.get(role) or []:
                if isinstance(actor, dict) and actor.get("code") and actor.get("actorText"):
                    actors.append(GoldActor(actor["actorText"], modern_code(actor["code"]), actor.get("sector") or ""))
        day = record.get("date")
        published = date.fromisoformat(day) if day and day != PLOVER_PLACEHOLDER_DATE else None
        sentences.append(GoldSentence(record["text"], published, actors))
    return sentences


SENTENCE_RE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=<Sentence\b|</Sentences>)", re.S)


def read_petrarch(path: Path) -> list[GoldSentence]:
    sentences = []
    for attrs, body in SENTENCE_RE.findall(path.read_text(encoding="utf-8")):
        text = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if not text:
            continue
        day = re.search(r'date="(\d{8})"', attrs)
        published = date(int(day.group(1)[:4]), int(day.group(1)[4:6]), int(day.group(1)[6:])) if day else None
        codes = []
        for coding in re.findall(r"<EventCoding\b([^>]*)>", body):
            for role in ("sourcecode", "targetcode"):
                code = re.search(role + r'="([^"]*)"', coding)
                if code and code.group(1) and code.group(1) not in codes:
                    codes.append(code.group(1))
        sentence = " ".join(unescape(text.group(1)).split())
        sentences.append(GoldSentence(sentence, published, [GoldActor(None, modern_code(c)) for c in codes]))
    return sentences


def run_actors(sentences: list[GoldSentence]) -> list[list[ActorMention]]:
    from newsevents import nlp as nlp_model
    from newsevents.pipeline import analyse

    articles = [Article(article_id(None, s.text), s.text, published=s.published) for s in sentences]
    docs = nlp_model.load().pipe((a.text for a in articles), batch_size=64)
    return [analyse(article, doc, ["actors"]).actors for article, doc in zip(articles, docs)]


def gold_full(actor: GoldActor) -> str | None:
    """Country + primary sector; None when the gold leaves the sector open ('***')."""
    if actor.sector == "***":
        return None
    sector = re.match(r"[A-Z]*", actor.sector).group(0)[:3]
    return actor.code + sector


def full_matches(gold: GoldActor, code: str | None) -> bool:
    if not code:
        return False
    wanted = gold_full(gold)
    if wanted is None:
        return code[:3] == gold.code[:3]
    if gold.code in ("IGO", "NGO", "IMG", "MNC", "NGM", "INT") and not gold.sector:
        return code.startswith(gold.code)  # the gold codes the organisation type only
    # Country + primary sector: GBRGOVMIL is a GBRGOV; finer sub-sectors are not scored.
    return code[: len(wanted)] == wanted and (len(code) == len(wanted) or len(wanted) > 3)


def locate(text: str, phrase: str) -> tuple[int, int] | None:
    """First occurrence of the gold text as whole words ("US" is not the "us" of "pushing")."""
    found = re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text, re.I) or re.search(re.escape(phrase), text, re.I)
    return (found.start(), found.end()) if found else None


def part_of(text: str) -> str:
    """Fixed half of the gold a sentence belongs to: rules are tuned on one, checked on the other."""
    return "tune" if zlib.crc32(text.encode("utf-8")) % 2 == 0 else "check"


def score_plover(sentences: list[GoldSentence], misses: list | None = None) -> dict:
    found = country = full = located = total = 0
    for sentence, mentions in zip(sentences, run_actors(sentences)):
        for actor in sentence.actors:
            total += 1
            span = locate(sentence.text, actor.text)
            if span is None:
                continue
            located += 1
            start, end = span
            overlapping = [m for m in mentions if m.start < end and start < m.end]
            if not overlapping:
                if misses is not None:
                    misses.append((sentence.text, actor.text, gold_full(actor) or actor.code, None, None))
                continue
            found += 1
            best = max(overlapping, key=lambda m: (full_matches(actor, m.code), bool(m.code) and m.code[:3] == actor.code[:3],
                                                   min(end, m.end) - max(start, m.start)))
            country += bool(best.code) and best.code[:3] == actor.code[:3]
            full += full_matches(actor, best.code)
            if misses is not None and not full_matches(actor, best.code):
                misses.append((sentence.text, actor.text, gold_full(actor) or actor.code, best.text, best.code))
    return {
        "gold_actors": total, "located": located, "found": found,
        "found_pct": pct(found, located), "country_pct": pct(country, located), "full_pct": pct(full, located),
        "country_of_found_pct": pct(country, found), "full_of_found_pct": pct(full, found),
    }


def score_petrarch(sentences: list[GoldSentence], misses: list | None = None) -> dict:
    total = country = full = 0
    for sentence, mentions in zip(sentences, run_actors(sentences)):
        codes = [m.code for m in mentions if m.code and not m.is_place]
        for actor in sentence.actors:
            total += 1
            prefix = actor.code[:3]
            if prefix == "---":  # unknown country: the role alone is gold (coded "---GOV", or left uncoded)
                unknown = any(m.code == actor.code or (m.code is None and "".join(m.sectors) == actor.code[3:]) for m in mentions)
                country += unknown or any(c[3:] == actor.code[3:] for c in codes)
                hit = unknown
            else:
                country += any(c[:3] == prefix for c in codes)
                hit = actor.code in codes
            full += hit
            if misses is not None and not hit:
                misses.append((sentence.text, None, actor.code, None, " ".join(f"{m.text}={m.code}" for m in mentions)))
    return {"gold_actors": total, "found": country, "found_pct": pct(country, total),
            "country_pct": pct(country, total), "full_pct": pct(full, total)}


def pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def cli(
    gold: Annotated[Optional[list[Path]], typer.Argument(help="Gold files (.json PLOVER GSR, .xml PETRARCH-2 validation); default both in ../shared/gold.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    part: Annotated[Optional[str], typer.Option("--part", help="Score only one half of the gold: tune or check.")] = None,
    show: Annotated[bool, typer.Option("--show", help="List the gold actors not fully right.")] = False,
) -> None:
    """Score actor coding: gold actors found, country correct, full code correct."""
    paths = list(gold) if gold else [p for p in DEFAULT_GOLD if p.exists()]
    if not paths:
        raise typer.BadParameter("no gold file given and none found under ../shared/gold")
    if part not in (None, "tune", "check"):
        raise typer.BadParameter("--part is tune or check")
    figures = {}
    misses: list | None = [] if show else None
    for path in paths:
        if path.suffix == ".json":
            sentences, score = read_plover(path), score_plover
        elif path.suffix == ".xml":
            sentences, score = read_petrarch(path), score_petrarch
        else:
            raise typer.BadParameter(f"{path}: expected a .json (PLOVER) or .xml (PETRARCH) gold file")
        if part is not None:
            sentences = [s for s in sentences if part_of(s.text) == part]
        figures[path.name] = score(sentences, misses)
    if misses:
        for text, gold_text, gold_code, found_text, found_code in misses:
            print(f"gold {gold_text!r}={gold_code}  got {found_text!r}={found_code}\n    {text}")
    if as_json:
        print(json.dumps(figures, indent=2))
        return
    table = Table(title="Actor coding against gold")
    for column in ("gold set", "gold actors", "found %", "country %", "full code %"):
        table.add_column(column, justify="right" if column != "gold set" else "left")
    for name, f in figures.items():
        table.add_row(name, str(f["gold_actors"]), f"{f['found_pct']:.1f}", f"{f['country_pct']:.1f}", f"{f['full_pct']:.1f}")
    Console().print(table)
