"""The GeoNames-scale gazetteer: towns of war zones, divisions, breakaway territories,
historical names, and the codes GDELT exports need."""

from __future__ import annotations

from newsevents.where import gazetteer


def _best(name: str, feature: str | None = None):
    found = [c.entry for c in gazetteer.load().candidates(name) if feature is None or c.entry.feature == feature]
    return max(found, key=lambda e: e.population) if found else None


def test_small_towns_of_war_zones_are_known_with_their_division_and_codes():
    town = _best("Debaltseve")
    assert (town.country, town.iso2, town.fips, town.feature) == ("UKR", "UA", "UP", "city")
    assert town.adm1 == "UP05" and town.admin1 == "UA.05"  # Donetsk oblast, GeoNames/FIPS code
    assert 48 < town.lat < 49 and 38 < town.lon < 39


def test_first_and_second_level_divisions_are_entries_of_their_own():
    oblast = _best("Donetsk Oblast")
    assert oblast.feature == "admin1" and oblast.country == "UKR" and oblast.adm1 == "UP05"
    assert _best("Helmand", "admin1").country == "AFG"
    assert _best("Anbar province").country == "IRQ"
    assert _best("Donetsk", "city").population > 900_000  # the city stays a city


def test_historical_and_alternate_names_reach_the_same_place():
    assert _best("Bombay").name == "Mumbai"
    assert _best("Kiev", "city").geonames_id == _best("Kyiv", "city").geonames_id == 703448
    assert {c.entry.country for c in gazetteer.load().candidates("Zaire") if c.entry.feature == "country"} == {"COD"}


def test_disputed_and_breakaway_territories_are_regions_of_a_country():
    for name, country in [("South Ossetia", "GEO"), ("Abkhazia", "GEO"), ("Transnistria", "MDA"), ("Crimea", "UKR"),
                          ("West Bank", "PSE"), ("Gaza Strip", "PSE"), ("Western Sahara", "ESH")]:
        entry = _best(name)
        assert entry is not None and entry.country == country, name


def test_lookups_ignore_words_that_are_no_names():
    assert gazetteer.load().candidates("zzqx nowhere") == []
