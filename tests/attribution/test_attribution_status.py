"""Status of events on our own sentences: one per construction, each with the status its
trigger must get (tests/fixtures/attribution/status_cases.jsonl)."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, make_article
from newsevents.attribution import attribute, event_status, find_quotes
from newsevents.model import STATUSES, Cameo, Event, Span
from newsevents.model import Analysis
from newsevents.pipeline import analyse

CASES = [json.loads(line) for line in (FIXTURES / "attribution" / "status_cases.jsonl").read_text("utf-8").splitlines() if line.strip()]


def trigger_index(doc, word: str) -> int:
    matches = [t.i for t in doc if t.text == word]
    assert len(matches) == 1, f"fixture trigger {word!r} must occur once"
    return matches[0]


def names_of(mention) -> list[str]:
    return [x for x in (mention.text, mention.name, mention.resolved_from) if x] if mention else []


def test_fixture_set_covers_every_status_and_is_large_enough():
    assert len(CASES) >= 40
    assert {c["status"] for c in CASES} == set(STATUSES)


@pytest.mark.parametrize("case", CASES, ids=[c["construction"] for c in CASES])
def test_status_of_trigger(nlp, case):
    doc = nlp(case["text"])
    actors = analyse(make_article(case["text"]), doc, ["actors"]).actors
    quotes = find_quotes(doc, actors)
    status, reported_by = event_status(doc, trigger_index(doc, case["trigger"]), quotes, actors)
    assert status == case["status"]
    expected = case["reported_by"]
    if expected is None:
        assert reported_by is None
    else:
        alternatives = expected.split("|")
        assert any(alt in name for alt in alternatives for name in names_of(reported_by)), names_of(reported_by)


def hand_event(doc, word: str) -> Event:
    """An event as the coding stage would make it, placed at a trigger we pick by word."""
    i = trigger_index(doc, word)
    token = doc[i]
    sent = token.sent
    return Event(
        id=f"e{i}",
        source=None,
        target=None,
        cameo=Cameo("190", "19", "Use conventional military force", 4, -10.0),
        sentence=Span(sent.text, sent.start_char, sent.end_char),
        trigger=Span(token.text, token.idx, token.idx + len(token.text)),
        trigger_token=i,
    )


def test_stage_sets_status_on_every_event_and_keeps_the_frame_asserted(nlp):
    text = (
        "Stoltenberg dismissed as \"nonsense\" allegations by Russian President Vladimir Putin "
        "that a NATO legion was fighting alongside Ukrainian troops. NATO has made clear it has "
        "no plans to intervene militarily in Ukraine."
    )
    doc = nlp(text)
    analysis = Analysis(make_article(text), doc)
    analysis.actors = analyse(analysis.article, doc, ["actors"]).actors
    analysis.events = [hand_event(doc, w) for w in ("dismissed", "fighting", "intervene")]
    attribute(analysis)
    by_word = {e.trigger.text: e for e in analysis.events}
    assert by_word["dismissed"].status == "asserted"
    assert by_word["fighting"].status == "denied"
    assert "Stoltenberg" in names_of(by_word["fighting"].reported_by)
    assert by_word["intervene"].status == "negated"
    # The scare quote is not a quotation.
    assert all(q.content.text != "nonsense" for q in analysis.quotes)


def test_events_in_a_direct_quote_are_reported_by_its_speaker_even_when_negated(nlp):
    text = "“Our army did not cross the border. The rebels shelled the town,” Defence Minister Anna Berg said."
    doc = nlp(text)
    analysis = Analysis(make_article(text), doc)
    analysis.actors = analyse(analysis.article, doc, ["actors"]).actors
    analysis.events = [hand_event(doc, "cross"), hand_event(doc, "shelled")]
    attribute(analysis)
    cross, shelled = analysis.events
    assert (cross.status, shelled.status) == ("negated", "reported")
    assert any("Berg" in n for n in names_of(cross.reported_by))
    assert any("Berg" in n for n in names_of(shelled.reported_by))


def test_events_without_a_trigger_token_are_left_alone(nlp):
    text = "Rebels attacked the airport."
    doc = nlp(text)
    analysis = Analysis(make_article(text), doc)
    event = hand_event(doc, "attacked")
    event.trigger_token = -1
    event.status = "asserted"
    analysis.events = [event]
    attribute(analysis)
    assert event.status == "asserted" and event.reported_by is None
