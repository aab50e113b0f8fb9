"""The reference article (../shared): every event it had keeps its dyad, and the
dismissal of Putin's allegations now names their author as target."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.pipeline import process
from newsevents.readers.markdown import read_markdown

# (not conftest.needs_shared: another folder's conftest.py can shadow that module name)
REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "moscow-times-2015-01-27-nato-backs-kiev.md"


@pytest.fixture(scope="module")
def events(nlp):
    if not REFERENCE.exists():
        pytest.skip("../shared is absent")
    path = REFERENCE
    result = process(read_markdown(path.read_text("utf-8"), str(path)))
    return {(e.trigger.text, e.source.code, e.target.code if e.target else None, e.cameo.code) for e in result.events}


def test_dismissed_allegations_target_their_author(events):
    assert ("dismissed", "IGOWSTNAT", "RUSGOV", "016") in events


@pytest.mark.parametrize("expected", [
    ("blamed", "IGOWSTNAT", "UKRREB", "112"),
    ("called", "IGOWSTNAT", "RUSGOV", "020"),
    ("criticized", "IGOWSTNAT", "RUS", "111"),
    ("supported", "IGOWSTNAT", "UKR", "050"),
    # condemn is its own criticism (111), not the accusation (1123) a pattern of another
    # verb in its dictionary family says
    ("condemn", "IGOWSTNAT", "UKRREB", "111"),
    ("call", "IGOWSTNAT", "RUS", "020"),
])
def test_the_articles_main_events_keep_their_dyads(events, expected):
    assert expected in events
