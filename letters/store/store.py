"""The store: letters kept as revisions in a database, nothing overwritten, deletion recoverable.

Every save appends a revision holding the whole letter (see letters/store/tables.py for why); the
`letters` row only points at the current one and copies what lists need. Deleting sets a date on
the row and removing that date restores it; no method here removes a revision.

Every save carries the revision it was based on (`Letter.revision`): one based on an older text
than the stored one is refused and kept aside (`LetterChangedElsewhere`), so two windows or two
people never overwrite each other. Each revision says who made it (the OS user unless the store
was opened for a signed-in person). A sent letter is read-only: changing it needs a reason and
makes an "amended after sending" revision; marking ready or sent goes through the pre-send gate
(`letters.store.gate`, recorded by `letters.store.sending`).

Letters are checked on the way in with the same rules as the letter file
(`letters.interchange.letter_from_data`), so what is stored can always be read back.

This module must not log: letters hold personal data about children.
"""

from __future__ import annotations

import builtins
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, func, insert, or_, select, type_coerce, update

from letters.interchange import letter_from_data
from letters.model import Letter, Status
from letters.store.children import ChildrenMixin
from letters.store.core import StoreCore
from letters.store.documents import Place, aware, document_for, now, row_values
from letters.store.errors import LetterNotFound
from letters.store.journal import JournalMixin
from letters.store.profiles import ProfilesMixin
from letters.store.record_words import RecordWordsMixin
from letters.store.sending import SendingHistory, SendingMixin
from letters.store.summaries import LetterSummary, RevisionInfo, summary_from_row
from letters.store.tables import LetterRow, RevisionRow
from letters.workdays import add_working_days

if TYPE_CHECKING:
    from letters.store.gate import PreSendCheck

__all__ = ["LetterNotFound", "LetterSummary", "RevisionInfo", "Store"]


