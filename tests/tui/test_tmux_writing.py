"""The real program in real terminals (tmux): kill -9 while the IRO types loses at most a second,
and two windows on one letter never overwrite each other (one SQLite file, one PostgreSQL
database).

These depend on time and load the machine (two apps, two tokenizer helpers), so they are marked
`serial`: run them outside the parallel run (`pytest -m serial`). They wait on what the terminal
shows, not on fixed sleeps, and the one timing claim (at most 1 s of typing lost) is checked
against what the app had put on the screen a full second before it was killed.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from letters.demo import demo_letter
from letters.store import open_store
from tests.store.conftest import POSTGRES_URL, empty_postgres, worker_database
from tests.tui.test_tmux_smoke import ROOT, Terminal

pytestmark = [
    pytest.mark.serial,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

WORD = re.compile(r"w(\d{4})")


class App(Terminal):
    """A terminal whose process is the app itself (exec), so it can be killed with SIGKILL."""

    def start(self) -> None:
        settings = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        command = (
            f"cd {shlex.quote(str(ROOT))} && exec env {settings} {shlex.quote(sys.executable)} -m letters"
        )
        self.tmux("new-session", "-d", "-s", "app", "-x", "120", "-y", "40", command)

    def stop(self) -> None:
        """End the terminal and wait until its server has gone (a new one may start at once)."""
        self.kill()
        deadline = time.monotonic() + 20
        while self.running() and time.monotonic() < deadline:
            time.sleep(0.1)

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "app", "#{pane_pid}").strip())


def terminal_for(name: str, database_url: str) -> App:
    env = {
        key: os.environ[key]
        for key in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
    }
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LETTERS_DATABASE_URL=database_url)
    return App(f"letters-{name}-{os.getpid()}", env)


@pytest.fixture
def apps() -> Iterator[list[App]]:
    started: list[App] = []
    yield started
    for app in started:
        app.kill()


def open_the_letter(app: App) -> None:
    app.start()
    app.wait_for("Ellie", timeout=60)
    app.keys("Enter")
    app.wait_for("Letter to Ellie", timeout=60)
    app.wait_for("Target reading age", timeout=60)  # the checks have reported


def hello_text(database_url: str, letter_id: int) -> str:
    with open_store(database_url) as store:
        return store.get(letter_id).section("hello").text  # type: ignore[union-attr]


def what_was_left(database_url: str, letter_id: int) -> str:
    """For a failure message: the newest word in each stored section, and the journal rows."""
    import sqlite3

    with open_store(database_url) as store:
        letter = store.get(letter_id)
        sections = {
            s.key: max((int(n) for n in WORD.findall(s.text)), default=0)
            for s in letter.sections  # type: ignore[union-attr]
        }
    path = database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        rows = db.execute("select session, pid, based_on, saved_at, length(document) from journal")
        journal = rows.fetchall()
        revisions = db.execute("select count(*) from revisions").fetchone()
    return f"stored sections (newest word): {sections}; journal rows: {journal}; revisions: {revisions}"


def test_kill_9_while_typing_loses_at_most_a_second(apps: list[App], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'letters.db'}"
    with open_store(url) as store:
        letter_id = store.add(demo_letter())
    app = terminal_for("kill", url)
    apps.append(app)
    open_the_letter(app)

    shown: list[tuple[float, int]] = []  # (when, the newest word on screen)
    typed = 0
    start = time.monotonic()
    while time.monotonic() - start < 10.0:  # a fast typist (15 characters a second), never pausing
        typed += 1
        app.type(f"w{typed:04d} ")
        due = start + typed * 0.4
        while time.monotonic() < due:  # watch the screen meanwhile
            numbers = [int(n) for n in WORD.findall(app.screen())]
            shown.append((time.monotonic(), max(numbers, default=0)))
    killed_at = time.monotonic()
    os.kill(app.pid(), signal.SIGKILL)
    app.stop()

    before = [n for t, n in shown if t <= killed_at - 1.0]
    assert before and before[-1] > 20, f"the app showed too little to measure: {shown[-5:]}"
    must_have = before[-1]  # on screen a full second before the kill

    # What the killed app left: typing newer than its last revision is in the journal, and the next
    # start restores it and says so. (A slow machine can make the typist seem to pause: then the
    # last revision may already hold everything, and a start has nothing to restore or say.)
    left = what_was_left(url, letter_id)
    with open_store(url) as store:
        saved = store.get(letter_id).section("hello").text  # type: ignore[union-attr]
        newer = any(
            entry.letter.section("hello").text != saved  # type: ignore[union-attr]
            for entry in store.journals_to_restore()
            if entry.letter_id == letter_id
        )
    app.start()
    if newer:
        app.wait_for("Restored what you typed", timeout=120)  # a start is slow on a busy machine
    else:
        app.wait_for("Target reading age", timeout=120)  # reopened as it was saved
    text = hello_text(url, letter_id)
    back = max((int(n) for n in WORD.findall(text)), default=0)
    assert back >= must_have, (
        f"lost typing older than 1 s: on screen {must_have}, restored {back}; after the kill: {left}"
    )
    assert all(f"w{n:04d}" in text for n in range(1, back + 1))  # every word, in order, once
    assert text.index("w0001") < text.index(f"w{back:04d}")
    on_screen = shown[-1][1]
    print(
        f"typed {typed} words; on screen at the kill {on_screen}, a second before {must_have}; "
        f"{'restored' if newer else 'saved'} {back} (lost {(on_screen - back) * 6} characters the app "
        "had shown)"
    )
    app.keys("C-q")


def _two_windows(apps: list[App], url: str) -> None:
    with open_store(url) as store:
        letter_id = store.add(demo_letter())
    one, two = terminal_for("one", url), terminal_for("two", url)
    apps += [one, two]
    for app in (one, two):  # both on the list first (they share the "last letter" state file)
        app.start()
        app.wait_for("Ellie", timeout=60)
    for app in (one, two):
        app.keys("Enter")
        app.wait_for("Target reading age", timeout=60)

    one.type("From window one. ")
    one.wait_for("Saved", timeout=30)
    assert hello_text(url, letter_id).startswith("From window one. ")
    two.type("From window two. ")
    two.wait_for("This letter changed elsewhere", timeout=30)
    assert hello_text(url, letter_id).startswith("From window one. ")  # nothing written over it
    with open_store(url) as store:
        kept = [r for r in store.history(letter_id) if r.kind == "kept"]
        assert len(kept) == 1
        assert store.revision(letter_id, kept[0].number).section("hello").text.startswith("From window two. ")  # type: ignore[union-attr]
    two.keys("r")  # reload: window two now shows window one's text
    two.wait_for("From window one.", timeout=30)
    two.keys("End")
    two.type(" Two again.")
    deadline = time.monotonic() + 30
    while "Two again." not in hello_text(url, letter_id) and time.monotonic() < deadline:
        time.sleep(0.2)
    final = hello_text(url, letter_id)
    assert "From window one." in final and "Two again." in final
    for app in (one, two):
        app.keys("C-q")


def test_two_app_windows_on_one_sqlite_file(apps: list[App], tmp_path: Path) -> None:
    _two_windows(apps, f"sqlite:///{tmp_path / 'letters.db'}")


def test_two_app_windows_on_one_postgresql_database(apps: list[App]) -> None:
    if not POSTGRES_URL:
        pytest.skip("set LETTERS_TEST_POSTGRES_URL to run this against PostgreSQL")
    url = worker_database(POSTGRES_URL)
    empty_postgres(url)
    _two_windows(apps, url)
