"""Builds src/newsevents/web/static/world-110m.json, the page's world map.

Source: Natural Earth 1:110m admin-0 countries (public domain), as TopoJSON in the npm
package world-atlas. topojson-client (npm) turns the topology into GeoJSON; here each
country becomes one SVG path in an equirectangular frame (x = lon + 180, y = 90 - lat,
0.1 degree precision), so the page only has to set `d` attributes: no map library and no
tile server at run time. Needs node and npm; run `python scripts/build_worldmap.py`.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

WORLD_ATLAS = "world-atlas@2.0.2"
TOPOJSON_CLIENT = "topojson-client@3.1.0"
OUT = Path(__file__).resolve().parent.parent / "src" / "newsevents" / "web" / "static" / "world-110m.json"

TO_GEOJSON = """
const topojson = require('topojson-client');
const world = require('world-atlas/countries-110m.json');
process.stdout.write(JSON.stringify(topojson.feature(world, world.objects.countries)));
"""


def _ring_path(ring: list[list[float]]) -> str:
    # A ring that crosses the antimeridian jumps from +180 to -180; drawn as is it would
    # streak across the whole map. Unwrapped, it runs on past the frame, which clips it.
    points: list[str] = []
    previous = None
    for lon, lat in ring:
        if previous is not None:
            lon += 360 * round((previous - lon) / 360)
        previous = lon
        point = f"{lon + 180:.1f} {90 - lat:.1f}"
        if not points or points[-1] != point:
            points.append(point)
    return "M" + "L".join(points) + "Z" if len(points) > 2 else ""


def _path(geometry: dict) -> str:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return "".join(_ring_path(ring) for polygon in polygons for ring in polygon)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["npm", "install", "--no-save", "--silent", "--prefix", tmp, WORLD_ATLAS, TOPOJSON_CLIENT], check=True
        )
        geojson = json.loads(
            subprocess.run(["node", "-e", TO_GEOJSON], cwd=tmp, check=True, capture_output=True, text=True).stdout
        )
    countries = []
    for feature in geojson["features"]:
        if feature["geometry"] is None:
            continue
        countries.append({"id": feature.get("id"), "name": feature["properties"]["name"], "d": _path(feature["geometry"])})
    countries.sort(key=lambda c: c["name"])
    OUT.write_text(
        json.dumps({"source": f"Natural Earth 1:110m countries via npm {WORLD_ATLAS}", "width": 360, "height": 180,
                    "countries": countries}, separators=(",", ":")) + "\n"
    )
    print(f"{OUT}: {len(countries)} countries")


if __name__ == "__main__":
    main()
