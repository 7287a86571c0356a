"""The writing screen: autosave, sections and their marks, decisions as rows, leaving a section out."""

from __future__ import annotations

import time

import pytest
from textual.widgets import Button, Input, Static

from letters.checks.parts import PartKey
from letters.config import Config
from letters.demo import demo_letter
from letters.store import open_store
from letters.tui.screens import writing_save
from letters.tui.screens.preview import PreviewScreen
from letters.tui.screens.writing import AUTOSAVE_DELAY, WritingScreen
from letters.tui.widgets.decisions_editor import DecisionsEditor
from letters.tui.widgets.findings_list import FindingsList
from letters.tui.widgets.flagged_text_area import FlaggedTextArea
from letters.tui.widgets.section_list import SectionList
from tests.tui.helpers import (
    app_for,
    async_test,
    notices,
    screen_text,
    settle,
    type_text,
    wait_until,
)


async def open_demo(pilot, db: tuple[str, int]) -> WritingScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("enter")  # the demo letter is the only one in the list
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WritingScreen) and screen.letter.id == db[1]
    await wait_until(pilot, lambda: screen.report is not None, what="the first checks")
    return screen


@pytest.mark.serial
@async_test
async def test_autosave_soon_after_typing_stops_and_reopen_lands_there(
    demo_db: tuple[str, int],
) -> None:
    db_url, letter_id = demo_db
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_demo(pilot, demo_db)
        await pilot.press("ctrl+down", "ctrl+down")
        assert screen.current == "going_well"
        assert "What is going well" in screen_text(app)
        await type_text(pilot, "Well done! ")
        stopped = time.monotonic()
        assert "● Unsaved changes" in screen_text(app)
        # Poll without waiting on other workers, to time the save itself.
        while screen.save_state != "saved" and time.monotonic() - stopped < 5:
            await pilot.pause(0.02)
        elapsed = time.monotonic() - stopped
        assert screen.save_state == "saved" and elapsed < AUTOSAVE_DELAY + 0.8
        assert "✓ Saved 10:30:00 (revision 2)" in screen_text(app)
        assert app.store is not None
        stored = app.store.get(letter_id)
        assert stored.section("going_well").text.startswith("Well done! You have lived")
        assert len(app.store.history(letter_id)) == 2

        # More typing, then quit at once: the last words are saved on the way out.
        await type_text(pilot, "Really. ")
        await pilot.press("ctrl+q")
    assert app.store.get(letter_id).section("going_well").text.startswith("Well done! Really. ")

    reopened = app_for(db_url)
    async with reopened.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_until(pilot, lambda: isinstance(reopened.screen, WritingScreen), what="reopen")
        await settle(pilot)
        screen = reopened.screen
        assert isinstance(screen, WritingScreen)
        assert screen.letter.id == letter_id and screen.current == "going_well"
        assert screen.query_one(FlaggedTextArea).text.startswith("Well done! Really. ")
        # Going back to the list on purpose means the next start shows the list.
        await pilot.press("escape")
        await settle(pilot)
        assert "Letter due" in screen_text(reopened)
    third = app_for(db_url)
    async with third.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not isinstance(third.screen, WritingScreen)


