"""Where stage: gazetteer, place mentions, dateline, event location, on sentences of our own."""

from __future__ import annotations

import json

import pytest

from conftest import make_article, needs_shared
from newsevents.where import gazetteer
from newsevents.where.event_place import event_location
from newsevents.where.places import find_places, places_and_dateline


def analyse(nlp, text, dateline=None):
    doc = nlp(text)
    places, dateline_place = places_and_dateline(doc, make_article(text, dateline=dateline))
    return doc, places, dateline_place


def token(doc, lemma, nth=0):
    hits = [t.i for t in doc if t.lemma_ == lemma or t.lower_ == lemma]
    assert len(hits) > nth, f"{lemma!r} not in {doc.text!r}"
    return hits[nth]


def where(nlp, text, lemma, dateline=None, statement=False, actors=()):
    doc, places, dateline_place = analyse(nlp, text, dateline)
    return event_location(doc, token(doc, lemma), places, dateline_place, statement, actors)


# --- gazetteer -------------------------------------------------------------------------


def test_gazetteer_is_loaded_once_and_kiev_kyiv_are_one_city():
    assert gazetteer.load() is gazetteer.load()
    kiev = gazetteer.load().candidates("Kiev")
    kyiv = gazetteer.load().candidates("Kyiv")
    # The oblast named after the city is a separate entry; the city is the same for both.
    cities = lambda found: {c.entry.geonames_id for c in found if c.entry.feature == "city"}  # noqa: E731
    assert cities(kiev) == cities(kyiv) == {703448}
    (city,) = [c.entry for c in kiev if c.entry.feature == "city"]
    assert city.country == "UKR" and city.capital


def test_countries_have_centroids_and_aliases():
    (britain,) = [c.entry for c in gazetteer.load().candidates("Britain")]
    assert britain.country == "GBR" and britain.feature == "country"
    assert 49 < britain.lat < 60 and -9 < britain.lon < 2


# --- place mentions --------------------------------------------------------------------


def test_every_place_has_exact_offsets_and_resolved_fields(nlp):
    text = "Protesters marched through Kyiv on Sunday while police in Kiev and Lviv stayed calm."
    doc, places, _ = analyse(nlp, text)
    for place in places:
        assert text[place.span.start : place.span.end] == place.span.text
        assert doc[place.token_start : place.token_end].text == place.span.text
    cities = {p.span.text: p for p in places if p.feature == "city"}
    assert cities["Kiev"].geonames_id == cities["Kyiv"].geonames_id == 703448
    assert cities["Lviv"].country == "UKR" and cities["Lviv"].lat is not None


def test_capitalised_direction_inside_an_entity_also_makes_a_region(nlp):
    text = "Government troops retook a district centre in Western Afghanistan on Friday."
    _, places, _ = analyse(nlp, text)
    (region,) = [p for p in places if p.country == "AFG"]
    assert region.feature == "region" and region.span.text == "Western Afghanistan"


def test_directional_region_becomes_region_of_its_country(nlp):
    text = "Fighting flared again in eastern Ukraine, where separatists shelled several villages."
    _, places, _ = analyse(nlp, text)
    (region,) = [p for p in places if p.feature == "region"]
    assert region.span.text == "eastern Ukraine"
    assert region.country == "UKR" and region.geonames_id is None


def test_ambiguous_name_follows_country_focus(nlp):
    lebanon = "Gunmen opened fire on a checkpoint in Tripoli, Lebanon's second city, security sources in Beirut said."
    libya = "Militias clashed near the airport in Tripoli as Libya's rival governments traded blame."
    demonym = "Shells fell on Tripoli overnight as the Lebanese army deployed in the port."
    bare = "Talks on the ceasefire will resume in Tripoli next week."
    pick = lambda text: next(p for p in analyse(nlp, text)[1] if p.span.text == "Tripoli").country
    assert pick(lebanon) == "LBN"
    assert pick(libya) == "LBY"
    assert pick(demonym) == "LBN"
    assert pick(bare) == "LBY"  # no focus: the larger city


def test_common_words_and_demonyms_are_not_places(nlp):
    text = "Most of the police officers said Ukrainian and Polish ambassadors would attend."
    _, places, _ = analyse(nlp, text)
    assert places == []


def test_unknown_name_in_a_place_frame_is_kept_unresolved(nlp):
    text = "Militants stormed the village of Kabarwa before dawn, killing four farmers."
    doc, places, _ = analyse(nlp, text)
    (village,) = [p for p in places if p.span.text == "Kabarwa"]
    assert village.geonames_id is None and village.feature is None
    assert where(nlp, text, "storm").span.text == "Kabarwa"


# --- dateline --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, dateline, country",
    [
        ("VIENNA — Iran and six powers resumed talks on Tuesday.", "VIENNA", "AUT"),
        ("KYIV, Ukraine (Reuters) - Ukraine said on Tuesday it would ask for more aid.", "KYIV", "UKR"),
        ("MOSCOW, Jan 27 - Russia said on Tuesday it was ready to talk.", "MOSCOW", "RUS"),
    ],
)
def test_dateline_forms_parse_and_resolve(nlp, body, dateline, country):
    from newsevents.readers.markdown import DATELINE

    assert DATELINE.match(body).group("place").strip() == dateline
    _, places, dateline_place = analyse(nlp, body, dateline=dateline)
    assert dateline_place.country == country and dateline_place.feature == "city"
    assert dateline_place.span.start == 0 and body[: dateline_place.span.end] == dateline
    assert dateline_place in places


