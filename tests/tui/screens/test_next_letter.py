"""The next letter in the app, as an IRO uses it: what happened to last time's decisions chosen in
the writing screen with a sentence for the child, overdue decisions in words in the list and the
writing screen, a day asked for when "by when" names none. Real app, real SQLite file, Pilot."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.widgets import Input, Select, Static

from letters.config import Config
from letters.demo import demo_letter
from letters.followup import next_letter
from letters.model import SINCE_LAST, Outcome
from letters.store import open_store
from letters.tui.app import make_app
from letters.tui.screens.writing import WritingScreen
from letters.tui.widgets.decisions_editor import DecisionsEditor
from letters.tui.widgets.followups_editor import FollowUpRow, FollowUpsEditor
from tests.tui.helpers import NOW, async_test, screen_text, settle, type_text, wait_until

#: After both dated decisions of the demo letter (30 November and 11 December 2026).
LATER = date(2026, 12, 14)


def app_on(db_url: str, today: date) -> Any:
    return make_app(Config(), database_url=db_url, today=lambda: today, now=lambda: NOW)


def two_letters(db_url: str) -> tuple[int, int]:
    """The demo letter and the child's next letter, made from it, for a meeting on 14 December."""
    with open_store(db_url, config=Config()) as store:
        first = store.add(demo_letter())
        second = store.add(next_letter(store.get(first), LATER).letter)
    return first, second


async def open_letter(pilot: Any, letter_id: int) -> WritingScreen:
    await settle(pilot)
    table = pilot.app.screen.query_one("#letters-table")
    ids = [s.id for s in pilot.app.screen.summaries]
    table.move_cursor(row=ids.index(letter_id))
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, WritingScreen), what="the letter")
    screen = pilot.app.screen
    await wait_until(pilot, lambda: screen.report is not None, what="the first checks")
    return screen


def shown(row: FollowUpRow, part: str) -> str:
    """What a part of a row shows (it wraps on screen, so read it from the widget)."""
    static = row.query_one(f".{part}", Static)
    assert static.display and static.region.height > 0  # on screen
    return str(static.content)


def due_line(row: Any) -> str:
    line = row.query_one(".row-due", Static)
    return str(line.content) if line.display else ""


async def choose(pilot: Any, row: FollowUpRow, label: str) -> None:
    """Choose an outcome with the keyboard, as an IRO would: focus, enter, arrows, enter."""
    select = row.query_one(Select)
    select.focus()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    labels = ["What happened?", "Done", "Not yet", "Changed", "No longer needed"]
    for _ in range(labels.index(label)):
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)


