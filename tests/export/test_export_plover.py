"""PLOVER records: valid against the project's schema, with the manual's fields and contexts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_fixture import export_db, rows  # noqa: E402,F401

from newsevents.export import actor_codes, contexts  # noqa: E402
from newsevents.export.run import export  # noqa: E402

SCHEMA = Path(__file__).resolve().parents[2] / "src" / "newsevents" / "schema" / "plover.schema.json"


@pytest.fixture(scope="module")
def records(export_db, tmp_path_factory) -> list[dict]:
    path = tmp_path_factory.mktemp("plover") / "events.jsonl"
    n = export(export_db, "plover", path)
    lines = path.read_text().splitlines()
    assert n == len(lines)
    return [json.loads(line) for line in lines]


def test_every_record_passes_the_schema(records):
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for record in records:
        assert not list(validator.iter_errors(record)), record["id"]


def test_schema_rejects_what_plover_does_not_allow(records):
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    bad = dict(records[0], event=["MAKE_STATEMENT"])
    assert list(validator.iter_errors(bad))
    assert list(validator.iter_errors(dict(records[0], context=["sports"])))
    assert list(validator.iter_errors({k: v for k, v in records[0].items() if k != "date"}))


def test_one_record_per_event_with_a_plover_type(export_db, records):
    stored = rows(export_db, "SELECT id, plover_type FROM events")
    assert sorted(r["id"] for r in records) == sorted(r["id"] for r in stored if r["plover_type"])


def test_the_arrest(records):
    arrest = next(r for r in records if r["actor"] and r["actor"][0]["cameo_code"] == "KENCOP")
    assert arrest["date"] == "2024-03-04"
    assert arrest["actor"][0]["code"] == "KEN" and arrest["actor"][0]["sector"] == "COP"
    assert arrest["recipient"][0]["entity_text"] == "protesters" and arrest["recipient"][0]["code"] is None
    assert arrest["event_loc"]["resolved_place"] == "Nairobi" and arrest["event_loc"]["country_code"] == "KEN"
    assert arrest["event_loc"]["resolution"] == 4
    # "tear gas" is a repression keyword (PLOVER manual: forceful repression by security forces).
    assert "repression" in arrest["context"]
    assert arrest["event_text"][0] in arrest["text"]
    assert arrest["text_info"]["end"] - arrest["text_info"]["start"] == len(arrest["text"])
    assert (arrest["num_mentions"], arrest["num_sources"]) == (2, 2)
    assert arrest["cite_info"]["publication"] == "Harbour Times"


def test_contexts_from_keywords_exclusions_codes_and_roles():
    assert "health" in contexts.contexts_of("The WHO warned of a cholera outbreak in the camps.", "040")
    assert "pro_democracy" in contexts.keyword_contexts("The protesters demanded democratic reforms.")
    # "Democratic Party" is a party, not democracy (an exclusion of Phoenix's issue file).
    assert "pro_democracy" not in contexts.keyword_contexts("The Democratic Party won the vote.")
    assert "election" in contexts.keyword_contexts("The Democratic Party won the vote.")
    assert contexts.contexts_of("The two sides met on Monday.", "040") == []
    assert "military" in contexts.contexts_of("The two sides met on Monday.", "040", "RUSMIL")
    assert "economic" in contexts.contexts_of("They agreed.", "0311")  # CAMEO 0311: economic cooperation


def test_actor_codes_split_into_gdelt_and_plover_fields():
    un = actor_codes.split("IGOUNOHCR")
    assert (un.country, un.known_group, un.types, un.plover_code) == (None, "UNO", ["IGO"], "UNO")
    shia = actor_codes.split("IRNMOSSHI")
    assert (shia.country, shia.religions, shia.types) == ("IRN", ["MOS", "SHI"], [])
    ngo = actor_codes.split("NGOGBRRELHRI")
    assert (ngo.country, ngo.types, ngo.plover_code, ngo.plover_sectors) == ("GBR", ["NGO", "REL", "HRI"], "NGO", ["REL", "SOC"])
    media = actor_codes.split("USAMED")
    assert media.types == ["MED"] and media.plover_sectors == ["JRN"]  # CAMEO media is PLOVER JRN
    # MUS leads a code as Mauritius, follows as Muslim.
    assert actor_codes.split("MUS").country == "MUS" and actor_codes.split("NGAMUS").religions == ["MUS"]
    assert actor_codes.split("EUR").plover_code is None  # a region has no PLOVER entity code
