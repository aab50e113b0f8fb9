"""`newsevents eval quotes`: brat reading, annotator choice, scoring rules, the command."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import FIXTURES, needs_shared
from newsevents.cli import app
from newsevents.evaluate.quotes import (
    Attribution,
    Predicted,
    choose_annotations,
    evaluate,
    match,
    read_brat,
    speaker_correct,
)

MINI = FIXTURES / "attribution" / "mini_polnear"


def test_first_annotator_suffix_is_chosen():
    chosen = choose_annotations(MINI)
    assert [p.name for p in chosen.values()] == ["harbor-deal_0b1c.ann"]


def test_brat_reader_keeps_discontinuous_content_and_classifies_direct():
    text = (MINI / "text" / "harbor-deal.txt").read_text("utf-8")
    gold = read_brat(MINI / "attributions" / "harbor-deal_0b1c.ann", text)
    assert [g.direct for g in gold] == [True, False, False]
    assert len(gold[0].fragments) == 2
    assert gold[0].source_text == "Mayor Lena Ortiz"
    # Only letters and digits are compared: quotation marks and commas do not count.
    assert all(text[i].isalnum() for i in gold[0].content)


def test_match_exact_and_half_overlap():
    gold = [Attribution(frozenset(range(0, 10)), [(50, 55)], "Anna", False)]
    same = Predicted(frozenset(range(0, 10)), False, (50, 55), ("Anna",))
    half = Predicted(frozenset(range(5, 15)), False, None, ())
    small = Predicted(frozenset(range(0, 4)), False, None, ())
    assert match(gold, [same]) == [(0, 0, True, True)]
    assert match(gold, [half]) == [(0, 0, False, True)]
    assert match(gold, [small]) == []


def test_speaker_by_span_or_by_name():
    gold = Attribution(frozenset({1}), [(50, 60)], "Mr. Haddad", True)
    assert speaker_correct(gold, Predicted(frozenset({1}), True, (52, 58), ("Haddad",)))
    assert speaker_correct(gold, Predicted(frozenset({1}), True, (0, 6), ("Omar Haddad",)))
    assert not speaker_correct(gold, Predicted(frozenset({1}), True, (0, 6), ("Lavrov",)))
    pronoun = Attribution(frozenset({1}), [(50, 52)], "he", True)
    assert not speaker_correct(pronoun, Predicted(frozenset({1}), True, (0, 2), ("he",)))


def test_evaluate_on_own_mini_corpus():
    report = evaluate(MINI)
    ours = report["newsevents"]
    assert report["articles"] == 1
    assert ours["direct"]["gold"] == 1 and ours["all"]["gold"] == 3
    # The quote split around "Mayor Lena Ortiz said" is one attribution once merged.
    assert ours["direct"]["overlap_r"] == 1.0
    assert ours["direct"]["speaker_acc"] == 1.0
    assert ours["indirect"]["overlap_r"] >= 0.5
    assert report["textacy"]["indirect"]["predicted"] == 0


def test_command_prints_json_and_table():
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "quotes", str(MINI), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert set(figures) >= {"newsevents", "textacy", "articles"}
    table = runner.invoke(app, ["eval", "quotes", str(MINI)])
    assert table.exit_code == 0 and "textacy" in table.output and "overlap" in table.output


def test_without_textacy_the_command_says_which_extra_to_install(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "textacy" else real(name, *a))
    result = CliRunner().invoke(app, ["eval", "quotes", str(MINI)])
    assert result.exit_code == 2
    assert "pip install 'newsevents[quotes]'" in result.output and "Traceback" not in result.output


def test_polnear_dev_runs_with_limit():
    gold_dir = needs_shared("gold", "polnear", "dev")
    report = evaluate(gold_dir, limit=3)
    assert report["articles"] == 3
    for system in ("newsevents", "textacy"):
        for cls in ("direct", "indirect", "all"):
            f = report[system][cls]
            assert 0.0 <= f["overlap_f1"] <= 1.0 and f["gold"] > 0
    assert report["newsevents"]["all"]["overlap_f1"] > report["textacy"]["all"]["overlap_f1"]