@async_test
async def test_the_iro_says_what_happened_to_each_decision_and_the_child_reads_it(db_url: str) -> None:
    first, second = two_letters(db_url)
    app = app_on(db_url, LATER)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_letter(pilot, second)
        await pilot.press("ctrl+down")  # Hello, then "Since your last meeting"
        await settle(pilot)
        assert screen.current == SINCE_LAST
        text = screen_text(app)
        assert "Since your last meeting" in text
        assert "For each decision from last time, choose what happened" in text  # the 7-11 prompt
        editor = screen.query_one(FollowUpsEditor)
        assert editor.border_subtitle == "4 decisions, 4 to say what happened, 2 overdue"
        rows = editor.rows
        rows[2].scroll_visible(animate=False, top=True)
        await settle(pilot)
        text = screen_text(app)
        assert "3. Book an eye test" in text
        assert "! Overdue: it was due 30 Nov 2026." in text
        assert shown(rows[2], "fu-reads") == (
            "The child reads: Last time we said Anne would book an eye test for you. [what happened]"
        )
        assert shown(rows[2], "fu-problem") == (
            "✗ Choose what happened: done, not yet, changed or no longer needed."
        )
        assert "! 2 decisions overdue (Since your last meeting 1, 3)" in text

        await choose(pilot, rows[2], "Done")
        rows[2].scroll_visible(animate=False, top=True)
        happened = rows[2].query_one(".happened", Input)
        assert happened.value == "Anne did this."  # plain words, for the IRO to make their own
        happened.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "She did: your new glasses are blue.")
        await settle(pilot)
        assert shown(rows[2], "fu-reads") == (
            "The child reads: Last time we said Anne would book an eye test for you. She did: your new "
            "glasses are blue."
        )
        assert not rows[2].query_one(".fu-problem").display
        assert "! 1 decision overdue (Since your last meeting 1)" in screen_text(app)

        await choose(pilot, rows[0], "Not yet")
        assert rows[0].query_one(".happened", Input).value == "This has not happened yet."
        assert "! Overdue: it was due 11 Dec 2026 and has not happened yet." in shown(rows[0], "fu-decision")
        await choose(pilot, rows[1], "Changed")
        rows[1].query_one(".happened", Input).value = ""
        await settle(pilot)
        assert shown(rows[1], "fu-problem") == "✗ Say what changed and why."
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen.save_state == "saved", what="the save")

    with open_store(db_url, config=Config()) as store:
        saved = store.get(second)
        assert [f.outcome for f in saved.followups] == [
            Outcome.NOT_YET,
            Outcome.CHANGED,
            Outcome.DONE,
            Outcome.UNRECORDED,
        ]
        assert saved.followups[2].happened == "She did: your new glasses are blue."
        # The first letter: its eye test is settled by the next letter; family time is not yet.
        assert store.summary(first).overdue_on(LATER) == [1]
        assert store.outcomes_for(first) == {1: Outcome.NOT_YET, 2: Outcome.CHANGED, 3: Outcome.DONE}


@async_test
async def test_overdue_decisions_show_in_the_list_and_on_the_writing_screen(db_url: str) -> None:
    first, second = two_letters(db_url)
    app = app_on(db_url, LATER)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Decisions" in text and "! 2 overdue" in text  # the first letter's, in words
        screen = await open_letter(pilot, first)
        await settle(pilot)
        assert "! 2 decisions overdue (What we decided 1, 3)" in screen_text(app)
        for _ in range(4):
            await pilot.press("ctrl+down")
        await settle(pilot)
        assert screen.current == "decisions"
        editor = screen.query_one(DecisionsEditor)
        assert due_line(editor.rows[2]) == "! Overdue: due 30 Nov 2026."
        assert due_line(editor.rows[1]).startswith("No day in “by when”")
        assert due_line(editor.rows[0]) == "! Overdue: due 11 Dec 2026."
        assert "! Overdue: due 11 Dec 2026." in screen_text(app)  # on screen, in words


@async_test
async def test_a_day_is_asked_for_when_by_when_names_none(db_url: str) -> None:
    with open_store(db_url, config=Config()) as store:
        letter_id = store.add(demo_letter())
    app = app_on(db_url, date(2026, 11, 24))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_letter(pilot, letter_id)
        for _ in range(4):
            await pilot.press("ctrl+down")
        await settle(pilot)
        editor = screen.query_one(DecisionsEditor)
        row = editor.rows[1]  # "before the Christmas holidays"
        assert due_line(editor.rows[0]) == "Due 11 Dec 2026."
        assert due_line(row) == (
            "No day in “by when”: type the day it is due in the date box, so overdue can be known."
        )
        due = row.query_one(".due", Input)
        assert due.display
        due.focus()
        await type_text(pilot, "31/12/2026")
        await settle(pilot)
        assert due_line(row) == "Due 31 Dec 2026."
        await pilot.press("ctrl+u")
        await type_text(pilot, "31/02/2026")
        await settle(pilot)
        problem = row.query_one(".row-problem", Static)
        assert str(problem.content) == "✗ The date box: There is no 31 February 2026: check the day."
        assert problem.display
        await pilot.press("ctrl+u")
        await type_text(pilot, "18/12/2026")
        await settle(pilot)
        assert due_line(row) == "Due 18 Dec 2026." and not problem.display
        assert not editor.rows[0].query_one(".due", Input).display  # "by 30 November" names its day
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen.save_state == "saved", what="the save")
    with open_store(db_url, config=Config()) as store:
        assert store.get(letter_id).decisions[1].due == date(2026, 12, 18)
        assert store.summary(letter_id).overdue_on(date(2026, 12, 19)) == [1, 2, 3]


