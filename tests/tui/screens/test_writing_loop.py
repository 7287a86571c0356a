"""The writing loop an IRO can trust, in the real app (Pilot) on a real SQLite file: typing reaches
the journal while it goes on, a stopped app's typing comes back, the letter reopens where the last
edit was, nothing overwrites another window's text, a sent letter changes only when amended, and
errors go out only with a reason.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from letters.demo import demo_letter
from letters.model import Status
from letters.store import Place, open_store
from letters.store.gate import mark
from letters.store.tables import JournalRow
from letters.tui.screens import writing_save
from letters.tui.screens.conflict import ChangedElsewhereScreen, CompareScreen
from letters.tui.screens.export import ExportScreen
from letters.tui.screens.reason import ReasonScreen
from letters.tui.screens.writing import WritingScreen
from letters.tui.widgets.check_summary import CheckSummary
from letters.tui.widgets.flagged_text_area import FlaggedTextArea
from tests.tui.helpers import app_for, async_test, notices, screen_text, settle, type_text, wait_until

REPO = Path(__file__).resolve().parents[3]
NHS = " Your NHS number is 943 476 5919."


async def open_letter(pilot) -> WritingScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WritingScreen)
    await wait_until(pilot, lambda: screen.report is not None, what="the first checks")
    return screen


def dialog_text(app: object) -> str:
    """The words of the dialog on top, whole (the terminal wraps them between its borders)."""
    return " ".join(str(w.content) for w in app.screen.query(".dialog-text"))  # type: ignore[attr-defined]


def journal_texts(db_url: str) -> list[str]:
    with open_store(db_url) as store, store.transaction(write=False) as conn:
        return list(conn.execute(select(JournalRow.document)).scalars())


def hello(db_url: str, letter_id: int) -> str:
    with open_store(db_url) as store:
        return store.get(letter_id).section("hello").text  # type: ignore[union-attr]


@async_test
async def test_steady_typing_reaches_the_journal_before_any_pause(
    demo_db: tuple[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writing_save, "AUTOSAVE_DELAY", 3600.0)  # as if the IRO never paused
    db_url, letter_id = demo_db
    app = app_for(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_letter(pilot)
        await type_text(pilot, "Steady typing with no pause ")
        await wait_until(
            pilot,
            lambda: any("Steady typing with no pause" in t for t in journal_texts(db_url)),
            what="journal",
        )
        assert screen.save_state == "unsaved"
        assert app.store is not None and len(app.store.history(letter_id)) == 1  # no revision yet
        await type_text(pilot, "and more ")
        await wait_until(pilot, lambda: any("and more" in t for t in journal_texts(db_url)), what="rewrite")
        assert len(journal_texts(db_url)) == 1  # one row, overwritten
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen.save_state == "saved")
        assert journal_texts(db_url) == []  # the revision holds it now
        assert app.store.history(letter_id)[-1].author == app.store.person


@async_test
async def test_typing_left_by_a_killed_app_comes_back_at_the_next_start(demo_db: tuple[str, int]) -> None:
    db_url, letter_id = demo_db
    typed = " Typed just before the app was killed."
    editor = subprocess.Popen(
        [sys.executable, "-m", "tests.store.editor_process", db_url, str(letter_id), "journal", typed],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )  # as the OS user, who the app saves as too
    assert editor.stdout is not None and editor.stdout.readline().strip() == "ready"
    os.kill(editor.pid, signal.SIGKILL)
    editor.wait(timeout=30)
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: any("Restored what you typed" in n for n in notices(app)))
        assert hello(db_url, letter_id).endswith(typed)
        assert journal_texts(db_url) == []


@async_test
async def test_the_letter_reopens_where_the_last_edit_was(demo_db: tuple[str, int]) -> None:
    db_url, letter_id = demo_db
    app = app_for(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_letter(pilot)
        await pilot.press("ctrl+down", "ctrl+down")  # What is going well
        editor = screen.query_one(FlaggedTextArea)
        editor.move_cursor(editor.document.end)  # as a click after the last word would
        await type_text(pilot, " And swimming.")
        await pilot.press("escape")  # saves and goes back to the list
        await settle(pilot)
    with open_store(db_url) as store:
        place = store.last_place(letter_id)
        text = store.get(letter_id).section("going_well").text  # type: ignore[union-attr]
    assert place == Place("going_well", len(text)) and text.endswith(" And swimming.")
    app = app_for(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_letter(pilot)
        editor = screen.query_one(FlaggedTextArea)
        assert screen.current == "going_well"
        assert editor.index_of(editor.cursor_location) == len(text)  # new text lands after the old
        await type_text(pilot, " Well done.")
        assert editor.text.endswith("And swimming. Well done.")


@async_test
async def test_quit_never_exits_with_text_it_could_not_save(demo_db: tuple[str, int]) -> None:
    db_url, letter_id = demo_db
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_letter(pilot)
        assert app.store is not None
        other = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")  # another program holds the database
        try:
            await type_text(pilot, "Words the database cannot take. ")
            await pilot.press("ctrl+q")
            await wait_until(
                pilot, lambda: "Not saved: the app is still open" in screen_text(app), timeout=30
            )
            assert app.is_running and "busy" in screen_text(app)
            await pilot.press("escape")  # keep the app open
            await pilot.pause()
            assert app.screen is screen and app.is_running
            await pilot.press("ctrl+q")
            await wait_until(
                pilot, lambda: "Not saved: the app is still open" in screen_text(app), timeout=30
            )
            await pilot.press("w")  # a recovery file, then quit
            await wait_until(pilot, lambda: not app.is_running, timeout=30)
        finally:
            other.execute("ROLLBACK")
            other.close()
    assert not hello(db_url, letter_id).startswith("Words the database cannot take.")
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_until(pilot, lambda: "could not be saved" in screen_text(app), what="the offer")
        assert "Restore it now?" in screen_text(app)
        await pilot.press("y")
        await wait_until(
            pilot, lambda: hello(db_url, letter_id).startswith("Words the database cannot take.")
        )
        assert app.store is not None and app.store.pending_recoveries() == []


@async_test
async def test_a_window_that_is_behind_says_so_and_overwrites_nothing(demo_db: tuple[str, int]) -> None:
    db_url, letter_id = demo_db
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_letter(pilot)
        with open_store(db_url, person="bwalsh") as other:  # another window saves first
            theirs = other.get(letter_id)
            theirs.section("hello").text = "Saved in the other window."  # type: ignore[union-attr]
            other.save(theirs)
        await type_text(pilot, "Typed in this window. ")
        await wait_until(pilot, lambda: isinstance(app.screen, ChangedElsewhereScreen), what="the warning")
        await wait_until(pilot, lambda: "This letter changed elsewhere" in screen_text(app))
        text = dialog_text(app)
        assert "bwalsh saved revision 2" in text
        assert "kept as revision 3, so nothing is lost" in text
        assert hello(db_url, letter_id) == "Saved in the other window."
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
        await wait_until(pilot, lambda: "part(s) differ" in screen_text(app))
        text = screen_text(app)
        assert "Saved in the other window." in text and "Typed in this window." in text
        await pilot.press("r")  # use theirs
        await wait_until(
            pilot, lambda: screen.query_one(FlaggedTextArea).text == "Saved in the other window."
        )
        assert screen.save_state == "saved" and screen.letter.revision == 2
        await type_text(pilot, " And then this.")
        await wait_until(pilot, lambda: "And then this." in hello(db_url, letter_id))
    with open_store(db_url) as store:
        kinds = [(r.number, r.kind) for r in store.history(letter_id)]
        assert kinds == [(1, "edit"), (2, "edit"), (3, "kept"), (4, "edit")]
        assert store.revision(letter_id, 3).section("hello").text.startswith("Typed in this window.")  # type: ignore[union-attr]


@async_test
async def test_a_sent_letter_is_read_only_until_amended_with_a_reason(demo_db: tuple[str, int]) -> None:
    db_url, letter_id = demo_db
    with open_store(db_url) as store:
        mark(store, letter_id, Status.SENT, sent_on=date(2026, 11, 20))
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_letter(pilot)
        editor = screen.query_one(FlaggedTextArea)
        before = editor.text
        assert "Sent on 20 November 2026: read-only. f8 amends it" in screen_text(app)
        await type_text(pilot, "Nope ")
        assert editor.text == before
        await pilot.press("f8")
        await wait_until(pilot, lambda: "Amend a sent letter?" in screen_text(app))
        await pilot.press("enter")  # no reason: refused, still asking
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen) and "Say why" in screen_text(app)
        await type_text(pilot, "The date of the next meeting was wrong\n")
        await wait_until(pilot, lambda: app.screen is screen)
        await type_text(pilot, "Amended: ")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen.save_state == "saved")
    with open_store(db_url) as store:
        last = store.history(letter_id)[-1]
        assert (last.kind, last.reason) == ("amended", "The date of the next meeting was wrong")
        letter = store.get(letter_id)
        assert letter.status is Status.SENT and letter.section("hello").text.startswith("Amended: ")  # type: ignore[union-attr]


@async_test
async def test_the_export_screen_shows_the_errors_and_asks_why_before_marking(
    db_url: str, tmp_path: Path
) -> None:
    letter = demo_letter()
    letter.section("health").text += NHS  # type: ignore[union-attr]
    with open_store(db_url) as store:
        letter_id = store.add(letter)
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_letter(pilot)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen))
        await wait_until(
            pilot, lambda: "Marking it ready or sent will ask why: 1 error is open." in screen_text(app)
        )
        summary = app.screen.query_one(CheckSummary)
        await wait_until(pilot, lambda: bool(summary.lines), what="the checks' summary")
        assert summary.lines[0].startswith("Checks: x 1 error")
        assert any(line.startswith("x ") and "(Health)" in line for line in summary.lines)
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: "Mark sent with 1 error is open?" in screen_text(app))
        await pilot.press("escape")  # back, to fix it
        await settle(pilot)
        assert app.store is not None and app.store.get(letter_id).status is Status.DRAFT
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: isinstance(app.screen, ReasonScreen))
        await type_text(pilot, "The child asked for it\n")
        await wait_until(pilot, lambda: "This letter is: sent on 24 November 2026" in screen_text(app))
        (record,) = app.store.send_checks(letter_id)
        assert (record.status, record.errors, record.reason) == ("sent", 1, "The child asked for it")


@async_test
async def test_accepting_an_error_with_f4_needs_a_reason(db_url: str) -> None:
    letter = demo_letter()
    letter.section("hello").text = "Hello Ellie." + NHS  # type: ignore[union-attr]
    with open_store(db_url) as store:
        letter_id = store.add(letter)
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_letter(pilot)
        await pilot.press("f2")
        assert screen.query_one(FlaggedTextArea).selected_text == "943 476 5919"
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(app.screen, ReasonScreen))
        await pilot.press("escape")
        await pilot.pause()
        assert screen.letter.allow == []  # cancelled: nothing accepted
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(app.screen, ReasonScreen))
        await type_text(pilot, "Needed for the dentist form\n")
        await wait_until(pilot, lambda: screen.letter.allow == ["943 476 5919"])
        assert app.store is not None
        (waiver,) = app.store.waivers(letter_id)
        assert (waiver.kind, waiver.value, waiver.reason) == (
            "words",
            "943 476 5919",
            "Needed for the dentist form",
        )
