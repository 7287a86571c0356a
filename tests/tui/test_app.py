"""App-wide behaviour: help, the command palette, errors shown in the app, NO_COLOR, first paint."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from letters.config import AuthorityConfig, Config
from letters.tui.screens.export import ExportScreen
from letters.tui.screens.help import HelpScreen
from letters.tui.screens.preview import PreviewScreen
from letters.tui.screens.writing import WritingScreen
from letters.tui.widgets.flagged_text_area import FlaggedTextArea
from tests.tui.helpers import (
    app_for,
    async_test,
    notices,
    screen_text,
    settle,
    type_text,
    wait_until,
)


async def open_first_letter(pilot) -> WritingScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WritingScreen)
    return screen


@async_test
async def test_help_lists_the_keys_of_the_screen_it_was_opened_from(demo_db: tuple[str, int]) -> None:
    app = app_for(demo_db[0])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_first_letter(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Writing" in text
        assert "f2" in text and "Select the next flagged words" in text
        assert "ctrl+down" in text and "Write the next section" in text
        assert "ctrl+q" in text and "Save and quit" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WritingScreen)


@async_test
async def test_help_reads_the_keys_as_they_are_now(demo_db: tuple[str, int]) -> None:
    """A key moved by a keymap is listed where it now is; a key with nothing to act on says so."""
    app = app_for(demo_db[0])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_first_letter(pilot)
        app.set_keymap({"writing.next_finding": "f8"})
        await pilot.press("f1")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert any("f8" in line and "Select the next flagged words" in line for line in lines)
        assert not any("f2 " in line and "Select the next flagged words" in line for line in lines)
        assert any("f3" in line and "(nothing to act" in line for line in lines)  # no findings here


@async_test
async def test_the_palette_offers_what_the_current_screen_can_do(demo_db: tuple[str, int]) -> None:
    app = app_for(demo_db[0])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        text = screen_text(app)
        for command in ("Open", "Copy", "Delete", "Export", "New letter"):
            assert command in text
        assert "Restore" not in text  # nothing in the bin: nothing to restore
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WritingScreen)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "preview")
        await wait_until(pilot, lambda: "See the letter as the child" in screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PreviewScreen)


@async_test
async def test_a_database_that_cannot_be_opened_is_explained(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-file"
    folder.mkdir()
    app = app_for(f"sqlite:///{folder}")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert "The letters database could not be opened." in screen_text(app)
        assert app.store is None and app.store_problem
        assert any(app.store_problem in n for n in notices(app))
        await pilot.press("ctrl+n")  # the app still works: nothing is lost by trying
        await settle(pilot)
        assert "step 1 of 3" in screen_text(app)


@async_test
async def test_a_locked_database_keeps_the_text_and_saves_when_it_can(
    demo_db: tuple[str, int],
) -> None:
    db_url, letter_id = demo_db
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_first_letter(pilot)
        await wait_until(pilot, lambda: screen.report is not None)
        # Another program holds the write lock.
        other = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            await type_text(pilot, "Hello again. ")
            await wait_until(pilot, lambda: screen.save_state == "failed", timeout=20)
            assert "✗ Not saved:" in screen_text(app)
            assert any("locked" in n or "busy" in n for n in notices(app)), notices(app)
            assert screen.query_one(FlaggedTextArea).text.startswith("Hello again. Dear Ellie")
        finally:
            other.execute("ROLLBACK")
            other.close()
        # The app tries again by itself.
        await wait_until(pilot, lambda: screen.save_state == "saved", timeout=20)
        assert app.store is not None
        assert app.store.get(letter_id).section("hello").text.startswith("Hello again. ")


@async_test
async def test_an_export_folder_that_cannot_be_used_is_explained(
    demo_db: tuple[str, int], tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "letters.txt"
    not_a_folder.write_text("a file, not a folder")
    app = app_for(demo_db[0])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_first_letter(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-folder", Input).value = str(not_a_folder)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: "not written" in screen_text(app))
        assert "✗ The Word files were not written:" in screen_text(app)
        assert "is not a folder" in screen_text(app)
        assert list(tmp_path.glob("*.docx")) == []
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.letter.section("hello").text.startswith("Dear Ellie")


@async_test
async def test_a_broken_template_is_named_and_the_letter_kept(
    demo_db: tuple[str, int], tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "child_letter.txt.j2").write_text("Hello {{ child.name }\n{% if %}\n")
    config = Config(authority=AuthorityConfig(template_dir=str(templates)))
    app = app_for(demo_db[0], config)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_first_letter(pilot)
        await pilot.press("f6")
        await settle(pilot)
        child = app.screen.query_one("#child-text", Static)
        await wait_until(pilot, lambda: "cannot be shown" in str(child.content))
        assert "child_letter.txt.j2" in str(child.content)
        assert "The letter itself is safe." in screen_text(app)
        await pilot.press("ctrl+e")
        await settle(pilot)
        out = tmp_path / "out"
        out.mkdir()
        app.screen.query_one("#export-folder", Input).value = str(out)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: "not written" in screen_text(app))
        assert "child_letter.txt.j2" in screen_text(app)
        assert list(out.iterdir()) == []
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen is screen


@async_test
async def test_no_color_still_says_everything_in_text(
    demo_db: tuple[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for(demo_db[0])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_first_letter(pilot)
        await wait_until(pilot, lambda: screen.report is not None)
        await type_text(pilot, "Your placement. ")
        await wait_until(
            pilot,
            lambda: any(f.text == "placement" for f in screen.query_one(FlaggedTextArea).visible_flags()),
        )
        svg = app.export_screenshot()
        fills = set(re.findall(r"fill: #([0-9a-f]{6})", svg))
        # c5c8c6 is the SVG frame's own default text colour (Rich's export theme), not the app's.
        colours = {c for c in fills if not c[0:2] == c[2:4] == c[4:6]} - {"c5c8c6"}
        assert fills and not colours, colours  # greys only
        assert "text-decoration: underline" in svg  # the flagged word is underlined
        text = screen_text(app)
        assert "! Hello (1)" in text  # the section's mark
        assert "] OK" in text or " over" in text  # the gauge's verdict in words, after its bar
