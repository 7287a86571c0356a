"""Asking for one date in a dialog (the new meeting's date when a letter is copied).

The date is checked as the new-letter form checks a meeting date (`letters.tui.forms`), the problem
shown under the box as it is typed; enter gives the date, escape gives None and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from letters.tui import bindings
from letters.tui.forms import DATE_HINT, parse_date


class DateScreen(ModalScreen[date | None]):
    """One question answered with a date; `check(day)` says what is wrong with it, or None."""

    BINDINGS = bindings.ASK_DATE

    def __init__(self, question: str, check: Callable[[date | None], str | None]) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-text", markup=False)
            yield Input(placeholder=f"day/month/year, {DATE_HINT}", id="date", compact=True)
            yield Static("", id="date-problem", classes="dialog-problem", markup=False)
            yield Static("enter: use this date · escape: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#date", Input))

    def _problem(self, raw: str) -> tuple[date | None, str | None]:
        day, problem = parse_date(raw, "date")
        return day, problem or self.check(day)

    @on(Input.Changed, "#date")
    def _typed(self, event: Input.Changed) -> None:
        _, problem = self._problem(event.value) if event.value.strip() else (None, None)
        self.query_one("#date-problem", Static).update(f"✗ {problem}" if problem else "")

    @on(Input.Submitted, "#date")
    def _submitted(self, event: Input.Submitted) -> None:
        day, problem = self._problem(event.value)
        if problem or day is None:
            self.query_one("#date-problem", Static).update(f"✗ {problem or 'Type a date.'}")
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)
