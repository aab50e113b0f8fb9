"""CAMEO codebook and CAMEO -> PLOVER lookups, for this stage and for exports."""

from __future__ import annotations

from functools import lru_cache

from newsevents.coding.data import load
from newsevents.model import Cameo, Plover


@lru_cache(maxsize=None)
def cameo(code: str) -> Cameo | None:
    """The Cameo record of a code ('0231'), or None if the code does not exist."""
    entry = load("cameo_codebook.json").get(code)
    if entry is None:
        return None
    return Cameo(code=code, root=code[:2], name=entry["name"], quad_class=entry["quad_class"],
                 goldstein=entry["goldstein"])


def is_code(code: str | None) -> bool:
    return bool(code) and code in load("cameo_codebook.json")


@lru_cache(maxsize=None)
def plover(code: str) -> Plover | None:
    """PLOVER type and mode for a CAMEO code: the exact row, else its parent's, else the
    root-level extension (PLOVER dropped CAMEO 01 and 02; 02 is coded as REQUEST)."""
    table = load("cameo_plover.json")
    extra = load("extensions.json")["plover"]
    for key in (code, code[:3], code[:2]):
        row = table.get(key) or extra.get(key)
        if row:
            return Plover(type=row[0], mode=row[1])
    return None
