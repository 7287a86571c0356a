"""A new letter, guided: the child, the meeting, who was there; then straight into writing.

The three steps stay mounted (a ContentSwitcher), so going back shows exactly what was typed. Each
field says what is wrong as soon as it has been touched, and every field of a step when the IRO
tries to go on. The parsing and the messages live in `letters.tui.forms`, the fields themselves in
`new_letter_fields`; this screen only wires them together.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    ContentSwitcher,
    Footer,
    Header,
    Input,
    Select,
    Static,
)

from letters.model import ReviewKind
from letters.tui import bindings
from letters.tui.forms import UASC_UNKNOWN, NewLetterForm, participation_meaning
from letters.tui.screens.confirm import ConfirmScreen
from letters.tui.screens.new_letter_fields import PARTICIPATION_HINT, STEPS, step_widgets
from letters.tui.widgets.form_field import FormField
from letters.tui.widgets.people_editor import PeopleEditor
from letters.tui.widgets.rows import RowsEditor

if TYPE_CHECKING:
    from letters.model import Letter
    from letters.store import Store
    from letters.tui.app import LettersApp


class NewLetterScreen(Screen[None]):
    """Three short steps, then the writing screen."""

    HELP_TITLE = "New letter"
    BINDINGS = bindings.NEW_LETTER

    app: LettersApp

    def __init__(self, *, form: NewLetterForm | None = None, start: Letter | None = None) -> None:
        """`form` fills the steps in; `start` is the child's latest letter when the new one is
        started from a child's record (letters.tui.screens.child): the new letter joins it."""
        super().__init__(id="new-letter")
        self.form = form or NewLetterForm()
        self.start = start
        self.step = 0
        self.touched: set[str] = set()
        self.summary_shown = False

    # -- layout -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.start is None:
            self.form.called = self.app.config.authority.meeting_name
            self.form.iro = self.app.place.iro or ""
        yield Header()
        yield Static("", id="step-title")
        yield Static("", id="step-problems")
        with ContentSwitcher(initial="step-child", id="steps"):
            yield VerticalScroll(*step_widgets(self.form, "child"), id="step-child", classes="step")
            yield VerticalScroll(id="step-meeting", classes="step")
            yield VerticalScroll(id="step-people", classes="step")
        with Horizontal(id="step-buttons"):
            yield Button("Back (PgUp)", id="back")
            yield Button("Next (PgDn)", id="next", variant="primary")
        yield Footer()

    async def on_mount(self) -> None:
        await self._show_step()

    # -- reading the widgets into the form ---------------------------------------------------------

    @on(Input.Changed)
    def _text_changed(self, event: Input.Changed) -> None:
        attribute = (event.input.id or "").removeprefix("in-")
        if hasattr(self.form, attribute) and event.input.id and event.input.id.startswith("in-"):
            if getattr(self.form, attribute) != event.value:
                self.touched.add(attribute)
            setattr(self.form, attribute, event.value)
            self._validate()

    @on(Input.Blurred)
    def _text_left(self, event: Input.Blurred) -> None:
        attribute = (event.input.id or "").removeprefix("in-")
        if attribute and hasattr(self.form, attribute) and event.value:
            self.touched.add(attribute)
            self._validate()

    @on(Input.Submitted)
    def _text_submitted(self) -> None:
        # Enter moves on, as in a paper-like form.
        self.focus_next()

    @on(Checkbox.Changed)
    def _box_changed(self, event: Checkbox.Changed) -> None:
        attribute = (event.checkbox.id or "").removeprefix("in-")
        if hasattr(self.form, attribute):
            setattr(self.form, attribute, event.value)
            self._validate()

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        attribute = (event.select.id or "").removeprefix("in-")
        value = None if event.value is Select.NULL else str(event.value)
        if attribute == "review_kind":
            self.form.review_kind = value or ReviewKind.LATER.value
        elif attribute == "participation":
            self.form.participation = value
            self.touched.add("participation")
        elif attribute == "uasc":
            self.form.uasc = value or UASC_UNKNOWN
        self._validate()

    @on(RowsEditor.Changed)
    def _people_changed(self) -> None:
        self.touched.add("people")
        self.form.people = list(self.query_one(PeopleEditor).values)
        self._validate()

    # -- validation -------------------------------------------------------------------------------

    def step_problems(self, step: int) -> dict[str, str]:
        key = STEPS[step][0]
        today = self.app.today()
        if key == "child":
            return self.form.child_problems(today)
        if key == "meeting":
            return self.form.meeting_problems(today, self.app.config.limits)
        editor = self.query_one(PeopleEditor)
        return {f"person-{i}": msg for i, msg in editor.problems.items()}

    def _validate(self) -> None:
        meaning = participation_meaning(self.form.participation)
        for field in self.query("#f-participation").results(FormField):
            field.set_hint(f"{self.form.participation} means: {meaning}" if meaning else PARTICIPATION_HINT)
        self.query_one("#f-first_language", FormField).display = self.form.eal
        for step in range(2):
            problems = self.step_problems(step)
            for field in self.query_one(f"#step-{STEPS[step][0]}").query(FormField):
                attribute = (field.id or "").removeprefix("f-")
                shown = attribute in self.touched
                field.set_problem(problems.get(attribute) if shown else None)
        self._summarise()

    def _summarise(self) -> None:
        """Once going on has failed, keep the count of what is left to fix up to date."""
        summary = self.query_one("#step-problems", Static)
        count = len(self.step_problems(self.step)) if self.summary_shown else 0
        if not count:
            self.summary_shown = False
            summary.update("")
            return
        summary.update(f"✗ Fix the {count} thing{'s' if count != 1 else ''} marked ✗ before going on.")

    # -- moving between steps ---------------------------------------------------------------------

    async def _show_step(self) -> None:
        self.summary_shown = False
        key, title = STEPS[self.step]
        step = self.query_one(f"#step-{key}")
        if not step.children:
            await step.mount_all(step_widgets(self.form, key))
        self.query_one(ContentSwitcher).current = f"step-{key}"
        self.query_one("#step-title", Static).update(
            f"New letter · step {self.step + 1} of {len(STEPS)}: {title}"
        )
        self.query_one("#back", Button).disabled = self.step == 0
        last = self.step == len(STEPS) - 1
        self.query_one("#next", Button).label = "Start writing (PgDn)" if last else "Next (PgDn)"
        self._validate()
        # Focus now, not later (`focus()` waits its turn behind keys already typed, which would
        # then go to the step left behind); and never pull it back from a field the IRO chose.
        focused = self.focused
        if focused is None or step not in focused.ancestors:
            focusable = [w for w in step.query("Input, Select, Checkbox, Button") if w.focusable]
            if focusable:
                self.set_focus(focusable[0])

    async def _typed_so_far(self) -> None:
        """Let the focused field take the keys typed before this one, then read the step's fields.

        PgDn and PgUp are handled as they arrive, while the letters typed just before may still
        be waiting in the field's queue (on a busy machine): going on without them would judge,
        and leave behind, a half-typed step."""
        focused = self.focused
        if focused is not None:
            done = asyncio.Event()
            focused.call_later(done.set)  # runs after the keys already queued for the field
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), timeout=5)
        step = self.query_one(f"#step-{STEPS[self.step][0]}")
        for box in step.query(Input):
            attribute = (box.id or "").removeprefix("in-")
            if box.id and box.id.startswith("in-") and hasattr(self.form, attribute):
                if getattr(self.form, attribute) != box.value:
                    self.touched.add(attribute)
                    setattr(self.form, attribute, box.value)
        if STEPS[self.step][0] == "people":
            self.form.people = list(self.query_one(PeopleEditor).values)

    @on(Button.Pressed, "#next")
    async def action_next_step(self) -> None:
        await self._typed_so_far()
        problems = self.step_problems(self.step)
        if problems:
            key = STEPS[self.step][0]
            if key == "people":
                self.touched.add("people")
            else:
                self.touched.update(problems)
            self.summary_shown = True
            self._validate()
            self._focus_first_problem(problems)
            return
        if self.step < len(STEPS) - 1:
            self.step += 1
            await self._show_step()
            return
        self._create()

    def _focus_first_problem(self, problems: dict[str, str]) -> None:
        for name in problems:
            found = self.query(f"#in-{name}")
            if found:
                self.set_focus(found.first())
                return

    @on(Button.Pressed, "#back")
    async def action_previous_step(self) -> None:
        await self._typed_so_far()
        if self.step > 0:
            self.step -= 1
            await self._show_step()

    def action_cancel(self) -> None:
        typed = any(str(getattr(self.form, name)).strip() for name in ("name", "age", "born", "meeting_date"))

        def leave(sure: bool | None) -> None:
            if sure:
                self.dismiss()

        if typed:
            self.app.push_screen(
                ConfirmScreen(
                    "Leave this new letter? What you typed here will not be kept.", yes="Leave", no="Stay"
                ),
                leave,
            )
        else:
            self.dismiss()

    # -- making the letter ------------------------------------------------------------------------

    def _create(self) -> None:
        letter = self.form.build()
        if self.start is not None:  # the child's record: the new letter joins it
            letter.child_id = self.start.child_id

        def job(store: Store) -> tuple[Letter, list[str]]:
            from letters.followup import start_letter

            # The one way a letter starts (as `letters new --next` does): from the child's latest
            # letter when started from the child (their words, last time's decisions to follow
            # up), and the IRO's few words about themselves when they are new to the child.
            # The child's own words are their record's where it keeps some (the child's screen
            # may have changed them since the latest letter); what the steps gave still wins.
            made = start_letter(
                letter,
                self.start,
                store.profile(letter.meeting.iro),
                record_words=store.record_words(letter.child_id),
            )
            store.add(made.letter)
            return made.letter, made.notes

        def done(result: tuple[Letter, list[str]]) -> None:
            from letters.tui.screens.writing import WritingScreen

            made, notes = result
            self.app.remember(iro=made.meeting.iro)
            self.app.switch_screen(WritingScreen(made))
            for note in notes:
                self.app.notify(note, timeout=8, markup=False)

        self.app.db(job, done, failed="Could not make the letter")
