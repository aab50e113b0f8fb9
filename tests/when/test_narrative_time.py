"""The event's own date from the text: explicit, carried through the paragraph's narrative,
past perfect as an interval; the publication day only as the marked fallback."""

from __future__ import annotations

from datetime import date

from newsevents.model import Article, article_id
from newsevents.pipeline import analyse


def dated(nlp, text, published=date(2015, 1, 27)):
    article = Article(id=article_id(None, text), text=text, published=published)
    result = analyse(article, nlp(text))
    return [(text[e.trigger.start : e.trigger.end], e.date.value, e.date.precision, e.date.basis) for e in result.events]


def test_a_later_sentence_of_the_paragraph_carries_the_narrative_day(nlp):
    found = dated(nlp, "On Monday, NATO ambassadors met Ukrainian envoys in Brussels. They also condemned the rebel offensive.")
    assert ("met", "2015-01-26", "day", "explicit") in found
    assert ("condemned", "2015-01-26", "day", "carried") in found


def test_past_perfect_is_an_interval_ending_at_the_narrative_time(nlp):
    text = "NATO and Ukrainian ambassadors held an emergency meeting on Monday.\n\nKiev had asked for the meeting."
    found = dated(nlp, text)
    assert ("held", "2015-01-26", "day", "explicit") in found
    (asked,) = [f for f in found if f[0] == "asked"]
    assert asked[1:] == ("2015-01-26", "interval", "carried")


def test_last_week_has_week_precision(nlp):
    found = dated(nlp, "Kenyan police arrested 40 demonstrators in Nairobi last week.", date(2023, 9, 5))
    assert ("arrested", "2023-08-28", "week", "explicit") in found


def test_with_nothing_to_date_it_the_publication_day_is_marked_as_such(nlp):
    found = dated(nlp, "Russia denies arming the separatists.")
    assert found and all(f[1:] == ("2015-01-27", "publication", "publication") for f in found)


def test_the_present_and_the_future_do_not_take_the_narrative_past(nlp):
    text = "On Monday, NATO ambassadors met Ukrainian envoys in Brussels. Russia denies arming the separatists."
    found = dated(nlp, text)
    (denies,) = [f for f in found if f[0] == "denies"]
    assert denies[3] == "publication"


def test_a_date_counted_from_a_dated_anchor_event(nlp):
    found = dated(nlp, "Sunday's vote was marred by violence. Egyptian protesters clashed with police two days after the vote.")
    assert ("clashed", "2015-01-27", "day", "relative") in found
    found = dated(nlp, "The summit opened on Thursday in Brussels. EU leaders had met in Paris on the eve of the summit.",
                  date(2015, 1, 31))
    assert ("met", "2015-01-28", "day", "relative") in found


def test_an_anchor_the_article_does_not_date_leaves_the_marked_fallback(nlp):
    found = dated(nlp, "Egyptian protesters clashed with police a day after the vote.")
    assert ("clashed", "2015-01-27", "publication", "publication") in found


def test_reported_speech_keeps_the_reported_events_own_day(nlp):
    # Parties with countries: the coder leaves an act without a coded actor uncoded.
    found = dated(nlp, "The Ukrainian army said on Tuesday that pro-Russian rebels shelled Ukrainian troops on Sunday.")
    assert ("shelled", "2015-01-25", "day", "explicit") in found
