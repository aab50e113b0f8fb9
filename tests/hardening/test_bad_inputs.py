"""One bad input never costs a good one, and no traceback ever reaches a user.

A directory of ~40 inputs (tests/fixtures/bad_inputs/bad_corpus.py) mixes every kind of
broken file and record with good articles; `ingest` and `extract` must store/print every
good article, give every bad one exactly one line naming it and the reason, exit 1, and
never raise.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

# Not `from conftest import ...`: another folder's conftest.py may hold that module name.
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
sys.path.insert(0, str(FIXTURES / "bad_inputs"))
import bad_corpus  # noqa: E402

from newsevents import nlp as nlp_model  # noqa: E402
from newsevents.cli import app  # noqa: E402
from newsevents.readers import ReadError, read_inputs  # noqa: E402
from newsevents.store import open_store  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad") / "inbox"
    written = bad_corpus.write_corpus(folder)
    yield written
    bad_corpus.unlock(folder)


@pytest.fixture
def small_cap(monkeypatch):
    # The long-text bound is what it is in production; here the one long article is cut
    # early so the run stays fast.
    monkeypatch.setattr(nlp_model, "MAX_ANALYSED_CHARS", 2_000)


def _name(source: str, corpus) -> str:
    """The corpus name of a source: path relative to the folder, last part for gz/ and
    for inputs named outside the folder."""
    path = Path(source)
    try:
        rel = path.relative_to(corpus.folder)
        return rel.name if rel.parts[0] == "gz" else str(rel)
    except ValueError:
        return path.name


def _lines(stderr: str, level: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(f"{level} ")]


def _named(line: str, names) -> list[str]:
    """The corpus names a line starts with (longest first, so 'a.jsonl:1' beats 'a.jsonl')."""
    body = line.split(" ", 1)[1]
    return [n for n in sorted(names, key=len, reverse=True) if f"/{n}:" in body or body.startswith(f"{n}:")][:1]


def test_the_corpus_covers_at_least_25_kinds(corpus):
    kinds = len(corpus.bad) + len(corpus.warned) + len(corpus.skipped) + len(corpus.outside)
    # Inputs that crashed before and must now be read: wide CSV field, UTF-16, deep HTML,
    # a .json array and record, a unicode name, a gzip collection.
    kinds += 7
    assert kinds >= 25, kinds


def test_readers_give_every_bad_input_one_named_reason_and_every_good_one_an_article(corpus):
    items = list(read_inputs([str(corpus.folder), *corpus.outside]))
    errors = {_name(e.source, corpus): e.reason for e in items if isinstance(e, ReadError)}
    articles = {_name(a.source, corpus): a for a in items if not isinstance(a, ReadError)}
    assert len(errors) == len([e for e in items if isinstance(e, ReadError)]), "one error per input"
    assert set(errors) == set(corpus.bad)
    for name, words in corpus.bad.items():
        for word in words:
            assert word.lower() in errors[name].lower(), (name, errors[name])
        assert "\n" not in errors[name]
    assert set(articles) == set(corpus.good)
    for name, phrase in corpus.good.items():
        assert phrase in articles[name].text, name


def test_bad_dates_keep_the_article_and_say_why(corpus, caplog):
    with caplog.at_level(logging.WARNING, logger="newsevents"):
        items = list(read_inputs([str(corpus.folder / "impossible-date.md"), str(corpus.folder / "far-future.jsonl")]))
    impossible, future = items
    assert impossible.published is None and impossible.published_text == "2015-02-30"
    assert impossible.text.startswith("Egypt hosted"), "the date line is a header, not body text"
    assert future.published is None and future.published_text == "9999-12-31"
    messages = [r.getMessage() for r in caplog.records]
    for name, words in corpus.warned.items():
        (message,) = [m for m in messages if name in m]
        assert all(w in message for w in words), message


def test_header_dates_keep_their_precision(tmp_path):
    for header, expected, precision in [("2019", "2019-01-01", "year"), ("March 2019", "2019-03-01", "month"),
                                        ("January 27, 2015", "2015-01-27", "day")]:
        path = tmp_path / f"{precision}.md"
        path.write_text(bad_corpus.md("Title", header, bad_corpus.ARTICLES["accra"]))
        (article,) = read_inputs([str(path)])
        assert (str(article.published), article.published_precision) == (expected, precision)


def test_ingest_stores_every_good_article_and_names_every_bad_one(corpus, small_cap, tmp_path):
    db = str(tmp_path / "mixed.duckdb")
    result = CliRunner().invoke(app, ["ingest", str(corpus.folder), *corpus.outside, "--db", db, "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    errors = _lines(result.stderr, "error")
    assert len(errors) == len(corpus.bad), errors
    for line in errors:
        (name,) = _named(line, corpus.bad)
        assert all(w.lower() in line.lower() for w in corpus.bad[name]), line
    with open_store(db, read_only=True) as store:
        stored = dict(store.con.execute("SELECT source, text FROM articles").fetchall())
    assert {_name(source, corpus) for source in stored} == set(corpus.good)
    for source, text in stored.items():
        assert corpus.good[_name(source, corpus)] in text
    assert f"failed {len(corpus.bad)}" in result.stderr and f"stored {len(corpus.good)}" in result.stderr
    for name in corpus.skipped:
        assert any(name in line and "skipped" in line for line in _lines(result.stderr, "warning")), name


def test_extract_prints_every_good_article_and_names_every_bad_one(corpus, small_cap):
    result = CliRunner().invoke(app, ["extract", str(corpus.folder), *corpus.outside, "--format", "jsonl"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    texts = [json.loads(line)["article"]["text"] for line in result.stdout.splitlines()]
    assert len(texts) == len(corpus.good)
    for name, phrase in corpus.good.items():
        assert sum(phrase in t for t in texts) >= 1, name
    assert len(_lines(result.stderr, "error")) == len(corpus.bad)


def test_empty_stdin_is_one_named_error():
    result = CliRunner().invoke(app, ["extract", "-"], input="")
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.strip()] == ["error <stdin>: empty input"]


def test_an_article_that_breaks_a_stage_costs_only_itself_in_extract(monkeypatch, tmp_path):
    from newsevents.pipeline import STAGES

    original = STAGES["coding"]

    def fragile(analysis):
        if "Quito" in analysis.article.text:
            raise KeyError("no pattern for this verb")
        original(analysis)

    monkeypatch.setitem(STAGES, "coding", fragile)
    a = bad_corpus.ARTICLES
    for name in ("lima", "quito", "nairobi"):
        (tmp_path / f"{name}.txt").write_text(a[name])
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    texts = [json.loads(line)["article"]["text"] for line in result.stdout.splitlines()]
    assert texts == [a["lima"], a["nairobi"]]
    (line,) = _lines(result.stderr, "error")
    assert "quito.txt" in line and "analysis failed (KeyError" in line


def test_skipped_paths_are_warnings_that_quiet_hides_and_verbose_adds_hidden_files(tmp_path):
    (tmp_path / "story.txt").write_text(bad_corpus.ARTICLES["lima"])
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / ".notes.txt").write_text("private")
    runner = CliRunner()
    normal = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert normal.exit_code == 0
    (warning,) = _lines(normal.stderr, "warning")
    assert "photo.jpg: skipped (unknown file type '.jpg'" in warning
    quiet = runner.invoke(app, ["--quiet", "extract", str(tmp_path), "--format", "jsonl"])
    assert quiet.exit_code == 0 and quiet.stderr.strip() == ""
    verbose = runner.invoke(app, ["--verbose", "extract", str(tmp_path), "--format", "jsonl"])
    assert any(".notes.txt: skipped (hidden file)" in line for line in _lines(verbose.stderr, "debug"))


def test_an_unexpected_error_is_one_line_and_its_traceback_goes_to_a_file(monkeypatch, tmp_path, capsys):
    import importlib

    entry = importlib.import_module("newsevents.cli.__main__")
    extract_module = importlib.import_module("newsevents.cli.extract")

    def broken(*args, **kwargs):
        raise RuntimeError("the reader fell over\nsecond line")

    monkeypatch.setattr(extract_module, "read_inputs", broken)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    with pytest.raises(SystemExit) as exit_info:
        entry.main(["extract", "whatever.md"])
    assert exit_info.value.code == entry.EXIT_INTERNAL_ERROR
    (line,) = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    log_file = tmp_path / "newsevents" / "error.log"
    assert line == f"error internal error, please report it: RuntimeError: the reader fell over (traceback in {log_file})"
    assert "Traceback (most recent call last)" in log_file.read_text()

    with pytest.raises(SystemExit):
        entry.main(["--verbose", "extract", "whatever.md"])
    assert "Traceback (most recent call last)" in capsys.readouterr().err
    logging.getLogger("newsevents").setLevel(logging.INFO)


def test_over_long_text_is_analysed_up_to_a_sentence_end_and_says_so(small_cap, nlp, caplog):
    from newsevents.model import Article
    from newsevents.pipeline import process

    sentence = "The foreign minister of Peru met his Chilean counterpart in Lima on Monday to discuss the border. "
    text = sentence * 100
    with caplog.at_level(logging.WARNING, logger="newsevents"):
        result = process(Article(id="long", text=text, source="long.txt"))
    cut = result.article.analysed_chars
    assert cut is not None and cut <= 2_000 and text[:cut].endswith("the border. ")
    assert result.article.text == text, "the whole text is kept"
    assert result.events and all(e.sentence.end <= cut for e in result.events)
    assert any("long.txt: only the first" in r.getMessage() for r in caplog.records)


def test_empty_listings_say_why(tmp_path):
    db = str(tmp_path / "fresh.duckdb")
    open_store(db).close()
    runner = CliRunner()
    empty = runner.invoke(app, ["events", "--db", db])
    assert empty.exit_code == 0 and "holds no articles yet" in empty.stderr
    (tmp_path / "one.txt").write_text(bad_corpus.ARTICLES["seoul"])
    assert runner.invoke(app, ["ingest", str(tmp_path / "one.txt"), "--db", db, "--workers", "1"]).exit_code == 0
    filtered = runner.invoke(app, ["events", "--db", db, "--code", "999"])
    assert filtered.exit_code == 0 and f"no events match these filters in {db}" in filtered.stderr


def test_an_over_long_record_line_is_skipped_alone(monkeypatch, tmp_path):
    from newsevents.readers import records

    monkeypatch.setattr(records, "MAX_RECORD_CHARS", 1_000)
    a = bad_corpus.ARTICLES
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([json.dumps({"text": a["lima"]}), json.dumps({"text": "x " * 5_000}),
                               json.dumps({"text": a["quito"]})]) + "\n")
    first, error, last = read_inputs([str(path)])
    assert (first.text, last.text) == (a["lima"], a["quito"])
    assert error.source == f"{path}:2" and "record longer than" in error.reason


def test_records_read_before_a_broken_gzip_block_are_kept(tmp_path):
    a = bad_corpus.ARTICLES
    lines = "".join(json.dumps({"text": f"{a['lima']} Round {i} of talks ended without a deal."}) + "\n" for i in range(3000))
    whole = bad_corpus._gzip(lines.encode())
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    items = list(read_inputs([str(path)]))
    *articles, error = items
    assert articles and all(not isinstance(x, ReadError) for x in articles)
    assert [x.text for x in articles] == [json.loads(line)["text"] for line in lines.splitlines()[: len(articles)]]
    assert isinstance(error, ReadError) and error.source == str(path) and "truncated gzip" in error.reason


def test_a_utf16_record_file_cut_mid_character_keeps_its_records_and_names_the_rest():
    """Found by the 10,000-example hypothesis run: an odd last byte only fails at the end of
    the stream, after the records before it were read."""
    import io

    from newsevents.readers import ReadError, read_stream

    record = '{"text": "Kenyan police arrested 40 protesters in Nairobi on Monday.", "published": "2023-09-04"}\n'
    data = "\ufeff".encode("utf-16-le") + record.encode("utf-16-le") + b"\x00"
    items = list(read_stream(io.BytesIO(data), "feed.jsonl", None, None, "feed.jsonl"))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError"]
    assert items[0].text.startswith("Kenyan police arrested 40")
    assert isinstance(items[1], ReadError) and items[1].source == "feed.jsonl" and "utf-16" in items[1].reason
