"""Where stage: place mentions resolved in an offline gazetteer, and each event's place.

An event's place comes from the text before the dateline: a locative of its own clause,
else a place its sentence names, else the place the paragraph's narrative is in (where an
earlier event or sentence of the paragraph happened). The dateline only says where the
reporter is: it places an event only when none of that does and the event is local to the
dateline's country (its acting party is of that country or of none). Last, an event whose
parties are all of one country is placed in that country, at precision "country".
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING

from newsevents.model import Place
from newsevents.where.event_place import dateline_roots, event_location, ranked_location
from newsevents.where.gazetteer import load
from newsevents.where.places import find_places, places_and_dateline

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsevents.model import Analysis, Event

__all__ = ["event_location", "find_places", "locate"]


def _actor_tokens(event) -> list[tuple[int, int]]:
    """Token ranges of the event's own actors, unless the actor stage marked them as places:
    an event is never located at the country or city that performs or suffers it."""
    ranges = []
    for mention in (event.source, event.target):
        if mention is not None and not mention.is_place and mention.token_start >= 0:
            ranges.append((mention.token_start, mention.token_end))
    return ranges


def paragraph_starts(text: str) -> list[int]:
    """Character offsets where the article's paragraphs (blocks between blank lines) begin."""
    starts = [0]
    i = text.find("\n\n")
    while i >= 0:
        starts.append(i + 2)
        i = text.find("\n\n", i + 2)
    return starts


def _local(event: Event, dateline: Place, statement: bool) -> bool:
    """A statement whose speaker is of the dateline's country or of none ("NATO said" under
    a BRUSSELS dateline; not "Russia denies" under it); another event only when its parties
    are known to be of the dateline's country ("police arrested" is not placed by it)."""
    source = event.source.country if event.source is not None else None
    if statement:
        return source is None or source == dateline.country
    target = event.target.country if event.target is not None else None
    return source == dateline.country and target in (None, dateline.country)


def _sentence_place(doc: Doc, sentence, places: list[Place]) -> Place | None:
    """Where a sentence's main clause happens ("The talks were held in Doha."), read from
    its root verb like an event's trigger."""
    found = ranked_location(doc, sentence.root.i, places)
    return found[0] if found is not None and found[1] <= 1 else None


def locate(analysis: Analysis) -> None:
    doc, article = analysis.doc, analysis.article
    places, dateline_place = places_and_dateline(doc, article)
    analysis.places = places
    verbal = dateline_roots()
    starts = paragraph_starts(article.text)
    events = sorted((e for e in analysis.events if 0 <= e.trigger_token < len(doc)), key=lambda e: e.trigger_token)
    # The narrative place of each paragraph so far: the last place one of its sentences
    # or events happened at, carried forward to later sentences of the same paragraph.
    narrative: dict[int, Place] = {}
    sentences = iter(doc.sents)
    sentence = next(sentences, None)
    for event in events:
        trigger = doc[event.trigger_token]
        paragraph = bisect_right(starts, trigger.idx) - 1
        while sentence is not None and sentence.end <= trigger.sent.start:
            if (place := _sentence_place(doc, sentence, places)) is not None:
                narrative[bisect_right(starts, sentence.start_char) - 1] = place
            sentence = next(sentences, None)
        statement = event.cameo.root in verbal
        found = ranked_location(doc, event.trigger_token, places, statement, _actor_tokens(event))
        place, basis = None, None
        if found is not None:
            place, basis = found[0], ("clause" if found[1] <= 1 else "sentence")
            # A negated, planned or hypothetical act happened nowhere: it sets no scene.
            if found[1] <= 1 and event.status in ("asserted", "reported"):
                narrative[paragraph] = place
        elif paragraph in narrative:
            place, basis = narrative[paragraph], "paragraph"
        elif dateline_place is not None and _local(event, dateline_place, statement):
            place, basis = dateline_place, "dateline"
        elif (country := _domestic_country(event)) is not None:
            place, basis = country, "actors"
        event.location = replace(place, basis=basis) if place is not None else None


def _domestic_country(event: Event) -> Place | None:
    """The country of an event between parties of one country, or of one party alone
    ("Thailand cracked down on trafficking", "the Greek court ruled", "Canada's minister
    asked officials"): nothing in the text places it, but a state's own acts happen at
    home far more often than abroad. Precision "country" says no more is known; an event
    between two countries gets none, for either could be its place."""
    source = event.source.country if event.source is not None else None
    target = event.target.country if event.target is not None else None
    if source is None or target not in (None, source):
        return None
    entry = load().country(source)
    if entry is None:
        return None
    return Place(
        name=entry.name, country=entry.country, lat=entry.lat, lon=entry.lon, geonames_id=entry.geonames_id,
        feature="country", iso2=entry.iso2, fips=entry.fips, precision="country",
    )
