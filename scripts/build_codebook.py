"""Build the CAMEO codebook and the CAMEO -> PLOVER table from ../shared/reference.

Usage: python scripts/build_codebook.py [SHARED]   (SHARED defaults to ../shared)

Writes src/newsevents/data/coding/cameo_codebook.json and cameo_plover.json.

Names come from the GDELT tab file after its two known defects are repaired, except in
the 10x (DEMAND) block, where GDELT numbers 105-108 differently from the CAMEO 1.1b3
manual and the PLOVER table: there the manual-derived pygdelt lookup wins (GDELT's name is
kept as `gdelt_name`). Codes only the pygdelt lookup has are taken from it. The defects: line 044
is mojibake (the quotes around "third" were mis-decoded) and line 1056 has the 106 entry
glued onto its end. Goldstein values come from the GDELT
Goldstein file; codes it lacks inherit their parent's value. Quad classes follow the
GDELT scheme by root: 01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal
conflict, 14-20 material conflict.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "newsevents" / "data" / "coding"


def quad_class(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def read_tab(path: Path) -> dict[str, str]:
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.rstrip("\r")
        if line[:1].isdigit() and "\t" in line:
            code, value = line.split("\t", 1)
            rows[code.strip()] = value.strip()
    return rows


def repair_gdelt_names(names: dict[str, str]) -> dict[str, str]:
    fixed = dict(names)
    # "1056<TAB>Demand de-escalation ...106:[-5.0] Demand withdrawal": two rows on one line.
    for code, name in names.items():
        glued = re.match(r"(.*?)(\d{2,4}):\[(-?\d+(?:\.\d+)?)\]\s*(.+)$", name)
        if glued:
            fixed[code] = glued.group(1).strip()
            fixed.setdefault(glued.group(2), glued.group(4).strip())
    # The 044 row was written in one code page and read in another: rebuild its quotes.
    if "044" in fixed:
        fixed["044"] = re.sub(r"\s*\S*hird\S*location", ' "third" location', fixed["044"])
    return fixed


def build_codebook(shared: Path) -> dict[str, dict]:
    cameo = shared / "reference" / "cameo"
    manual = json.loads((cameo / "cameo_codes.pygdelt.json").read_text(encoding="utf-8"))
    gdelt = repair_gdelt_names(read_tab(cameo / "CAMEO.eventcodes.txt"))
    goldstein = {k: float(v) for k, v in read_tab(cameo / "CAMEO.goldsteinscale.txt").items()}
    book = {}
    for code in sorted(set(manual) | set(gdelt), key=lambda c: (c[:2], c)):
        use_manual = code in manual and (code not in gdelt or code.startswith("10"))
        name = manual[code]["name"] if use_manual else gdelt[code]
        value = goldstein.get(code)
        parent = code
        while value is None and len(parent) > 2:
            parent = parent[:-1] if len(parent) == 4 else parent[:2]
            value = goldstein.get(parent)
        entry = {"name": name, "goldstein": value if value is not None else 0.0, "quad_class": quad_class(code)}
        if use_manual and code in gdelt and gdelt[code].lower() != name.lower():
            entry["gdelt_name"] = gdelt[code]  # the GDELT lookup numbers some 10x codes differently
        book[code] = entry
    return book


def build_plover(shared: Path) -> dict[str, list]:
    table = {}
    text = (shared / "reference" / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)", line)
        if not match:
            continue
        code, ptype, mode, context = match.groups()
        if len(code) == 2:
            continue  # root headings ("08: CONCEDE", "08: RETREAT") repeat; the rows decide
        table[code] = [ptype, mode.strip() or None, context.strip() or None]
    return table


def dump(rows: dict) -> str:
    """One code per line: compact, yet a diff shows which codes changed."""
    lines = [f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in rows.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main(argv: list[str]) -> None:
    shared = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared"
    OUT.mkdir(parents=True, exist_ok=True)
    book = build_codebook(shared)
    plover = build_plover(shared)
    (OUT / "cameo_codebook.json").write_text(dump(book))
    (OUT / "cameo_plover.json").write_text(dump(plover))
    print(f"{len(book)} CAMEO codes, {len(plover)} CAMEO->PLOVER rows -> {OUT}")


if __name__ == "__main__":
    main(sys.argv)
