"""The hand-written temporal vocabulary (data/when/temporal_vocabulary.json), loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

VOCABULARY_FILE = Path(__file__).resolve().parent.parent / "data" / "when" / "temporal_vocabulary.json"


@dataclass(frozen=True)
class Vocabulary:
    months: Mapping[str, int]
    ambiguous_months: frozenset[str]
    weekdays: Mapping[str, int]
    relative_days: Mapping[str, int]
    day_phrases: Mapping[tuple[str, ...], int]
    parts_of_day: frozenset[str]
    units: Mapping[str, str]
    number_words: Mapping[str, int]
    unit_offsets: Mapping[str, int]
    within_unit: frozenset[str]
    leading_fillers: frozenset[str]
    date_prepositions: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_governors: frozenset[str]
    age_words: frozenset[str]

    def is_seed(self, lower: str) -> bool:
        """Words that can anchor a temporal expression on their own."""
        return (
            lower in self.months
            or lower in self.weekdays
            or lower in self.relative_days
            or lower == "weekend"
        )


@lru_cache(maxsize=1)
def load() -> Vocabulary:
    raw = json.loads(VOCABULARY_FILE.read_text("utf-8"))
    frozen = MappingProxyType
    return Vocabulary(
        months=frozen(raw["months"]),
        ambiguous_months=frozenset(raw["ambiguous_months"]),
        weekdays=frozen(raw["weekdays"]),
        relative_days=frozen(raw["relative_days"]),
        day_phrases=frozen({tuple(k.split()): v for k, v in raw["day_phrases"].items()}),
        parts_of_day=frozenset(raw["parts_of_day"]),
        units=frozen(raw["units"]),
        number_words=frozen(raw["number_words"]),
        unit_offsets=frozen(raw["unit_offsets"]),
        within_unit=frozenset(raw["within_unit"]),
        leading_fillers=frozenset(raw["leading_fillers"]),
        date_prepositions=frozenset(raw["date_prepositions"]),
        future_auxiliaries=frozenset(raw["future_auxiliaries"]),
        future_governors=frozenset(raw["future_governors"]),
        age_words=frozenset(raw["age_words"]),
    )
