"""Precision of the coder: sentences with no political event code nothing, and a party
named inside the source's own phrase is not a second party. Sentences written for these
tests (invented wire-style content)."""

from __future__ import annotations

import pytest


def dyads(run, text):
    result = run(text, stages=["actors", "coding"])
    return sorted(((e.source.code, e.target.code if e.target else None, e.cameo.code) for e in result.events),
                  key=lambda d: tuple(v or "" for v in d))


@pytest.mark.parametrize("text", [
    # acts of people at large, no state, group or official on either side
    "Two fishermen pulled forty swimmers from the water on Sunday.",
    "A teacher thought the device looked like a weapon.",
    "Hundreds of visitors flocked to the harbour to watch the lanterns.",
    # verbs whose everyday sense is no act towards anyone
    "The annual book fair took place at the city exhibition hall last weekend.",
    "The ministry of health increased its estimate of flu cases for the winter.",
    "The French government thinks the reform will pass before summer.",
    "Canadian officials went home after the last session.",
    "The rebels claimed that the harvest had been the best in a decade.",
])
def test_no_political_event_codes_nothing(run, text):
    assert dyads(run, text) == []


def test_party_inside_the_source_phrase_is_not_a_target(run):
    # "Kenya's Interior Ministry": Kenya owns the ministry, it is not what the act is aimed at.
    found = dyads(run, "The Kenyan Interior Ministry began issuing new identity cards to residents on Monday.")
    assert all(target is None or not target.startswith("KEN") for _, target, _ in found)


def test_political_source_keeps_the_event(run):
    # police act for a state: an arrest by them is an event whoever is arrested
    assert dyads(run, "Police in Nairobi arrested a prominent Ugandan activist on Friday.") == [("KENCOP", "UGAOPP", "173")]


def test_travel_to_a_party_stays_an_event(run):
    found = dyads(run, "The Japanese foreign minister went to Beijing for talks with Chinese leaders.")
    assert ("JPNGOV", "CHNGOV", "042") in found


@pytest.mark.parametrize("text", [
    "The Japanese prime minister said the summit took place in a good atmosphere.",
    "The Brazilian government played a role in the negotiations.",
])
def test_fixed_phrases_are_no_acts(run, text):
    assert dyads(run, text) == []


def test_an_act_governed_by_a_fixed_phrase_is_still_coded(run):
    assert dyads(run, "The Indian government took action to expel three Pakistani diplomats.") == [("INDGOV", "PAKGOV", "161")]


def test_owner_and_owned_body_are_one_party(run):
    # the ministry's own project planning something is no joint act of two parties
    assert dyads(run, "The government's Flag Review Panel has planned a series of public meetings.") == []


def test_place_inside_a_persons_name_is_no_state(run):
    result = run("Michael Jordan visited a school in Chicago.", stages=["actors"])
    assert not any(a.code and a.code.startswith("JOR") for a in result.actors)


def test_event_with_no_coded_party_on_either_side_is_dropped(run):
    # a political role with no country or code on either side: no one could place the event
    assert dyads(run, "Valdo Marsh of the Freedom Democrats resigned from the party leadership after the defeat.") == []
    assert dyads(run, "A church lawyer interrogated him for two hours.") == []
    assert dyads(run, "Valdo Marsh resigned from the chess club after the defeat.") == []
    # one coded side is enough
    assert dyads(run, "Kenyan opposition leader Valdo Marsh resigned from the party leadership after the defeat.") == [
        ("KENOPP", None, "160")]
    assert dyads(run, "Valdo Marsh of the Freedom Democrats criticised the Kenyan government over the delayed election.") == [
        (None, "KENGOV", "111")]


def test_every_nationality_adjective_names_its_own_country(run):
    # a missing demonym made the context's other country the minister's ("Swedish" -> RUS)
    result = run("The Swedish prime minister expressed concern about the Russian military buildup.", stages=["actors"])
    assert [(a.text, a.code) for a in result.actors][0] == ("Swedish prime minister", "SWEGOV")



def test_a_title_before_an_unknown_name_makes_it_political(run):
    # (the title makes him a party; the coded rebels give the event a place)
    assert ("---MIL", "SDNREB", "0871") in dyads(run, "Gen. Valdo Marsh declared a ceasefire with the Sudanese rebels on Sunday.")


def test_returning_property_needs_no_party_target(run):
    # the dictionary's own sense of "return" (property given back) holds without a party
    found = dyads(run, "The Egyptian antiquities ministry returned three stolen statues to the museum.")
    assert [c for _, _, c in found] == ["0842"]
