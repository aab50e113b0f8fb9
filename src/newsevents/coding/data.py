"""The coding stage's data files, loaded once per process and never mutated."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    path = resources.files("newsevents") / "data" / "coding" / name
    return json.loads(path.read_text(encoding="utf-8"))
