"""The store as one signed-in person of a team database sees it.

`TeamStore` is `letters.store.Store` with three differences, all enforced by PostgreSQL and not by
this class (which only asks in the way the database allows):

- every revision, journal row, check and waiver is the signed-in login's (the policies refuse any
  other name), whatever a command's `--by` says;
- a letter's text is read only through `team_read` (which logs any read by someone other than the
  letter's IRO), never by selecting `revisions.document`, which no team role may select. Texts this
  store has read or written are kept (a few dozen, in memory) so that saving, which compares the
  new text with the stored one, does not read the letter again and log a read on every save;
- the list shows only what the policies let this person see.

`purpose` names the command or screen for the access log ("letters show", "app: writing").
Must not log: letters hold personal data about children.
"""

from __future__ import annotations

import builtins
import json
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from letters.interchange import letter_from_data
from letters.store.documents import aware
from letters.store.errors import LetterNotFound
from letters.store.store import Store
from letters.store.summaries import LetterSummary

if TYPE_CHECKING:
    import sqlalchemy

    from letters.config import AuthorityConfig
    from letters.model import Letter
    from letters.store.children import ChildRecord

ROLES = ("iro", "auditor", "manager", "admin")
_KEEP = 64  # texts kept in memory: enough for every letter one person has open


@dataclass(frozen=True, slots=True)
class Person:
    """Who signed in: their login, display name and roles in this team."""

    login: str
    name: str
    roles: frozenset[str]

    def describe(self) -> str:
        roles = ", ".join(r.upper() if r == "iro" else r for r in ROLES if r in self.roles)
        return f"{self.name} ({roles or 'no role'})"

    @property
    def is_iro(self) -> bool:
        return "iro" in self.roles


@dataclass(frozen=True, slots=True)
class Share:
    letter_id: int
    login: str
    until: date
    granted_by: str
    granted_at: datetime
    revoked_at: datetime | None

    @property
    def open(self) -> bool:
        return self.revoked_at is None and self.until >= date.today()


