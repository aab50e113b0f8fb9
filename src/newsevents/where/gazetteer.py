"""The offline gazetteer: loaded once per process from data/where/gazetteer.tsv.

Lookups are by lower-cased surface form, so the text's casing is checked by the caller
(a gazetteer hit on "police" or "most" must not become Police, Poland or Most, Czechia).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

FEATURES = ("city", "admin1", "country", "region")


@dataclass(frozen=True, slots=True)
class Entry:
    geonames_id: int | None
    name: str
    country: str | None  # ISO alpha-3
    admin1: str | None  # GeoNames admin1 key, e.g. "UA.14"
    lat: float | None
    lon: float | None
    feature: str
    population: int
    capital: bool


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: Entry
    # True when the surface form is the entry's own name, not one of its alternates.
    primary: bool


@dataclass(frozen=True, slots=True)
class Gazetteer:
    # Raw TSV rows, parsed into an Entry only when a lookup hits them: an article touches a
    # few dozen of the 34k rows, so keeping them as strings saves most of the memory.
    rows: tuple[str, ...]
    names: dict[str, tuple[int, ...]]
    directions: frozenset[str]
    demonyms: dict[str, str]  # "Lebanese" -> "LBN": evidence for the article's focus
    longest_name: int  # in words, bounds the n-gram scan

    def candidates(self, surface: str) -> list[Candidate]:
        key = normalise(surface)
        entries = (parse_row(self.rows[i]) for i in self.names.get(key, ()))
        return [Candidate(e, primary=normalise(e.name) == key) for e in entries]


def normalise(surface: str) -> str:
    text = " ".join(surface.split()).lower()
    if text.startswith("the "):
        text = text[4:]
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return text


def _float(value: str) -> float | None:
    return float(value) if value else None


def parse_row(row: str) -> Entry:
    gid, name, iso3, admin1, lat, lon, feature, population, capital, _ = row.split("\t")
    return Entry(
        geonames_id=int(gid) if gid else None,
        name=name,
        country=iso3 or None,
        admin1=admin1 or None,
        lat=_float(lat),
        lon=_float(lon),
        feature=feature,
        population=int(population or 0),
        capital=capital == "1",
    )


def _lines(name: str):
    with resources.files("newsevents").joinpath("data", "where", name).open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    rows: list[str] = []
    names: dict[str, tuple[int, ...]] = {}
    longest = 1
    for line in _lines("gazetteer.tsv"):
        if line.startswith("id\t"):
            continue
        index = len(rows)
        rows.append(line)
        keys = {normalise(form) for form in line.rsplit("\t", 1)[1].split("|")}
        for key in keys:
            names[key] = names.get(key, ()) + (index,)
            longest = max(longest, key.count(" ") + 1)
    directions = frozenset(line.strip().lower() for line in _lines("directions.tsv"))
    demonyms = dict(line.split("\t") for line in _lines("demonyms.tsv"))
    return Gazetteer(rows=tuple(rows), names=names, directions=directions, demonyms=demonyms, longest_name=longest)
