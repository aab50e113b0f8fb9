"""De-duplication in the store: mentions of one act across outlets become one event."""

from __future__ import annotations

import itertools
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures" / "store"))
import results as fx  # noqa: E402

from newsevents.model import Article, ArticleResult, Place, article_id  # noqa: E402
from newsevents.store import open_store  # noqa: E402

CODES = {
    "112": ("11", "Accuse", 3, -2.0),
    "040": ("04", "Consult", 1, 1.0),
    "173": ("17", "Arrest", 4, -5.0),
}


def story(text: str, outlet: str, published: date, acts, place: Place | None = None) -> ArticleResult:
    """acts: (source words, source code, target words, target code, trigger, CAMEO code, status)."""
    art = Article(article_id(f"https://{outlet}.example/{text[:30]}", text), text, outlet=outlet,
                  url=f"https://{outlet}.example/{text[:30]}", published=published, source=outlet)
    events = []
    for n, (src, src_code, tgt, tgt_code, trigger, code, status) in enumerate(acts, 1):
        root, name, quad, goldstein = CODES[code]
        source = fx.mention(text, src, src_code, src_code[:3]) if src else None
        target = fx.mention(text, tgt, tgt_code, tgt_code[:3]) if tgt else None
        e = fx.event(text, n, source, target, trigger, code, root, name, quad, goldstein, status=status, place=place)
        e.id = f"{art.id}-{n}"
        events.append(e)
    return ArticleResult(art, [], events, [], [])


def accuse_a() -> ArticleResult:
    return story("MOSCOW - Russia accused Ukraine on Monday of shelling a border village.", "wire-a",
                 date(2024, 3, 4), [("Russia", "RUS", "Ukraine", "UKR", "accused", "112", "asserted")])


def accuse_b() -> ArticleResult:
    return story("KYIV - Russian officials accused Ukraine of shelling a village near the border, Interfax said.",
                 "wire-b", date(2024, 3, 5),
                 [("Russian officials", "RUSGOV", "Ukraine", "UKR", "accused", "112", "reported")])


def accuse_later() -> ArticleResult:
    return story("Russia accused Ukraine of new attacks on power stations.", "wire-a", date(2024, 3, 9),
                 [("Russia", "RUS", "Ukraine", "UKR", "accused", "112", "asserted")])


def counter_accusation() -> ArticleResult:
    return story("Ukraine accused Russia of staging the attack itself.", "wire-c", date(2024, 3, 4),
                 [("Ukraine", "UKR", "Russia", "RUS", "accused", "112", "asserted")])


def denial() -> ArticleResult:
    return story("Ukraine denied that Russia had accused it of anything new.", "wire-c", date(2024, 3, 4),
                 [("Russia", "RUS", "it", "UKR", "accused", "112", "negated")])


def meetings() -> list[ArticleResult]:
    return [
        story("Germany's chancellor met France's president in Berlin.", "wire-a", date(2024, 3, 4),
              [("Germany's chancellor", "DEUGOV", "France's president", "FRAGOV", "met", "040", "asserted")]),
        story("France's president met Germany's chancellor on Monday.", "wire-b", date(2024, 3, 4),
              [("France's president", "FRAGOV", "Germany's chancellor", "DEUGOV", "met", "040", "asserted")]),
    ]


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "d.duckdb"))
    yield s
    s.close()


def events_by_code(store) -> list[tuple]:
    return sorted(
        (e["cameo_code"], e["source_party"], e["target_party"], e["num_mentions"], e["num_sources"], e["num_articles"])
        for e in store.events()
    )


def test_two_outlets_reporting_one_accusation_make_one_event(store):
    store.save_many([accuse_a(), accuse_b(), accuse_later(), counter_accusation(), denial()])
    assert store.count("mentions") == 5
    assert events_by_code(store) == [
        ("112", "RUS", "UKR", 1, 1, 1),  # three days later: another accusation
        ("112", "RUS", "UKR", 1, 1, 1),  # "did not accuse": not the same as the accusation
        ("112", "RUS", "UKR", 2, 2, 2),  # wire-a on the 4th, wire-b on the 5th
        ("112", "UKR", "RUS", 1, 1, 1),  # the other direction is another act
    ]
    joined = {m["article_id"]: m for m in store.mentions()}
    a, b = joined[accuse_a().article.id], joined[accuse_b().article.id]
    assert a["event_id"] == b["event_id"]
    assert a["join_reason"] == "first mention"
    assert b["join_reason"] == f"11|RUS|UKR, 1 day apart as mention {a['id']} (article {a['article_id']})"
    event = next(e for e in store.events() if e["num_mentions"] == 2)
    # The fuller actor code wins: RUSGOV says more than RUS.
    assert event["mention_id"] == b["id"] and event["source_code"] == "RUSGOV"
    assert (event["first_seen"], event["last_seen"]) == (date(2024, 3, 4), date(2024, 3, 5))


