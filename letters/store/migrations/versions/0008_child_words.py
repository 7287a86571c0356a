"""The child's own words belong to the child's record.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08

- children gain `words`: the child's words profile (what they call their parents, carers, home,
  brothers and sisters and their IRO, their other words, words not to use with them) as JSON
  (`letters.child_words.words_to_record`). Until now it lived only in each letter; from now on
  the store keeps the record's copy up to date as letters are saved, and a new letter for the
  child starts from it (letters.store.record_words);
- each record is filled here from its latest letter that has words: the newest by meeting date
  (letters in the bin left out), as its current revision has them. A record none of whose
  letters has any stays empty (None).

It reads the documents with letters.interchange (the code every save uses), and reports nothing
of what it reads: the words are children's personal data.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ... ADD COLUMN (not batch mode: on SQLite that would copy and drop the
    # table, as 0007 says of `letters`).
    op.add_column("children", sa.Column("words", sa.Text, nullable=True))
    _backfill()


def _backfill() -> None:
    from letters.child_words import has_words, words_to_record
    from letters.interchange import letter_from_data

    conn = op.get_bind()
    children = sa.table("children", sa.column("id", sa.Integer), sa.column("words", sa.Text))
    letters = sa.table(
        "letters",
        sa.column("id", sa.Integer),
        sa.column("child_id", sa.Integer),
        sa.column("meeting_date", sa.Date),
        sa.column("current_revision", sa.Integer),
        sa.column("deleted_at", sa.DateTime),
    )
    revisions = sa.table(
        "revisions",
        sa.column("letter_id", sa.Integer),
        sa.column("number", sa.Integer),
        sa.column("document", sa.Text),
    )
    rows = conn.execute(
        sa.select(letters.c.child_id, revisions.c.document)
        .join(
            revisions,
            sa.and_(revisions.c.letter_id == letters.c.id, revisions.c.number == letters.c.current_revision),
        )
        .where(letters.c.child_id.is_not(None), letters.c.deleted_at.is_(None))
        .order_by(letters.c.child_id, letters.c.meeting_date.desc(), letters.c.id.desc())
    )
    done: set[int] = set()
    found: dict[int, str] = {}
    for row in rows:
        child_id = int(row.child_id)
        if child_id in done:
            continue
        try:
            words = letter_from_data(json.loads(row.document)).child.words
        except Exception:  # a document this version cannot read: the next newest letter may say
            continue
        if has_words(words):
            found[child_id] = words_to_record(words)
            done.add(child_id)
    for child_id, text in found.items():
        conn.execute(children.update().where(children.c.id == child_id).values(words=text))


def downgrade() -> None:
    op.drop_column("children", "words")
