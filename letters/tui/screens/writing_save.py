"""Saving the letter on the writing screen: the journal while typing, revisions on a pause.

Every change to the letter on screen counts as an edit. Two things keep the stored letter close:
- at most `JOURNAL_EVERY` after an edit, the letter goes into this editor's journal row (overwritten
  each time; `Store.write_journal`), however steadily the IRO types: a killed app loses at most
  that much typing, and the next start restores the journal. The edit handler itself hands the
  copy to a thread of its own (`letters.tui.journal_writer`), because a burst of keys can hold up
  the event loop's timers and workers for seconds on a busy machine;
- `AUTOSAVE_DELAY` after typing pauses, and at once on ctrl+s, a section change, leaving the screen
  or quitting, a revision is stored (which drops the journal row), carrying the place of the edit.
Both work on a copy of the letter (`snapshot`), under the app's database lock, so the letter on
screen is never touched by another thread, and each save is based on the revision this screen last
stored. A failed save keeps the text on screen, says so, and tries again; when the journal
cannot be written either, the text goes to this editor's recovery file on this computer. A save
refused because the letter changed elsewhere (its text kept as a revision by the store) is handed
to `writing_conflict.Guard`, which asks the IRO what to do. No widgets here: the screen shows
`status()`.
"""

from __future__ import annotations

import dataclasses
import time
from typing import TYPE_CHECKING

from letters.child_words import copy_words
from letters.errors import UserError

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.worker import Worker

    from letters.model import Letter
    from letters.store import Place, Store
    from letters.tui.journal_writer import JournalWriter
    from letters.tui.screens.writing import WritingScreen

AUTOSAVE_DELAY = 0.7  # seconds after typing stops before a revision is saved
JOURNAL_EVERY = 0.5  # the longest typing goes unjournaled (kill -9 loses at most this, plus a write)
RETRY_DELAY = 3.0  # seconds before trying again after a failed save


def snapshot(letter: Letter) -> Letter:
    """A copy to hand to a worker: the parts the screen edits are copied, text is shared.

    Much cheaper than a deep copy of a long letter (strings are immutable), so taking one on every
    pause in typing costs the UI thread next to nothing.
    """
    return dataclasses.replace(
        letter,
        sections=[dataclasses.replace(s) for s in letter.sections],
        decisions=[dataclasses.replace(d) for d in letter.decisions],
        allow=list(letter.allow),
        disabled_rules=list(letter.disabled_rules),
        child=dataclasses.replace(letter.child, words=copy_words(letter.child.words)),
        followups=[dataclasses.replace(f) for f in letter.followups],
        glossary=list(letter.glossary),
    )