class TeamStore(Store):
    """A team database, as the signed-in person may use it (see the module docstring)."""

    def __init__(
        self,
        engine: sqlalchemy.Engine,
        where: str,
        authority: AuthorityConfig | None = None,
        *,
        person: Person,
        auditor_scope: str = "sample",
        purpose: str = "letters",
    ) -> None:
        super().__init__(engine, where, authority, person=person.login)
        self.team = person
        self.auditor_scope = auditor_scope
        self.purpose = purpose
        self._texts: OrderedDict[tuple[int, int], dict[str, Any]] = OrderedDict()
        #: Called after each revision of a letter this person writes (the audit's facts).
        self.on_saved: Callable[[int], None] | None = None

    def _author(self, author: str | None) -> str:
        # Whoever a command says did it, the database records the signed-in login.
        return self.person

    # -- reading text only through the database's logged function ------------------------------

    def _remember(self, letter_id: int, number: int, data: dict[str, Any]) -> None:
        self._texts[(letter_id, number)] = data
        self._texts.move_to_end((letter_id, number))
        while len(self._texts) > _KEEP:
            self._texts.popitem(last=False)

    def _fetch(self, conn: sqlalchemy.Connection, letter_id: int, number: int | None) -> Any:
        import sqlalchemy

        return conn.execute(
            sqlalchemy.text("SELECT number, saved_at, document FROM team_read(:l, :n, :p)"),
            {"l": letter_id, "n": number, "p": self.purpose},
        ).one_or_none()

    def document(self, conn: sqlalchemy.Connection, letter_id: int, number: int) -> dict[str, Any] | None:
        kept = self._texts.get((letter_id, number))
        if kept is not None:
            return dict(kept)
        row = self._fetch(conn, letter_id, number)
        if row is None:
            return None
        data = dict(json.loads(row.document))
        self._remember(letter_id, number, data)
        return dict(data)

    def insert_revision(
        self, conn: sqlalchemy.Connection, letter_id: int, number: int, data: dict[str, Any], **kw: Any
    ) -> None:
        super().insert_revision(conn, letter_id, number, data, **kw)
        self._remember(letter_id, number, json.loads(json.dumps(data, default=str)))

    def _read(self, letter_id: int, number: int | None) -> Letter:
        import sqlalchemy

        with self.transaction(write=False) as conn:
            row = self._fetch(conn, letter_id, number)
            head = conn.execute(
                sqlalchemy.text("SELECT created_at, child_id FROM letters WHERE id = :l"), {"l": letter_id}
            ).one_or_none()
        if row is None:
            raise LetterNotFound(letter_id, number)
        data = dict(json.loads(row.document))
        self._remember(letter_id, int(row.number), data)
        letter = letter_from_data(data)
        letter.id = letter_id
        letter.child_id = head.child_id if head is not None else None
        letter.revision = int(row.number)
        letter.created_at = aware(head.created_at if head is not None else row.saved_at)
        letter.updated_at = aware(row.saved_at)
        return letter

    # -- what only team mode has ----------------------------------------------------------------

    def _call(self, statement: str, **params: object) -> Any:
        import sqlalchemy

        with self.transaction(write=True) as conn:
            return conn.execute(sqlalchemy.text(statement), params).all()

    def log(self, letter_id: int | None, action: str, detail: str = "") -> None:
        """Record an export (or print) of a letter in the access log, unless it is one's own."""
        self._call("SELECT team_log(:l, :a, :p, :d)", l=letter_id, a=action, p=self.purpose, d=detail)

    def child_ref(self, letter_id: int) -> str:
        """The letter's pseudonymous child reference, computed in the database (key unseen)."""
        return str(self._call("SELECT team_child_ref(:l)", l=letter_id)[0][0])

    def record_ref(self, child_id: int) -> str:
        """A child's record's reference (for whoever may see the record, managers, auditors)."""
        return str(self._call("SELECT team_record_ref(:c)", c=child_id)[0][0])

    def iro_ref(self, iro: str) -> str:
        """An IRO's pseudonymous reference (managers and auditors)."""
        return str(self._call("SELECT team_iro_ref(:n)", n=iro)[0][0])

    def share(self, letter_id: int, login: str, until: date) -> None:
        self._call("SELECT team_share(:l, :u, :d)", l=letter_id, u=login, d=until)

    def revoke(self, letter_id: int, login: str) -> int:
        return int(self._call("SELECT team_revoke(:l, :u)", l=letter_id, u=login)[0][0])

    def reassign(self, letter_id: int, login: str) -> str | None:
        before = self._call("SELECT team_reassign(:l, :u)", l=letter_id, u=login)[0][0]
        return None if before is None else str(before)

    def reassign_all(self, from_login: str, login: str) -> int:
        return int(self._call("SELECT team_reassign_all(:f, :u)", f=from_login, u=login)[0][0])

    def shares(self, *, letter_id: int | None = None, include_closed: bool = False) -> builtins.list[Share]:
        """Shares this person may see: of their letters, with them, or all (an admin)."""
        import sqlalchemy

        sql = "SELECT letter_id, login, until, granted_by, granted_at, revoked_at FROM shares"
        where = []
        if letter_id is not None:
            where.append("letter_id = :l")
        if not include_closed:
            where.append("revoked_at IS NULL AND until >= current_date")
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self.transaction(write=False) as conn:
            rows = conn.execute(sqlalchemy.text(sql + " ORDER BY letter_id, granted_at"), {"l": letter_id})
            return [Share(*row) for row in rows]

    # -- children's records (see record_functions.py) --------------------------------------------

    def _find(self, conn: sqlalchemy.Connection, letter: Letter) -> tuple[int | None, str]:
        """The record a new letter joins, found by the database among every child's records (an
        IRO sees only their own), by the same rules as `ChildrenMixin._find`."""
        import sqlalchemy

        from letters.store import children as kids

        if letter.child_id is not None:  # started from a record this person can see
            return super()._find(conn, letter)
        child = letter.child
        row = conn.execute(
            sqlalchemy.text("SELECT id, how FROM team_find_child(:c, :n, :b, :i)"),
            {"c": child.case_id, "n": child.name, "b": child.date_of_birth, "i": letter.meeting.iro},
        ).one_or_none()
        if row is not None:
            how = {"case": kids.BY_CASE, "birth": kids.BY_BIRTH, "iro": kids.BY_IRO}[str(row.how)]
            return int(row.id), how
        if child.case_id.strip():
            return None, kids.BY_CASE
        return None, kids.BY_BIRTH if child.date_of_birth is not None else kids.NEW

    def figure_children(self) -> builtins.list[ChildRecord]:
        """Every child's record as the figures need it: no name, date of birth or case number
        (`team_children`, for managers and auditors)."""
        import sqlalchemy

        from letters.store.children import ChildRecord

        with self.transaction(write=False) as conn:
            rows = conn.execute(sqlalchemy.text("SELECT * FROM team_children()")).all()
        return [
            ChildRecord(
                r.id,
                "",
                None,
                "",
                r.looked_after_since,
                r.uasc,
                r.grouped_by,
                aware(r.created_at),
                r.merged_into,
                (),
            )
            for r in rows
        ]

    def figure_grouped_at(self) -> datetime | None:
        """`grouped_at` over every letter, for managers and auditors."""
        import sqlalchemy

        with self.transaction(write=False) as conn:
            first = conn.execute(sqlalchemy.text("SELECT team_grouped_at()")).scalar_one_or_none()
        return aware(first) if first is not None else None

    def figures(self) -> builtins.list[LetterSummary]:
        """Every letter not in the bin, without the child's name: what managers' figures and
        auditors' samples are drawn from (`team_figures`, for managers and auditors only)."""
        import sqlalchemy

        from letters.store.summaries import summary_from_row
        from letters.workdays import add_working_days

        with self.transaction(write=False) as conn:
            rows = conn.execute(
                sqlalchemy.text(
                    "SELECT id, '' AS child_name, child_age, meeting_date, status, sent_on, iro, "
                    "current_revision, imported, sent_revision, is_deleted, updated_at, child_id "
                    "FROM team_figures() WHERE NOT is_deleted ORDER BY meeting_date DESC, id DESC"
                )
            ).all()
        days, nation = self._authority.letter_working_days, self._authority.holiday_subdivision
        return [summary_from_row(row, lambda m: add_working_days(m, days, nation)) for row in rows]

    def stored_facts(self, letter_ids: builtins.list[int], *, identify: bool) -> dict[int, tuple[str, str]]:
        """The audit facts stored for these letters, as (version, facts JSON), without the child's
        name unless `identify` (which the database logs, letter by letter)."""
        import sqlalchemy

        with self.transaction(write=True) as conn:
            rows = conn.execute(
                sqlalchemy.text(
                    "SELECT letter_id, letter_version, facts FROM team_facts(CAST(:ids AS integer[]), :i, :p)"
                ),
                {"ids": letter_ids, "i": identify, "p": self.purpose},
            ).all()
        return {int(r.letter_id): (str(r.letter_version), str(r.facts)) for r in rows}

    # -- keeping the audit's facts as letters are saved (see letters.audit.team) ----------------

    def _saved(self, letter_id: int | None) -> None:
        if letter_id is not None and self.on_saved is not None:
            self.on_saved(letter_id)

    def _add(self, letter: Letter, **kw: Any) -> int:
        letter_id = super()._add(letter, **kw)
        self._saved(letter_id)
        return letter_id

    def write_revision(self, letter_id: int, letter: Letter, **kw: Any) -> int:
        number = super().write_revision(letter_id, letter, **kw)
        self._saved(letter_id)
        return number

    def set_status(self, letter_id: int, status: Any, sent_on: date | None = None, **kw: Any) -> int:
        number = super().set_status(letter_id, status, sent_on, **kw)
        self._saved(letter_id)
        return number
