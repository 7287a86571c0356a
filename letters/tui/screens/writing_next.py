"""The writing screen's parts for the next letter: last time's decisions, what is overdue, and the
child's own words (f9), which come forward into it.

`FollowUpParts` belongs to one `WritingScreen`. It shows "Since your last meeting" as rows of the
last letter's decisions with what happened to each (`widgets.followups_editor`), gives the
decisions editor the meeting day, today and what later letters recorded happened to this letter's
decisions (read once from the store, in a worker: `Store.outcomes_for`), and says in words which
decisions are overdue ("! 2 decisions overdue: What we decided 1, 3"), in the status line and the
section's title. No saving or checking of its own: edits go to the screen's `letter_changed`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from letters.child_words import copy_words
from letters.followup import followup_overdue
from letters.model import SINCE_LAST, ChildWords, GlossaryEntry, Outcome
from letters.tui.screens.writing_save import snapshot
from letters.tui.widgets.decisions_editor import DecisionsEditor
from letters.tui.widgets.followups_editor import FollowUpsEditor

if TYPE_CHECKING:
    from letters.store import Store
    from letters.tui.screens.glossary import GlossaryRow
    from letters.tui.screens.writing import WritingScreen


class FollowUpParts:
    """Last time's decisions and overdue decisions on one writing screen."""

    def __init__(self, screen: WritingScreen) -> None:
        self.screen = screen
        self.outcomes: Mapping[int, Outcome] = {}  # this letter's decisions, as later letters say

    # -- loading ------------------------------------------------------------------------------

    def load(self) -> None:
        """Read what later letters recorded happened to this letter's decisions (a worker)."""
        letter_id = self.screen.letter.id
        if letter_id is None:
            return

        def job(store: Store) -> Mapping[int, Outcome]:
            return store.outcomes_for(letter_id)

        self.screen.app.db(job, self._loaded, failed="Could not read what later letters say", notify=False)

    def _loaded(self, outcomes: Mapping[int, Outcome]) -> None:
        self.outcomes = outcomes
        decisions = self.screen.decisions_editor()
        if decisions is not None:
            decisions.show_outcomes(outcomes)
        self.screen.show_status()

    # -- the editors ----------------------------------------------------------------------------

    def decisions_editor(self) -> DecisionsEditor:
        from letters.letter_words import decision_for_child

        letter = self.screen.letter
        editor = DecisionsEditor(
            letter.decisions,
            id="decisions",
            meeting=letter.meeting.date,
            today=self.screen.app.today(),
            outcomes=self.outcomes,
            reads=lambda decision: decision_for_child(decision, letter),
        )
        editor.disabled = self.screen.guard.read_only  # a sent letter, until amended
        return editor

    def followups_editor(self) -> FollowUpsEditor | None:
        found = self.screen.query(FollowUpsEditor)
        return found.first() if found else None

    def show_section(self, key: str) -> None:
        """Show the follow-ups' rows under the editor in "Since your last meeting" (made when
        first shown: rows of inputs are costly to build)."""
        editor = self.followups_editor()
        if editor is not None:
            editor.display = key == SINCE_LAST
        elif key == SINCE_LAST and self.screen.letter.followups:
            editor = FollowUpsEditor(self.screen.letter, self.screen.app.today(), id="followups")
            editor.disabled = self.screen.guard.read_only  # a sent letter, until amended
            self.screen.query_one("#main").mount(editor)

    # -- the glossary page ----------------------------------------------------------------------

    def edit_glossary(self) -> None:
        """The words the letter uses that a glossary page could explain, in a dialog (offered from
        the last check, their meanings checked for this child in a worker first)."""
        screen = self.screen
        report = screen.report
        if report is None:
            screen.notify("The checks are still running: try again in a moment.", timeout=3)
            return
        letter = snapshot(screen.letter)
        config = screen.app.config.checks

        def job() -> None:
            from letters.checks.lexicon import load_lexicon
            from letters.glossary import candidates
            from letters.tui.screens.glossary import GlossaryRow, glossary_rows

            offered = candidates(letter, report, load_lexicon(config.lexicon), config)
            rows = [GlossaryRow(c.term, c.word, c.meaning, c.kept, c.uses) for c in offered]
            screen.app.call_from_thread(self._open_glossary, glossary_rows(letter, rows))

        screen.run_worker(job, thread=True, group="glossary", exclusive=True, exit_on_error=False)

    def _open_glossary(self, rows: list[GlossaryRow]) -> None:
        from letters.tui.screens.glossary import GlossaryScreen

        letter = self.screen.letter

        def kept(entries: list[GlossaryEntry] | None) -> None:
            if entries is None or entries == letter.glossary:
                return
            letter.glossary = entries
            count = len(entries)
            self.screen.notify(
                f"The glossary page explains {count} word{'' if count == 1 else 's'}."
                if count
                else "The letter has no glossary page now.",
                timeout=3,
            )
            self.screen.letter_changed()

        self.screen.app.push_screen(GlossaryScreen(letter, rows, self.screen.app.config.checks), kept)

    # -- the child's own words ------------------------------------------------------------------

    def edit_child_words(self) -> None:
        """The child's words profile in a dialog; kept words are checked again and saved."""
        from letters.tui.screens.child_words import ChildWordsScreen

        letter = self.screen.letter

        def kept(words: ChildWords | None) -> None:
            if words is None or words == letter.child.words:
                return
            letter.child.words = words
            self.screen.notify(f"Kept {letter.child.name}'s own words.", timeout=3, markup=False)
            self.screen.letter_changed()

        self.screen.app.push_screen(ChildWordsScreen(copy_words(letter.child.words), letter.child.name), kept)

    # -- overdue --------------------------------------------------------------------------------

    def overdue(self) -> tuple[list[int], list[int]]:
        """(this letter's decisions overdue, last time's decisions still overdue), by number."""
        from letters.followup import overdue_numbers

        letter, today = self.screen.letter, self.screen.app.today()
        editor = self.screen.decisions_editor()
        if editor is not None:
            mine = editor.overdue()
        else:
            from letters.followup import decisions_due

            mine = overdue_numbers(decisions_due(letter), today, self.outcomes)
        last = [
            n
            for n, f in enumerate(letter.followups, start=1)
            if followup_overdue(f, letter.meeting.date, today) is not None
        ]
        return mine, last

    def overdue_text(self) -> str:
        """ "! 2 decisions overdue (What we decided 1, 3)" for the status line; "" for none."""
        from letters.model import SECTION_TITLES

        mine, last = self.overdue()
        total = len(mine) + len(last)
        if not total:
            return ""
        where = []
        if mine:
            where.append(f"{SECTION_TITLES['decisions']} {', '.join(map(str, mine))}")
        if last:
            where.append(f"{SECTION_TITLES[SINCE_LAST]} {', '.join(map(str, last))}")
        return f"! {total} decision{'' if total == 1 else 's'} overdue ({'; '.join(where)})"
