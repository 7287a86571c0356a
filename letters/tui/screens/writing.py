"""The writing screen: sections on the left, the editor with its prompt, the live checks on the right.

Typing never waits: each edit updates the letter in memory, then a timer starts the checks in a
worker (`group="checks"`, exclusive, incremental) and another saves a revision in a worker about
0.7 s after typing stops. Reports come back as messages and refresh the marks, the flagged words in
the editor, the reading-age gauges and the findings list. Saving and checking work on copies of the
letter, so the letter on screen is never touched by another thread.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static, TextArea
from textual.widgets.text_area import Selection
from textual.worker import Worker, get_current_worker

from letters.model import SECTION_TITLES, Letter
from letters.tui.screens.confirm import ChoiceScreen, ConfirmScreen, MessageScreen
from letters.tui.widgets.decisions_editor import DecisionsEditor
from letters.tui.widgets.findings_list import FindingEntry, FindingsList
from letters.tui.widgets.flagged_text_area import Flag, FlaggedTextArea
from letters.tui.widgets.reading_gauge import ReadingGauge
from letters.tui.widgets.rows import RowsEditor
from letters.tui.widgets.section_list import LEGEND, SectionList

if TYPE_CHECKING:
    from letters.checks import LetterChecker, LetterReport, ReadingAge
    from letters.store import Store
    from letters.tui.app import LettersApp

CHECK_DELAY = 0.15  # seconds after a keystroke before the checks start
AUTOSAVE_DELAY = 0.7  # seconds after typing stops before a revision is saved
RETRY_DELAY = 3.0  # seconds before trying again after a failed save
NAME_PLACEHOLDER = "[name]"  # in the lexicon's alternatives: "use the person's name"
LONG_SPAN = 60  # a flagged span longer than this is a sentence: ignoring it turns the rule off


def snapshot(letter: Letter) -> Letter:
    """A copy to hand to a worker: the parts the screen edits are copied, text is shared.

    Much cheaper than a deep copy of a long letter (strings are immutable), so taking one on every
    pause in typing costs the UI thread next to nothing.
    """
    return dataclasses.replace(
        letter,
        sections=[dataclasses.replace(s) for s in letter.sections],
        decisions=[dataclasses.replace(d) for d in letter.decisions],
        allow=list(letter.allow),
        disabled_rules=list(letter.disabled_rules),
    )


def _band(age: ReadingAge | None) -> tuple[float, float, bool] | None:
    return None if age is None else (age.low, age.high, age.reliable)


def _match_case(replacement: str, original: str) -> str:
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class WritingScreen(Screen[None]):
    """Write one letter, a section at a time, with the checks beside it."""

    HELP_TITLE = "Writing"
    AUTO_FOCUS = "#editor"
    BINDINGS = [
        Binding(
            "f2",
            "next_finding",
            "Next finding",
            id="writing.next_finding",
            tooltip="Select the next flagged words (in this section, then the next)",
        ),
        Binding(
            "f3",
            "apply_suggestion",
            "Apply fix",
            id="writing.apply",
            tooltip="Replace the flagged words with the suggestion",
        ),
        Binding(
            "f4",
            "ignore",
            "Ignore",
            id="writing.ignore",
            tooltip="Accept the flagged words in this letter from now on",
        ),
        Binding("f5", "why", "Why?", id="writing.why", tooltip="Why these words were flagged"),
        Binding(
            "f6",
            "preview",
            "Preview",
            id="writing.preview",
            priority=True,
            tooltip="See the letter as the child and the adults will read it",
        ),
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="writing.save",
            priority=True,
            tooltip="Save now (the app also saves a moment after you stop typing)",
        ),
        Binding(
            "ctrl+e",
            "export",
            "Export",
            id="writing.export",
            priority=True,
            tooltip="Write the Word files and mark the letter ready or sent",
        ),
        Binding(
            "ctrl+down",
            "next_section",
            "Next section",
            id="writing.next_section",
            priority=True,
            show=False,
            tooltip="Write the next section",
        ),
        Binding(
            "ctrl+up",
            "previous_section",
            "Previous section",
            id="writing.previous_section",
            priority=True,
            show=False,
            tooltip="Write the previous section",
        ),
        Binding(
            "ctrl+l",
            "toggle_section",
            "Leave out / put back",
            id="writing.toggle_section",
            show=False,
            tooltip="Leave this section out of the letter, or put it back",
        ),
        Binding(
            "escape", "back", "Letters", id="writing.back", tooltip="Save and go back to the list of letters"
        ),
    ]

    app: LettersApp

    def __init__(self, letter: Letter, *, section: str | None = None) -> None:
        super().__init__(id="writing")
        self.letter = letter
        keys = [s.key for s in letter.sections]
        self.current = section if section in keys else (keys[0] if keys else "hello")
        self.report: LetterReport | None = None
        self.checks_problem: str | None = None
        self._checker: LetterChecker | None = None
        self._check_lock = threading.Lock()
        self._check_timer: Timer | None = None
        self._save_timer: Timer | None = None
        self.edits = 0  # counts every change to the letter on screen
        self.saved_edits = 0  # the edit count of the last revision stored
        self._stored_edits = 0  # the same, as seen by the save worker (under the database lock)
        self.revision: int | None = None
        self.save_state = "saved"

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
        self._open_section(self.current)
        self._set_status()
        self.run_checks()

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

    def _open_section(self, key: str) -> None:
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
        decisions = self._decisions_editor()
        if decisions is not None:
            decisions.display = key == "decisions"
        elif key == "decisions":
            self.query_one("#main").mount(DecisionsEditor(self.letter.decisions, id="decisions"))
        editor.border_title = heading
        self._show_marks()
        self._show_current_findings()
        self.app.remember(letter_id=self.letter.id, section=key)

    def _decisions_editor(self) -> DecisionsEditor | None:
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
            self._open_section(keys[index])
            self.query_one(FlaggedTextArea).focus()

    def action_next_section(self) -> None:
        self._move_section(1)

    def action_previous_section(self) -> None:
        self._move_section(-1)

    @on(SectionList.OptionSelected, "#sections")
    def _section_chosen(self, event: SectionList.OptionSelected) -> None:
        if event.option.id and event.option.id != self.current:
            self._open_section(event.option.id)
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
        self._open_section(self.current)
        self._letter_changed()

    # -- edits ------------------------------------------------------------------------------------

    @on(TextArea.Changed, "#editor")
    def _text_changed(self, event: TextArea.Changed) -> None:
        section = self.section
        if section is None or section.text == event.text_area.text:
            return
        section.text = event.text_area.text
        self._letter_changed()

    @on(RowsEditor.Changed, "#decisions")
    def _decisions_changed(self, event: RowsEditor.Changed) -> None:
        if event.values == self.letter.decisions:
            return
        self.letter.decisions = list(event.values)
        self._letter_changed()

    def _letter_changed(self) -> None:
        self.edits += 1
        self._set_status()
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.run_checks)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(AUTOSAVE_DELAY, self.save_now)

    # -- saving -----------------------------------------------------------------------------------

    def _set_status(self, problem: str | None = None) -> None:
        if problem is not None:
            self.save_state = "failed"
            text = f"✗ Not saved: {problem} Your text is kept here; trying again in {RETRY_DELAY:.0f} s."
        elif self.edits != self.saved_edits:
            self.save_state = "saving" if self.save_state == "saving" else "unsaved"
            text = "Saving…" if self.save_state == "saving" else "● Unsaved changes (saves as you pause)"
        else:
            self.save_state = "saved"
            if self.revision is None:
                text = "✓ All changes saved"
            else:
                text = f"✓ Saved {self.app.now():%H:%M:%S} (revision {self.revision})"
        checks = self.checks_problem or ("Checking…" if self.report is None else "")
        self.query_one("#status-line", Static).update(" · ".join(p for p in (text, checks) if p))
        self.query_one("#status-line").set_class(problem is not None, "-error")

    def save_now(self) -> Worker[None] | None:
        """Store a revision of the letter as it is now, in a worker; None when nothing changed."""
        if self.edits == self.saved_edits or self.letter.id is None:
            return None
        edits = self.edits
        copy = snapshot(self.letter)
        retrying = self.save_state == "failed"
        self.save_state = "saving"
        self._set_status()

        def job(store: Store) -> int | None:
            if edits <= self._stored_edits:  # a newer copy is already stored
                return None
            revision = store.save(copy)
            self._stored_edits = edits
            return revision

        def done(revision: int | None) -> None:
            if revision is not None:
                self.revision = revision
            self.saved_edits = max(self.saved_edits, edits)
            self.save_state = "saved"
            self._set_status()

        def failed(problem: Exception) -> None:
            self._set_status(str(problem))
            if self._save_timer is not None:
                self._save_timer.stop()
            self._save_timer = self.set_timer(RETRY_DELAY, self.save_now)

        return self.app.db(
            job, done, failed="Could not save the letter", on_error=failed, notify=not retrying
        )  # while retrying, the status line says it

    def action_save(self) -> None:
        if self.save_now() is None:
            self.notify("Already saved.", timeout=2)

    async def flush(self) -> None:
        """Save now and wait for it (before leaving the screen or quitting)."""
        worker = self.save_now()
        if worker is not None:
            await worker.wait()

    async def action_back(self) -> None:
        await self.flush()
        self.app.remember(letter_id=None, section=None)
        self.dismiss()

    # -- checks -----------------------------------------------------------------------------------

    def run_checks(self) -> None:
        self._check(snapshot(self.letter))

    @work(thread=True, exclusive=True, group="checks", exit_on_error=False)
    def _check(self, letter: Letter) -> None:
        worker = get_current_worker()
        from letters.errors import UserError

        with self._check_lock:
            if worker.is_cancelled:
                return
            try:
                from letters.checks import LetterChecker

                if self._checker is None:
                    self._checker = LetterChecker(letter, config=self.app.config.checks)
                report = self._checker.check(letter)
            except UserError as exc:
                self.app.call_from_thread(self._checks_failed, str(exc))
                return
            except Exception as exc:  # the letter is still written and saved without checks
                self.app.call_from_thread(self._checks_failed, f"the checks stopped ({type(exc).__name__}).")
                return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_report, report, letter)

    def _checks_failed(self, problem: str) -> None:
        self.checks_problem = f"✗ Checks off: {problem}"
        self._set_status()

    def _show_report(self, report: LetterReport, checked: Letter) -> None:
        self.report = report
        self._checked = checked
        self.checks_problem = None
        self._show_marks()
        self._show_current_findings()
        self._set_status()

    def _show_gauges(self) -> None:
        """Reading age of the open section and of the letter, against the target, in words too."""
        if self.report is None:
            return
        whole = self.report.report
        section_age = self.report.section_reading_age.get(self.current)
        self.query_one("#gauge-letter", ReadingGauge).show(_band(whole.reading_age), whole.target)
        self.query_one("#gauge-section", ReadingGauge).show(_band(section_age), whole.target)
        target = f"Target reading age: {whole.target:.0f} or under"
        if any(a is not None and not a.reliable for a in (whole.reading_age, section_age)):
            target += "\n≈ short text: a rough guide"
        end = len(self.report.joined_text)
        target += "".join(
            f"\n! {f.message}"
            for f in whole.findings
            if f.start == 0 and f.end == end and f.rule in ("readability", "addressed-to-child")
        )
        self.query_one("#target", Static).update(target)

    def entries_for(self, key: str) -> list[FindingEntry]:
        """Findings in a section (and, for "what we decided", in each decision)."""
        if self.report is None:
            return []
        checked = getattr(self, "_checked", self.letter)
        parts: list[tuple[str, str]] = []
        section = checked.section(key)
        parts.append((key, section.text if section is not None else ""))
        if key == "decisions":
            parts.extend((f"decision-{i}", d.what) for i, d in enumerate(checked.decisions))
        return [
            FindingEntry(part, finding, text)
            for part, text in parts
            for finding in self.report.by_section.get(part, ())
        ]

    def _show_marks(self) -> None:
        counts = {s.key: len(self.entries_for(s.key)) for s in self.letter.sections}
        filled = {"decisions"} if self.letter.decisions else set()
        self.query_one(SectionList).show_sections(self.letter.sections, counts, self.current, filled)

    def _show_current_findings(self) -> None:
        entries = self.entries_for(self.current)
        self.query_one(FindingsList).show_entries(entries)
        self.refresh_bindings()  # apply / ignore / why depend on there being findings
        flags = [
            Flag(e.finding.start, e.finding.end, e.flagged, str(e.finding.severity))
            for e in entries
            if e.part == self.current
        ]
        self.query_one(FlaggedTextArea).set_flags(flags)
        self._show_gauges()

    # -- acting on findings -----------------------------------------------------------------------

    def _cursor_offset(self) -> int:
        editor = self.query_one(FlaggedTextArea)
        return editor.index_of(editor.selection.end)

    def current_entry(self) -> FindingEntry | None:
        """The finding under the editor's cursor, else the one highlighted in the list."""
        findings = self.query_one(FindingsList)
        if self.focused is not findings:
            editor = self.query_one(FlaggedTextArea)
            first, last = sorted(editor.index_of(end) for end in editor.selection)
            for index, entry in enumerate(findings.entries):
                f = entry.finding
                if entry.part == self.current and f.start <= first and last <= f.end:
                    findings.highlighted = index
                    return entry
        return findings.current

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("apply_suggestion", "ignore", "why"):
            return bool(self.query_one(FindingsList).entries) or None
        return True

    def _select(self, entry: FindingEntry) -> None:
        findings = self.query_one(FindingsList)
        if entry in findings.entries:
            findings.highlighted = findings.entries.index(entry)
        if entry.part != self.current:
            return
        editor = self.query_one(FlaggedTextArea)
        editor.selection = Selection(
            editor.location_of(entry.finding.start), editor.location_of(entry.finding.end)
        )
        editor.scroll_cursor_visible()
        editor.focus()

    def action_next_finding(self) -> None:
        keys = [s.key for s in self.letter.sections]
        entries = self.entries_for(self.current)
        here = [e for e in entries if e.part == self.current]
        offset = self._cursor_offset()
        after = [e for e in here if e.finding.start >= offset and not self._is_selected(e)]
        if after:
            self._select(min(after, key=lambda e: e.finding.start))
            return
        others = [e for e in entries if e.part != self.current]
        if others:
            self._select(others[0])
            return
        start = keys.index(self.current) if self.current in keys else 0
        for step in range(1, len(keys) + 1):
            key = keys[(start + step) % len(keys)]
            if self.entries_for(key):
                if key != self.current:
                    self._open_section(key)
                first = self.entries_for(key)[0]
                self.query_one(FlaggedTextArea).move_cursor((0, 0))
                self._select(first)
                return
        self.notify("No findings: nothing to fix in this letter.", timeout=3)

    def _is_selected(self, entry: FindingEntry) -> bool:
        editor = self.query_one(FlaggedTextArea)
        start, end = sorted(editor.selection)
        return (editor.index_of(start), editor.index_of(end)) == (
            entry.finding.start,
            entry.finding.end,
        )

    def action_apply_suggestion(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        suggestions = list(entry.replacements)
        if not suggestions:
            tip = f" Tip: {entry.finding.suggestions[0]}" if entry.finding.suggestions else ""
            self.notify(
                "No ready-made fix for this one: rewrite it in your own words."
                + tip
                + " Press f5 to see why it was flagged.",
                markup=False,
            )
            return
        if len(suggestions) == 1:
            self._replace(entry, suggestions[0])
            return

        def chosen(choice: str | None) -> None:
            if choice:
                self._replace(entry, choice)

        self.app.push_screen(ChoiceScreen(f"Replace “{entry.flagged}” with:", suggestions), chosen)

    def _replace(self, entry: FindingEntry, suggestion: str) -> None:
        new = _match_case(suggestion, entry.flagged)
        start, end = entry.finding.start, entry.finding.end
        if entry.part == self.current:
            editor = self.query_one(FlaggedTextArea)
            if editor.text[start:end] != entry.flagged:
                self.notify("The text has changed since it was checked: try again in a moment.")
                return
            editor.replace(new, editor.location_of(start), editor.location_of(end))
            placeholder = new.find(NAME_PLACEHOLDER)
            if placeholder >= 0:  # select "[name]" so that typing the name replaces it
                first = start + placeholder
                editor.selection = Selection(
                    editor.location_of(first), editor.location_of(first + len(NAME_PLACEHOLDER))
                )
            editor.focus()
        elif entry.part.startswith("decision-"):
            index = int(entry.part.split("-")[1])
            decisions = self._decisions_editor()
            rows = decisions.rows if decisions is not None else []
            if index >= len(rows):
                return
            from textual.widgets import Input

            what = rows[index].query_one(".what", Input)
            if what.value[start:end] != entry.flagged:
                self.notify("The text has changed since it was checked: try again in a moment.")
                return
            what.value = what.value[:start] + new + what.value[end:]
        self.notify(f"Replaced “{entry.flagged}” with “{new}”.", timeout=3, markup=False)

    def action_ignore(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        words = entry.flagged.strip()
        rule = entry.finding.rule
        if len(words) > LONG_SPAN or not words:

            def turn_off(sure: bool | None) -> None:
                if sure and rule not in self.letter.disabled_rules:
                    self.letter.disabled_rules.append(rule)
                    self._checker_settings_changed(f"The {rule} check is off for this letter.")

            self.app.push_screen(
                ConfirmScreen(f"Turn the {rule} check off for this letter?", yes="Turn off"),
                turn_off,
            )
            return
        if words not in self.letter.allow:
            self.letter.allow.append(words)
        self._checker_settings_changed(f"“{words}” is accepted in this letter from now on.")

    def _checker_settings_changed(self, message: str) -> None:
        self.notify(message, timeout=4, markup=False)
        self._letter_changed()

    def action_why(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        f = entry.finding
        lines = [f.message]
        if f.reason:
            lines += ["", f.reason]
        if f.suggestions:
            lines += ["", "Try: " + " / ".join(f.suggestions)]
        lines += ["", f"Rule: {f.rule} ({f.severity}). f4 accepts these words in this letter."]
        title = f"Why “{entry.flagged}” was flagged" if len(entry.flagged) <= 40 else "Why this was flagged"
        self.app.push_screen(MessageScreen(title, "\n".join(lines)))

    @on(FindingsList.OptionSelected, "#findings")
    def _finding_chosen(self, event: FindingsList.OptionSelected) -> None:
        entries = self.query_one(FindingsList).entries
        if 0 <= event.option_index < len(entries):
            self._select(entries[event.option_index])

    # -- other screens ----------------------------------------------------------------------------

    def action_preview(self) -> None:
        from letters.tui.screens.preview import PreviewScreen

        self.app.push_screen(PreviewScreen(snapshot(self.letter), on_change=self._pictures_changed))

    def _pictures_changed(self, edited: Letter) -> None:
        """The preview changed which pictures the child's letter shows: keep that and save."""
        self.letter.pictures = dataclasses.replace(edited.pictures, choices=dict(edited.pictures.choices))
        self._letter_changed()

    async def action_export(self) -> None:
        from letters.tui.screens.export import ExportScreen

        await self.flush()
        self.app.push_screen(ExportScreen(self.letter, on_change=self._letter_changed))
