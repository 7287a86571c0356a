"""`letters serve`: the same Textual app in a browser tab, through textual-serve.

Each websocket (each tab) runs the app in a process of its own; what this module adds to
textual-serve's `Server`:

- a page template (app_index.html) that loads only the fonts the package ships (no web font from
  outside) and downloads delivered files in the same tab (a new window would be blocked as a
  pop-up);
- single-person mode (SQLite): a random token in the printed URL, as Jupyter does. The page sets
  it as a cookie (HttpOnly, SameSite=Strict) and the websocket and downloads need it, so a tab
  without the link, or another web site's page, gets nothing. Team mode signs in instead;
- a websocket from a page of another origin is refused;
- a session whose browser has gone ends within 30 s: the websocket is pinged every 8 s (a
  missing answer closes it within 12 s), the app is asked to quit (it saves first) and given 8 s,
  then its process is terminated, then killed.

No Textual here (the app runs in the child processes), and nothing personal is logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

log = logging.getLogger("letters.serve")

COOKIE = "letters_token"
HEARTBEAT = 8.0  # seconds between pings; no answer within half of it closes the socket
QUIT_GRACE = 8.0  # seconds the app has to save and quit once its browser is gone
KILL_GRACE = 3.0  # then seconds between terminating and killing its process


class LettersServer(Server):
    """textual-serve's server with a token, an origin check, our page and prompt clean-up."""

    def __init__(
        self, command: str, *, host: str, port: int, token: str | None, public_url: str | None
    ) -> None:
        super().__init__(command, host=host, port=port, title="Letters", public_url=public_url)
        self.templates_path = Path(__file__).parent  # app_index.html beside this file
        self.token = token
        self.sessions: set[AppService] = set()

    def initialize_logging(self) -> None:
        # textual-serve logs each request with the app's command; keep to warnings.
        logging.basicConfig(level=logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        return None  # `letters serve` prints its own address

    # -- the token (single-person mode) ------------------------------------------------------------

    def _allowed(self, request: web.Request) -> bool:
        if self.token is None:
            return True
        given = request.cookies.get(COOKIE) or request.query.get("token") or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    def _same_origin(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if not origin:
            return True  # not a browser page (a browser always sends Origin on a websocket)
        public = urlsplit(self.public_url)
        return urlsplit(origin).netloc in (request.host, public.netloc)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if not self._allowed(request):
            return web.Response(
                status=403,
                text="This letters server needs the link it printed when it started (it ends in ?token=…).",
            )
        response: web.StreamResponse = await super().handle_index(request)
        if self.token is not None:
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict")
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        if not self._allowed(request):
            raise web.HTTPForbidden(text="This download needs the letters server's link.")
        response = await super().handle_download(request)
        return response

    # -- one app process per tab, ended soon after its browser goes ------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self._allowed(request) or not self._same_origin(request):
            raise web.HTTPForbidden(text="Open letters from the link its server printed.")
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT)
        width = _int(request.query.get("width"), 80)
        height = _int(request.query.get("height"), 24)
        service: AppService | None = None

        async def close() -> None:
            await websocket.close()

        try:
            await websocket.prepare(request)
            service = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.sessions.add(service)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one tab's failure must not stop the server
            log.warning("a session ended with an error: %s", type(error).__name__)
        finally:
            if service is not None:
                await end_session(service)
                self.sessions.discard(service)
        return websocket


def _int(text: str | None, default: int) -> int:
    try:
        return int(text or "")
    except ValueError:
        return default


async def end_session(service: AppService) -> None:
    """Ask the app to quit (it saves first), then terminate and kill its process if it lingers."""
    process: Any = getattr(service, "_process", None)
    try:
        await asyncio.wait_for(service.stop(), QUIT_GRACE)
    except Exception:  # it did not quit in time (or its pipe is gone): stop it below
        pass
    if process is None or process.returncode is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        process.terminate()
    try:
        await asyncio.wait_for(process.wait(), KILL_GRACE)
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(process.wait(), KILL_GRACE)
