"""A cache of each letter's audit facts, so exports need not re-check unchanged letters.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

Written out by hand so that later edits to letters/audit/tables.py cannot change what this
migration does to an existing database.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_facts",
        sa.Column(
            "letter_id",
            sa.Integer,
            sa.ForeignKey("letters.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("letter_version", sa.String(40), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("facts", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("audit_facts")
