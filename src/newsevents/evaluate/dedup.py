"""`newsevents eval dedup`: event clusters against ECB+ cross-document coreference chains.

ECB+ (Cybulska & Vossen 2014; ../shared/corpora/ecbplus) gives 982 news articles in 43
topics as tokens, with action mentions and the chains they belong to, within and across
documents. The articles are rebuilt from their tokens (with the offset of every token),
ingested through the real runner into a DuckDB store, and every coded mention whose
trigger overlaps a gold action mention is aligned to it. The gold mentions so aligned are
scored: the key is their gold chain, the response the stored event of their mention.
Mentions the coder does not code (most ECB+ actions are not political events: earthquakes,
film awards) are outside the score; the coverage is reported next to it.

Scores, as the ECB+ literature uses them ("native"): pairwise precision and recall over
the pairs of aligned mentions put in one cluster, and B³ (Bagga & Baldwin 1998) F1, each
overall and per topic; all-singletons B³ on the same mentions is shown for scale.

The corpus ships no publication dates; ecbplus documents keep their URL as the first
"sentence", and the date in it (or in a date line near the top) is the article's date.
ECB documents without either have none, so they only de-duplicate within themselves.
"""

from __future__ import annotations

import csv
import json
import re
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Annotated, Optional
from urllib.parse import urlparse

import typer
from rich.console import Console
from rich.table import Table

from newsevents.model import Article, article_id

PROJECT = Path(__file__).resolve().parents[3]
DEFAULT_CORPUS = PROJECT.parent / "shared" / "corpora" / "ecbplus"

# No space before these tokens, none after the opening ones (the corpus is tokenised).
_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "%", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "''", "'"}
_NO_SPACE_AFTER = {"(", "[", "$", "``"}
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


@dataclass
class GoldMention:
    doc: str
    m_id: str
    chain: str
    start: int
    end: int
    sentence: int


@dataclass
class Document:
    name: str
    topic: str
    text: str
    url: str | None
    published: date | None
    mentions: list[GoldMention] = field(default_factory=list)

    def article(self) -> Article:
        host = urlparse(self.url).netloc.removeprefix("www.") if self.url else None
        return Article(
            id=article_id(None, f"ecb+/{self.name}"), text=self.text, url=self.url, outlet=host or None,
            published=self.published, source=self.name, title=None,
        )


def _date_in_url(url: str) -> date | None:
    for pattern in (r"/((?:19|20)\d\d)[/-](\d\d?|[a-z]{3})[/-](\d\d?)(?:[/.-]|$)", r"((?:19|20)\d\d)(\d\d)(\d\d)"):
        if m := re.search(pattern, url.lower()):
            year, month, day = m.groups()
            month_n = _MONTHS.get(month) if not month.isdigit() else int(month)
            try:
                return date(int(year), month_n, int(day)) if month_n else None
            except ValueError:
                continue
    return None


def _date_line(line: str) -> date | None:
    """A full date in a by-line ("May 2, 2013 1: 35 pm", "Wednesday 05 May 2010", "08. 07. 2012")."""
    if not re.search(r"\b(19|20)\d\d\b", line) or len(line) > 120:
        return None
    from dateparser.search import search_dates

    found = search_dates(
        re.sub(r"(\d) ([:/.-]) ?(\d)", r"\1\2\3", line), languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "MDY"},
    )
    years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", line)}
    # Only a date whose year is written out: "dies at 91" is no publication date.
    return next((d.date() for _, d in found or [] if d.year in years and d.year >= 1990), None)


def read_document(path: Path) -> Document:
    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id"), int(t.get("sentence")), t.text or "") for t in root.iter("token")]
    sentence_of = {t_id: sentence for t_id, sentence, _ in tokens}
    sentences: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for t_id, sentence, text in tokens:
        sentences[sentence].append((t_id, text))
    url = None
    if "ecbplus" in path.name and sentences.get(0):
        first = "".join(text for _, text in sentences[0])
        if first.startswith("http"):
            url = first
            del sentences[0]
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos = 0
    for number in sorted(sentences):
        previous = None
        for t_id, text in sentences[number]:
            if previous is not None and text not in _NO_SPACE_BEFORE and previous not in _NO_SPACE_AFTER:
                parts.append(" ")
                pos += 1
            offsets[t_id] = (pos, pos + len(text))
            parts.append(text)
            pos += len(text)
            previous = text
        parts.append("\n")
        pos += 1
    text = "".join(parts)
    published = _date_in_url(url) if url else None
    if published is None and url:  # ECB documents keep no by-line; their first lines are the story
        for line in text.splitlines()[:3]:
            if published := _date_line(line):
                break
    doc = Document(path.stem, path.parent.name, text, url, published)
    doc.mentions = _gold_mentions(root, doc.name, offsets, sentence_of)
    return doc


