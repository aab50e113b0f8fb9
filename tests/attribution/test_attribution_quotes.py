"""Quotes on our own wire-style sentences: direct (straight, curly, split, multi-sentence,
multi-paragraph, cue before/after), indirect, 'according to', scare quotes, speakers."""

from __future__ import annotations

import pytest

from conftest import make_article
from newsevents.attribution import find_quotes
from newsevents.attribution.direct import find_quote_regions
from newsevents.pipeline import analyse


@pytest.fixture(scope="module")
def quotes_of(nlp):
    def _quotes(text: str, with_actors: bool = True):
        doc = nlp(text)
        actors = analyse(make_article(text), doc, ["actors"]).actors if with_actors else []
        return find_quotes(doc, actors)

    return _quotes


def speaker_names(quote) -> list[str]:
    s = quote.speaker
    return [x for x in (s.text, s.name, s.resolved_from) if x] if s else []


def only(quotes, direct: bool):
    return [q for q in quotes if q.direct == direct]


def assert_offsets(text, quotes):
    for q in quotes:
        assert text[q.content.start : q.content.end] == q.content.text
        if q.cue is not None:
            assert text[q.cue.start : q.cue.end] == q.cue.text
        if q.speaker is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.text


def test_straight_quote_with_trailing_cue(quotes_of):
    text = '"The airport is under our full control," Colonel Dmitri Volkov told reporters in Donetsk.'
    quotes = quotes_of(text)
    (q,) = only(quotes, True)
    assert q.content.text.startswith("The airport is under our full control")
    assert q.cue.text == "told"
    assert any("Volkov" in n for n in speaker_names(q))
    assert_offsets(text, quotes)


def test_curly_quote_spanning_several_sentences(quotes_of):
    text = "“The shelling went on all night. Nobody could leave the basement. We ran out of water,” said Olena Kravets, a nurse."
    (q,) = only(quotes_of(text), True)
    assert "Nobody could leave the basement" in q.content.text and "ran out of water" in q.content.text
    assert any("Kravets" in n for n in speaker_names(q))


def test_quote_split_around_its_cue_shares_cue_and_speaker(quotes_of):
    text = "“We are ready to talk,” the rebel commander said, “but only after the army pulls back its artillery.”"
    direct = only(quotes_of(text), True)
    assert len(direct) == 2
    assert direct[0].cue == direct[1].cue
    assert all(any("commander" in n for n in speaker_names(q)) for q in direct)
    assert direct[1].content.text.startswith("but only after")


def test_cue_sentence_with_colon_before_the_quote(quotes_of):
    text = 'The foreign minister told the assembly: "Our patience with these provocations has run out."'
    (q,) = only(quotes_of(text), True)
    assert any("minister" in n for n in speaker_names(q))


def test_cue_sentence_after_the_quote_with_a_pronoun(quotes_of):
    text = (
        "President Alvaro Reyes addressed troops at the base on Sunday.\n\n"
        "“This country will not be blackmailed by armed gangs.” He added that more soldiers would be sent south."
    )
    quotes = quotes_of(text)
    (q,) = only(quotes, True)
    assert q.cue is not None and q.cue.text == "added"
    assert "Reyes" in " ".join(speaker_names(q))


def test_quote_continuing_in_the_next_paragraph_keeps_its_speaker(quotes_of):
    text = (
        "“We have documented forty violations of the truce this week,” said monitor Karin Holm.\n\n"
        "“Most of them were artillery strikes on residential areas near the front.”"
    )
    direct = only(quotes_of(text), True)
    assert len(direct) == 2
    assert all(any("Holm" in n for n in speaker_names(q)) for q in direct)


def test_indirect_said_that_and_trailing_cue(quotes_of):
    text = (
        "The army said that it had destroyed three rebel positions. "
        "Rebel fighters shot down a helicopter near the border, local officials said."
    )
    indirect = only(quotes_of(text), False)
    contents = {q.content.text: q for q in indirect}
    assert "that it had destroyed three rebel positions" in contents
    assert any(any("army" in n.lower() for n in speaker_names(q)) for q in indirect)
    trailing = [q for q in indirect if q.content.text.startswith("Rebel fighters shot down a helicopter")]
    assert trailing and any("officials" in n for n in speaker_names(trailing[0]))
    assert not trailing[0].content.text.endswith(",")


def test_according_to(quotes_of):
    text = "According to the Red Cross, more than 300 civilians were killed in the siege."
    (q,) = only(quotes_of(text), False)
    assert q.content.text.startswith("more than 300 civilians")
    assert any("Red Cross" in n for n in speaker_names(q))
    assert q.cue.text == "According to"


def test_scare_quotes_and_titles_are_not_quotes(quotes_of):
    text = 'The minister dismissed the report as "nonsense" during an interview with "Face the Nation" on Sunday.'
    assert only(quotes_of(text), True) == []


def test_phrase_quoted_inside_narration_is_not_a_direct_quote(quotes_of):
    text = 'The senator called the agreement "a dangerous gift to the regime in Tehran" at a rally.'
    assert only(quotes_of(text), True) == []


def test_speaker_fallback_works_without_actor_mentions(quotes_of):
    text = "“The bridge was blown up before dawn,” police chief Viktor Marin said. “Two officers were hurt,” he said."
    quotes = only(quotes_of(text, with_actors=False), True)
    assert len(quotes) == 2
    assert any("Marin" in n for n in speaker_names(quotes[0]))
    second = quotes[1]
    assert second.speaker.text == "he" and "Marin" in (second.speaker.resolved_from or "")


def test_negated_speech_reports_nothing(quotes_of):
    text = "The envoy did not say whether any prisoners had been exchanged."
    assert only(quotes_of(text), False) == []


def test_dash_signed_quote(quotes_of):
    text = "“I voted because my village has had no water for a month.” ― Amina Diallo, 42, teacher"
    (q,) = only(quotes_of(text), True)
    assert any("Diallo" in n for n in speaker_names(q))


def test_regions_pair_typewriter_and_curly_marks():
    text = "''The deal is dead,'' he said. He called it “a betrayal of everything we agreed on.”"
    regions = find_quote_regions(text)
    assert [text[r.start : r.end] for r in regions] == ["The deal is dead,", "a betrayal of everything we agreed on."]


def test_curly_quotes_nest_after_a_word_and_restart_after_a_sentence():
    nested = "“I would rather leave than live under what they call “order” in this city,” she said."
    assert [nested[r.start : r.end] for r in find_quote_regions(nested)] == [
        "I would rather leave than live under what they call “order” in this city,"
    ]
    unclosed = "“The first sentence never closes. “The second one does,” he said."
    assert [unclosed[r.start : r.end] for r in find_quote_regions(unclosed)] == ["The second one does,"]


def test_noun_cue_with_a_that_clause(quotes_of):
    text = "Analysts questioned the general's claim that his troops had retaken the port."
    indirect = [q for q in only(quotes_of(text), False) if q.cue.text == "claim"]
    assert indirect and indirect[0].content.text == "that his troops had retaken the port"
    assert any("general" in n for n in speaker_names(indirect[0]))


def test_a_verb_of_saying_conjoined_inside_a_statement_is_the_first_speakers(quotes_of):
    text = ("Interior Minister Joseph Kamau said the police had acted lawfully and warned that the "
            "government would not tolerate further violence.")
    quotes = only(quotes_of(text), direct=False)
    warned = [q for q in quotes if q.content.text.startswith("that the government")]
    assert warned and all("Kamau" in " ".join(speaker_names(q)) for q in warned)
