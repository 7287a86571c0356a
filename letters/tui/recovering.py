"""At start-up: bring back what a stopped app left unsaved, before any letter opens.

- Journal rows (text typed since the last revision, left by an app that was killed or crashed) are
  this person's own typing: they are restored at once (`Store.restore_journals`) and the IRO is told
  where each went: into the letter, or, when the letter changed elsewhere meanwhile, kept as a
  revision beside it. The letter restored into reopens where the typing was.
- Recovery files (text the database could not take when the IRO quit) are offered one by one:
  restore it now, or leave it for next time.
`find` runs in the worker that opened the store; `tell` and `offer_recoveries` on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from letters.errors import UserError

if TYPE_CHECKING:
    from letters.store import JournalEntry, Restored, Store
    from letters.store.recovery import Recovery
    from letters.tui.app import LettersApp


@dataclass
class LeftOver:
    restored: list[tuple[JournalEntry, Restored]] = field(default_factory=list)
    recoveries: list[Recovery] = field(default_factory=list)
    problem: str = ""

    @classmethod
    def find(cls, store: Store) -> LeftOver:
        """In a worker: restore the journals, list the recovery files. Never raises."""
        left = cls()
        try:
            left.restored = store.restore_journals()
        except UserError as exc:  # the rows stay, and are restored at the next start
            left.problem = str(exc)
        try:
            left.recoveries = store.pending_recoveries()
        except OSError:
            pass
        return left

    def tell(self, app: LettersApp) -> None:
        if self.problem:
            app.notify(
                f"{self.problem} What you typed last time is kept and will be restored next time.",
                title="Could not restore last time's typing",
                severity="warning",
                timeout=15,
                markup=False,
            )
        for entry, restored in self.restored:
            if restored.unchanged:
                continue
            if restored.current:
                app.notify(
                    f"Restored what you typed in the letter to {entry.child} before letters "
                    f"stopped (revision {restored.revision}).",
                    title="Nothing lost",
                    timeout=10,
                    markup=False,
                )
                if entry.place is not None:
                    app.remember(letter_id=entry.letter_id, section=entry.place.part)
            else:
                app.notify(
                    f"What you typed in the letter to {entry.child} before letters stopped is kept as "
                    f"revision {restored.revision}: the letter changed elsewhere meanwhile, so it was "
                    "not written over. See it with `letters show "
                    f"{entry.letter_id} --revision {restored.revision}`.",
                    title="Kept beside the letter",
                    severity="warning",
                    timeout=20,
                    markup=False,
                )

    def offer_recoveries(self, app: LettersApp, *, then: Callable[[], object]) -> None:
        """Ask about each recovery file in turn (yes: restore it now; no: keep it for next time),
        then call `then` (which reopens the last letter: after the restore, with its text)."""
        if not self.recoveries:
            then()
            return
        from letters.tui.screens.confirm import ConfirmScreen

        recovery = self.recoveries.pop(0)

        def restore(store: Store) -> Restored:
            return store.restore_recovery(recovery)

        def restored(result: Restored) -> None:
            where = "into the letter" if result.current else "beside the letter, which changed meanwhile"
            app.notify(
                f"Restored {where} (revision {result.revision}).",
                title="Nothing lost",
                timeout=8,
                markup=False,
            )
            self.offer_recoveries(app, then=then)

        def answered(yes: bool | None) -> None:
            if yes:
                app.db(
                    restore,
                    restored,
                    failed="Could not restore the recovery file",
                    on_error=lambda _: self.offer_recoveries(app, then=then),
                )
            else:
                self.offer_recoveries(app, then=then)

        when = recovery.saved_at.astimezone()
        app.push_screen(
            ConfirmScreen(
                f"Text for the letter to {recovery.letter.child.name} could not be saved on "
                f"{when:%-d %B at %H:%M} and was kept in a recovery file. Restore it now?",
                yes="Restore it",
                no="Not now",
            ),
            answered,
        )
