"""Asking the IRO why: an override of open errors, an amendment of a sent letter, a check switched
off or an error accepted in one letter. The reason is kept with the letter for the audit, so the
dialog returns it only when it says something; escape cancels (returns None).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from letters.tui import bindings


class ReasonScreen(ModalScreen[str | None]):
    """A question, a box for the reason, and what the answer will do (`go`)."""

    BINDINGS = bindings.REASON

    def __init__(self, title: str, question: str, *, go: str = "Go on", detail: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.question, self.go, self.detail = title, question, go, detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="reason-dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            if self.detail:
                yield Static(self.detail, classes="dialog-text", id="reason-detail", markup=False)
            yield Static(self.question, classes="dialog-text", markup=False)
            yield Input(placeholder="Why (kept with the letter for the audit)", id="reason")
            yield Static("", id="reason-problem", classes="dialog-hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.go} (enter)", id="go", variant="warning")
                yield Button("Cancel (esc)", id="cancel", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    @on(Button.Pressed, "#go")
    def _go(self) -> None:
        reason = " ".join(self.query_one("#reason", Input).value.split())
        if not reason:
            self.query_one("#reason-problem", Static).update("✗ Say why: the reason is kept for the audit.")
            self.query_one("#reason", Input).focus()
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