@async_test
async def test_a_letter_put_in_the_bin_since_is_not_reopened_and_the_list_shows(
    demo_db: tuple[str, int],
) -> None:
    db_url, letter_id = demo_db
    app = app_for(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_demo(pilot, demo_db)  # the letter open when the app closes
        await pilot.press("ctrl+q")
    with open_store(db_url, config=Config()) as store:
        other = demo_letter()
        other.child.name = "Zeb"
        store.add(other)
        store.delete(letter_id)

    again = app_for(db_url)
    async with again.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_until(pilot, lambda: "Zeb" in screen_text(again), what="the list of letters")
        assert not isinstance(again.screen, WritingScreen)
        assert any("in the bin" in n for n in notices(again))


@async_test
async def test_sections_show_marks_and_can_be_left_out(demo_db: tuple[str, int]) -> None:
    app = app_for(demo_db[0])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_demo(pilot, demo_db)
        assert "✓ Worries" in screen_text(app)  # written, nothing flagged
        assert "○ empty  ✓ done" in screen_text(app)  # the legend
        await pilot.press("ctrl+down", "ctrl+down", "ctrl+down")
        assert screen.current == "worries"
        # Jargon in a section: its mark becomes "!" with the count, in text.
        await type_text(pilot, "We talked about your placement. ")
        await wait_until(pilot, lambda: "! Worries (1)" in screen_text(app))
        # An emptied section is marked "○".
        screen.query_one(FlaggedTextArea).select_all()
        await pilot.press("backspace")
        await wait_until(pilot, lambda: "○ Worries" in screen_text(app))

        # Leave "Health" out: the mark says so and the preview no longer has it.
        await pilot.press("ctrl+down", "ctrl+down", "ctrl+down", "ctrl+down")
        assert screen.current == "health"
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "– Health" in screen_text(app)
        assert "(left out of the letter: ctrl+l puts it back)" in screen_text(app)
        section_list = screen.query_one(SectionList)
        assert section_list.keys[section_list.highlighted or 0] == "health"
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, PreviewScreen)

        def child_letter() -> str:
            return str(app.screen.query_one("#child-text", Static).content)

        await wait_until(pilot, lambda: "Hillside Primary" in child_letter())
        assert "eye test, because" not in child_letter()
        await pilot.press("escape")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "✓ Health" in screen_text(app) or "! Health" in screen_text(app)


@pytest.mark.serial
@async_test
async def test_decisions_are_rows_that_say_what_is_missing(demo_db: tuple[str, int]) -> None:
    db_url, letter_id = demo_db
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_demo(pilot, demo_db)
        for _ in range(4):
            await pilot.press("ctrl+down")
        assert screen.current == "decisions"
        editor = screen.query_one(DecisionsEditor)
        assert editor.display
        assert "4 decisions" in screen_text(app)
        assert "Book an eye test for you." in [r.read().what for r in editor.rows]

        add = editor.query_one(".add-row", Button)
        add.focus()
        await pilot.press("enter")
        await pilot.pause()
        row = editor.rows[-1]
        assert row.query_one(".what", Input).has_focus

        def problem() -> str:
            return str(row.query_one(".row-problem", Static).content)

        await type_text(pilot, "Find a football club near home.")
        await wait_until(pilot, lambda: problem() == "✗ Say who will do it and by when.")
        await pilot.press("tab", "tab")  # past "Remove" to "who"
        assert row.query_one(".who", Input).has_focus
        await type_text(pilot, "BW")
        await wait_until(pilot, lambda: problem() == "✗ Say by when.")
        await pilot.press("tab")
        await type_text(pilot, "by the end of January")
        await wait_until(pilot, lambda: problem() == "")
        what = row.query_one(".what", Input)
        saved_what = what.value
        what.value = ""
        await wait_until(pilot, lambda: problem() == "✗ Say what will happen.")
        assert "5 decisions, 1 incomplete" in screen_text(app)
        what.value = saved_what
        await wait_until(pilot, lambda: screen.save_state == "saved" and screen.edits > 0)
        assert app.store is not None
        stored = app.store.get(letter_id)
        assert (stored.decisions[-1].what, stored.decisions[-1].who, stored.decisions[-1].by_when) == (
            "Find a football club near home.",
            "BW",
            "by the end of January",
        )

        # Remove the first decision with its button.
        editor.rows[0].query_one(".remove", Button).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(screen.letter.decisions) == 4)
        assert screen.letter.decisions[0].what.startswith("Start a lunchtime reading club")


