"""Managing the people of a team database, through its functions (admin_functions.py).

Any store opened by an admin or by the database's owner can call these; the database refuses
anyone else with a plain message. A new password is turned into a SCRAM verifier here
(passwords.py) before it is sent, so the server, its logs and `pg_stat_activity` only ever see the
verifier. Nothing here stores or logs a password.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from letters.errors import UserError
from letters.store.team.passwords import scram_verifier
from letters.store.team.store import ROLES

if TYPE_CHECKING:
    from letters.store import Store

MIN_PASSWORD = 10  # characters; PostgreSQL itself checks nothing


@dataclass(frozen=True, slots=True)
class Member:
    login: str
    name: str
    roles: tuple[str, ...]
    can_login: bool


def _call(store: Store, statement: str, **params: object) -> list[Any]:
    import sqlalchemy

    with store.transaction(write=True) as conn:
        return list(conn.execute(sqlalchemy.text(statement), params).all())


def check_roles(roles: Sequence[str]) -> list[str]:
    wrong = [r for r in roles if r not in ROLES]
    if wrong or not roles:
        raise UserError(
            f"'{wrong[0] if wrong else ''}' is not a role: use iro, auditor, manager or admin "
            "(a person may hold more than one)."
        )
    return list(dict.fromkeys(roles))


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"the password is too short: use at least {MIN_PASSWORD} characters.")
    if password != password.strip():
        raise UserError("the password starts or ends with a space: type it again without.")


def add_person(store: Store, login: str, password: str, *, roles: Sequence[str], name: str = "") -> None:
    check_password(password)
    _call(
        store,
        "SELECT team_add_person(:l, :v, :n, CAST(:r AS text[]))",
        l=login,
        v=scram_verifier(password),
        n=name,
        r=check_roles(roles),
    )


def set_roles(store: Store, login: str, roles: Sequence[str]) -> None:
    _call(store, "SELECT team_set_roles(:l, CAST(:r AS text[]))", l=login, r=check_roles(roles))


def remove_person(store: Store, login: str) -> None:
    _call(store, "SELECT team_remove_person(:l)", l=login)


def members(store: Store) -> list[Member]:
    rows = _call(store, "SELECT login, name, roles, can_login FROM team_people()")
    return [Member(str(r.login), str(r.name), tuple(r.roles), bool(r.can_login)) for r in rows]
