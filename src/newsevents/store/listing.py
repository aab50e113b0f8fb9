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


def _rows_table(rows: Iterable[dict], console: Console, counted: bool) -> int:
    table = Table(header_style="bold")
    table.add_column("date", no_wrap=True, min_width=10)
    # Rich only narrows columns that may wrap; the sentence is shortened to what is left.
    table.add_column("source", max_width=16)
    table.add_column("event", max_width=28)
    table.add_column("target", max_width=16)
    table.add_column("status", no_wrap=True, min_width=8)
    # Events: how many mentions report it; mentions: the event they joined.
    table.add_column("mentions" if counted else "event id", justify="right" if counted else "left", no_wrap=True)
    table.add_column("sentence", no_wrap=True, overflow="ellipsis", min_width=10)
    # What the other columns leave of the terminal goes to the sentence.
    sentence_width = max(12, console.width - (102 if counted else 110))
    n = 0
    for r in rows:
        day = r["date_value"] or (_plain(r["published"]) if r["published"] else "")
        event = _short(f"{r['cameo_code']} {r['cameo_name'] or ''}", 26)
        table.add_row(
            str(day), _actor(r["source_code"], r["source_text"]), event,
            _actor(r["target_code"], r["target_text"]), r["status"] or "",
            str(r["num_mentions"]) if counted else (r["event_id"] or ""),
            _short(r["sentence_text"], sentence_width),
        )
        n += 1
    console.print(table)
    return n


def events_table(rows: Iterable[dict], console: Console) -> int:
    return _rows_table(rows, console, counted=True)


def mentions_table(rows: Iterable[dict], console: Console) -> int:
    return _rows_table(rows, console, counted=False)


def failures_table(rows: Iterable[dict], console: Console) -> int:
    table = Table(header_style="bold")
    table.add_column("input", overflow="fold")
    table.add_column("reason", overflow="fold")
    table.add_column("count", justify="right", no_wrap=True)
    table.add_column("last seen", no_wrap=True)
    n = 0
    for r in rows:
        table.add_row(r["input"], r["reason"], str(r["count"]), _plain(r["last_seen"])[:19])
        n += 1
    console.print(table)
    return n


def articles_table(rows: Iterable[dict], console: Console) -> int:
    table = Table(header_style="bold")
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("outlet", max_width=18)
    table.add_column("title", no_wrap=True, overflow="ellipsis", min_width=10)
    for name in ("actors", "mentions", "events", "quotes"):
        table.add_column(name, justify="right", no_wrap=True, min_width=len(name))
    table.add_column("id", no_wrap=True)
    title_width = max(12, console.width - 94)
    n = 0
    for r in rows:
        table.add_row(
            _plain(r["published"]) or "", r["outlet"] or "", _short(r["title"] or r["source"], title_width),
            str(r["actors"]), str(r["mentions"]), str(r["events"]), str(r["quotes"]), r["id"],
        )
        n += 1
    console.print(table)
    return n


TABLES = {"articles": articles_table, "events": events_table, "mentions": mentions_table, "failures": failures_table}
