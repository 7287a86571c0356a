"""A thread of its own that keeps the journal row up to date while the IRO types.

Why not a Textual timer and a worker: on a loaded machine a burst of keys can keep the app's event
loop busy for seconds (measured: a 0.5 s timer firing 2 to 4 s late while tmux typed 75 characters
a second on a machine running at a load of 9 on 2 cores), and a worker only starts once the loop
gets to it. This thread is woken straight from the code that handles each edit, and needs only the
interpreter lock, which Python hands between threads every few milliseconds. It writes the newest
copy it was given (older ones are dropped), under the app's database lock, one write at a time.

`offer` is called on the UI thread; `write` runs on this thread. No Textual here: only the app's
store, its lock, and what to do with a copy (`Saver.journal_now`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class JournalWriter:
    """Writes the newest offered copy with `write(copy)`, on a daemon thread."""

    def __init__(self, write: Callable[[Any], None], *, lock: threading.Lock) -> None:
        self._write = write
        self._lock = lock  # the app's database lock: one database call at a time, in order
        self._newest: Any = None
        self._wake = threading.Condition()
        self._stopped = False
        self._thread: threading.Thread | None = None
        self.problem: Exception | None = None  # the last write's unexpected failure, if any

    def offer(self, copy: Any) -> None:
        """Write `copy` soon (replacing any copy not written yet)."""
        with self._wake:
            self._newest = copy
            self._wake.notify()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="letters-journal", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._newest is None and not self._stopped:
                    self._wake.wait()
                if self._newest is None:  # stopped, nothing left to write
                    return
                copy, self._newest = self._newest, None
            with self._lock:
                try:
                    self._write(copy)
                except Exception as exc:  # the revision saves say what is wrong; keep going
                    self.problem = exc
