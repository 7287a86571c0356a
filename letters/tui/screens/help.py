"""The help screen (f1): the keys of the screen underneath, then the keys that work everywhere."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

EVERYWHERE: tuple[tuple[str, str], ...] = (
    ("ctrl+n", "Start a new letter"),
    ("ctrl+s", "Save now (the app also saves a second after you stop typing)"),
    ("ctrl+e", "Export the letter as Word files"),
    ("ctrl+p", "Command palette: search everything this screen can do"),
    ("f1", "This help"),
    ("tab / shift+tab", "Move between parts of the screen"),
    ("escape", "Go back"),
    ("ctrl+q", "Save and quit"),
)


def keys_table(title: str, rows: list[tuple[str, str]]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("What it does")
    for key, what in rows:
        table.add_row(key, what)
    return table


class HelpScreen(ModalScreen[None]):
    """Keys for the screen it was opened from."""

    BINDINGS = [
        Binding("escape,f1,q", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        from letters.tui.app import screen_bindings

        here: list[tuple[str, str]] = []
        for binding in screen_bindings(self.under):
            here.append((binding.key.split(",")[0], binding.tooltip or binding.description))
        title = getattr(self.under, "HELP_TITLE", "This screen")
        with VerticalScroll(id="help-body"):
            yield Static("Keys", classes="help-heading")
            if here:
                yield Static(keys_table(title, here))
            yield Static(keys_table("Everywhere", list(EVERYWHERE)))
            yield Static("Press escape to close.", classes="help-footer")