@pytest.mark.serial
@async_test
async def test_ctrl_s_saves_at_once(demo_db: tuple[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    # The autosave is put off for an hour: a save that happens is ctrl+s's, however slow the
    # machine (no wall-clock race with the autosave's own timer).
    monkeypatch.setattr(writing_save, "AUTOSAVE_DELAY", 3600.0)
    db_url, letter_id = demo_db
    app = app_for(db_url)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_demo(pilot, demo_db)
        await type_text(pilot, "Hi! ")
        await wait_until(pilot, lambda: screen.save_state == "unsaved")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen.save_state == "saved", timeout=30, what="the save")
        assert app.store is not None
        assert app.store.get(letter_id).section("hello").text.startswith("Hi! Dear Ellie")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Already saved." in notices(app)


@async_test
async def test_findings_in_a_decision_are_listed_and_fixed_in_its_row(
    demo_db: tuple[str, int],
) -> None:
    app = app_for(demo_db[0])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_demo(pilot, demo_db)
        for _ in range(4):
            await pilot.press("ctrl+down")
        editor = screen.query_one(DecisionsEditor)
        what = editor.rows[2].query_one(".what", Input)
        what.value = "Facilitate an eye test for you."
        findings = screen.query_one(FindingsList)
        await wait_until(pilot, lambda: any(e.flagged == "Facilitate" for e in findings.entries))
        entry = next(e for e in findings.entries if e.flagged == "Facilitate")
        assert entry.part == PartKey.of_decision(2) and "Decision 3:" in screen_text(app)
        findings.focus()
        findings.highlighted = findings.entries.index(entry)
        await pilot.press("f3")
        await pilot.pause()
        assert "Replace “Facilitate” with:" in screen_text(app)
        await pilot.press("down", "enter")  # the second suggestion: "arrange"
        await pilot.pause()
        assert what.value == "Arrange an eye test for you."
        await wait_until(pilot, lambda: screen.letter.decisions[2].what == "Arrange an eye test for you.")


@async_test
async def test_tabbing_into_a_decision_keeps_its_words_and_it_shows_whole_at_80x24(
    demo_db: tuple[str, int],
) -> None:
    app = app_for(demo_db[0])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_demo(pilot, demo_db)
        for _ in range(4):
            await pilot.press("ctrl+down")
        editor = screen.query_one(DecisionsEditor)
        first = editor.rows[0]
        first.query_one(".what", Input).focus()
        await pilot.pause()
        await pilot.press("tab", "tab")  # past "Remove" to "who", which holds "BW"
        who = first.query_one(".who", Input)
        assert who.has_focus
        await type_text(pilot, " and Anne")
        assert who.value == "BW and Anne"  # added to, not replaced
        # However narrow the window, the whole decision reads below its row, as the child gets it.
        reads = first.query_one(".row-reads", Static)
        await wait_until(pilot, lambda: "BW and Anne will plan" in str(reads.content))
        x, y, width, height = reads.region  # what is on the terminal where the line is
        lines = screen_text(app).splitlines()[y : y + height]
        shown = " ".join(" ".join(line[x : x + width] for line in lines).split())
        assert shown == (
            "The child reads: BW and Anne will plan for you to see Nana Pat every other Saturday. "
            "This will happen by Friday 11 December 2026."
        )


@async_test
async def test_a_misspelling_gets_suggestions_when_asked_and_one_is_applied(
    demo_db: tuple[str, int],
) -> None:
    app = app_for(demo_db[0])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_demo(pilot, demo_db)
        for _ in range(4):
            await pilot.press("ctrl+down")
        editor = screen.query_one(DecisionsEditor)
        what = editor.rows[2].query_one(".what", Input)
        what.value = "You will recieve a new bike."
        findings = screen.query_one(FindingsList)
        await wait_until(pilot, lambda: any(e.flagged == "recieve" for e in findings.entries))
        entry = next(e for e in findings.entries if e.flagged == "recieve")
        assert entry.finding.rule == "spelling" and entry.fixes == ()  # nothing searched yet
        findings.focus()
        findings.highlighted = findings.entries.index(entry)
        await pilot.press("f3")  # the search runs now, in a worker
        await wait_until(pilot, lambda: "Replace “recieve” with:" in screen_text(app))
        await pilot.press("enter")  # the first suggestion: "receive"
        await wait_until(pilot, lambda: what.value == "You will receive a new bike.")
