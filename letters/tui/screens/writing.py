"""The writing screen: sections on the left, the editor with its prompt, the live checks on the right.

Typing never waits: each edit updates the letter in memory and tells the two controllers, which do
their work in workers and post back to the UI thread: `writing_checks.LiveChecks` checks the letter
and shows marks, flagged words, gauges and findings; `writing_save.Saver` stores revisions.
`writing_findings.FindingActions` acts on a finding (f2–f5); `writing_conflict.Guard` keeps a sent
letter read-only until it is amended, and handles a letter changed elsewhere. This module lays the
screen out, moves between sections (a revision is saved on each move) and routes edits and keys; it
holds no checking or saving logic of its own. It opens where the last edit was (`place`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea
from textual.worker import Worker

from letters.model import SECTION_TITLES, Letter, PictureSettings
from letters.tui import bindings
from letters.tui.screens.writing_checks import CHECK_DELAY as CHECK_DELAY
from letters.tui.screens.writing_checks import LiveChecks
from letters.tui.screens.writing_conflict import Guard
from letters.tui.screens.writing_findings import FindingActions
from letters.tui.screens.writing_next import FollowUpParts
from letters.tui.screens.writing_save import AUTOSAVE_DELAY as AUTOSAVE_DELAY
from letters.tui.screens.writing_save import Saver, snapshot
from letters.tui.widgets.decisions_editor import DecisionsEditor
from letters.tui.widgets.findings_list import FindingsList
from letters.tui.widgets.flagged_text_area import FlaggedTextArea
from letters.tui.widgets.followups_editor import FollowUpsEditor
from letters.tui.widgets.reading_gauge import ReadingGauge
from letters.tui.widgets.rows import RowsEditor
from letters.tui.widgets.section_list import LEGEND, SectionList

if TYPE_CHECKING:
    from letters.checks import LetterReport
    from letters.store import Place
    from letters.tui.app import LettersApp


class WritingScreen(Screen[None]):
    """Write one letter, a section at a time, with the checks beside it."""

    HELP_TITLE = "Writing"
    AUTO_FOCUS = "#editor"
    BINDINGS = bindings.WRITING

    app: LettersApp

    def __init__(self, letter: Letter, *, section: str | None = None, place: Place | None = None) -> None:
        super().__init__(id="writing")
        self.letter = letter
        keys = [s.key for s in letter.sections]
        if place is not None and place.part in keys:
            section = place.part
        self.current = section if section in keys else (keys[0] if keys else "hello")
        self.place = place if place is not None and place.part == self.current else None
        self.checks = LiveChecks(self)
        self.saver = Saver(self)
        self.findings = FindingActions(self)
        self.guard = Guard(self)
        self.next_parts = FollowUpParts(self)

    # What tests and the benchmark read.
    @property
    def report(self) -> LetterReport | None:
        return self.checks.report

    @property
    def save_state(self) -> str:
        return self.saver.state

    @property
    def edits(self) -> int:
        return self.saver.edits

    # -- layout -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._fit(*self.app.size, update=False)  # styled once at mount, at the right size
        self.title = f"Letter to {self.letter.child.name}"
        self.sub_title = f"{self.letter.meeting.called}, {self.letter.meeting.date:%-d %B %Y}"
        yield Header()
        with Horizontal(id="writing-body"):
            with Vertical(id="side"):
                yield SectionList(id="sections")
                yield Static(LEGEND, id="legend")
            with Vertical(id="main"):
                yield Static("", id="section-title")
                yield Static("", id="prompt", markup=False)
                yield FlaggedTextArea("", id="editor")
                # The decisions editor (rows of inputs, costly to build) is added when first shown.
            with Vertical(id="panel"):
                yield ReadingGauge("Section", id="gauge-section")
                yield ReadingGauge("Letter", id="gauge-letter")
                yield Static("", id="target")
                yield FindingsList(id="findings")
        yield Static("", id="status-line")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.open_section(self.current)
        if self.place is not None:  # where the last edit was
            editor = self.query_one(FlaggedTextArea)
            editor.move_cursor(editor.location_of(min(self.place.offset, len(editor.text))))
            editor.scroll_cursor_visible()
        self.guard.apply()
        self.show_status()
        self.checks.run()
        self.next_parts.load()

    def on_unmount(self) -> None:
        self.saver.close()

    def on_screen_resume(self) -> None:
        self.guard.apply()  # marked sent on the export screen: read-only from now on
        self.show_status()

    def edit_place(self) -> Place:
        """Where the cursor is: saved with each revision, to reopen there."""
        from letters.store import Place

        editor = self.query_one(FlaggedTextArea)
        return Place(self.current, editor.index_of(editor.cursor_location))

    async def replace_letter(self, letter: Letter) -> None:
        """Show `letter` instead (reloaded after it changed elsewhere)."""
        self.letter = letter
        decisions = self.decisions_editor()
        if decisions is not None:
            await decisions.remove()  # built again from the reloaded decisions when shown
        followups = self.next_parts.followups_editor()
        if followups is not None:
            await followups.remove()  # so are last time's decisions
        editor = self.query_one(FlaggedTextArea)
        offset = editor.index_of(editor.cursor_location)
        keys = [s.key for s in letter.sections]
        self.open_section(self.current if self.current in keys else (keys[0] if keys else "hello"))
        editor.move_cursor(editor.location_of(min(offset, len(editor.text))))  # about where it was
        self.guard.apply()
        self.checks.run()
        self.next_parts.load()

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int, *, update: bool = True) -> None:
        """Narrower side panels below 100 columns, less chrome below 30 rows. Styling a screen
        again is costly, so it happens once, and only when a class actually changes."""
        before = set(self.classes)
        self.set_class(width < 100, "-narrow", update=False)
        self.set_class(height < 30, "-short", update=False)
        if update and set(self.classes) != before:
            self.update_node_styles()

    # -- sections ---------------------------------------------------------------------------------

    @property
    def section(self) -> Any:
        return self.letter.section(self.current)

    def open_section(self, key: str) -> None:
        if key != self.current:
            self.saver.save_now()  # a revision on each section change
        self.current = key
        section = self.letter.section(key)
        text = section.text if section is not None else ""
        editor = self.query_one(FlaggedTextArea)
        if editor.text != text:
            editor.load_text(text)
        heading = section.heading if section is not None else SECTION_TITLES.get(key, key)
        left_out = section is not None and not section.included
        self.query_one("#section-title", Static).update(
            f"{heading}" + ("  (left out of the letter: ctrl+l puts it back)" if left_out else "")
        )
        self.query_one("#prompt", Static).update(self._prompt_text(key))
        decisions = self.decisions_editor()
        if decisions is not None:
            decisions.display = key == "decisions"
        elif key == "decisions":
            self.query_one("#main").mount(self.next_parts.decisions_editor())
        self.next_parts.show_section(key)
        editor.border_title = heading
        self.checks.show()
        self.app.remember(letter_id=self.letter.id, section=key)

    def decisions_editor(self) -> DecisionsEditor | None:
        found = self.query(DecisionsEditor)
        return found.first() if found else None

    def _prompt_text(self, key: str) -> str:
        from letters.errors import UserError

        try:
            from letters.prompts import prompt_for

            prompt = prompt_for(key, self.letter.child_age, self.app.config)
        except UserError as exc:
            return f"(No prompt: {exc})"
        return f"{prompt.prompt}\nFor example: {prompt.example}"

    def _move_section(self, step: int) -> None:
        keys = [s.key for s in self.letter.sections]
        if self.current in keys:
            index = (keys.index(self.current) + step) % len(keys)
            self.open_section(keys[index])
            self.query_one(FlaggedTextArea).focus()

    def action_next_section(self) -> None:
        self._move_section(1)

    def action_previous_section(self) -> None:
        self._move_section(-1)

    @on(SectionList.OptionSelected, "#sections")
    def _section_chosen(self, event: SectionList.OptionSelected) -> None:
        if event.option.id and event.option.id != self.current:
            self.open_section(event.option.id)
        self.query_one(FlaggedTextArea).focus()

    def action_toggle_section(self) -> None:
        section = self.section
        if section is None:
            return
        section.included = not section.included
        self.notify(
            f"{section.heading}: {'put back in' if section.included else 'left out of'} the letter.",
            markup=False,
        )
        self.open_section(self.current)
        self.letter_changed()

    # -- edits ------------------------------------------------------------------------------------

    @on(TextArea.Changed, "#editor")
    def _text_changed(self, event: TextArea.Changed) -> None:
        section = self.section
        if section is None or section.text == event.text_area.text:
            return
        section.text = event.text_area.text
        self.letter_changed()

    @on(RowsEditor.Changed, "#decisions")
    def _decisions_changed(self, event: RowsEditor.Changed) -> None:
        if event.values == self.letter.decisions:
            return
        self.letter.decisions = list(event.values)
        self.letter_changed()

    @on(FollowUpsEditor.Changed, "#followups")
    def _followups_changed(self, event: FollowUpsEditor.Changed) -> None:
        if event.values == self.letter.followups:
            return
        self.letter.followups = list(event.values)
        self.letter_changed()

    def letter_changed(self) -> None:
        """Anything in the letter changed: check it again and save it, each in its own time."""
        self.saver.changed()
        self.checks.changed()
        self.show_status()

    def show_status(self) -> None:
        saving, problem = self.saver.status()
        checks = self.checks.status()
        line = self.query_one("#status-line", Static)
        overdue = self.next_parts.overdue_text()
        line.update(" · ".join(p for p in (saving, self.guard.status(), checks, overdue) if p))
        line.set_class(problem, "-error")

    # -- saving -----------------------------------------------------------------------------------

    def save_now(self) -> Worker[None] | None:
        return self.saver.save_now()

    def action_save(self) -> None:
        if self.saver.save_now() is None:
            self.notify("Already saved.", timeout=2)

    async def flush(self) -> bool:
        """Save now and wait for it (the app calls this before quitting). False when some text on
        screen could not be saved."""
        return await self.saver.flush()

    def unsaved_what(self) -> str:
        return f"the letter to {self.letter.child.name}"

    async def action_back(self) -> None:
        if not await self.flush():
            self.notify(
                f"Not saved: {self.saver.problem} Your text stays here; the list opens once it is saved.",
                title="Still here",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.app.remember(letter_id=None, section=None)
        self.dismiss()

    def action_amend(self) -> None:
        self.guard.amend()

    # -- findings ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "amend":
            return self.guard.read_only  # only a sent letter has it: hidden otherwise
        if (
            action in ("apply_suggestion", "ignore", "toggle_section", "glossary", "child_words")
            and self.guard.read_only
        ):
            return None  # a sent letter changes only once amended
        if action in ("apply_suggestion", "ignore", "why"):
            return self.findings.any() or None
        return True

    def action_next_finding(self) -> None:
        self.findings.next_finding()

    def action_apply_suggestion(self) -> None:
        self.findings.apply()

    def action_ignore(self) -> None:
        self.findings.ignore()

    def action_why(self) -> None:
        self.findings.why()

    @on(FindingsList.OptionSelected, "#findings")
    def _finding_chosen(self, event: FindingsList.OptionSelected) -> None:
        entries = self.query_one(FindingsList).entries
        if 0 <= event.option_index < len(entries):
            self.findings.select(entries[event.option_index])

    # -- other screens ----------------------------------------------------------------------------

    def action_preview(self) -> None:
        from letters.tui.screens.preview import PreviewScreen

        self.app.push_screen(PreviewScreen(snapshot(self.letter), on_change=self._pictures_changed))

    def _pictures_changed(self, edited: Letter) -> None:
        """The preview changed which pictures the child's letter shows: keep that and save."""
        self.letter.pictures = PictureSettings(edited.pictures.show, dict(edited.pictures.choices))
        self.letter_changed()

    def action_glossary(self) -> None:
        self.next_parts.edit_glossary()

    def action_child_words(self) -> None:
        self.next_parts.edit_child_words()

    async def action_export(self) -> None:
        from letters.tui.screens.export import ExportScreen

        if not await self.flush() or self.saver.state == "conflict":
            # The export writes the stored text: never an older one than what is on screen.
            self.notify(
                "Not exported: what is on screen is not saved yet"
                + (f" ({self.saver.problem})" if self.saver.problem else "")
                + ". Your text stays here; try again once it is saved.",
                title="Save first",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.app.push_screen(ExportScreen(self.letter, on_change=self.letter_changed))
