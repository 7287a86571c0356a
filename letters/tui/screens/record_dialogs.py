"""Dialogs that change what is recorded about a child and a review, not the letter's words.

- `ChildRecordDialog`: the child's record (case number, looked after since, UASC), saved with the
  store's child-record API (`Store.update_child`); the letters themselves are not changed.
- `ReviewRecordDialog`: one review's timeliness (the review before it, when its decisions were
  sent, why it was late), saved as a new revision of the letter (`Store.save`, with its revision
  check); a sent letter changes only as an amendment, with a reason.

Both are opened from a child's letters (letters.tui.screens.child). Values are read by the same
parsers and limits as the new-letter steps (`letters.tui.forms`, `letters.limits`); a refused
value is said under its field and nothing is saved; a save the store refuses (a case number that
is another child's, a letter changed elsewhere) is said in the dialog, which stays open with what
was typed. ctrl+s saves, escape leaves (asking first when something was changed).
"""

from __future__ import annotations

import copy
from datetime import date
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from letters import limits
from letters.tui import bindings
from letters.tui.forms import (
    UASC_CHOICES,
    parse_date,
    parse_uasc,
    record_problems,
    review_problems,
    uasc_choice,
)
from letters.tui.screens.confirm import ConfirmScreen
from letters.tui.widgets.form_field import FormField

if TYPE_CHECKING:
    from letters.errors import UserError
    from letters.model import Letter
    from letters.store import Store
    from letters.store.children import ChildRecord
    from letters.tui.app import LettersApp


def _day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


class RecordDialog(ModalScreen[bool]):
    """Labelled fields, their problems, ctrl+s to save (in a worker), escape to leave."""

    DEFAULT_CSS = """
    RecordDialog #record-fields { height: auto; max-height: 24; }
    """
    BINDINGS = bindings.RECORD_DIALOG

    app: LettersApp
    title_text = ""
    fields: tuple[tuple[str, str, str], ...] = ()  # (attribute, label, hint) of the text boxes

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")
        self.values: dict[str, str] = {}
        self.start: dict[str, str] = {}
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.styles.width = 96  # wider than the app's dialogs: a label, a field and its hint
            yield Static(self.title_text, classes="dialog-title", markup=False)
            with VerticalScroll(id="record-fields"):
                yield from self.make_fields()
            yield Static("", id="record-problem", classes="dialog-problem", markup=False)
            yield Static("ctrl+s: save · escape: leave without saving", classes="dialog-hint")

    def text_box(self, attribute: str, label: str, hint: str, placeholder: str = "") -> FormField:
        box = Input(self.values[attribute], placeholder=placeholder, id=f"in-{attribute}", compact=True)
        return FormField(label, box, hint=hint, id=f"f-{attribute}")

    def make_fields(self) -> list[FormField]:
        return [self.text_box(*field) for field in self.fields]

    def on_mount(self) -> None:
        self.start = dict(self.values)
        first = self.query("Input, Select").first()
        self.set_focus(first)

    def problems(self) -> dict[str, str]:
        raise NotImplementedError

    def save_job(self) -> Any:
        """The store call that saves the values (run in a worker)."""
        raise NotImplementedError

    def _show_problems(self, every: bool) -> dict[str, str]:
        problems = self.problems()
        for field in self.query(FormField):
            name = (field.id or "").removeprefix("f-")
            shown = every or self.values.get(name, "") != self.start.get(name, "")
            field.set_problem(problems.get(name) if shown else None)
        return problems

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self.values[(event.input.id or "").removeprefix("in-")] = event.value
        self._show_problems(every=False)

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.values[(event.select.id or "").removeprefix("in-")] = str(event.value)

    @on(Input.Submitted)
    def _next(self) -> None:
        self.focus_next()

    def action_save(self) -> None:
        if self.saving:
            return
        problems = self._show_problems(every=True)
        note = self.query_one("#record-problem", Static)
        if problems:
            count = len(problems)
            note.update(f"✗ Fix the {count} thing{'s' if count != 1 else ''} marked ✗: nothing was saved.")
            return
        if self.values == self.start:
            self.dismiss(False)
            return
        note.update("Saving...")
        self.saving = True
        job = self.save_job()

        def refused(problem: UserError) -> None:
            self.saving = False
            note.update(f"✗ {problem}")

        self.app.db(job, lambda _: self.dismiss(True), failed="Not saved", on_error=refused, notify=False)

    def action_cancel(self) -> None:
        if self.values == self.start:
            self.dismiss(False)
            return

        def leave(sure: bool | None) -> None:
            if sure:
                self.dismiss(False)

        self.app.push_screen(
            ConfirmScreen(
                "Leave without saving? What you changed here will not be kept.", yes="Leave", no="Stay"
            ),
            leave,
        )


