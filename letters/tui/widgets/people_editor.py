"""Who was at the meeting (or gets a copy), edited as rows: role, name, how the letter shows them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input

from letters.tui.forms import PersonRow
from letters.tui.widgets.rows import EditableRow, RowsEditor
from letters.tui.widgets.text_checkbox import TextCheckbox


class PersonEditorRow(EditableRow[PersonRow]):
    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Input(
                self.value.role,
                placeholder=f"{self.number}. Role (social worker…)",
                compact=True,
                select_on_focus=False,
                classes="role",
            )
            yield Input(
                self.value.name, placeholder="Name", compact=True, select_on_focus=False, classes="name"
            )
            yield Button("Remove", compact=True, classes="remove")
        with Horizontal():
            yield Input(
                self.value.shown_as,
                placeholder="Shown in the letter as (Mo, BW…)",
                compact=True,
                select_on_focus=False,
                classes="shown-as",
            )
            yield TextCheckbox("Was there", self.value.attended, compact=True, classes="attended")
            yield TextCheckbox("Gets a copy", self.value.gets_copy, compact=True, classes="gets-copy")
        yield self.problem_line()

    def read(self) -> PersonRow:
        return PersonRow(
            role=self.query_one(".role", Input).value,
            name=self.query_one(".name", Input).value,
            shown_as=self.query_one(".shown-as", Input).value,
            attended=self.query_one(".attended", TextCheckbox).value,
            gets_copy=self.query_one(".gets-copy", TextCheckbox).value,
        )

    def problem(self) -> str | None:
        return self.read().problem()

    def is_blank(self) -> bool:
        return self.read().empty


class PeopleEditor(RowsEditor[PersonRow]):
    ADD_LABEL = "Add a person"
    NOUN = "person"
    PLURAL = "people"
    ROW = PersonEditorRow
    NEW = PersonRow

    def __init__(self, people: list[PersonRow], *, id: str | None = None) -> None:
        super().__init__(people, id=id)
        self.border_title = "Who was there, and who gets a copy"
