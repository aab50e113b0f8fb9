"""What coded a row: the package version and a hash of the knowledge data it read.

`recode --outdated` compares these with the running coder's to find articles coded by an
older coder or older data files. The dedup rules are left out of the data hash: they
change how mentions are grouped, not what is coded.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources

from newsevents import __version__
from newsevents.model import Article
from newsevents.store.shape import plain

# Content the coder does not read: where the article was read from, and its id.
_NOT_CONTENT = ("id", "source")


def coder_version() -> str:
    return __version__


@cache
def data_hash() -> str:
    digest = hashlib.sha1()
    root = resources.files("newsevents").joinpath("data")
    files = []

    def walk(node, prefix: str) -> None:
        for child in node.iterdir():
            name = f"{prefix}{child.name}"
            if child.is_dir():
                if name != "dedup":
                    walk(child, name + "/")
            elif not child.name.startswith("."):
                files.append((name, child))

    walk(root, "")
    for name, child in sorted(files, key=lambda pair: pair[0]):
        digest.update(name.encode() + b"\0" + child.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def content_hash(article: Article) -> str:
    """Hash of what the coder sees of an article: an edit at the same URL changes it."""
    content = {k: v for k, v in plain(article).items() if k not in _NOT_CONTENT}
    return hashlib.sha1(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
