"""The reference article end to end: who says what, and no claim turned into a fact."""

from __future__ import annotations

import pytest

from conftest import needs_shared
from newsevents.pipeline import process
from newsevents.readers.markdown import read_markdown


@pytest.fixture(scope="module")
def reference(nlp):
    path = needs_shared("samples", "moscow-times-2015-01-27-nato-backs-kiev.md")
    return process(read_markdown(path.read_text("utf-8"), str(path)))


def is_stoltenberg(mention) -> bool:
    if mention is None:
        return False
    names = " ".join(x for x in (mention.text, mention.name, mention.resolved_from) if x)
    return "Stoltenberg" in names or (mention.text == "he" and mention.code == "IGOWSTNAT")


def test_the_three_direct_quotes_are_stoltenbergs(reference):
    direct = [q for q in reference.quotes if q.direct]
    assert len(direct) == 3
    assert [q.content.text.split()[:2] for q in direct] == [["We", "condemn"], ["There", "is"], ["We", "call"]]
    assert all(is_stoltenberg(q.speaker) for q in direct)
    assert all(q.content.text != "nonsense" for q in reference.quotes)


def test_he_said_is_stoltenberg(reference):
    he_said = [q for q in reference.quotes if q.speaker is not None and q.speaker.text == "he"]
    assert he_said and all(is_stoltenberg(q.speaker) for q in he_said)
    support = [q for q in reference.quotes if "Russia continued to provide" in q.content.text]
    assert support and not support[0].direct and is_stoltenberg(support[0].speaker)


def test_ambassador_reports_the_appeal_for_aid(reference):
    aid = [q for q in reference.quotes if "Ukraine has asked" in q.content.text]
    assert aid and "Dolhov" in " ".join(x for x in (aid[0].speaker.text, aid[0].speaker.name) if x)


def test_no_claim_or_plan_is_asserted(reference):
    assert reference.events
    asserted_triggers = {e.trigger.text.lower() for e in reference.events if e.status == "asserted"}
    # Putin's allegation, NATO's non-plan, the weapons nobody confirmed.
    assert not asserted_triggers & {"fighting", "intervene", "supplied"}
    for event in reference.events:
        sentence = event.sentence.text
        if "legion was fighting" in sentence and event.trigger.text == "fighting":
            assert event.status in {"denied", "alleged"}
        if event.trigger.text == "provide":
            assert event.status == "reported" and is_stoltenberg(event.reported_by)
    frames = [e for e in reference.events if e.trigger.text in {"dismissed", "denies", "blamed", "called"}]
    assert frames and all(e.status == "asserted" for e in frames)
