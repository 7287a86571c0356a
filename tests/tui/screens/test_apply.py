"""The apply dialog (f3): each fix with its kind and exactness, brackets shown as written, slots
filled from the letter's people, nothing written until every slot is filled, applied in grammar."""

from __future__ import annotations

from textual.widgets import Input

from letters.tui.screens.apply import ApplyScreen
from letters.tui.screens.writing import WritingScreen
from letters.tui.widgets.findings_list import FindingsList
from letters.tui.widgets.flagged_text_area import FlaggedTextArea
from tests.tui.helpers import app_for, async_test, notices, screen_text, settle, type_text, wait_until


def flat(app: object) -> str:
    """The dialog's words as the user reads them: its region of the terminal, lines joined."""
    dialog = app.screen.query_one("#apply")  # type: ignore[attr-defined]
    x, y, width, height = dialog.region
    lines = screen_text(app).splitlines()[y : y + height]  # type: ignore[arg-type]
    text = " ".join(line[x : x + width] for line in lines)
    return " ".join(text.translate({ord(c): " " for c in "│█▀▄▌▐▏▊▎▔▁"}).split())


async def a_flagged_sentence(pilot, sentence: str, flagged: str) -> WritingScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("enter")  # the demo letter
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WritingScreen)
    await wait_until(pilot, lambda: screen.report is not None)
    await type_text(pilot, sentence)
    findings = screen.query_one(FindingsList)
    await wait_until(pilot, lambda: any(e.flagged == flagged for e in findings.entries), what=flagged)
    await pilot.press("up", "home", "f2", "f3")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ApplyScreen)
    return screen


@async_test
async def test_a_template_shows_as_written_and_is_filled_from_the_letter(demo_db: tuple[str, int]) -> None:
    app = app_for(demo_db[0])
    async with app.run_test(size=(100, 34), notifications=True) as pilot:
        screen = await a_flagged_sentence(pilot, "We talked about your placement. ", "placement")
        editor = screen.query_one(FlaggedTextArea)
        text = flat(app)
        assert "Replace “placement” with:" in text
        # Each fix with its kind, whether it means the same, and its note; brackets as written.
        assert "home words to use · check it fits what you mean say 'home' only if the child" in text
        assert "[what you call your home] words to fill in · means the same" in text
        assert "living with [name] words to fill in · check it fits what you mean say who" in text
        assert "It will read: We talked about your home." in text
        await pilot.press("down", "down", "down", "enter")  # "living with [name]": who is asked
        await pilot.pause()
        assert "[name]: a person in the letter (choose who). From the letter: Ellie · Priya · BW" in flat(app)
        assert "It will read: We talked about living with …name…." in flat(app)
        await pilot.press("enter")  # nothing filled in: nothing is written
        await pilot.pause()
        assert "✗ Fill in [name] first: nothing is written until then." in flat(app)
        assert isinstance(app.screen, ApplyScreen)
        assert editor.text.startswith("We talked about your placement. Dear Ellie")
        await type_text(pilot, "An")
        await pilot.press("right")  # takes the suggestion from the letter's people
        await pilot.pause()
        assert app.screen.query_one("#slot-0", Input).value == "Anne"
        assert "It will read: We talked about living with Anne." in flat(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert editor.text.startswith("We talked about living with Anne. Dear Ellie")
        assert "Replaced “your placement” with “living with Anne”." in notices(app)


@async_test
async def test_a_replacement_absorbs_the_possessive_and_escape_changes_nothing(
    demo_db: tuple[str, int],
) -> None:
    app = app_for(demo_db[0])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await a_flagged_sentence(pilot, "Your LAC review went well. ", "LAC review")
        editor = screen.query_one(FlaggedTextArea)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and editor.text.startswith("Your LAC review went well.")
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("enter")  # "your meeting", at the start of a sentence
        await settle(pilot)
        assert editor.text.startswith("Your meeting went well. Dear Ellie")


@async_test
async def test_advice_is_shown_and_never_inserted(demo_db: tuple[str, int]) -> None:
    app = app_for(demo_db[0])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WritingScreen)
        await wait_until(pilot, lambda: screen.report is not None)
        await type_text(pilot, "Ring me on 07700 900123. ")
        findings = screen.query_one(FindingsList)
        await wait_until(pilot, lambda: any(e.finding.rule == "personal-data" for e in findings.entries))
        entry = next(e for e in findings.entries if e.finding.rule == "personal-data")
        assert not entry.fixes and entry.advice  # only advice
        findings.focus()
        findings.highlighted = findings.entries.index(entry)
        before = screen.query_one(FlaggedTextArea).text
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen is screen  # no dialog: nothing to put in
        assert any(n.startswith("No ready-made fix for this one") and "Tip:" in n for n in notices(app))
        assert screen.query_one(FlaggedTextArea).text == before
