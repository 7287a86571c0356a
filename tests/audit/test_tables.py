"""Migration 0002: it adds the audit's tables to a database made by 0001, exactly as modelled."""

from __future__ import annotations

import sqlalchemy
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import letters.audit.tables  # noqa: F401  (registers the audit's tables on Base)
import letters.store.team.tables  # noqa: F401  (and team mode's)
from letters.store import open_store
from letters.store.engine import SCHEMA_HEAD, alembic_config
from letters.store.tables import Base


def test_upgrade_from_0001_adds_the_audit_tables(db_url):
    engine = sqlalchemy.create_engine(db_url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    engine.dispose()
    with open_store(db_url) as store, store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_heads() == (SCHEMA_HEAD,)
        names = set(sqlalchemy.inspect(conn).get_table_names())
    assert {
        "audit_samples",
        "audit_sample_items",
        "audit_grades",
        "audit_answers",
        "audit_disagreements",
        "audit_imports",
        "audit_keys",
        "audit_facts",
    } <= names


def test_the_audit_schema_matches_its_models(db_url):
    with open_store(db_url) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_0001_removes_only_the_audit_tables(db_url):
    open_store(db_url).close()
    engine = sqlalchemy.create_engine(db_url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0001")
        names = set(sqlalchemy.inspect(conn).get_table_names())
    engine.dispose()
    assert not [n for n in names if n.startswith("audit_")]
    assert {"letters", "revisions"} <= names
