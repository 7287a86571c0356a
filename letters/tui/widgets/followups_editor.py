""" "Since your last meeting" on the writing screen: each decision of the last letter, what happened.

One row per decision the last letter made (`letters.model.FollowUp`): the decision as it was (what,
who, by when, and "! Overdue" in words when its day has passed and it is not settled), a choice of
what happened (done, not yet, changed, no longer needed; blank until the IRO chooses), the sentence
for the child about it ("She did: you go on Tuesdays.", filled with plain words when an outcome is
chosen, for the IRO to make their own), what was said last time ("Last time we said Tina would
find you a swimming club.", editable) and, under them, the whole of it as the child will read it.
Nothing reaches the letter but what the row shows.

Posts `FollowUpsEditor.Changed` with copies of the follow-ups after each edit.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Select, Static

from letters.followup import (
    NOT_RECORDED,
    default_happened,
    followup_overdue,
    followup_words,
    record_outcome,
    said_sentence,
)
from letters.model import FollowUp, Letter, Outcome

#: The choices, in the order an IRO goes through them.
OUTCOME_CHOICES: tuple[tuple[str, Outcome], ...] = (
    ("Done", Outcome.DONE),
    ("Not yet", Outcome.NOT_YET),
    ("Changed", Outcome.CHANGED),
    ("No longer needed", Outcome.NOT_NEEDED),
)
CHOOSE = "What happened?"


def decision_line(number: int, followup: FollowUp, meeting: date, today: date) -> str:
    """ "2. Book an eye test (who: Anne; by when: by 30 November)", and overdue in words."""
    said = [f"who: {followup.who}" if followup.who.strip() else "", f"by when: {followup.by_when}"]
    said = [s for s in said if s and not s.endswith(": ")]
    line = f"{number}. {' '.join(followup.what.split())}" + (f" ({'; '.join(said)})" if said else "")
    late = followup_overdue(followup, meeting, today)
    if late is not None:
        line += f"\n! Overdue: it was due {late:%-d %b %Y}" + (
            " and has not happened yet." if followup.outcome is Outcome.NOT_YET else "."
        )
    return line


def happened_problem(followup: FollowUp) -> str | None:
    """What the IRO still has to do for this row, in words (None: nothing)."""
    if followup.outcome is Outcome.UNRECORDED:
        if followup.happened.strip():
            return "Choose what happened, so that the child reads your sentence."
        return "Choose what happened: done, not yet, changed or no longer needed."
    if followup.outcome is Outcome.CHANGED and not followup.happened.strip():
        return "Say what changed and why."
    return None


class FollowUpRow(Vertical):
    """One decision of the last letter and what happened to it."""

    DEFAULT_CSS = """
    FollowUpRow {
        height: auto;
        margin-bottom: 1;
        Horizontal { height: auto; }
        Select { width: 22; margin-right: 1; }
        Input { width: 1fr; }
        .fu-decision { height: auto; text-style: bold; }
        .fu-reads { height: auto; color: $text-muted; }
        .fu-problem { height: auto; color: $text-warning; }
    }
    """

    def __init__(self, followup: FollowUp, number: int) -> None:
        super().__init__()
        self.value = replace(followup)
        self.number = number

    def _editor(self) -> FollowUpsEditor:
        return next(a for a in self.ancestors if isinstance(a, FollowUpsEditor))

    def compose(self) -> ComposeResult:
        f = self.value
        yield Static("", classes="fu-decision", markup=False)
        with Horizontal():
            yield Select(
                OUTCOME_CHOICES,
                prompt=CHOOSE,
                value=f.outcome if f.outcome is not Outcome.UNRECORDED else Select.NULL,
                compact=True,
                classes="outcome",
            )
            yield Input(f.happened, placeholder="", compact=True, classes="happened")
        yield Input(f.said, placeholder="Last time we said…", compact=True, classes="said")
        yield Static("", classes="fu-reads", markup=False)
        yield Static("", classes="fu-problem", markup=False)

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        editor = self._editor()
        f = self.value
        self.query_one(".fu-decision", Static).update(
            decision_line(self.number, f, editor.letter.meeting.date, editor.today)
        )
        self.query_one(".fu-decision", Static).set_class(
            followup_overdue(f, editor.letter.meeting.date, editor.today) is not None, "-overdue"
        )
        happened = self.query_one(".happened", Input)
        happened.placeholder = (
            "First choose what happened"
            if f.outcome is Outcome.UNRECORDED
            else f"For the child, e.g. “{default_happened(f, editor.letter)}”"
        )
        self.query_one(".fu-reads", Static).update(f"The child reads: {followup_words(f, editor.letter)}")
        problem = happened_problem(f)
        line = self.query_one(".fu-problem", Static)
        line.update(f"✗ {problem}" if problem else "")
        line.display = bool(problem)

    @on(Select.Changed, ".outcome")
    def _outcome_chosen(self, event: Select.Changed) -> None:
        event.stop()
        chosen = event.value if isinstance(event.value, Outcome) else Outcome.UNRECORDED
        if chosen is self.value.outcome:
            return
        record_outcome(self.value, chosen, self._editor().letter)
        happened = self.query_one(".happened", Input)
        if happened.value != self.value.happened:
            happened.value = self.value.happened  # the plain words for it, the IRO's kept
            happened.cursor_position = len(happened.value)
        self._changed()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        field = "happened" if event.input.has_class("happened") else "said"
        if getattr(self.value, field) == event.value:
            return  # an input announcing the value it was given
        setattr(self.value, field, event.value)
        self._changed()

    def _changed(self) -> None:
        self.show()
        self._editor().post_changed()


class FollowUpsEditor(VerticalScroll):
    """The last letter's decisions and what happened to each; a summary on its border."""

    DEFAULT_CSS = """
    FollowUpsEditor {
        height: auto;
        max-height: 70%;
        border: round $primary 40%;
        &:focus-within { border: round $primary; }
        .fu-decision.-overdue { color: $text-error; }
    }
    """

    class Changed(Message):
        def __init__(self, editor: FollowUpsEditor, values: list[FollowUp]) -> None:
            super().__init__()
            self.editor = editor
            self.values = values

        @property
        def control(self) -> FollowUpsEditor:
            return self.editor

    def __init__(self, letter: Letter, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=False)
        self.letter = letter  # for the names in what the child reads; read only
        self.today = today
        self._initial = [replace(f) for f in letter.followups]
        self.border_title = "What happened to last time's decisions"

    def compose(self) -> ComposeResult:
        for number, followup in enumerate(self._initial, start=1):
            yield FollowUpRow(followup, number)
        if not self._initial:
            yield Static("The last letter made no decisions.", markup=False)

    def on_mount(self) -> None:
        self._summarise()

    @property
    def rows(self) -> list[FollowUpRow]:
        return list(self.query(FollowUpRow))

    @property
    def values(self) -> list[FollowUp]:
        return [replace(row.value) for row in self.rows]

    def _summarise(self) -> None:
        values = self.values
        waiting = sum(1 for f in values if f.outcome is Outcome.UNRECORDED)
        late = sum(1 for f in values if followup_overdue(f, self.letter.meeting.date, self.today))
        text = f"{len(values)} decision{'' if len(values) == 1 else 's'}"
        if waiting:
            text += f", {waiting} to say what happened"
        if late:
            text += f", {late} overdue"
        self.border_subtitle = text

    def post_changed(self) -> None:
        self._summarise()
        self.post_message(self.Changed(self, self.values))

    def locate(self, index: int, start: int, end: int, flagged: str) -> tuple[Input, int] | None:
        """Where a finding in follow-up `index` is in a box the IRO writes: (the box, what to add to
        the finding's offsets), or None. `start`/`end` index what the child reads of it
        (`followup_words`: what was said, a space, what happened); None when the words are not
        there as checked (the IRO changed them, the app made them, or no outcome is chosen yet)."""
        rows = self.rows
        if not 0 <= index < len(rows):
            return None
        row = rows[index]
        f = row.value
        said_shown = f.said.strip() or said_sentence(f, self.letter)
        if end <= len(said_shown):
            if not f.said.strip():
                return None  # words the app made: the IRO writes their own first
            box, offset = row.query_one(".said", Input), f.said.find(said_shown)
        else:
            happened = f.happened.strip()
            if f.outcome is Outcome.UNRECORDED or not happened or NOT_RECORDED in flagged:
                return None
            at = len(said_shown) + 1 if said_shown else 0
            box, offset = row.query_one(".happened", Input), f.happened.find(happened) - at
        a, b = start + offset, end + offset
        if a < 0 or box.value[a:b] != flagged:
            return None
        return box, offset
