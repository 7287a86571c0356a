"""A new letter, guided: the child, the meeting, who was there; then straight into writing.

The three steps stay mounted (a ContentSwitcher), so going back shows exactly what was typed. Each
field says what is wrong as soon as it has been touched, and every field of a step when the IRO
tries to go on. The parsing and the messages live in `letters.tui.forms`; this screen only wires
them to widgets.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
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

from letters.model import PARTICIPATION, ReviewKind
from letters.tui import bindings
from letters.tui.forms import NewLetterForm, PersonRow, participation_meaning
from letters.tui.screens.confirm import ConfirmScreen
from letters.tui.widgets.form_field import FormField
from letters.tui.widgets.people_editor import PeopleEditor
from letters.tui.widgets.rows import RowsEditor
from letters.tui.widgets.text_checkbox import TextCheckbox

if TYPE_CHECKING:
    from letters.model import Letter
    from letters.store import Store
    from letters.tui.app import LettersApp

STEPS: tuple[tuple[str, str], ...] = (
    ("child", "The child"),
    ("meeting", "The meeting"),
    ("people", "Who was there"),
)

REVIEW_KINDS = [
    ("First review", ReviewKind.FIRST.value),
    ("Second review", ReviewKind.SECOND.value),
    ("A later review", ReviewKind.LATER.value),
]

PARTICIPATION_HINT = "The SSDA903 code for how the child took part."

#: Which form attribute each text input edits, by step.
TEXT_FIELDS: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    # (attribute, label, placeholder, hint)
    "child": (
        ("name", "Name they like", "e.g. Mia", "The name the child likes to be called."),
        ("age", "Age", "e.g. 9", "Or give the date of birth below."),
        ("born", "Date of birth", "day/month/year", ""),
        ("pronouns", "Pronouns", "e.g. she/her", ""),
        ("first_language", "First language", "e.g. Arabic", ""),
        ("reading_age", "Reading age, if known", "e.g. 8", "Leave empty to aim for their age."),
        (
            "own_words",
            "Their own words",
            "e.g. Mummy Jo, Anne and Mark, my house",
            "What they call people and places, separated by commas: the checks accept them.",
        ),
    ),
    "meeting": (
        ("meeting_date", "Date of the meeting", "day/month/year", ""),
        ("place", "Where", "e.g. at school", ""),
        ("called", "What it is called", "e.g. your meeting", "What your authority calls the review."),
        ("iro", "IRO", "your name", ""),
        ("views_shared", "How views were shared", "e.g. talked with me before the meeting", ""),
    ),
}


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

    def _text_field(self, attribute: str, label: str, placeholder: str, hint: str) -> FormField:
        value = str(getattr(self.form, attribute))
        control = Input(value, placeholder=placeholder, id=f"in-{attribute}", compact=True)
        return FormField(label, control, hint=hint, id=f"f-{attribute}")

    def _step_widgets(self, key: str) -> list[Widget]:
        """The fields of one step, made when the step is first shown (a faster first screen)."""
        fields = {f[0]: f for f in TEXT_FIELDS.get(key, ())}
        if key == "child":
            return [
                *(self._text_field(*fields[name]) for name in ("name", "age", "born", "pronouns")),
                FormField(
                    "English",
                    TextCheckbox(
                        "English is an additional language", self.form.eal, id="in-eal", compact=True
                    ),
                    id="f-eal",
                ),
                *(self._text_field(*fields[name]) for name in ("first_language", "reading_age", "own_words")),
            ]
        if key == "meeting":
            codes = [(f"{code}: {meaning}", code) for code, meaning in PARTICIPATION.items()]
            return [
                self._text_field(*fields["meeting_date"]),
                FormField(
                    "Which review",
                    Select(
                        REVIEW_KINDS,
                        value=self.form.review_kind,
                        allow_blank=False,
                        id="in-review_kind",
                        compact=True,
                    ),
                    id="f-review_kind",
                ),
                *(self._text_field(*fields[name]) for name in ("place", "called", "iro")),
                FormField(
                    "Participation code",
                    Select(
                        codes,
                        prompt="Choose PN0 to PN7",
                        value=self.form.participation or Select.NULL,
                        id="in-participation",
                        compact=True,
                    ),
                    hint=PARTICIPATION_HINT,
                    id="f-participation",
                ),
                FormField(
                    "Advocate",
                    TextCheckbox(
                        "An advocate was offered",
                        self.form.advocate_offered,
                        id="in-advocate_offered",
                        compact=True,
                    ),
                    id="f-advocate_offered",
                ),
                FormField(
                    "",
                    TextCheckbox(
                        "An advocate was used", self.form.advocate_used, id="in-advocate_used", compact=True
                    ),
                    id="f-advocate_used",
                ),
                self._text_field(*fields["views_shared"]),
            ]
        return [
            Static(
                "Add the adults who were there or get a copy. How the letter shows them "
                "(a first name, initials) is what the child reads.",
                classes="step-intro",
            ),
            PeopleEditor(self.form.people or [PersonRow()], id="people"),
        ]

    def compose(self) -> ComposeResult:
        if self.start is None:
            self.form.called = self.app.config.authority.meeting_name
            self.form.iro = self.app.place.iro or ""
        yield Header()
        yield Static("", id="step-title")
        yield Static("", id="step-problems")
        with ContentSwitcher(initial="step-child", id="steps"):
            yield VerticalScroll(*self._step_widgets("child"), id="step-child", classes="step")
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
            await step.mount_all(self._step_widgets(key))
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
        if self.start is not None:  # the child's record, and what it knows the steps do not ask
            letter.child_id = self.start.child_id
            known = self.start.child
            letter.child.case_id, letter.child.looked_after_since = known.case_id, known.looked_after_since
            letter.child.uasc = known.uasc

        def job(store: Store) -> tuple[Letter, list[str]]:
            from letters.followup import start_letter

            # The one way a letter starts (as `letters new --next` does): from the child's latest
            # letter when started from the child (their words, last time's decisions to follow
            # up), and the IRO's few words about themselves when they are new to the child.
            made = start_letter(letter, self.start, store.profile(letter.meeting.iro))
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