def test_statements_fall_back_to_the_dateline_other_events_do_not(nlp):
    text = "GENEVA — The agency warned on Friday that food stocks were running low. Gunmen attacked a convoy."
    assert where(nlp, text, "warn", dateline="GENEVA", statement=True).name == "Geneva"
    assert where(nlp, text, "attack", dateline="GENEVA", statement=False) is None


def test_statement_about_a_place_is_located_where_it_was_made(nlp):
    text = "OTTAWA — Canada condemned the shelling of civilians in northern Syria on Wednesday."
    place = where(nlp, text, "condemn", dateline="OTTAWA", statement=True)
    assert place.name == "Ottawa" and place.country == "CAN"


def test_addressee_and_topic_of_a_statement_are_not_its_place(nlp):
    text = "WARSAW — Poland has blamed rebels for attacks in western Syria and called on Damascus to halt the shelling."
    for lemma in ("blame", "call"):
        place = where(nlp, text, lemma, dateline="WARSAW", statement=True)
        assert place is not None and place.name == "Warsaw" and place.country == "POL", lemma


# --- event location --------------------------------------------------------------------


def test_meeting_held_in_a_city_is_located_there(nlp):
    # The reference article's phenomenon: "held an extraordinary meeting on Monday in Brussels".
    text = "Foreign ministers of the bloc held an emergency session on Tuesday in Vienna to discuss the crisis."
    for lemma in ("hold", "session"):
        place = where(nlp, text, lemma, statement=True)
        assert place is not None and place.name == "Vienna" and place.country == "AUT"
        assert text[place.span.start : place.span.end] == "Vienna"


def test_locative_on_the_trigger_beats_other_places_in_the_sentence(nlp):
    text = "Rebels shelled the outskirts of Mariupol on Sunday, two days after talks in Minsk collapsed."
    assert where(nlp, text, "shell").name == "Mariupol"
    assert where(nlp, text, "talk").name == "Minsk"


def test_most_specific_place_of_a_locative_is_chosen(nlp):
    text = "A car bomb exploded near a market in the Iraqi province of Diyala, killing six people."
    place = where(nlp, text, "explode")
    assert place is not None and place.span.text == "Diyala"


def test_locative_of_a_coordinated_verb_is_shared(nlp):
    text = "Police shot and killed two suspects in Karachi on Friday."
    assert where(nlp, text, "shoot").name == "Karachi"


def test_actors_and_possessives_are_not_locations(nlp):
    text = "Kenya's president accused Somalia of harbouring militants."
    doc, places, _ = analyse(nlp, text)
    trigger = token(doc, "accuse")
    somalia = next(p for p in places if p.span.text == "Somalia")
    assert event_location(doc, trigger, places, actor_tokens=[(somalia.token_start, somalia.token_end)]) is None


def test_place_in_reported_speech_does_not_locate_the_speech(nlp):
    text = "The spokesman said militants had attacked a police post in Peshawar."
    assert where(nlp, text, "attack").name == "Peshawar"
    assert where(nlp, text, "say", statement=True) is None


def test_no_place_in_the_sentence_gives_none(nlp):
    assert where(nlp, "Two soldiers were wounded when their patrol came under fire.", "wound") is None


# --- through the pipeline ----------------------------------------------------------------


def test_pipeline_fills_places_and_every_event_gets_a_location_field(run):
    text = (
        "BRUSSELS — European Union ambassadors held an emergency meeting on Sunday in Brussels. "
        "Separatists shelled the city of Donetsk, officials in Kiev said."
    )
    result = run(text, dateline="BRUSSELS")
    names = [p.name for p in result.places]
    assert "Brussels" in names and "Donetsk" in names and "Kyiv" in names
    meetings = [e for e in result.events if e.cameo.root == "04"]
    assert meetings
    assert all(e.location is not None and e.location.country == "BEL" for e in meetings)


# --- evaluation ------------------------------------------------------------------------


def test_eval_locations_reports_accuracy_on_a_slice_of_the_gold():
    from typer.testing import CliRunner

    from newsevents.cli import app

    gold = needs_shared("gold", "event_location", "dev.jsonl")
    outcome = CliRunner().invoke(app, ["eval", "locations", str(gold), "--limit", "40", "--json"])
    assert outcome.exit_code == 0, outcome.output
    figures = json.loads(outcome.output)["event_location"]
    assert figures["items"] == 40
    assert 0.4 < figures["accuracy"] <= 1.0
    assert 0.0 < figures["has_location_precision"] <= 1.0


def test_reference_article_meeting_is_at_brussels_and_no_event_sits_on_its_actor(run):
    from newsevents.readers.markdown import read_markdown

    path = needs_shared("samples", "moscow-times-2015-01-27-nato-backs-kiev.md")
    article = read_markdown(path.read_text(encoding="utf-8"), str(path))
    result = run(article.text, published=article.published, dateline=article.dateline)
    meetings = [e for e in result.events if e.cameo.root == "04"]
    assert any(e.location and e.location.name == "Brussels" and e.location.country == "BEL" for e in meetings)
    for event in result.events:
        if event.location is None or event.location.span is None:
            continue
        for actor in (event.source, event.target):
            if actor is not None and not actor.is_place:
                assert not (actor.start < event.location.span.end and event.location.span.start < actor.end)
