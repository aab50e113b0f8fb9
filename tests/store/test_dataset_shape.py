"""One record shape: the JSON output and the table columns both follow model.py."""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures" / "store"))
import results as fixtures  # noqa: E402

from newsevents.export.result_json import plain, result_schema, to_json  # noqa: E402
from newsevents.model import INTERNAL, ActorMention, Event  # noqa: E402
from newsevents.store import open_store, rows_of  # noqa: E402
from newsevents.store.schema import TABLES, column_names  # noqa: E402
from newsevents.store.shape import flat, leaves  # noqa: E402


def test_nested_fields_become_prefixed_columns_and_internal_ones_stay_out():
    names = [leaf.name for leaf in leaves(Event)]
    assert names[:4] == ["id", "source_text", "source_start", "source_end"]
    assert {"cameo_code", "cameo_quad_class", "date_span_start", "location_geonames_id", "rule"} <= set(names)
    assert "trigger_token" not in names and not any("token_" in n for n in names)
    # Top-level offsets are not named after SQL keywords.
    assert [leaf.name for leaf in leaves(ActorMention)][1:3] == ["start_char", "end_char"]


def test_flat_values_follow_the_columns_and_missing_parents_give_none():
    result = fixtures.nato_article()
    denied = next(e for e in result.events if e.cameo.code == "016")
    row = dict(zip((leaf.name for leaf in leaves(Event)), flat(denied)))
    assert row["cameo_code"] == "016" and row["status"] == "denied"
    assert row["target_code"] is None and row["target_start"] is None  # no target
    assert row["source_text"] == result.article.text[row["source_start"]:row["source_end"]]


def test_every_column_of_every_stored_row_is_filled_from_the_dataclasses(tmp_path):
    rows = rows_of(fixtures.nato_article())
    assert len(rows.article) == len(column_names("articles")) - 2  # less the two store stamps
    for table, table_rows in rows.table_rows().items():
        for row in table_rows:
            assert len(row) == len(TABLES[table]), table


def test_json_output_is_the_dataclass_tree_and_valid_against_the_schema():
    result = fixtures.nato_article()
    out = plain(result)
    jsonschema.validate(out, result_schema())
    met = next(e for e in out["events"] if e["cameo"]["code"] == "040")
    assert met["cameo"]["quad_class"] == 1 and met["location"]["name"] == "Brussels"
    assert out["article"]["published"] == "2015-01-27"
    assert "trigger_token" not in met and "token_start" not in met["source"]
    assert to_json(result).startswith('{"article": {"id": ')


def _schema_properties(schema: dict, node: dict, path: str, found: set[str]) -> None:
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].split("/")[-1]]
    for option in node.get("oneOf", []):
        _schema_properties(schema, option, path, found)
    if "items" in node:
        _schema_properties(schema, node["items"], path + "[]", found)
    for name, sub in node.get("properties", {}).items():
        found.add(f"{path}.{name}")
        _schema_properties(schema, sub, f"{path}.{name}", found)


def _plain_paths(value, path: str, found: set[str]) -> None:
    if isinstance(value, dict):
        for name, sub in value.items():
            found.add(f"{path}.{name}")
            _plain_paths(sub, f"{path}.{name}", found)
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for item in value:
            _plain_paths(item, path + "[]", found)


def test_the_json_schema_documents_every_field_the_output_has():
    documented: set[str] = set()
    schema = result_schema()
    _schema_properties(schema, schema, "", documented)
    produced: set[str] = set()
    for result in (fixtures.nato_article(), fixtures.nairobi_article()):
        _plain_paths(plain(result), "", produced)
    assert produced - documented == set()


@dataclass
class Extra:
    note: str


@dataclass
class Probe:
    text: str
    extra: Extra | None = None
    tags: list[str] = field(default_factory=list)
    token_start: int = field(default=-1, metadata=INTERNAL)


def test_a_new_dataclass_field_reaches_the_columns_and_the_json_without_other_code():
    assert [(l.name, l.type) for l in leaves(Probe)] == [
        ("text", "text"), ("extra_note", "text"), ("tags", "text[]"),
    ]
    assert flat(Probe("x", Extra("y"), ["a"])) == ("x", "y", ["a"])
    assert plain(Probe("x")) == {"text": "x", "extra": None, "tags": []}
    assert dataclasses.fields(Probe)[-1].name == "token_start"


def test_stored_rows_read_back_as_the_fields_they_came_from(tmp_path):
    result = fixtures.nato_article()
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.save(result)
        stored = {m["cameo_code"]: m for m in store.mentions()}
    for event in result.events:
        row = stored[event.cameo.code]
        for leaf in leaves(Event):
            value = dict(zip([l.name for l in leaves(Event)], flat(event)))[leaf.name]
            if isinstance(value, float):
                assert row[leaf.name] == pytest.approx(value)
            else:
                assert row[leaf.name] == value, leaf.name
