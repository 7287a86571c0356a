"""Preview: the letter as the child will read it, and the adults' copy, from the export's templates.

Rendering runs in a worker; a broken authority template shows its file, line and reason here.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from letters.errors import UserError
from letters.model import Letter
from letters.tui import bindings

if TYPE_CHECKING:
    from letters.tui.app import LettersApp


class PreviewScreen(Screen[None]):
    """Both versions of the letter, read-only."""

    HELP_TITLE = "Preview"
    BINDINGS = bindings.PREVIEW

    app: LettersApp

    def __init__(self, letter: Letter) -> None:
        super().__init__(id="preview")
        self.letter = letter

    def compose(self) -> ComposeResult:
        self.title = f"Preview: letter to {self.letter.child.name}"
        yield Header()
        with TabbedContent(initial="child", id="preview-tabs"):
            with TabPane(f"For {self.letter.child.name} (1)", id="child"):
                with VerticalScroll(classes="preview-page"):
                    yield Static("Preparing the letter…", id="child-text", markup=False)
            with TabPane("For the adults (2)", id="adults"):
                with VerticalScroll(classes="preview-page"):
                    yield Static("Preparing the adults' copy…", id="adult-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._render_texts(copy.deepcopy(self.letter))

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _render_texts(self, letter: Letter) -> None:
        from letters.render import render_adult_text, render_child_text

        texts: list[str] = []
        for render in (render_child_text, render_adult_text):
            try:
                texts.append(render(letter, self.app.config))
            except UserError as exc:
                texts.append(f"✗ This cannot be shown: {exc}\nThe letter itself is safe.")
        self.app.call_from_thread(self._show, *texts)

    def _show(self, child: str, adults: str) -> None:
        self.query_one("#child-text", Static).update(child)
        self.query_one("#adult-text", Static).update(adults)

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_back(self) -> None:
        self.dismiss()

    def action_export(self) -> None:
        from letters.tui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.letter))
