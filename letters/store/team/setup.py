"""`letters team init`: make a PostgreSQL database a team database, or bring one up to date.

Run with the database owner's (or a superuser's) URL. In one transaction, after the schema is
migrated (Alembic):

- the four group roles and a `member` role, named after the database (`<prefix>_iro`, ...), so
  two databases on one server, or two test workers, never share or collide;
- CONNECT on the database for members only;
- row-level security on every table, with only the grants and policies in policies.py (a table
  not listed there is locked to all but the owner, and named in the report);
- the team functions (functions.py, admin_functions.py), executable by members only;
- the triggers record_functions.py describes (children's records);
- `letters.owner` defaults to the login saving the letter, `children.created_by` to the login
  making the record;
- `team_settings`: the prefix and what auditors may read ("sample" or "sent").

Running it again changes nothing that is already right; after upgrading letters, run it again so
new tables and functions are covered. Nothing here logs.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from letters.errors import UserError
from letters.store.team.admin_functions import ADMIN_FUNCTIONS
from letters.store.team.functions import FUNCTIONS, HEADER
from letters.store.team.policies import PLAIN_READ, TABLES, Grant, Policy
from letters.store.team.record_functions import PRIVATE_RECORD_FUNCTIONS, RECORD_FUNCTIONS, TRIGGERS

if TYPE_CHECKING:
    import sqlalchemy

GROUPS = ("iro", "auditor", "manager", "admin")
SCOPES = ("sample", "sent")
#: Functions no member may call: the key, the keyed hash that would let anyone test guessed names,
#: and the triggers' functions.
PRIVATE_FUNCTIONS = ("team_key()", *PRIVATE_RECORD_FUNCTIONS)
#: Functions earlier versions made that no longer exist (dropped so nobody keeps a way in).
RETIRED_FUNCTIONS = ("team_ref_of(text, text)",)


@dataclass(frozen=True, slots=True)
class Groups:
    """The database's role names."""

    prefix: str

    def role(self, group: str) -> str:
        return f"{self.prefix}_{group}"

    @property
    def member(self) -> str:
        return self.role("member")

    def replacements(self) -> dict[str, str]:
        return {f"@{g}@": self.role(g) for g in (*GROUPS, "member")} | {"@HEADER@": HEADER}


def groups_for(database: str) -> Groups:
    """Role names for a database: its name made safe, shortened with a digest if long."""
    safe = re.sub(r"[^a-z0-9_]", "_", database.lower()) or "letters"
    if len(safe) > 48 or safe != database.lower():
        digest = hashlib.sha256(database.encode("utf-8")).hexdigest()[:6]
        safe = f"{safe[:40]}_{digest}"
    return Groups(safe)


@dataclass(frozen=True, slots=True)
class InitReport:
    groups: Groups
    created: tuple[str, ...]  # group roles made this time
    tables: tuple[str, ...]  # tables under row-level security
    locked: tuple[str, ...]  # tables no policy covers: the owner's only
    unowned: int  # letters with no owner (visible to no IRO until reassigned)
    auditor_scope: str


def _fill(text: str, groups: Groups) -> str:
    for token, value in groups.replacements().items():
        text = text.replace(token, value)
    return text


def _sql(conn: sqlalchemy.Connection, statement: str, **params: object) -> Any:
    import sqlalchemy

    return conn.execute(sqlalchemy.text(statement), params)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _grant(conn: sqlalchemy.Connection, table: str, grant: Grant, groups: Groups) -> None:
    role = _quote(groups.role(grant.group))
    if grant.except_columns:
        columns = [
            c
            for c in _sql(
                conn,
                "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                "current_schema() AND table_name = :t ORDER BY ordinal_position",
                t=table,
            ).scalars()
            if c not in grant.except_columns
        ]
        cols = ", ".join(_quote(str(c)) for c in columns)
        _sql(conn, f"GRANT {grant.privileges} ({cols}) ON {_quote(table)} TO {role}")
    else:
        _sql(conn, f"GRANT {grant.privileges} ON {_quote(table)} TO {role}")


def _policy(conn: sqlalchemy.Connection, table: str, policy: Policy, groups: Groups) -> None:
    role = _quote(groups.role(policy.group))
    sql = f"CREATE POLICY {_quote(policy.name)} ON {_quote(table)} FOR {policy.command} TO {role}"
    if policy.using is not None:
        sql += f" USING ({policy.using})"
    if policy.check is not None:
        sql += f" WITH CHECK ({policy.check})"
    _sql(conn, sql)


def _is_owner(conn: sqlalchemy.Connection) -> bool:
    return bool(
        _sql(
            conn,
            "SELECT current_user = pg_get_userbyid(datdba) OR (SELECT rolsuper FROM pg_roles "
            "WHERE rolname = current_user) FROM pg_database WHERE datname = current_database()",
        ).scalar()
    )


