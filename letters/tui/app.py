"""The Textual app: one factory (`make_app`) used by `letters` and by the tests, and `run_app`.

The app paints its first screen before it touches the database or the checking engine: the store is
opened in a worker after the first frame; then either the letter the IRO had open last time is
reopened (the list of letters underneath loads only when it is shown) or the engine is warmed in
another worker. Work is done one thing after another because threads share one interpreter lock;
`letters` starts spaCy in a helper process before the app (see `letters.checks.tokens`), so the
tokenizer loads on another core meanwhile. Every database call runs in a worker under one lock,
and any `UserError` it raises is shown as a message in the app (the letter on screen is kept).
This module holds the app-wide keys, the command palette's source and the database helper; the
screens hold everything else.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import Worker

from letters.config import Config
from letters.errors import SignInFailed, UserError
from letters.tui import bindings
from letters.tui.messages import StoreReady
from letters.tui.state import PlaceState, StateFile

if TYPE_CHECKING:
    from letters.audit.service import AuditService
    from letters.model import Letter
    from letters.store import Place, Store
    from letters.store.team import Opened, Person
    from letters.tui.recovering import LeftOver

T = TypeVar("T")


class LettersApp(App[None]):
    """Write, check, preview and export outcome letters."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses elsewhere find it too
    TITLE = "Letters"
    SUB_TITLE = "outcome letters to children in care"
    BINDINGS = bindings.APP

    def __init__(
        self,
        config: Config,
        *,
        database_url: str | None = None,
        today: Callable[[], date] | None = None,
        now: Callable[[], datetime] | None = None,
        state_file: StateFile | None = None,
        served: bool = False,
    ) -> None:
        if served:  # in a browser, ctrl+p prints the page (bindings.SERVED_KEYMAP says why)
            self.COMMAND_PALETTE_BINDING = bindings.SERVED_PALETTE  # type: ignore[misc]
        super().__init__()
        #: Served to a browser by `letters serve`: keys browsers keep are moved, and a team
        #: database is always signed in to (never with the server's own login).
        self.served = served
        if served:
            self.set_keymap(bindings.SERVED_KEYMAP)
        self.person: Person | None = None  # who signed in, in team mode
        self.config = config
        self.database_url = database_url
        self.today = today or date.today
        self.now = now or datetime.now
        self.store: Store | None = None
        self.store_problem: str | None = None
        self.db_lock = threading.Lock()  # one database call at a time, in order
        self._state_file = state_file
        self.place = PlaceState()
        self._painted = False  # the first frame is on the terminal
        self._restored = False  # the last letter has been reopened (or there was none)
        self._warm_when_listed = False  # warm the checks up once the list is shown
        self._listed = False  # the letters list has shown all its rows once

    # -- start-up ---------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        from letters.tui.screens.letters import LettersScreen

        return LettersScreen()

    def on_ready(self) -> None:
        # The first screen is on the terminal: open the database (importing SQLAlchemy any earlier
        # would only slow the first paint: threads share one interpreter lock), then reopen the
        # last letter or warm up the checks.
        self._painted = True
        self._open_store()

    def _restore_place(self) -> None:
        # One thing at a time: threads share one interpreter lock, so loading spaCy while the
        # database opens would only slow both. The writing screen's first check loads it anyway.
        if self._restored or not self._painted or (self.store is None and self.store_problem is None):
            return
        self._restored = True
        if self.store is not None and self.place.letter_id is not None:
            self.open_letter(self.place.letter_id, section=self.place.section, quiet=True)
        else:
            self._warm_when_listed = True  # after the list is on screen: not competing with it
            if self._listed:  # it was, while a recovery was being offered
                self.list_shown()

    def list_shown(self) -> None:
        """The letters list has all its rows: now the checks may warm up (one thing at a time)."""
        self._listed = True
        if self._warm_when_listed:
            self._warm_when_listed = False
            self._warm_checks()

    @work(thread=True, group="store", exit_on_error=False)
    def _open_store(self) -> None:
        try:
            from letters.store.team import open_for, sign_in_url

            sign_in = sign_in_url(self.database_url, self.config)
            if sign_in is not None and self.served:
                self._call(self._ask_sign_in, sign_in, "")
                return
            try:
                opened = open_for(self.database_url, config=self.config, purpose="app")
            except SignInFailed as exc:
                if sign_in is None:
                    raise
                self._call(self._ask_sign_in, sign_in, str(exc))
                return
            if opened.team_database and opened.person is None:  # the owner's login: sign in as yourself
                opened.store.close()
                assert sign_in is not None
                self._call(self._ask_sign_in, sign_in, "This is a team database: sign in as yourself.")
                return
            store = self._prepared(opened)
        except UserError as exc:
            self._call(self._store_failed, str(exc))
            return
        except Exception as exc:  # never a traceback: say what failed and how to learn more
            if os.environ.get("LETTERS_DEBUG"):
                raise
            self._call(
                self._store_failed,
                f"unexpected error ({type(exc).__name__}) opening the "
                "database. Run with LETTERS_DEBUG=1 to see details.",
            )
            return
        place = self._load_place(store)
        from letters.tui.recovering import LeftOver

        left = LeftOver.find(store)  # typing a stopped app left behind, before any letter opens
        self._call(self._store_opened, store, place, left)

    def _prepared(self, opened: Opened) -> Store:
        """The opened store, with the audit's facts kept when a letter is sent (team mode)."""
        from letters.audit.team import attach

        attach(opened.store, self.config)
        self.person = opened.person
        return opened.store

    def _load_place(self, store: Store) -> PlaceState:
        # Keyed by the database as named with the login: each person has their own last letter.
        state_file = self._state_file or StateFile(store.where)
        self._state_file = state_file
        return state_file.load()

    def _ask_sign_in(self, url: str, note: str) -> None:
        from letters.tui.screens.sign_in import SignInScreen

        self.push_screen(SignInScreen(url, note=note), self._signed_in)

    def _signed_in(self, opened: Opened | None) -> None:
        if opened is None:
            return
        store = self._prepared(opened)
        self._show_person()
        from letters.tui.recovering import LeftOver

        self._store_opened(store, self._load_place(store), LeftOver.find(store))

    def _show_person(self) -> None:
        if self.person is not None:
            self.sub_title = f"signed in: {self.person.describe()}"

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    def _store_failed(self, problem: str) -> None:
        self.store_problem = problem
        self.notify(
            problem, title="Cannot open the letters database", severity="error", timeout=30, markup=False
        )
        self.screen.post_message(StoreReady())
        self._restore_place()

    def _store_opened(self, store: Store, place: PlaceState, left: LeftOver) -> None:
        self.store = store
        self._show_person()
        self.place = place
        left.tell(self)
        for screen in self.screen_stack:
            screen.post_message(StoreReady())
        left.offer_recoveries(self, then=self._restore_place)  # asked first, then the last letter

    @work(thread=True, group="warm", exit_on_error=False)
    def _warm_checks(self) -> None:
        try:
            from letters.checks import warm_up

            warm_up()
        except Exception:  # the writing screen reports the problem when it needs the checks
            return

    def _call(self, callback: Callable[..., Any], *args: Any) -> None:
        """Run `callback` on the UI thread from a worker, unless the app has gone."""
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:  # the app closed while the worker ran
            return

    # -- database ---------------------------------------------------------------------------------

    def db(
        self,
        job: Callable[[Store], T],
        done: Callable[[T], object] | None = None,
        *,
        failed: str,
        on_error: Callable[[UserError], object] | None = None,
        notify: bool = True,
    ) -> Worker[None]:
        """Run `job(store)` in a worker; `done(result)` on the UI thread, or show why it failed.

        `failed` says what did not happen ("Could not save") and heads the message; `notify=False`
        leaves the telling to `on_error` (a save retried every few seconds should not pile up
        messages).
        """

        def run() -> None:
            problem: UserError
            try:
                if self.store is None:
                    raise UserError(
                        self.store_problem or "The database is still opening: try again in a moment."
                    )
                with self.db_lock:
                    result = job(self.store)
            except UserError as exc:
                problem = exc
            except Exception as exc:  # never a traceback on screen; the letter stays as it is
                if os.environ.get("LETTERS_DEBUG"):
                    raise
                problem = UserError(
                    f"unexpected error ({type(exc).__name__}); your letter is kept on screen. "
                    "Run with LETTERS_DEBUG=1 to see details and report it."
                )
            else:
                if done is not None:
                    self._call(done, result)
                return
            if notify:
                self._call(self.show_problem, failed, problem)
            if on_error is not None:
                self._call(on_error, problem)

        return self.run_worker(run, thread=True, group="db", exit_on_error=False, name=failed)

    def show_problem(self, failed: str, problem: Exception) -> None:
        self.notify(str(problem), title=failed, severity="error", timeout=15, markup=False)

    def remember(self, **changes: object) -> None:
        """Update where the IRO was (letter, section, export folder) in the state file."""
        for name, value in changes.items():
            setattr(self.place, name, value)
        if self._state_file is not None:
            self._state_file.save(self.place)

    # -- navigation -------------------------------------------------------------------------------

    def open_letter(self, letter_id: int, *, section: str | None = None, quiet: bool = False) -> None:
        """Load a letter and open the writing screen on it."""

        def opened(found: tuple[Letter, Place | None]) -> None:
            from letters.tui.screens.writing import WritingScreen

            letter, place = found
            self.push_screen(WritingScreen(letter, section=section, place=place))

        def forget(_: UserError) -> None:
            self.remember(letter_id=None, section=None)
            if quiet:  # the list waited for this letter to open: show it now instead
                self.screen.post_message(StoreReady())

        def job(store: Store) -> tuple[Letter, Place | None]:
            letter = store.get(letter_id)
            if quiet and store.is_deleted(letter_id):
                raise UserError("The letter you had open last time is in the bin.")
            return letter, store.last_place(letter_id)  # reopen where the last edit was

        self.db(job, opened, failed="Could not open the letter", on_error=forget)

    def action_new_letter(self) -> None:
        from letters.tui.screens.new_letter import NewLetterScreen

        if isinstance(self.screen, NewLetterScreen):
            return
        self.push_screen(NewLetterScreen())

    def action_help(self) -> None:
        from letters.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        """Save what is on screen first; never exit with text that could not be saved."""
        from letters.tui.screens.unsaved import UnsavedScreen

        if isinstance(self.screen, UnsavedScreen):
            return
        for screen in reversed(self.screen_stack):
            flush = getattr(screen, "flush", None)
            if flush is not None and await flush() is False:
                self._unsaved(screen)
                return
        await self.workers.wait_for_complete()
        self.exit()

    def _unsaved(self, screen: Any) -> None:
        """A save failed on the way out: try again, stay, or keep the text in a recovery file."""
        from letters.tui.screens.unsaved import UnsavedScreen

        def chosen(choice: str | None) -> None:
            if choice == "retry":
                self.call_later(self.action_quit)
            elif choice == "recovery":
                try:
                    where = screen.saver.write_recovery()
                except UserError as exc:
                    self.show_problem("Could not write a recovery file", exc)
                    return
                self.notify(f"Kept in a recovery file: {where}", timeout=5, markup=False)
                self.call_later(self.action_quit)

        self.push_screen(UnsavedScreen(screen.unsaved_what(), screen.saver.problem or "unknown"), chosen)

    # -- command palette: what the current screen can do -----------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        offered: set[str] = set()
        for binding in bindings.described(type(screen)):
            if screen.check_action(binding.action, ()) is not True:
                continue
            offered.add(binding.action.removeprefix("app."))
            yield SystemCommand(
                binding.description,
                binding.tooltip or binding.description,
                partial(screen.run_action, binding.action),
            )
        for app_binding in bindings.described(type(self)):
            yield SystemCommand(
                app_binding.description,
                app_binding.tooltip,
                partial(self.run_action, app_binding.action),
            )
        if "audit" not in offered:
            yield SystemCommand("QA audit", "Draw and grade a month's sample of letters", self.action_audit)
        yield SystemCommand("Theme", "Change the colours of the app", self.action_change_theme)

    def action_audit(self) -> None:
        from letters.tui.screens.audit import open_audit

        open_audit(self)

    def audit_service(self, store: Store) -> AuditService:
        """The QA audit over `store`, with the app's config and clock (call it in a worker).
        Screens get the audit from here, not from one another."""
        from letters.audit.service import AuditService

        return AuditService(store, self.config, now=self.now)


def make_app(
    config: Config | None = None,
    *,
    database_url: str | None = None,
    today: Callable[[], date] | None = None,
    now: Callable[[], datetime] | None = None,
    served: bool | None = None,
) -> LettersApp:
    """The app, for `letters` and for tests. `today`/`now` let tests fix the clock; `served` (by
    default: `LETTERS_SERVED=1`, which `letters serve` sets) means it runs in a browser tab."""
    if config is None:
        from letters.config import load_config

        config = load_config()
    return LettersApp(
        config,
        database_url=database_url,
        today=today,
        now=now,
        served=served if served is not None else os.environ.get("LETTERS_SERVED") == "1",
    )


def run_app() -> int:
    """Run the app in the terminal; the exit status for `letters` with no arguments."""
    from letters.config import ConfigError

    try:
        app = make_app()
    except (ConfigError, UserError) as exc:
        import sys

        print(f"letters: error: {exc}", file=sys.stderr)
        return 2
    app.run()
    return int(app.return_code or 0)
