"""What was typed just before ctrl+e is in the exported Word letter (it is saved first), on
SQLite and in team mode on PostgreSQL (as the signed-in IRO, under row-level security)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from textual.widgets import Input

from letters.demo import demo_letter
from letters.store.team import open_for
from letters.tui.screens.export import ExportScreen
from tests.teamdb import TeamDatabase
from tests.tui.helpers import app_for, async_test, screen_text, settle, wait_until
from tests.tui.screens.test_pictures_and_audio import open_letter


async def type_and_export(db_url: str, out: Path) -> None:
    """Open the one letter, type a sentence at its end and export at once (no pause to save)."""
    app = app_for(db_url)
    async with app.run_test(size=(100, 34)) as pilot:
        await wait_until(pilot, lambda: "Ellie" in screen_text(app), what="the letter in the list")
        await open_letter(pilot)
        await pilot.press("end")
        for key in " We talked about your dog.":
            await pilot.press("space" if key == " " else key)
        await pilot.press("ctrl+e")  # at once: no pause for the autosave
        await settle(pilot)
        # Saved first, so the export screen opens (it refuses while the text is not saved).
        await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen), what="the export screen")
        app.screen.query_one("#export-folder", Input).value = str(out)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: "Wrote both Word files" in screen_text(app), timeout=60)


def child_letter_text(out: Path) -> str:
    (child,) = out.glob("*-child.docx")
    with zipfile.ZipFile(child) as docx:
        return docx.read("word/document.xml").decode("utf-8")


@async_test
async def test_text_typed_just_before_export_is_in_the_word_letter(
    demo_db: tuple[str, int], tmp_path: Path
) -> None:
    db_url, letter_id = demo_db
    out = tmp_path / "out"
    out.mkdir()
    await type_and_export(db_url, out)
    assert (out / f"letter-{letter_id}-2026-11-18-child.docx").exists()
    assert "We talked about your dog." in child_letter_text(out)


@async_test
async def test_in_team_mode_too_text_typed_just_before_export_is_in_the_word_letter(
    team_db: TeamDatabase, tmp_path: Path
) -> None:
    # Every save after a letter's first was refused in team mode (the children's record read the
    # previous revision's text directly, which no team role may select): the export then held
    # the text as first stored, without what was typed.
    with open_for(team_db.url("priya")).store as store:
        letter_id = store.add(demo_letter())
    out = tmp_path / "out"
    out.mkdir()
    await type_and_export(team_db.url("priya"), out)
    assert "We talked about your dog." in child_letter_text(out)
    with open_for(team_db.url("priya")).store as store:
        assert "Dear Ellie, We talked about your dog." in store.get(letter_id).sections[0].text


@async_test
async def test_export_is_refused_while_the_text_on_screen_is_not_saved(demo_db: tuple[str, int]) -> None:
    from letters.store import open_store

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
