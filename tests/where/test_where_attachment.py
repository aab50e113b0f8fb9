"""Where stage: which place an event is given when a sentence names several, or names a
country only as an owner or as a war's setting; place names the small model mislabels."""

from __future__ import annotations

from conftest import make_article
from newsevents.where.event_place import event_location
from newsevents.where.places import places_and_dateline


def located(nlp, text, verb):
    doc = nlp(text)
    places, dateline_place = places_and_dateline(doc, make_article(text))
    (trigger,) = [t.i for t in doc if t.text == verb]
    place = event_location(doc, trigger, places, dateline_place)
    return (place.span.text if place is not None else None), places


def test_a_site_in_a_named_town_is_located_at_the_town(nlp):
    where, places = located(nlp, "A car bomb destroyed the Canadian Embassy in Lima on Tuesday, police said.", "destroyed")
    assert "Canadian Embassy" in {p.span.text for p in places}
    assert where == "Lima"
    where, _ = located(nlp, "Gunmen opened fire outside the Grand Hotel in Nairobi late on Friday.", "opened")
    assert where == "Nairobi"


def test_a_site_alone_is_still_the_place(nlp):
    where, _ = located(nlp, "Protesters gathered outside the Grand Hotel late on Friday.", "gathered")
    assert where == "Grand Hotel"


def test_a_country_that_owns_the_strike_is_not_its_place(nlp):
    where, _ = located(nlp, "The militant commander was killed in a U.S. drone strike on Sunday, officials said.", "killed")
    assert where is None


def test_a_country_only_named_as_the_wars_setting_is_not_the_events_place(nlp):
    where, _ = located(nlp, "More than 300 people have been killed since the conflict in Yemen began last year.", "killed")
    assert where is None
    # Said of the event itself, the country is its place.
    where, _ = located(nlp, "More than 300 people have been killed in Yemen since last year.", "killed")
    assert where == "Yemen"


def test_a_region_of_a_country_in_its_possessive_still_places_the_event(nlp):
    where, _ = located(nlp, "Two policemen were killed in Turkey's southeastern province on Monday.", "killed")
    assert where == "Turkey"


def test_unknown_names_the_model_calls_persons_are_places_after_a_locative(nlp):
    where, places = located(nlp, "Government troops pushed inside Kafr Hamra after heavy shelling on Tuesday.", "pushed")
    assert where == "Kafr Hamra"
    assert all(p.geonames_id is None for p in places)
    where, _ = located(nlp, "Rebels advanced towards Tal Sabeen before dawn.", "advanced")
    assert where == "Tal Sabeen"


def test_but_not_after_at_where_a_person_or_company_is_usual(nlp):
    where, places = located(nlp, "The talks were held at Goldman Sachs on Monday.", "held")
    assert "Goldman Sachs" not in {p.span.text for p in places}
    assert where is None


def test_an_organisation_named_like_a_state_is_no_place(nlp):
    text = "Fighters of the Islamic State stormed a police post in Ramadi on Sunday."
    where, places = located(nlp, text, "stormed")
    assert "Islamic State" not in {p.span.text for p in places}
    assert where == "Ramadi"


def test_an_unknown_captive_is_not_the_place_of_his_capture(nlp):
    # The small model tags unfamiliar surnames as GPE; a captive is no place.
    where, _ = located(nlp, "Bishara was captured and was held at the SLA-run detention center in Khiam.", "captured")
    assert where != "Bishara"
