"""The writing loop: who and why on each revision, the journal, pre-send checks, waivers.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

- revisions gain `kind` (edit, status, amended, kept, restored), `based_on` (the revision the
  editor started from), `reason` (why a sent letter was amended, why open errors were overridden)
  and `place` (where the last edit was, to reopen there);
- letters gain `imported` (set for letters `letters import` brought in, which are records of
  letters sent elsewhere) and `sent_revision` (the revision that was sent; for letters already
  sent, their current revision, the best this database knows);
- `journal`: one row per open editor holding the text typed since its last revision;
- `send_checks`: the open findings when a letter was marked ready or sent, and the reason given;
- `waivers`: why a rule was switched off, or flagged words accepted, in one letter.

Written out by hand so that later edits to letters/store/tables.py cannot change what this
migration does to an existing database.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ... ADD COLUMN on both engines. Not batch mode: on SQLite it would copy
    # and drop the letters table, and dropping it cascades to every revision.
    op.add_column("revisions", sa.Column("kind", sa.String(16), nullable=False, server_default="edit"))
    op.add_column("revisions", sa.Column("based_on", sa.Integer, nullable=True))
    op.add_column("revisions", sa.Column("reason", sa.Text, nullable=False, server_default=""))
    op.add_column("revisions", sa.Column("place", sa.String(100), nullable=False, server_default=""))
    op.add_column("letters", sa.Column("imported", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("letters", sa.Column("sent_revision", sa.Integer, nullable=True))
    letters = sa.table(
        "letters",
        sa.column("id", sa.Integer),
        sa.column("imported", sa.Boolean),
        sa.column("status", sa.String),
        sa.column("current_revision", sa.Integer),
        sa.column("sent_revision", sa.Integer),
    )
    imports = sa.table("audit_imports", sa.column("letter_id", sa.Integer))
    op.execute(letters.update().where(letters.c.id.in_(sa.select(imports.c.letter_id))).values(imported=True))
    op.execute(
        letters.update().where(letters.c.status == "sent").values(sent_revision=letters.c.current_revision)
    )
    op.create_table(
        "journal",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "letter_id",
            sa.Integer,
            sa.ForeignKey("letters.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("session", sa.String(64), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("host", sa.String(200), nullable=False),
        sa.Column("pid", sa.Integer, nullable=False),
        sa.Column("based_on", sa.Integer, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("place", sa.String(100), nullable=False),
        sa.Column("saved_at", sa.DateTime, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.UniqueConstraint("letter_id", "session", name="uq_journal_letter_session"),
    )
    op.create_table(
        "send_checks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "letter_id",
            sa.Integer,
            sa.ForeignKey("letters.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("checked_at", sa.DateTime, nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("errors", sa.Integer, nullable=False),
        sa.Column("warnings", sa.Integer, nullable=False),
        sa.Column("infos", sa.Integer, nullable=False),
        sa.Column("findings", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_index("ix_send_checks_letter_id", "send_checks", ["letter_id"])
    op.create_table(
        "waivers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "letter_id",
            sa.Integer,
            sa.ForeignKey("letters.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.String(500), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("given_at", sa.DateTime, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
    )
    op.create_index("ix_waivers_letter_id", "waivers", ["letter_id"])


def downgrade() -> None:
    op.drop_index("ix_waivers_letter_id", table_name="waivers")
    op.drop_table("waivers")
    op.drop_index("ix_send_checks_letter_id", table_name="send_checks")
    op.drop_table("send_checks")
    op.drop_table("journal")
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35 and later): batch mode would copy and drop
    # the letters table, and dropping it cascades to every revision.
    for column in ("sent_revision", "imported"):
        op.drop_column("letters", column)
    for column in ("place", "reason", "based_on", "kind"):
        op.drop_column("revisions", column)
