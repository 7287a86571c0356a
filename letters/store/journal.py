"""The journal: text typed since the last revision, so that a crash loses at most a second.

While the IRO types, the app writes the letter into one `journal` row per open editor (this store's
`session`) about once a second, overwriting it; a revision is still made on a pause, and making
one drops the row. So a row exists only while there is text no revision holds: after the app was
killed, or while saving revisions fails. At the next start `journals_to_restore` finds this
person's rows left by editors that are no longer running, and `restore_journal` turns each into a
revision (of kind "restored", or "kept" when the letter changed elsewhere since: nothing is
written over anyone's text).

Whether an editor is still running: a row from this computer whose process is gone is left over;
a row from another computer is taken as left over once it has not been written for
`STALE_AFTER` (a running editor rewrites its row every second while there is unsaved text).

Must not log: rows hold letters.
"""

from __future__ import annotations

import builtins
import json
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select, update

from letters.interchange import letter_from_data
from letters.model import Letter
from letters.store.core import StoreCore
from letters.store.documents import Place, aware, content_fingerprint, document_for, encode, now
from letters.store.errors import LetterChangedElsewhere, LetterIsSent
from letters.store.tables import JournalRow, LetterRow

if TYPE_CHECKING:
    from letters.store.recovery import Recovery

STALE_AFTER = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """Unsaved text an editor left behind."""

    id: int
    letter_id: int
    child: str  # the letter's child, to say which letter it is
    based_on: int
    saved_at: datetime
    place: Place | None
    letter: Letter  # the letter as it was being typed
    reason: str  # an amendment's reason, when the letter being typed was sent


@dataclass(frozen=True, slots=True)
class Restored:
    """What became of restored text: the revision holding it, and whether it is the letter's
    text now (False: the letter had changed elsewhere, so it was kept beside it)."""

    letter_id: int
    revision: int
    current: bool
    unchanged: bool = False  # the text was already saved: nothing was written


def _alive(pid: int, wrote_at: datetime) -> bool:
    """Whether the process that wrote a row at `wrote_at` (UTC) on this computer still runs.

    A killed process whose parent has not collected it yet (a zombie: common in containers whose
    first process never collects orphans) is not running, and a process that started after the row
    was written is another program that was given the same number.
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: running
        return True
    except OSError:
        return False
    started = _process_start(pid)
    if started is None:  # not Linux, or it has just gone
        return Path(f"/proc/{pid}").exists() or not Path("/proc/self").exists()
    state, began = started
    if state in ("Z", "X"):
        return False
    return began is None or began <= aware(wrote_at) + timedelta(seconds=1)


def _process_start(pid: int) -> tuple[str, datetime | None] | None:
    """A Linux process's state letter and when it started, from /proc; None where there is none."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    try:
        ticks = int(fields[19])  # field 22 of the whole line: clock ticks after boot
        boot = time.time() - float(Path("/proc/uptime").read_text().split()[0])  # to 0.01 s
        began = datetime.fromtimestamp(boot + ticks / os.sysconf("SC_CLK_TCK"), tz=UTC)
    except (OSError, ValueError, IndexError):
        began = None
    return fields[0], began


