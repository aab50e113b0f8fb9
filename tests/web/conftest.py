"""A small real database for the web tests: the fixture articles of tests/web/articles,
ingested through the real pipeline once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ARTICLES = Path(__file__).resolve().parent / "articles"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> str:
    from newsevents.cli import app

    path = str(tmp_path_factory.mktemp("web") / "web.duckdb")
    result = CliRunner().invoke(app, ["ingest", str(ARTICLES), "--db", path, "--workers", "1"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="session")
def web_app(web_db):
    from newsevents.web.app import create_app
    from newsevents.web.db import Database

    database = Database(web_db)
    yield create_app(database)
    database.close()


@pytest.fixture(scope="session")
def client(web_app):
    from fastapi.testclient import TestClient

    return TestClient(web_app)
