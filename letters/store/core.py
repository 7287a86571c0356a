"""What every part of the store shares: the engine, who is saving, transactions, revision rows.

`StoreCore` is the base of `letters.store.Store`; the journal (`letters.store.journal`) and the
status and pre-send records (`letters.store.sending`) are mixins on it, so that each file stays
about one thing. Revisions are only ever inserted; `make_current` moves a letter's pointer with
the version check in the UPDATE itself (`WHERE current_revision = <the one read>`), on SQLite and
PostgreSQL alike, so a save can never be overtaken unnoticed.

Must not log: letters hold personal data about children.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, delete, func, insert, select, update

from letters.config import AuthorityConfig
from letters.model import Letter, Status
from letters.store.documents import encode, fit, row_values
from letters.store.errors import LetterNotFound
from letters.store.tables import JournalRow, LetterRow, RevisionRow

if TYPE_CHECKING:
    import sqlalchemy


def os_user() -> str:
    """The name of the person using this computer, for "who saved this" (empty if unknown)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name (some containers)
        return ""


@dataclass(frozen=True, slots=True)
class Head:
    """A letter's row, read (and on PostgreSQL locked) at the start of a write."""

    current: int
    created_at: datetime
    status: Status
    sent_on: date | None
    imported: bool
    sent_revision: int | None


# Statements built once: a save runs several, and building them is a good part of its cost.
_HEAD = select(
    LetterRow.current_revision,
    LetterRow.created_at,
    LetterRow.status,
    LetterRow.sent_on,
    LetterRow.imported,
    LetterRow.sent_revision,
).where(LetterRow.id == bindparam("b_letter"))
_HEAD_LOCKED = _HEAD.with_for_update()  # PostgreSQL: one writer per letter (SQLite: per file)
_DOCUMENT = select(RevisionRow.document).where(
    RevisionRow.letter_id == bindparam("b_letter"), RevisionRow.number == bindparam("b_number")
)
_HIGHEST = select(func.max(RevisionRow.number)).where(RevisionRow.letter_id == bindparam("b_letter"))
_INSERT_REVISION = insert(RevisionRow)
_MAKE_CURRENT = update(LetterRow).where(
    LetterRow.id == bindparam("b_letter"), LetterRow.current_revision == bindparam("b_seen")
)
_DROP_JOURNAL = delete(JournalRow).where(
    JournalRow.letter_id == bindparam("b_letter"), JournalRow.session == bindparam("b_session")
)


class Raced(Exception):
    """The letter's current revision moved between reading it and the UPDATE (never under the
    write lock; the check is there so that this is a refusal, not a lost save)."""


