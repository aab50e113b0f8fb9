"""Coding of constructions that used to give no event, on sentences written for these
tests (wire style, invented content)."""

from __future__ import annotations

import pytest

from test_coding import events, find


def test_returning_property_to_a_party_is_a_return_but_returning_home_is_no_event(run):
    evs = events(run, "Italy returned dozens of stolen Greek statues to the government of Greece on Tuesday.")
    returned = find(evs, "084", source="Italy")
    assert returned and returned[0].target is not None and returned[0].target.code.startswith("GRC")
    assert not find(events(run, "The Italian delegation returned to Rome on Tuesday."), "08")


def test_phrasal_release_the_dictionary_lacks(run):
    assert find(events(run, "Kenya let free 40 opposition activists on Friday."), "0841", source="Kenya")


def test_dateline_parsed_as_a_second_subject_yields_to_the_real_subject(run):
    evs = events(run, "NAIROBI, Kenya - Police have detained three opposition lawmakers after the vote.")
    assert find(evs, "17", source="Police")
    assert not [e for e in evs if e.source.text.startswith("NAIROBI")]


@pytest.mark.parametrize("text,source", [
    ("A group of Syrian hackers attacked the websites of Turkish newspapers.", "SYR"),
    ("The Islamic State group released 12 Yazidi captives on Monday.", None),
])
def test_a_group_noun_stands_for_the_party_it_names(run, text, source):
    evs = [e for e in events(run, text) if e.cameo.root in ("18", "19", "08")]
    assert evs
    if source:
        assert evs[0].source.code.startswith(source)


def test_defending_a_policy_is_endorsement_not_protection(run):
    assert find(events(run, "The Polish president defended Hungary's migration policy on Thursday."), "051")
    assert not find(events(run, "The Polish president defended Hungary's migration policy on Thursday."), "074")


def test_the_holder_of_a_plan_is_the_actor_of_its_infinitive(run):
    evs = events(run, "Germany has no plans to send troops to Mali, the minister said.")
    sent = find(evs, "", source="Germany", target="Mali")
    assert sent and sent[0].trigger.text == "send"


def test_stopping_support_reduces_relations(run):
    evs = events(run, "Washington urged Tehran to stop its support for the Houthi rebels.")
    assert find(evs, "16", source="Tehran", target="rebels")
    assert find(evs, "02", source="Washington", target="Tehran")


def test_military_support_is_military_aid(run):
    assert [e.cameo.code for e in find(events(run, "France provided military support to Chad."), "07", source="France")] == ["072"]
