"""Reading the access log: who read, exported, shared or reassigned which letter, and when.

The database decides which rows a person sees (an admin: all; anyone else: reads of their own
letters and their own entries). Rows are only ever added, by the database's own functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from letters.store import Store

_ACTIONS = {
    "read": "read",
    "export": "exported",
    "identify": "exported with names",
    "print": "printed",
    "share": "shared",
    "unshare": "stopped sharing",
    "reassign": "reassigned",
}


@dataclass(frozen=True, slots=True)
class LogEntry:
    at: datetime
    login: str
    name: str
    letter_id: int | None
    revision: int | None
    action: str
    purpose: str
    detail: str

    def line(self) -> str:
        what = _ACTIONS.get(self.action, self.action)
        letter = f"letter {self.letter_id}" if self.letter_id is not None else "-"
        if self.revision is not None:
            letter += f" (revision {self.revision})"
        who = self.login if self.name in ("", self.login) else f"{self.name} ({self.login})"
        extra = f" [{self.detail}]" if self.detail else ""
        return f"{self.at.astimezone():%Y-%m-%d %H:%M}  {who}  {what} {letter}  via {self.purpose}{extra}"

    def to_json(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "login": self.login,
            "name": self.name,
            "letter": self.letter_id,
            "revision": self.revision,
            "action": self.action,
            "purpose": self.purpose,
            "detail": self.detail,
        }


def read_log(
    store: Store, *, letter_id: int | None = None, person: str | None = None, since: date | None = None
) -> list[LogEntry]:
    """The log entries this person may see, oldest first, filtered as asked."""
    import sqlalchemy

    sql = (
        "SELECT a.at, a.person, coalesce(p.name, a.person) AS name, a.letter_id, a.revision, "
        "a.action, a.purpose, a.detail FROM access_log a LEFT JOIN people p ON p.login = a.person"
    )
    where: list[str] = []
    params: dict[str, object] = {}
    if letter_id is not None:
        where.append("a.letter_id = :letter")
        params["letter"] = letter_id
    if person:
        where.append("(a.person = :person OR lower(p.name) LIKE :name)")
        params["person"] = person
        params["name"] = "%" + person.lower().replace("%", r"\%").replace("_", r"\_") + "%"
    if since is not None:
        where.append("a.at >= :since")
        params["since"] = datetime.combine(since, time.min)
    if where:
        sql += " WHERE " + " AND ".join(where)
    with store.transaction(write=False) as conn:
        rows = conn.execute(sqlalchemy.text(sql + " ORDER BY a.at, a.id"), params).all()
    return [
        LogEntry(
            r.at.replace(tzinfo=UTC), r.person, r.name, r.letter_id, r.revision, r.action, r.purpose, r.detail
        )
        for r in rows
    ]
