"""The QA audit: choose a month, draw its sample, see which letters are graded, open one to grade.

Children appear by their pseudonymous reference, as in the exports. All database and engine work
runs through `app.db` (a worker); the screen only shows what `letters.audit.service` returns.
Grading is `audit_grade.GradeScreen`; the export dialog is `audit_export.AuditExportScreen`.
To open this screen from anywhere: `open_audit(app)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Static

from letters.tui import bindings
from letters.tui.messages import StoreReady

if TYPE_CHECKING:
    from letters.audit.sample import Sample
    from letters.audit.service import SampledLetter
    from letters.store import Store
    from letters.tui.app import LettersApp


def last_month(today: date) -> str:
    """The month an auditor usually audits: the one before today's."""
    return f"{today.replace(day=1) - timedelta(days=1):%Y-%m}"


def default_auditor() -> str:
    """The remembered auditor's name (never the login: it is an account, not a person)."""
    from letters.audit.auditor import remembered

    return remembered()


#: Grades as the narrow list shows them.
SHORT_GRADES = {"Requires improvement to be good": "RI"}


def grade_cell(one: SampledLetter) -> str:
    """ "Good (AA)": the grade and the auditor's initials, short enough for an 80-column screen."""
    if one.grading is None:
        return "not graded"
    grade = str(one.grading.overall)
    initials = "".join(w[0] for w in one.grading.auditor.split() if w[:1].isalpha()).upper()[:3]
    return f"{SHORT_GRADES.get(grade, grade)} ({initials})" if initials else SHORT_GRADES.get(grade, grade)


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True, slots=True)
class MonthView:
    month: str
    sample: Sample | None
    letters: list[SampledLetter]
    sent: int  # letters sent in the month


def open_audit(app: LettersApp) -> None:
    """Push the audit screen unless it is already on top (for the app's key and palette)."""
    if not isinstance(app.screen, AuditScreen):
        app.push_screen(AuditScreen())


