"""Plain SQL as a team member, for the tests of what each role may do (no app code in between)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import psycopg
import pytest
import sqlalchemy

from letters.demo import demo_letter
from letters.store.team import open_for
from tests.teamdb import TeamDatabase

DENIED = (psycopg.errors.InsufficientPrivilege,)
REVISION = (
    "INSERT INTO revisions (letter_id, number, saved_at, author, summary, document, kind, reason, place) "
)


@contextmanager
def plain(db: TeamDatabase, short: str) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    url = sqlalchemy.make_url(db.url(short))
    conn = psycopg.connect(
        host=url.host,
        port=url.port,
        dbname=url.database,
        user=url.username,
        password=url.password,
        autocommit=True,
    )
    try:
        yield conn
    finally:
        conn.close()


def rows(conn: psycopg.Connection[tuple[object, ...]], sql: str, *params: object) -> list[tuple[object, ...]]:
    return conn.execute(sql, params).fetchall()


def refused(conn: psycopg.Connection[tuple[object, ...]], sql: str, *params: object) -> str:
    with pytest.raises(DENIED) as caught:
        conn.execute(sql, params)
    return str(caught.value)


def letter_of(
    db: TeamDatabase, short: str, child: str = "Ellie", *, born: date | None = None, case: str = ""
) -> int:
    """A new letter by this person (through the real store, as the app would add it)."""
    store = open_for(db.url(short)).store
    with store:
        letter = demo_letter()
        letter.child.name = child
        letter.child.date_of_birth = born or letter.child.date_of_birth
        letter.child.case_id = case
        return store.add(letter)


def child_of(db: TeamDatabase, letter_id: int) -> int:
    """The letter's child's record (asked as the owner)."""
    return int(db.sql("SELECT child_id FROM letters WHERE id = :i", i=letter_id)[0][0])


def send(db: TeamDatabase, letter_id: int) -> None:
    db.sql(
        "UPDATE letters SET status = 'sent', sent_on = meeting_date + 10, sent_revision = current_revision "
        "WHERE id = :i",
        i=letter_id,
    )
