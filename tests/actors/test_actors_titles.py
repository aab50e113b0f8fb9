"""Actors stage: a titled person whose country the text leaves out takes the one country
his sentence names; organisations of states and the dateline are not countries named
there (own sentences)."""

from __future__ import annotations

from datetime import date


def person(run, text, name, dateline=None):
    mentions = run(text, published=date(2023, 3, 7), stages=["actors"], dateline=dateline).actors
    hits = [m for m in mentions if name in m.text]
    assert hits, f"no mention of {name!r} in {[(m.text, m.code) for m in mentions]}"
    return hits[0]


def test_intergovernmental_body_does_not_count_as_a_second_country(run):
    p = person(run, "NATO warned Moldova on Thursday that President Andrei Cojocaru had ignored its advice.",
               "Cojocaru")
    assert (p.code, p.resolved_from) == ("MDAGOV", "context")


def test_dateline_city_does_not_count_as_a_country_of_the_sentence(run):
    text = ("VIENNA — The Organization for Security and Cooperation in Europe criticised Azerbaijan on "
            "Tuesday, saying President Rashid Mammadli had barred its election observers.")
    p = person(run, text, "Mammadli", dateline="VIENNA")
    assert (p.code, p.resolved_from) == ("AZEGOV", "context")


def test_two_countries_named_leave_the_title_uncoded_despite_an_organisation(run):
    text = ("GENEVA — The United Nations urged Ethiopia and Eritrea on Friday to respect the truce, "
            "and President Hailu Bekele promised to comply.")
    p = person(run, text, "Bekele", dateline="GENEVA")
    assert p.code is None and p.resolved_from is None
