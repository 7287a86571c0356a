"""Quitting while the letter cannot be saved: say what failed, and offer to try again, to keep the
app open, or to write the text to a recovery file that the next start offers to restore. The app
never exits with text that is in neither the database nor a recovery file.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from letters.tui import bindings


class UnsavedScreen(ModalScreen[str]):
    """Dismisses with "retry", "recovery" or "stay"."""

    BINDINGS = bindings.UNSAVED

    def __init__(self, what: str, problem: str) -> None:
        super().__init__(classes="dialog-screen")
        self.what, self.problem = what, problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="unsaved-dialog"):
            yield Static("Not saved: the app is still open", classes="dialog-title")
            yield Static(
                f"The latest changes to {self.what} could not be saved: {self.problem}\n\n"
                "Your text is still here. Try again, keep the app open and try later, or write the "
                "text to a recovery file on this computer (only you are offered it, the next time "
                "you start letters) and quit.",
                classes="dialog-text",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Try again (r)", id="retry", variant="primary")
                yield Button("Recovery file, quit (w)", id="recovery", variant="warning")
                yield Button("Keep open (esc)", id="stay")

    def on_mount(self) -> None:
        self.query_one("#retry", Button).focus()

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "stay")