def _gold_mentions(
    root, doc: str, offsets: dict[str, tuple[int, int]], sentence_of: dict[str, int]
) -> list[GoldMention]:
    markables = root.find("Markables")
    instances: dict[str, str] = {}
    anchored: dict[str, list[str]] = {}
    for m in markables:
        if not (m.tag.startswith("ACTION") or m.tag.startswith("NEG_ACTION")):
            continue
        anchors = [a.get("t_id") for a in m.findall("token_anchor")]
        if anchors:
            anchored[m.get("m_id")] = anchors
        elif m.get("instance_id"):
            instances[m.get("m_id")] = m.get("instance_id")
    chain_of: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else []:
        target = relation.find("target")
        if target is None:
            continue
        instance = instances.get(target.get("m_id"))
        if instance is None:
            continue
        # Within-document chains have document-local instance ids.
        chain = instance if relation.tag == "CROSS_DOC_COREF" else f"{doc}/{instance}"
        for source in relation.findall("source"):
            chain_of[source.get("m_id")] = chain
    mentions = []
    for m_id, anchors in anchored.items():
        spans = [offsets[a] for a in anchors if a in offsets]
        if not spans:
            continue
        chain = chain_of.get(m_id, f"{doc}/singleton/{m_id}")
        mentions.append(GoldMention(
            doc, m_id, chain, min(s for s, _ in spans), max(e for _, e in spans), sentence_of[anchors[0]]
        ))
    return mentions


def annotated_sentences(corpus: Path) -> set[tuple[str, int]]:
    """(document, sentence) pairs whose mentions ECB+ annotated for coreference.

    Only these were checked for coreference (Cybulska & Vossen 2015); elsewhere an
    action mention without a chain is not known to be a singleton, so it is left out.
    """
    with (corpus / "ECBplus_coreference_sentences.csv").open(newline="") as fh:
        return {(f"{row['Topic']}_{row['File']}", int(row["Sentence Number"])) for row in csv.DictReader(fh)}


def read_corpus(corpus: Path, topics: set[str] | None = None) -> list[Document]:
    folder = corpus / "ECB+"
    annotated = annotated_sentences(corpus)
    docs = []
    for topic in sorted(folder.iterdir(), key=lambda p: int(p.name) if p.name.isdigit() else 0):
        if topic.is_dir() and (topics is None or topic.name in topics):
            for path in sorted(topic.glob("*.xml")):
                doc = read_document(path)
                doc.mentions = [m for m in doc.mentions if (doc.name, m.sentence) in annotated]
                docs.append(doc)
    return docs


# -- scoring ---------------------------------------------------------------------------


