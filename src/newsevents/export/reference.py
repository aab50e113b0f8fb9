"""The exports' codebooks under data/export/, loaded once (built by scripts/build_export_data.py)."""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources


def _path(name: str):
    return resources.files("newsevents") / "data" / "export" / name


@cache
def load(name: str) -> dict:
    return json.loads(_path(name).read_text(encoding="utf-8"))


@cache
def countries() -> list[dict]:
    """CAMEO/ISO alpha-3 code -> FIPS 10-4 code, name, centroid, GeoNames id."""
    lines = [line for line in _path("countries.tsv").read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = []
    for row in csv.DictReader(lines, delimiter="\t"):
        rows.append({
            "code": row["code"], "fips": row["fips"], "name": row["name"],
            "lat": float(row["lat"]) if row["lat"] else None, "lon": float(row["lon"]) if row["lon"] else None,
            "geonameid": int(row["geonameid"]) if row["geonameid"] else None,
        })
    return rows


def gdelt_columns(table: str) -> list[tuple[str, str]]:
    """(name, type) of GDELT 2.0's `events` or `mentions` table, in the published order."""
    return [(name, kind) for name, kind in load("gdelt_columns.json")[table]]
