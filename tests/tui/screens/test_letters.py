"""The letters list: first-run empty state, due dates in words, search, filter, copy, bin, restore."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input

from letters.config import Config
from letters.demo import demo_letter
from letters.model import Status
from letters.store import open_store
from letters.store.gate import mark
from letters.tui.screens.export import ExportScreen
from letters.tui.screens.letters import LettersScreen
from letters.tui.screens.writing import WritingScreen
from tests.tui.helpers import app_for, async_test, notices, screen_text, settle, type_text, wait_until


def flat(app: object) -> str:
    """The screen's words with line breaks and borders as single spaces (wrapped text reads whole)."""
    text = screen_text(app)  # type: ignore[arg-type]
    return " ".join(text.translate({ord(c): " " for c in "│█▀▄▌▐▏"}).split())


@async_test
async def test_first_run_offers_the_demo_letter(db_url: str) -> None:
    app = app_for(db_url)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert "No letters yet." in screen_text(app)
        assert "Add the demo letter (d)" in screen_text(app)
        await pilot.press("enter")  # the demo button has the focus
        await settle(pilot)
        assert "Ellie" in screen_text(app) and "18 Nov 2026" in screen_text(app)
        assert "in 22 days (16 Dec)" in screen_text(app)  # 20 working days after the meeting
        await pilot.press("ctrl+e")  # export straight from the list
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert "Write Ellie's letter and the adults' copy as Word files." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WritingScreen)
        assert app.screen.letter.child.name == "Ellie"


@async_test
async def test_overdue_letters_say_so_in_words(db_url: str) -> None:
    late = demo_letter()
    late.child.name = "Tom"
    late.meeting.date = date(2026, 10, 1)  # due 29 October: 18 working days before "today"
    sent = demo_letter()
    sent.child.name = "Ava"
    sent.meeting.date = date(2026, 9, 1)
    with open_store(db_url, config=Config()) as store:
        store.add(late)
        sent_id = store.add(sent)
        mark(store, sent_id, Status.SENT, sent_on=date(2026, 10, 2))
    app = app_for(db_url)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        text = screen_text(app)
        # Due Thursday 29 October; to Tuesday 24 November: 30 Oct, 2-6, 9-13, 16-20, 23, 24 Nov.
        assert "! OVERDUE by 18 working days" in text
        # Due Tuesday 29 September (20 working days after 1 September); sent 2 October: 30, 1, 2.
        assert "sent 2 Oct" in text and "sent 3 working days late" in text


@async_test
async def test_the_search_box_is_left_with_escape_or_down_and_says_what_keys_do(
    demo_db: tuple[str, int],
) -> None:
    app = app_for(demo_db[0])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LettersScreen)
        search = screen.query_one("#search", Input)
        table = screen.query_one(DataTable)
        for leave in ("escape", "down"):
            await pilot.press("slash")
            assert search.has_focus
            await type_text(pilot, "zz")
            await settle(pilot)
            assert "No letters match “zz” in all letters." in flat(app)
            assert "press escape and then f" in flat(app)  # f types into the box itself
            await pilot.press("f")
            await settle(pilot)
            assert search.value == "zzf" and "Showing: All letters (f)" in screen_text(app)
            await pilot.press(leave)
            assert not search.has_focus and search.value == "zzf"  # the search stays
            search.value = ""
            await settle(pilot)
            assert table.has_focus
        # Typed straight after "/", the letters go into the box, not to the list's own keys.
        table.focus()
        await pilot.pause()
        await type_text(pilot, "/dace")  # "d" adds the demo letter, "c" copies, "a" audits...
        await settle(pilot)
        assert search.value == "dace" and isinstance(app.screen, LettersScreen)
        assert len(screen.summaries) == 0 and not notices(app)


@async_test
async def test_search_filter_copy_delete_and_restore(demo_db: tuple[str, int]) -> None:
    db_url, _ = demo_db
    other = demo_letter()
    other.child.name = "Zac"
    with open_store(db_url, config=Config()) as store:
        zac_id = store.add(other)
        mark(store, zac_id, Status.READY)
    app = app_for(db_url)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LettersScreen)
        assert [s.child for s in screen.summaries] == ["Zac", "Ellie"]

        # Search by the child's name.
        await pilot.press("slash")
        await type_text(pilot, "ell")
        await settle(pilot)
        assert [s.child for s in screen.summaries] == ["Ellie"]
        assert "Zac" not in screen_text(app)
        await pilot.press("ctrl+u")  # clear the search
        await settle(pilot)
        await pilot.press("enter")  # back to the table
        assert len(screen.summaries) == 2

        # The filter cycles through statuses and says which is showing.
        await pilot.press("f")
        await settle(pilot)
        assert "Showing: Drafts (f)" in screen_text(app)
        assert [s.child for s in screen.summaries] == ["Ellie"]
        await pilot.press("f")
        await settle(pilot)
        assert "Showing: Ready to send (f)" in screen_text(app)
        assert [s.child for s in screen.summaries] == ["Zac"]
        await pilot.press("f", "f", "f")  # sent, bin, all
        await settle(pilot)
        assert "Showing: All letters (f)" in screen_text(app)

        # Copy Ellie's letter: a new draft with the same child, for the new meeting's date.
        await pilot.press("down")  # Ellie
        await pilot.press("c")
        await settle(pilot)
        assert "When is the new meeting?" in flat(app)
        await type_text(pilot, "18/11/2026")  # the copied letter's own date is refused
        await pilot.press("enter")
        await settle(pilot)
        assert "That is the date of the letter being copied" in flat(app)
        await pilot.press(*["backspace"] * 10)
        await type_text(pilot, "23/11/2026")
        await pilot.press("enter")
        # Waited for while it shows (a toast goes after a few seconds: a fixed settle may miss it).
        await wait_until(pilot, lambda: "Copied Ellie's letter as a new draft." in notices(app))
        await settle(pilot)
        assert [s.child for s in screen.summaries].count("Ellie") == 2
        dates = sorted(str(s.meeting_date) for s in screen.summaries if s.child == "Ellie")
        assert dates == ["2026-11-18", "2026-11-23"]  # two rows a user can tell apart

        # Delete moves it to the bin, where it can be seen and restored.
        chosen = screen.selected
        assert chosen is not None
        await pilot.press("delete")
        await settle(pilot)
        assert [s.child for s in screen.summaries].count("Ellie") == 1
        assert "Moved Ellie's letter to the bin. Press u to restore it." in notices(app)
        await pilot.press("f", "f", "f", "f")
        await settle(pilot)
        assert "Showing: Bin (deleted letters) (f)" in screen_text(app)
        assert [s.id for s in screen.summaries] == [chosen.id]
        assert "in bin" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert [s.child for s in screen.summaries].count("Ellie") == 2
