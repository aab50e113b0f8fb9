"""GDELT 2.0 exports read back the way GDELT users read GDELT: pandas with the published
column names and types, tab-separated, no header."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_fixture import export_db, rows  # noqa: E402,F401

from newsevents.export.reference import gdelt_columns  # noqa: E402
from newsevents.export.run import export  # noqa: E402
from newsevents.store.filters import Filters  # noqa: E402

PANDAS_TYPES = {"INTEGER": "Int64", "FLOAT": "float64", "STRING": "string"}


def read_gdelt(path: Path, table: str) -> pd.DataFrame:
    """As a GDELT user reads a GDELT file (names and types from GDELT's own column list)."""
    columns = gdelt_columns(table)
    return pd.read_csv(
        path, sep="\t", header=None, names=[n for n, _ in columns], quoting=3,
        dtype={n: PANDAS_TYPES[t] for n, t in columns}, keep_default_na=False, na_values=[""],
    )


@pytest.fixture(scope="module")
def events(export_db, tmp_path_factory) -> pd.DataFrame:
    path = tmp_path_factory.mktemp("gdelt") / "events.tsv"
    assert export(export_db, "gdelt", path) == len(rows(export_db, "SELECT id FROM events"))
    return read_gdelt(path, "events")


@pytest.fixture(scope="module")
def mentions(export_db, tmp_path_factory) -> pd.DataFrame:
    path = tmp_path_factory.mktemp("gdelt") / "mentions.tsv"
    export(export_db, "gdelt-mentions", path)
    return read_gdelt(path, "mentions")


def test_published_columns_in_codebook_order():
    names = [n for n, _ in gdelt_columns("events")]
    assert len(names) == 61 and names[:5] == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    assert names[25:35] == [
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
        "NumMentions", "NumSources", "NumArticles", "AvgTone",
    ]
    assert names[-2:] == ["DATEADDED", "SOURCEURL"]
    assert len(gdelt_columns("mentions")) == 16


def test_every_event_once_with_integer_ids(export_db, events):
    stored = rows(export_db, "SELECT id, cameo_code, num_mentions FROM events")
    assert len(events) == len(stored) == 3
    assert events["GLOBALEVENTID"].is_unique and (events["GLOBALEVENTID"] > 0).all()
    assert sorted(events["EventCode"]) == sorted(r["cameo_code"] for r in stored)


def test_the_arrest_reported_by_two_outlets(events):
    # Both outlets' sentences about the Nairobi arrests are one event: two mentions, two sources.
    arrest = events[events["Actor1Code"] == "KENCOP"].iloc[0]
    assert arrest["SQLDATE"] == 20240304 and arrest["MonthYear"] == 202403 and arrest["Year"] == 2024
    assert arrest["FractionDate"] == pytest.approx(2024 + (3 * 30 + 4) / 365, abs=1e-4)
    assert (arrest["Actor1Name"], arrest["Actor1CountryCode"], arrest["Actor1Type1Code"]) == ("KENYAN POLICE", "KEN", "COP")
    assert pd.isna(arrest["Actor1KnownGroupCode"]) and pd.isna(arrest["Actor1Religion1Code"])
    assert arrest["EventRootCode"] == "17" and arrest["EventBaseCode"] == arrest["EventCode"][:3]
    assert (arrest["QuadClass"], arrest["NumMentions"], arrest["NumSources"], arrest["NumArticles"]) == (4, 2, 2, 2)
    assert arrest["IsRootEvent"] == 1  # first seen in the lead paragraph of the first article
    assert arrest["AvgTone"] < 0  # arrests and tear gas
    # Actor geography at country level: FIPS 10-4 (KE), not ISO (KEN).
    assert (arrest["Actor1Geo_Type"], arrest["Actor1Geo_CountryCode"], arrest["Actor1Geo_FullName"]) == (1, "KE", "Kenya")
    # The event's own place: a world city, ADM1 = FIPS country + GeoNames admin1 (Nairobi Area, 05).
    assert (arrest["ActionGeo_Type"], arrest["ActionGeo_FullName"]) == (4, "Nairobi, Kenya")
    assert (arrest["ActionGeo_CountryCode"], arrest["ActionGeo_ADM1Code"]) == ("KE", "KE05")
    assert arrest["ActionGeo_Lat"] == pytest.approx(-1.28, abs=0.05)
    assert arrest["SOURCEURL"] == "https://www.harbourtimes.example/2024/03/04/nairobi-arrests"
    assert len(str(arrest["DATEADDED"])) == 14


def test_geneva_is_in_switzerland_in_fips(events):
    meeting = events[events["EventRootCode"] == "04"].iloc[0]
    assert meeting["ActionGeo_CountryCode"] == "SZ" and meeting["ActionGeo_ADM1Code"] == "SZGE"


def test_no_event_no_row_and_missing_actors_are_blank(events):
    # The weather story codes nothing, so no row cites it.
    assert not events["SOURCEURL"].str.contains("weather").any()
    condemn = events[events["EventRootCode"] == "11"].iloc[0]
    assert pd.isna(condemn["Actor2Code"]) and pd.isna(condemn["Actor2Geo_Type"]) and pd.isna(condemn["ActionGeo_Type"])


def test_mentions_point_into_the_article_text(export_db, events, mentions):
    stored = rows(export_db, "SELECT m.*, a.text AS article_text, a.url FROM mentions m JOIN articles a ON a.id = m.article_id")
    # (one arrest in two articles, the condemnation, and the Geneva meeting both ways: "the
    # foreign ministers of Turkey and Greece met" is a meeting of the two)
    assert len(mentions) == len(stored) == 5
    assert set(mentions["GLOBALEVENTID"]) == set(events["GLOBALEVENTID"])
    by_span = {(r["url"], r["trigger_start"], -1 if r["source_start"] is None else r["source_start"]): r for r in stored}
    for _, m in mentions[mentions["MentionType"] == 1].iterrows():
        r = by_span[(m["MentionIdentifier"], m["ActionCharOffset"], m["Actor1CharOffset"])]
        text = r["article_text"]
        assert text[m["ActionCharOffset"] :].startswith(r["trigger_text"])
        if r["source_start"] is not None:
            assert text[m["Actor1CharOffset"] :].startswith(r["source_text"])
        assert m["MentionDocLen"] == len(text)
    arrest_ids = events.loc[events["Actor1Code"] == "KENCOP", "GLOBALEVENTID"]
    arrest = mentions[mentions["GLOBALEVENTID"].isin(arrest_ids)]
    assert sorted(arrest["MentionSourceName"]) == ["coastwire.example", "harbourtimes.example"]
    # "The opposition condemned the crackdown. Kenyan police arrested ...": sentence 2.
    assert arrest.loc[arrest["MentionSourceName"] == "coastwire.example", "SentenceID"].item() == 2
    assert arrest.loc[arrest["MentionSourceName"] == "harbourtimes.example", "SentenceID"].item() == 1
    assert arrest["Confidence"].between(10, 100).all()
    assert mentions["MentionDocTranslationInfo"].isna().all()


def test_header_is_the_published_names(export_db, tmp_path):
    path = tmp_path / "with-header.tsv"
    export(export_db, "gdelt-mentions", path, header=True)
    assert path.read_text().splitlines()[0].split("\t") == [n for n, _ in gdelt_columns("mentions")]


def test_filters_select_events_and_their_mentions(export_db, tmp_path):
    path = tmp_path / "kenya.tsv"
    assert export(export_db, "gdelt-mentions", path, Filters(actor="ken")) == 2
    assert export(export_db, "gdelt", path, Filters(code="04", since=__import__("datetime").date(2024, 3, 5))) == 1
    assert export(export_db, "gdelt", path, Filters(outlet="coast wire")) == 2
    assert export(export_db, "gdelt", path, Filters(actor="RUS")) == 0
    assert path.read_text() == ""
