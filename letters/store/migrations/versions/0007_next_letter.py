"""The next letter: decisions' due dates and follow-ups on the letters list, and IRO profiles.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

- letters gain `decisions_due` (JSON: [[decision number, "YYYY-MM-DD"], ...], the decisions that
  have a due date) and `followed_up` (JSON: [[letter id, decision number, outcome], ...], what
  this letter records happened to earlier decisions), so that the list can say which decisions
  are overdue without reading any letter's text. Both are copies of the current revision, kept
  by every save (`letters.store.documents.row_values`), and filled here from each letter's
  current revision;
- `iro_profiles`: a few sentences about an IRO for each age band, once per IRO (by name, as
  letters write it), and the digest of their photo if they want one;
- `iro_photos`: the photos by their SHA-256 digest, never changed once written, so that a letter
  names the photo it was sent with and can be exported again the same.

The backfill reads the documents with letters.followup (the code that keeps these columns on every
save), so it fills them as a save of the same letter would.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ... ADD COLUMN (not batch mode: on SQLite that would copy and drop the
    # letters table, and dropping it cascades to every revision).
    op.add_column("letters", sa.Column("decisions_due", sa.Text, nullable=True))
    op.add_column("letters", sa.Column("followed_up", sa.Text, nullable=True))
    op.create_table(
        "iro_profiles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name_key", sa.String(200), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("texts", sa.Text, nullable=False),
        sa.Column("photo", sa.String(64), nullable=True),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "iro_photos",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("mime", sa.String(40), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    _backfill()


def _backfill() -> None:
    from letters.interchange import letter_from_data
    from letters.store.documents import next_letter_values

    conn = op.get_bind()
    letters = sa.table(
        "letters",
        sa.column("id", sa.Integer),
        sa.column("current_revision", sa.Integer),
        sa.column("decisions_due", sa.Text),
        sa.column("followed_up", sa.Text),
    )
    revisions = sa.table(
        "revisions",
        sa.column("letter_id", sa.Integer),
        sa.column("number", sa.Integer),
        sa.column("document", sa.Text),
    )
    rows = conn.execute(
        sa.select(letters.c.id, revisions.c.document).join(
            revisions,
            sa.and_(revisions.c.letter_id == letters.c.id, revisions.c.number == letters.c.current_revision),
        )
    ).all()
    for row in rows:
        try:
            letter = letter_from_data(json.loads(row.document))
        except Exception:  # a document this version cannot read stays listed, without dates
            continue
        conn.execute(letters.update().where(letters.c.id == row.id).values(**next_letter_values(letter)))


def downgrade() -> None:
    op.drop_table("iro_photos")
    op.drop_table("iro_profiles")
    op.drop_column("letters", "followed_up")
    op.drop_column("letters", "decisions_due")
