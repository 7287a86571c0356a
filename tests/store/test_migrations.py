"""Migrations: a database made by the first migration opens and is brought up to date, and the
migrated schema is exactly what the models describe.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import sqlalchemy
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from letters.interchange import letter_to_data
from letters.model import Status
from letters.store import open_store
from letters.store.engine import alembic_config
from letters.store.gate import mark
from letters.store.tables import Base


def heads() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def test_a_database_made_by_migration_0001_is_upgraded_and_keeps_its_letters(
    store_url: str,
) -> None:
    from letters.demo import demo_letter

    engine = sqlalchemy.create_engine(store_url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
        # A letter as the first version of letters stored it.
        saved = datetime(2026, 11, 19, 9, 30)
        conn.execute(
            sqlalchemy.text(
                "INSERT INTO letters (id, created_at, updated_at, current_revision, child_name,"
                " child_age, meeting_date, iro, status) VALUES (1, :t, :t, 1, 'Ellie', 9, :d,"
                " 'Priya Nandra', 'draft')"
            ),
            {"t": saved, "d": date(2026, 11, 18)},
        )
        conn.execute(
            sqlalchemy.text(
                "INSERT INTO revisions (letter_id, number, saved_at, author, summary, document)"
                " VALUES (1, 1, :t, 'pnandra', 'First version', :doc)"
            ),
            {
                "t": saved,
                "doc": json.dumps(letter_to_data(demo_letter(), record=False), default=date.isoformat),
            },
        )
        assert MigrationContext.configure(conn).get_current_heads() == ("0001",)
    engine.dispose()

    with open_store(store_url) as store:
        with store.engine.connect() as conn:
            assert set(MigrationContext.configure(conn).get_current_heads()) == heads()
        letter = store.get(1)
        assert letter.sections == demo_letter().sections
        assert letter.updated_at is not None and letter.updated_at.replace(tzinfo=None) == saved
        mark(store, 1, Status.READY)
        assert [(r.number, r.kind, r.author) for r in store.history(1)] == [
            (1, "edit", "pnandra"),
            (2, "status", store.person),
        ]


def test_migration_0004_keeps_every_revision_and_marks_imported_and_sent_letters(
    store_url: str,
) -> None:
    """Adding columns to `letters` must not copy and drop the table: on SQLite, dropping it would
    cascade to every revision (batch mode did exactly that)."""
    from letters.demo import demo_letter

    engine = sqlalchemy.create_engine(store_url)
    doc = json.dumps(letter_to_data(demo_letter(), record=False), default=date.isoformat)
    saved = datetime(2026, 11, 19, 9, 30)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0003")
        for letter_id, status in ((1, "sent"), (2, "draft"), (3, "sent")):
            conn.execute(
                sqlalchemy.text(
                    "INSERT INTO letters (id, created_at, updated_at, current_revision, child_name,"
                    " child_age, meeting_date, iro, status) VALUES (:id, :t, :t, 2, 'Ellie', 9, :d,"
                    " 'Priya Nandra', :s)"
                ),
                {"id": letter_id, "t": saved, "d": date(2026, 11, 18), "s": status},
            )
            for number in (1, 2):
                conn.execute(
                    sqlalchemy.text(
                        "INSERT INTO revisions (letter_id, number, saved_at, author, summary, document)"
                        " VALUES (:id, :n, :t, 'pnandra', 'x', :doc)"
                    ),
                    {"id": letter_id, "n": number, "t": saved, "doc": doc},
                )
        conn.execute(
            sqlalchemy.text(
                "INSERT INTO audit_imports (letter_id, file_name, sha256, imported_at, imported_by)"
                " VALUES (3, 'old.docx', 'ab', :t, 'pnandra')"
            ),
            {"t": saved},
        )
    engine.dispose()
    with open_store(store_url) as store:
        assert [len(store.history(i)) for i in (1, 2, 3)] == [2, 2, 2]
        assert [(s.id, s.imported) for s in store.list()] == [(3, True), (2, False), (1, False)]
        assert [store.sent_revision(i) for i in (1, 2, 3)] == [2, None, 2]
        assert {r.kind for r in store.history(1)} == {"edit"}


def test_the_migrated_schema_matches_the_models(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                # Tables other modules add through their own migrations are theirs to check.
                "include_object": lambda obj, name, kind, reflected, compare_to: (
                    not (kind == "table" and reflected and compare_to is None)
                ),
                "compare_type": True,
            },
        )
        assert compare_metadata(context, Base.metadata) == []


def test_the_fast_path_knows_the_newest_migration() -> None:
    """An up-to-date database opens without Alembic only if SCHEMA_HEAD is really the head."""
    from alembic.script import ScriptDirectory

    from letters.store.engine import SCHEMA_HEAD, alembic_config

    assert set(ScriptDirectory.from_config(alembic_config()).get_heads()) == {SCHEMA_HEAD}