def test_symmetric_acts_match_in_either_order(store):
    store.save_many(meetings())
    (event,) = list(store.events())
    assert (event["block_key"], event["num_mentions"]) == ("04|DEU|FRA", 2)


def test_different_places_on_the_same_day_are_different_events(store):
    lyon = Place("Lyon", None, country="FRA", geonames_id=2996944, feature="city")
    lille = Place("Lille", None, country="FRA", geonames_id=2998324, feature="city")
    france = Place("France", None, country="FRA", geonames_id=3017382, feature="country")
    text = "French police arrested protesters in the city."
    act = [("French police", "FRACOP", "protesters", "FRAOPP", "arrested", "173", "asserted")]
    store.save_many([
        story(text, "wire-a", date(2024, 3, 4), act, lyon),
        story(text, "wire-b", date(2024, 3, 4), act, lille),
    ])
    assert store.count("events") == 2
    # A country-level place contains both cities: it joins them into one event.
    store.save(story(text, "wire-c", date(2024, 3, 4), act, france))
    assert events_by_code(store) == [("173", "FRA", "FRA", 3, 3, 3)]


def snapshot(store) -> tuple:
    events = tuple(sorted((e["id"], e["num_mentions"], e["mention_id"]) for e in store.events()))
    mentions = tuple(sorted((m["id"], m["event_id"], m["join_reason"]) for m in store.mentions()))
    return events, mentions


def test_ids_and_reasons_do_not_depend_on_the_order_of_ingest(tmp_path):
    results = [accuse_a, accuse_b, accuse_later, counter_accusation, denial]
    seen = set()
    orders = list(itertools.permutations(results))[::17]
    for n, order in enumerate(orders):
        with open_store(str(tmp_path / f"{n}.duckdb")) as s:
            for make in order:  # one article per save: incremental clustering
                s.save(make())
            seen.add(snapshot(s))
    assert len(orders) == 8 and len(seen) == 1


def test_a_mention_bridging_two_days_joins_them_and_its_removal_splits_them_again(store):
    day1 = story("Russia accused Ukraine of shelling.", "wire-a", date(2024, 3, 3),
                 [("Russia", "RUS", "Ukraine", "UKR", "accused", "112", "asserted")])
    day3 = story("Moscow's envoy accused Ukraine of shelling.", "wire-b", date(2024, 3, 5),
                 [("Moscow's envoy", "RUSGOV", "Ukraine", "UKR", "accused", "112", "asserted")])
    bridge = story("Russia again accused Ukraine.", "wire-c", date(2024, 3, 4),
                   [("Russia", "RUS", "Ukraine", "UKR", "accused", "112", "asserted")])
    store.save_many([day1, day3])
    assert store.count("events") == 2
    before = {e["first_mention_id"]: e["id"] for e in store.events()}
    store.save(bridge)
    (merged,) = list(store.events())
    assert merged["num_mentions"] == 3
    # Edited so that it no longer codes the accusation: the bridge goes, the events split.
    edited = story("Russia again said nothing about Ukraine.", "wire-c", date(2024, 3, 4), [])
    edited.article.id = bridge.article.id
    assert store.save(edited) is True
    assert {e["first_mention_id"]: e["id"] for e in store.events()} == before


def test_a_place_in_the_target_slot_is_no_party(store):
    into_city = story("Kenyan police arrested protesters in Nairobi.", "wire-a", date(2024, 3, 4),
                      [("Kenyan police", "KENCOP", "Nairobi", "KEN", "arrested", "173", "asserted")])
    into_city.events[0].target.is_place = True
    plain = story("Police in Kenya arrested dozens of people.", "wire-b", date(2024, 3, 4),
                  [("Police in Kenya", "KENCOP", None, None, "arrested", "173", "asserted")])
    store.save_many([into_city, plain])
    (event,) = list(store.events())
    assert (event["block_key"], event["num_mentions"]) == ("17|KEN|-", 2)
