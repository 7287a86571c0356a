"""`letters serve` in a real browser: headless Chromium signs in, opens a letter, types, sees a
finding, exports and receives the download; a closed tab frees its process within 30 s.

Skipped, saying why, only when Chromium is not installed (CI installs it: scripts/setup.sh).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from letters.demo import demo_letter
from letters.store.team import open_for
from tests.teamdb import PASSWORD, TeamDatabase
from tests.web.cdp import Browser, chromium, free_port

pytestmark = pytest.mark.skipif(
    chromium() is None, reason="Chromium is not installed (apt-get install chromium)"
)

SHOTS = (
    Path(os.environ.get("LETTERS_TEST_SCREENSHOTS", ""))
    if os.environ.get("LETTERS_TEST_SCREENSHOTS")
    else None
)


def listening(port: int, timeout: float = 30.0) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def tabs_of(server: subprocess.Popen[bytes]) -> list[int]:
    """The app processes the server runs, one per open tab."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == server.pid and b"letters" in cmdline and b"serve" not in cmdline:
            found.append(int(entry.name))
    return found


@pytest.fixture
def served(team_db: TeamDatabase, tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    with open_for(team_db.url("priya")).store as store:
        store.add(demo_letter())
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "letters", "serve", "--database", team_db.url(), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert server.stdout is not None
    assert b"each tab signs in" in server.stdout.readline()
    try:
        yield f"http://127.0.0.1:{port}/", server
    finally:
        server.terminate()
        server.wait(30)


def test_sign_in_write_see_a_finding_and_download_the_export(
    served: tuple[str, subprocess.Popen[bytes]], team_db: TeamDatabase, tmp_path: Path
) -> None:
    url, server = served
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser = Browser.start(tmp_path)
    try:
        control = browser.session()
        control.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads))
        page = browser.page()
        page.call("Page.navigate", url=url)
        page.wait_for("Sign in to the team's letters", timeout=60)
        page.focus()
        page.type(team_db.login("priya"))
        page.wait_for(team_db.login("priya"))  # echoed: the app has every key so far
        page.press("enter")  # to the password
        time.sleep(1.0)  # a person's pause: the focus moves before the next key
        page.type(PASSWORD)
        page.wait_for("•" * len(PASSWORD))
        page.press("enter")
        page.wait_for("Priya Nandra (IRO)")
        page.wait_for("Ellie")
        page.press("enter")  # open the one letter
        page.wait_for("Dear Ellie,", timeout=60)  # the editor holds the letter's text
        time.sleep(1.0)  # as a person would, look before typing: the editor takes the keys
        page.press("end")
        time.sleep(0.5)
        page.type(" We talked about your placement.")
        page.wait_for("Dear Ellie, We talked about your placement.")
        page.wait_for("Jargon · 'placement' is", timeout=60)  # the finding, in the findings list
        text = page.wait_for("^k palette")
        assert "^b New letter" in text and "f8 Why?" in text  # keys a browser lets through
        if SHOTS:
            page.screenshot(SHOTS / "served-writing.png")
        page.press("ctrl+e")
        page.wait_for("your browser downloads them")
        page.press("ctrl+e")
        page.wait_for("Sent the files to your browser's downloads")
        deadline = time.monotonic() + 30
        while len([p for p in downloads.glob("*.docx")]) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        files = sorted(p.name for p in downloads.glob("*.docx"))
        assert [f.rsplit("-", 1)[1] for f in files] == ["adults.docx", "child.docx"], files
        with zipfile.ZipFile(downloads / files[1]) as docx:
            assert "We talked about your placement." in docx.read("word/document.xml").decode("utf-8")
        if SHOTS:
            page.screenshot(SHOTS / "served-export.png")
        assert len(tabs_of(server)) == 1
        # The tab closes: its app process ends (saving first) within 30 s.
        control.call("Target.closeTarget", targetId=page.target_id)  # type: ignore[attr-defined]
        closed = time.monotonic()
        while tabs_of(server) and time.monotonic() - closed < 30:
            time.sleep(0.5)
        assert tabs_of(server) == []
    finally:
        browser.stop()
    with open_for(team_db.url("priya")).store as store:
        assert "Dear Ellie, We talked about your placement." in store.get(1).section("hello").text  # type: ignore[union-attr]


def test_a_single_person_server_refuses_a_tab_without_its_token(db_url: str, tmp_path: Path) -> None:
    import urllib.error
    import urllib.request

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "letters", "serve", "--database", db_url, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert server.stdout is not None
        server.stdout.readline()
        link = server.stdout.readline().decode().strip()
        assert link.startswith(f"http://127.0.0.1:{port}/?token=")
        listening(port)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10)
        assert refused.value.code == 403
        with urllib.request.urlopen(link, timeout=10) as page:
            html = page.read().decode()
            assert "letters_token=" in page.headers["Set-Cookie"]
        assert "googleapis" not in html and "https://" not in html
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/ws", timeout=10)
    finally:
        server.terminate()
        server.wait(30)
