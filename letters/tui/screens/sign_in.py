"""Signing in to a team database: a login and a password, which PostgreSQL itself checks.

Shown when the database is a team database and the connection does not already sign in as a
member (a served browser tab always shows it: it never uses the server's own credentials). The
password goes straight to PostgreSQL's own authentication (SCRAM) and is kept nowhere. A wrong
password, a login outside the team and a server that is down each get a plain message here;
the screen stays until someone signs in or quits. Nothing here touches the database except
through `letters.store.team.open_for`, in a worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Static
from textual.worker import Worker, WorkerState

from letters.errors import ServerUnreachable, SignInFailed, UserError
from letters.store.team import Opened
from letters.tui import bindings

if TYPE_CHECKING:
    from letters.tui.app import LettersApp


class SignInScreen(Screen[Opened]):
    """Sign in as yourself; dismisses with the opened store."""

    BINDINGS = bindings.SIGN_IN
    app: LettersApp
    AUTO_FOCUS = "#login"

    def __init__(self, url: str, *, note: str = "") -> None:
        super().__init__(id="sign-in")
        self.url = url
        self.note = note

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="sign-in-box"):
            yield Static("Sign in to the team's letters", id="sign-in-title")
            yield Static(
                self.note or "Use your own login and password: what you may see depends on your role.",
                id="sign-in-note",
                markup=False,
            )
            yield Input(placeholder="login", id="login")
            yield Input(placeholder="password", password=True, id="password")
            yield Button("Sign in (enter)", id="sign-in-button", variant="primary")
            yield Static("", id="sign-in-problem", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#login", Input).focus()

    @on(Input.Submitted, "#login")
    def _to_password(self) -> None:
        self.query_one("#password", Input).focus()

    @on(Input.Submitted, "#password")
    @on(Button.Pressed, "#sign-in-button")
    def action_sign_in(self) -> None:
        login = self.query_one("#login", Input).value.strip()
        password = self.query_one("#password", Input).value
        if not login or not password:
            self._problem("Type your login and your password.")
            self.query_one("#login" if not login else "#password", Input).focus()
            return
        self._problem("Signing in…", error=False)
        self.query_one("#sign-in-button", Button).disabled = True
        self._sign_in(login, password)

    @work(thread=True, exclusive=True, group="sign-in", exit_on_error=False)
    def _sign_in(self, login: str, password: str) -> Opened | None:
        """Sign in (in a thread: the server may be slow); the opened store, or None once the
        problem is shown. The screen is dismissed when the worker has finished (below), not from
        inside it, so that closing the screen never cancels a worker still running."""
        from letters.store.team import open_for

        try:
            opened = open_for(self.url, config=self.app.config, login=login, password=password, purpose="app")
        except SignInFailed:
            self.app.call_from_thread(self._failed, "The login or password is wrong. Try again.", "#password")
            return None
        except ServerUnreachable:
            self.app.call_from_thread(
                self._failed,
                "The database server cannot be reached: it may be stopped or restarting. Try again "
                "in a minute; if it keeps happening, tell your admin.",
                "#password",
            )
            return None
        except UserError as exc:
            self.app.call_from_thread(self._failed, str(exc), "#login")
            return None
        if opened.person is None:
            opened.store.close()
            self.app.call_from_thread(
                self._failed,
                f"{login} is not a member of this team: sign in with your own login, or ask your admin.",
                "#login",
            )
            return None
        return opened

    @on(Worker.StateChanged)
    def _signed_in(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "sign-in" and event.state is WorkerState.SUCCESS:
            opened = event.worker.result
            if opened is not None:
                self.dismiss(opened)

    def _failed(self, problem: str, focus: str) -> None:
        self.query_one("#sign-in-button", Button).disabled = False
        password = self.query_one("#password", Input)
        password.value = ""
        self._problem(problem)
        self.query_one(focus, Input).focus()

    def _problem(self, text: str, *, error: bool = True) -> None:
        line = self.query_one("#sign-in-problem", Static)
        line.update(text)
        line.set_class(error, "-error")
