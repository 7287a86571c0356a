"""Shared helpers for the app's tests: a fixed clock, reading the screen as text, waiting on work.

Tests read what a user would see (`screen_text`) and wait on workers and conditions, never on fixed
sleeps alone.
"""

from __future__ import annotations

import asyncio
import functools
import io
import time
from collections.abc import Callable, Coroutine
from datetime import date, datetime
from typing import Any

from rich.console import Console
from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot

from letters.config import Config
from letters.tui.app import LettersApp, make_app

#: The tests' "today": six days after the demo letter's meeting (Wednesday 18 November 2026).
TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 10, 30, 0)


def async_test(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test with asyncio (no pytest plugin needed); fixtures still work."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def app_for(db_url: str, config: Config | None = None) -> LettersApp:
    """The real app on a test database, with the clock fixed so screens do not change by day."""
    return make_app(config or Config(), database_url=db_url, today=lambda: TODAY, now=lambda: NOW)


def screen_text(app: App[object]) -> str:
    """The terminal as plain text: what a user reads (colours dropped)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def notices(app: App[object]) -> list[str]:
    """The messages of the notifications on screen (toasts wrap, so read them whole)."""
    return [n.message for n in app._notifications]


async def settle(pilot: Pilot[object]) -> None:
    """Let pending messages, timers due now and workers finish."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_until(
    pilot: Pilot[object], condition: Callable[[], object], timeout: float = 15.0, what: str = ""
) -> None:
    """Wait (processing the app's events and workers) until `condition()` is true."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}\n{screen_text(pilot.app)}")
        await pilot.pause(0.05)
        await pilot.app.workers.wait_for_complete()


async def type_text(pilot: Pilot[object], text: str) -> None:
    """Type text key by key, as a fast typist would (spaces and newlines included).

    Each character goes to the app as its own key event, in order, like `pilot.press`, but the test
    waits once per line instead of idling after every key. A newline is pressed as enter, and
    waited for, because enter may move the focus.
    """
    driver = pilot.app._driver
    assert driver is not None
    for number, line in enumerate(text.split("\n")):
        if number:
            await pilot.press("enter")
        for ch in line:
            key = "space" if ch == " " else (ch if ch.isalnum() else _character_to_key(ch))
            event = events.Key(key, ch)
            event.set_sender(pilot.app)
            driver.send_message(event)
        await pilot.pause()