class JournalMixin(StoreCore):
    def write_journal(self, letter: Letter, *, place: Place | None = None, reason: str = "") -> None:
        """Keep the letter as typed so far in this session's journal row (overwritten each time).

        `letter` must have an id and the revision it is based on. `reason` is the amendment's
        reason when a sent letter is being changed.
        """
        if letter.id is None or letter.revision is None:
            raise ValueError("write_journal() needs a stored letter (id and revision)")
        _, data = document_for(letter)
        values = {
            "person": self._author(None),
            "host": self.host,
            "pid": self.pid,
            "based_on": letter.revision,
            "reason": reason.strip(),
            "place": place.encode() if place else "",
            "saved_at": now(),
            "document": encode(data),
        }
        t = JournalRow
        with self.transaction(write=True) as conn:
            done = conn.execute(
                update(t).where(t.letter_id == letter.id, t.session == self.session).values(**values)
            )
            if done.rowcount == 0:
                conn.execute(insert(t).values(letter_id=letter.id, session=self.session, **values))
        self.journaled.add(letter.id)

    def forget_journal(self, letter_id: int) -> None:
        """Drop this session's journal row for the letter (its text is saved, or thrown away)."""
        with self.transaction(write=True) as conn:
            self.drop_journal(conn, letter_id)

    def journals_to_restore(self, *, person: str | None = None) -> builtins.list[JournalEntry]:
        """This person's journal rows left by editors that are not running, oldest first."""
        who = self._author(person)
        t = JournalRow
        with self.transaction(write=False) as conn:
            rows = conn.execute(
                select(t, LetterRow.child_name.label("child"))
                .join(LetterRow, LetterRow.id == t.letter_id)
                .where(t.person == who, t.session != self.session)
                .order_by(t.saved_at)
            ).all()
        stale = now() - STALE_AFTER
        found = []
        for row in rows:
            here = row.host == self.host
            if (here and row.pid != self.pid and _alive(row.pid, row.saved_at)) or (
                not here and row.saved_at > stale
            ):
                continue  # an editor still running has it
            try:
                letter = letter_from_data(json.loads(row.document))
            except (ValueError, TypeError):
                continue  # unreadable: left in place rather than thrown away
            letter.id, letter.revision = row.letter_id, row.based_on
            found.append(
                JournalEntry(
                    row.id,
                    row.letter_id,
                    row.child,
                    row.based_on,
                    aware(row.saved_at),
                    Place.decode(row.place),
                    letter,
                    row.reason,
                )
            )
        return found

    def restore_journal(self, entry: JournalEntry) -> Restored | None:
        """Make a left-over journal row's text a revision, then drop the row.

        The text becomes the letter's current text when the letter has not changed since it was
        typed; otherwise it is kept as a revision beside it. None when the row has gone (another
        start restored it first). The row is dropped only after its text is in a revision, so a
        failure or a crash in between leaves it to be restored next time (restoring the same text
        twice writes nothing the second time).
        """
        with self.transaction(write=False) as conn:
            still = conn.execute(select(JournalRow.id).where(JournalRow.id == entry.id)).scalar_one_or_none()
        if still is None:
            return None
        restored = self.restore_text(
            entry.letter, based_on=entry.based_on, place=entry.place, reason=entry.reason
        )
        with self.transaction(write=True) as conn:
            conn.execute(delete(JournalRow).where(JournalRow.id == entry.id))
        return restored

    def restore_text(
        self, letter: Letter, *, based_on: int, place: Place | None = None, reason: str = ""
    ) -> Restored:
        """Store text typed in an editor that stopped (a journal row, a recovery file)."""
        assert letter.id is not None
        copy = document_for(letter)[0]
        copy.id = letter.id
        try:
            with self.transaction(write=False) as conn:
                head = self.head(conn, letter.id, lock=False)
                current = self.document(conn, letter.id, head.current) or {}
            if content_fingerprint(current) == content_fingerprint(document_for(copy)[1]):
                return Restored(letter.id, head.current, True, unchanged=True)
            number = self.write_revision(
                letter.id,
                copy,
                based_on=based_on,
                author=self._author(None),
                kind="restored",
                reason=reason,
                place=place.encode() if place else "",
            )
        except LetterChangedElsewhere as exc:
            assert exc.kept is not None
            return Restored(letter.id, exc.kept, False)
        except LetterIsSent:
            kept = self._keep_aside(copy, based_on=based_on, place=place)
            return Restored(letter.id, kept, False)
        return Restored(letter.id, number, True)

    def _keep_aside(self, letter: Letter, *, based_on: int, place: Place | None) -> int:
        """Keep text as a revision beside the letter's (never current)."""
        assert letter.id is not None
        _, data = document_for(letter)
        with self.transaction(write=True) as conn:
            number = self.next_number(conn, letter.id)
            self.insert_revision(
                conn,
                letter.id,
                number,
                data,
                at=now(),
                author=self._author(None),
                summary="Kept: typed into the sent letter without an amendment",
                kind="kept",
                based_on=based_on,
                place=place.encode() if place else "",
            )
        return number

    # -- recovery files (letters.store.recovery): text the database could not take ------------

    def write_recovery(
        self, letter: Letter, *, place: Place | None = None, reason: str = "", overwrite: bool = False
    ) -> Path:
        """Keep `letter` in a recovery file for this person and database; return its path.

        `overwrite=True` keeps one file per letter for this session (rewritten each time, like the
        journal row), for when the journal itself cannot be written.
        """
        from letters.store.recovery import write_recovery

        return write_recovery(
            letter,
            where=self.where,
            person=self.person,
            place=place,
            reason=reason,
            key=self.session if overwrite else "",
        )

    def forget_recovery(self, letter_id: int) -> None:
        """Remove this session's own recovery file for the letter (its text is saved now)."""
        from letters.store.recovery import session_file

        session_file(where=self.where, person=self.person, letter_id=letter_id, key=self.session).unlink(
            missing_ok=True
        )

    def pending_recoveries(self) -> builtins.list[Recovery]:
        """This person's recovery files for this database, oldest first."""
        from letters.store.recovery import pending_recoveries

        return pending_recoveries(where=self.where, person=self.person)

    def restore_recovery(self, recovery: Recovery) -> Restored:
        """Store a recovery file's text as a revision (see `restore_text`), then remove the file."""
        restored = self.restore_text(
            recovery.letter, based_on=recovery.based_on, place=recovery.place, reason=recovery.reason
        )
        recovery.discard()
        return restored

    def restore_journals(self) -> builtins.list[tuple[JournalEntry, Restored]]:
        """Restore every journal row this person's stopped editors left (see `restore_journal`)."""
        done = []
        for entry in self.journals_to_restore():
            restored = self.restore_journal(entry)
            if restored is not None:
                done.append((entry, restored))
        return done
