"""The first schema: letters and their revisions.

Revision ID: 0001
Revises:
Create Date: 2026-11-24

Written out by hand rather than from the models, so that later edits to letters/store/tables.py
cannot change what this migration does to an existing database.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "letters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("deleted_at", sa.DateTime, nullable=True),
        sa.Column("current_revision", sa.Integer, nullable=False),
        sa.Column("child_name", sa.String(200), nullable=False),
        sa.Column("child_age", sa.Integer, nullable=True),
        sa.Column("meeting_date", sa.Date, nullable=False),
        sa.Column("iro", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("sent_on", sa.Date, nullable=True),
    )
    op.create_index("ix_letters_meeting_date", "letters", ["meeting_date"])
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "letter_id",
            sa.Integer,
            sa.ForeignKey("letters.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("saved_at", sa.DateTime, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("summary", sa.String(500), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.UniqueConstraint("letter_id", "number", name="uq_revisions_letter_number"),
    )


def downgrade() -> None:
    op.drop_table("revisions")
    op.drop_index("ix_letters_meeting_date", table_name="letters")
    op.drop_table("letters")
