"""The offline gazetteer: data/where/gazetteer.sqlite, built by scripts/build_gazetteer.py.

150k GeoNames places (every town of 1,000 people or more, first- and second-level
divisions, countries, hand-listed regions) would cost hundreds of MB as Python objects, so
they stay in SQLite and each lookup reads only its rows: opening costs milliseconds and
memory grows by what an article touches. Lookups are by lower-cased surface form, so the
text's casing is checked by the caller (a hit on "police" or "most" must not become
Police, Poland or Most, Czechia).
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from newsevents.where import wordlists

FEATURES = ("city", "admin2", "admin1", "country", "region")


@dataclass(frozen=True, slots=True)
class Entry:
    geonames_id: int | None
    name: str
    country: str | None  # ISO alpha-3
    admin1: str | None  # GeoNames admin1 key, e.g. "UA.14"
    lat: float | None
    lon: float | None
    feature: str  # city | admin2 | admin1 | country | region
    population: int
    capital: bool
    iso2: str | None = None
    fips: str | None = None  # FIPS 10-4 country code, as GDELT uses
    adm1: str | None = None  # GDELT ADM1 code: FIPS country + admin1 ("UP05")
    admin2: str | None = None  # GeoNames admin2 key ("UA.05.123")


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: Entry
    # True when the surface form is the entry's own name, not one of its alternates.
    primary: bool


_QUERY = (
    "SELECT p.geonames_id, p.name, p.iso3, p.admin1, p.lat, p.lon, p.feature, p.population, p.capital, "
    "p.iso2, p.fips, p.adm1, p.admin2 FROM names n JOIN places p ON p.rid = n.rid WHERE n.key = ?"
)

# Served by the partial index `country_codes`: a join through `names` would visit every name.
_COUNTRY_QUERY = _QUERY.split(" FROM ")[0] + " FROM places p WHERE p.feature = 'country' AND p.iso3 = ? ORDER BY p.rid"


@dataclass(slots=True)
class Gazetteer:
    path: str
    directions: frozenset[str]
    demonyms: dict[str, str]  # "Lebanese" -> "LBN": evidence for the article's focus
    longest_name: int  # in words, bounds the n-gram scan
    _connection: sqlite3.Connection | None = field(default=None, repr=False)
    _pid: int = -1
    _cache: dict[str, tuple[Entry, ...]] = field(default_factory=dict, repr=False)

    def _db(self) -> sqlite3.Connection:
        # A connection must not cross a fork: a worker process opens its own.
        if self._connection is None or self._pid != os.getpid():
            self._connection = _connect(self.path)
            self._pid = os.getpid()
            self._cache = {}
        return self._connection

    def entries(self, key: str) -> tuple[Entry, ...]:
        found = self._cache.get(key)
        if found is None:
            rows = self._db().execute(_QUERY, (key,)).fetchall()
            found = tuple(_entry(row) for row in rows)
            if len(self._cache) > 50_000:  # bounded: a long-running worker reads many articles
                self._cache.clear()
            self._cache[key] = found
        return found

    def country(self, iso3: str) -> Entry | None:
        """The country entry of an ISO alpha-3 code."""
        key = f"#country:{iso3}"
        found = self._cache.get(key)
        if found is None:
            rows = self._db().execute(_COUNTRY_QUERY, (iso3,)).fetchall()
            found = self._cache[key] = tuple(_entry(row) for row in rows[:1])
        return found[0] if found else None

    def is_capital(self, geonames_id: int | None) -> bool:
        """Whether the place is a national capital (GeoNames PPLC)."""
        if geonames_id is None:
            return False
        row = self._db().execute("SELECT MAX(capital) FROM places WHERE geonames_id = ?", (geonames_id,)).fetchone()
        return bool(row and row[0])

    def candidates(self, surface: str) -> list[Candidate]:
        key = normalise(surface)
        entries = self.entries(key)
        if not entries:
            # The Arabic article is written "Al-Bab", "al Bab" or left out ("Mayadeen");
            # GeoNames keeps one of these forms, and "Al-X" is only ever a spelling of it.
            for variant in _article_variants(key):
                if entries := self.entries(variant):
                    break
        return [Candidate(e, primary=normalise(e.name) == key) for e in entries]


ARABIC_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|an|at|az|ash)[- ](?=\w{3})")


def _article_variants(key: str) -> list[str]:
    """Other spellings of a name that begins with the Arabic article: with a space for the
    hyphen, and without the article."""
    found = ARABIC_ARTICLE.match(key)
    if found is None:
        return []
    rest = key[found.end():]
    return [f"{found.group()[:-1]} {rest}", rest]


def _entry(row: tuple) -> Entry:
    gid, name, iso3, admin1, lat, lon, feature, population, capital, iso2, fips, adm1, admin2 = row
    return Entry(
        geonames_id=gid, name=name, country=iso3, admin1=admin1, lat=lat, lon=lon, feature=feature,
        population=population or 0, capital=bool(capital), iso2=iso2, fips=fips, adm1=adm1, admin2=admin2,
    )


def _connect(path: str) -> sqlite3.Connection:
    # Read-only and immutable: no locks, no journal, safe for many workers on one file.
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)


def normalise(surface: str) -> str:
    text = " ".join(surface.split()).lower()
    if text.startswith("the "):
        text = text[4:]
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return text


def _data(name: str):
    return resources.files("newsevents").joinpath("data", "where", name)


def stats() -> dict:
    """Entries per feature class and file size, as the build script stored them."""
    gaz = load()
    meta = dict(gaz._db().execute("SELECT k, v FROM meta").fetchall())
    return {"file_mb": round(os.path.getsize(gaz.path) / 1e6, 1), "entries": int(meta["entries"]),
            "names": int(meta["names"]), "features": meta["features"]}


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    path = str(_data("gazetteer.sqlite"))
    connection = _connect(path)
    longest = int(connection.execute("SELECT v FROM meta WHERE k = 'longest_name'").fetchone()[0])
    directions = frozenset(line.strip().lower() for line in wordlists.lines("directions.tsv"))
    demonyms = dict(line.split("\t") for line in wordlists.lines("demonyms.tsv"))
    return Gazetteer(
        path=path, directions=directions, demonyms=demonyms, longest_name=longest,
        _connection=connection, _pid=os.getpid(),
    )
