"""The audit export dialog: the period (a month, a year or a financial year), how letters are
counted (by date sent or by meeting date), the format, the file, and whether to name people (off by
default).

Writing runs in a worker (`letters.audit.service.AuditService.export`); a folder that does not
exist or cannot be written is shown as a message and the dialog stays open. Dismisses with the
files written, or None.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from letters.tui import bindings

if TYPE_CHECKING:
    from letters.store import Store
    from letters.tui.app import LettersApp

FORMATS = (("Spreadsheet (xlsx)", "xlsx"), ("CSV files", "csv"), ("Managers' report (docx)", "docx"))
BASES = (("date sent", "sent"), ("meeting date (reviews held)", "meeting"))


def default_folder(app: LettersApp) -> Path:
    from letters.tui.screens.export import default_export_dir

    return Path(app.place.export_dir) if app.place.export_dir else default_export_dir()


class AuditExportScreen(ModalScreen[list[Path] | None]):
    """Export a month: letters, audit answers and summary."""

    DEFAULT_CSS = """
    AuditExportScreen { align: center middle; }
    AuditExportScreen #audit-export-dialog {
        width: 84; height: auto; padding: 1 2; border: thick $primary; background: $surface;
    }
    AuditExportScreen .row { height: auto; margin-bottom: 1; }
    AuditExportScreen .row Label { width: 10; padding-top: 1; }
    AuditExportScreen #audit-export-period { width: 14; }
    AuditExportScreen #audit-export-basis { width: 1fr; }
    AuditExportScreen .row .second { width: auto; padding: 1 1 0 2; }
    AuditExportScreen #audit-export-path { width: 1fr; }
    AuditExportScreen #audit-export-format { width: 1fr; }
    AuditExportScreen #audit-export-note { color: $text-muted; margin-bottom: 1; }
    AuditExportScreen #audit-export-buttons { height: auto; }
    AuditExportScreen #audit-export-buttons Button { margin-right: 2; }
    """
    BINDINGS = bindings.AUDIT_EXPORT

    app: LettersApp

    def __init__(self, month: str) -> None:
        super().__init__()
        self.month = month

    def compose(self) -> ComposeResult:
        folder = default_folder(self.app)
        with Vertical(id="audit-export-dialog"):
            yield Static(
                "Export the audit: a month (2026-01), a year (2026) or a financial year (2025-26)",
                classes="dialog-text",
            )
            with Horizontal(classes="row"):
                yield Label("Period")
                yield Input(self.month, id="audit-export-period")
                yield Label("Count by", classes="second")
                yield Select(BASES, value="sent", allow_blank=False, id="audit-export-basis")
            with Horizontal(classes="row"):
                yield Label("Format")
                yield Select(FORMATS, value="xlsx", allow_blank=False, id="audit-export-format")
            with Horizontal(classes="row"):
                yield Label("File")
                yield Input(str(folder / f"letters-audit-{self.month}.xlsx"), id="audit-export-path")
            yield Checkbox(
                "Include children's names (for internal use; the export says so)", id="audit-export-identify"
            )
            yield Static(
                "Without names, children appear as references like C-1A2B3C4D, IROs like IRO-1A2B3C.",
                id="audit-export-note",
                markup=False,
            )
            with Horizontal(id="audit-export-buttons"):
                yield Button("Write (ctrl+e)", id="audit-export-write", variant="primary")
                yield Button("Cancel (esc)", id="audit-export-cancel")

    @on(Select.Changed, "#audit-export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#audit-export-path", Input)
        current = Path(path.value)
        if current.suffix.lower() in (".xlsx", ".csv", ".docx"):
            path.value = str(current.with_suffix(f".{event.value}"))

    @on(Input.Changed, "#audit-export-period")
    def _period_changed(self, event: Input.Changed) -> None:
        path = self.query_one("#audit-export-path", Input)
        current = Path(path.value)
        if current.name.startswith("letters-audit-") and event.value.strip():
            path.value = str(current.with_name(f"letters-audit-{event.value.strip()}{current.suffix}"))

    @on(Checkbox.Changed, "#audit-export-identify")
    def _identify_changed(self, event: Checkbox.Changed) -> None:
        self.query_one("#audit-export-note", Static).update(
            "The export will name children and IROs and say so on its first page: keep it inside the service."
            if event.value
            else "Without names, children appear as references like C-1A2B3C4D, IROs like IRO-1A2B3C."
        )

    @on(Button.Pressed, "#audit-export-write")
    def action_write(self) -> None:
        from letters.audit.periods import Basis, Period
        from letters.errors import UserError

        fmt = str(self.query_one("#audit-export-format", Select).value)
        out = Path(self.query_one("#audit-export-path", Input).value.strip()).expanduser()
        identify = self.query_one("#audit-export-identify", Checkbox).value
        basis = Basis(str(self.query_one("#audit-export-basis", Select).value))
        app = self.app
        try:
            period = Period.parse(self.query_one("#audit-export-period", Input).value)
        except UserError as exc:
            self.query_one("#audit-export-period", Input).focus()
            self.notify(str(exc), title="Which period?", severity="warning", markup=False)
            return

        def job(store: Store) -> list[Path]:
            return app.audit_service(store).export(period, fmt, out, identify=identify, basis=basis)

        def done(paths: list[Path]) -> None:
            self.app.remember(export_dir=str(out.parent))
            names = ", ".join(p.name for p in paths)
            self.notify(f"Wrote {names} in {out.parent}.", title="Audit exported", markup=False)
            self.dismiss(paths)

        self.app.db(job, done, failed="Could not write the export")

    @on(Button.Pressed, "#audit-export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
