"""Names read aloud: how the letter read aloud says each name and set of initials.

The list starts from the letter's names (the child's, the people's, the child's own words) with the
defaults the speech uses: a name as it is written, initials as the person's first name ("BW" said
"Bethany") or, when the letter cannot tell whose they are, letter by letter. The IRO can give a
sound-alike spelling ("Shiv-awn"), ask for initials letter by letter, or add a word the list lacks.
Only rows that differ from the default are kept in the letter, so a name added to the letter later
gets its default.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from letters.export.speech import pronunciation_list
from letters.model import Letter, Pronunciation
from letters.tui import bindings
from letters.tui.widgets.rows import EditableRow, RowsEditor
from letters.tui.widgets.text_checkbox import TextCheckbox


@dataclass(slots=True)
class NameRow:
    written: str = ""
    say: str = ""
    letters: bool = False

    def entry(self) -> Pronunciation:
        return Pronunciation(self.written.strip(), self.say.strip(), self.letters)


class NameEditorRow(EditableRow[NameRow]):
    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Input(self.value.written, placeholder="Name or initials", compact=True, classes="written")
            yield Input(self.value.say, placeholder="Say it as (Shiv-awn)", compact=True, classes="say")
            yield TextCheckbox("As letters", self.value.letters, compact=True, classes="letters")
            yield Button("Remove", compact=True, classes="remove")
        yield self.problem_line()

    def read(self) -> NameRow:
        return NameRow(
            self.query_one(".written", Input).value,
            self.query_one(".say", Input).value,
            self.query_one(".letters", TextCheckbox).value,
        )

    def problem(self) -> str | None:
        row = self.read()
        if not row.written.strip() and (row.say.strip() or row.letters):
            return "Write the name or initials as the letter writes them."
        if row.letters and row.say.strip():
            return "Either say it as letters or give a way to say it, not both."
        return None

    def is_blank(self) -> bool:
        return not self.read().written.strip()


class NamesEditor(RowsEditor[NameRow]):
    ADD_LABEL = "Add a name"
    NOUN = "name"
    PLURAL = "names"
    ROW = NameEditorRow
    NEW = NameRow


def kept(rows: list[NameRow], letter: Letter) -> list[Pronunciation]:
    """The rows worth keeping in the letter: those that differ from what the speech would do."""
    plain = Letter(child=letter.child, meeting=letter.meeting, people=letter.people)
    defaults = {p.written: p for p in pronunciation_list(plain)}
    out: list[Pronunciation] = []
    for row in rows:
        entry = row.entry()
        default = defaults.get(entry.written, Pronunciation(entry.written))
        if entry.written and entry != default and entry not in out:
            out.append(entry)
    return out


class NamesScreen(ModalScreen[list[Pronunciation] | None]):
    """Edit the letter's names list; dismisses with the entries to keep, or None on escape."""

    DEFAULT_CSS = """
    NamesScreen #names-dialog { width: 90%; max-width: 100; height: 90%; }
    NamesScreen NamesEditor { height: 1fr; }
    NamesScreen .written { width: 2fr; }
    NamesScreen .say { width: 2fr; }
    """
    BINDINGS = bindings.NAMES_ALOUD

    def __init__(self, letter: Letter) -> None:
        super().__init__(classes="dialog-screen")
        self.letter = letter

    def compose(self) -> ComposeResult:
        rows = [NameRow(p.written, p.say, p.letters) for p in pronunciation_list(self.letter)]
        with Vertical(classes="dialog", id="names-dialog"):
            yield Static("How the letter read aloud says names", classes="dialog-title")
            yield Static(
                "Give a sound-alike spelling where the voice gets a name wrong. Initials are said as "
                "the person's first name unless you tick “As letters”.",
                classes="dialog-text",
            )
            yield NamesEditor(rows, id="names")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep (ctrl+s)", id="keep", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        editor = self.query_one(NamesEditor)
        if editor.problems:
            self.notify("Fix the rows marked ✗ first.", severity="warning", timeout=4)
            return
        self.dismiss(kept(editor.values, self.letter))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