def apply_team(conn: sqlalchemy.Connection, database: str, auditor_scope: str | None = None) -> InitReport:
    """Everything `letters team init` does after migrating, on an open owner's connection."""
    if not _is_owner(conn):
        raise UserError(
            "letters team init needs the database's owner (or a superuser): run it with the owner's "
            "database URL (--database postgresql+psycopg://OWNER@HOST/DB). Nothing was changed."
        )
    groups = groups_for(database)
    created = []
    for group in (*GROUPS, "member"):
        name = groups.role(group)
        if not _sql(conn, "SELECT 1 FROM pg_roles WHERE rolname = :n", n=name).scalar():
            _sql(conn, f"CREATE ROLE {_quote(name)} NOLOGIN")
            created.append(name)
    member = _quote(groups.member)
    for group in GROUPS:  # a group's own rights include a member's (SET ROLE to it stays usable)
        _sql(conn, f"GRANT {member} TO {_quote(groups.role(group))}")
    _sql(conn, "CREATE EXTENSION IF NOT EXISTS pgcrypto")
    db = _quote(database)
    _sql(conn, f"REVOKE CONNECT, TEMPORARY ON DATABASE {db} FROM PUBLIC")
    _sql(conn, f"GRANT CONNECT ON DATABASE {db} TO {member}")
    _sql(conn, f"GRANT USAGE ON SCHEMA public TO {member}")
    # Functions first: the policies call some of them.
    for retired in RETIRED_FUNCTIONS:
        _sql(conn, f"DROP FUNCTION IF EXISTS {retired}")
    for signature, body in (*FUNCTIONS, *ADMIN_FUNCTIONS, *RECORD_FUNCTIONS):
        _sql(conn, f"CREATE OR REPLACE FUNCTION {signature} {_fill(body, groups)}")
        _sql(conn, f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        if signature not in PRIVATE_FUNCTIONS:
            _sql(conn, f"GRANT EXECUTE ON FUNCTION {signature} TO {member}")
    for name, table, when, function in TRIGGERS:
        _sql(conn, f"DROP TRIGGER IF EXISTS {_quote(name)} ON {_quote(table)}")
        _sql(
            conn,
            f"CREATE TRIGGER {_quote(name)} {when} ON {_quote(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}",
        )
    everyone = ", ".join(_quote(groups.role(g)) for g in (*GROUPS, "member"))
    existing = set(
        _sql(conn, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").scalars()
    )
    covered, locked = [], []
    known = {t.table: t for t in TABLES}
    for table in sorted(existing):
        name = str(table)
        q = _quote(name)
        _sql(conn, f"REVOKE ALL ON {q} FROM PUBLIC, {everyone}")
        if name in PLAIN_READ:
            _sql(conn, f"GRANT SELECT ON {q} TO {member}")
            continue
        _sql(conn, f"ALTER TABLE {q} ENABLE ROW LEVEL SECURITY")
        for old in _sql(conn, "SELECT policyname FROM pg_policies WHERE tablename = :t", t=name).scalars():
            _sql(conn, f"DROP POLICY {_quote(str(old))} ON {q}")
        covered.append(name)
        spec = known.get(name)
        if spec is None:  # a table nobody told us about: the owner's only
            locked.append(name)
            continue
        for grant in spec.grants:
            _grant(conn, name, grant, groups)
        for policy in spec.policies:
            _policy(conn, name, policy, groups)
    _sql(conn, f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {member}")
    _sql(conn, "ALTER TABLE letters ALTER COLUMN owner SET DEFAULT session_user")
    _sql(conn, "ALTER TABLE children ALTER COLUMN created_by SET DEFAULT session_user")
    scope = auditor_scope or str(
        _sql(conn, "SELECT value FROM team_settings WHERE key = 'auditor_scope'").scalar() or "sample"
    )
    if scope not in SCOPES:
        raise UserError(f"auditors read 'sample' or 'sent' letters, not '{scope}'.")
    for key, value in (("prefix", groups.prefix), ("auditor_scope", scope)):
        _sql(
            conn,
            "INSERT INTO team_settings (key, value) VALUES (:k, :v) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            k=key,
            v=value,
        )
    unowned = int(_sql(conn, "SELECT count(*) FROM letters WHERE owner IS NULL").scalar() or 0)
    return InitReport(groups, tuple(created), tuple(covered), tuple(locked), unowned, scope)


def init_team(url: str, *, auditor_scope: str | None = None) -> InitReport:
    """Migrate the database at `url` (an owner's URL) and apply team mode to it."""
    import sqlalchemy

    from letters.store import engine as db

    parsed = sqlalchemy.make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise UserError(not_team_message(db.describe(parsed)))
    where = db.describe(parsed)
    engine = db.create_engine(url)
    try:
        with db.translate_errors(where):
            db.migrate(engine, where)
            with engine.connect() as conn, conn.begin():
                return apply_team(conn, parsed.database or "", auditor_scope)
    finally:
        engine.dispose()


def not_team_message(where: str) -> str:
    return (
        f"{where} is a single-person database (SQLite): team mode needs PostgreSQL. Team mode "
        "lets an IRO service share one set of letters: each person signs in as themselves and "
        "sees only what their role allows, and every read of another's letter is logged. To "
        "move: create a PostgreSQL database, run `letters team init --database "
        "postgresql+psycopg://OWNER@HOST/DB`, add people with `letters team add-user`, then "
        f"`letters team migrate-from sqlite:///{where} --database ... --map 'IRO NAME=LOGIN'`."
    )