@async_test
async def test_the_childs_own_words_are_edited_in_the_app_and_used_by_the_checks(db_url: str) -> None:
    from letters.tui.screens.child_words import ChildWordsScreen
    from letters.tui.widgets.findings_list import FindingsList

    with open_store(db_url, config=Config()) as store:
        letter_id = store.add(demo_letter())
    app = app_on(db_url, date(2026, 11, 24))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_letter(pilot, letter_id)
        await pilot.press("ctrl+down", "ctrl+down", "ctrl+down")  # Worries
        await settle(pilot)
        assert screen.current == "worries"
        await pilot.press("ctrl+home")
        await type_text(pilot, "Your foster carers want you to settle in your placement. ")
        await pilot.press("f9")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ChildWordsScreen)
        assert "Ellie's own words" in screen_text(app)
        dialog.query_one("#words-carers", Input).focus()
        await type_text(pilot, "Nan and Grandad")
        dialog.query_one("#words-avoid", Input).focus()
        await type_text(pilot, "placement, " + "x" * 201)
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog  # not kept: a word is too long
        assert "✗ Keep each word to 200 characters" in str(
            dialog.query_one("#words-avoid-problem", Static).content
        )
        await pilot.press(*["backspace"] * 203)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        await wait_until(
            pilot, lambda: screen.report is not None and screen.letter.child.words.avoid == ["placement"]
        )
        await wait_until(
            pilot,
            lambda: any(e.finding.rule == "child-words" for e in screen.query_one(FindingsList).entries),
            what="the word to avoid flagged",
        )
        entries = screen.query_one(FindingsList).entries
        jargon = next(e for e in entries if e.flagged == "foster carers")
        assert jargon.replacements[0] == "Nan and Grandad"  # her word first, not their names
        avoided = next(e for e in entries if e.finding.rule == "child-words")
        assert avoided.flagged == "placement"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen.save_state == "saved", what="the save")
    with open_store(db_url, config=Config()) as store:
        words = store.get(letter_id).child.words
        assert (words.carers, words.avoid, words.other) == (
            "Nan and Grandad",
            ["placement"],
            ["Nana Pat", "Anne and Mark", "Biscuit"],
        )
        after = next_letter(store.get(letter_id), LATER).letter  # the words come forward
        assert after.child.words == words


@async_test
async def test_the_iro_chooses_words_for_the_glossary_page_and_each_meaning_is_checked(db_url: str) -> None:
    from letters.tui.screens.glossary import GlossaryScreen
    from letters.tui.screens.preview import PreviewScreen
    from letters.tui.widgets.text_checkbox import TextCheckbox

    with open_store(db_url, config=Config()) as store:
        letter_id = store.add(demo_letter())
    app = app_on(db_url, date(2026, 11, 24))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await open_letter(pilot, letter_id)
        await pilot.press("ctrl+down", "ctrl+down", "ctrl+down")  # Worries
        await pilot.press("ctrl+home")
        await type_text(pilot, "Your IRO and your advocate will help you. ")
        await wait_until(pilot, lambda: "advocate" in screen.report.joined_text, what="the check")  # type: ignore[union-attr]
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: isinstance(app.screen, GlossaryScreen), what="the glossary dialog")
        dialog = app.screen
        terms = [r.term for r in dialog.rows]
        assert "IRO" in terms and "advocate" in terms
        iro, advocate = terms.index("IRO"), terms.index("advocate")
        iro_row = dialog.query_one(f"#glossary-{iro}")
        assert iro_row.query_one(".glossary-meaning", Input).value == (
            "That's me, Priya. I check that your plan is right for you."
        )
        iro_row.query_one(TextCheckbox).value = True
        row = dialog.query_one(f"#glossary-{advocate}")
        row.query_one(TextCheckbox).value = True
        meaning = row.query_one(".glossary-meaning", Input)
        meaning.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "Someone who facilitates your participation in the process.")
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: row.query_one(".glossary-problem", Static).display, what="the meaning checked"
        )
        assert app.screen is dialog  # not kept: that meaning is not in words Ellie knows
        assert str(row.query_one(".glossary-problem", Static).content).startswith("✗ For Ellie: ")
        await pilot.press("ctrl+u")
        await type_text(pilot, "Someone who helps you say what you think.")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen, what="the glossary kept")
        assert [(g.term, g.text) for g in screen.letter.glossary] == [
            ("IRO", "That's me, Priya. I check that your plan is right for you."),
            ("advocate", "Someone who helps you say what you think."),
        ]
        await pilot.press("f6")
        await wait_until(pilot, lambda: isinstance(app.screen, PreviewScreen), what="the preview")
        await settle(pilot)
        await wait_until(
            pilot,
            lambda: "Words in this letter" in str(app.screen.query_one("#child-text", Static).content),
            what="the glossary page in the preview",
        )
        shown = str(app.screen.query_one("#child-text", Static).content)
        assert shown.rstrip().endswith("Advocate: Someone who helps you say what you think.")  # last
        await pilot.press("escape")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen.save_state == "saved", what="the save")
    with open_store(db_url, config=Config()) as store:
        assert [g.term for g in store.get(letter_id).glossary] == ["IRO", "advocate"]


