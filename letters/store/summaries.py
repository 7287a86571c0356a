"""Lines of a list of letters, and of a letter's history, read from the database's rows.

A list must show every letter even when one row holds a value this version cannot use (a date
SQLite stored as text that is not a date, a meeting in year 9999 whose due date cannot be worked
out, a status it does not know): such a row is listed with `problem` saying what is wrong, and the
values that could be read. One bad row never fails the whole list.

Must not log: rows hold children's names.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from letters.model import Outcome, Status
from letters.store.documents import aware

#: What an unreadable time becomes, so that a damaged row still sorts and caches (never shown).
_UNKNOWN_TIME = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class LetterSummary:
    """One line of a list of letters: enough to find a letter and see whether it is late."""

    id: int
    child: str  # the name the child likes to be called
    age: int | None  # at the meeting
    meeting_date: date | None  # None only on a damaged row (see `problem`)
    status: Status | None  # None only on a damaged row
    sent_on: date | None
    iro: str
    due: date | None  # working days after the meeting (authority config); None on a damaged row
    deleted: bool
    updated_at: datetime
    imported: bool = False  # brought in by `letters import`: a record of a letter sent elsewhere
    amended: bool = False  # sent, then changed (the sent revision is kept)
    problem: str = ""  # why this row cannot be fully read: the list shows it marked
    child_id: int | None = None  # the child's record (migration 0005)
    #: The decisions that have a due date, (number from 1, day), and what later letters recorded
    #: happened to them (number -> outcome): `overdue_on` says which are overdue.
    decisions_due: tuple[tuple[int, date], ...] = ()
    outcomes: Mapping[int, Outcome] = field(default_factory=dict)

    def overdue_on(self, today: date) -> list[int]:
        """The numbers of this letter's decisions past their day and not settled by a later letter."""
        from letters.followup import overdue_numbers

        return overdue_numbers(self.decisions_due, today, self.outcomes)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "child": self.child,
            "age": self.age,
            "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
            "status": str(self.status) if self.status else None,
            "sent_on": self.sent_on.isoformat() if self.sent_on else None,
            "iro": self.iro,
            "due": self.due.isoformat() if self.due else None,
            "deleted": self.deleted,
            "updated_at": self.updated_at.isoformat(),
            "imported": self.imported,
            "amended": self.amended,
            "child_id": self.child_id,
        }
        if self.decisions_due:
            data["decisions_due"] = [{"number": n, "due": d.isoformat()} for n, d in self.decisions_due]
            data["overdue"] = self.overdue_on(date.today())
        if self.problem:
            data["problem"] = self.problem
        return data


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    number: int
    saved_at: datetime
    author: str
    summary: str  # what changed since the revision before, in words
    kind: str = "edit"  # edit | status | amended | kept | restored
    based_on: int | None = None
    reason: str = ""
    current: bool = False  # the letter's text now
    sent: bool = False  # the revision that was marked sent

    def describe(self) -> str:
        """The summary with what kind of revision it is, for `letters history`."""
        text = self.summary
        notes = []
        if self.sent:
            notes.append("the letter as sent")
        if self.kind == "amended":
            notes.append("amended after sending" + (f": {self.reason}" if self.reason else ""))
        elif self.kind == "kept":
            notes.append(
                "kept from a copy that was behind"
                + (f" (based on revision {self.based_on})" if self.based_on else "")
                + ": not the letter's text"
            )
        elif self.kind == "restored":
            notes.append("restored after the app stopped")
        elif self.reason:
            notes.append(f"reason: {self.reason}")
        if self.current:
            notes.append("current")
        return text + "".join(f" [{n}]" for n in notes)


def _day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _time(value: object) -> datetime:
    if isinstance(value, datetime):
        return aware(value)
    return aware(datetime.fromisoformat(str(value)))


def decisions_due_of(text: object) -> tuple[tuple[int, date], ...]:
    """The `letters.decisions_due` column read back (nothing, if it cannot be read: a list line
    without dates rather than no list)."""
    if not isinstance(text, str) or not text:
        return ()
    try:
        return tuple((int(n), date.fromisoformat(str(d))) for n, d in json.loads(text))
    except (ValueError, TypeError):
        return ()


def followed_up_of(text: object) -> list[tuple[int, int, Outcome]]:
    """The `letters.followed_up` column read back: (letter id, decision number, outcome)."""
    if not isinstance(text, str) or not text:
        return []
    try:
        return [(int(lid), int(n), Outcome(str(o))) for lid, n, o in json.loads(text)]
    except (ValueError, TypeError):
        return []


def _summary(row: Any, outcomes: Mapping[int, Mapping[int, Outcome]] | None, **values: Any) -> LetterSummary:
    """The line, from the values read as they are stored and those parsed (`values`)."""
    status = values["status"]
    letter_id = int(row.id)
    return LetterSummary(
        id=letter_id,
        child=str(row.child_name or ""),
        age=row.child_age if isinstance(row.child_age, int) else None,
        iro=str(row.iro or ""),
        deleted=bool(row.is_deleted),
        imported=bool(row.imported),
        amended=status is Status.SENT
        and row.sent_revision is not None
        and row.sent_revision != row.current_revision,
        child_id=getattr(row, "child_id", None),
        decisions_due=decisions_due_of(getattr(row, "decisions_due", None)),
        outcomes=dict(outcomes.get(letter_id, {})) if outcomes else {},
        **values,
    )


def summary_from_row(
    row: Any,
    due_for: Callable[[date], date],
    outcomes: Mapping[int, Mapping[int, Outcome]] | None = None,
) -> LetterSummary:
    """A list line from a `letters` row; a value that cannot be read is named in `problem`.
    `outcomes`: letter id -> its decisions' outcomes recorded by later letters."""
    try:  # the usual case, quickly: every value readable (a list reads 1,500 of these)
        meeting = row.meeting_date if type(row.meeting_date) is date else _day(row.meeting_date)
        sent_on = row.sent_on
        if sent_on is not None and type(sent_on) is not date:
            sent_on = _day(sent_on)
        return _summary(
            row,
            outcomes,
            meeting_date=meeting,
            status=Status(row.status),
            sent_on=sent_on,
            due=due_for(meeting),
            updated_at=_time(row.updated_at),
        )
    except (ValueError, TypeError, OverflowError, KeyError):
        return _damaged(row, due_for, outcomes)


def _damaged(
    row: Any,
    due_for: Callable[[date], date],
    outcomes: Mapping[int, Mapping[int, Outcome]] | None,
) -> LetterSummary:
    """The same, value by value, saying what cannot be read."""
    problems: list[str] = []

    def read(what: str, parse: Callable[[object], Any], value: object) -> Any:
        if value is None:
            return None
        try:
            return parse(value)
        except (ValueError, TypeError, OverflowError):
            problems.append(f"its {what} cannot be read")
            return None

    meeting = read("meeting date", _day, row.meeting_date)
    sent_on = read("date sent", _day, row.sent_on)
    status = read("status", lambda v: Status(str(v)), row.status)
    updated = read("time saved", _time, row.updated_at)
    due = None
    if meeting is not None:
        try:
            due = due_for(meeting)
        except (ValueError, OverflowError, KeyError):
            problems.append(f"no due date can be worked out from its meeting date {meeting.isoformat()}")
    elif row.meeting_date is None:
        problems.append("it has no meeting date")
    return _summary(
        row,
        outcomes,
        meeting_date=meeting,
        status=status,
        sent_on=sent_on,
        due=due,
        updated_at=updated or _UNKNOWN_TIME,
        problem=("; ".join(problems) + ": open it to check, or restore an earlier revision")
        if problems
        else "",
    )
