"""Stage knowledge built once per machine, not once per process.

Building the actor dictionaries and the verb-pattern index from their JSON takes about
0.6 s of CPU, a third of `extract`'s cold start on one article; unpickling the built
objects takes a few hundredths. The pickle is kept under the user's cache directory and
keyed by the content of the data files and of the code that builds from them, so an
edited dictionary or loader is rebuilt on its next use, never served stale.
"""

from __future__ import annotations

import copyreg
import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Protocol, TypeVar

T = TypeVar("T")

log = logging.getLogger(__name__)

def _read_only(table: dict) -> MappingProxyType:
    return MappingProxyType(table)


# The stages hand out read-only views of their tables; a view pickles as its dict.
copyreg.pickle(MappingProxyType, lambda view: (_read_only, (dict(view),)))


class Source(Protocol):  # a Path, or a package resource (importlib.resources)
    def read_bytes(self) -> bytes: ...


def data_files(package: str) -> list[Source]:
    """Every file of a data package: a file added to it later is in the key without a word."""
    return sorted((f for f in resources.files(package).iterdir() if f.is_file()), key=lambda f: f.name)


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsevents"


def _key(name: str, sources: Iterable[Source]) -> str:
    digest = hashlib.sha256(f"{sys.version_info[:2]}\0{pickle.HIGHEST_PROTOCOL}".encode())
    for source in sources:
        digest.update(source.read_bytes())
    return f"{name}-{digest.hexdigest()[:20]}.pickle"


def _load(fh):
    # Hundreds of thousands of small tuples and dicts would set off the cyclic collector
    # again and again while none of them can be garbage yet: it costs 3/4 of the load.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(fh)
    finally:
        if enabled:
            gc.enable()


def cached(name: str, build: Callable[[], T], sources: Iterable[Source]) -> T:
    """`build()`, or its result from an earlier process when none of `sources` changed.

    `NEWSEVENTS_NO_CACHE=1` always builds. A cache that cannot be read or written (a
    read-only home, a full disk, a file from another version) only costs the build.
    """
    if os.environ.get("NEWSEVENTS_NO_CACHE"):
        return build()
    path = cache_dir() / _key(name, sources)
    try:
        with path.open("rb") as fh:
            return _load(fh)
    except FileNotFoundError:
        pass
    except Exception as error:  # a truncated or foreign file: rebuild it
        log.debug("cache %s unreadable (%s), rebuilding", path, error)
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: parallel workers never read a half-written file.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception as error:  # no cache is only slower, never wrong
        log.debug("cache %s not written (%s)", path, error)
    return value
