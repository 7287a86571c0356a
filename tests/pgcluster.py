"""A private PostgreSQL server of its own, for tests that stop and restart the server.

Other tests (and other people) use the shared server on 5432, so a test that restarts a server
starts its own: `initdb` into a temporary folder owned by the `postgres` user, on a free port,
listening on 127.0.0.1 only, with its own team database. `PrivateCluster.available()` says
whether this machine can (root with Debian's PostgreSQL, or running as `postgres`); `stop()`,
`start()` and `remove()` do what they say. Trust authentication is used on this throwaway
server only: what is tested here is the app riding out a restart, not passwords.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def _bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


class PrivateCluster:
    def __init__(self) -> None:
        bindir = _bin()
        assert bindir is not None
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="letters-pg-", dir="/tmp"))
        self.data = self.folder / "data"
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        if os.getuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()

    @staticmethod
    def available() -> str:
        """Empty when a private server can be started here, else why not."""
        if _bin() is None:
            return "PostgreSQL's server programs are not installed"
        if os.getuid() != 0 and os.environ.get("USER") != "postgres":
            return "starting a private PostgreSQL server needs root (to run it as postgres)"
        return ""

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd="/", timeout=120)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start"
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def remove(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)
