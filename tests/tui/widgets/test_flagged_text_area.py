"""Flagged words stay marked where they are while the IRO types, and never mark the wrong words."""

from __future__ import annotations

from textual.app import App, ComposeResult

from letters.tui.widgets.flagged_text_area import Flag, FlaggedTextArea
from tests.tui.helpers import async_test, type_text

TEXT = "We talked about your placement and contact."


class EditorApp(App[None]):
    def compose(self) -> ComposeResult:
        yield FlaggedTextArea(TEXT)


def flag(word: str) -> Flag:
    start = TEXT.index(word)
    return Flag(start, start + len(word), word, "warning")


@async_test
async def test_flags_follow_edits_before_them_and_drop_when_edited() -> None:
    app = EditorApp()
    async with app.run_test() as pilot:
        editor = app.query_one(FlaggedTextArea)
        editor.focus()
        editor.set_flags([flag("placement"), flag("contact")])
        assert [f.text for f in editor.visible_flags()] == ["placement", "contact"]
        highlighted = {name for spans in editor._highlights.values() for *_, name in spans}
        assert highlighted == {"flag-warning"}

        editor.move_cursor((0, 0))
        await type_text(pilot, "Hi. ")  # before both: they move with the text
        assert [(f.start, f.text) for f in editor.visible_flags()] == [
            (TEXT.index("placement") + 4, "placement"),
            (TEXT.index("contact") + 4, "contact"),
        ]
        assert editor.text[editor.flags[0].start : editor.flags[0].end] == "placement"

        editor.move_cursor((0, editor.text.index("placement") + 5))
        await type_text(pilot, "x")  # inside "placement": that flag goes, "contact" stays
        assert [f.text for f in editor.visible_flags()] == ["contact"]


@async_test
async def test_a_stale_flag_is_not_drawn() -> None:
    app = EditorApp()
    async with app.run_test():
        editor = app.query_one(FlaggedTextArea)
        editor.set_flags([Flag(0, 6, "Hello!", "error")])  # from a report on other text
        assert editor.visible_flags() == []
        assert not any(editor._highlights.values())
