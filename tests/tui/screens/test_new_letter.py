"""The guided new-letter steps: every validation message, as you type, and nothing lost going back."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from letters.tui.screens.new_letter import NewLetterScreen
from letters.tui.screens.writing import WritingScreen
from letters.tui.widgets.form_field import FormField
from letters.tui.widgets.people_editor import PeopleEditor
from tests.tui.helpers import app_for, async_test, screen_text, settle, type_text


async def fill(pilot: Pilot[object], field: str, text: str) -> None:
    """Clear a field and type into it key by key."""
    box = pilot.app.screen.query_one(f"#in-{field}", Input)
    box.focus()
    box.value = ""
    await pilot.pause()
    await type_text(pilot, text)
    await pilot.pause()


def problem(pilot: Pilot[object], field: str) -> str:
    """The problem the user sees under a field ("" when none is shown)."""
    form_field = pilot.app.screen.query_one(f"#f-{field}", FormField)
    line = form_field.query_one(".field-problem", Static)
    if not form_field.problem:
        assert not line.display or not form_field.has_class("-invalid")
        return ""
    assert line.display and str(line.content) == f"✗ {form_field.problem}"
    return form_field.problem


def step_summary(pilot: Pilot[object]) -> str:
    return str(pilot.app.screen.query_one("#step-problems", Static).content)


@async_test
async def test_every_child_field_says_what_is_wrong_as_you_type(db_url: str) -> None:
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, NewLetterScreen)
        # Nothing is flagged before the IRO has typed anything.
        assert all(not f.problem for f in app.screen.query(FormField))

        await fill(pilot, "name", "A")
        assert problem(pilot, "name") == ""
        await pilot.press("backspace")
        await pilot.pause()
        assert problem(pilot, "name") == "Type the name the child likes to be called."
        await fill(pilot, "name", "Ellie Mae Rose Annabelle Josephine Smithers")
        assert problem(pilot, "name").startswith("That is long for a name")
        await fill(pilot, "name", "Ellie")
        assert problem(pilot, "name") == ""

        await fill(pilot, "age", "nine")
        assert problem(pilot, "age") == "Type the age as a whole number of years, like 9."
        await fill(pilot, "age", "40")
        assert problem(pilot, "age") == "Age must be 25 or under."
        await fill(pilot, "age", "9")
        assert problem(pilot, "age") == ""

        await fill(pilot, "born", "31/02/2017")
        assert problem(pilot, "born") == "There is no 31 February 2017: check the day."
        await fill(pilot, "born", "born in 2017")
        assert problem(pilot, "born") == ("Type the date of birth as day/month/year, like 19/12/2025.")
        await fill(pilot, "born", "01/01/2030")
        assert problem(pilot, "born") == "The date of birth is in the future: check the year."
        await fill(pilot, "born", "01/01/2010")
        assert problem(pilot, "age") == (
            "The date of birth makes the child 16, not 9: fix one or leave age empty."
        )
        await fill(pilot, "born", "")
        await fill(pilot, "age", "")
        assert problem(pilot, "age") == (
            "Give the child's age or date of birth: it sets the reading age the letter aims for."
        )

        await fill(pilot, "reading_age", "eight")
        assert problem(pilot, "reading_age") == (
            "Type the reading age as a number of years, like 8 or 8.5, or leave it empty."
        )
        await fill(pilot, "reading_age", "30")
        assert problem(pilot, "reading_age") == (
            "A reading age is between 4 and 18 years, or leave it empty."
        )

        # Trying to go on with problems left says how many, and stays on the step.
        await pilot.press("pagedown")
        await pilot.pause()
        assert step_summary(pilot) == "✗ Fix the 2 things marked ✗ before going on."
        assert "step 1 of 3: The child" in screen_text(app)
        assert "✗ A reading age is between 4 and 18 years" in screen_text(app)


@async_test
async def test_every_meeting_field_says_what_is_wrong(db_url: str) -> None:
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await fill(pilot, "name", "Sam")
        await fill(pilot, "born", "01/03/2023")
        await pilot.press("pagedown")
        await pilot.pause()
        assert "step 2 of 3: The meeting" in screen_text(app)

        # Going on with nothing typed marks every required field.
        await pilot.press("pagedown")
        await pilot.pause()
        assert step_summary(pilot) == "✗ Fix the 3 things marked ✗ before going on."
        assert problem(pilot, "meeting_date") == "Type the date of the meeting, like 19/12/2025."
        assert problem(pilot, "iro") == "Type the IRO's name: it goes on the adults' copy."
        assert problem(pilot, "participation") == "Choose a participation code (PN0 to PN7)."

        await fill(pilot, "meeting_date", "Tuesday")
        assert problem(pilot, "meeting_date") == ("Type the meeting date as day/month/year, like 19/12/2025.")
        await fill(pilot, "meeting_date", "01/12/2026")
        assert problem(pilot, "meeting_date") == (
            "The meeting date is in the future: type the day the meeting happened."
        )
        await fill(pilot, "meeting_date", "01/01/2023")
        assert problem(pilot, "meeting_date") == (
            "The meeting is before the child's date of birth: check both dates."
        )
        await fill(pilot, "meeting_date", "20/11/2026")
        assert problem(pilot, "meeting_date") == ""

        await fill(pilot, "called", "")
        assert problem(pilot, "called") == ('Say what your authority calls the meeting, like "your meeting".')
        await fill(pilot, "called", "My Voice Matters")

        # The participation code's meaning is shown, and it is checked against the child's age.
        select = app.screen.query_one("#in-participation", Select)
        select.value = "PN1"
        await pilot.pause()
        assert problem(pilot, "participation") == (
            "The child was 3 at the review: children under 4 are recorded as PN0."
        )
        assert "PN1 means: Attends and speaks for themselves" in screen_text(app)
        select.value = "PN0"
        await pilot.pause()
        assert problem(pilot, "participation") == ""
        assert "PN0 means: Child under 4 at the time of the review" in screen_text(app)

        # The same code is wrong for a 9-year-old: going back to change the age re-checks it.
        await pilot.press("pageup")
        await pilot.pause()
        await fill(pilot, "born", "")
        await fill(pilot, "age", "9")
        await pilot.press("pagedown")
        await pilot.pause()
        assert problem(pilot, "participation") == (
            "PN0 is for children under 4, and the child was 9 at the review."
        )


@async_test
async def test_people_rows_say_what_is_missing_and_going_back_loses_nothing(db_url: str) -> None:
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await fill(pilot, "name", "Mo")
        await fill(pilot, "age", "9")
        await pilot.press("pagedown")
        await fill(pilot, "meeting_date", "20/11/2026")
        await fill(pilot, "iro", "Priya Nandra")
        app.screen.query_one("#in-participation", Select).value = "PN1"
        await pilot.pause()
        await pilot.press("pagedown")
        await pilot.pause()
        assert "step 3 of 3: Who was there" in screen_text(app), screen_text(app)

        editor = app.screen.query_one(PeopleEditor)
        assert len(editor.rows) == 1 and editor.values == []  # one blank row to start typing in
        row = editor.rows[0]

        async def row_fill(cls: str, text: str) -> None:
            box = row.query_one(f".{cls}", Input)
            box.focus()
            box.value = ""
            await type_text(pilot, text)
            await pilot.pause()

        def row_problem() -> str:
            return str(row.query_one(".row-problem", Static).content)

        await row_fill("name", "Bea Wood")
        assert row_problem() == "✗ Say who Bea Wood is, like social worker or foster carer."
        await row_fill("name", "")
        await row_fill("role", "teacher")
        assert row_problem() == "✗ Type the teacher's name."
        await row_fill("role", "")
        await row_fill("shown-as", "BW")
        assert row_problem() == "✗ Type the person's name as well as how the letter shows them."
        await pilot.press("pagedown")
        await pilot.pause()
        assert step_summary(pilot) == "✗ Fix the 1 thing marked ✗ before going on."

        await row_fill("role", "social worker")
        await row_fill("name", "Bea Wood")
        assert row_problem() == ""
        assert "1 person" in screen_text(app)

        # Back two steps and forward again: every answer is still there.
        await pilot.press("pageup", "pageup")
        await pilot.pause()
        assert app.screen.query_one("#in-name", Input).value == "Mo"
        assert app.screen.query_one("#in-age", Input).value == "9"
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert app.screen.query_one("#in-iro", Input).value == "Priya Nandra"
        assert [(p.role, p.name, p.shown_as) for p in editor.values] == [("social worker", "Bea Wood", "BW")]

        # The last step goes straight into writing, with the letter stored.
        await pilot.press("pagedown")
        await settle(pilot)
        assert isinstance(app.screen, WritingScreen)
        letter = app.screen.letter
        assert letter.id is not None
        assert letter.child.name == "Mo" and letter.meeting.participation == "PN1"
        assert app.store is not None
        stored = app.store.get(letter.id)
        assert [(p.role, p.name, p.shown_as) for p in stored.people] == [("social worker", "Bea Wood", "BW")]


@async_test
async def test_cancel_asks_before_dropping_what_was_typed(db_url: str) -> None:
    app = app_for(db_url)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await type_text(pilot, "Mo")
        await pilot.press("escape")
        await pilot.pause()
        assert "Leave this new letter?" in screen_text(app)
        await pilot.press("escape")  # no: stay
        await pilot.pause()
        assert isinstance(app.screen, NewLetterScreen)
        assert app.screen.query_one("#in-name", Input).value == "Mo"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, NewLetterScreen)
