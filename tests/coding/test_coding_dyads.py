"""Whole dyads by sentence class: statements about X ('called X a Y'), the author of an
event noun as target, the holder of a decision as the actor, and questions. Sentences
written for these tests (invented wire-style content)."""

from __future__ import annotations

import pytest


def dyads(run, text):
    result = run(text, stages=["actors", "coding"])
    return sorted(((e.source.code, e.target.code if e.target else None, e.cameo.code) for e in result.events),
                  key=lambda d: tuple(v or "" for v in d))


# --- class 3: naming verbs are statements about their object --------------------------
@pytest.mark.parametrize("text, expected", [
    ("The Iranian president branded the Israeli government a terrorist regime.", ("IRNGOV", "ISRGOV", "112")),
    ("The Russian foreign minister described the sanctions as a hostile act by Washington.", ("RUSGOV", "USAGOV", "111")),
    ("The Polish prime minister called Germany a reliable partner.", ("POLGOV", "DEU", "051")),
    ("The Turkish government dismissed the claims by Moscow as propaganda.", ("TURGOV", "RUSGOV", "111")),
])
def test_naming_verb_codes_a_statement_about_its_object(run, text, expected):
    assert dyads(run, text) == [expected]


def test_a_neutral_description_is_no_event(run):
    assert dyads(run, "The Chinese premier described the talks as long.") == []


def test_calling_a_leader_is_still_a_phone_call(run):
    found = dyads(run, "The German chancellor called the Turkish president on Tuesday.")
    assert ("DEUGOV", "TURGOV", "041") in found


# --- class 1: the author of an event noun is the target -----------------------------
def test_rejected_accusation_has_its_author_as_target(run):
    found = dyads(run, "NATO rejected the accusations made by Kiev on Tuesday.")
    assert [(s, t) for s, t, _ in found] == [("IGOWSTNAT", "UKRGOV")]


def test_decision_by_a_party_is_that_partys_act(run):
    found = dyads(run, "The EU criticised the decision by Moscow to expel two diplomats.")
    assert ("IGOEUREEC", "RUSGOV", "111") in found
    # the expulsion is Moscow's, not the EU's
    assert not any(s == "IGOEUREEC" and c.startswith("16") for s, _, c in found)


# --- class 7: questions report no act ------------------------------------------------
@pytest.mark.parametrize("text", [
    "Will Russia attack Ukraine?",
    "Did the Chinese army fire on protesters in the capital?",
    'Has the French government sent troops to Mali?"',
])
def test_questions_code_nothing(run, text):
    assert dyads(run, text) == []


# --- class 6: a contact noun in a circumstance phrase is the clause subject's act ------
def test_meeting_in_a_circumstance_phrase_has_the_clause_subject_as_source(run):
    found = dyads(run, "Following a meeting with the Indian prime minister, the Pakistani foreign minister said talks would continue.")
    assert found == [("INDGOV", "PAKGOV", "040"), ("PAKGOV", "INDGOV", "040")]


def test_talking_to_the_press_is_no_consultation(run):
    assert dyads(run, "The Iranian foreign minister spoke to journalists in Tehran.") == []
    assert ("IRNGOV", "IRQ", "046") in dyads(run, "The Iranian foreign minister spoke with his Iraqi counterpart in Tehran.")


# --- reported conflict acts: a claim that a party did harm accuses that party ----------
def test_claim_of_an_attack_is_an_accusation_of_the_attacker(run):
    found = dyads(run, "Kiev alleged that Russian troops had shelled the town.")
    assert ("UKRGOV", "RUSMIL", "112") in found


def test_claim_of_something_harmless_accuses_no_one(run):
    assert dyads(run, "The Kenyan ministry claimed that the harvest had been good.") == []


# --- statements of feeling take what they are about as target -----------------------
def test_hope_about_a_party_targets_that_party(run):
    found = dyads(run, "The Bulgarian foreign minister voiced hope that the new government in Romania will reopen the border.")
    assert ("BGRGOV", "ROUGOV", "013") in found


def test_concern_about_a_partys_act_targets_that_party(run):
    found = dyads(run, "The Swedish prime minister expressed concern about the Russian military buildup.")
    assert [(s, t[:3] if t else None, c) for s, t, c in found] == [("SWEGOV", "RUS", "012")]


def test_a_name_given_by_a_participle_is_no_call(run):
    found = dyads(run, "A defector from an elite unit of the Iranian army called the Quds Force was arrested by Turkish police.")
    assert [c for _, _, c in found] == ["173"]


def test_saying_a_party_was_responsible_accuses_it(run):
    assert dyads(run, "The Nigerian government said Boko Haram fighters were responsible for the raid.") == [
        ("NGAGOV", "NGAREB", "112")]
    assert dyads(run, "The Kenyan government said it was responsible for the security of the visitors.") == []


def test_insult_in_apposition_is_criticism_of_the_object(run):
    assert dyads(run, "The Brazilian president called the French ambassador a very stupid man.") == [("BRAGOV", "FRAGOV", "111")]


def test_event_nouns_own_target_outranks_the_topic(run):
    found = dyads(run, "Several Nordic governments called for sanctions against Moscow over the poisoning case.")
    # (and the group does not take Moscow's country for its own)
    assert [(s, t) for s, t, _ in found] == [("---GOV", "RUSGOV")]


def test_denied_charges_target_their_author_wherever_the_noun_sits(run):
    assert dyads(run, 'The Estonian foreign minister dismissed as "absurd" allegations by the Russian president.') == [
        ("ESTGOV", "RUSGOV", "016")]
    assert dyads(run, "The Guatemalan government denied charges by the Mexican government.") == [("GTMGOV", "MEXGOV", "016")]


def test_own_forces_are_not_the_target(run):
    assert dyads(run, "Ethiopia withdrew its troops from Somalia on Friday.") == [("ETH", "SOM", "0874")]
    assert dyads(run, "Chad pulled its soldiers out of the border zone.") == [("TCD", None, "0874")]


def test_denying_what_ones_own_forces_did_targets_no_one(run):
    found = dyads(run, "The Iranian government denied that its forces had fired on the tanker.")
    assert [(s, t, c) for s, t, c in found if c.startswith("01")] == [("IRNGOV", None, "016")]
