"""The help screen (f1): the keys that work now on the screen underneath, then the app-wide keys.

It reads Textual's active bindings of that screen (`bindings.active_keys`), never a copy, so it
lists what the keys do at this moment: a key that has nothing to act on is marked so.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from letters.tui import bindings


def keys_table(title: str, rows: list[tuple[str, str]]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("What it does")
    for key, what in rows:
        table.add_row(key, what)
    return table


class HelpScreen(ModalScreen[None]):
    """Keys for the screen it was opened from."""

    BINDINGS = bindings.HELP

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        here: list[tuple[str, str]] = []
        everywhere: list[tuple[str, str]] = []
        for key in bindings.active_keys(self.under):
            what = key.what if key.enabled else f"{key.what} (nothing to act on now)"
            (everywhere if key.everywhere else here).append((key.keys, what))
        title = getattr(self.under, "HELP_TITLE", "This screen")
        with VerticalScroll(id="help-body"):
            yield Static("Keys", classes="help-heading")
            if here:
                yield Static(keys_table(title, here))
            yield Static(keys_table("Everywhere", everywhere))
            yield Static("Press escape to close.", classes="help-footer")