class Saver:
    """Keeps the stored letter up to date with the one on screen."""

    def __init__(self, screen: WritingScreen) -> None:
        self.screen = screen
        self.edits = 0  # counts every change to the letter on screen
        self.saved_edits = 0  # the edit count of the last revision stored
        self.journaled_edits = 0  # the edit count of the last journal (or recovery file) write
        self._stored_edits = 0  # the same two, as seen by the worker (under the database lock)
        self._written_edits = 0
        self.revision: int | None = screen.letter.revision  # the revision the screen is based on
        self.state = "saved"  # saved | unsaved | saving | failed | conflict
        self.problem: str | None = None  # why the last save failed
        self.kept_on_disk = False  # the journal failed too: the text is in a recovery file
        self.amend_reason = ""  # set once the IRO chose to amend a sent letter
        self.reconnecting = False  # it failed because the server could not be reached
        self._timer: Timer | None = None
        self._journal_timer: Timer | None = None  # for the last keys before a pause
        self._journal_offered = 0.0  # when a copy last went to the journal writer
        self._writer: JournalWriter | None = None

    @property
    def unsaved(self) -> bool:
        """Whether some of the text on screen is in no revision yet."""
        return self.edits != self.saved_edits

    def changed(self) -> None:
        """The letter on screen changed: journal it within `JOURNAL_EVERY`, save it on a pause."""
        self.edits += 1
        if self.state == "conflict":
            return  # the IRO is choosing what to do; nothing is saved over the other text
        if self.state != "saving":
            self.state = "unsaved"
        self._restart(AUTOSAVE_DELAY)
        waited = time.monotonic() - self._journal_offered
        if waited >= JOURNAL_EVERY:
            self.write_journal()
        elif self._journal_timer is None:
            self._journal_timer = self.screen.set_timer(JOURNAL_EVERY - waited, self.write_journal)

    def status(self) -> tuple[str, bool]:
        """What the status line says about saving, and whether it is a problem."""
        if self.state == "failed" and self.reconnecting:
            return (
                "⟳ Reconnecting to the database server… Your text is kept here and is saved as soon "
                "as the server is back.",
                True,
            )
        if self.state == "failed":
            kept = (
                "Your text is kept here and in a recovery file on this computer"
                if self.kept_on_disk
                else "Your text is kept here"
            )
            return f"✗ Not saved: {self.problem} {kept}; trying again in {RETRY_DELAY:.0f} s.", True
        if self.state == "conflict":
            return "✗ The letter changed elsewhere: choose what to keep (nothing is lost).", True
        if self.state == "saving":
            return "Saving…", False
        if self.state == "unsaved":
            return "● Unsaved changes (saves as you pause)", False
        if self.revision is None or self.saved_edits == 0:  # nothing saved from this screen yet
            return "✓ All changes saved", False
        return f"✓ Saved {self.screen.app.now():%H:%M:%S} (revision {self.revision})", False

    # -- the journal --------------------------------------------------------------------------

    def write_journal(self) -> None:
        """Hand the letter as typed so far to the journal writer (its own thread)."""
        from letters.tui.journal_writer import JournalWriter

        if self._journal_timer is not None:
            self._journal_timer.stop()
        self._journal_timer = None
        letter = self.screen.letter
        newest = max(self.saved_edits, self.journaled_edits)
        if self.edits <= newest or letter.id is None or self.state == "conflict":
            return
        self._journal_offered = time.monotonic()
        if self._writer is None:
            self._writer = JournalWriter(self._journal, lock=self.screen.app.db_lock)
        self._writer.offer((snapshot(letter), self.edits, self.screen.edit_place()))

    def _journal(self, item: tuple[Letter, int, Place]) -> None:
        """On the journal writer's thread, under the database lock. When the database cannot take
        it, this editor's recovery file on this computer can."""
        copy, edits, place = item
        store = self.screen.app.store
        if store is None or edits <= max(self._stored_edits, self._written_edits):
            return  # no database, or a revision or a newer journal already holds it
        copy.revision = self.revision or copy.revision
        try:
            store.write_journal(copy, place=place, reason=self.amend_reason)
        except UserError:
            store.write_recovery(copy, place=place, reason=self.amend_reason, overwrite=True)
            self.kept_on_disk = True
        self._written_edits = edits
        self.journaled_edits = max(self.journaled_edits, edits)

    def close(self) -> None:
        """The screen is going: stop the journal writer (after its last write)."""
        if self._writer is not None:
            self._writer.stop()

    # -- revisions ----------------------------------------------------------------------------

    def save_now(self) -> Worker[None] | None:
        """Store a revision of the letter as it is now, in a worker; None when nothing changed."""
        letter = self.screen.letter
        if not self.unsaved or letter.id is None or self.state == "conflict":
            return None
        edits, copy, place = self.edits, snapshot(letter), self.screen.edit_place()
        retrying = self.state == "failed"
        self.state = "saving"
        self.screen.show_status()
        return self.screen.app.db(
            lambda store: self._store(store, copy, edits, place),
            lambda revision: self._saved(revision, edits),
            failed="Could not save the letter",
            on_error=self._failed,
            notify=not retrying,  # while retrying, the status line says it
        )

    def _store(self, store: Store, copy: Letter, edits: int, place: Place) -> int | None:
        """In the database worker, under its lock."""
        if edits <= self._stored_edits:  # a newer copy is already stored
            return None
        # The copy holds every edit this screen saved before (saves run in order), so it is based
        # on the last revision this screen stored, not only the one it was opened at.
        if self.revision is not None and (copy.revision or 0) < self.revision:
            copy.revision = self.revision
        revision = store.save(copy, place=place, amend_reason=self.amend_reason)
        self._stored_edits = edits
        self.revision = self.screen.letter.revision = revision
        if self.kept_on_disk:
            assert copy.id is not None
            store.forget_recovery(copy.id)  # in the database now
            self.kept_on_disk = False
        return revision

    def _saved(self, revision: int | None, edits: int) -> None:
        if revision is not None:
            self.revision = revision
        self.saved_edits = max(self.saved_edits, edits)
        self.journaled_edits = max(self.journaled_edits, edits)
        self.state = "saved" if self.saved_edits == self.edits else "unsaved"
        self.problem = None
        self.screen.show_status()

    def _failed(self, problem: Exception) -> None:
        from letters.errors import ServerUnreachable
        from letters.store import LetterChangedElsewhere

        if isinstance(problem, LetterChangedElsewhere):
            self.state, self.problem = "conflict", str(problem)
            self._stop()
            self.screen.show_status()
            self.screen.guard.changed_elsewhere(problem)
            return
        self.state, self.problem = "failed", str(problem)
        self.reconnecting = isinstance(problem, ServerUnreachable)
        self.screen.show_status()
        self._restart(RETRY_DELAY)

    def rebase(self, revision: int, *, edits_saved: bool) -> None:
        """After the IRO chose: carry on from `revision` (reloaded, or kept over the other text)."""
        self.revision = self.screen.letter.revision = revision
        self.problem = None
        if edits_saved:  # the screen now shows the stored text
            self.saved_edits = self.journaled_edits = self.edits
            self.state = "saved"
        else:
            self.state = "unsaved"
            self.save_now()
        self.screen.show_status()

    def _restart(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(delay, self.save_now)

    def _stop(self) -> None:
        for timer in (self._timer, self._journal_timer):
            if timer is not None:
                timer.stop()
        self._timer = self._journal_timer = None

    async def flush(self) -> bool:
        """Save now and wait for it (before leaving the screen or quitting).

        True when nothing typed is left outside the database: saved as the letter's text, or kept
        as a revision beside it after a conflict.
        """
        worker = self.save_now()
        if worker is not None:
            await worker.wait()
        return not self.unsaved or self.state == "conflict"

    def write_recovery(self) -> str:
        """Put the text on screen into a recovery file (quitting with the database failing);
        returns where. Raises `UserError` when that cannot be written either."""
        letter = snapshot(self.screen.letter)
        letter.revision = self.revision or letter.revision
        store = self.screen.app.store
        if store is None:
            raise UserError("The database never opened, so there is no letter to keep.")
        # The same file the journal falls back to, so the next start offers one, the newest.
        path = store.write_recovery(
            letter, place=self.screen.edit_place(), reason=self.amend_reason, overwrite=True
        )
        self.saved_edits = self.edits  # kept: the next start offers it
        return str(path)
