"""Actors stage on sentences written for these tests (wire style, invented events)."""

from __future__ import annotations

from datetime import date

from conftest import needs_shared

from newsevents.actors import mention_at
from newsevents.actors.knowledge import code_at


def actors(run, text, published=date(2015, 1, 27), dateline=None):
    return run(text, published=published, stages=["actors"], dateline=dateline).actors


def find(mentions, text):
    hits = [m for m in mentions if m.text == text]
    assert hits, f"no mention {text!r} in {[m.text for m in mentions]}"
    return hits[0]


def test_offsets_are_exact_and_sorted(run):
    text = "Polish troops arrived in Vilnius on Tuesday, the Lithuanian defence ministry said."
    result = run(text, stages=["actors"])
    assert [m.start for m in result.actors] == sorted(m.start for m in result.actors)
    for m in result.actors:
        assert text[m.start : m.end] == m.text


def test_dictionary_code_follows_the_publication_date(run):
    text = "Vladimir Putin met regional governors in Sochi."
    assert find(actors(run, text, date(2015, 3, 2)), "Vladimir Putin").code == "RUSGOV"
    assert find(actors(run, text, date(1995, 3, 2)), "Vladimir Putin").code == "RUSELI"


def test_code_at_prefers_the_range_holding_the_day():
    codes = (("XXXELI", "1990-01-01", "1999-12-31"), ("XXXGOV", "2000-01-01", None), ("XXXOPP", None, None))
    assert code_at(codes, date(1995, 1, 1)) == "XXXELI"
    assert code_at(codes, date(2010, 1, 1)) == "XXXGOV"
    assert code_at(codes, date(1980, 1, 1)) == "XXXOPP"


def test_agents_combine_with_their_country(run):
    mentions = actors(run, "Ukrainian troops shelled the town while Syrian opposition leaders met in Geneva.")
    assert find(mentions, "Ukrainian troops").code == "UKRMIL"
    assert find(mentions, "Syrian opposition leaders").code.startswith("SYROPP")


def test_backed_separatists_belong_to_the_country_they_fight_in(run):
    mentions = actors(run, "Russian-backed separatists attacked government positions in eastern Ukraine on Sunday.")
    rebels = find(mentions, "Russian-backed separatists")
    assert rebels.code == "UKRREB" and rebels.resolved_from == "agent"


def test_capital_as_actor_is_its_government_but_as_location_a_place(run):
    mentions = actors(run, "Kiev has asked for more aid. The talks will be held in Minsk next week.")
    kiev = find(mentions, "Kiev")
    assert (kiev.code, kiev.resolved_from, kiev.is_place) == ("UKRGOV", "metonymy", False)
    minsk = find(mentions, "Minsk")
    assert minsk.is_place and minsk.country == "BLR"


def test_title_in_the_text_overrides_the_dictionary(run):
    bare = find(actors(run, "Jens Stoltenberg arrived in Oslo."), "Jens Stoltenberg")
    assert bare.code == "IGOWSTNAT"  # leaders.json carries him past Phoenix's NORGOV (2015)
    earlier = find(run("Jens Stoltenberg arrived in Oslo.", published=date(2012, 5, 1), stages=["actors"]).actors,
                   "Jens Stoltenberg")
    assert earlier.code == "NORGOV"
    text = ("NATO Secretary-General Jens Stoltenberg warned Moscow on Monday. "
            "Stoltenberg said the alliance would not be drawn into the conflict.")
    mentions = actors(run, text)
    titled = find(mentions, "NATO Secretary-General Jens Stoltenberg")
    assert (titled.code, titled.resolved_from) == ("IGOWSTNAT", "title")
    later = find(mentions, "Stoltenberg")
    assert later.code == "IGOWSTNAT" and later.entity == titled.entity
    alliance = find(mentions, "the alliance")
    assert alliance.code == "IGOWSTNAT" and alliance.resolved_from == "coreference"


def test_unknown_person_gets_code_from_title_with_owner(run):
    text = "Moldova's Ambassador to the EU Lilia Cernat said talks went well, but she gave no date."
    mentions = actors(run, text)
    person = next(m for m in mentions if "Cernat" in m.text)
    assert person.code == "MDAGOV" and person.resolved_from == "title"
    she = find(mentions, "she")
    assert she.entity == person.entity and she.code == "MDAGOV"


def test_apposition_codes_the_person(run):
    text = "Tomas Varga, the foreign minister of Slovakia, criticised the plan on Friday."
    person = find(actors(run, text), "Tomas Varga")
    assert person.code == "SVKGOV" and person.resolved_from == "apposition"


def test_pronoun_resolves_to_last_subject_not_a_person_named_in_passing(run):
    text = ("Sergio Ramires rejected claims by Brazilian President Dilma Rousseff that the deal had failed. "
            "\"The deal stands,\" he said.")
    mentions = actors(run, text)
    he = find(mentions, "he")
    assert he.entity == next(m for m in mentions if "Ramires" in m.text).entity


def test_unresolvable_pronoun_is_not_listed(run):
    assert not [m for m in actors(run, "He said the weather was cold.") if m.text == "He"]


def test_description_resolves_and_place_in_the_country(run):
    text = "Rebels seized two villages in northern Mali. Fighting continued in the north of the country."
    country = find(actors(run, text), "the country")
    assert country.code == "MLI" and country.is_place


def test_dateline_is_a_place_and_mention_at_finds_the_covering_mention(run):
    text = "MOSCOW — Russia denied sending troops."
    result = actors(run, text, dateline="MOSCOW")
    assert find(result, "MOSCOW").is_place
    russia = find(result, "Russia")
    assert mention_at(result, russia.token_start) is russia


def test_eval_readers_parse_gold_formats():
    from newsevents.evaluate.actors import read_petrarch, read_plover

    plover = read_plover(needs_shared("gold", "plover", "PLOVER_GSR_CAMEO.json"))
    assert len(plover) > 300 and all(a.text and a.code for s in plover for a in s.actors)
    petr = read_petrarch(needs_shared("gold", "petrarch", "PETR2_GSR_validation.xml"))
    assert len(petr) > 50 and any(s.actors for s in petr)
