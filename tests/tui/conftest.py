"""Fixtures for the app's tests: a database with the demo letter, and the app on it."""

from __future__ import annotations

import pytest

from letters.config import Config
from letters.demo import demo_letter
from letters.store import open_store


@pytest.fixture
def demo_db(db_url: str) -> tuple[str, int]:
    """A database holding the demo letter: (url, letter id)."""
    with open_store(db_url, config=Config()) as store:
        letter_id = store.add(demo_letter())
    return db_url, letter_id
