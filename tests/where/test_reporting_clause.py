"""The place of whoever reports an event ("officials in Kiev said") is where the speaking
happened, not the event; a town that is what the act is done to ("shelled the city of
Donetsk") is the event's place even when it is also the event's target."""

from __future__ import annotations

from conftest import events_by_trigger, place_and_basis, place_of


def test_a_shelled_city_is_the_place_not_the_speakers_city(nlp):
    found = events_by_trigger(nlp, "Pro-Russian rebels shelled the city of Donetsk on Monday, officials in Kiev said.")
    assert place_and_basis(found["shelled"]) == ("Donetsk", "clause")
    assert found["shelled"].target.text == "Donetsk"


def test_an_attacked_town_named_bare_is_the_place(nlp):
    found = events_by_trigger(nlp, "Russian troops shelled Mariupol, officials in Kiev said.")
    assert place_and_basis(found["shelled"]) == ("Mariupol", "clause")


def test_a_spokesmans_city_after_the_report_is_not_the_events_place(nlp):
    found = events_by_trigger(nlp, "Ukrainian troops attacked Donetsk, a spokesman in Brussels said.")
    assert place_and_basis(found["attacked"]) == ("Donetsk", "clause")


def test_an_invaded_country_stays_an_actor_not_a_place(nlp):
    found = events_by_trigger(nlp, "Iraqi troops invaded Kuwait on Thursday.")
    assert found["invaded"].location is None or found["invaded"].location.basis != "clause"


def test_the_speakers_place_does_not_place_the_reported_event(nlp):
    # Where stage alone: nothing in the reported clause places the killing.
    assert place_of(nlp, "Gunmen killed two policemen, officials in Kabul said.", "killed") is None
    assert place_of(nlp, "Officials in Kabul said that gunmen killed two policemen.", "killed") is None


def test_a_place_in_the_reported_clause_still_places_it(nlp):
    text = "Gunmen killed two policemen in Kandahar, officials in Kabul said."
    assert place_of(nlp, text, "killed") == "Kandahar"


def test_the_statement_itself_is_where_the_speaker_is(nlp):
    assert place_of(nlp, "Gunmen killed two policemen, officials in Kabul said.", "said") == "Kabul"


def test_a_provincial_speakers_town_is_still_the_scene(nlp):
    # A policeman in a provincial town mostly reports what happened there.
    assert place_of(nlp, "Gunmen killed two policemen, a police officer in Kandahar said.", "killed") == "Kandahar"


def test_a_place_of_the_speech_verb_itself_still_places_the_event(nlp):
    # The parser often hangs the event's own place on "said" when it follows it.
    text = "Two policemen were shot dead late on Tuesday, police said, on a road in Kandahar."
    assert place_of(nlp, text, "shot") == "Kandahar"


def test_a_captured_town_as_passive_subject_is_the_place(nlp):
    found = events_by_trigger(nlp, "The town of Debaltseve was captured by Russian troops on Monday, officials in Kiev said.")
    assert place_and_basis(found["captured"]) == ("Debaltseve", "clause")
    assert found["captured"].target.text == "Debaltseve"
