"""When stage: the date each event happened, resolved against the publication date.

`resolve_dates` finds and normalises the article's temporal expressions once;
`event_date` picks the one that dates a given trigger (see `attach` for the rules).
An event its sentence does not date takes the narrative time: the date of the last dated
sentence or event of its paragraph, else of the story so far ("On Monday, ambassadors met
in Brussels. They also called on ..." - both Monday). A past-perfect event ("Kiev had
asked") happened before that time: an interval ending there. The publication day is the
last resort, with basis "publication". A date counted from another event ("a day after
the vote") is read by `relative`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING

from newsevents.model import EventDate
from newsevents.when.attach import choose_with_basis, event_date
from newsevents.when.expressions import TemporalExpression, resolve_dates
from newsevents.when.normalise import FUTURE, PAST
from newsevents.when.relative import relative_date
from newsevents.when.tense import clause_tense, clause_verb
from newsevents.where import paragraph_starts

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsevents.model import Analysis

__all__ = ["TemporalExpression", "date_events", "event_date", "resolve_dates"]

# Statuses of acts that happened, and so set the story's time.
_HAPPENED = ("asserted", "reported")


def _past_perfect(trigger: Token) -> bool:
    verb = clause_verb(trigger)
    return verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in verb.children)


def _present_perfect(trigger: Token) -> bool:
    verb = clause_verb(trigger)
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve") for c in verb.children)


def _sets_time(date: EventDate, trigger: Token, published) -> bool:
    """A dated past act: the time later sentences of the narrative are in. A day after
    publication is what is still to come, whatever the clause's tense ("opens on Thursday")."""
    if date.basis not in ("explicit", "sentence", "relative") or date.precision not in ("day", "week"):
        return False
    return clause_tense(trigger) != FUTURE and (published is None or date.value <= published.isoformat())


def date_events(analysis: Analysis) -> None:
    if not analysis.events:
        return  # parsing dates costs time; articles without events need none
    doc = analysis.doc
    published = analysis.article.published
    expressions = resolve_dates(doc, published)
    starts = paragraph_starts(analysis.article.text)
    paragraph_time: dict[int, EventDate] = {}
    story_time: EventDate | None = None
    sentences = iter(doc.sents)
    sentence = next(sentences, None)
    for event in sorted(analysis.events, key=lambda e: e.trigger_token):
        event.date = event_date(doc, event.trigger_token, expressions, published)
        if not 0 <= event.trigger_token < len(doc):
            continue
        if event.date.basis == "publication" and (counted := relative_date(doc, event.trigger_token, expressions)):
            event.date = counted
        trigger = doc[event.trigger_token]
        paragraph = bisect_right(starts, trigger.idx) - 1
        # Sentences before this one that have no event still set the time ("The talks
        # opened on Monday in Doha. Both sides said ...").
        while sentence is not None and sentence.end <= trigger.sent.start:
            found = choose_with_basis(doc, sentence.root.i, expressions)
            if found is not None:
                own = EventDate(found[0].value.isoformat(), found[0].precision, found[0].span, basis=found[1])
                if _sets_time(own, sentence.root, published):
                    paragraph_time[bisect_right(starts, sentence.start_char) - 1] = own
                    story_time = own
            sentence = next(sentences, None)
        if event.date.basis != "publication":
            if _sets_time(event.date, trigger, published) and event.status in _HAPPENED:
                paragraph_time[paragraph] = story_time = event.date
            continue
        # What is still to come, and what holds now ("Russia denies", "has stepped up"),
        # is not in the narrative's past: the publication day stays, marked as such.
        if clause_tense(trigger) != PAST or _present_perfect(trigger):
            continue
        carried = paragraph_time.get(paragraph) or story_time
        if _past_perfect(trigger):
            # Before the narrative's time: an interval that ends there.
            end = carried.value if carried is not None else published.isoformat() if published else None
            if end is not None:
                event.date = EventDate(end, "interval", carried.span if carried else None,
                                       basis="carried" if carried else "publication", end=end)
        elif carried is not None:
            event.date = replace(carried, basis="carried")
