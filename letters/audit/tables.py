"""The audit's tables, on the store's shared declarative `Base` (added by migration 0002).

- `audit_samples` / `audit_sample_items`: a month's sample, who drew it, the seed that reproduces
  it. Drawing again keeps the old sample (marked superseded) and its grades.
- `audit_grades` / `audit_answers` / `audit_disagreements`: every grading is a new row (a regrade
  never overwrites the first), with the letter revision graded, the evidence shown and, where the
  auditor disagreed with the evidence, their reason.
- `audit_imports`: letters brought in by `letters import`, so the same file is not imported twice.
- `audit_keys`: the random key behind pseudonymous child references.
- `audit_facts` (migration 0003): a cache of each letter's facts for fast exports.

No engine or connection is created here.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from letters.store.tables import Base


class SampleRow(Base):
    __tablename__ = "audit_samples"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[str] = mapped_column(String(7), nullable=False, index=True)  # "2026-01"
    method: Mapped[str] = mapped_column(String(16), nullable=False)  # "random" or "by hand"
    seed: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    per_iro: Mapped[int | None] = mapped_column(Integer, nullable=True)
    drawn_by: Mapped[str] = mapped_column(String(200), nullable=False)
    drawn_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Migration 0005: the letters it was drawn from are those as they stood then (drawing again
    # with its seed uses the same time); None on samples drawn before, taken as `drawn_at`.
    letters_as_of: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class SampleItemRow(Base):
    __tablename__ = "audit_sample_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sample_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("audit_samples.id", ondelete="CASCADE"), nullable=False
    )
    letter_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("letters.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    iro: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    age_band: Mapped[str] = mapped_column(String(20), nullable=False, default="")

    __table_args__ = (UniqueConstraint("sample_id", "letter_id", name="uq_audit_item_letter"),)


class GradeRow(Base):
    __tablename__ = "audit_grades"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(
        Integer,
        ForeignKey("audit_sample_items.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    letter_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    letter_revision: Mapped[int] = mapped_column(Integer, nullable=False)
    auditor: Mapped[str] = mapped_column(String(200), nullable=False)
    overall: Mapped[str] = mapped_column(String(40), nullable=False)
    comment: Mapped[str] = mapped_column(Text, nullable=False, default="")
    graded_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class AnswerRow(Base):
    __tablename__ = "audit_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    grade_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("audit_grades.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    question: Mapped[str] = mapped_column(String(64), nullable=False)
    # The question as worded when answered: a later rubric change cannot alter what was asked.
    question_text: Mapped[str] = mapped_column(Text, nullable=False)
    answer: Mapped[str] = mapped_column(String(10), nullable=False)
    comment: Mapped[str] = mapped_column(Text, nullable=False, default="")
    evidence: Mapped[str] = mapped_column(Text, nullable=False, default="")
    suggested: Mapped[str | None] = mapped_column(String(10), nullable=True)


class DisagreementRow(Base):
    __tablename__ = "audit_disagreements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    answer_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("audit_answers.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    suggested: Mapped[str] = mapped_column(String(10), nullable=False)
    answer: Mapped[str] = mapped_column(String(10), nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    auditor: Mapped[str] = mapped_column(String(200), nullable=False)


class ImportRow(Base):
    __tablename__ = "audit_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("letters.id", ondelete="CASCADE"), nullable=False
    )
    file_name: Mapped[str] = mapped_column(String(500), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    imported_by: Mapped[str] = mapped_column(String(200), nullable=False, default="")


class KeyRow(Base):
    __tablename__ = "audit_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purpose: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    secret: Mapped[str] = mapped_column(String(128), nullable=False)


class FactsRow(Base):
    """A cache of each letter's audit facts (migration 0003), so an export need not re-check
    letters already checked: valid while the letter's version and the engine's fingerprint match.
    It holds nothing that is not in the letter; deleting every row loses nothing."""

    __tablename__ = "audit_facts"

    letter_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("letters.id", ondelete="CASCADE"), primary_key=True
    )
    letter_version: Mapped[str] = mapped_column(String(40), nullable=False)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)
    facts: Mapped[str] = mapped_column(Text, nullable=False)  # LetterFacts as JSON
    # Team mode (migration 0006): the same facts with the names taken out, for managers' exports
    # (letters.audit.team); empty on SQLite.
    pseudonymous: Mapped[str | None] = mapped_column(Text, nullable=True)