class AuditScreen(Screen[None]):
    """A month's audit sample and its grades."""

    HELP_TITLE = "Audit"
    DEFAULT_CSS = """
    AuditScreen #audit-bar { height: 1; margin: 1 1 0 1; }
    AuditScreen #audit-bar Label { width: auto; padding: 0 1 0 2; }
    AuditScreen #audit-month { width: 12; }
    AuditScreen #audit-auditor { width: 24; }
    AuditScreen #audit-seed { width: 12; }
    AuditScreen #audit-status { height: auto; margin: 1 2 0 2; }
    AuditScreen #audit-table { height: 1fr; margin: 1 1 0 1; }
    AuditScreen #audit-actions { height: auto; margin: 1 1 0 1; }
    AuditScreen #audit-actions Button { margin-right: 2; }
    """
    BINDINGS = bindings.AUDIT

    app: LettersApp

    def __init__(self, month: str | None = None) -> None:
        super().__init__(id="audit")
        self._month = month
        self.view: MonthView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="audit-bar"):
            yield Label("Month")
            yield Input(
                self._month or last_month(self.app.today()),
                id="audit-month",
                placeholder="YYYY-MM",
                compact=True,
            )
            yield Label("Auditor")
            yield Input(default_auditor(), id="audit-auditor", placeholder="your name", compact=True)
            yield Label("Seed")
            yield Input("", id="audit-seed", placeholder="random", compact=True)
        yield Static("Loading...", id="audit-status", markup=False)
        table: DataTable[str] = DataTable(id="audit-table", cursor_type="row", zebra_stripes=True)
        yield table
        with Horizontal(id="audit-actions"):
            yield Button("Draw sample (ctrl+d)", id="audit-draw", variant="primary")
            yield Button("Grade (ctrl+g)", id="audit-grade")
            yield Button("Export (ctrl+e)", id="audit-export")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Audit"
        table = self.query_one(DataTable)
        table.add_columns("Letter", "Child", "IRO", "Age band", "Sent", "Grade")
        self.reload()

    def on_store_ready(self, _: StoreReady) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self.view is not None:  # back from grading: show the new grade
            self.reload()

    @property
    def month(self) -> str:
        return self.query_one("#audit-month", Input).value.strip()

    # -- loading ----------------------------------------------------------------------------------

    def reload(self) -> None:
        month, app = self.month, self.app

        def job(store: Store) -> MonthView:
            from letters.audit.figures import Period

            label = Period.parse_month(month).label
            service = app.audit_service(store)
            return MonthView(
                label,
                service.current_sample(label),
                service.sampled(label),
                len(service.sent_letters(Period.parse_month(label))),
            )

        self.app.db(job, self._show, failed="Could not load the audit")

    def _show(self, view: MonthView) -> None:
        self.view = view
        table = self.query_one(DataTable)
        table.clear()
        for one in view.letters:
            table.add_row(
                str(one.item.letter_id),
                one.ref,
                fit(one.item.iro or "(no IRO)", 14),
                one.item.age_band,
                f"{one.sent_on:%-d %b %Y}" if one.sent_on else "",
                grade_cell(one),
                key=str(one.item.letter_id),
            )
        self.query_one("#audit-status", Static).update(self._status(view))
        self.refresh_bindings()
        if view.letters:
            table.focus()

    @staticmethod
    def _status(view: MonthView) -> str:
        if view.sample is None:
            if not view.sent:
                return f"No letters were sent in {view.month}, so there is nothing to audit."
            return f"No sample yet for {view.month}: {view.sent} letters were sent. Press ctrl+d to draw one."
        s = view.sample
        how = (
            "Picked by hand"
            if s.method == "by hand"
            else f"Drawn at random ({s.per_iro} per IRO, seed {s.seed})"
        )
        graded = sum(1 for one in view.letters if one.grading is not None)
        return (
            f"Sample for {view.month}: {graded} of {len(s.items)} letters graded.\n"
            f"{how} by {s.drawn_by} on {s.drawn_at:%-d %b %Y}."
        )

    def selected(self) -> SampledLetter | None:
        if self.view is None or not self.view.letters:
            return None
        row = self.query_one(DataTable).cursor_row
        return self.view.letters[row] if 0 <= row < len(self.view.letters) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "grade":
            return self.selected() is not None
        if action == "export":
            return self.view is not None and self.view.sent > 0
        return True

    # -- actions ----------------------------------------------------------------------------------

    @on(Input.Submitted, "#audit-month")
    def _month_chosen(self) -> None:
        self.reload()

    @on(Button.Pressed, "#audit-draw")
    def action_draw(self) -> None:
        if self.view is not None and self.view.sample is not None:
            from letters.tui.screens.confirm import ConfirmScreen

            def answered(yes: bool | None) -> None:
                if yes:
                    self._draw(replace=True)

            self.app.push_screen(
                ConfirmScreen(
                    f"{self.view.month} already has a sample. Draw a new one? "
                    "The old sample and its grades are kept.",
                    yes="Draw again",
                ),
                answered,
            )
            return
        self._draw(replace=False)

    def auditor(self) -> str | None:
        """The auditor's name from the field, remembered; None (and said why) when unusable."""
        from letters.audit.auditor import AuditorError, resolve

        field = self.query_one("#audit-auditor", Input)
        try:
            name = resolve(field.value)
        except AuditorError as exc:
            field.focus()
            self.notify(str(exc), title="Who is auditing?", severity="warning", markup=False)
            return None
        field.value = name
        return name

    def _draw(self, *, replace: bool) -> None:
        month, app = self.month, self.app
        auditor = self.auditor()
        if auditor is None:
            return
        seed = self.query_one("#audit-seed", Input).value.strip() or None

        def job(store: Store) -> Sample:
            return app.audit_service(store).draw_sample(
                month, drawn_by=auditor, seed=seed, replace_existing=replace
            )

        def done(sample: Sample) -> None:
            self.notify(f"Drew {len(sample.items)} letters for {sample.month}.", markup=False)
            self.reload()

        self.app.db(job, done, failed="Could not draw the sample")

    @on(DataTable.RowSelected)
    @on(Button.Pressed, "#audit-grade")
    def action_grade(self) -> None:
        chosen = self.selected()
        if chosen is None or self.view is None:
            self.notify("Draw the sample first, then choose a letter to grade.", markup=False)
            return
        from letters.tui.screens.audit_grade import GradeScreen

        auditor = self.auditor()
        if auditor is not None:
            self.app.push_screen(GradeScreen(chosen.item.letter_id, self.view.month, auditor))

    @on(Button.Pressed, "#audit-export")
    def action_export(self) -> None:
        from letters.tui.screens.audit_export import AuditExportScreen

        self.app.push_screen(AuditExportScreen(self.view.month if self.view else self.month))

    def action_back(self) -> None:
        self.dismiss()
