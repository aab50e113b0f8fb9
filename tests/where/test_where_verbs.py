"""Where stage: verbs whose object is the place itself make an unknown name there a place."""

from __future__ import annotations

from test_where_attachment import located


def test_an_unknown_name_entered_or_stormed_is_the_place(nlp):
    where, _ = located(nlp, "Government troops entered Kafr Zawra on Sunday after a week of fighting.", "entered")
    assert where == "Kafr Zawra"
    where, _ = located(nlp, "Militiamen stormed Umm Daboul before dawn, residents said.", "stormed")
    assert where == "Umm Daboul"


def test_a_person_captured_is_not_a_place(nlp):
    where, places = located(nlp, "Soldiers captured John Mwangi near the border crossing on Friday.", "captured")
    assert "John Mwangi" not in {p.span.text for p in places if p.span}
    assert where != "John Mwangi"


def test_the_innermost_of_nested_places_is_the_events_place(nlp):
    where, _ = located(nlp, "Two policemen were shot dead in the village of Kharbata near Nablus on Monday.", "shot")
    assert where == "Kharbata"
    where, _ = located(nlp, "Hundreds of teachers marched in Chicago's Pilsen neighborhood on Saturday.", "marched")
    assert where == "Pilsen"