class StoreCore:
    """The engine, the person saving and the session (one per open store, for the journal)."""

    def __init__(
        self,
        engine: sqlalchemy.Engine,
        where: str,
        authority: AuthorityConfig | None = None,
        *,
        person: str | None = None,
    ) -> None:
        self._engine = engine
        self._where = where
        self._authority = authority or AuthorityConfig()
        #: Who saves: the OS user unless told (the signed-in person, in team mode).
        self.person = os_user() if person is None else person
        #: This open store's journal key: one per app window or command.
        self.session = uuid.uuid4().hex
        self.host = socket.gethostname()[:200]
        self.pid = os.getpid()
        #: Letters this session has written a journal row for (a save then drops the row).
        self.journaled: set[int] = set()
        # The transaction open in this thread (or task), which store calls inside it join.
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

    def _author(self, author: str | None) -> str:
        return fit(self.person if author is None else author, 200)

    # -- rows ---------------------------------------------------------------------------------

    def head(self, conn: sqlalchemy.Connection, letter_id: int, *, lock: bool = True) -> Head:
        row = conn.execute(_HEAD_LOCKED if lock else _HEAD, {"b_letter": letter_id}).one_or_none()
        if row is None:
            raise LetterNotFound(letter_id)
        return Head(
            int(row.current_revision),
            row.created_at,
            Status(row.status),
            row.sent_on,
            bool(row.imported),
            row.sent_revision,
        )

    def document(self, conn: sqlalchemy.Connection, letter_id: int, number: int) -> dict[str, Any] | None:
        text = conn.execute(_DOCUMENT, {"b_letter": letter_id, "b_number": number}).scalar_one_or_none()
        return None if text is None else dict(json.loads(text))

    def saved_by(self, conn: sqlalchemy.Connection, letter_id: int, number: int) -> tuple[str, datetime]:
        row = conn.execute(
            select(RevisionRow.author, RevisionRow.saved_at).where(
                RevisionRow.letter_id == letter_id, RevisionRow.number == number
            )
        ).one()
        return str(row.author), row.saved_at

    def next_number(self, conn: sqlalchemy.Connection, letter_id: int) -> int:
        """The next revision number: revisions kept aside count, so numbers never repeat."""
        highest = conn.execute(_HIGHEST, {"b_letter": letter_id}).scalar_one()
        return int(highest or 0) + 1

    def insert_revision(
        self,
        conn: sqlalchemy.Connection,
        letter_id: int,
        number: int,
        data: dict[str, Any],
        *,
        at: datetime,
        author: str,
        summary: str,
        kind: str = "edit",
        based_on: int | None = None,
        reason: str = "",
        place: str = "",
    ) -> None:
        conn.execute(
            _INSERT_REVISION,
            {
                "letter_id": letter_id,
                "number": number,
                "saved_at": at,
                "author": author,
                "summary": fit(summary, 500),
                "document": encode(data),
                "kind": kind,
                "based_on": based_on,
                "reason": reason,
                "place": fit(place, 100),
            },
        )

    def make_current(
        self,
        conn: sqlalchemy.Connection,
        letter_id: int,
        *,
        seen: int,
        number: int,
        letter: Letter,
        at: datetime,
        **extra: Any,
    ) -> None:
        """Point the letter at revision `number`, only if it still points at `seen`: the version
        check is in the UPDATE itself, so no other write can come between."""
        values = {"current_revision": number, "updated_at": at, **row_values(letter), **extra}
        done = conn.execute(_MAKE_CURRENT, {"b_letter": letter_id, "b_seen": seen, **values})
        if done.rowcount != 1:
            raise Raced()

    def _child_saved(
        self, conn: sqlalchemy.Connection, letter_id: int, letter: Letter, before: dict[str, Any]
    ) -> None:
        """Told of each saved revision, with the document that was current before it; the
        children's records (letters.store.children) listen."""

    def drop_journal(self, conn: sqlalchemy.Connection, letter_id: int) -> None:
        """Forget this session's unsaved text of a letter: it is in a revision now."""
        if letter_id in self.journaled:
            conn.execute(_DROP_JOURNAL, {"b_letter": letter_id, "b_session": self.session})
            self.journaled.discard(letter_id)

    # -- the one way a letter's text is saved -----------------------------------------------

    def write_revision(
        self,
        letter_id: int,
        letter: Letter,
        *,
        based_on: int,
        author: str,
        kind: str = "edit",
        reason: str = "",
        place: str = "",
        summary: str | None = None,
    ) -> int:
        """Store `letter`'s text as the next revision, if it is based on the current text.

        - The status and date sent are the stored ones (only `set_status` changes them).
        - Nothing changed: nothing is written; the current number is returned.
        - Based on an older revision whose text has since changed (another window, another person):
          the text is kept as a revision of kind "kept" (in the history, never current) and
          `LetterChangedElsewhere` says where. Revisions that only changed the status in between
          do not count: nothing would be lost.
        - A sent letter changes only with a `reason` (an amendment); without one, `LetterIsSent`.
        This session's journal row for the letter is dropped once its text is in a revision.
        `letter.revision`, `status` and `sent_on` are updated to what was stored.
        """
        from letters.store.documents import (
            aware,
            content_fingerprint,
            describe_changes,
            document_for,
            now,
        )
        from letters.store.errors import LetterChangedElsewhere, LetterIsSent

        checked, data = document_for(letter)
        at = now()
        problem: Exception | None = None
        with self.transaction(write=True) as conn:
            head = self.head(conn, letter_id)
            if (checked.status, checked.sent_on) != (head.status, head.sent_on):
                checked.status, checked.sent_on = head.status, head.sent_on
                checked, data = document_for(checked)
            current = self.document(conn, letter_id, head.current) or {}
            number = head.current
            if encode(data) == encode(current):
                self.drop_journal(conn, letter_id)
            elif based_on != head.current and (
                (base := self.document(conn, letter_id, based_on)) is None
                or content_fingerprint(base) != content_fingerprint(current)
            ):
                kept = self.next_number(conn, letter_id)
                self.insert_revision(
                    conn,
                    letter_id,
                    kept,
                    data,
                    at=at,
                    author=author,
                    summary=f"Kept: {describe_changes(base or current, data)}",
                    kind="kept",
                    based_on=based_on,
                    reason=reason,
                    place=place,
                )
                self.drop_journal(conn, letter_id)
                by, when = self.saved_by(conn, letter_id, head.current)
                problem = LetterChangedElsewhere(
                    letter_id, based_on=based_on, current=head.current, by=by, at=aware(when), kept=kept
                )
            elif head.status is Status.SENT and not reason.strip():
                problem = LetterIsSent(letter_id, head.sent_on)
            else:
                number = self.next_number(conn, letter_id)
                self.insert_revision(
                    conn,
                    letter_id,
                    number,
                    data,
                    at=at,
                    author=author,
                    summary=summary or describe_changes(current, data),
                    kind="amended" if head.status is Status.SENT else kind,
                    based_on=based_on,
                    reason=reason.strip(),
                    place=place,
                )
                try:
                    self.make_current(
                        conn, letter_id, seen=head.current, number=number, letter=checked, at=at
                    )
                    self._child_saved(conn, letter_id, checked, current)
                except Raced:
                    problem = LetterChangedElsewhere(
                        letter_id, based_on=based_on, current=head.current, by="", at=aware(at), kept=None
                    )
                    raise problem from None
                self.drop_journal(conn, letter_id)
        if problem is not None:
            raise problem
        letter.revision = number
        letter.status, letter.sent_on = checked.status, checked.sent_on
        return number
