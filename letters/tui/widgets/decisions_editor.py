"""Decisions edited as rows: what will happen, who will do it, by when.

Each row says in words when it is incomplete ("Say who will do it"), because a decision without a
name and a date is the first thing a QA auditor marks down.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input

from letters.model import Decision
from letters.tui.widgets.rows import EditableRow, RowsEditor


def decision_problem(decision: Decision) -> str | None:
    what, who, when = (decision.what.strip(), decision.who.strip(), decision.by_when.strip())
    if not (what or who or when):
        return None
    if not what:
        return "Say what will happen."
    missing = [label for label, value in (("who will do it", who), ("by when", when)) if not value]
    if missing:
        return "Say " + " and ".join(missing) + "."
    return None


class DecisionRow(EditableRow[Decision]):
    """One decision: what, then who and by when, and a remove button."""

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Input(
                self.value.what, placeholder=f"{self.number}. What will happen", compact=True, classes="what"
            )
            yield Button("Remove", compact=True, classes="remove")
        with Horizontal():
            yield Input(self.value.who, placeholder="Who will do it", compact=True, classes="who")
            yield Input(self.value.by_when, placeholder="By when", compact=True, classes="when")
        yield self.problem_line()

    def read(self) -> Decision:
        return Decision(
            what=self.query_one(".what", Input).value,
            who=self.query_one(".who", Input).value,
            by_when=self.query_one(".when", Input).value,
        )

    def problem(self) -> str | None:
        return decision_problem(self.read())

    def is_blank(self) -> bool:
        d = self.read()
        return not (d.what.strip() or d.who.strip() or d.by_when.strip())


class DecisionsEditor(RowsEditor[Decision]):
    """The letter's decisions; posts `RowsEditor.Changed` with them after each edit."""

    DEFAULT_CSS = """
    DecisionsEditor { max-height: 60%; }
    """
    ADD_LABEL = "Add a decision"
    NOUN = "decision"
    PLURAL = "decisions"
    ROW = DecisionRow
    NEW = staticmethod(lambda: Decision(""))

    def __init__(self, decisions: list[Decision], *, id: str | None = None) -> None:
        super().__init__([Decision(d.what, d.who, d.by_when) for d in decisions], id=id)
        self.border_title = "Decisions: what, who, by when"
