"""Driving Debian's headless Chromium over the Chrome DevTools Protocol (a websocket), for tests.

Why CDP and not Selenium: the protocol is Chromium's own, so there is no driver whose version must
match the browser, nothing tries to download a driver, and it gives what the test needs directly
(downloads into a folder, screenshots, keys and mouse as a person presses them).

`Browser.start(folder)` starts Chromium with a fresh profile and the flags a CI machine needs;
`page.text()` reads the terminal the page draws (xterm.js draws on a canvas, so a script added
before the page's own catches the terminal object and reads its buffer: a test-only hook, not
part of the page letters serves).
"""

from __future__ import annotations

import base64
import itertools
import json
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import websocket

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--window-size=1200,800",
]

#: Catches `this.terminal = new Terminal(...)` in textual.js, so the test can read the screen.
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    window.__term = value;
  },
});
"""
READ_SCREEN = """(() => {
  const t = window.__term; if (!t) return "";
  const b = t.buffer.active, rows = [];
  for (let y = 0; y < t.rows; y++) {
    const line = b.getLine(y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
})()"""

_KEYS = {
    "enter": ("Enter", "Enter", 13, "\r"),
    "escape": ("Escape", "Escape", 27, ""),
    "tab": ("Tab", "Tab", 9, ""),
    "end": ("End", "End", 35, ""),
    "down": ("ArrowDown", "ArrowDown", 40, ""),
}


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Session:
    """One websocket to a DevTools target (the browser, or a page)."""

    def __init__(self, url: str) -> None:
        self.ws = websocket.create_connection(url, timeout=30, suppress_origin=True)
        self._ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self._ids)
        self.ws.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))
            self.events.append(message)

    def close(self) -> None:
        self.ws.close()


class Page(Session):
    def text(self) -> str:
        result = self.call("Runtime.evaluate", expression=READ_SCREEN, returnByValue=True)
        return str(result.get("result", {}).get("value") or "")

    def wait_for(self, words: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = self.text()
            if words in text:
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {words!r} on the page:\n{text}")
            time.sleep(0.2)

    def focus(self) -> None:
        """Give the terminal the keyboard (as clicking into the page does for a person)."""
        self.call("Runtime.evaluate", expression="window.__term && window.__term.focus()")

    def click(self, x: int, y: int) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def type(self, text: str) -> None:
        for ch in text:
            self.call("Input.dispatchKeyEvent", type="keyDown", text=ch, key=ch, unmodifiedText=ch)
            self.call("Input.dispatchKeyEvent", type="keyUp", key=ch)

    def press(self, key: str) -> None:
        """A key such as "enter" or "ctrl+e", as the keyboard sends it."""
        modifiers = 0
        if key.startswith("ctrl+"):
            modifiers, key = 2, key[5:]
        if key in _KEYS:
            name, code, vk, text = _KEYS[key]
        else:
            name, code, vk, text = key, f"Key{key.upper()}", ord(key.upper()), key
        down: dict[str, Any] = {
            "key": name,
            "code": code,
            "windowsVirtualKeyCode": vk,
            "modifiers": modifiers,
        }
        if text and not modifiers:
            down["text"] = text
        self.call("Input.dispatchKeyEvent", type="rawKeyDown" if modifiers or not text else "keyDown", **down)
        self.call("Input.dispatchKeyEvent", type="keyUp", **{k: v for k, v in down.items() if k != "text"})

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path


class Browser:
    def __init__(self, process: subprocess.Popen[bytes], port: int, profile: Path) -> None:
        self.process, self.port, self.profile = process, port, profile

    @classmethod
    def start(cls, folder: Path) -> Browser:
        binary = chromium()
        assert binary is not None
        port = free_port()
        profile = folder / "profile"
        profile.mkdir()
        process = subprocess.Popen(
            [binary, *FLAGS, f"--remote-debugging-port={port}", f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        browser = cls(process, port, profile)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                browser._json("version")
                return browser
            except OSError:
                time.sleep(0.2)
        browser.stop()
        raise AssertionError("Chromium did not start its DevTools endpoint within 30 s")

    def _json(self, what: str) -> Any:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/{what}", timeout=5) as response:
            return json.loads(response.read())

    def session(self) -> Session:
        return Session(self._json("version")["webSocketDebuggerUrl"])

    def page(self) -> Page:
        target = next(t for t in self._json("list") if t["type"] == "page")
        page = Page(target["webSocketDebuggerUrl"])
        page.target_id = target["id"]  # type: ignore[attr-defined]
        page.call("Page.enable")
        page.call("Page.addScriptToEvaluateOnNewDocument", source=CATCH_TERMINAL)
        return page

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
