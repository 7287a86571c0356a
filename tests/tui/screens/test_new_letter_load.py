"""Typing into the new-letter steps as fast as keys come, on a busy machine, loses no key.

Keys are queued all at once (as a fast typist, or tmux, sends them), including Tab and PgDn, while
two processes keep both cores busy: every key must land in the field it was typed for. This is
timing-dependent, so it runs in the serial pass (`-m serial`), and it waits on the app's events,
never on wall time.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input

from letters.tui.screens.new_letter import NewLetterScreen
from letters.tui.widgets.people_editor import PeopleEditor
from tests.tui.helpers import app_for, async_test, settle, wait_until

pytestmark = pytest.mark.serial


@pytest.fixture
def two_cpu_burners() -> Iterator[None]:
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


NAMED = {"tab", "shift+tab", "pagedown", "pageup", "enter", "down", "up", "escape", "ctrl+n"}


def queue_keys(pilot: Pilot[object], *keys: str) -> None:
    """Queue key presses without waiting between them: named keys (tab, pagedown) as they are,
    anything else typed letter by letter."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        presses = [(key, None)] if key in NAMED else [(_character_to_key(c), c) for c in key]
        for name, char in presses:
            event = events.Key(name, char)
            event.set_sender(pilot.app)
            driver.send_message(event)


@async_test
async def test_fast_typing_on_a_busy_machine_loses_no_key(db_url: str, two_cpu_burners: None) -> None:
    app = app_for(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, NewLetterScreen), what="the first step")
        screen = app.screen
        assert isinstance(screen, NewLetterScreen)
        # As soon as the step shows, the rest is typed at once: the next steps are still being made.
        queue_keys(pilot, "Jayden", "tab", "7", "pagedown")
        queue_keys(pilot, "18/11/2026", "tab", "tab", "at school", "tab", "tab", "Sam Okafor", "pagedown")
        await wait_until(pilot, lambda: screen.step == 1)
        form = screen.form
        assert (form.name, form.age) == ("Jayden", "7")
        await wait_until(pilot, lambda: form.iro == "Sam Okafor", what="the meeting step typed")
        assert (form.meeting_date, form.place, form.iro) == ("18/11/2026", "at school", "Sam Okafor")
        # The participation code is chosen, then on to the people, typed straight away.
        screen.query_one("#in-participation").value = "PN1"  # type: ignore[attr-defined]
        await settle(pilot)
        queue_keys(pilot, "pagedown", "teacher", "tab", "Raj Patel", "tab", "tab", "Mr Patel")  # past Remove
        await wait_until(pilot, lambda: screen.step == 2)
        editor = screen.query_one(PeopleEditor)
        await wait_until(pilot, lambda: bool(editor.values) and editor.values[0].shown_as == "Mr Patel")
        person = editor.values[0]
        assert (person.role, person.name, person.shown_as) == ("teacher", "Raj Patel", "Mr Patel")
        # Back and forward again: what was typed is all still there.
        queue_keys(pilot, "pageup", "pageup")
        await wait_until(pilot, lambda: screen.step == 0)
        assert screen.query_one("#in-name", Input).value == "Jayden"
        assert screen.query_one("#in-age", Input).value == "7"
