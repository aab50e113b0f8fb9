"""Actors (issue 10, classes 4, 5 and 8): past leaders by the article's date, a quoted "we"
as its own speaker's body, organisations whose generic names many states use, sports
titles. Sentences written for these tests (wire style, invented events)."""

from __future__ import annotations

from datetime import date


def actors(run, text, published=date(2016, 3, 8), dateline=None):
    return run(text, published=published, stages=["actors"], dateline=dateline).actors


def coded(mentions, text):
    return [m.code for m in mentions if m.text == text]


def test_every_spelling_of_a_past_leader_takes_the_dated_code(run):
    # The dictionary lists "Boris Yeltsin", "Yeltsin", "President Boris Yeltsin" as one entry
    ms = actors(run, "Boris Yeltsin met the Japanese prime minister in Moscow.", published=date(1994, 5, 1))
    assert coded(ms, "Boris Yeltsin") == ["RUSGOV"]
    ms = actors(run, "Yeltsin criticised the parliament on Tuesday.", published=date(2004, 5, 1))
    assert coded(ms, "Yeltsin") == ["RUSELI"]
