"""People known by title or role (class 4): the title's owner codes a person no
dictionary has; with no owner, a person's country taken from the sentence is not the
country their act is aimed at. Sentences written for these tests (invented names)."""

from __future__ import annotations

import pytest


def dyads(run, text):
    result = run(text, stages=["actors", "coding"])
    return sorted(((e.source.code, e.target.code if e.target else None, e.cameo.code) for e in result.events),
                  key=lambda d: tuple(v or "" for v in d))


@pytest.mark.parametrize("text, expected", [
    ("European Commissioner Lena Marsh urged Hungary to respect the court ruling.", ("IGOEUREEC", "HUN", "020")),
    ("EU Commissioner Lena Marsh urged Hungary to respect the court ruling.", ("IGOEUREEC", "HUN", "020")),
    ("A Kremlin spokesman criticized the European Union on Friday.", ("RUSGOV", "IGOEUREEC", "111")),
    ("Ukraine's ambassador to NATO accused Russia of sending troops.", ("UKRGOV", "RUS", "112")),
])
def test_title_owner_codes_the_person(run, text, expected):
    assert expected in dyads(run, text)


def test_unowned_title_does_not_take_its_targets_country(run):
    # Commissioner of what is unknown; Hungary is whom she urges, not her country
    # (the title's own sector is the actors stage's: ---GOV before its merge of roles, none after)
    found = dyads(run, "Commissioner Lena Marsh urged Hungary to respect the court ruling.")
    assert [(t, c) for _, t, c in found] == [("HUN", "020")]
    assert not any(s and s.startswith("HUN") for s, _, _ in found)


def test_european_before_another_title_is_no_eu_office(run):
    found = dyads(run, "The European diplomat John Smith criticized China on Monday.")
    assert all(s != "IGOEUREEC" for s, _, _ in found)
