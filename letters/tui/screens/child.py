"""A child's record and all their letters together, and a new letter started from the child.

Opened from the letters list (`h` on a letter: its child). It shows the record (reference, case
number, date of birth, looked after since, UASC) and the child's letters oldest first, with each
review's due date and whether it was held on time, and the child's own words as the record keeps
them. `enter` opens a letter; `n` starts the next letter from the child: the guided steps come
filled in from their latest letter (the child's details, the IRO, who was there) and the record's
words, and the new letter joins the child's record; `w` changes the record's words (the letters
keep their own). Database work goes through `app.db` (a worker).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from letters.child_words import copy_words, describe, has_words
from letters.tui import bindings
from letters.tui.messages import StoreReady

if TYPE_CHECKING:
    from letters.model import ChildWords, Letter
    from letters.store import Store
    from letters.store.children import ChildRecord
    from letters.tui.app import LettersApp
    from letters.tui.forms import NewLetterForm


@dataclass(frozen=True, slots=True)
class ChildView:
    record: ChildRecord
    ref: str
    #: id, meeting, review, due, held (with the late reason), late, decisions sent, status
    rows: list[tuple[int, date, str, str, str, bool, str, str]]
    latest: Letter | None


def next_letter_form(latest: Letter, today: date) -> NewLetterForm:
    """The guided steps filled in for the child's next letter, from their latest letter."""
    from letters.model import ReviewKind
    from letters.tui.forms import NewLetterForm, PersonRow, uasc_choice

    child, meeting = latest.child, latest.meeting
    follows = {ReviewKind.FIRST: ReviewKind.SECOND}.get(meeting.review_kind, ReviewKind.LATER)
    return NewLetterForm(
        name=child.name,
        age="" if child.date_of_birth else str(child.age_on(today) or child.age or ""),
        born=child.date_of_birth.strftime("%d/%m/%Y") if child.date_of_birth else "",
        pronouns=child.pronouns,
        eal=child.eal,
        first_language=child.first_language,
        reading_age=f"{child.reading_age:g}" if child.reading_age else "",
        own_words=", ".join(child.own_words),
        case_id=child.case_id,
        looked_after_since=child.looked_after_since.strftime("%d/%m/%Y") if child.looked_after_since else "",
        uasc=uasc_choice(child.uasc),
        review_kind=follows.value,
        place=meeting.place,
        called=meeting.called,
        iro=meeting.iro,
        people=[PersonRow(p.role, p.name, p.shown_as, p.attended, p.gets_copy) for p in latest.people],
    )


def _words_lines(record: ChildRecord) -> list[str]:
    """The record's words profile for the screen, or a line saying there is none."""
    if record.words is None or not has_words(record.words):
        return [f"{record.name}'s own words: none recorded (w to add them)."]
    return [f"{record.name}'s own words:", *(f"  {line}" for line in describe(record.words, record.name))]


