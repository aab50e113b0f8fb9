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
from pathlib import Path

import newsevents

from newsevents import __version__
from newsevents.model import Article
from newsevents.store.shape import plain

# Content the coder does not read: where the article was read from, and its id.
_NOT_CONTENT = ("id", "source")


# The code that decides what is coded: a change here changes the coder even when the
# package version does not (storage, exports and the command line are left out).
CODER_CODE = ("actors", "attribution", "coding", "when", "where", "model.py", "nlp.py", "pipeline.py")


@cache
def coder_version() -> str:
    """The package version plus a hash of the coder's source, e.g. "0.1.0+3f2a9c1d"."""
    digest = hashlib.sha1()
    root = Path(newsevents.__file__).parent
    for name in CODER_CODE:
        node = root / name
        for f in [node] if node.is_file() else sorted(node.rglob("*.py")):
            digest.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
    return f"{__version__}+{digest.hexdigest()[:8]}"


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
    # Empty fields are left out, so a field `model.py` gains later does not make every
    # stored article look edited.
    content = {k: v for k, v in plain(article).items() if k not in _NOT_CONTENT and v is not None}
    return hashlib.sha1(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
