"""Opening the database: where it is, creating it safely, migrating it, and explaining failures.

- Where: `LETTERS_DATABASE_URL`, else the config's `database_url`, else `letters.db` in the user's
  data folder (platformdirs). A plain path is taken as a SQLite file.
- Safely: a new SQLite file is created readable by the user only (0600) in a folder only the user
  can enter (0700, when we create it); SQLite gives its -wal and -shm files the same permissions.
  WAL mode lets the app read while another process writes; writes take the lock up front
  (BEGIN IMMEDIATE) so two writers queue instead of failing half-way, and wait up to `timeout`.
- Migrating: Alembic, configured in code, runs any migrations the file lacks when it is opened.
- Failures: every database error becomes a `StorageError` whose one line says what happened and
  what to do, and never quotes the data (statement parameters are hidden from SQLAlchemy's errors
  too, because they hold letters).

Nothing here runs at import time; nothing here logs, and SQLAlchemy is kept from logging rows.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from letters.errors import NotAllowed, ServerUnreachable, SignInFailed, StorageError

if TYPE_CHECKING:
    import sqlalchemy
    from alembic.config import Config as AlembicConfig
    from sqlalchemy.engine import URL

    from letters.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_LOGGING_NAME = "letters"
DEFAULT_TIMEOUT = 5.0  # seconds a write waits for another program's write to finish


def default_database_url() -> str:
    """The SQLite file in the user's data folder, used when nothing else is configured."""
    from platformdirs import user_data_dir

    path = Path(user_data_dir("letters", appauthor=False)) / "letters.db"
    return f"sqlite:///{path}"


def resolve_url(url: str | None = None, config: Config | None = None) -> str:
    """The database URL to use: the argument, `LETTERS_DATABASE_URL`, the config, the default."""
    chosen = (
        url
        or os.environ.get("LETTERS_DATABASE_URL")
        or (config.database_url if config else None)
        or default_database_url()
    )
    if "://" not in chosen:  # a path to a SQLite file
        chosen = f"sqlite:///{Path(chosen).expanduser().resolve()}"
    return chosen


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def describe(url: URL) -> str:
    """How to name the database in a message: its file, or its URL without the password."""
    path = sqlite_path(url)
    return str(path) if path else url.render_as_string(hide_password=True)


# ---------------------------------------------------------------------------------------------
# Errors


