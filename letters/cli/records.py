"""Commands that keep letters: new, show, list, demo, delete, restore, history, status.

Each command opens the database named by `--database`, else `LETTERS_DATABASE_URL`, else the
config's `database_url`, else `letters.db` in the user's data folder. Heavy imports (SQLAlchemy,
holidays, the checks) happen inside the handlers so that other commands do not pay for them.

Marking a letter ready or sent (`status`, and `new` with a letter file that says so) goes through
the pre-send gate (`letters.store.gate`): open errors stop it with exit status 1 unless
`--override-reason` says why, and the reason is kept with the letter. Stored text is printed with
control and escape sequences shown, never obeyed (`letters.cli.terminal`).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from letters.child_words import describe as describe_words
from letters.cli.next_letter import decision_due_text, followup_lines
from letters.cli.terminal import json_safe, printable
from letters.errors import InputError, UserError

if TYPE_CHECKING:
    from letters.config import Config
    from letters.store import Store
    from letters.store.gate import PreSendCheck


def add_database_option(parser: argparse.ArgumentParser) -> None:
    """`--database URL`, for every command that opens the store (export and audit may reuse it)."""
    parser.add_argument(
        "--database",
        metavar="URL",
        help="database URL or SQLite file (default: $LETTERS_DATABASE_URL, the config's "
        "database_url, or letters.db in your data folder)",
    )


def load_cli_config() -> Config:
    from letters.config import ConfigError, load_config

    try:
        return load_config()
    except ConfigError as exc:
        raise UserError(
            f"{str(exc).rstrip('.')}. Fix the config file, or set LETTERS_CONFIG to another."
        ) from None


def open_cli_store(args: argparse.Namespace, config: Config | None = None) -> Store:
    """The store a command should use, from `--database` and the config.

    On a team database this is the signed-in person's (the URL's login): what they may see, with
    the command named in the access log for any letter that is not theirs.
    """
    from letters.store.team import open_for

    command = " ".join(
        str(part) for part in (getattr(args, "command", None), getattr(args, "action", None)) if part
    )
    config = config or load_cli_config()
    store = open_for(
        getattr(args, "database", None), config=config, purpose=f"letters {command}".strip()
    ).store
    from letters.audit.team import attach

    attach(store, config)
    return store


def add_override_option(parser: argparse.ArgumentParser) -> None:
    """`--override-reason TEXT`: mark ready or sent although errors are open, saying why."""
    parser.add_argument(
        "--override-reason",
        metavar="TEXT",
        default="",
        help="why the letter may go with its open errors (kept with the letter for the audit)",
    )


def print_check(check: PreSendCheck, reason: str) -> None:
    """The open findings by severity, and what happens to any open errors."""
    for line in check.lines():
        print(printable(line))
    if check.blocks and reason.strip():
        print(
            f"Marked with {len(check.errors)} open error(s); the reason is kept with the letter "
            "for the audit."
        )


def _letter_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a letter id (a number)") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a letter id (a number from 1)")
    return value


def _day(text: str) -> date:
    from letters.limits import DateError, parse_date

    try:
        return parse_date(text, "date")
    except DateError as exc:
        raise argparse.ArgumentTypeError(f"'{text}': {exc}") from None


def _read_letter_file(name: str) -> str:
    from letters.textio import TEXT_BYTES, decode_text, read_text

    if name == "-":
        data = sys.stdin.buffer.read(TEXT_BYTES + 1)
        if len(data) > TEXT_BYTES:
            raise InputError(f"the letter file on standard input is over {TEXT_BYTES // (1024 * 1024)} MB.")
        return decode_text(data, "standard input", what="letter file")
    return read_text(Path(name), what="letter file")


# -- handlers ----------------------------------------------------------------------------------


def _new(args: argparse.Namespace) -> int:
    from letters.interchange import letter_from_toml
    from letters.model import Status

    if args.next is not None:
        from letters.cli.next_letter import new_next_letter

        return new_next_letter(args)
    if args.date is not None or args.iro is not None:
        raise UserError("--date and --iro go with --next ID (a letter file has its own date and IRO).")
    config = load_cli_config()
    text = _read_letter_file(args.source)
    try:
        letter = letter_from_toml(text, limits=config.limits)
    except InputError as exc:
        raise InputError(f"{args.source}: {exc}") from None
    check = None
    if letter.status is not Status.DRAFT:  # a file that says ready or sent is checked first
        from letters.store.gate import check_letter_before_sending

        check = check_letter_before_sending(letter, config=config.checks)
    with open_cli_store(args, config) as store:
        letter_id = store.add(letter, check=check, reason=args.override_reason)
    if check is not None:
        print_check(check, args.override_reason)
    print(letter_id)
    return 0


def _demo(args: argparse.Namespace) -> int:
    from letters.demo import demo_letter

    with open_cli_store(args) as store:
        print(store.add(demo_letter()))
    return 0


def _show(args: argparse.Namespace) -> int:
    from letters.interchange import letter_to_toml
    from letters.workdays import due_dates

    config = load_cli_config()
    with open_cli_store(args, config) as store:
        number = args.revision
        if args.sent:
            number = store.sent_revision(args.id)
            if number is None:
                raise UserError(f"Letter {args.id} has not been sent; leave out --sent to see it.")
        letter = store.revision(args.id, number) if number else store.get(args.id)
        summary = store.summary(args.id)
        history = {r.number: r for r in store.history(args.id)}
    overdue = summary.overdue_on(date.today())
    if args.toml:
        sys.stdout.write(letter_to_toml(letter))
        return 0
    try:
        due = due_dates(letter, config.authority)
        due_line = f"decisions {due.decisions.isoformat()}, letter {due.letter.isoformat()}"
    except OverflowError:  # a meeting date stored before dates were checked (e.g. 9999-12-31)
        due_line = "not known: the meeting date cannot be right (correct it in the app)"
    child, meeting = letter.child, letter.meeting
    shown = history.get(letter.revision or 0)
    title = f"Letter {letter.id}"
    if number:
        title += f", revision {number}" + (f" ({shown.describe()})" if shown else "")
    if summary.deleted:
        title += f" (deleted: restore with `letters restore {letter.id}`)"
    lines = [
        title,
        f"Child:          {child.name}" + (f", {letter.child_age}" if letter.child_age is not None else ""),
        f"Meeting:        {meeting.date.isoformat()} ({meeting.review_kind} review)"
        + (f" at {meeting.place}" if meeting.place else ""),
        f"IRO:            {meeting.iro or '-'}",
        f"Participation:  {meeting.participation or '-'}",
        f"Status:         {letter.status}"
        + (f" on {letter.sent_on.isoformat()}" if letter.sent_on else "")
        + (" (imported)" if summary.imported else ""),
        f"Due:            {due_line}",
    ]
    amendments = [r for r in history.values() if r.kind == "amended"]
    if amendments and not number:
        lines.append(
            f"Amended:        after sending, {len(amendments)} time(s); the last by "
            f"{amendments[-1].author or '-'} on {amendments[-1].saved_at.astimezone():%Y-%m-%d %H:%M}: "
            f"{amendments[-1].reason}. See the letter as sent with --sent."
        )
    if letter.people:
        lines.append("People:")
        lines += [
            f"  {p.role}: {p.name}" + (f" (shown as {p.shown_as})" if p.shown_as else "")
            for p in letter.people
        ]
    own = describe_words(child.words, child.name)
    if own:
        lines.append(f"{child.name}'s own words:")
        lines += [f"  {line}" for line in own]
    lines = [printable(line) for line in lines]
    for section in letter.sections:
        if section.included:
            lines += [
                "",
                printable(f"## {section.heading}"),
                printable(section.text.strip(), lines=True) or "(empty)",
            ]
            if section.key == "decisions":
                lines += [
                    printable(f"- {d.what} (who: {d.who or '?'}; by when: {d.by_when or '?'})")
                    + decision_due_text(letter, n, overdue)
                    for n, d in enumerate(letter.decisions, start=1)
                ]
            elif section.key == "since_last":
                lines += followup_lines(letter)
    print("\n".join(lines))
    return 0


def _list(args: argparse.Namespace) -> int:
    from letters.model import Status

    status = Status(args.status) if args.status else None
    with open_cli_store(args) as store:
        letters = store.list(status=status, include_deleted=args.deleted, search=args.search)
    if args.format == "json":
        print(json_safe(json.dumps([s.to_json() for s in letters], ensure_ascii=False, indent=2)))
        return 0
    if not letters:
        print("No letters. Add one with `letters new --from FILE` or try `letters demo`.")
        return 0
    rows = [("ID", "CHILD", "AGE", "MEETING", "STATUS", "DUE", "SENT", "DECISIONS")]
    today = date.today()
    for s in letters:
        overdue = len(s.overdue_on(today))
        rows.append(
            (
                str(s.id),
                printable(s.child) + (" (deleted)" if s.deleted else "") + (" (!)" if s.problem else ""),
                "" if s.age is None else str(s.age),
                s.meeting_date.isoformat() if s.meeting_date else "?",
                (str(s.status) if s.status else "?") + (", amended" if s.amended else ""),
                s.due.isoformat() if s.due else "?",
                s.sent_on.isoformat() if s.sent_on else "",
                f"{overdue} overdue" if overdue else "",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    for s in letters:
        if s.problem:
            print(f"(!) letter {s.id}: {s.problem}.")
    return 0


def _delete(args: argparse.Namespace) -> int:
    with open_cli_store(args) as store:
        store.delete(args.id)
    print(f"Deleted letter {args.id}. Undo with: letters restore {args.id}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    with open_cli_store(args) as store:
        store.restore(args.id)
    print(f"Restored letter {args.id}.")
    return 0


def _history(args: argparse.Namespace) -> int:
    with open_cli_store(args) as store:
        revisions = store.history(args.id)
    for r in revisions:
        when = r.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(printable(f"{r.number:>4}  {when}  {r.author or '-':<12}  {r.describe()}"))
    return 0


def _status(args: argparse.Namespace) -> int:
    from letters.model import Status
    from letters.store.gate import mark

    config = load_cli_config()
    status = Status(args.status)
    with open_cli_store(args, config) as store:
        _, check = mark(
            store, args.id, status, config=config.checks, sent_on=args.date, reason=args.override_reason
        )
        letter = store.get(args.id)
    if check is not None:
        print_check(check, args.override_reason)
    sent = f" on {letter.sent_on.isoformat()}" if letter.sent_on else ""
    print(f"Letter {args.id} is now {letter.status}{sent}.")
    return 0


# -- registration ------------------------------------------------------------------------------


def register(sub: argparse._SubParsersAction) -> None:
    def command(name: str, help_text: str, handler: object) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
        add_database_option(parser)
        parser.set_defaults(handler=handler)
        return parser

    def id_argument(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("id", type=_letter_id, help="the letter's id (see `letters list`)")

    p = command(
        "new",
        "Add a letter from a letter file (TOML), or start a child's next letter from their latest "
        "(--next ID), and print its id.",
        _new,
    )
    start = p.add_mutually_exclusive_group(required=True)
    start.add_argument("--from", dest="source", metavar="FILE", help="letter file, or - for stdin")
    start.add_argument(
        "--next",
        type=_letter_id,
        metavar="ID",
        help="the child's latest letter: the child, people and words come forward, and each of "
        "its decisions is listed to say what happened",
    )
    p.add_argument(
        "--date", type=_day, metavar="DATE", help="with --next: the new meeting's date (default: today)"
    )
    p.add_argument("--iro", metavar="NAME", help="with --next: the new letter's IRO (default: the same)")
    add_override_option(p)

    command("demo", "Add a synthetic demo letter and print its id.", _demo)

    p = command("show", "Show a letter, or write it as a letter file with --toml.", _show)
    id_argument(p)
    p.add_argument("--toml", action="store_true", help="print the letter file (TOML)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--revision", type=_letter_id, metavar="N", help="show revision N")
    which.add_argument("--sent", action="store_true", help="show the letter as it was sent")

    p = command("list", "List letters, newest meeting first.", _list)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--status", choices=("draft", "ready", "sent"))
    p.add_argument("--deleted", action="store_true", help="include deleted letters")
    p.add_argument("--search", default="", metavar="TEXT", help="child's or IRO's name contains")

    p = command("delete", "Delete a letter (it can be restored).", _delete)
    id_argument(p)
    p = command("restore", "Bring back a deleted letter.", _restore)
    id_argument(p)
    p = command("history", "List a letter's revisions.", _history)
    id_argument(p)

    p = command(
        "status",
        "Mark a letter draft, ready or sent. Ready and sent list the open findings; open errors "
        "stop it (exit status 1) unless --override-reason says why. A sent letter stays sent.",
        _status,
    )
    id_argument(p)
    p.add_argument("status", choices=("draft", "ready", "sent"))
    p.add_argument(
        "--date",
        type=_day,
        metavar="DATE",
        help="the date it was sent, 2026-01-21 or 21/01/2026 (default: today)",
    )
    add_override_option(p)
