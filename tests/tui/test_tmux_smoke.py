"""Smoke test of the real program in a real terminal: `python -m letters` inside tmux.

Types into it with `send-keys` and reads the screen with `capture-pane`, as a user would see it. Also
kills the terminal mid-letter and checks that what was typed a moment before is in the database,
that the tokenizer helper process went with the app, and that starting again lands on the same
letter and section. Needs tmux (installed by
scripts/setup.sh --test); skipped with a reason when it is missing.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from letters.store import open_store

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    """One tmux server (own socket) running one window of the app."""

    def __init__(self, socket: str, env: dict[str, str]) -> None:
        self.socket = socket
        self.env = env

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20
        )
        return result.stdout

    def start(self) -> None:
        settings = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        command = f"cd {shlex.quote(str(ROOT))} && env {settings} {shlex.quote(sys.executable)} -m letters"
        self.tmux("new-session", "-d", "-s", "app", "-x", "100", "-y", "30", command)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app")

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on the terminal:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "app", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "app", "-l", text)

    def running(self) -> bool:
        return "app" in self.tmux("list-sessions", "-F", "#{session_name}")

    def kill(self) -> None:
        self.tmux("kill-server")


def helpers_of(database_url: str) -> list[int]:
    """Tokenizer helper processes started by an app on this test's database (Linux /proc)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
            environ = (proc / "environ").read_bytes().split(b"\0")
        except OSError:  # gone meanwhile, or not ours
            continue
        if b"letters.checks.tokens" in command and f"LETTERS_DATABASE_URL={database_url}".encode() in environ:
            found.append(int(proc.name))
    return found


def wait_for_no_helpers(database_url: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while helpers_of(database_url) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert helpers_of(database_url) == [], "the tokenizer helper outlived the app"


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    env = {
        name: os.environ[name]
        for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
    }
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        LETTERS_DATABASE_URL=f"sqlite:///{tmp_path / 'smoke.db'}",
    )
    term = Terminal(f"letters-smoke-{os.getpid()}", env)
    yield term
    term.kill()


def test_the_real_app_in_a_terminal(terminal: Terminal, tmp_path: Path) -> None:
    terminal.start()
    terminal.wait_for("No letters yet.")
    terminal.keys("d")  # add the demo letter
    terminal.wait_for("Ellie")
    terminal.keys("Enter")
    terminal.wait_for("Letter to Ellie")
    terminal.wait_for("Target reading age")  # the checks have reported
    terminal.type("We talked about your placement. ")
    shown = terminal.wait_for("'placement' is")
    assert "! Hello (1)" in shown
    terminal.wait_for("Saved")  # autosaved, shown on screen
    database_url = terminal.env["LETTERS_DATABASE_URL"]
    if Path("/proc/self/environ").exists():
        assert len(helpers_of(database_url)) == 1  # spaCy tokenizes in one helper process

    # Kill the terminal: what was saved is in the database, and the helper goes with the app.
    terminal.kill()
    if Path("/proc/self/environ").exists():
        wait_for_no_helpers(database_url)
    with open_store(f"sqlite:///{tmp_path / 'smoke.db'}") as store:
        (summary,) = store.list()
        assert store.get(summary.id).section("hello").text.startswith("We talked about your placement.")

    # Start again: straight back to the letter and section.
    terminal.start()
    terminal.wait_for("Letter to Ellie")
    terminal.wait_for("We talked about your")
    terminal.keys("C-q")
    deadline = time.monotonic() + 15
    while terminal.running() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.running()
    if Path("/proc/self/environ").exists():
        wait_for_no_helpers(database_url)
