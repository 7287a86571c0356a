"""PostgreSQL: what only a server database does (the shared store tests also run on it: every
test using the `store` or `store_url` fixture runs once on SQLite and once on PostgreSQL when
LETTERS_TEST_POSTGRES_URL is set).
"""

from __future__ import annotations

import socket

import pytest
import sqlalchemy

from letters.demo import demo_letter
from letters.errors import StorageError
from letters.store import open_store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_an_unreachable_server_says_so_without_the_password() -> None:
    pytest.importorskip("psycopg")
    url = f"postgresql+psycopg://iro:s3cret-pass@127.0.0.1:{free_port()}/letters"
    with pytest.raises(StorageError, match="Cannot connect to the database") as caught:
        open_store(url)
    assert "s3cret-pass" not in str(caught.value)
    assert "127.0.0.1" in str(caught.value)


def test_a_row_locked_by_another_session_gives_a_busy_message(postgres_url: str) -> None:
    with open_store(postgres_url, timeout=0.3) as store:
        letter = demo_letter()
        letter_id = store.add(letter)
        other = sqlalchemy.create_engine(postgres_url)
        with other.connect() as conn:
            conn.execute(
                sqlalchemy.text("SELECT id FROM letters WHERE id = :id FOR UPDATE"),
                {"id": letter_id},
            )
            letter.section("hello").text = "Saved while another session held the row."  # type: ignore[union-attr]
            with pytest.raises(StorageError, match="is busy"):
                store.save(letter)
            conn.rollback()
        other.dispose()
        assert store.save(letter) == 2
