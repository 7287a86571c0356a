"""The store: letters kept as revisions in a database, nothing overwritten, deletion recoverable.

Every save appends a revision holding the whole letter (see letters/store/tables.py for why); the
`letters` row only points at the current one and copies what lists need. Deleting sets a date on
the row and removing that date restores it; no method here removes a revision.

Letters are checked on the way in with the same rules as the letter file
(`letters.interchange.letter_from_data`), so what is stored can always be read back.

This module must not log: letters hold personal data about children.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, or_, select, update

from letters.config import AuthorityConfig
from letters.errors import UserError
from letters.interchange import letter_from_data, letter_to_data
from letters.model import SECTION_TITLES, Letter, Status
from letters.store.tables import LetterRow, RevisionRow
from letters.workdays import add_working_days

if TYPE_CHECKING:
    import sqlalchemy


class LetterNotFound(UserError):
    """No letter has this id."""

    def __init__(self, letter_id: int, revision: int | None = None) -> None:
        if revision is None:
            message = (
                f"There is no letter {letter_id}. Run `letters list --deleted` to see the letters "
                "and their ids."
            )
        else:
            message = (
                f"Letter {letter_id} has no revision {revision}. Run `letters history "
                f"{letter_id}` to see its revisions."
            )
        super().__init__(message)
        self.letter_id = letter_id


@dataclass(frozen=True, slots=True)
class LetterSummary:
    """One line of a list of letters: enough to find a letter and see whether it is late."""

    id: int
    child: str  # the name the child likes to be called
    age: int | None  # at the meeting
    meeting_date: date
    status: Status
    sent_on: date | None
    iro: str
    due: date  # when the letter is due: working days after the meeting (authority config)
    deleted: bool
    updated_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "child": self.child,
            "age": self.age,
            "meeting_date": self.meeting_date.isoformat(),
            "status": str(self.status),
            "sent_on": self.sent_on.isoformat() if self.sent_on else None,
            "iro": self.iro,
            "due": self.due.isoformat(),
            "deleted": self.deleted,
            "updated_at": self.updated_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    number: int
    saved_at: datetime
    author: str
    summary: str  # what changed since the revision before, in words


def _now() -> datetime:
    # Stored naive (UTC) because SQLite keeps no time zone; microseconds so order is exact.
    return datetime.now(UTC).replace(tzinfo=None)


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _document(letter: Letter) -> tuple[Letter, str]:
    """The letter checked and normalised, and the JSON kept in its revision."""
    data = letter_to_data(letter, record=False)
    checked = letter_from_data(data)  # raises InputError naming the field; nothing is written
    text = json.dumps(
        letter_to_data(checked, record=False),
        ensure_ascii=False,
        separators=(",", ":"),
        default=date.isoformat,
    )
    return checked, text


def _fit(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _row_values(letter: Letter) -> dict[str, Any]:
    return {
        "child_name": _fit(letter.child.name, 200),
        "child_age": letter.child_age,
        "meeting_date": letter.meeting.date,
        "iro": _fit(letter.meeting.iro, 200),
        "status": str(letter.status),
        "sent_on": letter.sent_on,
    }


def describe_changes(before: dict[str, Any], after: dict[str, Any]) -> str:
    """What changed between two revisions' documents, in a few words for the history list.

    Names parts of the letter ("Worries", "decisions"), never their content.
    """
    changes: list[str] = []  # parts edited in place
    moves: list[str] = []  # sections added, removed or reordered
    if before.get("status") != after.get("status"):
        changes.append(f"status {before.get('status')} → {after.get('status')}")
    elif before.get("sent_on") != after.get("sent_on"):
        changes.append("date sent")
    for key in ("child", "meeting", "people"):
        if before.get(key) != after.get(key):
            changes.append(key)
    old = {s["key"]: s for s in before.get("sections", [])}
    new = {s["key"]: s for s in after.get("sections", [])}

    def name(section: dict[str, Any]) -> str:
        return str(section.get("title") or SECTION_TITLES.get(section["key"], section["key"]))

    for key, section in new.items():
        if key not in old:
            moves.append(f"added section {name(section)}")
        elif old[key] != section:
            changes.append(name(section))
    moves += [f"removed section {name(s)}" for k, s in old.items() if k not in new]
    if [k for k in old if k in new] != [k for k in new if k in old]:
        moves.append("moved sections")
    b, a = before.get("decisions", []), after.get("decisions", [])
    if b != a:
        changes.append(f"decisions ({len(b)} → {len(a)})" if len(b) != len(a) else "decisions")
    if (before.get("allow"), before.get("disabled_rules")) != (
        after.get("allow"),
        after.get("disabled_rules"),
    ):
        changes.append("checker settings")
    parts = ([f"changed {', '.join(changes)}"] if changes else []) + moves
    text = "; ".join(parts) or "no changes"
    return text[0].upper() + text[1:]


class Store:
    """Letters in one database. Safe to share between threads; each call is one transaction."""

    def __init__(
        self, engine: sqlalchemy.Engine, where: str, authority: AuthorityConfig | None = None
    ) -> None:
        self._engine = engine
        self._where = where
        self._authority = authority or AuthorityConfig()
        # The transaction open in this thread (or task), which calls inside it join.
        self._open: ContextVar[tuple[sqlalchemy.Connection, bool] | None] = ContextVar(
            f"letters-store-{id(self)}", default=None
        )

    @property
    def engine(self) -> sqlalchemy.Engine:
        """The engine, for modules that keep their own tables in the same database."""
        return self._engine

    @property
    def where(self) -> str:
        """The database's file, or its URL without the password, for messages."""
        return self._where

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, *, write: bool) -> Iterator[sqlalchemy.Connection]:
        """A connection in one transaction, committed at the end; errors become StorageError.

        `write=True` takes SQLite's write lock at the start (BEGIN IMMEDIATE), so a read-then-write
        cannot be overtaken by another program's write; modules with their own tables should use
        it for their writes too.

        Inside an open transaction (in the same thread), a store call such as `add` joins it
        instead of starting its own, so several writes are kept or lost together (an import).
        A write cannot join a read-only transaction.
        """
        from letters.store.engine import translate_errors

        joined = self._open.get()
        if joined is not None:
            conn, writing = joined
            if write and not writing:
                raise RuntimeError("a write cannot join a read-only transaction")
            yield conn
            return
        with translate_errors(self._where), self._engine.connect() as conn:
            conn.execution_options(letters_write=write)
            with conn.begin():
                token = self._open.set((conn, write))
                try:
                    yield conn
                finally:
                    self._open.reset(token)

    def _locked_row(self, conn: sqlalchemy.Connection, letter_id: int) -> Any:
        row = conn.execute(
            select(LetterRow.current_revision, LetterRow.created_at)
            .where(LetterRow.id == letter_id)
            .with_for_update()  # PostgreSQL: serialise saves of one letter (SQLite locks the file)
        ).one_or_none()
        if row is None:
            raise LetterNotFound(letter_id)
        return row

    # -- writing ------------------------------------------------------------------------------

    def add(self, letter: Letter, *, author: str = "") -> int:
        """Store a new letter as its first revision; sets and returns `letter.id`."""
        return self._add(letter, author=author, summary="First version")

    def _add(self, letter: Letter, *, author: str, summary: str) -> int:
        checked, document = _document(letter)
        now = _now()
        with self.transaction(write=True) as conn:
            letter_id = conn.execute(
                insert(LetterRow)
                .values(created_at=now, updated_at=now, current_revision=1, **_row_values(checked))
                .returning(LetterRow.id)
            ).scalar_one()
            conn.execute(
                insert(RevisionRow).values(
                    letter_id=letter_id,
                    number=1,
                    saved_at=now,
                    author=_fit(author, 200),
                    summary=summary,
                    document=document,
                )
            )
        letter.id = letter_id
        letter.created_at = letter.updated_at = _aware(now)
        return int(letter_id)

    def save(self, letter: Letter, *, author: str = "") -> int:
        """Store the letter as a new revision and return its number.

        When nothing changed since the current revision, nothing is written and the current
        number is returned. A letter without an id is added (its first revision is 1).
        """
        if letter.id is None:
            self.add(letter, author=author)
            return 1
        return self._save(letter.id, letter, author=author, summary=None)

    def _save(self, letter_id: int, letter: Letter, *, author: str, summary: str | None) -> int:
        checked, document = _document(letter)
        now = _now()
        with self.transaction(write=True) as conn:
            current = self._locked_row(conn, letter_id)
            previous = conn.execute(
                select(RevisionRow.document).where(
                    RevisionRow.letter_id == letter_id,
                    RevisionRow.number == current.current_revision,
                )
            ).scalar_one()
            if previous == document:
                return int(current.current_revision)
            number = current.current_revision + 1
            conn.execute(
                insert(RevisionRow).values(
                    letter_id=letter_id,
                    number=number,
                    saved_at=now,
                    author=_fit(author, 200),
                    summary=_fit(
                        summary or describe_changes(json.loads(previous), json.loads(document)),
                        500,
                    ),
                    document=document,
                )
            )
            conn.execute(
                update(LetterRow)
                .where(LetterRow.id == letter_id)
                .values(current_revision=number, updated_at=now, **_row_values(checked))
            )
        letter.updated_at = _aware(now)
        letter.created_at = _aware(current.created_at)
        return int(number)

    def set_status(
        self, letter_id: int, status: Status, sent_on: date | None = None, *, author: str = ""
    ) -> None:
        """Mark a letter draft, ready or sent (sent today unless `sent_on` says otherwise).

        The change is a revision like any other, so the history shows when it was sent.
        """
        status = Status(status)
        letter = self.get(letter_id)
        if status == Status.SENT:
            sent_on = sent_on or date.today()
            if sent_on > date.today():
                raise UserError(f"{sent_on.isoformat()} is in the future: give the date the letter was sent.")
            if sent_on < letter.meeting.date:
                raise UserError(
                    f"{sent_on.isoformat()} is before the meeting "
                    f"({letter.meeting.date.isoformat()}): give the date the letter was sent."
                )
        elif sent_on is not None:
            raise UserError(f"Only a sent letter has a sent date; leave the date out for {status}.")
        letter.status, letter.sent_on = status, sent_on
        self._save(letter_id, letter, author=author, summary=None)

    def revert(self, letter_id: int, number: int, *, author: str = "") -> int:
        """Make revision `number` current again, as a new revision (the later ones stay)."""
        letter = self.revision(letter_id, number)
        return self._save(letter_id, letter, author=author, summary=f"Back to revision {number}")

    def duplicate(self, letter_id: int) -> int:
        """A new draft letter with this one's content (for the next review); returns its id."""
        letter = self.get(letter_id)
        letter.id = letter.created_at = letter.updated_at = None
        letter.status, letter.sent_on = Status.DRAFT, None
        return self._add(letter, author="", summary=f"Copied from letter {letter_id}")

    def delete(self, letter_id: int) -> None:
        """Hide a letter from lists. Its revisions stay; `restore` brings it back."""
        self._set_deleted(letter_id, _now())

    def restore(self, letter_id: int) -> None:
        self._set_deleted(letter_id, None)

    def _set_deleted(self, letter_id: int, when: datetime | None) -> None:
        with self.transaction(write=True) as conn:
            done = conn.execute(update(LetterRow).where(LetterRow.id == letter_id).values(deleted_at=when))
            if done.rowcount == 0:
                raise LetterNotFound(letter_id)

    # -- reading ------------------------------------------------------------------------------

    def _read(self, letter_id: int, number: int | None) -> Letter:
        with self.transaction(write=False) as conn:
            head = conn.execute(
                select(LetterRow.created_at, LetterRow.current_revision).where(LetterRow.id == letter_id)
            ).one_or_none()
            if head is None:
                raise LetterNotFound(letter_id)
            row = conn.execute(
                select(RevisionRow.document, RevisionRow.saved_at).where(
                    RevisionRow.letter_id == letter_id,
                    RevisionRow.number == (number or head.current_revision),
                )
            ).one_or_none()
        if row is None:
            raise LetterNotFound(letter_id, number)
        letter = letter_from_data(json.loads(row.document))
        letter.id = letter_id
        letter.created_at = _aware(head.created_at)
        letter.updated_at = _aware(row.saved_at)
        return letter

    def get(self, letter_id: int) -> Letter:
        """The letter as last saved (deleted letters too: they can be looked at and restored)."""
        return self._read(letter_id, None)

    def revision(self, letter_id: int, number: int) -> Letter:
        """The letter as it was saved in revision `number` (`updated_at` is when)."""
        return self._read(letter_id, number)

    def history(self, letter_id: int) -> list[RevisionInfo]:
        """Every revision of a letter, oldest first."""
        with self.transaction(write=False) as conn:
            rows = conn.execute(
                select(
                    RevisionRow.number,
                    RevisionRow.saved_at,
                    RevisionRow.author,
                    RevisionRow.summary,
                )
                .where(RevisionRow.letter_id == letter_id)
                .order_by(RevisionRow.number)
            ).all()
        if not rows:
            raise LetterNotFound(letter_id)
        return [RevisionInfo(r.number, _aware(r.saved_at), r.author, r.summary) for r in rows]

    def list(
        self, *, status: Status | None = None, include_deleted: bool = False, search: str = ""
    ) -> builtins.list[LetterSummary]:
        """Letters, newest meeting first. `search` matches the child's or the IRO's name."""
        conditions = []
        if status is not None:
            conditions.append(LetterRow.status == str(status))
        if not include_deleted:
            conditions.append(LetterRow.deleted_at.is_(None))
        if search.strip():
            needle = search.strip().lower()
            conditions.append(
                or_(
                    func.lower(LetterRow.child_name).contains(needle, autoescape=True),
                    func.lower(LetterRow.iro).contains(needle, autoescape=True),
                )
            )
        return self._summaries(*conditions)

    def _summaries(self, *conditions: Any) -> builtins.list[LetterSummary]:
        t = LetterRow
        query = (
            select(t.id, t.child_name, t.child_age, t.meeting_date, t.status, t.sent_on, t.iro)
            .add_columns(t.deleted_at, t.updated_at)
            .where(*conditions)
            .order_by(t.meeting_date.desc(), t.id.desc())
        )
        with self.transaction(write=False) as conn:
            rows = conn.execute(query).all()
        days, nation = self._authority.letter_working_days, self._authority.holiday_subdivision
        due: dict[date, date] = {}  # several letters share a meeting date: count once
        summaries = []
        for letter_id, child, age, meeting, status, sent_on, iro, deleted_at, updated in rows:
            if meeting not in due:
                due[meeting] = add_working_days(meeting, days, nation)
            summaries.append(
                LetterSummary(
                    letter_id,
                    child,
                    age,
                    meeting,
                    Status(status),
                    sent_on,
                    iro,
                    due[meeting],
                    deleted_at is not None,
                    _aware(updated),
                )
            )
        return summaries

    def is_deleted(self, letter_id: int) -> bool:
        """Whether the letter is in the bin (without working out its list line)."""
        with self.transaction(write=False) as conn:
            row = conn.execute(select(LetterRow.deleted_at).where(LetterRow.id == letter_id)).one_or_none()
        if row is None:
            raise LetterNotFound(letter_id)
        return row.deleted_at is not None

    def summary(self, letter_id: int) -> LetterSummary:
        """The list line of one letter, deleted or not."""
        found = self._summaries(LetterRow.id == letter_id)
        if not found:
            raise LetterNotFound(letter_id)
        return found[0]
