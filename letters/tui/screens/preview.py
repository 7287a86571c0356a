"""Preview: the letter as the child will read it, and the adults' copy, from the export's templates.

Rendering runs in a worker; a broken authority template shows its file, line and reason here. A
third tab lists the pictures the child's Word letter will show (for young readers,
`letters.export.pictures`): the IRO can pick another picture or none for any of them, and turn
pictures on or off for this letter; each change goes to `on_change` so the writing screen saves it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from letters.errors import UserError
from letters.export.pictures.summary import PictureRow, choices_for, picture_rows, toggled
from letters.model import Letter, PictureSettings
from letters.tui import bindings

if TYPE_CHECKING:
    from letters.tui.app import LettersApp


class PreviewScreen(Screen[None]):
    """Both versions of the letter, read-only."""

    HELP_TITLE = "Preview"
    BINDINGS = bindings.PREVIEW

    app: LettersApp

    def __init__(self, letter: Letter, on_change: Callable[[Letter], None] | None = None) -> None:
        super().__init__(id="preview")
        self.letter = letter
        self.on_change = on_change
        self.picture_rows: list[PictureRow] = []

    def compose(self) -> ComposeResult:
        self.title = f"Preview: letter to {self.letter.child.name}"
        yield Header()
        with TabbedContent(initial="child", id="preview-tabs"):
            with TabPane(f"For {self.letter.child.name} (1)", id="child"):
                with VerticalScroll(classes="preview-page"):
                    yield Static("", id="child-pictures-note", markup=False)
                    yield Static("Preparing the letter…", id="child-text", markup=False)
            with TabPane("For the adults (2)", id="adults"):
                with VerticalScroll(classes="preview-page"):
                    yield Static("Preparing the adults' copy…", id="adult-text", markup=False)
            with TabPane("Pictures (3)", id="pictures"):
                with VerticalScroll(classes="preview-page"):
                    yield Static("Working out the pictures…", id="pictures-why", markup=False)
                    yield OptionList(id="pictures-list")
                    yield Static(
                        "enter: another picture, or none · p: pictures on or off for this letter",
                        id="pictures-hint",
                        markup=False,
                    )
        yield Footer()

    def on_mount(self) -> None:
        self._render_texts(copy.deepcopy(self.letter))

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _render_texts(self, letter: Letter) -> None:
        from letters.render import render_adult_text, render_child_blocks, render_child_text

        texts: list[str] = []
        for render in (render_child_text, render_adult_text):
            try:
                texts.append(render(letter, self.app.config))
            except UserError as exc:
                texts.append(f"✗ This cannot be shown: {exc}\nThe letter itself is safe.")
        try:
            why, rows = picture_rows(render_child_blocks(letter, self.app.config), letter, self.app.config)
        except UserError:
            why, rows = "The pictures cannot be worked out until the letter can be shown.", []
        self.app.call_from_thread(self._show, *texts, why, rows)

    def _show(self, child: str, adults: str, why: str, rows: list[PictureRow]) -> None:
        self.query_one("#child-text", Static).update(child)
        self.query_one("#adult-text", Static).update(adults)
        self.picture_rows = rows
        shown = sum(len(r.places) for r in rows if r.picture is not None)
        note = f"With {shown} pictures beside headings and key words (3: Pictures)." if shown else ""
        self.query_one("#child-pictures-note", Static).update(note)
        self.query_one("#child-pictures-note").display = bool(note)
        self.query_one("#pictures-why", Static).update(why)
        options = self.query_one("#pictures-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options([Option(row.describe()) for row in rows])
        options.display = bool(rows)
        hint = (
            "enter: another picture, or none · p: pictures off" if rows else "p: pictures on for this letter"
        )
        self.query_one("#pictures-hint", Static).update(hint)
        if rows:
            options.highlighted = min(highlighted or 0, len(rows) - 1)

    # -- pictures ---------------------------------------------------------------------------------

    def _changed(self, pictures: PictureSettings) -> None:
        self.letter.pictures = pictures
        if self.on_change is not None:
            self.on_change(self.letter)
        self._render_texts(copy.deepcopy(self.letter))

    @on(OptionList.OptionSelected, "#pictures-list")
    def _picture_chosen(self, event: OptionList.OptionSelected) -> None:
        from letters.tui.screens.confirm import ChoiceScreen

        row = self.picture_rows[event.option_index]
        labels, names = choices_for(row)

        def chosen(label: str | None) -> None:
            if label is None:
                return
            choices = dict(self.letter.pictures.choices)
            name = names[label]
            if name is None:
                choices.pop(row.concept, None)  # back to the usual picture
            else:
                choices[row.concept] = name
            self._changed(PictureSettings(self.letter.pictures.show, choices))

        self.app.push_screen(ChoiceScreen(f"Picture for “{row.label}”", labels), chosen)

    def action_toggle_pictures(self) -> None:
        show = toggled(self.letter, self.app.config)
        self._changed(PictureSettings(show, dict(self.letter.pictures.choices)))
        self.action_show_tab("pictures")

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        # Keyboard first: on the pictures tab the arrows and enter go straight to the list.
        options = self.query_one("#pictures-list", OptionList)
        if event.pane.id == "pictures" and options.display:
            options.focus()

    def action_back(self) -> None:
        self.dismiss()

    def action_export(self) -> None:
        from letters.tui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.letter))
