"""Convert PETRARCH's CAMEO.2.0.txt verb dictionary into dependency patterns, and the
Phoenix discard list into phrase lists.

Usage: python scripts/build_patterns.py [SHARED]   (SHARED defaults to ../shared)

Writes src/newsevents/data/coding/verb_patterns.json and discards.json.

CAMEO.2.0.txt syntax, as read here:
  &NAME / +WORD ...          a synonym set; `_` joins the words of a multi-word member
  ---  FAMILY  [code]  ---   a verb family with its default code ([---]: no event)
  WORD {FORMS} [code]        a member verb, its irregular forms, its own default code;
                             `+CALL_OFF` is a phrasal verb: CALL plus the particle OFF
  - pre * post [code]        a pattern: `*` is the verb, words before it sit in the
                             subject, words after it in the object or particle,
                             `(PREP words)` a prepositional phrase, `{A B}` a noun phrase,
                             `&SET` any member of a set, `$`/`+` where the source/target
                             is, `^` a skipped word
  [A:B]                      A codes source->target, B the reverse direction
                             (target->source); `[:B]` codes only the reverse.
Our format keeps the verb lemma, the family, and per pattern a list of required
elements ({"p": preposition or null, "w": [words or &sets], "role": "source"|"target"}),
so the matcher checks them against the dependents of the verb rather than word order.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "newsevents" / "data" / "coding"
CODE = re.compile(r"\[([^\]]*)\]")
PREPOSITIONS = {"about", "after", "against", "at", "before", "between", "by", "for", "from", "in", "into", "of",
                "on", "over", "through", "to", "toward", "towards", "under", "upon", "with"}


def word(raw: str) -> str:
    return raw.strip().strip("_").lower().replace("_", " ")


def parse_code(text: str) -> dict:
    """'042:043' -> {'code': '042', 'reverse': '043'}; '---' -> {'code': None} (no event)."""
    text = text.strip()
    if text.startswith("---"):
        return {"code": None}
    forward, _, reverse = text.partition(":")
    out = {"code": forward.strip() or None}
    if reverse.strip():
        out["reverse"] = reverse.strip()
    return out


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        line = line.split("#", 1)[0].rstrip()
        if line.startswith("&"):
            current = line[1:].strip().lower()
            sets[current] = []
        elif line.startswith("+") and current:
            sets[current].append(word(line[1:]))
        elif not line.strip():
            continue
    return {k: sorted(set(v)) for k, v in sets.items() if v}


def parse_verb(line: str) -> dict | None:
    body = line.split("#", 1)[0]
    code = CODE.search(body)
    body = re.sub(r"\{[^}]*\}", " ", CODE.sub(" ", body)).strip()
    if not body:
        return None
    parts = body.lstrip("+").lower().split("_")
    parts = [p for p in parts if p]
    if not parts or parts[0] == "re":
        return None
    verb = {"lemma": parts[0]}
    if len(parts) > 1:
        verb["with"] = parts[1:]
    if code:
        verb.update(parse_code(code.group(1)))
    return verb


def parse_elements(tokens: str) -> list[dict]:
    """Turn the text on one side of `*` into required elements."""
    elements: list[dict] = []
    for chunk in re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", tokens):
        if chunk.startswith("("):
            inner = re.findall(r"\{[^}]*\}|\S+", chunk[1:-1])
            if not inner:
                continue
            preps = [p.lower() for p in inner[0].split("/")]
            element: dict = {"p": preps[0] if len(preps) == 1 else preps, "w": []}
            for item in inner[1:]:
                if item == "+":
                    element["role"] = "target"
                elif item == "$":
                    element["role"] = "source"
                elif item == "^":
                    continue
                else:
                    element["w"].append(phrase(item))
            elements.append(element)
        elif chunk in ("+", "$"):
            elements.append({"p": None, "w": [], "role": "target" if chunk == "+" else "source"})
        elif chunk in ("^", "%"):
            continue
        else:
            elements.append({"p": None, "w": [phrase(chunk)]})
    return merge_bare_prepositions(elements)


def merge_bare_prepositions(elements: list[dict]) -> list[dict]:
    """'* FOR VIOLENCE' written without parentheses means the words follow one another:
    the word must head the preposition's noun phrase ('blamed X for violence'), not lie
    anywhere below it ('blamed X for an escalation of violence')."""
    out: list[dict] = []
    for el in elements:
        prev = out[-1] if out else None
        if (prev is not None and prev.get("p") is None and "role" not in prev and len(prev.get("w", [])) == 1
                and prev["w"][0] in PREPOSITIONS and el.get("p") is None and el.get("w") and "role" not in el):
            out[-1] = {"p": prev["w"][0], "w": el["w"], "np": True}
        else:
            out.append(el)
    return out


def phrase(item: str) -> str:
    """A word, a '{A B}' phrase (kept as 'a b'), or a '&set' reference."""
    if item.startswith("{"):
        return " ".join(word(w) if not w.startswith("&") else w.lower() for w in item[1:-1].split())
    return item.lower() if item.startswith("&") else word(item)


def read_verbs(lines: list[str]) -> list[dict]:
    families: list[dict] = []
    family = None
    for raw in lines:
        line = raw.rstrip()
        header = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if header:
            family = {"name": header.group(1), **parse_code(header.group(2)), "verbs": [], "patterns": []}
            families.append(family)
            continue
        if family is None or not line.strip() or line.startswith("#"):
            continue
        if line.startswith("-"):
            body, _, comment = line[1:].partition("#")
            code = CODE.search(body)
            if not code or "*" not in body:
                continue
            pre, _, post = CODE.sub(" ", body).partition("*")
            pattern = {**parse_code(code.group(1)), "pre": parse_elements(pre), "post": parse_elements(post)}
            pattern = {k: v for k, v in pattern.items() if v != []}
            pattern["id"] = f"{family['name']}.{len(family['patterns'])}"
            # "# RATIFY": the verb of the family this pattern was written for; the coder
            # prefers it among equally specific patterns ("ratify a treaty" is 057, not 031).
            if note := comment.split():
                pattern["verb"] = note[0].lower()
            family["patterns"].append(pattern)
        else:
            verb = parse_verb(line)
            if verb:
                family["verbs"].append(verb)
    return [f for f in families if f["verbs"]]


def read_discards(path: Path) -> dict[str, list[str]]:
    story, sentence = set(), set()
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        # Bare years (1914-2013) would discard every sentence naming a recent year;
        # a modern article does that routinely, so only the phrase discards are kept.
        if re.fullmatch(r"\+?\s*\d{4}", line):
            continue
        target = story if line.startswith("+") else sentence
        target.add(" ".join(re.findall(r"\w+|[^\w\s]", line.lstrip("+").lower())))
    return {"story": sorted(story), "sentence": sorted(sentence)}


def main(argv: list[str]) -> None:
    shared = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared"
    petrarch = shared / "reference" / "petrarch"
    lines = (petrarch / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    split = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    data = {"synsets": read_synsets(lines[:split]), "families": read_verbs(lines[split:])}
    OUT.mkdir(parents=True, exist_ok=True)
    families = ",\n".join(json.dumps(f, separators=(",", ":")) for f in data["families"])
    (OUT / "verb_patterns.json").write_text(
        '{"source":"PETRARCH-2 CAMEO.2.0.txt (MIT, Open Event Data Alliance)",\n"synsets":'
        + json.dumps(data["synsets"], separators=(",", ":"))
        + ',\n"families":[\n' + families + "\n]}\n"
    )
    discards = read_discards(petrarch / "Phoenix.discards.txt")
    (OUT / "discards.json").write_text(json.dumps(discards, indent=0) + "\n")
    n_verbs = sum(len(f["verbs"]) for f in data["families"])
    n_pat = sum(len(f["patterns"]) for f in data["families"])
    print(f"{len(data['families'])} families, {n_verbs} verbs, {n_pat} patterns, "
          f"{len(data['synsets'])} synsets, {sum(map(len, discards.values()))} discards -> {OUT}")


if __name__ == "__main__":
    main(sys.argv)