@async_test
async def test_an_iro_writes_their_profile_once_in_the_app(db_url: str, tmp_path: Any) -> None:
    from pathlib import Path

    from textual.widgets import TextArea

    from letters.tui.screens.iro_profile import IroProfileScreen

    png = Path(__file__).parents[3] / "docs" / "picture-letter.png"
    (tmp_path / "me.png").write_bytes(png.read_bytes())
    (tmp_path / "me.gif").write_bytes(b"GIF89a not a photo")
    app = app_on(db_url, date(2026, 11, 24))
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IroProfileScreen)
        assert "A few sentences about you for each age band" in screen_text(app)
        await type_text(pilot, "Sam Okafor")
        screen.query_one("#profile-under7", TextArea).focus()
        await type_text(pilot, "I am Sam. I check that the grown-ups look after you.")
        screen.query_one("#profile-7-11", TextArea).focus()
        await type_text(pilot, "I am Sam. I facilitate your review.")
        screen.query_one("#profile-photo", Input).focus()
        await type_text(pilot, str(tmp_path / "me.gif"))
        await pilot.press("ctrl+s")
        problem = screen.query_one("#profile-7-11-problem", Static)
        await wait_until(pilot, lambda: problem.display, what="the words checked")
        assert str(problem.content) == (
            "✗ Not yet in words for this age: “facilitate”: 'facilitate' is a formal word: use an "
            "everyday one."
        )
        assert "PNG or JPEG" in str(screen.query_one("#profile-photo-problem", Static).content)
        assert app.store is not None and app.store.profile("Sam Okafor") is None  # nothing kept
        area = screen.query_one("#profile-7-11", TextArea)
        area.load_text("I am Sam. I check that your plan is right for you. I like football.")
        screen.query_one("#profile-photo", Input).value = str(tmp_path / "me.png")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.store.profile("Sam Okafor") is not None, what="the profile kept")
        await settle(pilot)
        assert "A photo is kept." in screen_text(app)
        kept = app.store.profile("Sam Okafor")
        assert kept is not None and kept.texts == {
            "under7": "I am Sam. I check that the grown-ups look after you.",
            "7-11": "I am Sam. I check that your plan is right for you. I like football.",
        }
        assert app.store.photo(kept.photo) == ("image/png", png.read_bytes())
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("i")  # opened again: it is there, by the name remembered
        await settle(pilot)
        again = app.screen
        assert isinstance(again, IroProfileScreen)
        await wait_until(
            pilot,
            lambda: again.query_one("#profile-under7", TextArea).text.startswith("I am Sam."),
            what="load",
        )


