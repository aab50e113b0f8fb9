"""Classes of sentence places that are not the event's place: the town a distance is
measured from, the place of a source ("according to officials in X"), and a bare name
that is the victim of a killing or arrest rather than a place that was shelled."""

from __future__ import annotations

from newsevents.model import Article, article_id
from newsevents.where.event_place import event_location
from newsevents.where.places import find_places


def place_of(nlp, text, verb):
    doc = nlp(text)
    trigger = next(t.i for t in doc if t.text == verb)
    place = event_location(doc, trigger, find_places(doc, Article(id=article_id(None, text), text=text)))
    return None if place is None else place.span.text


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
