"""Articles written for the engine tests: short wire stories, each with events to code."""

from __future__ import annotations

import json
from pathlib import Path

from newsevents.store import open_store
from newsevents.store.schema import column_names

TABLES = ("articles", "actors", "mentions", "quotes", "places")
# Stamped at write time, or given by clustering in the order articles arrive.
NOT_COMPARED = ("ingested_at", "recoded_at", "event_id", "join_reason")

STORIES = [
    (
        "Kenya and Uganda sign border accord",
        "2024-04-02",
        "NAIROBI — Kenya signed a border agreement with Uganda on Tuesday, ending a dispute over "
        "fishing rights on Lake Victoria.\n\nPresident William Ruto said the accord would let "
        "fishermen from both countries work without fear of arrest.",
    ),
    (
        "Police detain protesters in Lima",
        "2024-04-03",
        "LIMA — Peruvian police arrested dozens of protesters outside Congress on Wednesday after a "
        "march against the new mining law.\n\nThe interior ministry said officers had acted to protect "
        "the building. Opposition lawmakers condemned the arrests.",
    ),
    (
        "Turkey hosts Syria talks",
        "2024-04-04",
        "ANKARA — Turkey hosted talks between Syrian government envoys and opposition leaders on "
        "Thursday.\n\nForeign Minister Hakan Fidan urged both sides to agree on a ceasefire in the "
        "north, and the United Nations welcomed the meeting.",
    ),
    (
        "Norway pledges aid to Sudan",
        "2024-04-05",
        "OSLO — Norway pledged 50 million dollars in humanitarian aid to Sudan on Friday.\n\n"
        "\"The suffering must end,\" the Norwegian foreign minister said, and called on the warring "
        "parties to let aid convoys through.",
    ),
    (
        "Ghana recalls ambassador",
        "2024-04-08",
        "ACCRA — Ghana recalled its ambassador to Burkina Faso on Monday after soldiers fired on a "
        "border post, the foreign ministry said.\n\nThe government in Ouagadougou denied that its troops "
        "had crossed the border.",
    ),
]

RECORDS = [
    {"title": "Chile and Argentina agree on water plan", "published": "2024-04-09",
     "text": "SANTIAGO — Chile and Argentina agreed on Tuesday to share water from the rivers that cross "
             "their border, the two foreign ministries said."},
    {"title": "Vietnam protests Chinese survey ship", "published": "2024-04-10",
     "text": "HANOI — Vietnam protested to China on Wednesday over a survey ship that entered its "
             "exclusive economic zone, a foreign ministry spokeswoman said."},
    {"title": "A record with an impossible date", "published": "the week after next", "text": "Nothing."},
]


def markdown(title: str, day: str, body: str, i: int) -> str:
    return f"# {title}\n\nBy [Wire Desk](#)\n\n{day}\n\n{body}\n\nOriginal url:\n<https://news.example.org/engines/{i}>\n"


def write_inputs(folder: Path) -> Path:
    """Five markdown stories, a JSON Lines file with two good records and a bad one, and an
    empty file: every kind of outcome an engine has to report."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, (title, day, body) in enumerate(STORIES):
        (folder / f"story-{i}.md").write_text(markdown(title, day, body, i), encoding="utf-8")
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_text("")
    return folder


def contents(db: str) -> dict[str, list[tuple]]:
    """Every stored row, sorted, without what depends on when or in which order it was written."""
    out = {}
    with open_store(db, read_only=True) as store:
        for table in TABLES:
            names = [n for n in column_names(table) if n not in NOT_COMPARED]
            rows = store.con.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        out["failures"] = sorted(store.con.execute("SELECT input, reason FROM failures").fetchall())
        out["events"] = store.count("events")
    return out
