"""Checking works with the network blocked and an empty home folder, and never loads NLTK."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BLOCK_NETWORK = """
import socket
def _refuse(*args, **kwargs):
    raise OSError("network blocked by test")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""


def test_check_offline_with_empty_home(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCK_NETWORK)
    home = tmp_path / "empty-home"
    home.mkdir()
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Sam,\n\nYour placement with Anne is going well. You like your room.\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NLTK", "XDG", "LETTERS"))}
    env.update(
        HOME=str(home),
        PYTHONPATH=os.pathsep.join([str(site), env.get("PYTHONPATH", "")]),
        NO_PROXY="*",
        http_proxy="http://127.0.0.1:9",
        https_proxy="http://127.0.0.1:9",
    )
    probe = (
        "import sys, socket; from letters.cli import main; rc = main(sys.argv[1:]); "
        "assert 'nltk' not in sys.modules, 'nltk was imported'; "
        "assert socket.socket.connect.__name__ == '_refuse'; sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, "check", str(letter), "--age", "9"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "placement" in result.stdout
    assert "reading age" in result.stdout
    assert list(home.iterdir()) == []  # nothing downloaded or cached into the home folder
