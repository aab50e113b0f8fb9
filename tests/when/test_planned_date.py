"""A date on a present-tense plan is the planned act's date; a date on a past agreement
dates the agreeing, not what was agreed."""

from __future__ import annotations

from datetime import date

from newsevents.when import event_date, resolve_dates

PUBLISHED = date(2019, 3, 6)


def date_of(nlp, text, word):
    doc = nlp(text)
    trigger = next(t.i for t in doc if t.text == word)
    found = event_date(doc, trigger, resolve_dates(doc, PUBLISHED), PUBLISHED)
    return found.value, found.precision, found.basis


def test_tomorrow_on_a_plan_dates_the_planned_meeting(nlp):
    text = "Yesterday the envoy arrived in Lima, and tomorrow he plans to meet Peruvian officials in Cusco."
    assert date_of(nlp, text, "meet") == ("2019-03-07", "day", "explicit")
    assert date_of(nlp, text, "arrived") == ("2019-03-05", "day", "explicit")


def test_a_past_agreement_keeps_its_date_to_itself(nlp):
    text = "Peru agreed on Monday to withdraw its troops from the border with Ecuador."
    assert date_of(nlp, text, "agreed") == ("2019-03-04", "day", "explicit")
    assert date_of(nlp, text, "withdraw")[2] == "publication"
