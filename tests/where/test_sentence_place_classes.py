"""Classes of sentence places that are not the event's place: the town a distance is
measured from, the place of a source ("according to officials in X"), and a bare name
that is the victim of a killing or arrest rather than a place that was shelled."""

from __future__ import annotations

from conftest import place_of


def test_the_town_a_distance_is_measured_from_is_not_the_place(nlp):
    text = "A roadside bomb exploded near the town of Tikrit, 150 km north of Baghdad, on Saturday."
    assert place_of(nlp, text, "exploded") == "Tikrit"


def test_a_bearing_alone_still_places_the_event(nlp):
    # With no other place in the sentence, the city measured from is the best there is.
    assert place_of(nlp, "Insurgents ambushed a convoy north of Baghdad on Saturday.", "ambushed") == "Baghdad"


def test_the_place_of_a_source_is_not_where_it_happened(nlp):
    text = "Two soldiers were wounded in the attack, according to officials in Kandahar."
    assert place_of(nlp, text, "wounded") is None


def test_a_named_victim_with_an_age_is_not_a_place(nlp):
    assert place_of(nlp, "Jordan, 45, was shot on Sunday night.", "shot") is None


def test_a_bare_name_that_was_shelled_is_the_place(nlp):
    assert place_of(nlp, "Government forces shelled Homs on Sunday.", "shelled") == "Homs"


def test_a_place_that_owns_what_was_patrolled_is_the_place(nlp):
    text = "Soldiers patrolled the empty streets of the Gaza Strip's largest city on Friday."
    assert place_of(nlp, text, "patrolled") == "Gaza Strip"


def test_coordinated_verbs_share_the_first_ones_locative(nlp):
    text = "The blast tore through a market in Kirkuk, killed three traders and wounded twelve others."
    assert place_of(nlp, text, "wounded") == "Kirkuk"