@async_test
async def test_the_next_letter_from_the_child_is_the_same_mechanism_as_letters_new_next(db_url: str) -> None:
    from textual.widgets import DataTable

    from letters.iro_profile import IroProfile
    from letters.model import ABOUT_ME, ChildWords
    from letters.tui.screens.child import ChildScreen
    from letters.tui.screens.new_letter import NewLetterScreen

    with open_store(db_url, config=Config()) as store:
        letter = demo_letter()
        letter.child.words = ChildWords(carers="Anne and Mark", other=["Biscuit"], avoid=["foster"])
        first = store.add(letter)
        store.save_profile(
            IroProfile("Sam Okafor", {"7-11": "I am Sam. I check that your plan is right for you."})
        )
    app = app_on(db_url, LATER)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.screen.query_one(DataTable).move_cursor(row=0)
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, ChildScreen) and app.screen.view is not None)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, NewLetterScreen))
        new = app.screen
        await pilot.press("pagedown")
        await settle(pilot)
        new.query_one("#in-meeting_date", Input).value = "14/12/2026"
        new.query_one("#in-iro", Input).value = "Sam Okafor"  # an IRO new to Ellie
        new.query_one("#in-participation", Select).value = "PN1"
        await settle(pilot)
        await pilot.press("pagedown")
        await settle(pilot)
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: isinstance(app.screen, WritingScreen), what="the new letter")
        made = app.screen.letter
        assert [s.key for s in made.sections][:3] == ["hello", ABOUT_ME, SINCE_LAST]
        assert made.section(ABOUT_ME).text == "I am Sam. I check that your plan is right for you."  # type: ignore[union-attr]
        assert [f.number for f in made.followups] == [1, 2, 3, 4] and {f.letter for f in made.followups} == {
            first
        }
        assert made.child.words.carers == "Anne and Mark" and made.child.words.avoid == ["foster"]
        assert "decisions of the last letter await what happened" in " ".join(
            n.message for n in app._notifications
        )
    with open_store(db_url, config=Config()) as store:
        stored = store.get(made.id)  # type: ignore[arg-type]
        assert stored.child_id == store.get(first).child_id and len(stored.followups) == 4


@async_test
async def test_a_sent_next_letter_changes_only_once_amended(db_url: str) -> None:
    """Last time's decisions, the decisions, the glossary and the child's words are read-only on a
    sent letter, as its text is; once amended (f8, with a reason) they can be changed."""
    from letters.followup import record_outcome
    from letters.model import Status
    from letters.store.gate import mark
    from letters.tui.screens.child_words import ChildWordsScreen
    from letters.tui.screens.reason import ReasonScreen

    meeting, sent = date(2026, 11, 30), date(2026, 12, 1)  # sent on a day that has been
    with open_store(db_url, config=Config()) as store:
        first = store.add(demo_letter())
        letter = next_letter(store.get(first), meeting).letter
        for followup in letter.followups:
            record_outcome(followup, Outcome.DONE, letter)
        second = store.add(letter)
        mark(store, second, Status.SENT, sent_on=sent)
    app = app_on(db_url, sent)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_letter(pilot, second)
        assert "read-only. f8 amends it" in screen_text(app)
        await pilot.press("ctrl+down")  # "Since your last meeting"
        await settle(pilot)
        assert screen.current == SINCE_LAST
        assert screen.query_one(FollowUpsEditor).disabled
        keys = [s.key for s in screen.letter.sections]
        for _ in range(keys.index("decisions") - keys.index(SINCE_LAST)):
            await pilot.press("ctrl+down")
        await settle(pilot)
        assert screen.current == "decisions" and screen.query_one(DecisionsEditor).disabled
        for key in ("f9", "ctrl+g"):
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is screen  # no dialog: nothing of a sent letter changes unasked
        await pilot.press("f8")
        await wait_until(pilot, lambda: isinstance(app.screen, ReasonScreen), what="the reason")
        await type_text(pilot, "The outcome of the eye test was wrong\n")
        await wait_until(pilot, lambda: app.screen is screen)
        assert not screen.query_one(DecisionsEditor).disabled
        assert not screen.query_one(FollowUpsEditor).disabled
        await pilot.press("f9")
        await wait_until(pilot, lambda: isinstance(app.screen, ChildWordsScreen), what="the words dialog")
