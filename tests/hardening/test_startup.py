"""Cold start: what `extract` loads, and the cache that keeps stage knowledge cheap to load."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from newsevents import datacache


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NEWSEVENTS_NO_CACHE", raising=False)
    return tmp_path / "newsevents"


def _fields(value):
    """A value as plain nested tuples, frozensets sorted: patterns compare by identity, and a
    frozenset's repr order can differ after a pickle round trip though its members do not."""
    if dataclasses.is_dataclass(value):
        return (type(value).__name__,) + tuple(_fields(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (frozenset, set)):
        return ("set",) + tuple(sorted((_fields(v) for v in value), key=repr))
    if isinstance(value, dict):
        return ("dict",) + tuple((k, _fields(v)) for k, v in sorted(value.items(), key=lambda kv: repr(kv[0])))
    if isinstance(value, (tuple, list)):
        return tuple(_fields(v) for v in value)
    return value


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_cache_builds_once_then_reads_the_stored_copy(cache_home, tmp_path):
    source = tmp_path / "table.json"
    source.write_text('{"a": 1}', "utf-8")
    build, calls = _counting({"a": (1, 2)})
    assert datacache.cached("t", build, [source]) == {"a": (1, 2)}
    assert datacache.cached("t", build, [source]) == {"a": (1, 2)}
    assert len(calls) == 1
    assert len(list(cache_home.glob("t-*.pickle"))) == 1


def test_an_edited_source_is_rebuilt_not_served_stale(cache_home, tmp_path):
    source = tmp_path / "table.json"
    source.write_text('{"a": 1}', "utf-8")
    datacache.cached("t", lambda: "old", [source])
    source.write_text('{"a": 2}', "utf-8")
    assert datacache.cached("t", lambda: "new", [source]) == "new"


def test_a_damaged_cache_file_is_rebuilt(cache_home, tmp_path):
    source = tmp_path / "table.json"
    source.write_text("x", "utf-8")
    datacache.cached("t", lambda: "built", [source])
    (stored,) = cache_home.glob("t-*.pickle")
    stored.write_bytes(b"\x80\x05truncated")
    build, calls = _counting("rebuilt")
    assert datacache.cached("t", build, [source]) == "rebuilt" and calls == [1]
    assert datacache.cached("t", build, [source]) == "rebuilt" and calls == [1]


def test_an_unwritable_cache_only_costs_the_build(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    source = tmp_path / "table.json"
    source.write_text("x", "utf-8")
    build, calls = _counting("value")
    assert datacache.cached("t", build, [source]) == "value"
    assert datacache.cached("t", build, [source]) == "value"
    assert calls == [1, 1]


def test_no_cache_setting_always_builds(cache_home, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSEVENTS_NO_CACHE", "1")
    source = tmp_path / "table.json"
    source.write_text("x", "utf-8")
    build, calls = _counting("value")
    datacache.cached("t", build, [source])
    datacache.cached("t", build, [source])
    assert calls == [1, 1] and not cache_home.exists()


def test_cached_actor_knowledge_is_the_built_one(cache_home):
    from newsevents.actors import knowledge

    built = knowledge._build()
    datacache.cached("actors", knowledge._build, [])  # writes the pickle
    read = datacache.cached("actors", lambda: pytest.fail("should have been read from the cache"), [])
    assert read == built
    assert type(read.names).__name__ == "mappingproxy"  # still read-only after the round trip
    with pytest.raises(TypeError):
        read.names["new actor"] = 0  # type: ignore[index]


def test_cached_verb_index_is_the_built_one(cache_home):
    from newsevents.coding import patterns

    built = patterns._build_verb_index()
    datacache.cached("verbs", patterns._build_verb_index, [])
    read = datacache.cached("verbs", lambda: pytest.fail("should have been read from the cache"), [])
    assert _fields(read) == _fields(built)
    # The verbs of one family keep sharing one tuple of patterns (the anchor index is
    # cached per tuple), rather than each getting a copy.
    def tuples(index):
        return len({id(entry.patterns) for entries in index.values() for entry in entries})

    assert tuples(read) == tuples(built) < sum(len(entries) for entries in built.values())


def test_the_model_tokenizer_left_unread_is_the_same_as_the_saved_one(nlp):
    """nlp.py skips reading the model's tokenizer because it equals English's default;
    a model or spaCy upgrade that changes it must fail here, not shift offsets quietly."""
    from spacy.tokenizer import Tokenizer

    saved = Tokenizer(nlp.vocab).from_disk(nlp._path / "tokenizer")
    assert nlp.tokenizer.tokenizer.to_bytes() == saved.to_bytes()


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_extract_imports_no_database_or_web_library():
    loaded = _modules_after(
        "from newsevents.cli import app\n"
        "from newsevents.pipeline import analyse\n"
        "from newsevents.export.result_json import to_json"
    )
    assert "newsevents.pipeline" in loaded and "spacy" in loaded
    assert not loaded & {"duckdb", "pyarrow", "psycopg", "fastapi", "trafilatura", "dateparser", "ray"}


def test_help_imports_no_spacy():
    loaded = _modules_after(
        "import contextlib, io\n"
        "from newsevents.cli.__main__ import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])"
    )
    assert "newsevents.cli" in loaded
    assert "spacy" not in loaded and "duckdb" not in loaded


def test_a_country_lookup_reads_an_index_not_every_place():
    """Every article looks up its countries by code; a scan of 150k places cost ~0.3 s of
    each cold start."""
    from newsevents.where import gazetteer

    gaz = gazetteer.load()
    plan = gaz._db().execute("EXPLAIN QUERY PLAN " + gazetteer._COUNTRY_QUERY, ("UKR",)).fetchall()
    assert any("USING INDEX country_codes" in row[-1] for row in plan), plan
    assert gaz.country("UKR").name == "Ukraine"
    assert gaz.country("FRA").iso2 == "FR"
    assert gaz.country("XXX") is None
