"""The database server restarting while an IRO types: nothing typed is lost, the app says it is
reconnecting, and it saves once the server is back. Runs on a private PostgreSQL server
(tests/pgcluster.py), never the shared one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from letters.config import Config
from letters.demo import demo_letter
from letters.store import open_store
from letters.tui.screens.writing import WritingScreen
from tests.pgcluster import PrivateCluster
from tests.tui.helpers import app_for, async_test, screen_text, settle, type_text, wait_until


@pytest.fixture
def cluster() -> Iterator[PrivateCluster]:
    why = PrivateCluster.available()
    if why:
        pytest.skip(why)
    server = PrivateCluster()
    try:
        yield server
    finally:
        server.remove()


@async_test
async def test_a_restart_mid_edit_keeps_the_text_and_saves_when_it_can(cluster: PrivateCluster) -> None:
    url = cluster.url()
    with open_store(url, config=Config()) as store:
        letter_id = store.add(demo_letter())
    app = app_for(url)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, WritingScreen), what="the letter")
        screen = app.screen
        assert isinstance(screen, WritingScreen)
        await type_text(pilot, "Before. ")
        await wait_until(pilot, lambda: screen.save_state == "saved", what="the first save")
        cluster.stop()
        await type_text(pilot, "While the server is away. ")
        await wait_until(
            pilot, lambda: "Reconnecting to the database server" in screen_text(app), what="reconnecting"
        )
        assert "While the server is away." in screen_text(app)
        cluster.start()
        await wait_until(pilot, lambda: screen.save_state == "saved", timeout=30, what="the save after")
        assert "✓ Saved" in screen_text(app)
        await pilot.press("ctrl+q")
    with open_store(url, config=Config()) as store:
        assert store.get(letter_id).section("hello").text.startswith("Before. While the server is away. ")
