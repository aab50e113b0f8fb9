"""An event's place comes from the text (its clause, its sentence, its paragraph) before
the dateline; the dateline places only what nothing else does, and only local events."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import events_by_trigger, place_and_basis
from newsevents.model import Article, article_id
from newsevents.pipeline import analyse
from newsevents.readers.markdown import find_dateline


def test_a_meeting_abroad_is_where_it_was_held_not_the_dateline(nlp):
    found = events_by_trigger(nlp, "WASHINGTON — Russian Foreign Minister Sergei Lavrov met his Norwegian counterpart in Oslo on Monday.")
    assert place_and_basis(found["met"]) == ("Oslo", "clause")
    assert found["met"].location.country == "NOR" and found["met"].location.fips == "NO"


def test_a_local_statement_with_no_place_in_the_text_is_at_the_dateline(nlp):
    found = events_by_trigger(nlp, "BRUSSELS — NATO condemned the attack on Tuesday.")
    assert place_and_basis(found["condemned"]) == ("Brussels", "dateline")


def test_a_foreign_party_is_not_placed_at_the_reporters_city(nlp):
    found = events_by_trigger(nlp, "BRUSSELS — Russia denied the accusations on Tuesday.")
    # Not Brussels: only its own country, at country precision.
    assert place_and_basis(found["denied"]) == ("Russia", "actors")
    assert found["denied"].location.precision == "country"


def test_the_paragraphs_place_carries_to_its_later_sentences_but_not_beyond(nlp):
    text = (
        "KABUL — Taliban fighters attacked a police post in Kunduz on Monday. "
        "The militants also killed two Afghan soldiers.\n\n"
        "Elsewhere, Taliban militants killed a tribal elder."
    )
    article = Article(id=article_id(None, text), text=text, published=date(2015, 1, 27), dateline=find_dateline(text))
    result = analyse(article, nlp(text))
    located = [(text[e.trigger.start : e.trigger.end], place_and_basis(e)) for e in result.events]
    assert ("attacked", ("Kunduz", "clause")) in located
    assert ("killed", ("Kunduz", "paragraph")) in located
    # The next paragraph is another scene; its unnamed place is not Kunduz. The act is
    # local to the dateline's country (Taliban: Afghanistan), so the dateline places it.
    assert ("killed", ("Kabul", "dateline")) in located
    assert [w for t, w in located if t == "killed"].count(("Kunduz", "paragraph")) == 1


def test_a_mixed_case_dateline_is_read_and_used(nlp):
    assert find_dateline("Brussels — NATO condemned the attack on Tuesday.") == "Brussels"
    assert find_dateline("KYIV, Ukraine (AP) — Russian forces shelled the city.") == "KYIV"
    assert find_dateline("Taipei, Taiwan — The festival opened.") == "Taipei"
    assert find_dateline("Officials said on Monday that talks failed.") is None
    found = events_by_trigger(nlp, "Brussels — NATO condemned the attack on Tuesday.")
    assert place_and_basis(found["condemned"]) == ("Brussels", "dateline")


@pytest.mark.parametrize("sentence, country", [
    ("Syrian troops attacked the village of Qaryat al-Zawiya in northern Syria on Sunday.", "SYR"),
])
def test_an_unknown_place_name_takes_its_country_from_the_sentence(nlp, sentence, country):
    (event,) = events_by_trigger(nlp, sentence).values()
    place = event.location
    assert place.span.text == "Qaryat al-Zawiya"
    assert (place.country, place.precision, place.basis) == (country, "country", "clause")


def test_the_sentences_country_outweighs_the_articles(nlp):
    text = (
        "Libya's rival governments traded blame on Monday. Militias in Libya clashed near Benghazi.\n\n"
        "Separately, gunmen opened fire on a checkpoint in Tripoli in northern Lebanon."
    )
    found = events_by_trigger(nlp, text)
    assert found["opened"].location.name == "Tripoli" and found["opened"].location.country == "LBN"
    # Without a country in its sentence the name follows the article's focus.
    found = events_by_trigger(nlp, "Libya's rival governments traded blame on Monday. Militias clashed in Tripoli.")
    assert found["clashed"].location.country == "LBY"


def test_a_statement_is_where_its_adverbial_clause_places_the_speaker(nlp):
    found = events_by_trigger(nlp, "WASHINGTON — Speaking after talks in Oslo, the Norwegian foreign minister criticized NATO.")
    assert place_and_basis(found["criticized"]) == ("Oslo", "sentence")


def test_a_country_named_as_an_actor_is_no_evidence_for_a_place_name(nlp):
    # Russia attacks; Donetsk is still the Ukrainian city, not the Russian town of that name.
    found = events_by_trigger(nlp, "BRUSSELS — NATO said on Monday that Russia attacked civilians in Donetsk.")
    place = found["attacked"].location
    assert (place.name, place.country, place.adm1, place.basis) == ("Donetsk", "UKR", "UP05", "clause")
