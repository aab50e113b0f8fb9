"""Two kinds of non-event (issue 10, class 7). 'decide' and 'determine' are an intent (030)
only with a clause saying what was decided; with a plain object ('determine the fate of the
activists', 'determine refugee status for migrants from Eritrea') or a question ('determine
whether Russia was behind it') they are a finding, and the parties named inside are no
targets. A trip ('went to the police station', 'the defector traveled to Texas') is a visit only when a
state or organisation makes it. Sentences written for these tests."""

from __future__ import annotations

import pytest

from newsevents.coding.matcher import match_verb


def dyads(run, text):
    result = run(text, stages=["actors", "coding"])
    return sorted(((e.source.code, e.target.code if e.target else None, e.cameo.code) for e in result.events),
                  key=lambda d: tuple(v or "" for v in d))


@pytest.mark.parametrize("text", [
    "The Kenyan court will determine the fate of the detained Somali activists.",
    "The Danish ministry is to begin interviews to determine asylum status for migrants from Eritrea and Sudan.",
    "German officials are still trying to determine whether Russia was behind the attack.",
    "Chinese officials will decide how to respond to the Japanese proposal.",
])
def test_finding_or_question_codes_nothing(run, text):
    assert dyads(run, text) == []


@pytest.mark.parametrize("text, code", [
    ("The Chilean government decided to wait for the results of the inquiry.", "030"),
    ("The Peruvian cabinet decided that the army would leave the province.", "030"),
    ("The Kenyan court will determine the fate of the detained Somali activists.", None),
    ("Officials will decide whether to extend the curfew.", None),
])
def test_decision_clause_keeps_the_intent_code(nlp, text, code):
    doc = nlp(text)
    verb = next(t for t in doc if t.lemma_ in ("decide", "determine"))
    match = match_verb(verb)
    assert (match.code if match else None) == code


@pytest.mark.parametrize("text, expected", [
    # the decided act is coded from its own verb, as before
    ("The Nigerian government has decided to reopen the border with Benin.", [("NGAGOV", "BEN", "050")]),
    ("Japan has decided to buy gas from Qatar.", [("JPN", "QAT", "061")]),
])
def test_decided_act_is_still_coded(run, text, expected):
    assert dyads(run, text) == expected


@pytest.mark.parametrize("text", [
    # a trip by a party with no country or organisation of its own visits no one
    "The church officials went to the Boston police station on Monday.",
    "The defector traveled to Texas on Friday.",
])
def test_trip_of_an_unplaced_party_codes_nothing(run, text):
    assert dyads(run, text) == []


@pytest.mark.parametrize("text, expected", [
    ("The French president traveled to Mali on Sunday.", [("FRAGOV", "MLI", "040")]),
    ("The UN envoy traveled to Damascus on Sunday.", [("IGOUNO", "SYRGOV", "040")]),
])
def test_trip_of_a_state_or_organisation_stays(run, text, expected):
    assert dyads(run, text) == expected
