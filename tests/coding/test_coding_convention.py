"""The evaluator's PETRARCH projection of (code, status) events, on sentences written for
these tests."""

from __future__ import annotations

import pytest

from newsevents.evaluate.events import petrarch_projection


@pytest.fixture
def project(run, nlp):
    def _project(text: str) -> list[tuple[str, str, str]]:
        result = run(text, stages=["actors", "coding", "attribution"])
        return petrarch_projection(result.events, nlp(text))

    return _project


def codes(rows, source=None, target=None):
    return [c for s, t, c in rows if (source is None or s.startswith(source)) and (target is None or t.startswith(target))]


def test_negated_cooperation_becomes_a_rejection(project):
    rows = project("Egypt will not provide military aid to Hamas.")
    assert any(c.startswith("12") for c in codes(rows, "EGY")) and not codes(rows, "EGY", "PSE") == ["072"]


def test_wanted_act_becomes_an_intent_but_an_agreed_act_stays_the_act(project):
    assert any(c.startswith("03") for c in codes(project("Jordan wants to help the Palestinian refugees."), "JOR"))
    agreed = codes(project("Turkey agreed to release the Greek fishermen."), "TUR")
    assert agreed and not any(c.startswith("03") for c in agreed)


def test_requested_act_is_folded_into_the_appeal(project):
    rows = project("The United Nations called on Israel to lift its blockade of Gaza.")
    assert codes(rows, "IGOUNO", "ISR") and codes(rows, "IGOUNO", "ISR")[0].startswith("025")
    assert not codes(rows, "ISR")


def test_conflict_act_reported_by_another_party_is_its_accusation(project):
    rows = project("Russia said Ukrainian troops had shelled Donetsk overnight.")
    assert ("RUS", "UKRMIL", "112") in rows
    assert not codes(rows, "UKR")


def test_plain_events_are_unchanged(project):
    assert ("JPN", "PRK", "163") in project("Japan imposed new sanctions on North Korea on Friday.")


def test_conflict_act_claimed_by_its_own_actor_is_a_claim_of_responsibility(project):
    rows = project("The Pakistani army claimed that it had bombed militant hideouts in Afghanistan.")
    assert [c for s, t, c in rows if s.startswith("PAK")] == ["015"]


def test_plv_dyad_check_accepts_a_coreferent_pronoun_source():
    from newsevents.evaluate.events import _overlaps
    from newsevents.model import ActorMention

    text = "The Afghan government said on Wednesday that it had released 400 Taliban prisoners."
    marked = (0, text.index(" said"))
    named = ActorMention("Afghan government", 4, 21, code="AFGGOV", entity=3)
    it = ActorMention("it", text.index(" it ") + 1, text.index(" it ") + 3, code="AFGGOV", entity=3)
    other = ActorMention("it", it.start, it.end, code="AFGGOV", entity=4)
    assert _overlaps(it, [marked], [named, it]) and not _overlaps(it, [marked])
    assert not _overlaps(other, [marked], [named, other])


def test_intended_material_conflict_is_a_plover_threat():
    from newsevents.evaluate.events import plover_types
    from newsevents.coding import codebook
    from newsevents.model import Event, Span

    def event(code, status):
        return Event(id="x", source=None, target=None, cameo=codebook.cameo(code), sentence=Span("", 0, 0),
                     trigger=Span("", 0, 0), plover=codebook.plover(code), status=status)

    assert "THREATEN" in plover_types(event("163", "intended"))
    assert "AGREE" in plover_types(event("072", "intended")) and "THREATEN" not in plover_types(event("072", "intended"))
    assert plover_types(event("163", "asserted")) == [codebook.plover("163").type]


def test_own_plain_report_of_an_act_stays_the_act(project):
    rows = project("The Pakistani army launched air strikes on militant hideouts in Afghanistan, the Pakistani military said.")
    assert not [c for s, t, c in rows if c == "015"]
