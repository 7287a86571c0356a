"""The whole journey, keyboard only: a new letter through the guided steps, a section written with
jargon, a suggestion applied and another finding ignored, the preview, the export (the Word files
reopened with python-docx), and the letter marked sent."""

from __future__ import annotations

import stat
from pathlib import Path

from docx import Document
from textual.widgets import Input

from letters.model import Status
from letters.tui.screens.export import ExportScreen
from letters.tui.screens.new_letter import NewLetterScreen
from letters.tui.screens.preview import PreviewScreen
from letters.tui.screens.writing import WritingScreen
from letters.tui.widgets.findings_list import FindingsList
from letters.tui.widgets.flagged_text_area import FlaggedTextArea
from tests.tui.helpers import app_for, async_test, screen_text, settle, type_text, wait_until


def docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@async_test
async def test_from_blank_page_to_exported_letter(db_url: str, tmp_path: Path) -> None:
    app = app_for(db_url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert "No letters yet." in screen_text(app)

        # The guided steps, typed: enter moves to the next field.
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, NewLetterScreen)
        await type_text(pilot, "Mo\n9")
        await pilot.press("pagedown")
        await settle(pilot)
        await type_text(pilot, "20/11/2026")
        await pilot.press("tab", "tab", "tab", "tab")  # review kind, where, what it is called, IRO
        await type_text(pilot, "Priya Nandra")
        await pilot.press("tab", "enter")  # open the participation codes
        await type_text(pilot, "PN1")  # type to find the code
        await pilot.press("enter")
        await pilot.pause()
        assert "PN1 means: Attends and speaks for themselves" in screen_text(app)
        await pilot.press("pagedown")
        await settle(pilot)
        await type_text(pilot, "social worker")
        await pilot.press("tab")
        await type_text(pilot, "Bea Wood")
        await pilot.press("pagedown")
        await settle(pilot)

        # Straight into writing the first section, with its prompt for a 9-year-old.
        screen = app.screen
        assert isinstance(screen, WritingScreen)
        assert screen.current == "hello"
        assert "For example:" in screen_text(app)
        editor = screen.query_one(FlaggedTextArea)
        assert editor.has_focus
        await type_text(pilot, "Hello Mo. We talked about your placement. You like contact with Nana.")
        findings = screen.query_one(FindingsList)

        def flagged() -> list[str]:
            return [e.flagged for e in findings.entries]

        await wait_until(pilot, lambda: {"placement", "contact"} <= set(flagged()), what="jargon")
        text = screen_text(app)
        assert "'placement' is" in text and "try: home / where you live" in text
        assert "! Hello (2)" in text  # the section's mark says it has findings
        assert {f.text for f in editor.visible_flags()} >= {"placement", "contact"}

        # Next finding, then apply its suggestion: three to choose from, the first is "home".
        await pilot.press("up", "home")  # back to the start of the text
        await pilot.press("f2")
        assert editor.selected_text == "placement"
        await pilot.press("f3")
        await pilot.pause()
        assert "Replace “placement” with:" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "We talked about your home." in editor.text
        await wait_until(pilot, lambda: "placement" not in flagged() and "contact" in flagged())

        # Ignore the next one for this letter: it joins the letter's allow list.
        await pilot.press("f2")
        assert editor.selected_text == "contact"
        await pilot.press("f5")  # why?
        await pilot.pause()
        assert "Why “contact” was flagged" in screen_text(app)
        assert "family time" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("f4")
        await wait_until(pilot, lambda: "contact" not in flagged())
        assert screen.letter.allow == ["contact"]
        assert "! Hello" not in screen_text(app)

        # Preview: the child's letter and the adults' copy, from the export's templates.
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, PreviewScreen)
        await wait_until(pilot, lambda: "We talked about your home." in screen_text(app))
        await pilot.press("2")
        await pilot.pause()
        assert "Bea Wood" in screen_text(app)
        assert "PN1" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen

        # Export: both files, where they went, then mark the letter sent.
        out = tmp_path / "out"
        out.mkdir()
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-folder", Input).value = str(out)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: "Wrote both Word files" in screen_text(app))
        export = app.screen
        assert isinstance(export, ExportScreen) and export.result is not None
        child_path, adult_path = export.result.child_path, export.result.adult_path
        assert str(child_path) in screen_text(app).replace("\n", "") or child_path.name in screen_text(app)
        assert child_path.parent == out and adult_path.parent == out
        child_doc = docx_text(child_path)
        assert "Hello Mo. We talked about your home. You like contact with Nana." in child_doc
        assert "placement" not in child_doc
        adult_doc = docx_text(adult_path)
        assert "Bea Wood" in adult_doc and "We talked about your home." in adult_doc
        assert stat.S_IMODE(child_path.stat().st_mode) == 0o600

        await pilot.press("ctrl+t")
        await settle(pilot)
        assert "This letter is: sent on 24 November 2026" in screen_text(app)
        letter_id = screen.letter.id
        assert letter_id is not None and app.store is not None
        assert app.store.get(letter_id).status is Status.SENT

        # Back to writing and on to the list: the letter is there, sent, and the text was kept.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert "Mo" in screen_text(app) and "sent 24 Nov" in screen_text(app)
        stored = app.store.get(letter_id)
        assert stored.section("hello").text == editor.text
        assert stored.status is Status.SENT and stored.allow == ["contact"]
