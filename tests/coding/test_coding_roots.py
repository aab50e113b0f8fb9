"""Root-code choices: which sense of a verb is an event, and which code it gets, on
sentences written for these tests (wire style, invented content)."""

from __future__ import annotations

import pytest

from test_coding import events, find


@pytest.mark.parametrize("text", [
    "Investigators said the militia helped to plan and carry out the raids on the border villages.",
    "The report said the army contributed to organizing the massacres in the north.",
])
def test_a_share_in_an_act_is_no_aid(run, text):
    assert not find(events(run, text), "07")


def test_help_given_to_a_party_stays_aid(run):
    evs = events(run, "Japan helped Indonesia modernize its coast guard last year.")
    assert find(evs, "07", source="Japan", target="Indonesia")


def test_equally_specific_patterns_prefer_the_sense_written_for_the_verb():
    from newsevents.coding.matcher import _order
    from newsevents.coding.patterns import Element, Pattern

    treaty = (Element(None, ((("treaty",),),), None),)
    approve = Pattern("ALLOW.15", "031", None, (), treaty, 1, False, "approve")
    ratify = Pattern("ALLOW.40", "057", None, (), treaty, 1, False, "ratify")
    specific = Pattern("ALLOW.99", "0311", None, (), treaty + treaty, 2, False, "approve")
    assert sorted([approve, ratify], key=lambda p: _order(p, "ratify"))[0] is ratify
    assert sorted([approve, ratify], key=lambda p: _order(p, "approve"))[0] is approve
    # the sense only breaks ties: a more specific pattern still comes first
    assert sorted([ratify, specific], key=lambda p: _order(p, "ratify"))[0] is specific


def test_planning_towards_no_one_is_no_intent_to_cooperate(run):
    assert not find(events(run, "Prosecutors said the colonel planned the massacres in the northern province."), "03")


def test_an_agreement_without_a_named_partner_stays_an_intent(run):
    assert find(events(run, "Brazil agreed to a five-year program to cut emissions from its factories."), "03", source="Brazil")


def test_a_braced_dictionary_phrase_must_name_one_noun_phrase(run):
    # {TRADE &TREATY} is a trade agreement, not an agreement about a trade quarrel.
    evs = events(run, "Kenya and Uganda signed an accord on Tuesday aimed at ending a long trade dispute over sugar.")
    assert find(evs, "057", source="Kenya") and not find(evs, "031")
    assert find(events(run, "Kenya and Uganda signed a trade accord on Tuesday."), "0311", source="Kenya")


def test_blockading_is_imposing_a_blockade(run):
    # CAMEO 191: prevent entry into or exit from a territory; the dictionary files the
    # verb under the generic 170 coercion.
    assert find(events(run, "Turkish warships blockaded the Syrian port of Latakia on Sunday."), "191")


def test_an_act_asked_of_a_party_is_folded_into_the_appeal(run, nlp):
    from newsevents.evaluate.events import petrarch_projection

    text = "Germany wants Turkey to attack the rebel camps in Syria."
    rows = petrarch_projection(run(text, stages=["actors", "coding", "attribution"]).events, nlp(text))
    assert any(s.startswith("DEU") and t.startswith("TUR") and c.startswith("02") for s, t, c in rows)
    assert not any(s.startswith("TUR") for s, _, _ in rows)  # Turkey did nothing yet
