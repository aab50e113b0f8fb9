"""`--help` of every command: no Python annotations as types, no type on flags."""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from newsevents.cli import app


def _command_paths(command, prefix=()):
    yield prefix
    for name, sub in getattr(command, "commands", {}).items():
        yield from _command_paths(sub, prefix + (name,))


PATHS = list(_command_paths(typer.main.get_command(app)))


def _help(*path: str) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.output


def test_every_command_is_covered():
    assert ("extract",) in PATHS and ("eval", "quotes") in PATHS and () in PATHS


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "newsevents")
def test_help_shows_no_annotation_noise(path):
    text = _help(*path)
    assert "<bool>" not in text and "list[" not in text
    assert re.search(r"--help +Show this message and exit\.", text)


def test_flags_take_no_type_and_values_keep_theirs():
    text = _help("ingest")
    assert re.search(r"--watch +Keep watching", text)
    assert re.search(r"--published +<str> +Publication date", text)
    assert re.search(r"--workers +<int range> \[x>=1\] +Worker processes", text)
    assert re.search(r"inputs\.\.\. +<str> +Files, directories", text)
    assert re.search(r"--verbose +-v +Also say what is skipped", _help())
