"""The audit's tables: samples, grades, answers, disagreements, imported letters, keys.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

Written out by hand (like 0001) so that later edits to letters/audit/tables.py cannot change what
this migration does to an existing database.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_samples",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("seed", sa.String(64), nullable=False),
        sa.Column("per_iro", sa.Integer, nullable=True),
        sa.Column("drawn_by", sa.String(200), nullable=False),
        sa.Column("drawn_at", sa.DateTime, nullable=False),
        sa.Column("superseded_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_audit_samples_month", "audit_samples", ["month"])
    op.create_table(
        "audit_sample_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "sample_id",
            sa.Integer,
            sa.ForeignKey("audit_samples.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "letter_id",
            sa.Integer,
            sa.ForeignKey("letters.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("iro", sa.String(200), nullable=False),
        sa.Column("age_band", sa.String(20), nullable=False),
        sa.UniqueConstraint("sample_id", "letter_id", name="uq_audit_item_letter"),
    )
    op.create_table(
        "audit_grades",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "item_id",
            sa.Integer,
            sa.ForeignKey("audit_sample_items.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("letter_id", sa.Integer, nullable=False),
        sa.Column("letter_revision", sa.Integer, nullable=False),
        sa.Column("auditor", sa.String(200), nullable=False),
        sa.Column("overall", sa.String(40), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("graded_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_audit_grades_item_id", "audit_grades", ["item_id"])
    op.create_index("ix_audit_grades_letter_id", "audit_grades", ["letter_id"])
    op.create_table(
        "audit_answers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "grade_id",
            sa.Integer,
            sa.ForeignKey("audit_grades.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("question", sa.String(64), nullable=False),
        sa.Column("question_text", sa.Text, nullable=False),
        sa.Column("answer", sa.String(10), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("suggested", sa.String(10), nullable=True),
    )
    op.create_index("ix_audit_answers_grade_id", "audit_answers", ["grade_id"])
    op.create_table(
        "audit_disagreements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "answer_id",
            sa.Integer,
            sa.ForeignKey("audit_answers.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("suggested", sa.String(10), nullable=False),
        sa.Column("answer", sa.String(10), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("auditor", sa.String(200), nullable=False),
    )
    op.create_table(
        "audit_imports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "letter_id",
            sa.Integer,
            sa.ForeignKey("letters.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("imported_at", sa.DateTime, nullable=False),
        sa.Column("imported_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "audit_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("purpose", sa.String(32), nullable=False, unique=True),
        sa.Column("secret", sa.String(128), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("audit_keys")
    op.drop_table("audit_imports")
    op.drop_table("audit_disagreements")
    op.drop_index("ix_audit_answers_grade_id", table_name="audit_answers")
    op.drop_table("audit_answers")
    op.drop_index("ix_audit_grades_letter_id", table_name="audit_grades")
    op.drop_index("ix_audit_grades_item_id", table_name="audit_grades")
    op.drop_table("audit_grades")
    op.drop_table("audit_sample_items")
    op.drop_index("ix_audit_samples_month", table_name="audit_samples")
    op.drop_table("audit_samples")
