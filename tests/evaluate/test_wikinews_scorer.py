"""The Wikinews precision-set scorer on the project's own fixture article and gold
(wikinews_fixture/news-border.*), run through the real pipeline: exact precision, recall
and error classes, and the same pipeline output scored against altered gold to reach
every error class."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from newsevents.evaluate import wikinews
from newsevents.evaluate.wikinews import GoldProblem, Tally, figures, read_gold, score_article

HERE = Path(__file__).resolve().parent / "wikinews_fixture"
GOLD = json.loads((HERE / "news-border.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result():
    from newsevents.pipeline import process
    from newsevents.readers import read_inputs

    (article,) = read_inputs([str(HERE / "news-border.md")])
    return process(article)


def score(result, gold: dict, tmp_path: Path) -> tuple[dict, list[dict]]:
    path = tmp_path / "news-border.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    tally = Tally()
    misses = score_article(read_gold(path), result, tally, show=True)
    return figures(tally, 1, []), misses


def altered(sentence: int, events: list[dict]) -> dict:
    gold = copy.deepcopy(GOLD)
    gold["sentences"][sentence]["events"] = events
    return gold


def classes(fig: dict) -> dict:
    return {k: v for k, v in fig["errors"].items() if v}


def test_fixture_gold_exact_figures(result, tmp_path):
    fig, misses = score(result, GOLD, tmp_path)
    # coded: the arrest, the meeting both ways (one optional), the accusation, and the
    # alleged treaty "signing" (057 Egypt -> nobody), which the gold does not hold.
    assert fig["triple_country"] == {"precision": 0.8, "recall": 0.75, "f1": 0.7742, "tp": 4, "fp": 1, "fn": 1}
    assert fig["gold_required"] == 4 and fig["gold_optional"] == 1
    assert classes(fig) == {"other": 1, "missed": 1}
    assert fig["sentences"] == {"title": 1, "body": 4}
    missed = next(m for m in misses if m["class"] == "missed")
    assert missed["where"] == "title" and missed["gold"]["root"] == "05"  # the pipeline codes no headline
    other = next(m for m in misses if m["class"] == "other")
    assert other["sentence"] == "Sudan accused Egypt of violating the border treaty."
    assert (other["system"]["root"], other["system"]["source"], other["system"]["target"]) == ("05", "EGY", None)
    assert fig["matched_counts"] == {"status": [4, 4], "date": [3, 3], "place_country": [3, 3], "place_name": [3, 3]}


def test_no_event_sentence_yields_nothing(result):
    weather = result.article.text.index("The weather")
    assert [e for e in result.events if e.sentence.start <= weather < e.sentence.end] == []


@pytest.mark.parametrize(
    ("sentence", "events", "expected"),
    [
        # the arrest sentence, said to hold no event: the arrest is a phantom
        (1, [], {"phantom": 1, "other": 1, "missed": 1}),
        # a gold assault on the same dyad: the arrest has the wrong root, the assault is missed
        (1, [{"root": "18", "source": "KEN", "target": "KEN"}], {"wrong_root": 1, "other": 1, "missed": 2}),
        (1, [{"root": "17", "source": "UGA", "target": "KEN"}], {"wrong_source": 1, "other": 1, "missed": 2}),
        (1, [{"root": "17", "source": "KEN", "target": "UGA"}], {"wrong_target": 1, "other": 1, "missed": 2}),
        # the meeting once, the other direction only an alternative: the second one is a duplicate
        (2, [{"root": "04", "source": "UGA", "target": "ETH", "alternatives": [{"source": "ETH", "target": "UGA"}]}],
         {"duplicate": 1, "other": 1, "missed": 1}),
        # a gold reading with Egypt's cooperation aimed at Sudan: the coded 057 lacks its target
        (4, [{"root": "11", "source": "SDN", "target": "EGY"}, {"root": "05", "source": "EGY", "target": "SDN", "required": False}],
         {"missing_target": 1, "missed": 1}),
    ],
)
def test_error_classes(result, tmp_path, sentence, events, expected):
    fig, _ = score(result, altered(sentence, events), tmp_path)
    assert classes(fig) == expected


def test_alternative_and_optional_count_for_precision_only(result, tmp_path):
    # The meeting's only gold event is optional, with the other direction as an alternative of it:
    # one coded meeting matches it, the other is a duplicate; recall counts neither.
    gold = altered(2, [{"root": "04", "source": "ETH", "target": "UGA", "required": False,
                        "alternatives": [{"source": "UGA", "target": "ETH"}]}])
    fig, _ = score(result, gold, tmp_path)
    assert (fig["triple_country"]["tp"], fig["gold_required"], fig["triple_country"]["recall"]) == (3, 3, 0.6667)
    assert classes(fig) == {"duplicate": 1, "other": 1, "missed": 1}


def test_sentence_missing_from_gold_leaves_its_events_unaligned(result, tmp_path):
    gold = copy.deepcopy(GOLD)
    del gold["sentences"][4]
    fig, misses = score(result, gold, tmp_path)
    assert classes(fig) == {"unaligned": 2, "missed": 1}
    assert fig["triple_country"]["precision"] == 0.6


def test_disagreeing_date_status_and_place_are_counted(result, tmp_path):
    gold = altered(1, [{"root": "17", "source": "KEN", "target": "KEN", "status": "reported", "date": "2015-03-01",
                        "place": "Mombasa", "place_country": "KEN"}])
    fig, _ = score(result, gold, tmp_path)
    assert fig["matched_counts"]["status"] == [3, 4]
    assert fig["matched_counts"]["date"] == [2, 3]
    assert fig["matched_counts"]["place_name"] == [2, 3]
    assert fig["matched_counts"]["place_country"] == [3, 3]


def test_igo_codes_match_by_prefix_countries_exactly():
    assert wikinews.party_matches("IGOUNO", "IGOUNOWHO") and wikinews.party_matches("IGOUNOWHO", "IGOUNO")
    assert not wikinews.party_matches("IGOUNO", "IGOEEC")
    assert not wikinews.party_matches("RUS", "RUSGOV") and wikinews.party_matches("RUS", "RUS")
    assert wikinews.party_matches(None, None) and not wikinews.party_matches(None, "USA")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "not readable JSON"),
        ('{"article": "x.md"}', "no 'sentences' list"),
        ('{"sentences": [{"text": "A.", "events": [{"root": "21", "source": "USA"}]}]}', "not a CAMEO root"),
        ('{"sentences": [{"text": "A.", "events": [{"root": "01", "status": "rumoured"}]}]}', "unknown status"),
        ('{"sentences": [{"text": "A.", "events": [{"root": "01", "required": "no"}]}]}', "is not true or false"),
        ('{"sentences": [{"text": "A.", "events": [{"root": "01", "date": 2015}]}]}', "date 2015 is not a string"),
    ],
)
def test_malformed_gold_names_the_reason(tmp_path, text, reason):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GoldProblem, match=reason):
        read_gold(path)


def test_folder_skips_a_malformed_file_and_scores_the_rest(tmp_path, capsys):
    (tmp_path / "news-border.md").write_text((HERE / "news-border.md").read_text(encoding="utf-8"), encoding="utf-8")
    gold = copy.deepcopy(GOLD)
    gold["sentences"].append({"text": "This sentence is in no article.", "events": [{"root": "01", "source": "USA"}]})
    (tmp_path / "news-border.json").write_text(json.dumps(gold), encoding="utf-8")
    (tmp_path / "news-broken.json").write_text('{"sentences": [', encoding="utf-8")
    (tmp_path / "news-absent.json").write_text('{"article": "news-absent.md", "sentences": []}', encoding="utf-8")
    fig, _ = wikinews.score_folder(tmp_path, show=False, samples=tmp_path)
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3
    assert any("news-broken.json: skipped: not readable JSON" in line for line in err)
    assert any("news-absent.json: skipped: article" in line for line in err)
    assert any("sentence not in the article text" in line and "This sentence is in no article." in line for line in err)
    assert fig["skipped_gold_files"] == ["news-absent.json", "news-broken.json"]
    assert fig["articles"] == 1 and fig["sentences"]["missing"] == 1
    assert fig["triple_country"]["precision"] == 0.8 and fig["triple_country"]["recall"] == 0.75


def test_part_splits_by_article(tmp_path):
    # news-absent sorts first (tune), news-border second (check): only check scores it.
    (tmp_path / "news-border.md").write_text((HERE / "news-border.md").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "news-border.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (tmp_path / "news-absent.json").write_text('{"article": "news-absent.md", "sentences": []}', encoding="utf-8")
    assert wikinews.score_folder(tmp_path, show=False, part="check", samples=tmp_path)[0]["articles"] == 1
    assert wikinews.score_folder(tmp_path, show=False, part="tune", samples=tmp_path)[0]["articles"] == 0


def test_eval_events_selects_the_set_by_folder(tmp_path):
    from typer.testing import CliRunner

    from newsevents.cli import app

    out = CliRunner().invoke(app, ["eval", "events", str(HERE), "--json"])
    assert out.exit_code == 0, out.output
    fig = json.loads(out.output[out.output.index("{"):])["wikinews_fixture"]
    assert fig["triple_country"]["tp"] == 4 and fig["errors"]["other"] == 1


def test_locate_places_headline_caption_and_repeated_sentences_in_order():
    from newsevents.evaluate.wikinews import GoldArticle, GoldSentence, locate

    text = "Troops left. Talks began. Troops left."
    gold = GoldArticle(Path("x.json"), "x.md", [GoldSentence(t, []) for t in (
        "Rebels take the town", "Image: a soldier.", "Troops left.", "Talks began.", "Troops left.", "Troops Left.")])
    locate(gold, text, "Rebels take the town", "Image: a soldier.")
    assert [(s.where, s.start) for s in gold.sentences] == [
        ("title", -1), ("caption", -1), ("body", 0), ("body", 13), ("body", 26), ("missing", -1)]


def test_the_set_is_in_the_default_list_and_selectable_by_name(monkeypatch):
    from newsevents.evaluate import events

    monkeypatch.setattr(wikinews, "PACKAGE_GOLD", HERE)
    monkeypatch.setattr(wikinews, "SAMPLES", HERE)
    assert events.default_gold()[-1] == HERE
    assert events.by_name(Path("wikinews")) == HERE
    monkeypatch.setattr(wikinews, "SAMPLES", HERE / "absent")  # ../shared not there: not in the default list
    assert HERE not in events.default_gold()


def _dated(value, precision, basis="explicit"):
    from newsevents.model import Cameo, Event, EventDate, Span

    return Event(id="e", source=None, target=None, cameo=Cameo("010", "01", "", 1, 0.0), sentence=Span("", 0, 0),
                 trigger=Span("", 0, 0), date=EventDate(value, precision, None, basis=basis))


def _gold(date, precision):
    return wikinews.GoldEvent(root="01", source=None, target=None, required=True, status=None, date=date,
                              date_precision=precision, place=None, place_country=None, alternatives=[])


def test_a_date_agrees_only_at_the_golds_precision():
    assert wikinews.date_agrees(_dated("2015-09-14", "day"), _gold("2015-09-14", "day"))
    # The publication fallback is right only when the event was on that day.
    assert wikinews.date_agrees(_dated("2015-09-14", "publication", "publication"), _gold("2015-09-14", "day"))
    assert not wikinews.date_agrees(_dated("2015-09-22", "publication", "publication"), _gold("2015-09-14", "day"))
    # "in May" is not May 1st, and a year is not its 1 January.
    assert wikinews.date_agrees(_dated("2008-05-01", "month"), _gold("2008-05", "month"))
    assert not wikinews.date_agrees(_dated("2008-05-01", "day"), _gold("2008-05", "month"))
    assert not wikinews.date_agrees(_dated("2015-01-01", "year"), _gold("2015-02-06", "day"))
    assert wikinews.date_agrees(_dated("2010-01-01", "year"), _gold("2010", "year"))


def test_a_place_agrees_by_name_or_by_the_gazetteer_entry_the_gold_names():
    from newsevents.model import Place

    nyc = Place(name="New York City", country="USA", geonames_id=5128581, feature="city")
    assert wikinews.place_agrees(nyc, "New York", "USA")
    assert wikinews.place_agrees(nyc, "new york city", None)
    assert not wikinews.place_agrees(nyc, "Paris", "FRA")
    assert not wikinews.place_agrees(None, "Paris", "FRA")


def test_a_malformed_gold_date_is_named(tmp_path):
    gold = copy.deepcopy(GOLD)
    gold["sentences"][1]["events"][0]["date"] = "14 September"
    path = tmp_path / "news-border.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(GoldProblem, match="is not YYYY-MM-DD"):
        read_gold(path)