class Store(ProfilesMixin, RecordWordsMixin, ChildrenMixin, JournalMixin, SendingMixin, StoreCore):
    """Letters in one database. Safe to share between threads; each call is one transaction."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------------

    def add(
        self,
        letter: Letter,
        *,
        author: str | None = None,
        imported: bool = False,
        check: PreSendCheck | None = None,
        reason: str = "",
    ) -> int:
        """Store a new letter as its first revision; sets and returns `letter.id`.

        A letter that is already ready or sent needs its pre-send `check` (and a `reason` when it
        has open errors), unless it is `imported`: a record of a letter sent elsewhere.
        """
        return self._add(
            letter, author=author, summary="First version", imported=imported, check=check, reason=reason
        )

    def _add(
        self,
        letter: Letter,
        *,
        author: str | None,
        summary: str,
        imported: bool = False,
        check: PreSendCheck | None = None,
        reason: str = "",
    ) -> int:
        from letters.store.documents import content_fingerprint

        checked, data = document_for(letter)
        status = checked.status
        gated = status is not Status.DRAFT and not imported
        if gated:
            self.require_check(check, content_fingerprint(data), str(status), reason, None)
        at = now()
        who = self._author(author)
        with self.transaction(write=True) as conn:
            letter_id = conn.execute(
                insert(LetterRow)
                .values(
                    created_at=at,
                    updated_at=at,
                    current_revision=1,
                    imported=imported,
                    sent_revision=1 if status is Status.SENT else None,
                    **row_values(checked),
                )
                .returning(LetterRow.id)
            ).scalar_one()
            self.insert_revision(
                conn,
                letter_id,
                1,
                data,
                at=at,
                author=who,
                summary=summary,
                kind="status" if gated else "edit",
                reason=reason.strip() if gated else "",
            )
            if gated and check is not None:
                self.record_check(conn, letter_id, 1, str(status), check, reason, who, at)
            checked.child_id = letter.child_id  # a letter started from a child's record
            child_id = self.attach_child(conn, letter_id, checked)
        letter.id = int(letter_id)
        letter.child_id = child_id
        letter.revision = 1
        letter.created_at = letter.updated_at = aware(at)
        return int(letter_id)

    def save(
        self,
        letter: Letter,
        *,
        author: str | None = None,
        place: Place | None = None,
        amend_reason: str = "",
    ) -> int:
        """Store the letter as a new revision and return its number.

        The save is based on `letter.revision` (set by `get`, `add` and every save): when the
        stored text has moved on since, the text is kept aside and `LetterChangedElsewhere` says
        so. Nothing changed: nothing is written and the current number is returned. A sent letter
        changes only with an `amend_reason`. `place` is where the last edit was (reopened there).
        A letter without an id is added (its first revision is 1).
        """
        if letter.id is None:
            self.add(letter, author=author)
            return 1
        if letter.revision is None:
            raise ValueError("save() needs the revision the letter was read at (letter.revision)")
        number = self.write_revision(
            letter.id,
            letter,
            based_on=letter.revision,
            author=self._author(author),
            reason=amend_reason,
            place=place.encode() if place else "",
        )
        letter.updated_at = aware(now())
        return number

    def revert(
        self, letter_id: int, number: int, *, author: str | None = None, amend_reason: str = ""
    ) -> int:
        """Make revision `number`'s text current again, as a new revision (the later ones stay).

        The status stays as it is now; on a sent letter this is an amendment and needs a reason.
        """
        old = self.revision(letter_id, number)
        current = self.get(letter_id)
        return self.write_revision(
            letter_id,
            old,
            based_on=current.revision or 0,
            author=self._author(author),
            reason=amend_reason,
            summary=f"Back to revision {number}",
        )

    def duplicate(self, letter_id: int, *, meeting_date: date | None = None) -> int:
        """A new draft letter with this one's content (for the next review, on `meeting_date`);
        returns its id."""
        letter = self.get(letter_id)
        if meeting_date is not None:
            letter.meeting.date = meeting_date
        letter.id = letter.revision = letter.created_at = letter.updated_at = None
        letter.status, letter.sent_on = Status.DRAFT, None
        kept = self.record_words(letter.child_id)
        if kept is not None:  # the child's own words as they are now, not as that letter had them
            letter.child.words = kept
        return self._add(letter, author=None, summary=f"Copied from letter {letter_id}")

    def delete(self, letter_id: int) -> None:
        """Hide a letter from lists. Its revisions stay; `restore` brings it back."""
        self._set_deleted(letter_id, now())

    def restore(self, letter_id: int) -> None:
        self._set_deleted(letter_id, None)

    def _set_deleted(self, letter_id: int, when: Any) -> None:
        with self.transaction(write=True) as conn:
            done = conn.execute(update(LetterRow).where(LetterRow.id == letter_id).values(deleted_at=when))
            if done.rowcount == 0:
                raise LetterNotFound(letter_id)

    # -- reading ------------------------------------------------------------------------------

    def _read(self, letter_id: int, number: int | None) -> Letter:
        with self.transaction(write=False) as conn:
            head = conn.execute(
                select(LetterRow.created_at, LetterRow.current_revision, LetterRow.child_id).where(
                    LetterRow.id == letter_id
                )
            ).one_or_none()
            if head is None:
                raise LetterNotFound(letter_id)
            wanted = number or head.current_revision
            row = conn.execute(
                select(RevisionRow.document, RevisionRow.saved_at).where(
                    RevisionRow.letter_id == letter_id,
                    RevisionRow.number == wanted,
                )
            ).one_or_none()
        if row is None:
            raise LetterNotFound(letter_id, number)
        letter = letter_from_data(json.loads(row.document))
        letter.id = letter_id
        letter.child_id = head.child_id
        letter.revision = int(wanted)
        letter.created_at = aware(head.created_at)
        letter.updated_at = aware(row.saved_at)
        return letter

    def get(self, letter_id: int) -> Letter:
        """The letter as last saved (deleted letters too: they can be looked at and restored)."""
        return self._read(letter_id, None)

    def revision(self, letter_id: int, number: int) -> Letter:
        """The letter as it was saved in revision `number` (`updated_at` is when)."""
        return self._read(letter_id, number)

    def sent_revision(self, letter_id: int) -> int | None:
        """The revision that was marked sent (what the child was sent), or None if not sent."""
        with self.transaction(write=False) as conn:
            row = conn.execute(select(LetterRow.sent_revision).where(LetterRow.id == letter_id)).one_or_none()
        if row is None:
            raise LetterNotFound(letter_id)
        return None if row.sent_revision is None else int(row.sent_revision)

    def history(self, letter_id: int) -> builtins.list[RevisionInfo]:
        """Every revision of a letter, oldest first, with who made it and of what kind."""
        r = RevisionRow
        with self.transaction(write=False) as conn:
            head = conn.execute(
                select(LetterRow.current_revision, LetterRow.sent_revision).where(LetterRow.id == letter_id)
            ).one_or_none()
            rows = conn.execute(
                select(r.number, r.saved_at, r.author, r.summary, r.kind, r.based_on, r.reason)
                .where(r.letter_id == letter_id)
                .order_by(r.number)
            ).all()
        if head is None or not rows:
            raise LetterNotFound(letter_id)
        return [
            RevisionInfo(
                row.number,
                aware(row.saved_at),
                row.author,
                row.summary,
                row.kind,
                row.based_on,
                row.reason,
                current=row.number == head.current_revision,
                sent=row.number == head.sent_revision,
            )
            for row in rows
        ]

    def sending_history(self, letter_id: int) -> SendingHistory:
        """How the letter was sent, for the audit: checks and reasons, waivers, amendments."""
        history = self.history(letter_id)
        return SendingHistory(
            letter_id,
            self.is_imported(letter_id),
            self.sent_revision(letter_id),
            tuple(self.send_checks(letter_id)),
            tuple(self.waivers(letter_id)),
            tuple(r for r in history if r.kind == "amended"),
        )

    def last_place(self, letter_id: int) -> Place | None:
        """Where the last edit of the letter's text was (None if no save said)."""
        r = RevisionRow
        with self.transaction(write=False) as conn:
            text = conn.execute(
                select(r.place)
                .where(r.letter_id == letter_id, r.place != "", r.kind != "kept")
                .order_by(r.number.desc())
                .limit(1)
            ).scalar_one_or_none()
        return Place.decode(text) if text else None

    def list(
        self, *, status: Status | None = None, include_deleted: bool = False, search: str = ""
    ) -> builtins.list[LetterSummary]:
        """Letters, newest meeting first. `search` matches the child's or the IRO's name.

        A row this version cannot fully read is listed with its `problem`, never dropped.
        """
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

        def raw(column: Any, name: str) -> Any:  # read as stored: a bad value fails one row, not all
            return type_coerce(column, String).label(name)

        query = (
            select(t.id, t.child_name, t.child_age, t.status, t.iro, t.current_revision)
            .add_columns(
                t.imported, t.sent_revision, t.deleted_at.isnot(None).label("is_deleted"), t.child_id
            )
            .add_columns(t.decisions_due)
            .add_columns(
                raw(t.meeting_date, "meeting_date"),
                raw(t.sent_on, "sent_on"),
                raw(t.updated_at, "updated_at"),
            )
            .where(*conditions)
            .order_by(t.meeting_date.desc(), t.id.desc())
        )
        with self.transaction(write=False) as conn:
            rows = conn.execute(query).all()
            outcomes = self._outcomes(conn) if any(row.decisions_due for row in rows) else {}
        days, nation = self._authority.letter_working_days, self._authority.holiday_subdivision
        due: dict[date, date] = {}  # several letters share a meeting date: count once

        def due_for(meeting: date) -> date:
            if meeting not in due:
                due[meeting] = add_working_days(meeting, days, nation)
            return due[meeting]

        # A line is made again only when something it is made from changed: the row's values and
        # the outcomes later letters recorded are its key (the authority's working days are this
        # store's for good). Lines of letters no longer listed are let go at each list.
        before = getattr(self, "_lines", {})
        lines: dict[tuple[Any, ...], LetterSummary] = {}
        out = []
        for row in rows:
            told = outcomes.get(row.id) if outcomes else None
            key = (*row, tuple(sorted(told.items())) if told else ())
            line = before.get(key) or lines.get(key) or summary_from_row(row, due_for, outcomes)
            lines[key] = line
            out.append(line)
        self._lines = lines
        return out

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
