"""Guarding the letter on the writing screen: sent letters are read-only, and a letter changed
elsewhere is never written over.

- A sent letter opens read-only (the editor, the decisions and last time's, leaving sections out,
  fixes, the glossary and the child's words). f8 "amend" asks why first; from then on this
  screen's saves are amendments carrying that reason (the store keeps them as "amended after
  sending", with when and by whom).
- When a save is refused because the letter changed elsewhere (the store kept this window's text as
  a revision), `changed_elsewhere` says so and offers: reload the stored letter, compare the two
  texts, or keep this window's text (saved over the current one; theirs stays in the history).
No database access of its own: everything goes through `app.db`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from letters.model import Status

if TYPE_CHECKING:
    from letters.model import Letter
    from letters.store import LetterChangedElsewhere, Store
    from letters.tui.screens.writing import WritingScreen


class Guard:
    def __init__(self, screen: WritingScreen) -> None:
        self.screen = screen

    # -- sent letters -------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """A sent letter, until the IRO chose to amend it."""
        return self.screen.letter.status is Status.SENT and not self.screen.saver.amend_reason

    def apply(self) -> None:
        """Make the editor and decisions read-only or editable, as the letter's status says."""
        from letters.tui.widgets.flagged_text_area import FlaggedTextArea

        locked = self.read_only
        self.screen.query_one(FlaggedTextArea).read_only = locked
        decisions = self.screen.decisions_editor()
        if decisions is not None:
            decisions.disabled = locked
        followups = self.screen.next_parts.followups_editor()
        if followups is not None:
            followups.disabled = locked
        self.screen.refresh_bindings()

    def status(self) -> str:
        letter = self.screen.letter
        if letter.status is not Status.SENT:
            return ""
        when = f" on {letter.sent_on:%-d %B %Y}" if letter.sent_on else ""
        if self.read_only:
            return f"Sent{when}: read-only. f8 amends it (asks why first)."
        return f"Amending the letter sent{when}: each save is kept as 'amended after sending'."

    def amend(self) -> None:
        from letters.tui.screens.reason import ReasonScreen

        letter = self.screen.letter
        if not self.read_only:
            return

        def chosen(reason: str | None) -> None:
            if not reason:
                return
            self.screen.saver.amend_reason = reason
            self.apply()
            self.screen.show_status()
            self.screen.notify(
                "You can change the letter now; it stays sent, and the change is kept as "
                "'amended after sending'.",
                timeout=6,
                markup=False,
            )

        when = f" on {letter.sent_on:%-d %B %Y}" if letter.sent_on else ""
        self.screen.app.push_screen(
            ReasonScreen(
                "Amend a sent letter?",
                f"This letter was sent{when}. It will stay sent; what you change is kept as "
                "'amended after sending', with when, who and why, beside the text that was sent. "
                "Why are you changing it?",
                go="Amend",
            ),
            chosen,
        )

    # -- changed elsewhere --------------------------------------------------------------------

    def changed_elsewhere(self, problem: LetterChangedElsewhere) -> None:
        from letters.tui.screens.conflict import ChangedElsewhereScreen

        def chosen(choice: str | None) -> None:
            if choice == "compare":
                self._compare(problem)
            elif choice == "mine":
                self._keep_mine(problem)
            else:
                self._reload()

        self.screen.app.push_screen(ChangedElsewhereScreen(problem), chosen)

    def _reload(self) -> None:
        letter_id = self.screen.letter.id
        if letter_id is None:
            return

        async def reloaded(letter: Letter) -> None:
            await self.screen.replace_letter(letter)
            self.screen.saver.rebase(letter.revision or 0, edits_saved=True)
            self.screen.notify(f"Reloaded revision {letter.revision}, as it was saved.", timeout=5)

        def done(letter: Letter) -> None:
            self.screen.call_later(reloaded, letter)

        self.screen.app.db(lambda store: store.get(letter_id), done, failed="Could not reload the letter")

    def _keep_mine(self, problem: LetterChangedElsewhere) -> None:
        self.screen.saver.rebase(problem.current, edits_saved=False)  # saves this text over theirs
        self.screen.notify(
            f"Saving your text as the letter; theirs stays in its history (revision {problem.current}).",
            timeout=6,
            markup=False,
        )

    def _compare(self, problem: LetterChangedElsewhere) -> None:
        from letters.tui.screens.conflict import CompareScreen
        from letters.tui.screens.writing_save import snapshot

        letter_id = self.screen.letter.id
        if letter_id is None:
            return
        mine = snapshot(self.screen.letter)  # what is on screen, typed after the refusal too
        mine.revision = problem.kept

        def job(store: Store) -> Letter:
            return store.get(letter_id)

        def show(theirs: Letter) -> None:
            def chosen(choice: str | None) -> None:
                if choice == "reload":
                    self._reload()
                elif choice == "mine":
                    self._keep_mine(problem)
                else:
                    self.changed_elsewhere(problem)

            by = problem.by or "someone"
            self.screen.app.push_screen(CompareScreen(theirs, mine, who=f"saved by {by}"), chosen)

        self.screen.app.db(job, show, failed="Could not read the letter to compare")
