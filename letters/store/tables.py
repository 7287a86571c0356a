"""The database tables, as SQLAlchemy 2 declarative models on one shared `Base`.

Design: a `letters` row per letter holds only what lists and searches need (child's name, age,
meeting date, IRO, status, whether it is deleted, which revision is current); each save appends a
`revisions` row holding the whole letter as one JSON document (the same data as the letter file,
see letters/interchange.py). Why whole documents rather than normalised section/decision tables:
- "never overwrite section text in place" becomes "only ever INSERT a revision", which is easy to
  see is true; an old revision is one row read, not a join over five tables as they were then;
- a save is one INSERT and one UPDATE whatever the size of the letter (well under the 5 ms target);
- a letter is a few kilobytes, so storing it whole 20 times is cheaper than the complexity saved.
The cost is that queries inside letters (all decisions due this week) must read the documents;
the columns on `letters` are there so that lists of 1,500 letters never have to.

Migration 0004 (the writing loop) adds: who and why on each revision (`kind`, `based_on`, `reason`,
`place`), whether a letter was imported and which revision was sent, one `journal` row per open
editor (text typed since the last revision, overwritten about once a second), the pre-send checks
made when a letter was marked ready or sent (`send_checks`), and the reasons given for switching a
rule off or accepting flagged words in one letter (`waivers`).

Only portable types (Integer, String, Text, Date, DateTime, Boolean) so the same models run on
SQLite and PostgreSQL. Timestamps are stored as naive UTC. Schema changes go through a new Alembic
migration in letters/store/migrations/versions/; other modules (the audit) define their own tables
on this `Base` and add them with their own migration.

No engine or connection is created here.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class LetterRow(Base):
    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    current_revision: Mapped[int] = mapped_column(Integer, nullable=False)
    # Copies of the current revision's values, for listing and searching without reading documents.
    child_name: Mapped[str] = mapped_column(String(200), nullable=False)
    child_age: Mapped[int | None] = mapped_column(Integer, nullable=True)  # age at the meeting
    meeting_date: Mapped[date] = mapped_column(Date, nullable=False)
    iro: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    sent_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Brought in by `letters import` (a record of a letter sent elsewhere: the pre-send gate does
    # not apply), and the revision that was marked sent (what the child was sent; later revisions
    # of a sent letter are amendments).
    imported: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    sent_revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Migration 0005: the child's record (a letter added before it was grouped into one there).
    child_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    # Migration 0007: the decisions' due dates and the earlier decisions this letter says what
    # happened to, as JSON (`documents.next_letter_values`), so that the list knows what is overdue.
    decisions_due: Mapped[str | None] = mapped_column(Text, nullable=True)
    followed_up: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Team mode (migration 0006): the PostgreSQL login of the IRO the letter belongs to, which the
    # row-level security policies read. In team mode it defaults to the login saving it (set by
    # the database, not by us); empty on SQLite.
    owner: Mapped[str | None] = mapped_column(String(63), nullable=True)

    __table_args__ = (Index("ix_letters_meeting_date", "meeting_date"), Index("ix_letters_owner", "owner"))


class ChildRow(Base):
    """A child (migration 0005): their letters point here; `letters.store.children` keeps it.

    `case_id` is the authority's own number (LCS, Mosaic), unique among records not merged away
    (checked by the store: a partial unique index is not portable). A record merged into another
    keeps its row, with `merged_into` saying where its letters went.
    """

    __tablename__ = "children"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str | None] = mapped_column(String(100), nullable=True, index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    date_of_birth: Mapped[date | None] = mapped_column(Date, nullable=True)
    looked_after_since: Mapped[date | None] = mapped_column(Date, nullable=True)
    uasc: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    grouped_by: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    merged_into: Mapped[int | None] = mapped_column(Integer, ForeignKey("children.id"), nullable=True)
    # Migration 0008: the child's own words (their words profile) as JSON
    # (`letters.child_words.words_to_record`); None until a letter or the IRO gives some.
    words: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Team mode (migration 0006): the login that made the record (it sees it until a letter is
    # attached; the database sets it); empty on SQLite.
    created_by: Mapped[str | None] = mapped_column(String(63), nullable=True)


class RevisionRow(Base):
    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("letters.id", ondelete="CASCADE"), nullable=False
    )
    number: Mapped[int] = mapped_column(Integer, nullable=False)  # 1, 2, 3... within the letter
    saved_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    author: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    summary: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    document: Mapped[str] = mapped_column(Text, nullable=False)  # the letter as JSON
    #: edit | status | amended (a sent letter changed) | kept (text saved in a window that was
    #: behind: kept in the history, never the current text) | restored (from a journal or a
    #: recovery file after the app stopped)
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default="edit")
    based_on: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the revision edited
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")  # why (amended, override)
    place: Mapped[str] = mapped_column(String(100), nullable=False, default="")  # "worries:120"

    __table_args__ = (UniqueConstraint("letter_id", "number", name="uq_revisions_letter_number"),)


class JournalRow(Base):
    """Text typed since the last revision, one row per open editor, overwritten as it types."""

    __tablename__ = "journal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("letters.id", ondelete="CASCADE"), nullable=False
    )
    session: Mapped[str] = mapped_column(String(64), nullable=False)  # one per open store
    person: Mapped[str] = mapped_column(String(200), nullable=False)
    host: Mapped[str] = mapped_column(String(200), nullable=False)
    pid: Mapped[int] = mapped_column(Integer, nullable=False)
    based_on: Mapped[int] = mapped_column(Integer, nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")  # an amendment's reason
    place: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    saved_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    document: Mapped[str] = mapped_column(Text, nullable=False)

    __table_args__ = (UniqueConstraint("letter_id", "session", name="uq_journal_letter_session"),)


class SendCheckRow(Base):
    """The open findings when a letter was marked ready or sent, and the reason for any error."""

    __tablename__ = "send_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("letters.id", ondelete="CASCADE"), nullable=False, index=True
    )
    revision: Mapped[int] = mapped_column(Integer, nullable=False)  # the revision the marking made
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    checked_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    person: Mapped[str] = mapped_column(String(200), nullable=False)
    errors: Mapped[int] = mapped_column(Integer, nullable=False)
    warnings: Mapped[int] = mapped_column(Integer, nullable=False)
    infos: Mapped[int] = mapped_column(Integer, nullable=False)
    findings: Mapped[str] = mapped_column(Text, nullable=False)  # JSON: the open errors, waived too
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")


class WaiverRow(Base):
    """Why a rule was switched off, or flagged words accepted, in one letter (the latest counts)."""

    __tablename__ = "waivers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("letters.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # "rule" or "words"
    value: Mapped[str] = mapped_column(String(500), nullable=False)  # the rule id, or the words
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    person: Mapped[str] = mapped_column(String(200), nullable=False)
    given_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    revision: Mapped[int] = mapped_column(Integer, nullable=False)  # current when it was given


class IroProfileRow(Base):
    """An IRO's few words about themselves for each age band (migration 0007), once per IRO."""

    __tablename__ = "iro_profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name_key: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)  # folded name
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    texts: Mapped[str] = mapped_column(Text, nullable=False)  # JSON: {age band: text}
    photo: Mapped[str | None] = mapped_column(String(64), nullable=True)  # an iro_photos digest
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_by: Mapped[str] = mapped_column(String(200), nullable=False)


class IroPhotoRow(Base):
    """A photo by its SHA-256 digest (migration 0007): written once, never changed."""

    __tablename__ = "iro_photos"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    mime: Mapped[str] = mapped_column(String(40), nullable=False)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    added_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
