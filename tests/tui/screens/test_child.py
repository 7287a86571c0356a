"""A child's letters together, and the next letter started from the child (real app, real SQLite)."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Select

from letters.config import Config
from letters.model import Child, Letter, Meeting, Person, ReviewKind
from letters.store import open_store
from letters.tui.screens.child import ChildScreen
from letters.tui.screens.letters import LettersScreen
from letters.tui.screens.new_letter import NewLetterScreen
from letters.tui.screens.writing import WritingScreen
from tests.tui.helpers import app_for, async_test, screen_text, settle, wait_until


def stored(db_url: str) -> tuple[int, int]:
    """Ellie's two letters (one child: same name and date of birth) and another child's."""
    with open_store(db_url, config=Config()) as store:
        ids = []
        for meeting, kind in ((date(2026, 5, 12), ReviewKind.FIRST), (date(2026, 8, 11), ReviewKind.SECOND)):
            letter = Letter(
                Child("Ellie", date_of_birth=date(2017, 3, 8), case_id="LCS-9" if not ids else ""),
                Meeting(meeting, review_kind=kind, iro="Priya Nandra", participation="PN1"),
                people=[Person("social worker", "Bethany Walsh", "BW", gets_copy=True)],
            )
            ids.append(store.add(letter))
        store.update_child(letter.child_id, looked_after_since=date(2026, 4, 14), uasc=False)
        store.add(
            Letter(Child("Zac", age=12), Meeting(date(2026, 9, 1), iro="Tom Sample", participation="PN1"))
        )
        return ids[0], letter.child_id


@async_test
async def test_a_childs_letters_together_and_the_next_letter_from_the_child(db_url: str) -> None:
    first_id, child_id = stored(db_url)
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        listing = app.screen
        assert isinstance(listing, LettersScreen)
        table = listing.query_one(DataTable)
        table.move_cursor(row=[s.id for s in listing.summaries].index(first_id))
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, ChildScreen) and app.screen.view is not None)
        text = screen_text(app)
        assert "Ellie" in text and "case number LCS-9" in text and "Looked after since 14 Apr 2026" in text
        assert "Zac" not in text
        rows = app.screen.query_one(DataTable)
        assert rows.row_count == 2
        # First review due 20 working days after 14 April 2026 (no bank holidays before 4 May):
        # 15-17 (3) 20-24 (8) 27-30 (12) 1 May (13) [4 May] 5-8 (17) 11, 12, 13 (20): 13 May.
        assert "13 May 2026" in text and "on time" in text
        # The second, 3 months after the first: by 12 August 2026; held the 11th.
        assert "12 Aug 2026" in text

        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, NewLetterScreen))
        new = app.screen
        assert new.query_one("#in-name", Input).value == "Ellie"
        assert new.query_one("#in-born", Input).value == "08/03/2017"
        await pilot.press("pagedown")
        await settle(pilot)
        assert new.query_one("#in-iro", Input).value == "Priya Nandra"
        assert new.query_one("#in-review_kind", Select).value == "later"
        box = new.query_one("#in-meeting_date", Input)
        box.value = "17/11/2026"
        new.query_one("#in-participation", Select).value = "PN1"
        await settle(pilot)
        await pilot.press("pagedown")
        await settle(pilot)
        assert "Bethany Walsh" in screen_text(app)  # who was there, from the latest letter
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: isinstance(app.screen, WritingScreen))
        made = app.screen.letter
    with open_store(db_url, config=Config()) as store:
        assert made.child_id == child_id
        assert store.get(made.id).child.case_id == "LCS-9"
        assert store.child(child_id).letters[-1] == made.id


@async_test
async def test_the_childs_screen_shows_and_changes_their_own_words_and_the_next_letter_starts_with_them(
    db_url: str,
) -> None:
    from letters.model import ChildWords
    from letters.tui.screens.child_words import ChildWordsScreen

    first_id, child_id = stored(db_url)
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(ChildScreen(child_id))
        await wait_until(pilot, lambda: isinstance(app.screen, ChildScreen) and app.screen.view is not None)
        await wait_until(  # the record drawn (a frame after its view arrived)
            pilot,
            lambda: "Ellie's own words: none recorded (w to add them)." in screen_text(app),
            what="the child's words on the record",
        )
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, ChildWordsScreen))
        dialog = app.screen
        dialog.query_one("#words-carers", Input).value = "Nan and Grandad"
        dialog.query_one("#words-other", Input).value = "Nana Pat, Biscuit"
        dialog.query_one("#words-avoid", Input).value = "foster"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Carers: Nan and Grandad" in screen_text(app))
        text = screen_text(app)
        assert "Other words of theirs: Nana Pat, Biscuit" in text
        assert "Words not to use with Ellie: foster" in text
        with open_store(db_url, config=Config()) as store:
            assert store.record_words(child_id) == ChildWords(
                carers="Nan and Grandad", other=["Nana Pat", "Biscuit"], avoid=["foster"]
            )
            assert store.get(first_id).child.words == ChildWords()  # a letter keeps its own
        # The next letter from the child starts with the record's words.
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, NewLetterScreen))
        new = app.screen
        assert new.query_one("#in-own_words", Input).value == "Nana Pat, Biscuit"
        await pilot.press("pagedown")
        await settle(pilot)
        new.query_one("#in-meeting_date", Input).value = "17/11/2026"
        new.query_one("#in-participation", Select).value = "PN1"
        await settle(pilot)
        await pilot.press("pagedown")
        await settle(pilot)
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: isinstance(app.screen, WritingScreen))
        made = app.screen.letter
    assert made.child.words == ChildWords(
        carers="Nan and Grandad", other=["Nana Pat", "Biscuit"], avoid=["foster"]
    )
    with open_store(db_url, config=Config()) as store:
        assert store.get(made.id).child.words == made.child.words
