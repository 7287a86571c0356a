"""Children as records: each letter belongs to a child, grouped here once from the letters there are.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

- `children`: one row per child: the authority's case number where known, the name they like to
  be called, date of birth, when they became looked after, whether they are an unaccompanied
  asylum-seeking child, how their letters were grouped (`grouped_by`), and, when merged into
  another record, which (`merged_into`; the row is kept);
- letters gain `child_id`, the child's record;
- audit samples gain `letters_as_of`: the time whose letters a sample was drawn from, so that
  drawing it again with its seed gives the same sample.

Existing letters are grouped into children: the same case number; else the same name and date of
birth; else (no date of birth) the same name and IRO. Names are compared ignoring case and spaces.
Each record says which rule grouped it, and `letters child list` shows it; `letters child merge`
and `letters child split` mend mistakes, keeping every letter and revision. Pseudonymous
references come from the record from now on, so they change once here (exports say so).

Written out by hand so that later edits to letters/store/tables.py cannot change what this
migration does to an existing database. No revision is touched.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: `children.grouped_by` for records made here.
BY_CASE = "case number"
BY_BIRTH = "name and date of birth"
BY_IRO = "name and IRO"


def _norm(text: object) -> str:
    return " ".join(str(text or "").casefold().split())


def upgrade() -> None:
    op.create_table(
        "children",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.String(100), nullable=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("date_of_birth", sa.Date, nullable=True),
        sa.Column("looked_after_since", sa.Date, nullable=True),
        sa.Column("uasc", sa.Boolean, nullable=True),
        sa.Column("grouped_by", sa.String(60), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("merged_into", sa.Integer, sa.ForeignKey("children.id"), nullable=True),
    )
    op.create_index("ix_children_case_id", "children", ["case_id"])
    # Plain ADD COLUMN (not batch mode: on SQLite that would copy and drop the letters table).
    op.add_column("letters", sa.Column("child_id", sa.Integer, nullable=True))
    op.create_index("ix_letters_child_id", "letters", ["child_id"])
    op.add_column("audit_samples", sa.Column("letters_as_of", sa.DateTime, nullable=True))
    _group_letters()


def _group_letters() -> None:
    conn = op.get_bind()
    letters = sa.table(
        "letters",
        sa.column("id", sa.Integer),
        sa.column("iro", sa.String),
        sa.column("current_revision", sa.Integer),
        sa.column("child_id", sa.Integer),
    )
    revisions = sa.table(
        "revisions",
        sa.column("letter_id", sa.Integer),
        sa.column("number", sa.Integer),
        sa.column("document", sa.Text),
    )
    children = sa.table(
        "children",
        sa.column("id", sa.Integer),
        sa.column("case_id", sa.String),
        sa.column("name", sa.String),
        sa.column("date_of_birth", sa.Date),
        sa.column("looked_after_since", sa.Date),
        sa.column("uasc", sa.Boolean),
        sa.column("grouped_by", sa.String),
        sa.column("created_at", sa.DateTime),
    )
    rows = conn.execute(
        sa.select(letters.c.id, letters.c.iro, revisions.c.document)
        .select_from(
            letters.join(
                revisions,
                sa.and_(
                    revisions.c.letter_id == letters.c.id,
                    revisions.c.number == letters.c.current_revision,
                ),
            )
        )
        .order_by(letters.c.id)
    ).all()
    read: list[tuple[int, str, dict[str, object]]] = []
    for letter_id, iro, document in rows:
        try:
            child = dict(json.loads(document).get("child") or {})
        except (ValueError, TypeError, AttributeError):
            child = {}
        read.append((letter_id, iro, child))
    # A letter without the case number joins the child whose other letters have it, when the
    # name and date of birth are the same.
    cases = {
        (_norm(c.get("name")), str(c.get("date_of_birth"))): _norm(c.get("case_id"))
        for _, _, c in read
        if c.get("case_id") and c.get("date_of_birth")
    }
    groups: dict[tuple[str, ...], list[tuple[int, dict[str, object]]]] = {}
    for letter_id, iro, child in read:
        name, born = _norm(child.get("name")), child.get("date_of_birth")
        case = _norm(child.get("case_id")) or (cases.get((name, str(born)), "") if born else "")
        if case:
            key: tuple[str, ...] = (BY_CASE, case)
        elif born:
            key = (BY_BIRTH, name, str(born))
        else:
            key = (BY_IRO, name, _norm(iro))
        groups.setdefault(key, []).append((letter_id, child))
    at = datetime.now(UTC).replace(tzinfo=None)
    for key, members in groups.items():
        latest = members[-1][1]  # the newest letter's details (highest id)
        born = next((m.get("date_of_birth") for _, m in reversed(members) if m.get("date_of_birth")), None)
        found_case = next((m.get("case_id") for _, m in reversed(members) if m.get("case_id")), None)
        since = next((m.get("looked_after_since") for _, m in members if m.get("looked_after_since")), None)
        uasc = next((m.get("uasc") for _, m in reversed(members) if m.get("uasc") is not None), None)
        child_id = conn.execute(
            children.insert()
            .values(
                case_id=str(found_case or "").strip() or None,
                name=str(latest.get("name") or "")[:200],
                date_of_birth=_date(born),
                looked_after_since=_date(since),
                uasc=uasc if isinstance(uasc, bool) else None,
                grouped_by=key[0],
                created_at=at,
            )
            .returning(children.c.id)
        ).scalar_one()
        ids = [letter_id for letter_id, _ in members]
        for start in range(0, len(ids), 500):
            conn.execute(
                letters.update().where(letters.c.id.in_(ids[start : start + 500])).values(child_id=child_id)
            )


def _date(value: object) -> object:
    from datetime import date

    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def downgrade() -> None:
    op.drop_column("audit_samples", "letters_as_of")
    op.drop_index("ix_letters_child_id", "letters")
    op.drop_column("letters", "child_id")
    op.drop_index("ix_children_case_id", "children")
    op.drop_table("children")
