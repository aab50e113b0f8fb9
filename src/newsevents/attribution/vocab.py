"""The attribution vocabulary (data/attribution/cues.json), loaded once per process."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CUES = Path(__file__).resolve().parent.parent / "data" / "attribution" / "cues.json"


@dataclass(frozen=True)
class Vocabulary:
    speech_verbs: frozenset[str]
    make_phrase_objects: frozenset[str]
    allege_verbs: frozenset[str]
    allege_nouns: frozenset[str]
    deny_verbs: frozenset[str]
    deny_nouns: frozenset[str]
    appeal_verbs: frozenset[str]
    appeal_phrasal: dict[str, frozenset[str]]
    appeal_nouns: frozenset[str]
    threat_verbs: frozenset[str]
    threat_nouns: frozenset[str]
    intend_verbs: frozenset[str]
    intend_adjectives: frozenset[str]
    intend_nouns: frozenset[str]
    negators: frozenset[str]
    negating_verbs: frozenset[str]
    conditional_marks: frozenset[str]
    future_modals: frozenset[str]
    hypothetical_modals: frozenset[str]
    deontic_modals: frozenset[str]
    first_person: frozenset[str]
    object_content_verbs: frozenset[str]
    topic_verbs: frozenset[str]
    topic_preps: frozenset[str]
    hedge_adverbs: dict[str, str]
    speech_nouns: frozenset[str]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    raw = json.loads(CUES.read_text("utf-8"))
    fields = {}
    for name in Vocabulary.__dataclass_fields__:
        value = raw[name]
        if isinstance(value, dict):
            fields[name] = {k: v if isinstance(v, str) else frozenset(v) for k, v in value.items()}
        else:
            fields[name] = frozenset(value)
    return Vocabulary(**fields)
