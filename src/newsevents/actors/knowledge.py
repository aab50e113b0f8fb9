"""Actor knowledge loaded once per process from data/actors (built by scripts/build_actors.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from newsevents.datacache import cached, data_files


@dataclass(frozen=True)
class Knowledge:
    names: Mapping[str, int]  # token key -> index into codes
    codes: tuple  # per entry: ((code, from, to), ...) with ISO day strings or None
    name_span: Mapping[str, int]  # first token -> longest name starting with it (in tokens)
    agents: Mapping[str, str]  # token key -> sector ("REB", "GOVMIL", "" for bare titles)
    agent_span: Mapping[str, int]
    countries: Mapping[str, dict]
    capitals: Mapping[str, str]  # capital token key -> ISO alpha-3
    ext: Mapping[str, object]


def _read(name: str):
    return json.loads(resources.files("newsevents.data.actors").joinpath(name).read_text(encoding="utf-8"))


def _spans(keys) -> dict[str, int]:
    spans: dict[str, int] = {}
    for key in keys:
        parts = key.split(" ")
        spans[parts[0]] = max(spans.get(parts[0], 0), len(parts))
    return spans


@lru_cache(maxsize=1)
def load() -> Knowledge:
    return cached("actors", _build, [Path(__file__), *data_files("newsevents.data.actors")])


def _build() -> Knowledge:
    actors = _read("actors.json")
    ext = _read("extensions.json")
    agents = {**_read("agents.json"), **ext["agents"], **ext["equipment"]}
    for word in ext["not_agents"]:
        agents.pop(word, None)
    countries = _read("countries.json")
    capitals = {key: iso3 for iso3, info in countries.items() for key in info.get("capitals", [])}
    names, codes = dict(actors["names"]), list(actors["codes"])
    for key, code in ext["names"].items():  # names the dictionaries lack ("EU" alone)
        names.setdefault(key, len(codes))
        codes.append([[code, None, None]])
    return Knowledge(
        names=MappingProxyType(names),
        codes=tuple(tuple(tuple(c) for c in entry) for entry in codes),
        name_span=MappingProxyType(_spans(names)),
        agents=MappingProxyType(agents),
        agent_span=MappingProxyType(_spans(agents)),
        countries=MappingProxyType(countries),
        capitals=MappingProxyType(capitals),
        ext=MappingProxyType(ext),
    )


def code_at(codes: tuple, day: date | None) -> str | None:
    """The entry's code on `day`: the dated range that holds it (the latest-starting one if
    several do), else the undated default.

    Undated articles (day None): a person is in the news mostly while in office, so the
    latest-starting dated range that is not a "former"/elite one (…ELI) wins; then the
    undated default; then the newest range of any kind."""
    undated = [c[0] for c in codes if c[1] is None and c[2] is None]
    dated = [c for c in codes if c[1] is not None or c[2] is not None]
    if day is None:
        in_office = [c for c in dated if not c[0].endswith("ELI")]
        if in_office:
            return max(in_office, key=lambda c: c[1] or "")[0]
        if undated:
            return undated[0]
        return max(dated, key=lambda c: c[1] or "")[0] if dated else None
    iso = day.isoformat()
    inside = [c for c in dated if (c[1] is None or c[1] <= iso) and (c[2] is None or iso <= c[2])]
    if inside:
        return max(inside, key=lambda c: c[1] or "")[0]
    return undated[0] if undated else None


def is_country_code(code: str | None) -> bool:
    return bool(code) and len(code) == 3 and code.isalpha() and code in load().countries
