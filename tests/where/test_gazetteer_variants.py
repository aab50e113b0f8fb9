"""The Arabic article is spelled "Al-", "al " or dropped; the gazetteer keeps one form."""

from __future__ import annotations

from newsevents.where.gazetteer import load


def names(surface):
    return {(c.entry.name, c.entry.country) for c in load().candidates(surface)}


def test_a_hyphenated_article_finds_the_spaced_form():
    assert ("Al Bāb", "SYR") in names("Al-Bab")
    assert ("Al Bāb", "SYR") in names("al-Bab")


def test_an_article_geonames_drops_is_dropped():
    assert ("Ar Raqqah", "SYR") in names("Al-Raqqa")


def test_organisations_with_the_article_stay_unknown():
    for name in ("Al-Qaeda", "Al-Shabaab", "Al-Nusra", "Al-Aqsa"):
        assert names(name) == set()


def test_a_name_the_gazetteer_has_is_not_rewritten():
    # "Al Qusayr" has entries of its own (Egypt and Syria); no variant is mixed in.
    assert names("Al Qusayr") == {("Al Quşayr", "EGY"), ("Al Quşayr", "SYR")}
