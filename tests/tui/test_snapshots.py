"""SVG snapshots of every screen, in the demo letter's state (pytest-textual-snapshot).

Update them after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the report before committing. The clock is fixed and cursors do not blink, so a
snapshot changes only when the screen does.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from letters.tui.screens.writing import WritingScreen
from tests.tui.helpers import app_for, settle, wait_until

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
Step = Callable[[Pilot[Any]], Awaitable[None]]


async def still(pilot: Pilot[Any]) -> None:
    """Stop cursors blinking and wait until the screen stops changing, so that the picture does
    not depend on how busy the machine is."""
    await settle(pilot)
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, (Input, TextArea))
        widget.cursor_blink = False
        # TextArea caches each line keyed without the cursor once blinking stops, so a line drawn
        # in a blink's "off" phase would stay cursorless: restyling clears that cache.
        widget.notify_style_update()
    previous = None
    for _ in range(40):
        await settle(pilot)
        await pilot.pause(0.05)
        shown = pilot.app.export_screenshot()
        if shown == previous:
            return
        previous = shown
    raise AssertionError("the screen kept changing")


async def writing(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WritingScreen)
    await wait_until(pilot, lambda: screen.report is not None)
    await still(pilot)


def after(*keys: str) -> Step:
    async def run(pilot: Pilot[Any]) -> None:
        await writing(pilot)
        await pilot.press(*keys)
        await still(pilot)

    return run


async def letters_list(pilot: Pilot[Any]) -> None:
    await still(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_writing_screen(snap_compare: Any, demo_db: tuple[str, int], size: tuple[int, int]) -> None:
    assert snap_compare(app_for(demo_db[0]), terminal_size=size, run_before=writing)


@pytest.mark.parametrize(
    ("name", "run_before"),
    [
        ("letters", letters_list),
        ("decisions", after("ctrl+down", "ctrl+down", "ctrl+down", "ctrl+down")),
        ("preview", after("f6")),
        ("export", after("ctrl+e")),
        ("help", after("f1")),
    ],
)
def test_screens_at_80x24(snap_compare: Any, demo_db: tuple[str, int], name: str, run_before: Step) -> None:
    assert snap_compare(app_for(demo_db[0]), terminal_size=(80, 24), run_before=run_before)


def test_first_run_and_new_letter(snap_compare: Any, db_url: str) -> None:
    async def new_letter(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await still(pilot)

    assert snap_compare(app_for(db_url), terminal_size=(80, 24), run_before=new_letter)


def test_first_run_empty_state(snap_compare: Any, db_url: str) -> None:
    assert snap_compare(app_for(db_url), terminal_size=(80, 24), run_before=still)
