"""Team mode: letter owners, shares, the access log, people and team settings.

Revision ID: 0006
Revises: 0005 (children as records)
Create Date: 2026-12-01

- letters gain `owner`: the PostgreSQL login of the IRO the letter belongs to (the row-level
  security policies read it; the free-text `iro` stays what the letter says). Empty on SQLite.
- `shares`: a letter shared with another login until a date (a covering IRO), who shared it and
  whether it was revoked;
- `access_log`: every read of a letter's text by someone other than its IRO, every export and
  every identifiable audit export (who, when, what, which command or screen);
- `people`: a login's display name (the roles themselves are PostgreSQL's);
- `team_settings`: what `letters team init` chose (the roles' prefix, what auditors may read);
- children's records (0005) gain `created_by`: the login that made a record, which may see it
  until a letter is attached; `child_claims`: records the database found for an IRO's new
  letter (by case number, or name and date of birth), which that IRO may then attach it to;
- `audit_facts.pseudonymous` and `audit_grade_texts`: the audit's facts and an auditor's
  comments with the names already taken out, written by someone who may read the letter, so that
  a manager's pseudonymous export never needs the names.

Portable tables only: on SQLite they stay empty. Roles, grants, policies and functions are
PostgreSQL's and are made by `letters team init` (letters/store/team/setup.py), not here, because
they need a role that may create roles and because their names depend on the database.

Written out by hand so that later edits to the models cannot change what this migration does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ... ADD COLUMN (not batch mode: on SQLite that would copy and drop the
    # letters table, and dropping it cascades to every revision).
    op.add_column("letters", sa.Column("owner", sa.String(63), nullable=True))
    op.create_index("ix_letters_owner", "letters", ["owner"])
    op.create_table(
        "shares",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "letter_id",
            sa.Integer,
            sa.ForeignKey("letters.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("login", sa.String(63), nullable=False),
        sa.Column("until", sa.Date, nullable=False),
        sa.Column("granted_by", sa.String(63), nullable=False),
        sa.Column("granted_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime, nullable=True),
        sa.Column("revoked_by", sa.String(63), nullable=True),
    )
    op.create_index("ix_shares_login", "shares", ["login"])
    op.create_index("ix_shares_letter_id", "shares", ["letter_id"])
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("person", sa.String(63), nullable=False),
        # No foreign key: the log outlives anything it names, and nothing may cascade into it.
        sa.Column("letter_id", sa.Integer, nullable=True),
        sa.Column("revision", sa.Integer, nullable=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("purpose", sa.String(100), nullable=False),
        sa.Column("detail", sa.String(200), nullable=False),
    )
    op.create_index("ix_access_log_at", "access_log", ["at"])
    op.create_index("ix_access_log_letter_id", "access_log", ["letter_id"])
    op.create_table(
        "people",
        sa.Column("login", sa.String(63), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("added_by", sa.String(63), nullable=False),
    )
    op.create_table(
        "team_settings",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )
    op.add_column("children", sa.Column("created_by", sa.String(63), nullable=True))
    op.create_table(
        "child_claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("login", sa.String(63), nullable=False),
        sa.Column(
            "child_id",
            sa.Integer,
            sa.ForeignKey("children.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("claimed_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_child_claims_login", "child_claims", ["login"])
    op.add_column("audit_facts", sa.Column("pseudonymous", sa.Text, nullable=True))
    op.create_table(
        "audit_grade_texts",
        sa.Column(
            "grade_id",
            sa.Integer,
            sa.ForeignKey("audit_grades.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("texts", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("audit_grade_texts")
    op.drop_column("audit_facts", "pseudonymous")
    op.drop_index("ix_child_claims_login", table_name="child_claims")
    op.drop_table("child_claims")
    op.drop_column("children", "created_by")
    op.drop_table("team_settings")
    op.drop_table("people")
    op.drop_index("ix_access_log_letter_id", table_name="access_log")
    op.drop_index("ix_access_log_at", table_name="access_log")
    op.drop_table("access_log")
    op.drop_index("ix_shares_letter_id", table_name="shares")
    op.drop_index("ix_shares_login", table_name="shares")
    op.drop_table("shares")
    op.drop_index("ix_letters_owner", table_name="letters")
    op.drop_column("letters", "owner")
