"""The project's own precision set: 24 Wikinews news articles, annotated by the project.

Gold: one JSON per article in evaluate/gold/wikinews/ (format: every sentence of the body,
copied exactly, with the events that must be coded in it, or none). Scored natively, with
the gold's own conventions:

- each article (../shared/samples/wikinews/<article>, or a .md next to the gold file) is
  read by the project's reader and run through the whole pipeline;
- each gold sentence is located in the article text by exact substring (the headline,
  and a photo caption, which the reader keeps apart from the body, are located there: the
  pipeline codes neither, so their events can only be missed);
- each coded event goes to the gold sentence its sentence span overlaps (the one holding
  its trigger where spaCy's sentence spans two gold sentences);
- a coded event is correct when it matches a gold event of that sentence, or one of its
  alternatives, on CAMEO root + source + target at country level (the actor's country if
  it has one, else its code; an IGO/NGO code matches a code it prefixes or that prefixes
  it; a null target matches no target). Each gold event is matched at most once (maximum
  bipartite matching, so the order of events cannot cost a match).

Precision = correct / coded; recall = matched required gold events / required gold
events: an optional gold event ("required": false) counts for precision only.
Wrong coded events are put in one class: phantom (the sentence has no gold event),
wrong root / wrong source / wrong target / missing target (a gold event of the sentence
agrees on the other two), duplicate (it matches a gold event another coded event already
took), unaligned (its sentence overlaps no gold sentence: a gap in the gold), other.
Over matched pairs whose gold gives it: status accuracy; the event's own date exact at
the gold's precision (`date`; the gold holds the date the text gives the event, null where
it gives none, so the publication-day fallback is right only where the event did happen
that day); the place's country; and the place exact (`place_name`: the gold's name, or the
gazetteer entry it names in the gold's country). Beside these, `aligned`: the same over every
gold event whose sentence has a coded event. With --show, events whose date or place
disagrees are listed too (wrong_date, wrong_date_publication, wrong_country_<basis>,
wrong_place_<basis>, no_place).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.model import ActorMention, ArticleResult, Event

PACKAGE_GOLD = Path(__file__).resolve().parent / "gold" / "wikinews"
SAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "samples" / "wikinews"
STATUSES = {"asserted", "reported", "alleged", "denied", "negated", "intended", "hypothetical", "requested"}
# The when stage's own convention: a month is its first day, a year its 1 January, a week its Monday.
DATE_PRECISIONS = ("day", "week", "month", "year")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
ERROR_CLASSES = ("phantom", "wrong_root", "wrong_source", "wrong_target", "missing_target", "duplicate",
                 "unaligned", "other")


class GoldProblem(ValueError):
    """A gold file that cannot be scored; the message names the reason."""


@dataclass
class GoldEvent:
    root: str
    source: str | None
    target: str | None
    required: bool
    status: str | None
    date: str | None
    date_precision: str | None
    place: str | None
    place_country: str | None
    alternatives: list[tuple[str, str | None, str | None]]
    note: str | None = None

    def readings(self) -> list[tuple[str, str | None, str | None]]:
        return [(self.root, self.source, self.target), *self.alternatives]


@dataclass
class GoldSentence:
    text: str
    events: list[GoldEvent]
    start: int = -1  # offsets in the article text; -1: in the title, or not found
    end: int = -1
    where: str = "body"  # body | title | caption | missing


@dataclass
class GoldArticle:
    path: Path
    article: str
    sentences: list[GoldSentence]


def _party(value, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise GoldProblem(f"{where}: expected a code or null, got {value!r}")
    return value.strip().upper()


def _root(value, where: str) -> str:
    root = str(value).strip()
    if not (len(root) == 2 and root.isdigit() and 1 <= int(root) <= 20):
        raise GoldProblem(f"{where}: root {value!r} is not a CAMEO root 01-20")
    return root


def read_gold(path: Path) -> GoldArticle:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise GoldProblem(f"not readable JSON ({problem})") from None
    if not isinstance(data, dict) or not isinstance(data.get("sentences"), list):
        raise GoldProblem("no 'sentences' list")
    sentences = []
    for n, entry in enumerate(data["sentences"], 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str) or not isinstance(entry.get("events", []), list):
            raise GoldProblem(f"sentence {n}: expected {{'text': str, 'events': [...]}}")
        events = []
        for k, ev in enumerate(entry.get("events", []), 1):
            where = f"sentence {n} event {k}"
            if not isinstance(ev, dict) or "root" not in ev:
                raise GoldProblem(f"{where}: no root")
            alternatives = []
            for alt in ev.get("alternatives") or []:
                if not isinstance(alt, dict):
                    raise GoldProblem(f"{where}: alternative {alt!r} is not an object")
                alternatives.append((_root(alt.get("root", ev["root"]), where), _party(alt.get("source", ev.get("source")), where),
                                     _party(alt.get("target", ev.get("target")), where)))
            for key in ("date", "date_precision", "place", "status", "note"):
                if ev.get(key) is not None and not isinstance(ev[key], str):
                    raise GoldProblem(f"{where}: {key} {ev[key]!r} is not a string or null")
            if ev.get("date") is not None and not _ISO_DAY.fullmatch(ev["date"]):
                raise GoldProblem(f"{where}: date {ev['date']!r} is not YYYY-MM-DD")
            if ev.get("date_precision") not in (None, *DATE_PRECISIONS):
                raise GoldProblem(f"{where}: date_precision {ev['date_precision']!r} is not one of {', '.join(DATE_PRECISIONS)}")
            if not isinstance(ev.get("required", True), bool):
                raise GoldProblem(f"{where}: required {ev['required']!r} is not true or false")
            status = ev.get("status")
            if status is not None and status not in STATUSES:
                raise GoldProblem(f"{where}: unknown status {status!r}")
            events.append(GoldEvent(
                root=_root(ev["root"], where), source=_party(ev.get("source"), where),
                target=_party(ev.get("target"), where), required=bool(ev.get("required", True)), status=status,
                date=ev.get("date"), date_precision=ev.get("date_precision"), place=ev.get("place"), place_country=_party(ev.get("place_country"), where),
                alternatives=alternatives, note=ev.get("note")))
        sentences.append(GoldSentence(entry["text"], events))
    article = data.get("article") or path.with_suffix(".md").name
    return GoldArticle(path, article, sentences)


def gold_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def article_path(gold: GoldArticle, samples: Path = SAMPLES) -> Path:
    beside = gold.path.parent / gold.article
    return beside if beside.exists() else samples / gold.article


def locate(gold: GoldArticle, text: str, title: str | None, caption: str | None = None) -> None:
    """Exact substring, searched from the end of the previous sentence first, so that a
    sentence the article repeats is placed where it occurs in order. The headline and a
    photo caption, which the reader keeps apart from the body, are placed there."""
    cursor = 0
    for sentence in gold.sentences:
        needle = sentence.text.strip()
        at = text.find(needle, cursor)
        if at < 0:
            at = text.find(needle)
        if at >= 0 and needle:
            sentence.start, sentence.end, sentence.where = at, at + len(needle), "body"
            cursor = sentence.end
        elif title and needle and needle in title:
            sentence.where = "title"
        elif caption and needle and needle in caption:
            sentence.where = "caption"
        else:
            sentence.where = "missing"


# --- matching ------------------------------------------------------------------------
def system_party(mention: ActorMention | None) -> str | None:
    if mention is None:
        return None
    party = mention.country or mention.code
    return party.upper() if party else None


def party_matches(gold: str | None, system: str | None) -> bool:
    if gold is None or system is None:
        return gold is None and system is None
    if gold == system:
        return True
    if gold.startswith(("IGO", "NGO")) or system.startswith(("IGO", "NGO")):
        return gold.startswith(system) or system.startswith(gold)
    return False


def reading_matches(reading: tuple[str, str | None, str | None], event: Event) -> bool:
    root, source, target = reading
    return (event.cameo.root == root and party_matches(source, system_party(event.source))
            and party_matches(target, system_party(event.target)))


def match(coded: list[Event], gold: list[GoldEvent]) -> dict[int, int]:
    """Maximum bipartite matching coded -> gold (Kuhn's augmenting paths; a sentence has a
    handful of events, so the simple algorithm is plenty). Required gold events are tried
    first, so an ambiguous coded event counts towards recall where it can."""
    order = sorted(range(len(gold)), key=lambda g: not gold[g].required)
    edges = {c: [g for g in order if any(reading_matches(r, e) for r in gold[g].readings())]
             for c, e in enumerate(coded)}
    owner: dict[int, int] = {}

    def augment(c: int, seen: set[int]) -> bool:
        for g in edges[c]:
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or augment(owner[g], seen):
                owner[g] = c
                return True
        return False

    for c in range(len(coded)):
        augment(c, set())
    return {c: g for g, c in owner.items()}


def error_class(event: Event, gold: list[GoldEvent]) -> str:
    if not gold:
        return "phantom"
    s, t = system_party(event.source), system_party(event.target)
    readings = [r for g in gold for r in g.readings()]
    if any(reading_matches(r, event) for r in readings):
        return "duplicate"
    if any(party_matches(rs, s) and party_matches(rt, t) for _, rs, rt in readings):
        return "wrong_root"
    if any(rr == event.cameo.root and party_matches(rt, t) for rr, _, rt in readings):
        return "wrong_source"
    same_act = [rt for rr, rs, rt in readings if rr == event.cameo.root and party_matches(rs, s)]
    if any(rt is not None for rt in same_act) and t is None:
        return "missing_target"
    if same_act:
        return "wrong_target"
    return "other"


# --- scoring -------------------------------------------------------------------------
@dataclass
class Tally:
    coded: int = 0
    correct: int = 0
    required: int = 0
    required_matched: int = 0
    optional: int = 0
    errors: Counter = field(default_factory=Counter)
    agreement: dict = field(default_factory=lambda: {k: [0, 0] for k in ("status", "date", "place_country", "place_name")})
    # The same over every gold event whose sentence has a coded event (its match, else one
    # of the same root, else the first): the coder matches few events, and a date or place
    # belongs to the trigger's clause more than to the dyad.
    aligned: dict = field(default_factory=lambda: {k: [0, 0] for k in ("date", "place_country", "place_name")})
    sentences: Counter = field(default_factory=Counter)

    def agree(self, key: str, ok: bool, into: dict | None = None) -> None:
        into = self.agreement if into is None else into
        into[key][0] += ok
        into[key][1] += 1


def date_agrees(event: Event, g: GoldEvent) -> bool:
    """The gold's day, month or year, said at that precision: "in May" is not May 1st, and
    the publication day counts as the day it is (it may be the event's day)."""
    system = event.date.value
    if system is None or g.date is None:
        return False
    precision = event.date.precision
    if precision in ("publication", "day"):
        precision = "day"
    gold_precision = g.date_precision or "day"
    if gold_precision == "day":
        return precision == "day" and system == g.date
    if gold_precision != precision:
        return False
    width = {"week": 10, "month": 7, "year": 4}.get(gold_precision, 10)
    return system[:width] == g.date[:width]


def place_agrees(place, gold_name: str, gold_country: str | None) -> bool:
    """The same place: its name or text as the gold spells it, or the gazetteer entry the
    gold name resolves to in the gold's country ("New York" is New York City)."""
    if place is None:
        return False
    wanted = gold_name.casefold()
    if wanted in {place.name.casefold(), place.span.text.casefold() if place.span else ""}:
        return True
    if place.geonames_id is None:
        return False
    from newsevents.where.gazetteer import load

    return any(c.entry.geonames_id == place.geonames_id and (gold_country is None or c.entry.country == gold_country)
               for c in load().candidates(gold_name))


def _agree_when_where(tally: Tally, event: Event, g: GoldEvent, into: dict | None = None) -> None:
    if g.date:
        tally.agree("date", date_agrees(event, g), into)
    place = event.location
    if g.place_country:
        tally.agree("place_country", bool(place and place.country and place.country.upper() == g.place_country), into)
    if g.place:
        tally.agree("place_name", place_agrees(place, g.place, g.place_country), into)


def _when_where_disagreement(event: Event, g: GoldEvent) -> str | None:
    """The class of a matched event whose date or place is wrong, for --show."""
    if g.date and not date_agrees(event, g):
        return "wrong_date_publication" if event.date.basis == "publication" else "wrong_date"
    place = event.location
    if g.place_country and not (place and place.country and place.country.upper() == g.place_country):
        return "no_place" if place is None else f"wrong_country_{place.basis}"
    if g.place and not place_agrees(place, g.place, g.place_country):
        return "no_place" if place is None else f"wrong_place_{place.basis}"
    return None


def _describe(event: Event) -> dict:
    place = event.location
    return {"root": event.cameo.root, "code": event.cameo.code, "source": system_party(event.source),
            "source_text": event.source.text if event.source else None, "target": system_party(event.target),
            "target_text": event.target.text if event.target else None, "status": event.status,
            "trigger": event.trigger.text,
            "date": [event.date.value, event.date.precision, event.date.basis],
            "place": [place.name, place.country, place.basis] if place else None}


def _gold_dict(g: GoldEvent) -> dict:
    return {"root": g.root, "source": g.source, "target": g.target, "required": g.required, "status": g.status,
            "date": [g.date, g.date_precision], "place": [g.place, g.place_country],
            "alternatives": [list(a) for a in g.alternatives]}


def _home(event: Event, body: list[GoldSentence]) -> list[GoldSentence]:
    """The gold sentences an event's sentence overlaps, the one holding its trigger first."""
    hits = [s for s in body if s.start < event.sentence.end and event.sentence.start < s.end]
    return sorted(hits, key=lambda s: not (s.start <= event.trigger.start < s.end))


def score_article(gold: GoldArticle, result: ArticleResult, tally: Tally, show: bool) -> list[dict]:
    locate(gold, result.article.text, result.article.title, result.article.caption)
    body = [s for s in gold.sentences if s.where == "body"]
    tally.sentences.update(s.where for s in gold.sentences)
    placed: dict[int, list[Event]] = {id(s): [] for s in gold.sentences}
    errors = []
    for event in result.events:
        home = _home(event, body)
        tally.coded += 1
        if not home:
            tally.errors["unaligned"] += 1
            if show:
                errors.append({"article": gold.article, "class": "unaligned",
                               "sentence": result.article.text[event.sentence.start:event.sentence.end],
                               "system": _describe(event), "gold": None})
            continue
        placed[id(home[0])].append(event)
    for sentence in gold.sentences:
        if sentence.where == "missing":
            continue  # named by score_folder; its events are neither found nor missed
        coded = placed[id(sentence)]
        pairs = match(coded, sentence.events)
        tally.required += sum(g.required for g in sentence.events)
        tally.optional += sum(not g.required for g in sentence.events)
        for c, event in enumerate(coded):
            if c in pairs:
                g = sentence.events[pairs[c]]
                tally.correct += 1
                tally.required_matched += g.required
                if g.status:
                    tally.agree("status", event.status == g.status)
                _agree_when_where(tally, event, g)
                continue
            kind = error_class(event, sentence.events)
            tally.errors[kind] += 1
            if show:
                errors.append({"article": gold.article, "class": kind, "sentence": sentence.text,
                               "system": _describe(event), "gold": [_gold_dict(g) for g in sentence.events]})
        taken = set(pairs.values())
        partner = {g: coded[c] for c, g in pairs.items()}
        for k, g in enumerate(sentence.events):
            if coded and (g.date or g.place or g.place_country):
                event = partner.get(k) or next((e for e in coded if e.cameo.root == g.root), coded[0])
                _agree_when_where(tally, event, g, tally.aligned)
                if show and (disagreement := _when_where_disagreement(event, g)):
                    errors.append({"article": gold.article, "class": disagreement, "matched": k in partner,
                                   "sentence": sentence.text, "system": _describe(event), "gold": _gold_dict(g)})
            if g.required and k not in taken:
                tally.errors["missed"] += 1
                if show:
                    errors.append({"article": gold.article, "class": "missed", "sentence": sentence.text,
                                   "where": sentence.where, "system": [_describe(e) for e in coded],
                                   "gold": _gold_dict(g)})
    return errors


def figures(tally: Tally, articles: int, skipped: list[str]) -> dict:
    p = tally.correct / tally.coded if tally.coded else 0.0
    r = tally.required_matched / tally.required if tally.required else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "articles": articles, "skipped_gold_files": skipped,
        "sentences": dict(tally.sentences),
        "triple_country": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                           "tp": tally.correct, "fp": tally.coded - tally.correct,
                           "fn": tally.required - tally.required_matched},
        "coded": tally.coded, "gold_required": tally.required, "gold_optional": tally.optional,
        "errors": {k: tally.errors[k] for k in (*ERROR_CLASSES, "missed")},
        # Over matched pairs whose gold gives the attribute: the share that agrees, and [agree, of].
        "matched": {k: round(a / n, 4) if n else 0.0 for k, (a, n) in tally.agreement.items()},
        "matched_counts": {k: [a, n] for k, (a, n) in tally.agreement.items()},
        "aligned": {k: round(a / n, 4) if n else 0.0 for k, (a, n) in tally.aligned.items()},
        "aligned_counts": {k: [a, n] for k, (a, n) in tally.aligned.items()},
    }


