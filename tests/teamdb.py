"""A real team database on the test PostgreSQL server, for the team-mode tests.

`TeamDatabase.create(base_url, tag)` makes a database of its own (named after the base database,
the pytest-xdist worker and `tag`), runs `letters team init` on it and adds five people whose
logins carry the database's prefix (roles are server-wide: two workers must never share one):

    priya (IRO, "Priya Nandra"), sam (IRO, "Sam Okafor"), aisha (auditor), mo (manager),
    alex (admin)

`login("priya")` is the real login name, `url("priya")` a URL signing in as them, `owner_url` the
owner's. `empty()` removes every letter and log row between tests (as the owner); `drop()` removes
the database and its roles.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import sqlalchemy

from letters.store.team.people import add_person
from letters.store.team.setup import groups_for, init_team

PASSWORD = "a long test password"
PEOPLE = {
    "priya": (["iro"], "Priya Nandra"),
    "sam": (["iro"], "Sam Okafor"),
    "aisha": (["auditor"], "Aisha Begum"),
    "mo": (["manager"], "Mo Clarke"),
    "alex": (["admin"], "Alex Reid"),
}


@dataclass
class TeamDatabase:
    owner_url: str
    database: str
    prefix: str
    people: dict[str, str] = field(default_factory=dict)  # short name -> login

    @classmethod
    def create(cls, base_url: str, tag: str = "team") -> TeamDatabase:
        base = sqlalchemy.make_url(base_url)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        name = f"{base.database}_{tag}_{worker}"[:63]
        admin = sqlalchemy.create_engine(base, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                conn.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
        finally:
            admin.dispose()
        owner_url = base.set(database=name).render_as_string(hide_password=False)
        prefix = groups_for(name).prefix
        db = cls(owner_url, name, prefix)
        db._drop_logins()
        init_team(owner_url)
        from letters.store import open_store

        with open_store(owner_url) as owner:
            for short, (roles, display) in PEOPLE.items():
                add_person(owner, db.login(short), PASSWORD, roles=roles, name=display)
                db.people[short] = db.login(short)
        return db

    def login(self, short: str) -> str:
        return f"{self.prefix}_{short}"[:63]

    def url(self, short: str | None = None, *, password: str = PASSWORD) -> str:
        base = sqlalchemy.make_url(self.owner_url)
        if short is None:
            return base._replace(username=None, password=None).render_as_string(hide_password=False)
        return base.set(username=self.login(short), password=password).render_as_string(hide_password=False)

    def sql(self, statement: str, **params: object) -> list[sqlalchemy.Row[object]]:
        """Run SQL as the owner (committed); rows if it returns any."""
        engine = sqlalchemy.create_engine(self.owner_url)
        try:
            with engine.begin() as conn:
                # Without parameters the statement goes as it is (a verifier holds colons).
                result = (
                    conn.execute(sqlalchemy.text(statement), params)
                    if params
                    else conn.exec_driver_sql(statement)
                )
                return list(result.all()) if result.returns_rows else []
        finally:
            engine.dispose()

    def empty(self) -> None:
        self.sql(
            "TRUNCATE letters, children, child_claims, access_log, shares, audit_samples, audit_keys "
            "RESTART IDENTITY CASCADE"
        )

    def _drop_logins(self) -> None:
        engine = sqlalchemy.create_engine(self.owner_url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                names = conn.execute(
                    sqlalchemy.text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"),
                    {"p": self.prefix.replace("_", r"\_") + r"\_%"},
                ).scalars()
                for role in list(names):
                    if role.endswith(("_iro", "_auditor", "_manager", "_admin", "_member")):
                        continue
                    # A test may leave a connection open: to end it, the owner (CREATEROLE) makes
                    # itself a member of the login first, which PostgreSQL requires.
                    conn.execute(sqlalchemy.text(f'GRANT "{role}" TO CURRENT_USER'))
                    conn.execute(
                        sqlalchemy.text(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :r"
                        ),
                        {"r": role},
                    )
                    conn.execute(sqlalchemy.text(f'DROP ROLE IF EXISTS "{role}"'))
        finally:
            engine.dispose()

    def drop(self) -> None:
        self._drop_logins()  # first: it ends the logins' connections, which DROP DATABASE needs
        base = sqlalchemy.make_url(self.owner_url).set(database="postgres")
        admin = sqlalchemy.create_engine(base, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)'))
                for group in ("iro", "auditor", "manager", "admin", "member"):
                    conn.execute(sqlalchemy.text(f'DROP ROLE IF EXISTS "{self.prefix}_{group}"'))
        finally:
            admin.dispose()
