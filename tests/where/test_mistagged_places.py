"""A prominent place the small model folds into another kind of name is still found: the
model glues the weekday after a town into an organisation or event ("Goma Thursday"), and
tags a lone name after "in" as a work of art or an event."""

from __future__ import annotations

from conftest import place_of


def test_a_town_followed_by_the_weekday_is_found(nlp):
    assert place_of(nlp, "Soldiers patrolled Goma Thursday after the clashes.", "patrolled") == "Goma"


def test_a_city_after_in_followed_by_the_weekday_is_found(nlp):
    assert place_of(nlp, "Farmers demonstrated in Nice Saturday against the new rules.", "demonstrated") == "Nice"


def test_a_lone_name_after_in_that_the_model_calls_a_work_of_art(nlp):
    text = "Riot police clashed with students outside the consulate in Thessaloniki Tuesday."
    assert place_of(nlp, text, "clashed") == "Thessaloniki"


def test_an_organisation_with_a_place_name_stays_an_organisation(nlp):
    text = "Police arrested three fans of Real Madrid on Sunday."
    assert place_of(nlp, text, "arrested") is None