def warn(line: str) -> None:
    print(line, file=sys.stderr)


def score_folder(folder: Path, show: bool, part: str | None = None, samples: Path = SAMPLES) -> tuple[dict, list[dict]]:
    """Every gold file of the folder; --part tune / check split by article (even / odd in
    name order). A malformed gold file, or one whose article is absent, costs one line
    naming it; the rest is scored."""
    from newsevents.evaluate.events import half
    from newsevents.model import Article
    from newsevents.pipeline import process_many
    from newsevents.readers import read_inputs

    golds, skipped = [], []
    for path in half(gold_files(folder), part):
        try:
            gold = read_gold(path)
            source = article_path(gold, samples)
            if not source.exists():
                raise GoldProblem(f"article {source} not found")
        except GoldProblem as problem:
            warn(f"{path}: skipped: {problem}")
            skipped.append(path.name)
            continue
        golds.append((gold, source))
    articles = []
    for gold, source in golds:
        read = next(iter(read_inputs([str(source)])), None)
        if not isinstance(read, Article):
            warn(f"{gold.path}: skipped: article {source} unreadable ({read})")
            skipped.append(gold.path.name)
            continue
        articles.append((gold, read))
    tally, misses = Tally(), []
    for (gold, _), result in zip(articles, process_many([a for _, a in articles])):
        misses += score_article(gold, result, tally, show)
        for s in gold.sentences:
            if s.where == "missing":
                warn(f"{gold.path}: sentence not in the article text, not scored: {s.text[:70]!r}")
    return figures(tally, len(articles), skipped), misses
