"""Saving the letter on the writing screen: counting edits, autosave, save now, retry, flush on leaving.

Every change to the letter on screen counts as an edit; a revision is stored in the app's database
worker (`app.db`) about 0.7 s after typing stops, at once on ctrl+s, and before leaving the screen
or quitting. The worker stores a copy of the letter (`snapshot`), so the letter on screen is never
touched by another thread. A failed save keeps the text on screen, says so in the status line and
tries again a few seconds later. The save path is `save_now` → `_store` (in the worker) →
`_saved` or `_failed`: nothing else writes the letter. No widgets here: the screen shows `status()`.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from letters.child_words import copy_words

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.worker import Worker

    from letters.model import Letter
    from letters.store import Store
    from letters.tui.screens.writing import WritingScreen

AUTOSAVE_DELAY = 0.7  # seconds after typing stops before a revision is saved
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
        self._stored_edits = 0  # the same, as seen by the save worker (under the database lock)
        self.revision: int | None = None
        self.state = "saved"  # saved | unsaved | saving | failed
        self.problem: str | None = None  # why the last save failed
        self._timer: Timer | None = None

    def changed(self) -> None:
        """The letter on screen changed: save it once typing pauses."""
        self.edits += 1
        if self.state != "saving":
            self.state = "unsaved"
        self._restart(AUTOSAVE_DELAY)

    def status(self) -> tuple[str, bool]:
        """What the status line says about saving, and whether it is a problem."""
        if self.state == "failed":
            return (
                f"✗ Not saved: {self.problem} Your text is kept here; trying again in {RETRY_DELAY:.0f} s.",
                True,
            )
        if self.state == "saving":
            return "Saving…", False
        if self.state == "unsaved":
            return "● Unsaved changes (saves as you pause)", False
        if self.revision is None:
            return "✓ All changes saved", False
        return f"✓ Saved {self.screen.app.now():%H:%M:%S} (revision {self.revision})", False

    def save_now(self) -> Worker[None] | None:
        """Store a revision of the letter as it is now, in a worker; None when nothing changed."""
        letter = self.screen.letter
        if self.edits == self.saved_edits or letter.id is None:
            return None
        edits, copy = self.edits, snapshot(letter)
        retrying = self.state == "failed"
        self.state = "saving"
        self.screen.show_status()
        return self.screen.app.db(
            lambda store: self._store(store, copy, edits),
            lambda revision: self._saved(revision, edits),
            failed="Could not save the letter",
            on_error=self._failed,
            notify=not retrying,  # while retrying, the status line says it
        )

    def _store(self, store: Store, copy: Letter, edits: int) -> int | None:
        """In the database worker, under its lock."""
        if edits <= self._stored_edits:  # a newer copy is already stored
            return None
        # The copy holds every edit this screen saved before (saves run in order), so it is based
        # on the last revision this screen stored, not only the one it was opened at.
        if self.revision is not None and (copy.revision or 0) < self.revision:
            copy.revision = self.revision
        revision = store.save(copy)
        self._stored_edits = edits
        self.revision = self.screen.letter.revision = revision
        return revision

    def _saved(self, revision: int | None, edits: int) -> None:
        if revision is not None:
            self.revision = revision
        self.saved_edits = max(self.saved_edits, edits)
        self.state = "saved" if self.saved_edits == self.edits else "unsaved"
        self.problem = None
        self.screen.show_status()

    def _failed(self, problem: Exception) -> None:
        self.state, self.problem = "failed", str(problem)
        self.screen.show_status()
        self._restart(RETRY_DELAY)

    def _restart(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(delay, self.save_now)

    async def flush(self) -> None:
        """Save now and wait for it (before leaving the screen or quitting)."""
        worker = self.save_now()
        if worker is not None:
            await worker.wait()