class ChildScreen(Screen[None]):
    HELP_TITLE = "A child's letters"
    DEFAULT_CSS = """
    ChildScreen #child-record { height: auto; margin: 1 2 0 2; }
    ChildScreen #child-letters { height: 1fr; margin: 1 1 0 1; }
    """
    BINDINGS = bindings.CHILD

    app: LettersApp

    def __init__(self, child_id: int) -> None:
        super().__init__(id="child")
        self.child_id = child_id
        self.view: ChildView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the child's letters...", id="child-record", markup=False)
        yield DataTable(id="child-letters", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "A child's letters"
        self.query_one(DataTable).add_columns(
            "Letter", "Meeting", "Review", "Due", "Held", "Decisions sent", "Status"
        )
        self.reload()

    def on_store_ready(self, _: StoreReady) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        child_id, app = self.child_id, self.app

        def job(store: Store) -> ChildView:
            from letters.audit.child_reviews import child_reviews

            record = store.child(child_id)
            rows = []
            latest = None
            for line in child_reviews(store, record, app.config.authority):
                letter, due, held = line.letter, line.due, line.held
                if line.late:
                    reason = " ".join(letter.meeting.late_reason.split())
                    held += (
                        f": {reason[:40]}{'...' if len(reason) > 40 else ''}"
                        if reason
                        else ", no reason given"
                    )
                sent = letter.meeting.decisions_sent_on
                status = str(letter.status) + (f" {letter.sent_on:%-d %b %Y}" if letter.sent_on else "")
                rows.append(
                    (
                        line.letter_id,
                        letter.meeting.date,
                        str(letter.meeting.review_kind),
                        f"{due:%-d %b %Y}" if due else "-",
                        held,
                        line.late,
                        f"{sent:%-d %b %Y}" if sent else "not recorded",
                        status,
                    )
                )
                latest = letter
            return ChildView(record, app.audit_service(store).record_ref(record.id), rows, latest)

        self.app.db(job, self._show, failed="Could not load the child's letters")

    def _show(self, view: ChildView) -> None:
        self.view = view
        r = view.record
        uasc = {True: "yes", False: "no", None: "not recorded"}[r.uasc]
        lines = [
            f"{r.name} · {view.ref} · case number {r.case_id or 'not recorded'}",
            f"Born {r.date_of_birth:%-d %b %Y}" if r.date_of_birth else "Date of birth not recorded",
            (
                f"Looked after since {r.looked_after_since:%-d %b %Y}"
                if r.looked_after_since
                else "Looked after since: not recorded"
            )
            + f" · unaccompanied asylum-seeking child: {uasc}",
            *_words_lines(r),
            f"{len(r.letters)} letter{'' if len(r.letters) == 1 else 's'}, oldest first. "
            f"n: the next letter for {r.name} · e: edit the record · w: their own words · "
            "m: the highlighted review's dates.",
        ]
        self.query_one("#child-record", Static).update("\n".join(lines))
        table = self.query_one(DataTable)
        table.clear()
        for letter_id, meeting, review, due, held, late, decisions, status in view.rows:
            table.add_row(
                str(letter_id),
                f"{meeting:%-d %b %Y}",
                review,
                due,
                Text(("! " if late else "") + held, style="bold red" if late else ""),
                decisions,
                status,
                key=str(letter_id),
            )
        if view.rows:
            table.focus()

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        if self.view is None or not self.view.rows:
            return
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < len(self.view.rows):
            self.app.open_letter(self.view.rows[row][0])

    def action_new_from_child(self) -> None:
        if self.view is None or self.view.latest is None:
            self.notify("This child has no letter yet to start from.", markup=False)
            return
        from letters.tui.screens.new_letter import NewLetterScreen

        latest, record = self.view.latest, self.view.record
        # What the record knows of the child, whichever letter first said it.
        latest.child.case_id, latest.child.looked_after_since = record.case_id, record.looked_after_since
        latest.child.uasc = record.uasc
        if record.words is not None:  # their own words as the record keeps them (w may have changed them)
            latest.child.words = copy_words(record.words)
        self.app.push_screen(NewLetterScreen(form=next_letter_form(latest, self.app.today()), start=latest))

    def action_edit_record(self) -> None:
        if self.view is None:
            return
        from letters.tui.screens.record_dialogs import ChildRecordDialog

        first = self.view.rows[0][1] if self.view.rows else None
        self.app.push_screen(ChildRecordDialog(self.view.record, first), self._edited)

    def action_edit_words(self) -> None:
        """The record's words in the writing screen's f9 dialog; kept words are saved to the
        record (what the child's next letters start with), never into a letter already written."""
        if self.view is not None:
            from letters.model import ChildWords

            self._edit_words(copy_words(self.view.record.words or ChildWords()))

    def _edit_words(self, shown: ChildWords) -> None:
        from letters.tui.screens.child_words import ChildWordsScreen

        assert self.view is not None
        record, child_id = self.view.record, self.child_id

        def kept(words: ChildWords | None) -> None:
            if words is None or words == record.words:
                return

            def saved(_: None) -> None:
                self.notify(
                    f"Kept {record.name}'s own words: their next letters start with them.", markup=False
                )
                self.reload()

            self.app.db(
                lambda store: store.update_child_words(child_id, words),
                saved,
                failed="Could not keep the child's words",
                on_error=lambda _: self._edit_words(words),  # the words typed are shown again, not lost
            )

        self.app.push_screen(ChildWordsScreen(shown, record.name), kept)

    def action_edit_review(self) -> None:
        if self.view is None or not self.view.rows:
            self.notify("This child has no letter yet.", markup=False)
            return
        from letters.tui.screens.record_dialogs import ReviewRecordDialog

        row = self.query_one(DataTable).cursor_row
        if not 0 <= row < len(self.view.rows):
            return
        letter_id, _, _, due, held, *_ = self.view.rows[row]
        context = f"Due {due}: {held}." if due != "-" else "Its due date is not known."

        def opened(letter: Letter) -> None:
            self.app.push_screen(ReviewRecordDialog(letter, context), self._edited)

        self.app.db(lambda store: store.get(letter_id), opened, failed="Could not open the letter")

    def _edited(self, saved: bool | None) -> None:
        if saved:
            self.notify("Saved.", markup=False)
            self.reload()

    def action_back(self) -> None:
        self.dismiss()
