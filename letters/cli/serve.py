"""`letters serve [--host 127.0.0.1] [--port 8000] [--database URL] [--public-url URL]`.

Serves the app to browsers (letters.web). Each tab runs `python -m letters` in a process of its
own with `LETTERS_SERVED=1`, so the app moves the keys browsers keep and delivers exports as
downloads. On a team database (PostgreSQL) every tab signs in: the tabs get the database's
address without any login or password, and none of the server's own PostgreSQL credentials
(PGPASSWORD, a password file, PGUSER), so no tab can act as the server's account. On SQLite the
printed address carries a random token, and a tab without it is refused. Binds to 127.0.0.1
unless `--host` says otherwise; README says how to put it behind an HTTPS reverse proxy.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shlex
import sys

from letters.cli.records import add_database_option, load_cli_config
from letters.errors import UserError

#: libpq's settings that could let a tab sign in as the server's own account.
_CREDENTIALS = ("PGPASSWORD", "PGUSER", "PGSERVICE", "PGSERVICEFILE", "PGSSLKEY", "PGSSLCERT")


def tab_environment(database_url: str, *, team: bool) -> dict[str, str]:
    """What each tab's app process gets in its environment (besides textual-serve's own)."""
    env = {k: v for k, v in os.environ.items() if k not in _CREDENTIALS}
    env["LETTERS_SERVED"] = "1"
    env["LETTERS_DATABASE_URL"] = database_url
    if team:
        env["PGPASSFILE"] = os.devnull  # no ~/.pgpass either
    return env


def _serve(args: argparse.Namespace) -> int:
    from letters.store.team import sign_in_url

    try:
        from letters.web import LettersServer
    except ModuleNotFoundError as exc:
        raise UserError(f"letters serve needs {exc.name}: pip install textual-serve.") from None
    import sqlalchemy

    from letters.store import engine as db

    config = load_cli_config()
    url = db.resolve_url(args.database, config)
    team_url = sign_in_url(url, config)
    if team_url is None and sqlalchemy.make_url(url).get_backend_name() != "sqlite":
        raise UserError("letters serve works with a SQLite file or a team database on PostgreSQL.")
    token = None if team_url is not None else secrets.token_urlsafe(24)
    # textual-serve hands its own environment to each tab's process.
    os.environ.clear()
    os.environ.update(tab_environment(team_url or url, team=team_url is not None))
    command = f"exec {shlex.quote(sys.executable)} -m letters"
    public = args.public_url.rstrip("/") if args.public_url else None
    server = LettersServer(command, host=args.host, port=args.port, token=token, public_url=public)
    address = public or f"http://{args.host}:{args.port}"
    if token is not None:
        print(f"Serving letters (single person: {db.describe(sqlalchemy.make_url(url))}) at:")
        print(f"    {address}/?token={token}")
        print("Open that link; a tab without it is refused. Press ctrl+c to stop.")
    else:
        print(f"Serving letters (team database) at {address}: each tab signs in. Press ctrl+c to stop.")
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"letters: warning: listening on {args.host}, not only this computer: put an HTTPS "
            "reverse proxy in front (README, 'In a browser').",
            file=sys.stderr,
        )
    sys.stdout.flush()
    server.serve()
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    help_text = "Serve the app to web browsers (each tab its own session)."
    p: argparse.ArgumentParser = sub.add_parser("serve", help=help_text, description=help_text)
    add_database_option(p)
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)"
    )
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, when behind a reverse proxy (e.g. https://letters.example.org)",
    )
    p.set_defaults(handler=_serve)
