"""Readers: every input format becomes one clean Article, every bad input one clear error."""

from __future__ import annotations

import gzip
from datetime import date

import pytest

from newsevents.model import Article, article_id
from newsevents.readers import ReadError, read_inputs, read_text

from conftest import EXAMPLES, FIXTURES, needs_shared

READERS = FIXTURES / "readers"

MARKDOWN = """# Ministers Agree on Grain Corridor Extension

By [Example Wire](#)

July 17, 2023

A cargo ship waits at the port of Odesa

ISTANBUL — Turkish and Ukrainian officials agreed on Monday to extend a grain export corridor through the Black Sea, Turkey's defence ministry said.

The United Nations welcomed the decision.

Original url:

<https://wire.example.org/2023/07/17/grain-corridor>
"""


def read_all(*inputs, **kwargs):
    return list(read_inputs([str(i) for i in inputs], **kwargs))


def test_markdown_layout_keeps_only_the_body(tmp_path):
    path = tmp_path / "grain.md"
    path.write_text(MARKDOWN)
    [article] = read_all(path)
    assert article.title == "Ministers Agree on Grain Corridor Extension"
    assert article.outlet == "Example Wire"
    assert article.published == date(2023, 7, 17)
    assert article.url == "https://wire.example.org/2023/07/17/grain-corridor"
    assert article.dateline == "ISTANBUL"
    assert article.caption == "A cargo ship waits at the port of Odesa"
    assert article.text.startswith("ISTANBUL — Turkish and Ukrainian officials")
    assert article.text.endswith("The United Nations welcomed the decision.")
    for header in ("# Ministers", "By [", "July 17, 2023", "Original url", "https://", "cargo ship"):
        assert header not in article.text
    assert article.id == article_id(article.url, article.text)


def test_reference_article_header_and_dateline():
    path = needs_shared("samples", "moscow-times-2015-01-27-nato-backs-kiev.md")
    [article] = read_all(path)
    assert article.published == date(2015, 1, 27)
    assert article.outlet == "The Moscow Times"
    assert article.dateline == "BRUSSELS"
    assert article.text.startswith("BRUSSELS — NATO has blamed")
    assert "Pristina" not in article.text  # the photo caption is not body text
    assert "themoscowtimes.com" not in article.text


def test_examples_all_read_with_dates_and_datelines():
    articles = read_all(EXAMPLES)
    assert len(articles) >= 4
    for article in articles:
        assert isinstance(article, Article), article
        assert article.published is not None and article.dateline and article.url
    assert len({a.id for a in articles}) == len(articles)


def test_html_page_body_and_metadata():
    [article] = read_all(READERS / "harbour-strike.html")
    assert article.title == "Dockworkers Strike Shuts Rotterdam Terminals"
    assert article.url == "https://harbour.example.org/2023/04/18/rotterdam-strike"
    assert article.published == date(2023, 4, 18)
    assert article.outlet == "Example Harbour News"
    assert article.dateline == "ROTTERDAM"
    assert article.text.startswith("ROTTERDAM — Dockworkers")
    assert "Cookie" not in article.text and "Subscribe" not in article.text


def test_html_without_article_is_an_error():
    [error] = read_all(READERS / "empty-shell.html")
    assert isinstance(error, ReadError)
    assert "empty-shell.html" in str(error) and "no article text" in str(error)


def test_jsonl_records_and_their_errors_by_line():
    items = read_all(READERS / "wire.jsonl")
    good = [i for i in items if isinstance(i, Article)]
    bad = [i for i in items if isinstance(i, ReadError)]
    assert [a.published for a in good] == [date(2024, 1, 23), date(2024, 1, 24)]
    assert good[0].title == "Turkish parliament backs Sweden's NATO bid"
    assert good[0].outlet == "Example Wire" and good[0].dateline == "ANKARA"
    assert good[1].url is None and good[1].id == article_id(None, good[1].text)
    assert [e.source for e in bad] == [f"{READERS / 'wire.jsonl'}:3", f"{READERS / 'wire.jsonl'}:4"]
    assert "no 'text'" in bad[0].reason
    assert "unparseable date" in bad[1].reason and "storm" in bad[1].reason


def test_csv_records_and_missing_text_column():
    articles = read_all(READERS / "wire.csv")
    assert [a.title for a in articles] == ["Chad closes border", "Peru protest"]
    assert articles[0].dateline == "N'DJAMENA"
    assert articles[1].outlet is None and articles[1].published == date(2023, 1, 12)
    [error] = read_all(READERS / "no-text-column.csv")
    assert isinstance(error, ReadError) and "no 'text' column" in str(error)


def test_plain_text_takes_the_published_option():
    [article] = read_all(READERS / "statement.txt", published=date(2023, 6, 2))
    assert article.published == date(2023, 6, 2)
    assert article.text.startswith("The foreign ministers of Brazil")
    [undated] = read_all(READERS / "statement.txt")
    assert undated.published is None


def test_directory_is_read_recursively(tmp_path):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (tmp_path / "a" / "one.md").write_text(MARKDOWN)
    (nested / "two.txt").write_text("Protesters gathered outside the embassy in Lima on Friday.")
    (nested / "ignored.png").write_bytes(b"\x89PNG\r\n")
    items = read_all(tmp_path)
    assert sorted(type(i).__name__ for i in items) == ["Article", "Article"]


def test_reuters_sgml(tmp_path):
    sgml = (
        '<REUTERS TOPICS="YES" NEWID="7"><DATE> 2-MAR-1987 10:05:11.12</DATE>'
        "<TEXT><TITLE>JAPAN URGES U.S. TO EASE TRADE CURBS</TITLE>"
        "<DATELINE>    TOKYO, March 2 - </DATELINE><BODY>Japan's trade minister urged the\n"
        "United States on Monday to lift tariffs on Japanese electronics.\n"
        "     Officials said talks would resume in Washington.\n Reuter\n&#3;</BODY></TEXT></REUTERS>"
        '<REUTERS NEWID="8"><DATE>2-MAR-1987</DATE><TEXT TYPE="BRIEF"><TITLE>BRIEF ONLY</TITLE></TEXT></REUTERS>'
    )
    path = tmp_path / "reut2-999.sgm.gz"
    with gzip.open(path, "wt") as fh:
        fh.write(sgml)
    [article] = read_all(path)
    assert article.published == date(1987, 3, 2)
    assert article.dateline == "TOKYO" and article.outlet == "Reuters"
    assert article.text.startswith("Japan's trade minister urged the United States")
    assert "Reuter" not in article.text.split()[-1]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"   \n\n", "empty input"),
        ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("latin1.txt", "Le ministre a déclaré la grève illégale.".encode("latin-1"), "not valid UTF-8"),
        ("huge.txt", b"The council met again today. " * 700_000, "too large"),
    ],
)
def test_bad_inputs_are_named_errors(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Officials in Quito said the election would go ahead as planned in April.")
    items = read_all(path, good)
    error, article = items
    assert isinstance(error, ReadError) and isinstance(article, Article)
    assert str(path) in str(error) and reason in str(error)
    assert "\n" not in str(error)


def test_missing_path_is_an_error():
    [error] = read_all("/nonexistent/article.md")
    assert "no such file" in str(error)


def test_format_can_be_forced():
    text = "# Not a title really\n\nJust text in a plain file about a meeting in Oslo between envoys."
    [article] = list(read_text(text, "note", fmt="text"))
    assert article.text.startswith("# Not a title")
