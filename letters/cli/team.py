"""`letters team ...` (team mode on PostgreSQL) and `letters share ...` (covering IROs).

    letters team                      what team mode is, and who you are in this database
    letters team init [--auditors sample|sent]                       (the database's owner)
    letters team add-user LOGIN --role iro|auditor|manager|admin [--name "Priya Nandra"]
    letters team list-users | remove-user LOGIN | set-role LOGIN ROLE...       (admins)
    letters team reassign ID --to LOGIN | --all-of LOGIN --to LOGIN            (admins)
    letters team access-log [--letter ID] [--person NAME] [--since DATE]
    letters team migrate-from sqlite:///PATH --map NAME=LOGIN...        (the owner)
    letters team refresh-facts                                           (the owner)
    letters share ID --with LOGIN --until DATE | share ID --revoke LOGIN | share --list

Thin: each handler parses, calls letters.store.team (which asks the database, which decides) and
prints. A new password is read from standard input when it is not a terminal, else asked twice
without echo, and turned into a SCRAM verifier before it leaves this process.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import TYPE_CHECKING

from letters.cli.records import _day, _letter_id, add_database_option, load_cli_config, open_cli_store
from letters.cli.terminal import json_safe, printable
from letters.errors import UserError

if TYPE_CHECKING:
    from letters.store import Store
    from letters.store.team import TeamStore

ROLE_CHOICES = ("iro", "auditor", "manager", "admin")


def _team(store: Store) -> TeamStore:
    from letters.store.team import TeamStore

    if not isinstance(store, TeamStore):
        raise UserError(
            "this needs a team member's login: the database URL signs in as someone outside the "
            "team (its owner, or a database without team mode). Use a URL with your own login."
        )
    return store


def _is_sqlite(args: argparse.Namespace) -> str | None:
    import sqlalchemy

    from letters.store import engine as db

    url = sqlalchemy.make_url(db.resolve_url(getattr(args, "database", None), load_cli_config()))
    return db.describe(url) if url.get_backend_name() == "sqlite" else None


def _about(args: argparse.Namespace) -> int:
    from letters.store.team.setup import not_team_message

    sqlite = _is_sqlite(args)
    if sqlite is not None:
        print(not_team_message(sqlite))
        return 0
    from letters.store.team import open_for

    opened = open_for(getattr(args, "database", None), config=load_cli_config(), purpose="letters team")
    with opened.store as store:
        if opened.person is not None:
            print(f"Team database {store.where}; you are {opened.person.login}: {opened.person.describe()}.")
        elif opened.team_database:
            print(f"Team database {store.where}, opened by its owner (every letter, no access log).")
        else:
            print(f"{store.where} is not a team database yet: its owner runs `letters team init`.")
    return 0


def _init(args: argparse.Namespace) -> int:
    from letters.store import engine as db
    from letters.store.team.setup import init_team

    url = db.resolve_url(args.database, load_cli_config())
    report = init_team(url, auditor_scope=args.auditors)
    print(f"Team database ready: roles {', '.join(report.groups.role(g) for g in ROLE_CHOICES)}.")
    if report.created:
        print(f"Made the group roles {', '.join(report.created)}.")
    print(f"Row-level security on {len(report.tables)} tables; auditors read {report.auditor_scope} letters.")
    for table in report.locked:
        print(
            f"letters: warning: no policy covers the table {table}: only the owner may use it.",
            file=sys.stderr,
        )
    if report.unowned:
        print(
            f"{report.unowned} letter(s) have no owner, so no IRO sees them: give them one with "
            "`letters team reassign ID --to LOGIN`."
        )
    return 0


def read_new_password(login: str) -> str:
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    first = getpass.getpass(f"New password for {login}: ")
    if getpass.getpass("The same password again: ") != first:
        raise UserError("the two passwords differ. Nothing was changed; try again.")
    return first


def _add_user(args: argparse.Namespace) -> int:
    from letters.store.team.people import add_person, check_password, check_roles

    roles = check_roles(args.role)
    password = read_new_password(args.login)
    check_password(password)
    with open_cli_store(args) as store:
        add_person(store, args.login, password, roles=roles, name=args.name or "")
    print(f"Added {args.login} ({', '.join(roles)}). They sign in with that login and password.")
    return 0


def _list_users(args: argparse.Namespace) -> int:
    from letters.store.team.people import members

    with open_cli_store(args) as store:
        people = members(store)
    if args.format == "json":
        data = [{"login": m.login, "name": m.name, "roles": list(m.roles)} for m in people]
        print(json_safe(json.dumps(data, ensure_ascii=False, indent=2)))
        return 0
    for m in people:
        print(printable(f"{m.login:<24} {m.name:<24} {', '.join(m.roles) or '(no role)'}"))
    return 0


def _remove_user(args: argparse.Namespace) -> int:
    from letters.store.team.people import remove_person

    with open_cli_store(args) as store:
        remove_person(store, args.login)
    print(f"Removed {args.login}: they can no longer sign in. Their revisions keep their name.")
    return 0


def _set_role(args: argparse.Namespace) -> int:
    from letters.store.team.people import set_roles

    with open_cli_store(args) as store:
        set_roles(store, args.login, args.roles)
    print(f"{args.login} is now: {', '.join(dict.fromkeys(args.roles))}.")
    return 0


def _reassign(args: argparse.Namespace) -> int:
    if (args.id is None) == (args.all_of is None):
        raise UserError("say which letters: a letter ID, or --all-of LOGIN for every letter of one IRO.")
    with open_cli_store(args) as store:
        team = _team(store)
        if args.id is not None:
            before = team.reassign(args.id, args.to)
            print(f"Letter {args.id} is now {args.to}'s (it was {before or 'nobody'}'s).")
        else:
            count = team.reassign_all(args.all_of, args.to)
            print(f"{count} letter(s) of {args.all_of} are now {args.to}'s.")
    return 0


def _access_log(args: argparse.Namespace) -> int:
    from letters.store.team.log import read_log

    with open_cli_store(args) as store:
        entries = read_log(store, letter_id=args.letter, person=args.person, since=args.since)
    if args.format == "json":
        print(json_safe(json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2)))
        return 0
    if not entries:
        print("No entries (you see the log of your own letters and your own reads; admins see all).")
    for e in entries:
        print(printable(e.line()))
    return 0


def _migrate_from(args: argparse.Namespace) -> int:
    from letters.store.team.migrate import migrate_from, parse_map

    mapping = parse_map(args.map)
    with open_cli_store(args) as target:
        report = migrate_from(args.source, target, mapping, config=load_cli_config())
    for line in report.lines():
        print(line)
    print(
        "Next: `letters team refresh-facts` (as the owner) stores the audit facts without names that "
        "managers' exports read."
    )
    return 0


def _refresh_facts(args: argparse.Namespace) -> int:
    from letters.audit.team import refresh_facts

    config = load_cli_config()
    with open_cli_store(args, config) as store:
        if getattr(store, "team", None) is not None:
            raise UserError("refresh-facts reads every letter: run it with the database owner's URL.")
        count = refresh_facts(store, config)
    print(f"Audit facts stored for {count} letter(s), with and without names.")
    return 0


def _share(args: argparse.Namespace) -> int:
    with open_cli_store(args) as store:
        team = _team(store)
        if args.list or args.id is None:
            shares = team.shares(letter_id=args.id, include_closed=args.all)
            if not shares:
                print("No open shares." if not args.all else "No shares.")
            for s in shares:
                state = "open" if s.open else ("withdrawn" if s.revoked_at else "ended")
                print(
                    f"letter {s.letter_id}: with {s.login} until {s.until.isoformat()} "
                    f"({state}; by {s.granted_by})"
                )
            return 0
        if args.revoke:
            if team.revoke(args.id, args.revoke) == 0:
                raise UserError(f"letter {args.id} is not shared with {args.revoke}; nothing was changed.")
            print(f"Letter {args.id} is no longer shared with {args.revoke}.")
            return 0
        if not args.with_ or args.until is None:
            raise UserError("say who and until when: letters share ID --with LOGIN --until DATE.")
        team.share(args.id, args.with_, args.until)
        print(f"Letter {args.id} is shared with {args.with_} until {args.until:%-d %B %Y} (inclusive).")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    team = sub.add_parser(
        "team",
        help="Team mode on PostgreSQL: roles, people, owners, the access log.",
        description="Team mode: one PostgreSQL database shared by an IRO service.",
    )
    add_database_option(team)
    team.set_defaults(handler=_about)
    actions = team.add_subparsers(dest="action", metavar="ACTION")

    def action(name: str, help_text: str, handler: object) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=help_text, description=help_text)
        add_database_option(p)
        p.set_defaults(handler=handler)
        return p

    p = action("init", "Make (or update) a team database: run with the owner's database URL.", _init)
    p.add_argument("--auditors", choices=("sample", "sent"), help="what auditors read (default: sample)")
    p = action("add-user", "Add a person: a PostgreSQL login in a team role.", _add_user)
    p.add_argument("login")
    p.add_argument("--role", action="append", required=True, choices=ROLE_CHOICES, help="repeat for more")
    p.add_argument("--name", help='the name used in letters and lists, e.g. "Priya Nandra"')
    p = action("list-users", "List the team's people and roles.", _list_users)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p = action("remove-user", "Remove a person (their letters must be reassigned first).", _remove_user)
    p.add_argument("login")
    p = action("set-role", "Set a person's roles (one or more).", _set_role)
    p.add_argument("login")
    p.add_argument("roles", nargs="+", choices=ROLE_CHOICES, metavar="ROLE")
    p = action(
        "reassign", "Give a letter (or every letter of one IRO) to another IRO: admins only.", _reassign
    )
    p.add_argument("id", nargs="?", type=_letter_id)
    p.add_argument("--all-of", metavar="LOGIN")
    p.add_argument("--to", required=True, metavar="LOGIN")
    p = action("access-log", "Who read, exported or shared which letter, and when.", _access_log)
    p.add_argument("--letter", type=_letter_id, metavar="ID")
    p.add_argument("--person", metavar="NAME", help="a login or a person's name")
    p.add_argument("--since", type=_day, metavar="DATE")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p = action(
        "migrate-from", "Copy a single-person (SQLite) database into this team database.", _migrate_from
    )
    p.add_argument("source", metavar="sqlite:///PATH")
    p.add_argument(
        "--map", action="append", default=[], metavar="NAME=LOGIN", help="an IRO name and their login"
    )
    action("refresh-facts", "Store the audit's facts for every sent letter (the owner).", _refresh_facts)

    share = sub.add_parser(
        "share",
        help="Share a letter with a covering IRO until a date, list or revoke shares.",
        description="Share a letter with a covering IRO (team mode).",
    )
    add_database_option(share)
    share.add_argument("id", nargs="?", type=_letter_id)
    share.add_argument("--with", dest="with_", metavar="LOGIN")
    share.add_argument("--until", type=_day, metavar="DATE", help="the last day they may read and edit it")
    share.add_argument("--revoke", metavar="LOGIN")
    share.add_argument("--list", action="store_true")
    share.add_argument("--all", action="store_true", help="with --list: ended and withdrawn shares too")
    share.set_defaults(handler=_share)
