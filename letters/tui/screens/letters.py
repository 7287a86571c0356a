"""The letters list: every letter with child, age, meeting, status and when it is due.

Overdue letters say so in words ("OVERDUE by 3 working days") as well as in colour, and so do
decisions past their day that no later letter has settled ("! 2 overdue"). Search matches the child
or the IRO; `f` cycles the status filter (all, drafts, ready, sent, the bin). A first run shows an
empty state that offers the demo letter. Database work goes through `app.db` (a worker).

A long list (a year of an authority's letters is about 1,500) is shown a screenful first and the
rest in batches after each frame: a DataTable measures every cell of the rows it is given before
it draws, and 1,500 rows at once kept the list from answering keys for seconds on a busy machine.
The app warms up the checks only once the list is on screen (`LettersApp.list_shown`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Static

from letters.model import Status
from letters.tui import bindings
from letters.tui.messages import StoreReady
from letters.tui.screens.letters_cells import decisions_text, due_text, status_text

if TYPE_CHECKING:
    from textual.widget import Widget

    from letters.model import Letter
    from letters.store import LetterSummary, Store
    from letters.tui.app import LettersApp

FIRST_ROWS = 80  # shown at once: more than a terminal shows
BATCH_ROWS = 200  # then this many after each frame

#: (key, label) in the order `f` cycles through them.
FILTERS: tuple[tuple[str, str], ...] = (
    ("all", "All letters"),
    ("draft", "Drafts"),
    ("ready", "Ready to send"),
    ("sent", "Sent"),
    ("bin", "Bin (deleted letters)"),
)


class LettersScreen(Screen[None]):
    """Find a letter, start one, or tidy up."""

    BINDINGS = bindings.LETTERS

    app: LettersApp
    AUTO_FOCUS = ""  # the table or the empty state's button takes focus once the list loads

    def __init__(self) -> None:
        super().__init__(id="letters")
        self.filter_index = 0
        self.summaries: list[LetterSummary] = []
        self.last_deleted: int | None = None
        self._loaded = False
        self._generation = 0  # a newer load drops the batches of an older one
        self._bindings_for: object = None  # what the footer's keys were last worked out for

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="letters-bar"):
            yield Input(placeholder="Search by child or IRO ( / )", id="search", compact=True)
            yield Static(self._filter_label(), id="filter-label")
        yield DataTable(id="letters-table", cursor_type="row", zebra_stripes=True)
        with Vertical(id="empty"):
            yield Static("Opening your letters…", id="empty-message")
            with Horizontal(id="empty-actions"):
                yield Button("Add the demo letter (d)", id="add-demo", variant="primary")
                yield Button("Start a new letter (ctrl+n)", id="start-new")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Child", key="child")
        table.add_column("Age", key="age")
        table.add_column("Meeting", key="meeting")
        table.add_column("Status", key="status")
        table.add_column("Letter due", key="due")
        table.add_column("Decisions", key="decisions")
        self.query_one("#empty-actions").display = False
        table.display = False
        if self.app.store is not None or self.app.store_problem is not None:
            self.reload()

    def on_store_ready(self, _: StoreReady) -> None:
        if self.app.place.letter_id is not None and not self._loaded:
            return  # the letter open last time is reopening: the list loads when it is shown
        self.reload()

    def on_screen_resume(self) -> None:
        if self.app.store is not None:
            self.reload()

    # -- loading ----------------------------------------------------------------------------------

    def _filter_label(self) -> str:
        return f"Showing: {FILTERS[self.filter_index][1]} (f)"

    def reload(self, select: int | None = None) -> None:
        if self.app.store is None:
            if self.app.store_problem is not None:
                self.query_one("#empty-message", Static).update(
                    f"The letters database could not be opened.\n\n{self.app.store_problem}"
                )
            return
        key = FILTERS[self.filter_index][0]
        search = self.query_one("#search", Input).value

        def job(store: Store) -> list[LetterSummary]:
            if key == "bin":
                return [s for s in store.list(include_deleted=True, search=search) if s.deleted]
            status = None if key == "all" else Status(key)
            return store.list(status=status, search=search)

        self.app.db(job, lambda rows: self._show(rows, select), failed="Could not list the letters")

    def _show(self, summaries: list[LetterSummary], select: int | None) -> None:
        self._loaded = True
        table = self.query_one(DataTable)
        current = self.selected_id if select is None else select
        self.summaries = summaries
        table.clear()
        self._generation += 1
        ids = [s.id for s in summaries]
        first = max(FIRST_ROWS, ids.index(current) + 1 if current in ids else 0)
        self._add_rows(summaries[:first])
        if len(summaries) > first:
            self.call_after_refresh(self._more_rows, self._generation, first)
        else:
            self.call_after_refresh(self.app.list_shown)
        empty = not summaries
        table.display = not empty
        self.query_one("#empty").display = empty
        first_run = empty and self.filter_index == 0 and not self.query_one("#search", Input).value
        self.query_one("#empty-actions").display = first_run
        if first_run:
            message = (
                "No letters yet.\n\nAdd the demo letter to see how a finished letter looks and how the "
                "checks work, or start a new letter for a child you have just met."
            )
        else:
            search = self.query_one("#search", Input).value.strip()
            shown = FILTERS[self.filter_index][1].lower()
            message = (
                f"No letters match “{search}” in {shown}. Change the search, or press escape "
                "and then f to look in other letters."
                if search
                else f"No letters in {shown}. Press f to show other letters."
            )
        self.query_one("#empty-message", Static).update(message)
        focus: Widget | None = None
        if first_run:
            focus = self.query_one("#add-demo", Button)
        elif not empty:
            ids = [s.id for s in summaries]
            if current in ids:
                table.move_cursor(row=ids.index(current))
            if not self.query_one("#search", Input).has_focus:
                focus = table
        moving = focus is not None and not focus.has_focus
        if focus is not None:
            focus.focus()
        # An empty list highlights no row, so no row says when the keys change; a move of the
        # focus refreshes them anyway (Textual does, twice).
        self._update_bindings(refresh=not moving)

    def _update_bindings(self, *, refresh: bool = True) -> None:
        """Refresh the footer's keys only when what `check_action` answers can have changed: each
        refresh rebuilds the footer (tens of milliseconds), and every key down the list highlights
        a row."""
        chosen = self.selected
        state = (chosen is not None and chosen.deleted, chosen is None, self.last_deleted, self.app.store)
        if state != self._bindings_for:
            self._bindings_for = state
            if refresh:
                self.refresh_bindings()

    def _add_rows(self, summaries: list[LetterSummary]) -> None:
        table = self.query_one(DataTable)
        today, nation = self.app.today(), self.app.config.authority.holiday_subdivision
        for s in summaries:
            table.add_row(
                # Text, never markup: a name may hold "[", and a plain string is parsed for markup
                # on every cell, which a 1,500-letter list felt.
                Text(s.child + (" (!)" if s.problem else "")),
                Text("" if s.age is None else str(s.age)),
                Text(s.meeting_date.strftime("%-d %b %Y") if s.meeting_date else "?"),
                Text(status_text(s)),
                due_text(s, today, nation),
                decisions_text(s, today),
                key=str(s.id),
            )

    def _more_rows(self, generation: int, done: int) -> None:
        """The next batch of rows, after the frame that showed the last one."""
        if generation != self._generation:
            return  # the list was loaded again meanwhile
        self._add_rows(self.summaries[done : done + BATCH_ROWS])
        done += BATCH_ROWS
        if done < len(self.summaries):
            self.call_after_refresh(self._more_rows, generation, done)
        else:
            self.call_after_refresh(self.app.list_shown)

    @property
    def selected(self) -> LetterSummary | None:
        table = self.query_one(DataTable)
        if not self.summaries or not table.display:
            return None
        row = table.cursor_row
        return self.summaries[row] if 0 <= row < len(self.summaries) else None

    @property
    def selected_id(self) -> int | None:
        chosen = self.selected
        return chosen.id if chosen else None

    # -- actions ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        chosen = self.selected
        if action in ("open", "export", "duplicate", "delete", "child"):
            return chosen is not None and not chosen.deleted
        if action == "restore":
            return (chosen is not None and chosen.deleted) or self.last_deleted is not None
        if action == "demo":
            return self.app.store is not None
        if action == "leave_search":  # only from the search box: elsewhere the keys are the list's
            return self.query_one("#search", Input).has_focus
        return True

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._update_bindings()

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        chosen = self.selected
        if chosen is None:
            return
        if chosen.deleted:
            self.notify("That letter is in the bin: press u to restore it first.", markup=False)
            return
        self.app.open_letter(chosen.id)

    def action_search(self) -> None:
        self.set_focus(self.query_one("#search", Input))  # now: the next keys are the search's

    def action_leave_search(self) -> None:
        table = self.query_one(DataTable)
        self.set_focus(table if table.display else None)

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        table = self.query_one(DataTable)
        if table.display:
            table.focus()

    def action_filter(self) -> None:
        self.filter_index = (self.filter_index + 1) % len(FILTERS)
        self.query_one("#filter-label", Static).update(self._filter_label())
        self.reload()

    def action_duplicate(self) -> None:
        """Copy a letter for the child's next review: the new meeting's date is asked first."""
        chosen = self.selected
        if chosen is None:
            return
        from letters.tui.forms import check_meeting_date
        from letters.tui.screens.ask_date import DateScreen

        def check(day: date | None) -> str | None:
            problem = check_meeting_date(day, None, self.app.today(), self.app.config.limits)
            if problem is None and day == chosen.meeting_date:
                return "That is the date of the letter being copied: give the new meeting's date."
            return problem

        def copy(day: date | None) -> None:
            if day is None:
                return

            def done(new_id: int) -> None:
                self.notify(f"Copied {chosen.child}'s letter as a new draft.", markup=False)
                self.reload(select=new_id)

            self.app.db(
                lambda store: store.duplicate(chosen.id, meeting_date=day),
                done,
                failed="Could not copy the letter",
            )

        question = (
            f"Copy {chosen.child}'s letter of {chosen.meeting_date:%-d %B %Y} for a new meeting. "
            "When is the new meeting?"
        )
        self.app.push_screen(DateScreen(question, check), copy)

    def action_delete(self) -> None:
        chosen = self.selected
        if chosen is None or chosen.deleted:
            return

        def done(_: None) -> None:
            self.last_deleted = chosen.id
            if self.app.place.letter_id == chosen.id:
                self.app.remember(letter_id=None, section=None)
            self.notify(f"Moved {chosen.child}'s letter to the bin. Press u to restore it.", markup=False)
            self.reload()

        self.app.db(lambda store: store.delete(chosen.id), done, failed="Could not delete the letter")

    def action_restore(self) -> None:
        chosen = self.selected
        target = chosen.id if chosen is not None and chosen.deleted else self.last_deleted
        if target is None:
            return

        def done(_: None) -> None:
            self.last_deleted = None
            self.notify("Restored the letter from the bin.", markup=False)
            self.reload(select=target)

        self.app.db(lambda store: store.restore(target), done, failed="Could not restore the letter")

    @on(Button.Pressed, "#add-demo")
    def action_demo(self) -> None:
        def job(store: Store) -> int:
            from letters.demo import demo_letter

            return store.add(demo_letter())

        def done(new_id: int) -> None:
            self.notify("Added the demo letter. Press enter to open it.", markup=False)
            self.reload(select=new_id)

        self.app.db(job, done, failed="Could not add the demo letter")

    @on(Button.Pressed, "#start-new")
    def _start_new(self) -> None:
        self.app.action_new_letter()

    def action_iro_profile(self) -> None:
        """The IRO's few words about themselves for a child's first letter from them."""
        from letters.tui.screens.iro_profile import IroProfileScreen

        self.app.push_screen(IroProfileScreen())

    def action_child(self) -> None:
        """The highlighted letter's child: their record and all their letters together."""
        chosen = self.selected
        if chosen is None:
            return
        if chosen.child_id is None:
            self.notify("This letter has no child's record yet.", markup=False)
            return
        from letters.tui.screens.child import ChildScreen

        self.app.push_screen(ChildScreen(chosen.child_id))

    def action_export(self) -> None:
        chosen = self.selected
        if chosen is None:
            return

        def opened(letter: Letter) -> None:
            from letters.tui.screens.export import ExportScreen

            self.app.push_screen(ExportScreen(letter))

        self.app.db(lambda store: store.get(chosen.id), opened, failed="Could not open the letter")
