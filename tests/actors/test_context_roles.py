"""Actors, issue 10 class 4: roles whose owner is an earlier description or the article's
country (own sentences)."""

from __future__ import annotations

from datetime import date


def actors(run, text):
    return run(text, published=date(2023, 3, 7), stages=["actors"]).actors


def test_role_owned_by_a_description_takes_its_antecedent(run):
    text = "Armenia closed its border on Friday. Officials said the country's army had been put on alert."
    assert [m.code for m in actors(run, text) if m.text == "army"] == ["ARMMIL"]


def test_state_institution_takes_the_country_the_article_is_about(run):
    text = ("Floods hit Peru on Monday. Rivers in Peru burst their banks and roads across Peru were cut. "
            "The Interior Ministry said twenty people had died.")
    found = [(m.code, m.resolved_from) for m in actors(run, text) if m.text == "Interior Ministry"]
    assert found == [("PERGOV", "context")]


def test_article_with_two_countries_leaves_the_institution_open(run):
    text = ("Floods hit Peru and Chile on Monday. Rivers in Peru and Chile burst their banks. "
            "The Interior Ministry said twenty people had died.")
    assert [m.code for m in actors(run, text) if m.text == "Interior Ministry"] == ["---GOV"]


def test_one_sentence_names_too_little_to_be_about_a_country(run):
    found = {m.text: m.code for m in actors(run, "The government thanked China for its help.")}
    assert found["government"] == "---GOV"
