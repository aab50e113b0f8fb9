"""Several parties (class 5) and passive or nominal agents (class 6): one event per
conjoined party, reciprocal acts both ways, "both sides" / "the two countries" / "the
allies" standing for the parties the article named, and agents given by 'by' phrases,
event-noun holders and adjectives. Sentences written for these tests (invented wire-style
content)."""

from __future__ import annotations

import pytest


def dyads(run, text):
    result = run(text, stages=["actors", "coding"])
    return sorted(((e.source.code, e.target.code if e.target else None, e.cameo.code) for e in result.events),
                  key=lambda d: tuple(v or "" for v in d))


def events_of(run, text, sentence_start):
    result = run(text, stages=["actors", "coding"])
    return sorted(((e.source.code, e.target.code if e.target else None, e.cameo.code, e.source.text)
                   for e in result.events if e.sentence.text.startswith(sentence_start)),
                  key=lambda d: tuple(v or "" for v in d))


# --- class 5: conjoined and reciprocal parties ------------------------------------------
def test_conjoined_subjects_give_one_event_each(run):
    assert dyads(run, "Russia and China vetoed the resolution on Syria.") == [
        ("CHN", "SYR", "129"), ("RUS", "SYR", "129")]


def test_conjoined_objects_give_one_event_each(run):
    found = dyads(run, "Ukraine accused Russia and Belarus of aiding the rebels.")
    assert ("UKR", "RUS", "112") in found and ("UKR", "BLR", "112") in found


@pytest.mark.parametrize("text, a, b, code", [
    ("Israel and the Palestinian Authority signed an agreement on water rights.", "ISR", "PSEGOV", "057"),
    ("Talks between Iran and Turkey ended without a deal.", "IRN", "TUR", "046"),
])
def test_reciprocal_frames_code_both_directions(run, text, a, b, code):
    assert dyads(run, text) == [(a, b, code), (b, a, code)]


def test_both_sides_are_the_parties_named_before(run):
    text = "India and Pakistan held talks in Islamabad on Monday. Both sides agreed to reopen the border crossing."
    found = events_of(run, text, "Both sides")
    assert [(s, t, src) for s, t, _, src in found] == [("IND", None, "Both sides"), ("PAK", None, "Both sides")]


def test_the_two_governments_of_a_meeting_sign_with_each_other(run):
    text = "Officials from Iran and Iraq met in Baghdad. The two governments signed a trade deal."
    found = events_of(run, text, "The two governments")
    assert [(s, t, c) for s, t, c, _ in found] == [("IRNGOV", "IRQ", "057"), ("IRQ", "IRNGOV", "057")]


def test_the_two_countries_act_each_against_the_target(run):
    text = ("Japan and South Korea criticized North Korea on Tuesday. "
            "The two countries also threatened Pyongyang with sanctions.")
    found = events_of(run, text, "The two countries")
    assert {(s, t) for s, t, _, _ in found} == {("JPN", "PRKGOV"), ("KOR", "PRKGOV")}


def test_the_allies_are_the_parties_named_together(run):
    text = "The United States and Britain warned Syria on Monday. The allies threatened Damascus."
    found = events_of(run, text, "The allies")
    assert [(s, t) for s, t, _, _ in found] == [("GBR", "SYRGOV"), ("USA", "SYRGOV")]


def test_a_count_with_no_parties_named_before_codes_no_party(run):
    # nothing named together before: the two countries are unknown, not some other pair
    assert dyads(run, "The two countries signed a trade deal.") == []


def test_allies_of_a_named_party_are_not_the_earlier_pair(run):
    text = "The United States and Britain warned Syria on Monday. Russia's allies criticized the warning."
    found = events_of(run, text, "Russia's allies")
    assert all(s not in ("USA", "GBR") for s, _, _, _ in found)


# --- class 6: passive and nominal agents -------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Egypt was criticized by Human Rights Watch.", ("NGOHRI", "EGY", "111")),
    ("Russia's annexation of Crimea was criticised by Germany.", ("DEU", "RUS", "111")),
    ("Gaza was hit by Israeli air strikes overnight.", ("ISR", "PSEGZA", "190")),
])
def test_passive_agent_is_the_source(run, text, expected):
    assert dyads(run, text) == [expected]


def test_event_noun_by_and_on_phrases(run):
    found = dyads(run, "The attack by Hamas on Israel was condemned by the United Nations.")
    assert found == [("IGOUNO", "PSEREBHMS", "111"), ("PSEREBHMS", "ISR", "190")]


def test_adjective_agent_of_an_event_noun(run):
    found = dyads(run, "Israeli air strikes on Gaza killed ten people.")
    assert ("ISR", "PSEGZA", "195") in found


def test_passive_without_a_party_codes_nothing(run):
    assert dyads(run, "The bridge was damaged by heavy rain.") == []


def test_joint_subjects_meeting_a_third_party_do_not_meet_each_other(run):
    assert dyads(run, "Egypt and Sudan met with Ethiopian officials to discuss the dam.") == [
        ("EGY", "ETHGOV", "040"), ("SDN", "ETHGOV", "040")]


def test_a_joint_undertaking_without_a_third_party_is_reciprocal(run):
    found = dyads(run, "Jordan and Britain agreed to hold joint military exercises.")
    assert [(s, t) for s, t, _ in found] == [("GBR", "JOR"), ("JOR", "GBR")]


def test_agent_of_a_participle_on_the_object_noun_is_the_target(run):
    found = dyads(run, "Venezuela condemned the sanctions imposed by Washington.")
    assert ("VEN", "USAGOV", "111") in found
    assert ("VEN", None, "111") not in found


def test_author_of_a_statement_is_the_source(run):
    assert dyads(run, "A statement by the Iranian foreign ministry condemned Israel.") == [("IRNGOV", "ISR", "111")]


def test_a_statement_by_no_party_codes_nothing(run):
    assert dyads(run, "A statement by the hotel's owner condemned the noise.") == []
