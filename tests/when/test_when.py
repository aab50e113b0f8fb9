"""When stage on sentences written for these tests: resolution, non-dates, attachment."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.when import event_date, resolve_dates
from newsevents.when.normalise import FUTURE, PAST, PRESENT, parse

TUESDAY = date(2015, 1, 27)


def words(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split())


def trigger(doc, lemma: str) -> int:
    return next(t.i for t in doc if t.lemma_ == lemma)


def dated(nlp, text: str, lemma: str, published: date | None = TUESDAY):
    doc = nlp(text)
    return event_date(doc, trigger(doc, lemma), resolve_dates(doc, published), published)


# --- normalisation: the arithmetic behind each construction ------------------------------


@pytest.mark.parametrize(
    "phrase, tense, value, precision",
    [
        ("Monday", PAST, "2015-01-26", "day"),
        ("Thursday", PAST, "2015-01-22", "day"),
        ("Thursday", FUTURE, "2015-01-29", "day"),
        ("Thursday", PRESENT, "2015-01-29", "day"),
        # The publication's own weekday is the publication day, whatever the tense.
        ("Tuesday", PAST, "2015-01-27", "day"),
        ("Tuesday", FUTURE, "2015-01-27", "day"),
        ("last Tuesday", PAST, "2015-01-20", "day"),
        ("next Tuesday", FUTURE, "2015-02-03", "day"),
        ("Sunday night", PAST, "2015-01-25", "day"),
        ("yesterday", PAST, "2015-01-26", "day"),
        ("tomorrow", FUTURE, "2015-01-28", "day"),
        ("last night", PAST, "2015-01-26", "day"),
        # Weeks resolve to the Monday that opens them, precision "week".
        ("last week", PAST, "2015-01-19", "week"),
        ("earlier this week", PAST, "2015-01-26", "week"),
        ("next week", FUTURE, "2015-02-02", "week"),
        ("this week", FUTURE, "2015-01-27", "week"),
        ("earlier this month", PAST, "2015-01-01", "month"),
        ("last month", PAST, "2014-12-01", "month"),
        ("in 2014", PAST, "2014-01-01", "year"),
        ("late last year", PAST, "2014-01-01", "year"),
        ("Jan. 23, 2015", PAST, "2015-01-23", "day"),
        ("23 January 2015", PAST, "2015-01-23", "day"),
        ("Monday , Jan. 26", PAST, "2015-01-26", "day"),
        ("March 2014", PAST, "2014-03-01", "month"),
        ("three days ago", PAST, "2015-01-24", "day"),
        ("two months ago", PAST, "2014-11-01", "month"),
    ],
)
def test_parse_resolves_against_publication(phrase, tense, value, precision):
    got = parse(words(phrase), TUESDAY, tense)
    assert got is not None, phrase
    assert (got.value.isoformat(), got.precision) == (value, precision)


def test_year_less_date_takes_the_sensible_year():
    new_year = date(2015, 1, 5)
    assert parse(words("28 December"), new_year, PAST).value == date(2014, 12, 28)
    assert parse(words("Jan. 23"), TUESDAY, PAST).value == date(2015, 1, 23)
    assert parse(words("Jan. 5"), date(2014, 12, 20), FUTURE).value == date(2015, 1, 5)
    # A month later in the year than publication, in a past clause, is last year's.
    assert parse(words("October"), TUESDAY, PAST).value == date(2014, 10, 1)
    assert parse(words("June"), TUESDAY, FUTURE).value == date(2015, 6, 1)


@pytest.mark.parametrize("phrase", ["three years", "56-year-old", "10 a.m.", "morning", "we", "the 1990s"])
def test_parse_refuses_durations_ages_and_times(phrase):
    assert parse(words(phrase), TUESDAY, PAST) is None


def test_relative_expressions_need_a_publication_date():
    assert parse(words("Monday"), None, PAST) is None
    assert parse(words("Jan. 23, 2015"), None, PAST).value == date(2015, 1, 23)


# --- expressions in running text ----------------------------------------------------------


def test_expression_spans_are_exact_offsets(nlp):
    text = "Rebels shelled the port on Jan. 23, 2015 and again earlier this month, officials said."
    found = resolve_dates(nlp(text), TUESDAY)
    assert [e.span.text for e in found] == ["Jan. 23, 2015", "earlier this month"]
    for e in found:
        assert text[e.span.start : e.span.end] == e.span.text


@pytest.mark.parametrize(
    "text",
    [
        "We will not negotiate with kidnappers, the president told reporters.",
        "British Prime Minister Theresa May met the Irish premier in Dublin.",
        "May told lawmakers that the deal protected jobs.",
        "Thousands of workers will march on parliament against the pension reform.",
        "Rebels have controlled the town for three years.",
        "Protesters have blocked the main highway for the past week.",
        "A 56-year-old teacher was killed when soldiers opened fire on the crowd.",
        "Gunmen attacked the convoy at about 10 a.m., killing four soldiers.",
        "Voters rejected the 2015 budget in a referendum.",
    ],
)
def test_non_dates_yield_no_expression(nlp, text):
    assert resolve_dates(nlp(text), TUESDAY) == []


def test_month_names_count_with_date_context(nlp):
    found = resolve_dates(nlp("The ceasefire collapsed in May after rebels attacked an army post."), date(2024, 6, 2))
    assert [(e.span.text, e.value.isoformat(), e.precision) for e in found] == [("May", "2024-05-01", "month")]


# --- attachment ----------------------------------------------------------------------------


def test_past_weekday_is_the_last_one_before_publication(nlp):
    # The reference article's phenomenon, in a sentence of our own.
    got = dated(nlp, "NATO and Ukrainian envoys held an emergency session on Monday at the alliance's headquarters.", "hold")
    assert (got.value, got.precision, got.span.text) == ("2015-01-26", "day", "Monday")


def test_future_weekday_is_the_coming_one(nlp):
    got = dated(nlp, "European Union foreign ministers will meet on Thursday to consider new sanctions.", "meet")
    assert got.value == "2015-01-29"
    got = dated(nlp, "The U.N. human rights chief is due to arrive in Nairobi on Friday.", "arrive")
    assert got.value == "2015-01-30"


def test_each_clause_keeps_its_own_date(nlp):
    text = "The minister said on Tuesday that troops had entered the town on Sunday."
    assert dated(nlp, text, "enter").value == "2015-01-25"
    assert dated(nlp, text, "say").value == "2015-01-27"


def test_unmodified_event_takes_the_sentence_date(nlp):
    got = dated(nlp, "Stoltenberg criticized Russia after NATO envoys held talks on Monday in Brussels.", "criticize")
    assert (got.value, got.precision) == ("2015-01-26", "day")


def test_relative_clause_date_does_not_leak(nlp):
    text = "Russia, which annexed Crimea in 2014, warned NATO against expanding eastward."
    assert dated(nlp, text, "warn").precision == "publication"
    assert (dated(nlp, text, "annex").value, dated(nlp, text, "annex").precision) == ("2014-01-01", "year")


def test_future_event_does_not_borrow_a_past_date(nlp):
    got = dated(nlp, "The foreign minister said on Monday that Moscow would retaliate.", "retaliate")
    assert (got.value, got.precision, got.span) == ("2015-01-27", "publication", None)


def test_day_beats_year_in_the_same_clause(nlp):
    got = dated(nlp, "The central bank raised its main rate yesterday for the third time this year.", "raise")
    assert (got.value, got.span.text) == ("2015-01-26", "yesterday")


def test_no_date_falls_back_to_publication_or_unknown(nlp):
    text = "Kiev had asked for the meeting in response to a new rebel offensive."
    got = dated(nlp, text, "ask")
    assert (got.value, got.precision, got.span) == ("2015-01-27", "publication", None)
    got = dated(nlp, text, "ask", published=None)
    assert (got.value, got.precision) == (None, "unknown")


# --- wire-copy forms from old Reuters style; dateparser only as a guarded fallback -------


def test_spelled_day_numbers_and_named_months_with_offsets():
    march_1987 = date(1987, 3, 3)
    assert parse(words("April one"), march_1987, FUTURE).value == date(1987, 4, 1)
    assert parse(words("November three , 1986"), march_1987, PAST).value == date(1986, 11, 3)
    assert parse(words("last November"), TUESDAY, PAST).value == date(2014, 11, 1)
    assert parse(words("next March"), TUESDAY, PAST).value == date(2015, 3, 1)
    assert parse(words("this January"), TUESDAY, PAST).value == date(2015, 1, 1)
    assert parse(words("this December"), TUESDAY, PAST).value == date(2014, 12, 1)


def test_figures_are_not_dates(nlp):
    text = "Output rose 25.1 pct in January after 14.5 pct in December, the ministry said."
    found = resolve_dates(nlp(text), date(1987, 3, 3))
    assert [(e.span.text, e.value.isoformat()) for e in found] == [("January", "1987-01-01"), ("December", "1986-12-01")]


def test_dateparser_fallback_reads_written_dates_but_not_day_numbers_as_years(nlp):
    found = resolve_dates(nlp("The court sentenced the activist on 20/01/2015, his lawyer said."), TUESDAY)
    assert [(e.value.isoformat(), e.kind) for e in found] == [("2015-01-20", "dateparser")]
    found = resolve_dates(nlp("The court sentenced the activist on the 20th of January."), TUESDAY)
    assert [(e.span.text, e.value.isoformat()) for e in found] == [("20th of January", "2015-01-20")]
    found = resolve_dates(nlp("The decree was signed on 2015-01-20 in Kiev."), TUESDAY)
    assert [(e.span.text, e.value.isoformat()) for e in found] == [("2015-01-20", "2015-01-20")]
    found = resolve_dates(nlp("Talks were held on Feb 17 and 19 in Geneva."), date(1987, 3, 3))
    assert all(e.value.year == 1987 for e in found) and found


def test_event_in_relative_clause_does_not_take_main_clause_date(nlp):
    got = dated(nlp, "The talks, which began in Geneva, ended without agreement on Friday.", "begin")
    assert got.precision == "publication"
    assert dated(nlp, "The talks, which began in Geneva, ended without agreement on Friday.", "end").value == "2015-01-23"


def test_maturity_and_deadline_dates_do_not_date_the_event(nlp):
    got = dated(nlp, "The bank is issuing a 100 mln dlr bond due April 9, 1992, the lead manager said.", "issue")
    assert got.precision == "publication"
    got = dated(nlp, "Ministers agreed to postpone the March 31 deadline for new import rules.", "postpone")
    assert got.precision == "publication"


def test_date_hung_on_the_object_still_dates_the_event(nlp):
    # The small model attaches "on Jan. 5" to "appeal"; the ruling is what happens then.
    got = dated(nlp, "A court in Cairo will rule on the appeal on Jan. 5.", "rule", published=date(2014, 12, 20))
    assert (got.value, got.precision) == ("2015-01-05", "day")


def test_hypothetical_under_a_future_clause_does_not_take_the_report_date(nlp):
    text = "The envoy said yesterday that if the bloc went ahead with the tax, Washington would respond."
    assert dated(nlp, text, "say").value == "2015-01-26"
    assert dated(nlp, text, "go").precision == "publication"


def test_participles_and_conjuncts_take_the_tense_of_their_clause(nlp):
    got = dated(nlp, "Militants attacked an army post, killing 12 soldiers on Saturday.", "kill")
    assert got.value == "2015-01-24"
    got = dated(nlp, "The two leaders will meet and sign the accord on Thursday.", "sign")
    assert got.value == "2015-01-29"
    got = dated(nlp, "Ministers are meeting in Brussels on Thursday.", "meet")
    assert got.value == "2015-01-29"


def test_date_hung_on_a_nested_place_dates_the_event(nlp):
    from newsevents.when.attach import _argument_nouns

    # Places have no dates; the small model often hangs "Thursday morning" on the last
    # noun of a locative chain, so the search for it goes down the whole chain.
    doc = nlp("Insurgents detonated a bomb inside a school in the southern province of Narathiwat.")
    nouns = {doc[i].text for i in _argument_nouns(doc[1])}
    assert {"bomb", "school", "province", "Narathiwat"} <= nouns
    got = dated(nlp, "Rebels launched a major offensive at the old army base near the town of Ibta on Sunday.", "launch")
    assert got.value == "2015-01-25"
