"""`newsevents eval events [GOLD...]`: the coder against the event gold sets.

PETRARCH XML (PETR2_GSR_validation.xml, PETR.UnitTest.records.xml): only the raw <Text>
is read, never the gold parse. Each sentence is run through the real pipeline (dated with
the record's date, for date-ranged actor codes) and its events are compared with the
gold <EventCoding> rows as multisets of
  triple  (source code, target code, CAMEO root)   and   full (source, target, code).
A gold target "---" means none. The headline figures are our events as coded
("native"): a gold set is scored with its own conventions, never through a translation
of ours. Beside them (never instead) the projection onto the convention the PETRARCH gold
follows is printed ("petrarch", see petrarch_projection and
data/coding/petrarch_convention.json): where we keep an embedded act with a status
(negated, intended, requested, reported), PETRARCH folds the frame into the code ("would
not provide support" -> 12x); --convention petrarch swaps which is the headline. Actor codes are compared exactly; the "country" figures
compare only the first three characters of each actor code (USAGOV ~ USA), which shows
how much of a miss is the actor coder rather than the event coder. Root F1 compares the
set of root codes of each sentence, actors aside.

PLOVER_GSR_CAMEO.json: a prediction is on the gold dyad when its source mention overlaps
a gold source text (and its target a gold target text, where the gold has one); the
PLOVER type of such predictions is compared with the gold type, translated from the
2016 names (DEMAND, DISAPPROVE, FIGHT, INVESTIGATE) to the 2021 ones; an event whose
status is "intended" also counts as AGREE (PLOVER's AGREE is the expressed intent).

PLV_train.tsv: the <s>/<t> marks are stripped; an event is found when a prediction's
source overlaps the <s> span and its target the <t> span (also reported: either
direction, and "or unnamed": the marked source's event whose target is no actor mention,
as in "condemned the attack"; and the lenient figure that accepts such an event only where
no actor mention overlaps the <t> span, i.e. where the gold target is no actor at all). The predicted type of an item is the PLOVER type of a
dyad event, else of such a source event (CONCEDE and RETREAT count as YIELD, as in the
gold), else NONE; macro-F1 is over the gold types.

A folder of JSON gold files (or the name `wikinews`: evaluate/gold/wikinews, the project's
own annotation of the Wikinews news articles) is scored by evaluate/wikinews.py: whole
articles through the pipeline, events matched per gold sentence on root + source + target
at country level; precision, recall and the class of each error.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from newsevents.model import Article, ArticleResult, Event, article_id

PROJECT = Path(__file__).resolve().parents[3]
GOLD_DIR = PROJECT.parent / "shared" / "gold"
PLOVER_2016_TO_2021 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
PLV_MERGED = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}


# --- running the pipeline --------------------------------------------------------------
# The stages that decide which events exist and their status; where/when only add
# location and date, which these gold sets do not score.
EVENT_STAGES = ("actors", "coding", "attribution")


def run_texts(texts: list[tuple[str, date | None]]) -> list[ArticleResult]:
    return [result for result, _ in run_with_docs(texts)]


def run_with_docs(texts: list[tuple[str, date | None]]) -> list[tuple[ArticleResult, object]]:
    from newsevents import nlp as nlp_model
    from newsevents.pipeline import analyse

    articles = [Article(id=article_id(None, t), text=t, published=d, source="gold") for t, d in texts]
    docs = nlp_model.load().pipe([a.text for a in articles], batch_size=64)
    return [(analyse(article, doc, EVENT_STAGES), doc) for article, doc in zip(articles, docs)]


def _code(mention) -> str:
    return (mention.code or "") if mention is not None else ""


# --- PETRARCH XML ----------------------------------------------------------------------
@dataclass
class PetrItem:
    id: str
    text: str
    published: date | None
    gold: list[tuple[str, str, str]]  # (source, target, code)
    parse_matches_text: bool


def read_petrarch(path: Path) -> list[PetrItem]:
    raw = path.read_text(encoding="utf-8")
    items = []
    for block in re.split(r"(?=<Sentence\s)", raw)[1:]:
        head = re.search(r"<Sentence\s[^>]*>", block).group(0)
        sid = re.search(r'\bid="([^"]*)"', head)
        when = re.search(r'\bdate="(\d{8})"', head)
        text_m = re.search(r"<Text>(.*?)</Text>", block, re.S)
        if not text_m:
            continue
        text = " ".join(text_m.group(1).split())
        gold = []
        for row in re.findall(r"<EventCoding\s[^>]*>", block):
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', row))
            if "eventcode" in attrs:
                target = attrs.get("targetcode", "---")
                gold.append((attrs.get("sourcecode", ""), "" if target.strip("-") == "" else target, attrs["eventcode"]))
        published = None
        if when:
            try:
                published = date(int(when.group(1)[:4]), int(when.group(1)[4:6]), int(when.group(1)[6:]))
            except ValueError:
                published = None
        parse = re.search(r"<Parse>(.*?)</Parse>", block, re.S)
        forms = [line.split("\t")[1] for line in parse.group(1).strip().splitlines() if "\t" in line] if parse else []
        same = re.sub(r"\W", "", text).lower() == re.sub(r"\W", "", "".join(forms)).lower()
        items.append(PetrItem(sid.group(1) if sid else str(len(items)), text, published, gold, same))
    return [i for i in items if i.text]


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Counter, pred: Counter) -> None:
        hit = sum((gold & pred).values())
        self.tp += hit
        self.fp += sum(pred.values()) - hit
        self.fn += sum(gold.values()) - hit

    def figures(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


def _triples(rows, level: str) -> Counter:
    out = Counter()
    for s, t, c in rows:
        key_s, key_t = (s[:3], t[:3]) if level.startswith("country") else (s, t)
        code = c if level.endswith("full") else c[:2]
        out[(key_s, key_t, code)] += 1
    return out


def score_petrarch(items: list[PetrItem], show: bool, convention: str = "native") -> tuple[dict, list[dict]]:
    """Figures under both conventions; the chosen one is the headline (top-level keys, and
    the misses --show lists), the other sits under its own name."""
    runs = run_with_docs([(i.text, i.published) for i in items])
    results = [r for r, _ in runs]
    native = [[(_code(e.source), _code(e.target), e.cameo.code) for e in r.events if e.source and e.source.code]
              for r in results]
    projected = [petrarch_projection(r.events, doc) for r, doc in runs]
    chosen, other, other_name = (projected, native, "native") if convention == "petrarch" else (native, projected, "petrarch")
    figures, misses = _petrarch_figures(items, results, chosen, show)
    figures = {"convention": convention, **figures}
    figures[other_name] = {k: v for k, v in _petrarch_figures(items, results, other, False)[0].items()
                           if k not in ("per_root", "confusion")}
    return figures, misses


def _petrarch_figures(items: list[PetrItem], results: list[ArticleResult], preds: list[list[tuple[str, str, str]]],
                      show: bool) -> tuple[dict, list[dict]]:
    scores = {k: PRF() for k in ("triple", "full", "country_triple", "country_full", "root")}
    subset = {k: PRF() for k in ("triple", "root")}
    per_root: dict[str, PRF] = defaultdict(PRF)
    confusion: dict[str, Counter] = defaultdict(Counter)
    misses = []
    for item, result, pred in zip(items, results, preds):
        for level in ("triple", "full", "country_triple", "country_full"):
            g, p = _triples(item.gold, level), _triples(pred, level)
            scores[level].add(g, p)
            if level == "triple" and item.parse_matches_text:
                subset["triple"].add(g, p)
        g_roots, p_roots = Counter({c[:2]: 1 for _, _, c in item.gold}), Counter({c[:2]: 1 for _, _, c in pred})
        scores["root"].add(g_roots, p_roots)
        if item.parse_matches_text:
            subset["root"].add(g_roots, p_roots)
        for root in set(g_roots) | set(p_roots):
            per_root[root].add(Counter({root: g_roots[root]}) if root in g_roots else Counter(),
                               Counter({root: 1}) if root in p_roots else Counter())
        for s, t, c in item.gold:
            same_dyad = [pc for ps, pt, pc in pred if ps[:3] == s[:3] and pt[:3] == t[:3]]
            confusion[c[:2]][same_dyad[0][:2] if same_dyad else "none"] += 1
        if show and _triples(item.gold, "triple") != _triples(pred, "triple"):
            misses.append({"id": item.id, "text": item.text, "gold": item.gold, "predicted": pred,
                           "native": [(_code(e.source), _code(e.target), e.cameo.code, e.status, e.rule)
                                      for e in result.events]})
    figures = {f"{k}": v.figures() for k, v in scores.items()}
    figures["sentences"] = len(items)
    figures["parse_matches_text_subset"] = {"sentences": sum(i.parse_matches_text for i in items),
                                            **{f"{k}_f1": v.figures()["f1"] for k, v in subset.items()}}
    figures["per_root"] = {r: per_root[r].figures() for r in sorted(per_root)}
    figures["confusion"] = {g: dict(c) for g, c in sorted(confusion.items())}
    return figures, misses


# --- the PETRARCH convention -------------------------------------------------------------
@lru_cache(maxsize=1)
def _convention() -> dict:
    from newsevents.coding.data import load

    return load("petrarch_convention.json")


def _block(code: str) -> str | None:
    table = _convention()["block"]
    return table.get(code) or table.get(code[:3]) or table.get(code[:2])


def _mention_key(mention) -> tuple[int, int] | None:
    return (mention.start, mention.end) if mention is not None else None


def _frame_lemma(doc, event: Event) -> str | None:
    """The verb an embedded act hangs from ("wants to help" -> want), if any."""
    if doc is None or event.trigger_token < 0:
        return None
    token = doc[event.trigger_token]
    for _ in range(3):
        if token.dep_ not in ("xcomp", "ccomp", "advcl", "conj", "dobj", "pobj", "prep") or token.head is token:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX", "ADJ") and token.dep_ != "conj":
            return token.lemma_.lower()
    return None


def petrarch_projection(events: list[Event], doc=None) -> list[tuple[str, str, str]]:
    """Our events as PETRARCH would code them (see petrarch_convention.json).

    Our coder keeps an embedded act with its status ("would not provide support": the
    support, negated); PETRARCH folds the frame into the code ("reject"). Per event:
      denied                         -> not coded;
      negated cooperative act        -> the 12 rejection of that act; other negated acts
                                        did not happen -> not coded;
      intended act under a verb of wanting or planning ("wants to help") -> the 03 intent
                                        (cooperation) or 13 threat (conflict); an act
                                        agreed, pledged or in the future tense stays the act,
                                        as the PETRARCH gold codes it ("agreed to lift
                                        sanctions" -> 085, "will supply arms" -> 072);
      requested act                  -> folded into the appeal or demand aimed at its
                                        actor in the same sentence, whose sub-code it sets
                                        (appeal to ease sanctions -> 0254); not coded itself;
      reported conflict act, told by another non-media party -> that party's accusation
                                        (112) of the actor, which replaces its bare
                                        statement (010/110) in that sentence; told by the
                                        actor itself in a claim ("claimed that") -> its claim of
                                        responsibility (015); in a plain report, the act.
    """
    conv = _convention()
    asked = _asked_acts(events, doc)
    codes: dict[int, str | None] = {}
    accusations: list[tuple[str, str, int]] = []
    for n, e in enumerate(events):
        code, block = e.cameo.code, _block(e.cameo.code)
        if e.status in conv["drop"]:
            code = None
        elif e.rule.startswith("allege:") and e.source is not None and e.source.code:
            # The coder's own accusation from "claimed that X attacked": the same one the
            # alleged act projects to below, counted once.
            accusations.append((e.source.code, _code(e.target), e.cameo.code, e.sentence.start))
            code = None
        elif n in asked:
            _fold_request(events, n, block, codes)
            code = None
        elif e.status == "negated":
            code = conv["negated"].get(block) if block else None
        elif (e.status == "intended" and code[:2] not in ("01", "02", "03", "09", "10", "11", "12", "13")
              and _frame_lemma(doc, e) in conv["intent_frames"]):
            code = conv["intended"].get(block, code) if block else code
        elif e.status == "requested":
            _fold_request(events, n, block, codes)
            code = None
        elif (e.status in ("reported", "alleged") and code[:2] in conv["accusable_roots"]
              and e.reported_by is not None and e.reported_by.code and e.source is not None and e.source.code
              and not any(r in e.reported_by.code[3:] for r in conv["media_roles"])):
            if e.reported_by.code[:3] != e.source.code[:3]:
                accusations.append((e.reported_by.code, e.source.code, conv["accusation"], e.sentence.start))
            elif e.status == "alleged":  # "the US claimed that they had attacked Iraq"
                accusations.append((e.source.code, _code(e.target), conv["claim"], e.sentence.start))
            else:  # its own report of what it did ("..., the US Central Command said")
                codes[n] = code
                continue
            code = None
        codes.setdefault(n, code)
    accusers = {(s, sent) for s, _, _, sent in accusations}
    out = []
    for n, e in enumerate(events):
        code = codes.get(n)
        if code is None or e.source is None or not e.source.code:
            continue
        if (e.target is None and code[:2] in ("01", "11") and (e.source.code, e.sentence.start) in accusers):
            continue  # "claimed that X attacked": the claim is the accusation
        out.append((e.source.code, _code(e.target), code))
    out.extend((s, t, c) for s, t, c, _ in dict.fromkeys(accusations))
    return out


def _asked_acts(events: list[Event], doc) -> set[int]:
    """Acts the coder's appeal frame asks of its target ("wants Putin to attack
    Switzerland"): the request, not a deed of the one asked, whatever status attribution
    gave the embedded verb."""
    if doc is None:
        return set()
    appeals = {(e.trigger_token, _mention_key(e.target)) for e in events
               if e.rule.startswith("appeal:") and e.target is not None}
    out = set()
    for n, e in enumerate(events):
        if e.trigger_token < 0 or e.rule.startswith("appeal:"):
            continue
        token = doc[e.trigger_token]
        if token.dep_ in ("xcomp", "ccomp") and (token.head.i, _mention_key(e.source)) in appeals:
            out.add(n)
    return out


def _fold_request(events: list[Event], n: int, block: str | None, codes: dict[int, str | None]) -> None:
    """Give the appeal or demand that asks for events[n] the sub-code of what it asks."""
    asked = events[n]
    conv = _convention()
    for m, e in enumerate(events):
        if m == n or e.sentence.start != asked.sentence.start or e.cameo.root not in ("02", "10"):
            continue
        if e.status == "requested" or codes.get(m) is None and m in codes:
            continue
        if e.target is not None and _mention_key(e.target) != _mention_key(asked.source) and (
                e.target.code != _code(asked.source)):
            continue
        table = conv["appeal"] if e.cameo.root == "02" else conv["demand"]
        if block in table and e.cameo.code in ("020", "100", "02", "10"):
            codes[m] = table[block]
        return


def plover_types(event: Event) -> list[str]:
    """PLOVER's AGREE covers the expressed intent to cooperate and THREATEN the expressed
    intent to harm: an event the attribution stage marks "intended" ("will visit", "agreed
    to provide aid") is AGREE as well as its own type, an intended or conditional act of
    material conflict (quad class 4: "would boycott", "will withdraw ... unless") THREATEN."""
    types = [event.plover.type] if event.plover else []
    conflict = event.cameo.quad_class == 4
    if event.status == "intended":
        types.append("THREATEN" if conflict else "AGREE")
    elif event.status == "hypothetical" and conflict:
        types.append("THREATEN")
    return types


# --- PLOVER GSR JSON ---------------------------------------------------------------------
def _spans(text: str, needles: list[str]) -> list[tuple[int, int]]:
    out = []
    for needle in needles:
        for m in re.finditer(re.escape(needle), text, re.I):
            out.append((m.start(), m.end()))
    return out


def _overlaps(mention, spans, actors=()) -> bool:
    """The mention lies on a gold span, or is coreferent with one that does ("it" for the
    marked "the Afghan government", as the actors stage links them by entity)."""
    if mention is None:
        return False
    if any(mention.start < e and s < mention.end for s, e in spans):
        return True
    return mention.entity is not None and any(
        m.entity == mention.entity and any(m.start < e and s < m.end for s, e in spans) for m in actors)


def _actor_texts(value) -> list[str]:
    """The gold writes actors as a list of {actorText, code}, a single one, or plain text."""
    items = value if isinstance(value, list) else [value] if value else []
    texts = [(i.get("actorText") if isinstance(i, dict) else i) for i in items]
    return [t for t in texts if isinstance(t, str) and t.strip()]


def score_plover_gsr(path: Path, limit: int | None, show: bool, part: str | None = None) -> tuple[dict, list[dict]]:
    rows = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("text") and r.get("event") != "DOCUMENT"]
    rows = half(rows[:limit] if limit else rows, part)
    results = run_texts([(r["text"], None) for r in rows])
    on_dyad = right = any_event = 0
    misses = []
    for row, result in zip(rows, results):
        gold_type = PLOVER_2016_TO_2021.get(row["event"], row["event"])
        src = _spans(row["text"], _actor_texts(row.get("source")))
        tgt = _spans(row["text"], _actor_texts(row.get("target")))
        any_event += bool(result.events)
        acts = result.actors
        dyad = [e for e in result.events if _overlaps(e.source, src, acts) and (not tgt or _overlaps(e.target, tgt, acts))]
        if dyad:
            on_dyad += 1
            types = [t for e in dyad for t in plover_types(e)]
            ok = gold_type in types
            right += ok
        else:
            ok = False
        if show and not ok:
            misses.append({"id": row["id"], "text": row["text"], "gold": gold_type,
                           "predicted": [(e.source.text, e.target.text if e.target else None, e.cameo.code,
                                          e.plover.type if e.plover else None) for e in result.events]})
    figures = {"items": len(rows), "with_any_event": any_event, "on_gold_dyad": on_dyad,
               "dyad_rate": round(on_dyad / len(rows), 4) if rows else 0.0,
               "plover_type_accuracy_on_dyad": round(right / on_dyad, 4) if on_dyad else 0.0}
    return figures, misses


# --- PLV TSV ---------------------------------------------------------------------------
def _strip_marks(marked: str) -> tuple[str, tuple[int, int] | None, tuple[int, int] | None]:
    text, spans, pos, opened = [], {}, 0, {}
    for piece in re.split(r"(</?[st]>)", marked):
        tag = re.fullmatch(r"<(/?)([st])>", piece)
        if tag:
            if tag.group(1):
                spans[tag.group(2)] = (opened.get(tag.group(2), pos), pos)
            else:
                opened[tag.group(2)] = pos
            continue
        text.append(piece)
        pos += len(piece)
    return "".join(text), spans.get("s"), spans.get("t")


def macro_f1(pairs: list[tuple[str, str]]) -> tuple[float, dict]:
    labels = sorted({g for g, _ in pairs})
    per = {}
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per[label] = round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0
    return (round(sum(per.values()) / len(per), 4) if per else 0.0), per


def score_plv(path: Path, limit: int | None, show: bool, part: str | None = None) -> tuple[dict, list[dict]]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    rows = half(rows[:limit] if limit else rows, part)
    items = []
    for row in rows:
        text, s, t = _strip_marks(row["marked_sentence"])
        if s and t:
            items.append((row, text, s, t))
    results = run_texts([(text, None) for _, text, _, _ in items])
    found = undirected = from_source = lenient = nonactor_targets = 0
    pairs, misses = [], []
    for (row, text, s, t), result in zip(items, results):
        gold = row["gold_root"].strip()
        acts = result.actors
        directed = [e for e in result.events if _overlaps(e.source, [s], acts) and _overlaps(e.target, [t], acts)]
        either = directed or [e for e in result.events if _overlaps(e.source, [t], acts) and _overlaps(e.target, [s], acts)]
        # The marked target is often no actor ("condemned the attack"): an event of the
        # marked source whose target the coder could not name still says what S did.
        open_target = [e for e in result.events if _overlaps(e.source, [s], acts) and e.target is None]
        found += bool(directed)
        undirected += bool(either)
        from_source += bool(directed or open_target)
        # The gold often marks a target that is no actor ("the legislation", "a detention
        # center"): no coder that codes actors can name it, so an event of the marked
        # source whose target is unnamed counts there, and only there.
        nonactor = not any(_overlaps(m, [t]) for m in result.actors)
        nonactor_targets += nonactor
        lenient += bool(directed or (nonactor and open_target))
        typed = [t for e in (directed or open_target) for t in plover_types(e)]
        predicted = PLV_MERGED.get(typed[0], typed[0]) if typed else "NONE"
        if gold in {PLV_MERGED.get(x, x) for x in typed}:
            predicted = gold
        pairs.append((gold, predicted))
        if show and predicted != gold:
            misses.append({"id": row.get("sentence_id"), "text": row["marked_sentence"], "gold": gold,
                           "predicted": [(e.source.text, e.target.text if e.target else None, e.cameo.code,
                                          e.plover.type if e.plover else None) for e in result.events]})
    macro, per = macro_f1(pairs)
    n = len(items)
    figures = {"items": n, "event_on_marked_dyad": round(found / n, 4) if n else 0.0,
               "event_on_dyad_either_direction": round(undirected / n, 4) if n else 0.0,
               "event_from_source_target_on_dyad_or_unnamed": round(from_source / n, 4) if n else 0.0,
               "marked_target_not_an_actor": round(nonactor_targets / n, 4) if n else 0.0,
               "event_on_marked_dyad_or_unnamed_nonactor_target": round(lenient / n, 4) if n else 0.0,
               "plover_type_accuracy": round(sum(g == p for g, p in pairs) / n, 4) if n else 0.0,
               "plover_type_macro_f1": macro, "per_type_f1": per}
    return figures, misses


# --- ConfliBERT ------------------------------------------------------------------------
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "n't", "'", "’", "”", "'re", "'ve", "'ll", "'d", "'m"}
# The ConfliBERT file splits a curly possessive in two ("Netanyahu ’ s suggestion"); read
# apart, the parser takes the "s" for a word and loses the possessor.
CLITICS = {"s", "t", "re", "ve", "ll", "d", "m"}


def read_conflibert_ner(path: Path) -> list[tuple[str, dict[str, list[tuple[int, int]]]]]:
    """One `token TAG` a line, blank line between sentences -> (text, {"S"|"T"|"R": char
    spans}). The text is the tokens joined the way wire copy spaces them, so the pipeline
    reads a sentence, not a token list."""
    out, tokens = [], []

    def flush() -> None:
        if not tokens:
            return
        text, spans, open_span = "", {"S": [], "T": [], "R": []}, None
        for i, (tok, tag) in enumerate(tokens):
            if text and tok not in NO_SPACE_BEFORE and tokens[i - 1][0] not in ("(", "[", "$", "“") and not (
                    tok in CLITICS and tokens[i - 1][0] in ("'", "’")):
                text += " "
            start = len(text)
            text += tok
            kind = tag[2:] if len(tag) > 2 else None
            if tag.startswith("B-") or (tag.startswith("I-") and (open_span is None or open_span[0] != kind)):
                open_span = [kind, start, len(text)]
                spans.setdefault(kind, []).append(open_span)
            elif tag.startswith("I-"):
                open_span[2] = len(text)
            else:
                open_span = None
        out.append((text, {k: [(a, b) for _, a, b in v] for k, v in spans.items()}))
        tokens.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            tokens.append((parts[0], parts[-1]))
        else:
            flush()
    flush()
    return out


def score_conflibert_ner(path: Path, limit: int | None, show: bool, part: str | None = None) -> tuple[dict, list[dict]]:
    """Dyad found: an event whose source overlaps an S span and whose target overlaps a T
    span, or whose source and target lie on two different R (reciprocal) parties; over the
    sentences that mark a dyad (S and T, or two R parties)."""
    items = [(t, sp) for t, sp in read_conflibert_ner(path) if (sp["S"] and sp["T"]) or len(sp["R"]) > 1]
    items = half(items[:limit] if limit else items, part)
    results = run_texts([(text, None) for text, _ in items])
    found = either = 0
    misses = []
    for (text, spans), result in zip(items, results):
        acts = result.actors

        def reciprocal(e) -> bool:
            return any(_overlaps(e.source, [a], acts) and _overlaps(e.target, [b], acts)
                       for a in spans["R"] for b in spans["R"] if a != b)

        hit = any(_overlaps(e.source, spans["S"], acts) and _overlaps(e.target, spans["T"], acts) or reciprocal(e)
                  for e in result.events)
        loose = hit or any(_overlaps(e.source, spans["T"], acts) and _overlaps(e.target, spans["S"], acts)
                           for e in result.events)
        found += hit
        either += loose
        if show and not hit:
            misses.append({"text": text, "gold": {k: [text[a:b] for a, b in v] for k, v in spans.items() if v},
                           "predicted": [(e.source.text, e.target.text if e.target else None, e.cameo.code)
                                         for e in result.events]})
    n = len(items)
    return {"items": n, "dyad_found": round(found / n, 4) if n else 0.0,
            "dyad_found_either_direction": round(either / n, 4) if n else 0.0}, misses


def conflibert_label(events: list[Event]) -> int:
    """The sentence's class from its main event: the first one the sentence tells as done
    or reported (an appeal's requested act or an intended one is what the appeal or
    statement is about, not the sentence's event). 0 for statements and appeals (CAMEO
    01-02) or no event, else the quad class (1 verbal / 2 material cooperation, 3 verbal /
    4 material conflict)."""
    told = sorted((e for e in events if e.status in ("asserted", "reported", "alleged")), key=lambda e: e.trigger.start)
    if not told or told[0].cameo.root in ("01", "02"):
        return 0
    return told[0].cameo.quad_class


def score_conflibert_class(path: Path, limit: int | None, show: bool, part: str | None = None) -> tuple[dict, list[dict]]:
    with path.open(encoding="utf-8") as handle:
        # The sentences carry bare quotation marks: no CSV quoting.
        rows = [r for r in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if len(r) >= 2 and r[-1].strip().isdigit()]
    rows = half(rows[:limit] if limit else rows, part)
    results = run_texts([(r[0], None) for r in rows])
    pairs, misses = [], []
    for row, result in zip(rows, results):
        gold, predicted = int(row[-1]), conflibert_label(result.events)
        pairs.append((str(gold), str(predicted)))
        if show and gold != predicted:
            misses.append({"text": row[0], "gold": gold, "predicted": predicted,
                           "events": [(e.source.text, e.target.text if e.target else None, e.cameo.code)
                                      for e in result.events]})
    macro, per = macro_f1(pairs)
    n = len(pairs)
    return {"items": n, "class_accuracy": round(sum(g == p for g, p in pairs) / n, 4) if n else 0.0,
            "class_macro_f1": macro, "per_class_f1": per}, misses


# --- command ---------------------------------------------------------------------------
def default_gold() -> list[Path]:
    conflibert = [GOLD_DIR / "conflibert" / name for name in ("cameo_ner_train.txt", "cameo_class_train.tsv")]
    return sorted((GOLD_DIR / "petrarch").glob("*.xml")) + [GOLD_DIR / "plover" / "PLOVER_GSR_CAMEO.json",
                                                           GOLD_DIR / "plover" / "PLV_train.tsv"] + [
        p for p in conflibert if p.exists()] + wikinews_default()


def wikinews_default() -> list[Path]:
    from newsevents.evaluate.wikinews import PACKAGE_GOLD, SAMPLES, gold_files

    return [PACKAGE_GOLD] if SAMPLES.is_dir() and gold_files(PACKAGE_GOLD) else []


def by_name(path: Path) -> Path:
    """`wikinews` names the project's own precision set (evaluate/gold/wikinews)."""
    from newsevents.evaluate.wikinews import PACKAGE_GOLD

    return PACKAGE_GOLD if str(path) == "wikinews" and not path.exists() else path


def half(items: list, part: str | None) -> list:
    """Tune on the even-indexed items, check on the odd ones: a change that helps only the
    half it was tuned on is fitted to sentences, not to the phenomenon."""
    if part is None:
        return items
    return items[0::2] if part == "tune" else items[1::2]


def score_file(path: Path, limit: int | None, show: bool, convention: str = "native",
               part: str | None = None) -> tuple[dict, list[dict]]:
    if path.is_dir():
        from newsevents.evaluate.wikinews import gold_files, score_folder

        if not gold_files(path):
            raise typer.BadParameter(f"{path}: no gold .json files in this folder")
        return score_folder(path, show, part)
    if path.suffix == ".xml":
        items = read_petrarch(path)
        return score_petrarch(half(items[:limit] if limit else items, part), show, convention)
    if path.suffix == ".json":
        return score_plover_gsr(path, limit, show, part)
    if path.name.startswith("cameo_ner"):
        return score_conflibert_ner(path, limit, show, part)
    if path.name.startswith("cameo_class"):
        return score_conflibert_class(path, limit, show, part)
    if path.suffix in (".tsv", ".txt"):
        return score_plv(path, limit, show, part)
    raise typer.BadParameter(f"{path}: expected PETRARCH .xml, PLOVER GSR .json, PLV .tsv or ConfliBERT cameo_ner/cameo_class, "
                             "or a folder of Wikinews gold JSON (or 'wikinews')")


def _print(console: Console, name: str, figures: dict) -> None:
    flat = Table(title=f"events: {name}")
    flat.add_column("figure")
    for col in ("precision", "recall", "f1", "tp", "fp", "fn", "value"):
        flat.add_column(col, justify="right")
    def rows(prefix: str, items: dict) -> None:
        for key, value in items.items():
            if key in ("per_root", "confusion", "per_type_f1", "per_class_f1"):
                continue
            if isinstance(value, dict) and "f1" in value:
                flat.add_row(prefix + key, *(str(value[c]) for c in ("precision", "recall", "f1", "tp", "fp", "fn")), "")
            elif isinstance(value, dict):
                rows(f"{prefix}{key}.", value)
            else:
                flat.add_row(prefix + key, "", "", "", "", "", "", str(value))

    rows("", figures)
    console.print(flat)
    if "per_root" in figures:
        roots = Table(title=f"{name}: per CAMEO root (sentence level)")
        for col in ("root", "precision", "recall", "f1", "tp", "fp", "fn"):
            roots.add_column(col, justify="right")
        for root, v in figures["per_root"].items():
            roots.add_row(root, *(str(v[c]) for c in ("precision", "recall", "f1", "tp", "fp", "fn")))
        console.print(roots)
        cols = sorted({p for c in figures["confusion"].values() for p in c})
        conf = Table(title=f"{name}: confusion (gold root x predicted root on the same country dyad)")
        conf.add_column("gold")
        for c in cols:
            conf.add_column(c, justify="right")
        for gold_root, row in figures["confusion"].items():
            conf.add_row(gold_root, *(str(row.get(c, "")) for c in cols))
        console.print(conf)
    if "per_type_f1" in figures:
        types = Table(title=f"{name}: PLOVER type F1")
        types.add_column("type")
        types.add_column("f1", justify="right")
        for t, v in figures["per_type_f1"].items():
            types.add_row(t, str(v))
        console.print(types)


def cli(
    gold: Annotated[Optional[list[Path]], typer.Argument(help="Gold files (default: every event gold file in ../shared/gold, and the Wikinews set); 'wikinews' names the Wikinews set.")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", help="Score only the first N items of each file.")] = None,
    show: Annotated[bool, typer.Option("--show", help="List the misses.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    convention: Annotated[str, typer.Option(
        "--convention", help="PETRARCH files: headline figures under 'native' (our events as coded, the default) "
        "or 'petrarch' (frames folded into codes, see petrarch_projection); the other is printed beside them.")] = "native",
    part: Annotated[Optional[str], typer.Option(
        "--part", help="Score only the 'tune' (even-indexed) or 'check' (odd-indexed) half of each file (Wikinews: of the articles).")] = None,
) -> None:
    """Event coding: triple / full-code P, R, F1, root F1, PLOVER type accuracy and macro-F1."""
    paths = [by_name(p) for p in gold] if gold else default_gold()
    console = Console()
    all_figures = {}
    for path in paths:
        if not path.exists():
            raise typer.BadParameter(f"{path} not found")
        if convention not in ("petrarch", "native"):
            raise typer.BadParameter("--convention is 'petrarch' or 'native'")
        if part not in (None, "tune", "check"):
            raise typer.BadParameter("--part is 'tune' or 'check'")
        figures, misses = score_file(path, limit, show, convention, part)
        all_figures[path.name] = figures
        if not as_json:
            _print(console, path.name, figures)
        for miss in misses:
            print(json.dumps(miss, ensure_ascii=False))
    if as_json:
        print(json.dumps(all_figures, indent=1))
