"""A labelled form field: the label, the control, a hint, and the field's problem in words.

The problem line starts with "✗" so a mistake shows without colour; an empty problem hides it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static


class FormField(Vertical):
    """`label` beside `control`, then an optional hint and the current problem."""

    DEFAULT_CSS = """
    FormField {
        height: auto;
        margin-bottom: 1;
        & > Horizontal { height: auto; }
        .field-label { width: 24; padding-right: 1; text-style: bold; }
        .field-hint { color: $text-muted; padding-left: 24; height: auto; }
        .field-problem { color: $text-error; padding-left: 24; height: auto; display: none; }
        &.-invalid .field-problem { display: block; }
        &.-invalid .field-label { color: $text-error; }
    }
    """

    def __init__(self, label: str, control: Widget, *, hint: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.control = control
        self.hint = hint
        self.problem = ""

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self.label, classes="field-label")
            yield self.control
        hint = Static(self.hint, classes="field-hint", markup=False)
        hint.display = bool(self.hint)
        yield hint
        yield Static("", classes="field-problem", markup=False)

    def set_problem(self, message: str | None) -> None:
        if (message or "") == self.problem:
            return  # unchanged: skip a relayout on every keystroke
        self.problem = message or ""
        self.query_one(".field-problem", Static).update(f"✗ {message}" if message else "")
        self.set_class(bool(message), "-invalid")

    def set_hint(self, hint: str) -> None:
        if hint == self.hint:
            return
        self.hint = hint
        static = self.query_one(".field-hint", Static)
        static.update(hint)
        static.display = bool(hint)
