"""Fixtures every test may use: an isolated home and environment, and a database URL.

The autouse fixture points HOME and the XDG folders at `tmp_path` and removes LETTERS_* settings
(except LETTERS_TEST_*, which configure the test run itself), so no test reads or writes the real
user's config or database.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name, folder in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(name, str(home / folder))
    for name in list(os.environ):
        if name.startswith("LETTERS_") and not name.startswith("LETTERS_TEST_"):
            monkeypatch.delenv(name)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A SQLite database in `tmp_path` (created by whatever opens it first)."""
    return f"sqlite:///{tmp_path / 'letters.db'}"


@pytest.fixture(scope="session")
def team_database():  # type: ignore[no-untyped-def]
    """A team database on the test PostgreSQL server (tests/teamdb.py), made once per worker."""
    base = os.environ.get("LETTERS_TEST_POSTGRES_URL", "")
    if not base:
        pytest.skip("set LETTERS_TEST_POSTGRES_URL to run the team-mode tests against PostgreSQL")
    from tests.teamdb import TeamDatabase

    database = TeamDatabase.create(base)
    yield database
    database.drop()


@pytest.fixture
def team_db(team_database):  # type: ignore[no-untyped-def]
    """The team database with no letters, shares or log rows."""
    team_database.empty()
    return team_database
