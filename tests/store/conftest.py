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


def worker_database(url: str) -> str:
    """A database of its own for each pytest-xdist worker (tests in parallel must not share one)."""
    import sqlalchemy

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker:
        return url
    base = sqlalchemy.engine.make_url(url)
    name = f"{base.database}_{worker}"
    engine = sqlalchemy.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            exists = conn.execute(
                sqlalchemy.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).scalar()
            if not exists:
                conn.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def postgres_url() -> str:
    """LETTERS_TEST_POSTGRES_URL (a database per test worker), emptied; skipped when not set."""
    if not POSTGRES_URL:
        pytest.skip("set LETTERS_TEST_POSTGRES_URL to run the store tests against PostgreSQL")
    url = worker_database(POSTGRES_URL)
    empty_postgres(url)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, db_url: str) -> str:
    if request.param == "sqlite":
        return db_url
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened
