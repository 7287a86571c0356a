"""Decisions edited as rows: what will happen, who will do it, by when.

Each row says in words when it is incomplete ("Say who will do it"), because a decision without a
name and a date is the first thing a QA auditor marks down. Under it, the day it is due: read from
"by when" when that names one day ("by 30 November"), else asked for in a small date box ("before
the Christmas holidays": which day is that?), so that the list and the next letter can say when a
decision is overdue; an overdue decision says so in words ("! Overdue: due 30 Nov 2026"). Each row
shows the whole decision as the child will read it ("The child reads: Anne will book an eye test for
you by Monday."), wrapped, so a long one is never cut off in a narrow window. Tabbing into a field
puts the cursor at its end (nothing is selected, so the next key adds to what is there).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from letters.limits import DateError, decision_date, parse_date
from letters.model import Decision, Outcome
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


def due_words(
    decision: Decision, meeting: date | None, today: date | None, outcome: Outcome | None = None
) -> str:
    """The decision's due day in words, and whether it is overdue (`outcome`: what a later letter
    recorded happened to it; done, changed or no longer needed is never overdue)."""
    from letters.followup import due_date

    if not (decision.by_when.strip() or decision.due) or meeting is None:
        return ""
    day = due_date(decision, meeting)
    if day is None:
        return "No day in “by when”: type the day it is due in the date box, so overdue can be known."
    when = f"due {day:%-d %b %Y}"
    if outcome is not None and outcome.settles:
        return f"{when[:1].upper()}{when[1:]}; the next letter says: {outcome}."
    if today is not None and day < today:
        return f"! Overdue: {when}" + (f"; the next letter says: {outcome}." if outcome else ".")
    return f"{when[:1].upper()}{when[1:]}."


class DecisionRow(EditableRow[Decision]):
    """One decision: what, then who and by when (and the day, when the words give none), and a
    remove button; its due day in words under it."""

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
            yield Input(
                self.value.due.strftime("%d/%m/%Y") if self.value.due else "",
                placeholder="dd/mm/yyyy",
                compact=True,
                select_on_focus=False,
                classes="due",
            )
        yield Static("", classes="row-reads", markup=False)
        yield Static("", classes="row-due", markup=False)
        yield self.problem_line()

    @on(Input.Changed, ".due")
    def _due_typed(self) -> None:
        """A date typed wrong changes nothing in the letter, but says what is wrong at once."""
        self.show_problem()

    def _editor(self) -> DecisionsEditor | None:
        return next((a for a in self.ancestors if isinstance(a, DecisionsEditor)), None)

    def _asks_for_date(self, by_when: str, given: date | None) -> bool:
        """Whether the date box shows: the words name no one day, or a day other than the one
        given (the IRO sees both and can clear one)."""
        editor = self._editor()
        meeting = editor.meeting if editor is not None else None
        if not by_when.strip():
            return given is not None
        named = decision_date(by_when, meeting)
        return named is None or (given is not None and given != named)

    def _typed_due(self) -> tuple[date | None, str | None]:
        """The date box read: (day, None), or (None, what is wrong with it)."""
        text = self.query_one(".due", Input).value.strip()
        if not text:
            return None, None
        try:
            return parse_date(text, "day it is due"), None
        except DateError as exc:
            return None, str(exc)

    def read(self) -> Decision:
        by_when = self.query_one(".when", Input).value
        due, _ = self._typed_due()
        return Decision(
            what=self.query_one(".what", Input).value,
            who=self.query_one(".who", Input).value,
            by_when=by_when,
            due=due if self._asks_for_date(by_when, due) else None,
        )

    def problem(self) -> str | None:
        by_when = self.query_one(".when", Input).value
        due, wrong = self._typed_due()
        if wrong and self._asks_for_date(by_when, due):
            return f"The date box: {wrong}"
        return decision_problem(self.read())

    def is_blank(self) -> bool:
        d = self.read()
        return not (d.what.strip() or d.who.strip() or d.by_when.strip() or d.due)

    def show_problem(self) -> None:
        super().show_problem()
        editor = self._editor()
        value = self.read()
        due_box = self.query_one(".due", Input)
        due_box.display = self._asks_for_date(value.by_when, self._typed_due()[0])
        words = ""
        if editor is not None:
            words = due_words(value, editor.meeting, editor.today, editor.outcomes.get(self.position()))
        line = self.query_one(".row-due", Static)
        line.update(words)
        line.display = bool(words)
        line.set_class(words.startswith("!"), "-overdue")
        reads = editor.reads(value) if editor is not None and editor.reads is not None else ""
        shown = self.query_one(".row-reads", Static)
        shown.update(f"The child reads: {reads}" if reads else "")
        shown.display = bool(reads)

    def position(self) -> int:
        """The decision's number in the letter (from 1), as outcomes and the list count them."""
        editor = self._editor()
        rows = [r for r in editor.rows if not r.is_blank()] if editor is not None else []
        return rows.index(self) + 1 if self in rows else 0


class DecisionsEditor(RowsEditor[Decision]):
    """The letter's decisions; posts `RowsEditor.Changed` with them after each edit.

    `meeting` (the letter's meeting day) places a "by when" with no year; `today` and `outcomes`
    (decision number -> what a later letter recorded, `Store.outcomes_for`) say which are overdue.
    """

    DEFAULT_CSS = """
    DecisionsEditor {
        max-height: 60%;
        Input.due { width: 12; }
        .row-due { height: auto; color: $text-muted; }
        .row-reads { height: auto; color: $text-muted; }
        .row-due.-overdue { color: $text-error; text-style: bold; }
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
        meeting: date | None = None,
        today: date | None = None,
        outcomes: Mapping[int, Outcome] | None = None,
        reads: Callable[[Decision], str] | None = None,
    ) -> None:
        super().__init__([Decision(d.what, d.who, d.by_when, d.due) for d in decisions], id=id)
        self.meeting = meeting
        self.today = today
        self.outcomes: Mapping[int, Outcome] = outcomes or {}
        self.reads = reads  # the decision in the child's letter's words
        self.border_title = "Decisions: what, who, by when"

    def show_outcomes(self, outcomes: Mapping[int, Outcome]) -> None:
        """What later letters recorded happened to these decisions (read from the store)."""
        self.outcomes = outcomes
        for row in self.rows:
            if row.query(".row-due"):  # composed (a row just added may not be yet)
                row.show_problem()

    def overdue(self) -> list[int]:
        """The numbers (from 1) of the decisions that are overdue today."""
        from letters.followup import due_date

        if self.meeting is None or self.today is None:
            return []
        out = []
        for number, d in enumerate(self.values, start=1):
            day = due_date(d, self.meeting) if d.by_when.strip() or d.due else None
            outcome = self.outcomes.get(number)
            if day is not None and day < self.today and not (outcome and outcome.settles):
                out.append(number)
        return out
