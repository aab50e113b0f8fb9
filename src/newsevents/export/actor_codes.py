"""CAMEO actor codes split into GDELT's actor fields and PLOVER's entity code and sectors.

A CAMEO code is a run of 3-letter groups (USAGOV, IGOUNOHCR, NGOGBRRELHRI). Each group's
class comes from data/export/actor_codes.json; the first group is the country (or region)
when it is one, a later group counts as religion or ethnicity before country, because
MUS and MAR are both religions (Muslim, Maronite) and countries (Mauritius, Morocco) and a
country only ever leads a domestic code. Hand-written: no library splits CAMEO codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from newsevents.export.reference import load

GENERIC = ("IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS")
# PLOVER's non-state entity codes (manual, table "International Non-state actor names").
PLOVER_GENERIC = {"IGO": "IGO", "NGO": "NGO", "IMG": "IMG", "MNC": "MNC", "NGM": "ISM"}
PLOVER_GROUPS = {"UNO": "UNO", "EEC": "EUR"}
PLOVER_SECTORS = {
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS", "CRM", "CVL", "EDU",
    "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
}


@dataclass
class ActorFields:
    code: str
    country: str | None = None
    known_group: str | None = None
    ethnic: str | None = None
    religions: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    plover_code: str | None = None
    plover_sectors: list[str] = field(default_factory=list)


@cache
def _classes() -> dict[str, set[str]]:
    data = load("actor_codes.json")
    return {name: set(codes) for name, codes in data.items() if not name.startswith("_")}


@cache
def split(code: str) -> ActorFields:
    c = _classes()
    chunks = [code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    out = ActorFields(code=code)
    for i, chunk in enumerate(chunks):
        if i == 0 and (chunk in c["country"] or chunk in c["region"]):
            out.country = chunk
        elif chunk in c["religion"] and (i > 0 or chunk not in c["country"]):
            out.religions.append(chunk)
        elif chunk in c["ethnic"]:
            out.ethnic = out.ethnic or chunk
        elif chunk in c["type"]:
            out.types.append(chunk)
        elif chunk in c["known_group"] and (i > 0) and out.known_group is None:
            out.known_group = chunk
        elif chunk in c["country"] or chunk in c["region"]:
            out.country = out.country or chunk
    out.plover_code, out.plover_sectors = _plover(chunks, out)
    return out


def _plover(chunks: list[str], fields: ActorFields) -> tuple[str | None, list[str]]:
    conventions = load("plover_contexts.json")["plover_sectors"]
    if fields.known_group in PLOVER_GROUPS:
        code = PLOVER_GROUPS[fields.known_group]
    elif chunks and chunks[0] in PLOVER_GENERIC:
        code = PLOVER_GENERIC[chunks[0]]
    elif fields.country in _classes()["country"]:
        code = fields.country
    else:
        code = None  # regions ("the West") and UIS get no PLOVER entity code
    sectors = []
    for t in fields.types:
        if t in GENERIC:
            continue  # already the entity code (NGO, IGO, ...), not a sector
        s = conventions.get(t, t)
        if s in PLOVER_SECTORS and s not in sectors:
            sectors.append(s)
    return code, sectors


def rows(codes) -> list[tuple]:
    """One row per distinct code for the `actor_split` table the export queries join."""
    out = []
    for code in sorted({c for c in codes if c}):
        f = split(code)
        religions = f.religions + [None, None]
        types = f.types + [None, None, None]
        out.append((
            code, f.country, f.known_group, f.ethnic, religions[0], religions[1], types[0], types[1], types[2],
            f.plover_code, f.plover_sectors[0] if f.plover_sectors else None, f.plover_sectors[1:],
        ))
    return out


COLUMNS = [
    ("code", "VARCHAR"), ("country", "VARCHAR"), ("known_group", "VARCHAR"), ("ethnic", "VARCHAR"),
    ("religion1", "VARCHAR"), ("religion2", "VARCHAR"), ("type1", "VARCHAR"), ("type2", "VARCHAR"),
    ("type3", "VARCHAR"), ("plover_code", "VARCHAR"), ("plover_sector", "VARCHAR"), ("plover_other_sectors", "VARCHAR[]"),
]
