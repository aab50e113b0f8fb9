"""Coding of frames, joint undertakings, passives with event nouns and document nouns,
on sentences written for these tests (wire style, invented content)."""

from __future__ import annotations

import pytest

from test_coding import events, find


def test_intent_verb_yields_only_the_embedded_act(run):
    evs = events(run, "Jordan wants to help the Palestinian refugees.")
    assert find(evs, "07", source="Jordan", target="Palestinian")
    assert not find(evs, "02") and not find(evs, "03")


def test_want_with_another_party_is_an_appeal_to_it(run):
    evs = events(run, "Washington wants Moscow to withdraw its troops from Georgia.")
    appeal = find(evs, "02", source="Washington", target="Moscow")
    assert appeal and appeal[0].rule == "appeal:want"


def test_joint_undertaking_of_coordinated_subjects_is_reciprocal(run):
    evs = events(run, "Poland and Lithuania have agreed to hold joint naval exercises next month.")
    assert find(evs, "06", source="Poland", target="Lithuania")
    assert find(evs, "06", source="Lithuania", target="Poland")


def test_coordinated_subjects_of_a_one_sided_act_are_not_paired(run):
    evs = events(run, "Canada and Norway condemned the bombing of the hospital.")
    assert not [e for e in evs if e.target is not None and e.target.text in ("Canada", "Norway")]


def test_passive_light_verb_with_event_noun_subject(run):
    evs = events(run, "New sanctions were imposed on Iran by the European Union on Monday.")
    assert find(evs, "16", source="European Union", target="Iran")


def test_passive_victims_of_an_event_noun_get_its_agent(run):
    evs = events(run, "Six villagers were killed in a Turkish air strike near the Iraqi border, officials said.")
    assert find(evs, "19", source="Turkish")


def test_participle_after_a_document_noun_is_the_issuer_act(run):
    evs = events(run, "Human Rights Watch released a report accusing the Ethiopian army of torturing detainees.")
    assert find(evs, "11", source="Human Rights Watch", target="Ethiopian army")


def test_participle_after_a_person_object_stays_that_persons_act(run):
    evs = events(run, "Police arrested a Kenyan man carrying explosives.")
    assert not find(evs, "11")


def test_prepositional_word_pair_must_head_its_phrase(run):
    # CAMEO.2.0 "BLAME * FOR VIOLENCE" is the accusation of violence itself, not of an
    # escalation of something that mentions violence further down.
    evs = events(run, "Kenya has blamed Somali-based militants for a sharp escalation of violence in northern Kenya.")
    accusations = find(evs, "11", source="Kenya", target="Somali")
    assert accusations and all(e.cameo.code != "1124" for e in accusations)


def test_respecting_a_norm_is_no_praise(run):
    evs = events(run, "Serbia respected its commitments under the accord, the mediator said.")
    assert not find(evs, "05", source="Serbia")


def test_event_noun_refines_a_generic_dictionary_code(run):
    evs = events(run, "Germany will provide military aid to Ukraine.")
    assert [e.cameo.code for e in find(evs, "07", source="Germany", target="Ukraine")] == ["072"]


def test_unresolved_pronoun_in_what_a_speaker_says_is_the_speaker(run):
    evs = events(run, "The Sudanese government said it would release 200 rebel prisoners next week.")
    assert find(evs, "08", source="Sudanese government")
    quoted = events(run, '"We urge Ethiopia to withdraw its troops," the European Union said on Monday.')
    # The speaker stands for "We": either the coder maps the pronoun to it, or the actors
    # stage already resolved the pronoun to the speaker's code.
    appeal = find(quoted, "02", target="Ethiopia")
    assert appeal and appeal[0].source.code == "IGOEUREEC"


@pytest.mark.parametrize("text,code,target", [
    ("Britain has reduced humanitarian aid to Liberia.", "1623", "Liberia"),
    ("The United States lifted sanctions on Myanmar on Friday.", "085", "Myanmar"),
    ("Iran suspended talks with the European Union.", "164", "European Union"),
])
def test_what_is_done_to_an_event_noun_is_the_event(run, text, code, target):
    evs = events(run, text)
    assert [e.cameo.code for e in evs if e.target is not None and target in e.target.text] == [code]


def test_uncodable_object_yields_to_a_coded_party_in_the_object_phrase(run):
    evs = events(run, "Ethiopia deployed soldiers for the campaign against Eritrea.")
    assert evs and all(e.target is not None and e.target.code == "ERI" for e in evs)


def test_protest_to_demand_something_from_a_party_targets_it(run):
    evs = events(run, "Farmers staged demonstrations on Saturday to demand subsidies from the Indian government.")
    assert find(evs, "14", target="Indian government")


def test_a_misread_lemma_falls_back_to_the_regular_base_form(nlp):
    from newsevents.coding.patterns import _base_forms, verb_lemma

    assert "stage" in _base_forms("staged") and "stop" in _base_forms("stopped") and "deny" in _base_forms("denied")
    doc = nlp("Students staged a sit-in.")
    assert verb_lemma(doc[1]) in ("stage",)


def test_passive_violence_without_agent_comes_from_its_origin(run):
    evs = events(run, "Rockets were fired at Israeli towns from southern Lebanon overnight.")
    assert find(evs, "1", source="Lebanon", target="Israeli")
    assert not find(events(run, "Hundreds of civilians were evacuated from Syria on Monday."), source="Syria")


def test_consultation_targets_the_with_party_not_the_topic(run):
    evs = events(run, "Later on Thursday, Erdogan discussed Libya with U.S. President Donald Trump in a phone call.")
    assert find(evs, "04", source="Erdogan", target="Trump")
    assert not [e for e in evs if e.target is not None and e.target.text == "Libya"]