def _reason(exc: BaseException) -> str:
    """The driver's own message (first line only: later lines can quote the data)."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig.args[0] if getattr(orig, "args", None) else orig)
    return text.strip().splitlines()[0] if text.strip() else type(orig).__name__


#: Less free space than this on the database's disk makes an I/O error a full disk: SQLite says
#: "disk I/O error", not "disk is full", when it cannot grow its -wal or -shm file.
_NEARLY_FULL = 1 << 20


def _disk_full(where: str, reason: str) -> bool:
    if "i/o error" not in reason:
        return False
    folder = Path(where).parent
    try:
        stats = os.statvfs(folder) if folder.is_dir() else None
    except OSError:
        return False
    return stats is not None and stats.f_bavail * stats.f_frsize < _NEARLY_FULL


def storage_error(exc: BaseException, where: str) -> StorageError:
    """Turn a database or file error into a one-line message: what happened, what to do."""
    said = _reason(exc)
    reason = said.lower()
    sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None) or ""
    if said.startswith("letters: "):  # team mode: the database's own functions explain themselves
        text = said.removeprefix("letters: ")
        return NotAllowed(text[:1].upper() + text[1:] + " Nothing was changed.")
    if sqlstate == "28P01" or "password authentication failed" in reason:
        return SignInFailed("The login or password is wrong. Nothing was changed; try again.")
    if "no password supplied" in reason:
        return SignInFailed(f"The database {where} needs a password: sign in with your login and password.")
    if sqlstate == "28000" or "not permitted to log in" in reason:
        return SignInFailed(f"This login may not sign in to the database {where}; ask your admin.")
    if sqlstate == "42501" or "row-level security" in reason:
        # Which table, for the admin (PostgreSQL's first line names it and quotes no data).
        table = re.search(r'\bfor (?:table|relation) "?([A-Za-z_][A-Za-z0-9_]*)"?', said)
        which = f" (the database refused it on its table {table.group(1)})" if table else ""
        return NotAllowed(
            "Your role in this team does not allow that (or a letter's share has ended). Nothing was "
            f"changed; ask the letter's IRO or your admin if you need it{which}."
        )
    if "locked" in reason or "busy" in reason or sqlstate in ("55P03", "40P01"):
        return StorageError(
            f"The database {where} is busy: another program is writing to it. Nothing was lost; "
            "close other letters windows or wait a moment, then try again."
        )
    if "disk is full" in reason or "disk full" in reason or sqlstate == "53100" or _disk_full(where, reason):
        return StorageError(
            f"The disk holding the database {where} is full, so this change was not saved; "
            "earlier saves are safe. Free some space on that disk (empty the bin, move or delete "
            "large files), then save again."
        )
    if "readonly" in reason or "read-only" in reason or "permission denied" in reason:
        return StorageError(
            f"Cannot write to the database {where}: the file or its folder is read-only. "
            "Nothing was lost; make it writable, or set LETTERS_DATABASE_URL to a writable place."
        )
    if "unable to open" in reason or "cannot open" in reason:
        return StorageError(
            f"Cannot open the database {where}: its folder is missing or not writable. "
            "Nothing was changed; check the folder, or set LETTERS_DATABASE_URL elsewhere."
        )
    if "not a database" in reason or "malformed" in reason or "encrypted" in reason:
        return StorageError(
            f"{where} is not a letters database, or it is damaged. Nothing was changed; move the "
            "file aside and restore a backup, or set LETTERS_DATABASE_URL to another file."
        )
    if "i/o error" in reason:
        return StorageError(
            f"The disk failed while reading or writing the database {where}. Nothing more was "
            "changed; check the disk (or network drive), then try again."
        )
    if (
        sqlstate.startswith("08")
        or sqlstate in ("57P01", "57P02", "57P03")  # the server shutting down or starting up
        or "connection" in reason
        or "could not connect" in reason
        or "server closed" in reason
    ):
        return ServerUnreachable(
            f"Cannot connect to the database {where}. Nothing was changed; check that the "
            "database server is running and the address is right, then try again."
        )
    return StorageError(
        f"The database {where} reported an error ({type(exc).__name__}"
        f"{', ' + sqlstate if sqlstate else ''}). Nothing was changed; try again, and report "
        "it if it keeps happening."
    )


@contextmanager
def translate_errors(where: str) -> Iterator[None]:
    """Inside this block, database and file errors surface as `StorageError`."""
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    try:
        yield
    except DBAPIError as exc:
        raise storage_error(exc, where) from exc
    except sqlite3.Error as exc:  # raised directly by pysqlite in connect-time pragmas
        raise storage_error(exc, where) from exc


# ---------------------------------------------------------------------------------------------
# Creating the engine


def _prepare_sqlite_file(path: Path) -> None:
    """Create missing folders (0700) and an empty file (0600) so SQLite never makes them wider."""
    where = str(path)
    if path.is_dir():
        raise StorageError(
            f"{where} is a folder, not a database file. Nothing was changed; "
            "set LETTERS_DATABASE_URL to a file path."
        )
    try:
        missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
        for folder in reversed(missing):  # each new folder 0700, not just the last one
            folder.mkdir(mode=0o700, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    except FileExistsError:
        return
    except OSError as exc:
        if exc.errno == 28:  # ENOSPC
            raise StorageError(
                f"The disk is full, so the database {where} cannot be created. "
                "Free some space, then try again."
            ) from exc
        raise StorageError(
            f"Cannot create the database {where}: {exc.strerror.lower() if exc.strerror else exc}. "
            "Nothing was changed; check the folder's permissions, or set LETTERS_DATABASE_URL."
        ) from exc


def create_engine(url_text: str, timeout: float = DEFAULT_TIMEOUT) -> sqlalchemy.Engine:
    """An engine for `url_text` with our connection settings (see the module docstring)."""
    import sqlalchemy
    from sqlalchemy import event

    # SQLAlchemy logs statements and result rows whenever a program turns on INFO or DEBUG logging;
    # ours hold letters, so our engines' logger stays at WARNING whatever the root level is.
    logging.getLogger(f"sqlalchemy.engine.Engine.{_LOGGING_NAME}").setLevel(logging.WARNING)
    options: dict[str, Any] = {"hide_parameters": True, "logging_name": _LOGGING_NAME}
    url = sqlalchemy.make_url(url_text)
    if url.get_backend_name() != "sqlite":
        connect_args: dict[str, Any] = {}
        if url.get_backend_name() == "postgresql":
            # A write waits for another writer's row lock this long, then fails with a message.
            connect_args["options"] = f"-c lock_timeout={int(timeout * 1000)}"
        return sqlalchemy.create_engine(url, pool_pre_ping=True, connect_args=connect_args, **options)

    path = sqlite_path(url)
    if path is not None:
        _prepare_sqlite_file(path)
    engine = sqlalchemy.create_engine(url, connect_args={"timeout": timeout}, **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event (below) issue BEGIN itself, instead of pysqlite deciding.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            if path is not None:
                cursor.execute("PRAGMA journal_mode = WAL")
            # NORMAL (SQLite's advice for WAL): a save survives the app or the process crashing,
            # and the file is never corrupted; only a power cut or OS crash can undo the last
            # saves before SQLite's next checkpoint. FULL fsyncs every save: about 2 ms on a quiet
            # SSD but 10 ms or more when the disk is busy, over the 5 ms a save may take.
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sqlalchemy.Connection) -> None:
        # A writer takes the write lock before reading, so its reads cannot go stale under it.
        write = conn.get_execution_options().get("letters_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


# ---------------------------------------------------------------------------------------------
# Migrations


def alembic_config(connection: sqlalchemy.Connection | None = None) -> AlembicConfig:
    """Alembic's configuration, built in code (no alembic.ini), for `connection`."""
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


