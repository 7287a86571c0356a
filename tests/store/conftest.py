"""The store tests run against SQLite always, and PostgreSQL too when LETTERS_TEST_POSTGRES_URL is
set (for example postgresql+psycopg://letters:letters@localhost/letters_test). The PostgreSQL
database is emptied before each test, so point it at a database used only for tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from letters.store import Store, open_store

POSTGRES_URL = os.environ.get("LETTERS_TEST_POSTGRES_URL", "")


def empty_postgres(url: str) -> None:
    import sqlalchemy

    engine = sqlalchemy.create_engine(url)
    try:
        tables = sqlalchemy.MetaData()
        tables.reflect(engine)
        tables.drop_all(engine)
    finally:
        engine.dispose()


@pytest.fixture
def postgres_url() -> str:
    """LETTERS_TEST_POSTGRES_URL, emptied; the test is skipped when it is not set."""
    if not POSTGRES_URL:
        pytest.skip("set LETTERS_TEST_POSTGRES_URL to run the store tests against PostgreSQL")
    empty_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, db_url: str) -> str:
    if request.param == "sqlite":
        return db_url
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened
