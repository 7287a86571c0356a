"""Editing a list of small records as rows of one-line inputs (decisions, people at the meeting).

A `RowsEditor` holds `EditableRow`s and an "add" button, with a summary on its border ("3
decisions, 1 incomplete"); each row shows its own problem in words. Subclasses say how a row looks and reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Static

V = TypeVar("V")


class EditableRow(Vertical, Generic[V]):
    """One record; subclasses compose its inputs (and a Button with class "remove")."""

    DEFAULT_CSS = """
    EditableRow {
        height: auto;
        margin-bottom: 1;
        Horizontal { height: auto; }
        Input { width: 1fr; margin-right: 1; }
        Checkbox { width: auto; margin-right: 1; }
        Button.remove { min-width: 8; width: 8; }
        .row-problem { height: auto; color: $text-warning; }
    }
    """

    def __init__(self, value: V, number: int) -> None:
        super().__init__()
        self.value = value
        self.number = number
        self.ready = False  # its inputs are composed (a row just added may not have them yet)

    def read(self) -> V:
        """The record as typed now (subclasses read their inputs)."""
        return self.value

    def problem(self) -> str | None:
        return None

    def is_blank(self) -> bool:
        return False

    def problem_line(self) -> Static:
        return Static("", classes="row-problem", markup=False)

    def show_problem(self) -> None:
        message = self.problem()
        line = self.query_one(".row-problem", Static)
        line.update(f"✗ {message}" if message else "")
        line.display = bool(message)

    def on_mount(self) -> None:
        self.ready = True
        self.show_problem()


class RowsEditor(VerticalScroll, Generic[V]):
    """Rows of records with add and remove; posts `RowsEditor.Changed` after each edit."""

    DEFAULT_CSS = """
    RowsEditor {
        height: auto;
        border: round $primary 40%;
        &:focus-within { border: round $primary; }
    }
    """

    ADD_LABEL: ClassVar[str] = "Add"
    NOUN: ClassVar[str] = "row"
    PLURAL: ClassVar[str] = "rows"
    ROW: ClassVar[type[EditableRow[Any]]] = EditableRow
    NEW: ClassVar[Callable[[], Any]] = dict

    class Changed(Message):
        def __init__(self, editor: RowsEditor[Any], values: list[Any]) -> None:
            super().__init__()
            self.editor = editor
            self.values = values

        @property
        def control(self) -> RowsEditor[Any]:
            return self.editor

    def __init__(self, values: list[V], *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)
        self._initial = list(values)

    def make_row(self, value: V | None, number: int) -> EditableRow[V]:
        return self.ROW(type(self).NEW() if value is None else value, number)

    def compose(self) -> ComposeResult:
        for number, value in enumerate(self._initial, 1):
            yield self.make_row(value, number)
        yield Button(self.ADD_LABEL, classes="add-row", compact=True)

    def on_mount(self) -> None:
        self._summarise()

    @property
    def rows(self) -> list[EditableRow[V]]:
        return list(self.query(EditableRow))

    @property
    def values(self) -> list[V]:
        """The rows' records, leaving out rows with nothing typed in them (a row whose inputs are
        not made yet counts as the value it was given)."""
        blank = type(self).NEW()
        return [
            row.read() if row.ready else row.value
            for row in self.rows
            if (not row.is_blank() if row.ready else row.value != blank)
        ]

    @property
    def problems(self) -> dict[int, str]:
        return {i: msg for i, row in enumerate(self.rows) if row.ready and (msg := row.problem())}

    def _summarise(self) -> None:
        count = len(self.values)
        text = f"{count} {self.NOUN if count == 1 else self.PLURAL}"
        if self.problems:
            text += f", {len(self.problems)} incomplete"
        self.border_subtitle = text  # on the border, so it shows however far the rows scroll

    def _post(self) -> None:
        self._summarise()
        self.post_message(self.Changed(self, self.values))

    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _row_changed(self, event: Input.Changed | Checkbox.Changed) -> None:
        event.stop()
        row = next((a for a in event.control.ancestors if isinstance(a, EditableRow)), None)
        if row is None:
            return
        value = row.read()
        if value == row.value:
            return  # an input announcing the value it was given (on mount): nothing changed
        row.value = value
        row.show_problem()
        self._post()

    @on(Button.Pressed, ".add-row")
    async def add_row(self) -> EditableRow[V]:
        row = self.make_row(None, len(self.rows) + 1)
        await self.mount(row, before=self.query_one(".add-row"))
        first = row.query(Input).first()
        self.screen.set_focus(first)  # at once: keys typed next belong to the new row
        row.scroll_visible()
        self._summarise()
        return row

    @on(Button.Pressed, ".remove")
    async def _remove_row(self, event: Button.Pressed) -> None:
        event.stop()
        row = next(a for a in event.button.ancestors if isinstance(a, EditableRow))
        await row.remove()
        self._post()
