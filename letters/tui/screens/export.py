"""Export: the pre-send step, then both Word files to a folder, then marking ready or sent.

On opening, and again before each write or marking, the stored letter goes through the pre-send
gate (`letters.store.gate`, the same as `letters status` and `letters export`). The engine's summary
(`CheckSummary`: counts, the verdict on its reading age, every error and where) shows what is open;
under it the gate says what only it knows: errors hidden by a check switched off or words accepted,
the reasons given for them, and whether marking will ask why. The files are written from exactly
the text that was checked. Marking ready or sent with open errors asks why (escape goes back to fix
them); the reason is kept with the letter for the audit, and the store marks the letter only if its
text is still the text that was checked.

Writing the files runs in a worker; a folder that cannot be written or a broken template shows as a
message here and the letter is untouched. "Also read it aloud" adds the MP3 (`letters.export.audio`);
if espeak-ng is missing the Word files are written and the message says how to install it. The
names list for the letter read aloud is edited from here (`names_aloud.NamesScreen`); a change is
handed to `on_change` so the writing screen saves it, and the files use the list on screen. Marking
the status changes the letter object the writing screen holds too (a sent letter becomes read-only).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static

from letters.errors import UserError
from letters.model import Letter, Pronunciation, Status
from letters.tui import bindings
from letters.tui.screens.confirm import ConfirmScreen
from letters.tui.widgets.check_summary import CheckSummary
from letters.tui.widgets.text_checkbox import TextCheckbox

if TYPE_CHECKING:
    from letters.export import ExportResult
    from letters.store import Store
    from letters.store.gate import PreSendCheck
    from letters.tui.app import LettersApp


def default_export_dir() -> Path:
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "Letters"


def gate_lines(check: PreSendCheck) -> list[str]:
    """What the pre-send gate knows beyond the checks' summary above it (nothing when nothing)."""
    lines = []
    if check.imported:
        lines.append("This letter was imported (sent elsewhere): the findings do not stop it.")
    unexplained = [f for f in check.waived if not f.reason]
    if unexplained:
        lines.append("Errors hidden by a check switched off or words accepted, with no reason given:")
        lines += [f"  {f.describe()}" for f in unexplained]
    lines += check.waiver_lines()
    if check.blocks:
        count = len(check.errors)
        lines.append(
            f"Marking it ready or sent will ask why: {count} error{'s are' if count != 1 else ' is'} open."
        )
    return lines


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

    def __init__(self, letter: Letter, on_change: Callable[[], None] | None = None) -> None:
        super().__init__(id="export")
        self.letter = letter
        self.on_change = on_change
        self.result: ExportResult | None = None
        self.check: PreSendCheck | None = None

    def compose(self) -> ComposeResult:
        self.title = f"Export: letter to {self.letter.child.name}"
        folder = self.app.place.export_dir or short_path(default_export_dir())
        served = self.app.served  # in a browser: the files are downloaded, not left on the server
        keys = bindings.SERVED_KEYMAP if served else {}
        yield Header()
        with VerticalScroll(id="export-body"):
            yield Static(
                f"Write {self.letter.child.name}'s letter and the adults' copy as Word files"
                + (": your browser downloads them." if served else "."),
                id="export-intro",
                markup=False,
            )
            yield CheckSummary(id="export-checks")
            yield Static("", id="export-check", markup=False)  # what the gate adds, if anything
            if not served:
                with Horizontal(id="export-folder-row"):
                    yield Label("Folder", classes="field-label")
                    yield Input(folder, id="export-folder", compact=True)
            with Horizontal(id="export-audio-row"):
                yield TextCheckbox("Also read it aloud (MP3)", False, id="export-audio", compact=True)
                yield Button("Names read aloud…", id="export-names", compact=True)
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
        self.query_one(CheckSummary).check(copy.deepcopy(self.letter), self.app.config.checks)
        self._checked()

    # -- the pre-send check -----------------------------------------------------------------------

    def _checked(self, then: Callable[[Letter, PreSendCheck], object] | None = None) -> None:
        """Check the stored letter (in the database worker), show what the gate adds, then `then`."""
        letter_id = self.letter.id
        if letter_id is None:
            return
        config = self.app.config.checks

        def job(store: Store) -> tuple[Letter, PreSendCheck]:
            from letters.store.gate import check_before_sending

            return check_before_sending(store, letter_id, config=config)

        def done(found: tuple[Letter, PreSendCheck]) -> None:
            letter, check = found
            self.check = check
            shown = self.query_one("#export-check", Static)
            lines = gate_lines(check)
            shown.update("\n".join(lines))
            shown.display = bool(lines)
            shown.set_class(check.blocks, "-error")
            if then is not None:
                then(letter, check)

        self.app.db(job, done, failed="Could not check the letter")

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
        audio = self.query_one("#export-audio", TextCheckbox).value
        names = copy.deepcopy(self.letter.pronunciations)  # as on screen: they change no words

        def export(letter: Letter, _check: PreSendCheck) -> None:
            letter.pronunciations = names
            self._export(letter, folder, audio)  # the text that was checked

        self._checked(export)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, letter: Letter, folder: Path | None, audio: bool = False) -> None:
        from letters.export import export_letter

        try:
            photo = self._photo(letter)
            if folder is None:  # served: written to a private temporary folder, handed to the browser
                self._deliver(letter, audio, photo)
                return
            result = export_letter(letter, folder, self.app.config, audio=audio, photo=photo)
        except UserError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # never a traceback: the letter is untouched either way
            self.app.call_from_thread(self._failed, f"unexpected error ({type(exc).__name__}).")
            return
        self.app.call_from_thread(self._written, result, folder)

    def _photo(self, letter: Letter) -> tuple[str, bytes] | None:
        """In the worker: the IRO's photo the letter names, read under the app's database lock
        (one database call at a time, as the app's own worker makes them)."""
        store = self.app.store
        if not letter.iro_photo or store is None:
            return None
        with self.app.db_lock:
            return store.photo(letter.iro_photo)

    def _deliver(self, letter: Letter, audio: bool, photo: tuple[str, bytes] | None) -> None:
        """In the worker: write the files, read them back, remove them, and let the browser
        download them (Textual's file delivery); nothing stays on the server's disk."""
        import io
        import shutil
        import tempfile

        from letters.export import export_letter

        folder = Path(tempfile.mkdtemp(prefix="letters-export-"))
        try:
            result = export_letter(letter, folder, self.app.config, audio=audio, photo=photo)
            paths = [
                result.child_path,
                result.adult_path,
                *([result.audio_path] if result.audio_path else []),
            ]
            files = [(p.name, p.read_bytes()) for p in paths]
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        for name, data in files:
            kind = "audio/mpeg" if name.endswith(".mp3") else word
            self.app.call_from_thread(
                self.app.deliver_binary, io.BytesIO(data), save_filename=name, mime_type=kind
            )
        self.app.call_from_thread(self._delivered, result, [name for name, _ in files])

    def _delivered(self, result: ExportResult, names: list[str]) -> None:
        self.result = result
        lines = ["✓ Sent the files to your browser's downloads:", *[f"  {n}" for n in names]]
        lines += [f"! {w}" for w in result.warnings]
        if result.audio_problem:
            lines.append(f"✗ The letter read aloud was not written: {result.audio_problem}")
            self.app.notify(result.audio_problem, title="No read-aloud file", severity="error", markup=False)
        lines.append("Mark the letter ready or sent when it is.")
        shown = self.query_one("#export-result", Static)
        shown.update("\n".join(lines))
        self._log_export(bool(result.audio_path))
        self.query_one("#mark-ready", Button).focus()
        self.call_after_refresh(shown.scroll_visible, animate=False)

    def _log_export(self, audio: bool = False) -> None:
        letter_id = self.letter.id
        if letter_id is None:
            return

        def job(store: Store) -> None:
            from letters.store.team import export_detail, note_export

            note_export(store, letter_id, export_detail(audio))

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
        if result.audio_path:
            lines.append(f"  Read aloud: {result.audio_path}")
        lines += [f"! {w}" for w in result.warnings]
        if result.audio_problem:
            lines.append(f"✗ The letter read aloud was not written: {result.audio_problem}")
            self.app.notify(result.audio_problem, title="No read-aloud file", severity="error", markup=False)
        lines.append("Mark the letter ready or sent when it is.")
        shown = self.query_one("#export-result", Static)
        shown.update("\n".join(lines))
        self._log_export(bool(result.audio_path))
        self.query_one("#mark-ready", Button).focus()
        # On a small terminal the result is below the fold: bring it (and the marks) into view.
        self.call_after_refresh(shown.scroll_visible, animate=False)

    @on(Button.Pressed, "#export-names")
    def _edit_names(self) -> None:
        from letters.tui.screens.names_aloud import NamesScreen

        def done(names: list[Pronunciation] | None) -> None:
            if names is None or names == self.letter.pronunciations:
                return
            self.letter.pronunciations = names
            if self.on_change is not None:
                self.on_change()
            self.notify("Kept the names for the letter read aloud.", timeout=3, markup=False)

        self.app.push_screen(NamesScreen(self.letter), done)

    # -- status -----------------------------------------------------------------------------------

    @on(Button.Pressed, "#mark-ready")
    def _ready_pressed(self) -> None:
        self.action_mark("ready")

    @on(Button.Pressed, "#mark-sent")
    def _sent_pressed(self) -> None:
        self.action_mark("sent")

    def action_mark(self, status: str) -> None:
        if self.letter.id is None:
            return
        self._checked(lambda _letter, check: self._ask_then_mark(Status(status), check))

    def _ask_then_mark(self, status: Status, check: PreSendCheck) -> None:
        """Open errors: ask why they may stay (escape goes back to fix them)."""
        from letters.tui.screens.reason import ReasonScreen

        if not check.blocks:
            self._mark(status, check, "")
            return
        errors = check.errors
        count = f"{len(errors)} error{'s are' if len(errors) != 1 else ' is'} open"

        def chosen(reason: str | None) -> None:
            if reason:
                self._mark(status, check, reason)

        self.app.push_screen(
            ReasonScreen(
                f"Mark {status} with {count}?",
                f"Fix them first (escape, then back to the letter), or say why the letter may be "
                f"marked {status} with them. The reason is kept with the letter and shown in the audit.",
                go=f"Mark {status}",
                detail="\n".join(f.describe() for f in errors),
            ),
            chosen,
        )

    def _mark(self, status: Status, check: PreSendCheck, reason: str) -> None:
        letter_id = self.letter.id
        assert letter_id is not None
        sent_on = self.app.today() if status is Status.SENT else None

        def job(store: Store) -> Letter:
            store.set_status(letter_id, status, sent_on, check=check, reason=reason)
            return store.get(letter_id)

        def done(stored: Letter) -> None:
            self.letter.status, self.letter.sent_on = stored.status, stored.sent_on
            self._show_status()
            kept = " Your reason is kept with it for the audit." if reason else ""
            self.notify(f"Marked the letter {status}.{kept}", timeout=5, markup=False)

        def failed(_: UserError) -> None:
            self._checked()  # changed since it was checked, say: show it as it is now

        self.app.db(job, done, failed="Could not change the letter's status", on_error=failed)

    def action_back(self) -> None:
        self.dismiss()