#: The newest migration. tests/store/test_migrations.py fails if it is not Alembic's head, so a new
#: migration must bump it. Knowing it lets an up-to-date database open without importing Alembic
#: (about 0.13 s, on the way to the app's first screen).
SCHEMA_HEAD = "0008"


def _schema_is_current(engine: sqlalchemy.Engine) -> bool:
    import sqlalchemy

    try:
        with engine.connect() as conn:
            versions = set(conn.execute(sqlalchemy.text("SELECT version_num FROM alembic_version")).scalars())
            conn.rollback()
    except sqlalchemy.exc.DBAPIError:
        return False  # no table yet, or the database is busy: the full path below says which
    return versions == {SCHEMA_HEAD}


def migrate(engine: sqlalchemy.Engine, where: str) -> None:
    """Bring the schema up to date; refuse a database made by a newer version of letters."""
    if _schema_is_current(engine):
        return
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    heads = set(scripts.get_heads())
    with engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
        conn.rollback()
    if current == heads:
        return  # the usual case: no write, so opening works while another program is saving
    unknown = [rev for rev in current if not _known(scripts, rev)]
    if unknown:
        raise StorageError(
            f"The database {where} was made by a newer version of letters (schema "
            f"{', '.join(sorted(unknown))}; this version knows up to {', '.join(sorted(heads))}). "
            "Nothing was changed; upgrade letters to open it."
        )
    with engine.connect() as conn:
        conn.execution_options(letters_write=True)
        with conn.begin():
            command.upgrade(alembic_config(conn), "heads")


def _known(scripts: Any, revision: str) -> bool:
    from alembic.util import CommandError

    try:
        return scripts.get_revision(revision) is not None
    except CommandError:
        return False
