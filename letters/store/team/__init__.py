"""Team mode: one PostgreSQL database shared by an IRO service, each person signed in as themselves.

    from letters.store.team import open_for
    opened = open_for(url, config=config, login="priya", password="...", purpose="app")
    opened.store        # a TeamStore for a team member, else the ordinary Store
    opened.person       # who signed in (None: not a team database, or its owner)

Access is decided by PostgreSQL (roles, row-level security, the functions in functions.py), never
here: this package only names things, asks, and explains refusals. See setup.py for what
`letters team init` makes, policies.py for who may do what, people.py for managing people.
SQLite and PostgreSQL databases without team mode open exactly as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from letters.errors import StorageError
from letters.store.team.store import Person, Share, TeamStore

if TYPE_CHECKING:
    import sqlalchemy

    from letters.config import Config
    from letters.store import Store

__all__ = [
    "Opened",
    "Person",
    "Share",
    "TeamStore",
    "export_detail",
    "note_export",
    "open_for",
    "sign_in_url",
    "with_login",
]


def export_detail(audio: bool) -> str:
    """What the access log says an export of a letter wrote."""
    return "Word files for the child and the adults" + (", and the letter read aloud" if audio else "")


def note_export(store: Store, letter_id: int, detail: str) -> None:
    """In team mode, record an export of a letter in the access log (the database leaves out a
    letter's own IRO); elsewhere nothing."""
    if isinstance(store, TeamStore):
        store.log(letter_id, "export", detail)


@dataclass(frozen=True, slots=True)
class Opened:
    store: Store
    person: Person | None  # the signed-in team member; None outside team mode or for the owner
    team_database: bool  # the database is a team database (even when opened by its owner)


def with_login(url: str, login: str | None, password: str | None) -> str:
    """`url` with this login and password instead of any it had (for signing in)."""
    import sqlalchemy

    parsed = sqlalchemy.make_url(url)
    if login is None:
        return url
    return parsed._replace(username=login, password=password or None).render_as_string(hide_password=False)


def sign_in_url(url: str | None, config: Config | None) -> str | None:
    """The database URL without any login or password, when signing in makes sense (PostgreSQL);
    None for SQLite. A served browser tab signs in to this, never with the server's own login."""
    import sqlalchemy

    from letters.store import engine as db

    parsed = sqlalchemy.make_url(db.resolve_url(url, config))
    if parsed.get_backend_name() != "postgresql":
        return None
    return parsed._replace(username=None, password=None).render_as_string(hide_password=False)


def _settings(conn: sqlalchemy.Connection) -> dict[str, str] | None:
    import sqlalchemy

    exists = conn.execute(sqlalchemy.text("SELECT to_regclass('team_settings') IS NOT NULL")).scalar()
    if not exists:
        return None
    rows = conn.execute(sqlalchemy.text("SELECT key, value FROM team_settings")).all()
    settings = {str(k): str(v) for k, v in rows}
    return settings if "prefix" in settings else None


def _person(conn: sqlalchemy.Connection, prefix: str) -> Person | None:
    import sqlalchemy

    row = conn.execute(
        sqlalchemy.text(
            "SELECT session_user::text AS login, pg_has_role(session_user, :m, 'MEMBER') AS member, "
            "(SELECT rolsuper FROM pg_roles WHERE rolname = session_user) AS super"
        ),
        {"m": f"{prefix}_member"},
    ).one()
    if not row.member or row.super:
        return None
    roles = frozenset(
        g
        for g in ("iro", "auditor", "manager", "admin")
        if conn.execute(
            sqlalchemy.text("SELECT pg_has_role(session_user, :g, 'MEMBER')"), {"g": f"{prefix}_{g}"}
        ).scalar()
    )
    name = conn.execute(
        sqlalchemy.text("SELECT name FROM people WHERE login = session_user")
    ).scalar_one_or_none()
    return Person(str(row.login), str(name or row.login), roles)


def open_for(
    url: str | None = None,
    *,
    config: Config | None = None,
    login: str | None = None,
    password: str | None = None,
    purpose: str = "letters",
) -> Opened:
    """Open the database, as the signed-in person when it is a team database.

    `login`/`password` replace the URL's own (signing in). A team member gets a `TeamStore`; the
    database's owner and databases without team mode get the ordinary `Store` (migrated as
    `open_store` does). A member's database is never migrated: that is the owner's `team init`.
    """
    import sqlalchemy

    from letters.store import engine as db
    from letters.store import open_store

    url_text = with_login(db.resolve_url(url, config), login, password)
    parsed = sqlalchemy.make_url(url_text)
    if parsed.get_backend_name() != "postgresql":
        return Opened(open_store(url_text, config=config), None, False)
    where = db.describe(parsed)
    try:
        engine = db.create_engine(url_text)
    except ModuleNotFoundError as exc:
        raise StorageError(
            f"The database driver '{exc.name}' for {where} is not installed. Nothing was changed; "
            "install it (pip install 'letters[postgres]')."
        ) from None
    try:
        with db.translate_errors(where), engine.connect() as conn:
            settings = _settings(conn)
            person = _person(conn, settings["prefix"]) if settings else None
            current = (
                db.SCHEMA_HEAD
                in set(conn.execute(sqlalchemy.text("SELECT version_num FROM alembic_version")).scalars())
                if settings
                else True
            )
            conn.rollback()
    except BaseException:
        engine.dispose()
        raise
    if person is None:
        engine.dispose()
        return Opened(open_store(url_text, config=config), None, settings is not None)
    if not current:
        engine.dispose()
        raise StorageError(
            f"The team database {where} was made by another version of letters. Nothing was "
            "changed; ask its owner to run `letters team init` with this version."
        )
    store = TeamStore(
        engine,
        where,
        config.authority if config else None,
        person=person,
        auditor_scope=settings.get("auditor_scope", "sample") if settings else "sample",
        purpose=purpose,
    )
    return Opened(store, person, True)
