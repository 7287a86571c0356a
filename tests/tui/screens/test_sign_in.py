"""Signing in to a team database in the app, on a real team database (tests/teamdb.py)."""

from __future__ import annotations

import socket

from letters.config import Config
from letters.demo import demo_letter
from letters.store.team import open_for
from letters.tui.app import make_app
from letters.tui.screens.letters import LettersScreen
from letters.tui.screens.sign_in import SignInScreen
from tests.teamdb import PASSWORD, TeamDatabase
from tests.tui.helpers import NOW, TODAY, async_test, screen_text, type_text, wait_until


def letters_of(db: TeamDatabase, short: str, *children: str) -> None:
    with open_for(db.url(short)).store as store:
        for child in children:
            letter = demo_letter()
            letter.child.name = child
            store.add(letter)


def app(url: str, *, served: bool = False):  # type: ignore[no-untyped-def]
    return make_app(Config(), database_url=url, today=lambda: TODAY, now=lambda: NOW, served=served)


async def sign_in(pilot, login: str, password: str) -> None:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, SignInScreen), what="the sign-in screen")
    pilot.app.screen.query_one("#login").focus()
    await pilot.pause()
    await type_text(pilot, login)
    await pilot.press("enter")
    await type_text(pilot, password)
    await pilot.press("enter")


@async_test
async def test_signing_in_shows_who_and_only_their_letters(team_db: TeamDatabase) -> None:
    letters_of(team_db, "priya", "Ellie")
    letters_of(team_db, "sam", "Jayden")
    the_app = app(team_db.url())  # no login in the URL: the app asks
    async with the_app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot, team_db.login("priya"), "not the password")
        await wait_until(
            pilot, lambda: "login or password is wrong" in screen_text(the_app), what="the refusal"
        )
        assert isinstance(the_app.screen, SignInScreen)
        assert the_app.screen.query_one("#password").value == ""  # type: ignore[attr-defined]
        await wait_until(
            pilot, lambda: the_app.focused is the_app.screen.query_one("#password"), what="focus"
        )
        await type_text(pilot, PASSWORD)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(the_app.screen, LettersScreen), what="the letters")
        await wait_until(pilot, lambda: "Ellie" in screen_text(the_app), what="Priya's letter")
        text = screen_text(the_app)
        assert "Priya Nandra (IRO)" in text
        assert "Jayden" not in text


@async_test
async def test_a_connection_that_already_signs_in_skips_the_screen(team_db: TeamDatabase) -> None:
    letters_of(team_db, "sam", "Jayden")
    the_app = app(team_db.url("sam"))
    async with the_app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "Jayden" in screen_text(the_app), what="Sam's letter")
        assert "Sam Okafor (IRO)" in screen_text(the_app)
        assert not isinstance(the_app.screen, SignInScreen)


@async_test
async def test_the_owner_and_a_served_tab_must_sign_in_as_themselves(team_db: TeamDatabase) -> None:
    the_app = app(team_db.owner_url)
    async with the_app.run_test(size=(100, 30)) as pilot:
        await wait_until(
            pilot, lambda: "team database: sign in as yourself" in screen_text(the_app), what="sign-in"
        )
        assert isinstance(the_app.screen, SignInScreen)
    served = app(team_db.url("sam"), served=True)  # the server's own login is never used
    async with served.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot, team_db.login("mo"), PASSWORD)
        await wait_until(pilot, lambda: isinstance(served.screen, LettersScreen), what="the letters")
        assert "Mo Clarke (manager)" in screen_text(served)


@async_test
async def test_a_server_that_is_down_gets_a_plain_message() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    the_app = app(f"postgresql+psycopg://127.0.0.1:{port}/letters", served=True)
    async with the_app.run_test(size=(100, 30)) as pilot:
        await sign_in(pilot, "priya", "anything at all")
        await wait_until(pilot, lambda: "cannot be reached" in screen_text(the_app), what="the message")
        assert isinstance(the_app.screen, SignInScreen)


@async_test
async def test_served_keys_avoid_the_ones_browsers_keep(db_url: str) -> None:
    the_app = app(db_url, served=True)
    async with the_app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(the_app.screen, LettersScreen), what="the list")
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: "NewLetterScreen" == type(the_app.screen).__name__, what="new letter")
        await pilot.press("escape")
        await pilot.press("ctrl+k")
        await wait_until(pilot, lambda: "CommandPalette" == type(the_app.screen).__name__, what="the palette")
