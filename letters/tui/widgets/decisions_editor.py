"""Decisions edited as rows: what will happen, who will do it, by when.

Each row says in words when it is incomplete ("Say who will do it"), because a decision without a
name and a date is the first thing a QA auditor marks down, and shows the whole decision as the
child will read it ("The child reads: Anne will book an eye test for you by Monday."), wrapped, so
a long one is never cut off in a narrow window. Tabbing into a field puts the cursor at its end
(nothing is selected, so the next key adds to what is there rather than replacing it).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

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
                self.value.what,
                placeholder=f"{self.number}. What will happen",
                compact=True,
                select_on_focus=False,
                classes="what",
            )
            yield Button("Remove", compact=True, classes="remove")
        with Horizontal():
            yield Input(
                self.value.who,
                placeholder="Who will do it",
                compact=True,
                select_on_focus=False,
                classes="who",
            )
            yield Input(
                self.value.by_when, placeholder="By when", compact=True, select_on_focus=False, classes="when"
            )
        yield Static("", classes="row-reads", markup=False)
        yield self.problem_line()

    def show_problem(self) -> None:
        super().show_problem()
        editor = next((a for a in self.ancestors if isinstance(a, DecisionsEditor)), None)
        reads = editor.reads(self.read()) if editor is not None and editor.reads is not None else ""
        line = self.query_one(".row-reads", Static)
        line.update(f"The child reads: {reads}" if reads else "")
        line.display = bool(reads)

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
    DecisionsEditor {
        max-height: 60%;
        .row-reads { height: auto; color: $text-muted; }
    }
    """
    ADD_LABEL = "Add a decision"
    NOUN = "decision"
    PLURAL = "decisions"
    ROW = DecisionRow
    NEW = staticmethod(lambda: Decision(""))

    def __init__(
        self,
        decisions: list[Decision],
        *,
        id: str | None = None,
        reads: Callable[[Decision], str] | None = None,
    ) -> None:
        super().__init__([Decision(d.what, d.who, d.by_when) for d in decisions], id=id)
        self.reads = reads  # the decision in the child's letter's words
        self.border_title = "Decisions: what, who, by when"
