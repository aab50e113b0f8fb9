"""ArticleResult -> the JSON object of schema/result.schema.json.

The object is the dataclass tree itself (`store.shape.plain`): a field added to
`model.py` appears here without further code.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from newsevents.model import ArticleResult
from newsevents.store.shape import plain

__all__ = ["plain", "result_dict", "result_schema", "to_json"]


def result_dict(result: ArticleResult) -> dict[str, Any]:
    return plain(result)


def to_json(result: ArticleResult, pretty: bool = False) -> str:
    return json.dumps(plain(result), ensure_ascii=False, indent=2 if pretty else None)


@lru_cache(maxsize=1)
def result_schema() -> dict:
    return json.loads(resources.files("newsevents").joinpath("schema/result.schema.json").read_text())
