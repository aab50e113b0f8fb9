"""The record shape, derived once from the dataclasses of `model.py`.

Table columns and the JSON output both come from walking the dataclass fields, so a
field added to `model.py` (with a default) reaches `extract`'s JSON, the tables and
every export without being written anywhere else. Nested dataclasses are flattened
into prefixed columns (`source.code` -> `source_code`); lists of dataclasses are their
own tables; fields marked `INTERNAL` in `model.py` (token indices into the spaCy Doc)
stay out of both.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Callable

# A top-level field named like an SQL keyword gets a column name that is not one.
RESERVED = {"start": "start_char", "end": "end_char"}

_SCALARS = {str: "text", int: "integer", float: "double", bool: "boolean", date: "date", datetime: "timestamp"}


@dataclass(frozen=True)
class Leaf:
    """One column: its name, portable type (see `schema.TYPES`) and the path of fields to it."""

    name: str
    type: str
    path: tuple[str, ...]


def internal(f: dataclasses.Field) -> bool:
    return bool(f.metadata.get("internal"))


def _unwrap(hint) -> tuple[Any, bool]:
    """`X | None` -> (X, True)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return hint, False


@cache
def _hints(cls) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _walk(cls, prefix: tuple[str, ...]) -> list[Leaf]:
    leaves: list[Leaf] = []
    hints = _hints(cls)
    for f in dataclasses.fields(cls):
        if internal(f):
            continue
        hint, _ = _unwrap(hints[f.name])
        path = (*prefix, f.name)
        if dataclasses.is_dataclass(hint):
            leaves += _walk(hint, path)
        elif typing.get_origin(hint) is list:
            (item,) = typing.get_args(hint)
            if dataclasses.is_dataclass(item):
                continue  # a child table of its own
            leaves.append(Leaf("_".join(path), _SCALARS[item] + "[]", path))
        else:
            name = "_".join(path)
            leaves.append(Leaf(RESERVED.get(name, name), _SCALARS[hint], path))
    return leaves


@cache
def leaves(cls) -> tuple[Leaf, ...]:
    """The flat columns of one dataclass, in field order."""
    return tuple(_walk(cls, ()))


def _getter(path: tuple[str, ...]) -> Callable[[Any], Any]:
    def get(obj):
        for name in path:
            if obj is None:
                return None
            obj = getattr(obj, name)
        return list(obj) if isinstance(obj, list) else obj

    return get


@cache
def _getters(cls) -> tuple[Callable[[Any], Any], ...]:
    return tuple(_getter(leaf.path) for leaf in leaves(cls))


def flat(obj) -> tuple:
    """One dataclass instance as the tuple of its `leaves` (None under a missing parent)."""
    return tuple(get(obj) for get in _getters(type(obj)))


def plain(obj):
    """A dataclass tree as JSON-ready dicts and lists; dates in ISO form, internal fields left out."""
    if dataclasses.is_dataclass(obj):
        return {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj) if not internal(f)}
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    return obj
