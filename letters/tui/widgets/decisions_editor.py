"""Decisions edited as rows: what will happen, who will do it, by when.

Each row says in words when it is incomplete ("Say who will do this"), because a decision without a
name and a date is the first thing a QA auditor marks down.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Static

from letters.model import Decision


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


class DecisionRow(Vertical):
    """One decision: three one-line inputs, a remove button and the row's problem, if any."""

    DEFAULT_CSS = """
    DecisionRow {
        height: auto;
        margin-bottom: 1;
        Horizontal { height: 1; }
        Input { width: 1fr; margin-right: 1; }
        .what { width: 1fr; }
        Button { min-width: 8; width: 8; }
        .problem { height: auto; color: $text-warning; }
    }
    """

    def __init__(self, decision: Decision, number: int) -> None:
        super().__init__()
        self.decision = decision
        self.number = number

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Input(
                self.decision.what, placeholder=f"{self.number}. What will happen",
                compact=True, classes="what",
            )
            yield Button("Remove", compact=True, classes="remove")
        with Horizontal():
            yield Input(self.decision.who, placeholder="Who will do it", compact=True, classes="who")
            yield Input(self.decision.by_when, placeholder="By when", compact=True, classes="when")
        yield Static(decision_problem(self.decision) or "", classes="problem")

    def read(self) -> Decision:
        return Decision(
            what=self.query_one(".what", Input).value,
            who=self.query_one(".who", Input).value,
            by_when=self.query_one(".when", Input).value,
        )

    @on(Input.Changed)
    def _changed(self) -> None:
        self.decision = self.read()
        self.query_one(".problem", Static).update(decision_problem(self.decision) or "")


class DecisionsEditor(VerticalScroll):
    """All the letter's decisions; posts `DecisionsEditor.Changed` with the rows after each edit."""

    DEFAULT_CSS = """
    DecisionsEditor {
        height: auto;
        max-height: 50%;
        border: round $primary 40%;
        &:focus-within { border: round $primary; }
        #add-decision { margin-top: 0; }
    }
    """

    class Changed(Message):
        def __init__(self, decisions: list[Decision]) -> None:
            super().__init__()
            self.decisions = decisions

    def __init__(self, decisions: list[Decision], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial = [Decision(d.what, d.who, d.by_when) for d in decisions]
        self.border_title = "Decisions: what, who, by when"
        self.can_focus = False

    def compose(self) -> ComposeResult:
        for number, decision in enumerate(self._initial, 1):
            yield DecisionRow(decision, number)
        yield Button("Add a decision", id="add-decision", compact=True)
        yield Static("", id="decisions-summary")

    def on_mount(self) -> None:
        self._summarise()

    @property
    def decisions(self) -> list[Decision]:
        return [row.read() for row in self.query(DecisionRow)]

    def _summarise(self) -> None:
        rows = self.decisions
        incomplete = sum(1 for d in rows if decision_problem(d))
        text = f"{len(rows)} decision{'s' if len(rows) != 1 else ''}"
        if incomplete:
            text += f", {incomplete} incomplete"
        self.query_one("#decisions-summary", Static).update(text)

    def _post(self) -> None:
        self._summarise()
        self.post_message(self.Changed([d for d in self.decisions if d.what.strip() or d.who.strip() or d.by_when.strip()]))

    @on(Input.Changed)
    def _row_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._post()

    @on(Button.Pressed, "#add-decision")
    async def add_row(self) -> None:
        row = DecisionRow(Decision(""), len(self.query(DecisionRow)) + 1)
        await self.mount(row, before=self.query_one("#add-decision"))
        row.query_one(".what", Input).focus()
        self._summarise()

    @on(Button.Pressed, ".remove")
    async def _remove_row(self, event: Button.Pressed) -> None:
        event.stop()
        row = next(a for a in event.button.ancestors if isinstance(a, DecisionRow))
        await row.remove()
        self._post()
