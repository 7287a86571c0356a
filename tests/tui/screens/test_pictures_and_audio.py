"""The preview's pictures and the export's letter read aloud, used as an IRO would, keyboard only:
the preview says which pictures appear, one is swapped and one turned off, pictures are turned on
for an older reader, the names read aloud are edited, and the MP3 is written (or, without
espeak-ng, the Word files are and the screen says how to install it). Every change is saved."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from msgspec.structs import replace
from textual.widgets import Input, OptionList

from letters.config import Config, ExportConfig
from letters.demo import demo_letter
from letters.model import Pronunciation
from letters.store import open_store
from letters.tui.screens.confirm import ChoiceScreen
from letters.tui.screens.export import ExportScreen
from letters.tui.screens.names_aloud import NamesScreen
from letters.tui.screens.preview import PreviewScreen
from letters.tui.screens.writing import WritingScreen
from letters.tui.widgets.text_checkbox import TextCheckbox
from tests.tui.helpers import app_for, async_test, screen_text, settle, wait_until


def young_db(db_url: str, age: int = 5) -> int:
    letter = demo_letter()
    letter.child.age, letter.child.date_of_birth = age, None
    letter.meeting.participation = "PN1"
    with open_store(db_url, config=Config()) as store:
        return store.add(letter)


async def open_letter(pilot) -> WritingScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WritingScreen)
    return screen


async def saved(pilot, screen: WritingScreen) -> None:  # type: ignore[no-untyped-def]
    saver = screen.saver
    await wait_until(pilot, lambda: saver.state == "saved" and saver.edits == saver.saved_edits)


@async_test
async def test_the_preview_lists_the_pictures_and_the_iro_swaps_one_and_turns_one_off(db_url: str) -> None:
    letter_id = young_db(db_url, age=5)
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        writing = await open_letter(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, PreviewScreen)
        await wait_until(pilot, lambda: "pictures beside headings" in screen_text(app))
        await pilot.press("3")
        await pilot.pause()
        text = screen_text(app)
        assert "Pictures are on: they are for readers under 8, and this reader is 5." in text
        assert "School: a school (school), beside the heading “School”" in text
        assert "home: a house (house), beside “house”" in text

        rows = app.screen.picture_rows
        options = app.screen.query_one("#pictures-list", OptionList)
        options.focus()
        options.highlighted = next(i for i, r in enumerate(rows) if r.concept == "school")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        choices = app.screen.query_one(OptionList)
        choices.highlighted = app.screen.choices.index("a school bag (backpack)")
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: "School: a school bag (backpack)" in screen_text(app))

        options.highlighted = next(i for i, r in enumerate(app.screen.picture_rows) if r.concept == "home")
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one(OptionList).highlighted = 1  # "No picture for “home”"
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: "home: no picture (turned off for this letter)" in screen_text(app))
        await saved(pilot, writing)
        assert app.store is not None
        assert app.store.get(letter_id).pictures.choices == {"school": "backpack", "home": ""}

        await pilot.press("p")  # all pictures off for this letter
        await wait_until(pilot, lambda: "Pictures are off for this letter." in screen_text(app))
        await saved(pilot, writing)
        assert app.store.get(letter_id).pictures.show is False


@async_test
async def test_an_older_readers_letter_gets_pictures_when_the_iro_asks(demo_db: tuple[str, int]) -> None:
    db_url, letter_id = demo_db  # Ellie is 9
    app = app_for(db_url)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        writing = await open_letter(pilot)
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("3")
        await wait_until(pilot, lambda: "this reader is 9. Press p to" in screen_text(app))
        await pilot.press("p")
        await wait_until(pilot, lambda: "Pictures are on for this letter." in screen_text(app))
        await saved(pilot, writing)
        assert app.store is not None and app.store.get(letter_id).pictures.show is True
        await pilot.press("p")  # back to what her age gives: nothing stored
        await wait_until(pilot, lambda: "this reader is 9. Press p to" in screen_text(app))
        await saved(pilot, writing)
        assert app.store.get(letter_id).pictures.show is None


@async_test
async def test_names_read_aloud_are_edited_and_saved(demo_db: tuple[str, int]) -> None:
    db_url, letter_id = demo_db
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        writing = await open_letter(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        await pilot.click("#export-names")
        await settle(pilot)
        assert isinstance(app.screen, NamesScreen)
        rows = list(app.screen.query(".written"))
        bw = next(i for i, w in enumerate(rows) if isinstance(w, Input) and w.value == "BW")
        assert list(app.screen.query(".say"))[bw].value == "Bethany"  # the default, shown
        list(app.screen.query(".say"))[bw].value = ""
        list(app.screen.query(".letters"))[bw].value = True
        okoro = next(i for i, w in enumerate(rows) if isinstance(w, Input) and w.value == "Mr Okoro")
        list(app.screen.query(".say"))[okoro].value = "Mister Oh-kor-oh"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        await saved(pilot, writing)
        assert app.store is not None
        assert app.store.get(letter_id).pronunciations == [
            Pronunciation("BW", letters=True),
            Pronunciation("Mr Okoro", say="Mister Oh-kor-oh"),
        ]


@async_test
async def test_export_without_espeak_writes_the_word_files_and_says_how_to_install(
    demo_db: tuple[str, int], tmp_path: Path
) -> None:
    db_url, _ = demo_db
    config = replace(Config(), export=ExportConfig(espeak_ng=str(tmp_path / "no-espeak")))
    app = app_for(db_url, config)
    out = tmp_path / "out"
    out.mkdir()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_letter(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        app.screen.query_one("#export-folder", Input).value = str(out)
        app.screen.query_one("#export-audio", TextCheckbox).value = True
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: "not written" in screen_text(app) or "✓ Wrote" in screen_text(app))
        text = screen_text(app)
        assert "✓ Wrote both Word files" in text
        assert "✗ The letter read aloud was not written: espeak-ng was not found" in text
        assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".docx"]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng: apt-get install espeak-ng")
@async_test
async def test_export_reads_the_letter_aloud_when_asked(demo_db: tuple[str, int], tmp_path: Path) -> None:
    db_url, letter_id = demo_db
    app = app_for(db_url)
    out = tmp_path / "out"
    out.mkdir()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_letter(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        app.screen.query_one("#export-folder", Input).value = str(out)
        await pilot.click("#export-audio")
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: "Read aloud:" in screen_text(app), timeout=60)
        assert (out / f"letter-{letter_id}-2026-11-18-child.mp3").stat().st_size > 100_000
