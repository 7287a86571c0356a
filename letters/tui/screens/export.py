"""Export: write both Word files to a folder, say where, and mark the letter ready or sent.

Writing the files runs in a worker; a folder that cannot be written or a broken template shows as a
message here and the letter is untouched. Marking the status changes the letter object the writing
screen holds too, so its next autosave keeps the new status.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static

from letters.errors import UserError
from letters.model import Letter, Status
from letters.tui import bindings
from letters.tui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from letters.export import ExportResult
    from letters.store import Store
    from letters.tui.app import LettersApp


def default_export_dir() -> Path:
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "Letters"


def short_path(path: Path) -> str:
    """A folder as people write it: "~/Documents/Letters" for one in the home folder."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


class ExportScreen(Screen[None]):
    """Choose a folder, write the files, then mark the letter."""

    HELP_TITLE = "Export"
    BINDINGS = bindings.EXPORT

    app: LettersApp

    def __init__(self, letter: Letter) -> None:
        super().__init__(id="export")
        self.letter = letter
        self.result: ExportResult | None = None

    def compose(self) -> ComposeResult:
        self.title = f"Export: letter to {self.letter.child.name}"
        folder = self.app.place.export_dir or short_path(default_export_dir())
        served = self.app.served  # in a browser: the files are downloaded, not left on the server
        keys = bindings.SERVED_KEYMAP if served else {}
        yield Header()
        with Vertical(id="export-body"):
            yield Static(
                f"Write {self.letter.child.name}'s letter and the adults' copy as Word files"
                + (": your browser downloads them." if served else "."),
                id="export-intro",
                markup=False,
            )
            if not served:
                with Horizontal(id="export-folder-row"):
                    yield Label("Folder", classes="field-label")
                    yield Input(folder, id="export-folder", compact=True)
            label = "Download both Word files" if served else "Write both Word files"
            yield Button(f"{label} (ctrl+e)", id="write", variant="primary")
            yield Static("", id="export-result", markup=False)
            yield Static("", id="export-status", markup=False)
            with Horizontal(id="export-marks"):
                yield Button(f"Mark ready ({keys.get('export.ready', 'ctrl+r')})", id="mark-ready")
                yield Button(f"Mark sent today ({keys.get('export.sent', 'ctrl+t')})", id="mark-sent")
        yield Footer()

    def on_mount(self) -> None:
        self._show_status()
        self.query_one("#write", Button).focus()

    def _show_status(self) -> None:
        status = str(self.letter.status)
        if self.letter.status is Status.SENT and self.letter.sent_on:
            status += f" on {self.letter.sent_on:%-d %B %Y}"
        self.query_one("#export-status", Static).update(f"This letter is: {status}")

    # -- writing the files ------------------------------------------------------------------------

    @on(Button.Pressed, "#write")
    @on(Input.Submitted, "#export-folder")
    def action_export(self) -> None:
        if self.app.served:
            self._write(None)
            return
        folder = Path(self.query_one("#export-folder", Input).value.strip() or ".").expanduser()
        if not folder.exists():

            def make(sure: bool | None) -> None:
                if not sure:
                    return
                try:
                    folder.mkdir(parents=True, mode=0o700)
                except OSError as exc:
                    self._failed(f"cannot make the folder {folder}: {exc.strerror}.")
                    return
                self._write(folder)

            self.app.push_screen(
                ConfirmScreen(f"There is no folder {folder}. Make it?", yes="Make it", no="Cancel"), make
            )
            return
        self._write(folder)

    def _write(self, folder: Path | None) -> None:
        self.query_one("#export-result", Static).update("Writing…")
        self.query_one("#export-result").remove_class("-error")
        self._export(copy.deepcopy(self.letter), folder)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, letter: Letter, folder: Path | None) -> None:
        from letters.export import export_letter

        try:
            if folder is None:  # served: written to a private temporary folder, handed to the browser
                self._deliver(letter)
                return
            result = export_letter(letter, folder, self.app.config)
        except UserError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # never a traceback: the letter is untouched either way
            self.app.call_from_thread(self._failed, f"unexpected error ({type(exc).__name__}).")
            return
        self.app.call_from_thread(self._written, result, folder)

    def _deliver(self, letter: Letter) -> None:
        """In the worker: write both files, read them back, remove them, and let the browser
        download them (Textual's file delivery); nothing stays on the server's disk."""
        import io
        import shutil
        import tempfile

        from letters.export import export_letter

        folder = Path(tempfile.mkdtemp(prefix="letters-export-"))
        try:
            result = export_letter(letter, folder, self.app.config)
            files = [(p.name, p.read_bytes()) for p in (result.child_path, result.adult_path)]
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        for name, data in files:
            self.app.call_from_thread(
                self.app.deliver_binary, io.BytesIO(data), save_filename=name, mime_type=word
            )
        self.app.call_from_thread(self._delivered, result, [name for name, _ in files])

    def _delivered(self, result: ExportResult, names: list[str]) -> None:
        self.result = result
        lines = ["✓ Sent both Word files to your browser's downloads:", *[f"  {n}" for n in names]]
        lines += [f"! {w}" for w in result.warnings]
        lines.append("Mark the letter ready or sent when it is.")
        self.query_one("#export-result", Static).update("\n".join(lines))
        self._log_export()
        self.query_one("#mark-ready", Button).focus()

    def _log_export(self) -> None:
        letter_id = self.letter.id
        if letter_id is None:
            return

        def job(store: Store) -> None:
            from letters.store.team import note_export

            note_export(store, letter_id, "Word files for the child and the adults")

        self.app.db(job, failed="Could not record the export in the access log")

    def _failed(self, problem: str) -> None:
        result = self.query_one("#export-result", Static)
        result.update(f"✗ The Word files were not written: {problem}\nThe letter is safe.")
        result.add_class("-error")
        self.app.notify(problem, title="Export failed", severity="error", timeout=10, markup=False)

    def _written(self, result: ExportResult, folder: Path) -> None:
        self.result = result
        self.app.remember(export_dir=str(folder))
        lines = [
            "✓ Wrote both Word files:",
            f"  For {self.letter.child.name}: {result.child_path}",
            f"  For the adults: {result.adult_path}",
        ]
        lines += [f"! {w}" for w in result.warnings]
        lines.append("Mark the letter ready or sent when it is.")
        self.query_one("#export-result", Static).update("\n".join(lines))
        self._log_export()
        self.query_one("#mark-ready", Button).focus()

    # -- status -----------------------------------------------------------------------------------

    @on(Button.Pressed, "#mark-ready")
    def _ready_pressed(self) -> None:
        self.action_mark("ready")

    @on(Button.Pressed, "#mark-sent")
    def _sent_pressed(self) -> None:
        self.action_mark("sent")

    def action_mark(self, status: str) -> None:
        new = Status(status)
        sent_on = self.app.today() if new is Status.SENT else None
        letter_id = self.letter.id
        if letter_id is None:
            return

        def job(store: Store) -> None:
            from letters.store.gate import mark

            mark(store, letter_id, new, config=self.app.config.checks, sent_on=sent_on)

        def done(_: None) -> None:
            self.letter.status = new
            self.letter.sent_on = sent_on
            self._show_status()
            self.notify(f"Marked the letter {status}.", timeout=3, markup=False)

        self.app.db(job, done, failed="Could not change the letter's status")

    def action_back(self) -> None:
        self.dismiss()
