"""Stored rows written out for people (a Rich table) or programs (CSV, JSON Lines)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import TextIO

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "csv", "jsonl")


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _short(text: str | None, width: int) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def write_csv(rows: Iterable[dict], out: TextIO) -> int:
    writer = None
    n = 0
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow({k: json.dumps(v) if isinstance(v, list) else _plain(v) for k, v in row.items()})
        n += 1
    return n


def write_jsonl(rows: Iterable[dict], out: TextIO) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
        n += 1
    return n


def _actor(code: str | None, text: str | None) -> str:
    if code:
        return code
    return f"[dim]{text}[/dim]" if text else ""


def events_table(rows: Iterable[dict], console: Console) -> int:
    table = Table(header_style="bold")
    table.add_column("date", no_wrap=True, min_width=10)
    # Rich only narrows columns that may wrap; the sentence is shortened to what is left.
    table.add_column("source", max_width=16)
    table.add_column("event", max_width=28)
    table.add_column("target", max_width=16)
    table.add_column("status", no_wrap=True, min_width=8)
    table.add_column("sentence", no_wrap=True, overflow="ellipsis", min_width=10)
    # What the other columns leave of the terminal goes to the sentence.
    sentence_width = max(12, console.width - 92)
    n = 0
    for r in rows:
        day = r["date_value"] or (_plain(r["published"]) if r["published"] else "")
        event = _short(f"{r['cameo_code']} {r['cameo_name'] or ''}", 26)
        table.add_row(
            str(day), _actor(r["source_code"], r["source_text"]), event,
            _actor(r["target_code"], r["target_text"]), r["status"] or "", _short(r["sentence_text"], sentence_width),
        )
        n += 1
    console.print(table)
    return n


def articles_table(rows: Iterable[dict], console: Console) -> int:
    table = Table(header_style="bold")
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("outlet", max_width=18)
    table.add_column("title", no_wrap=True, overflow="ellipsis", min_width=10)
    for name in ("actors", "events", "quotes"):
        table.add_column(name, justify="right", no_wrap=True, min_width=len(name))
    table.add_column("id", no_wrap=True)
    title_width = max(12, console.width - 84)
    n = 0
    for r in rows:
        table.add_row(
            _plain(r["published"]) or "", r["outlet"] or "", _short(r["title"] or r["source"], title_width),
            str(r["actors"]), str(r["events"]), str(r["quotes"]), r["id"],
        )
        n += 1
    console.print(table)
    return n
