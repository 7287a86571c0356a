"""Team mode's tables (migration 0006), on the store's shared declarative `Base`.

- `shares`: a letter shared with a covering IRO until a date;
- `access_log`: reads of a letter's text by someone other than its IRO, exports, identifiable
  audit exports. Written only by the database's own functions (letters/store/team/sql.py); no
  team role may insert, change or delete a row;
- `people`: a login's display name (passwords and roles are PostgreSQL's own);
- `team_settings`: the roles' prefix and what auditors may read;
- `child_claims`: children's records the database found for an IRO's new letter (by case number,
  or name and date of birth), which that IRO may then attach the letter to;
- `audit_grade_texts`: a grading's free text with the names taken out (JSON), for managers.

No engine or connection is created here.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from letters.store.tables import Base


class ShareRow(Base):
    __tablename__ = "shares"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("letters.id", ondelete="CASCADE"), nullable=False, index=True
    )
    login: Mapped[str] = mapped_column(String(63), nullable=False, index=True)
    until: Mapped[date] = mapped_column(Date, nullable=False)  # the last day it may be read
    granted_by: Mapped[str] = mapped_column(String(63), nullable=False)
    granted_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_by: Mapped[str | None] = mapped_column(String(63), nullable=True)


class AccessRow(Base):
    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    person: Mapped[str] = mapped_column(String(63), nullable=False)  # the login
    letter_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    action: Mapped[str] = mapped_column(String(32), nullable=False)  # read | export | identify
    purpose: Mapped[str] = mapped_column(String(100), nullable=False)  # the command or screen
    detail: Mapped[str] = mapped_column(String(200), nullable=False)


class PersonRow(Base):
    __tablename__ = "people"

    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    added_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    added_by: Mapped[str] = mapped_column(String(63), nullable=False)


class TeamSettingRow(Base):
    __tablename__ = "team_settings"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), nullable=False)


class ChildClaimRow(Base):
    __tablename__ = "child_claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(63), nullable=False, index=True)
    child_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("children.id", ondelete="CASCADE"), nullable=False
    )
    claimed_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class GradeTextsRow(Base):
    __tablename__ = "audit_grade_texts"

    grade_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("audit_grades.id", ondelete="CASCADE"), primary_key=True
    )
    #: {"comment": ..., "answers": [{"comment": ..., "evidence": ..., "reason": ...}, ...]}
    texts: Mapped[str] = mapped_column(Text, nullable=False)