class ChildRecordDialog(RecordDialog):
    """The child's case number, when they became looked after, and whether they are a UASC."""

    title_text = "The child's record"

    def __init__(self, record: ChildRecord, first_meeting: date | None) -> None:
        super().__init__()
        self.record, self.first_meeting = record, first_meeting
        self.title_text = f"{record.name}'s record (used for every one of their letters)"
        self.values = {
            "case_id": record.case_id,
            "looked_after_since": _day(record.looked_after_since),
            "uasc": uasc_choice(record.uasc),
        }

    def make_fields(self) -> list[FormField]:
        return [
            self.text_box(
                "case_id",
                "Case number",
                "The child's ID in LCS or Mosaic; empty: not recorded.",
                "e.g. LCS-40213",
            ),
            self.text_box(
                "looked_after_since",
                "Looked after since",
                "The day they became looked after; empty: not recorded.",
                "day/month/year",
            ),
            FormField(
                "UASC",
                Select(
                    UASC_CHOICES, value=self.values["uasc"], allow_blank=False, id="in-uasc", compact=True
                ),
                hint="An unaccompanied asylum-seeking child.",
                id="f-uasc",
            ),
        ]

    def problems(self) -> dict[str, str]:
        today = self.app.today()
        problems = record_problems(
            self.values["case_id"], self.values["looked_after_since"], self.record.date_of_birth, today
        )
        since, _ = parse_date(self.values["looked_after_since"], "date")
        if "looked_after_since" not in problems and since is not None and self.first_meeting is not None:
            late = limits.looked_after_problem(since, born=None, meeting=self.first_meeting, today=today)
            if late:
                problems["looked_after_since"] = late + " (their first letter's meeting)"
        return problems

    def save_job(self) -> Any:
        record_id, values = self.record.id, dict(self.values)
        case = values["case_id"].strip()
        since, _ = parse_date(values["looked_after_since"], "date")
        uasc = parse_uasc(values["uasc"])
        clear = [
            name
            for name, empty in (
                ("case_id", not case),
                ("looked_after_since", since is None),
                ("uasc", uasc is None),
            )
            if empty
        ]

        def job(store: Store) -> ChildRecord:
            return store.update_child(
                record_id, case_id=case or None, looked_after_since=since, uasc=uasc, clear=clear
            )

        return job


class ReviewRecordDialog(RecordDialog):
    """One review's timeliness: the review before it, decisions sent, why it was late."""

    def __init__(self, letter: Letter, context: str) -> None:
        super().__init__()
        self.letter = letter
        meeting = letter.meeting
        self.title_text = f"Letter {letter.id}: the review of {meeting.date:%-d %B %Y}. {context}"
        self.values = {
            "previous_review": _day(meeting.previous_review),
            "decisions_sent_on": _day(meeting.decisions_sent_on),
            "late_reason": meeting.late_reason,
        }
        if letter.sent_on is not None or str(letter.status) == "sent":
            self.values["amend_reason"] = ""

    def make_fields(self) -> list[FormField]:
        fields = [
            self.text_box(
                "decisions_sent_on",
                "Decisions sent",
                "The day the decisions went to the adults; empty: not recorded.",
                "day/month/year",
            ),
            self.text_box("late_reason", "Why it was late", "If the review was held after its due date."),
            self.text_box(
                "previous_review",
                "Review before this",
                "Only if that review is not in this app: it sets this review's due date.",
                "day/month/year",
            ),
        ]
        if "amend_reason" in self.values:
            fields.append(
                self.text_box(
                    "amend_reason",
                    "Why change it now",
                    "This letter was sent: the change is kept as an amendment, with this reason.",
                )
            )
        return fields

    def problems(self) -> dict[str, str]:
        v = self.values
        problems = review_problems(
            self.letter.meeting.date,
            v["previous_review"],
            v["decisions_sent_on"],
            v["late_reason"],
            self.app.today(),
            self.app.config.limits,
        )
        if "amend_reason" in v and v != self.start and not v["amend_reason"].strip():
            problems["amend_reason"] = "Say why the sent letter's record changes: it is kept with the letter."
        elif "amend_reason" in v and (
            msg := limits.text_problem(v["amend_reason"].strip(), limits.SHORT_CHARS)
        ):
            problems["amend_reason"] = msg
        return problems

    def save_job(self) -> Any:
        letter = copy.deepcopy(self.letter)  # a refused save leaves the dialog's letter as it was
        v = self.values
        letter.meeting.previous_review = parse_date(v["previous_review"], "date")[0]
        letter.meeting.decisions_sent_on = parse_date(v["decisions_sent_on"], "date")[0]
        letter.meeting.late_reason = v["late_reason"].strip()
        reason = v.get("amend_reason", "").strip()

        def job(store: Store) -> int:
            return store.save(letter, amend_reason=reason)

        return job
