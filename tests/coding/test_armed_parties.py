"""An armed or security force the text does not tie to a country ("gunmen", "militants")
is still a party: a conflict event with such a side is kept, while acts with no political
party on either side are not. Sentences written for these tests."""

from __future__ import annotations


def events(run, text):
    return [(e.source.text if e.source else None, e.target.code if e.target else None, e.cameo.code[:2])
            for e in run(text).events]


def test_an_attack_by_unattributed_gunmen_is_kept(run):
    assert events(run, "Gunmen attacked the village of Qaryat al-Zawiya in northern Syria on Sunday.") == [
        ("Gunmen", None, "19")]
    assert events(run, "Militants ambushed a convoy near Kandahar on Tuesday.") == [("Militants", None, "19")]


def test_no_party_on_either_side_is_still_no_event(run):
    assert events(run, "A church lawyer interrogated him for two hours.") == []
    assert events(run, "Fishermen rescued the passengers of a sinking boat.") == []
