"""An event that nothing in the text places, between parties of one country (or with one
party only), is placed in that country at precision "country"; an event between two
countries, or one whose parties have no country, is not placed."""

from __future__ import annotations

from datetime import date

from conftest import events_by_trigger


def events(nlp, text):
    return events_by_trigger(nlp, text, published=date(2019, 3, 6))


def test_a_states_act_at_home_is_placed_in_its_country(nlp):
    found = events(nlp, "Peru has recently cracked down on illegal gold mining.")
    place = found["cracked"].location
    assert (place.name, place.country, place.basis, place.precision, place.feature) == ("Peru", "PER", "actors", "country", "country")
    assert place.iso2 == "PE" and place.fips == "PE" and place.span is None


def test_a_domestic_dyad_is_placed_in_its_country(nlp):
    found = events(nlp, "The Chilean government accused Chilean truckers of blocking the roads.")
    assert (found["accused"].location.country, found["accused"].location.basis) == ("CHL", "actors")


def test_an_event_between_two_countries_gets_no_country_of_its_own(nlp):
    found = events(nlp, "Peru accused Chile of violating the maritime border.")
    assert found["accused"].location is None


def test_a_place_in_the_text_beats_the_actors_country(nlp):
    found = events(nlp, "Peru's foreign minister met Bolivian officials in Geneva.")
    assert (found["met"].location.name, found["met"].location.basis) == ("Geneva", "clause")


def test_an_appeal_to_an_organisation_gets_no_country(nlp):
    found = events(nlp, "Peru appealed to the United Nations for emergency aid.")
    assert found["appealed"].location is None