def pairwise(key: dict[str, str], response: dict[str, str]) -> tuple[int, int, int]:
    """(pairs in both, pairs in the response, pairs in the key) over the same items."""
    def pairs(assign: dict[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for item, cluster in assign.items():
            groups[cluster].append(item)
        return {tuple(sorted(p)) for members in groups.values() for p in combinations(members, 2)}

    k, r = pairs(key), pairs(response)
    return len(k & r), len(r), len(k)


def b_cubed(key: dict[str, str], response: dict[str, str]) -> tuple[float, float]:
    """B³ precision and recall (Bagga & Baldwin 1998), averaged over items."""
    if not key:
        return 0.0, 0.0
    key_groups: dict[str, set[str]] = defaultdict(set)
    response_groups: dict[str, set[str]] = defaultdict(set)
    for item in key:
        key_groups[key[item]].add(item)
        response_groups[response[item]].add(item)
    p = r = 0.0
    for item in key:
        k, s = key_groups[key[item]], response_groups[response[item]]
        common = len(k & s)
        p += common / len(s)
        r += common / len(k)
    return p / len(key), r / len(key)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _show(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def figures(key: dict[str, str], response: dict[str, str]) -> dict:
    both, in_response, in_key = pairwise(key, response)
    bp, br = b_cubed(key, response)
    singletons = {item: item for item in key}
    sp, sr = b_cubed(key, singletons)
    # With no pair predicted (or none in the gold) the ratio is undefined, not zero.
    pp = both / in_response if in_response else None
    pr = both / in_key if in_key else None
    return {
        "mentions": len(key),
        "pairwise_precision": _round(pp), "pairwise_recall": _round(pr),
        "pairwise_f1": _round(_f1(pp, pr)) if pp is not None and pr is not None else None,
        "pairs_predicted": in_response, "pairs_gold": in_key,
        "b3_precision": round(bp, 3), "b3_recall": round(br, 3), "b3_f1": round(_f1(bp, br), 3),
        "b3_f1_all_singletons": round(_f1(sp, sr), 3),
    }


def align(docs: list[Document], mentions: list[dict]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Gold mention -> (gold chain, system event, topic), for gold mentions a coded trigger overlaps."""
    by_article: dict[str, list[dict]] = defaultdict(list)
    for m in mentions:
        by_article[m["article_id"]].append(m)
    key: dict[str, str] = {}
    response: dict[str, str] = {}
    topic: dict[str, str] = {}
    for doc in docs:
        coded = sorted(by_article.get(doc.article().id, []), key=lambda m: (m["trigger_start"], m["id"]))
        for gold in doc.mentions:
            hit = next((m for m in coded if m["trigger_start"] < gold.end and gold.start < m["trigger_end"]), None)
            if hit is None:
                continue
            item = f"{doc.name}/{gold.m_id}"
            key[item], response[item], topic[item] = gold.chain, hit["event_id"], doc.topic
    return key, response, topic


def evaluate(corpus: Path, db: str | None = None, topics: set[str] | None = None, workers: int | None = None) -> dict:
    from newsevents.runner import ingest
    from newsevents.store import open_store

    docs = read_corpus(corpus, topics)
    with tempfile.TemporaryDirectory() as tmp:
        path = db or str(Path(tmp) / "ecbplus.duckdb")
        with open_store(path) as store:
            ingest((d.article() for d in docs), store, workers=workers)
            mentions = list(store.mentions())
            events = store.count("events")
    key, response, topic = align(docs, mentions)
    result = {
        "documents": len(docs),
        "dated_documents": sum(1 for d in docs if d.published),
        "gold_action_mentions": sum(len(d.mentions) for d in docs),
        "coded_mentions": len(mentions),
        "events": events,
        "aligned_gold_mentions": len(key),
        "overall": figures(key, response),
    }
    result["topics"] = {}
    for t in sorted({topic[i] for i in key}, key=int):
        items = [i for i in key if topic[i] == t]
        result["topics"][t] = figures({i: key[i] for i in items}, {i: response[i] for i in items})
    return result


def cli(
    corpus: Annotated[Optional[Path], typer.Argument(help="ECB+ folder (default: ecbplus under ../shared/corpora).")] = None,
    topics: Annotated[Optional[str], typer.Option("--topics", help="Comma-separated topic numbers (default: all 43).")] = None,
    db: Annotated[Optional[str], typer.Option("--db", help="Keep the ingested store in this DuckDB file (default: a temporary one).")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Worker processes (default: one per core).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """De-duplication against ECB+ event coreference: pairwise P/R and B³ F1, overall and per topic."""
    corpus = corpus or DEFAULT_CORPUS
    if not (corpus / "ECB+").is_dir():
        raise typer.BadParameter(f"{corpus}: no ECB+ folder there (expected the ecbplus corpus)")
    wanted = {t.strip() for t in topics.split(",")} if topics else None
    result = evaluate(corpus, db, wanted, workers)
    if as_json:
        print(json.dumps(result, indent=2))
        return
    console = Console(width=max(Console().width, 120))
    o = result["overall"]
    console.print(
        f"{result['documents']} documents ({result['dated_documents']} dated), {result['gold_action_mentions']} gold "
        f"action mentions; {result['coded_mentions']} coded mentions in {result['events']} events; "
        f"{result['aligned_gold_mentions']} gold mentions aligned"
    )
    table = Table("topic", "mentions", "pairs gold", "pairs pred", "pair P", "pair R", "B³ P", "B³ R", "B³ F1",
                  "B³ F1 singletons", header_style="bold")
    for name, f in [*result["topics"].items(), ("all", o)]:
        table.add_row(name, str(f["mentions"]), str(f["pairs_gold"]), str(f["pairs_predicted"]),
                      _show(f["pairwise_precision"]), _show(f["pairwise_recall"]), _show(f["b3_precision"]),
                      _show(f["b3_recall"]), _show(f["b3_f1"]), _show(f["b3_f1_all_singletons"]))
    console.print(table)
    console.print("targets: pairwise precision ≥ 0.85, B³ F1 ≥ 0.70")
