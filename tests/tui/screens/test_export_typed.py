"""What was typed just before ctrl+e is in the exported Word letter (it is saved first)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from textual.widgets import Input

from tests.tui.helpers import app_for, async_test, screen_text, settle, wait_until
from tests.tui.screens.test_pictures_and_audio import open_letter


@async_test
async def test_text_typed_just_before_export_is_in_the_word_letter(
    demo_db: tuple[str, int], tmp_path: Path
) -> None:
    db_url, letter_id = demo_db
    app = app_for(db_url)
    out = tmp_path / "out"
    out.mkdir()
    async with app.run_test(size=(100, 34)) as pilot:
        await open_letter(pilot)
        await pilot.press("end")
        for key in " We talked about your dog.":
            await pilot.press("space" if key == " " else key)
        await pilot.press("ctrl+e")  # at once: no pause for the autosave
        await settle(pilot)
        app.screen.query_one("#export-folder", Input).value = str(out)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: "Wrote both Word files" in screen_text(app), timeout=60)
    with zipfile.ZipFile(out / f"letter-{letter_id}-2026-11-18-child.docx") as docx:
        assert "We talked about your dog." in docx.read("word/document.xml").decode("utf-8")


@async_test
async def test_export_is_refused_while_the_text_on_screen_is_not_saved(demo_db: tuple[str, int]) -> None:
    from letters.store import open_store
    from letters.tui.screens.export import ExportScreen

    db_url, letter_id = demo_db
    app = app_for(db_url)
    async with app.run_test(size=(100, 34), notifications=True) as pilot:
        await open_letter(pilot)
        with open_store(db_url) as other:  # a second window saves first
            letter = other.get(letter_id)
            letter.sections[0].text += " Changed in another window."
            other.save(letter)
        await pilot.press("end")
        for key in "Mine":
            await pilot.press(key)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: any("Not exported" in n.message for n in app._notifications))
        # No export of a text older than the screen's: the IRO is asked what to keep instead.
        assert not any(isinstance(s, ExportScreen) for s in app.screen_stack)
        assert "changed" in screen_text(app).lower()
