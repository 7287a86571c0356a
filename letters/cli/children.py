"""`letters child list|show|merge|split|edit`: the children's records and their letters.

A child is named by their record's number (`7`), their reference (`C-3F9A12BC`, as exports show
it) or the authority's case number (`LCS-40213`). Thin: the store keeps the records
(`letters.store.children`), the audit works out references and review due dates. Output is for
the IRO service itself, so it shows names, as `letters list` does; printed values are made safe
for the terminal.
"""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING

from letters.cli.records import add_database_option, load_cli_config, open_cli_store
from letters.cli.terminal import printable
from letters.errors import UserError

if TYPE_CHECKING:
    from letters.audit.service import AuditService
    from letters.store import Store
    from letters.store.children import ChildRecord


def _ids(text: str) -> list[int]:
    try:
        ids = [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a list of letter ids: write them like 12,15"
        ) from None
    if not ids or min(ids) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a list of letter ids (numbers from 1)")
    return ids


def _yes_no(text: str) -> bool:
    value = text.strip().lower()
    if value in ("yes", "y", "true"):
        return True
    if value in ("no", "n", "false"):
        return False
    raise argparse.ArgumentTypeError(f"'{text}' is not yes or no")


def _date(text: str) -> object:
    from letters.limits import DateError, parse_date

    try:
        return parse_date(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _open(args: argparse.Namespace) -> tuple[Store, AuditService]:
    from letters.audit.service import AuditService

    config = load_cli_config()
    store = open_cli_store(args, config)
    try:
        return store, AuditService(store, config)
    except BaseException:
        store.close()
        raise


def find_child(store: Store, service: AuditService, text: str) -> ChildRecord:
    """A record by its number, its reference or its case number; a clear error otherwise."""
    from letters.store.children import ChildNotFound

    wanted = text.strip()
    if wanted.isdigit():
        return store.child(int(wanted))
    if re.fullmatch(r"(?i)C-[0-9A-F]{8}", wanted):
        for record in store.children(include_merged=True):
            if service.record_ref(record.id) == wanted.upper():
                return record
        raise ChildNotFound(wanted.upper())
    found = store.child_by_case(wanted)
    if found is None:
        raise ChildNotFound(f"with case number {wanted}")
    return found


def _line(record: ChildRecord, service: AuditService, store: Store) -> str:
    born = record.date_of_birth.isoformat() if record.date_of_birth else "-"
    last = store.summary(record.letters[-1]) if record.letters else None
    when = last.meeting_date.isoformat() if last and last.meeting_date else "-"
    name, case = printable(record.name)[:22], printable(record.case_id or "-")[:12]
    return (
        f"{record.id:>6}  {service.record_ref(record.id):<10}  {name:<22} {born:<10}  "
        f"{case:<12} {len(record.letters):>7}  {when:<10}  {record.grouped_by}"
    )


def _list(args: argparse.Namespace) -> int:
    store, service = _open(args)
    with store:
        records = store.children(include_merged=args.merged)
        print(
            f"{'Child':>6}  {'Reference':<10}  {'Name':<22} {'Born':<10}  {'Case no.':<12} {'Letters':>7}  "
            f"{'Last meeting':<10}  Grouped by"
        )
        for record in records:
            line = _line(record, service, store)
            print(line + (f" (merged into {record.merged_into})" if record.merged_into else ""))
        guessed = sum(1 for r in records if r.grouped_by == "name and IRO" and r.merged_into is None)
        print(f"{len(records)} children.")
        if guessed:
            print(
                f"{guessed} were grouped by name and IRO (no date of birth): check them, and mend mistakes "
                "with `letters child merge` or `letters child split`."
            )
    return 0


def _show(args: argparse.Namespace) -> int:
    from letters.audit.child_reviews import child_reviews

    store, service = _open(args)
    with store:
        record = find_child(store, service, args.child)
        if record.merged_into is not None:
            print(f"Child {record.id} was merged into child {record.merged_into}: its letters are there.")
            return 0
        uasc = {True: "yes", False: "no", None: "not recorded"}[record.uasc]
        print(f"Child {record.id} ({service.record_ref(record.id)}): {printable(record.name)}")
        print(f"  Case number: {printable(record.case_id) or 'not recorded'}")
        print(f"  Born: {record.date_of_birth or 'not recorded'}")
        print(f"  Looked after since: {record.looked_after_since or 'not recorded'}")
        print(f"  Unaccompanied asylum-seeking child: {uasc}")
        print(f"  Grouped by: {record.grouped_by}")
        _print_words(record)
        authority = service.config.authority
        print(
            f"\n  {'Letter':>6}  {'Meeting':<10}  {'Review':<6}  {'Due':<10}  {'Held':<24} {'Status':<7} Sent"
        )
        for line in child_reviews(store, record, authority):
            letter, due = line.letter, line.due
            print(
                f"  {line.letter_id:>6}  {letter.meeting.date.isoformat():<10}  "
                f"{letter.meeting.review_kind!s:<6}  {due.isoformat() if due else '-':<10}  "
                f"{line.held:<24} {letter.status!s:<7} "
                f"{letter.sent_on.isoformat() if letter.sent_on else '-'}"
            )
    return 0


def _print_words(record: ChildRecord) -> None:
    """The child's own words as their record keeps them (what a new letter starts with)."""
    from letters.child_words import describe, has_words

    if record.words is None or not has_words(record.words):
        name = printable(record.name)
        print(f"  {name}'s own words: none recorded (f9 in a letter, or `w` on the child's screen)")
        return
    print(f"  {printable(record.name)}'s own words (a new letter starts with these):")
    for line in describe(record.words, record.name):
        print(f"    {printable(line)}")


def _merge(args: argparse.Namespace) -> int:
    store, service = _open(args)
    with store:
        keep, other = find_child(store, service, args.keep), find_child(store, service, args.other)
        merged = store.merge_children(keep.id, other.id)
        print(
            f"Merged child {other.id} into child {keep.id} ({service.record_ref(keep.id)}): "
            f"{len(merged.letters)} letters. Every letter and revision is kept; child {other.id}'s "
            "reference is no longer used."
        )
    return 0


def _split(args: argparse.Namespace) -> int:
    store, service = _open(args)
    with store:
        record = find_child(store, service, args.child)
        new = store.split_child(record.id, args.letters)
        print(
            f"Moved letters {', '.join(map(str, new.letters))} from child {record.id} to a new child "
            f"{new.id} ({service.record_ref(new.id)}). Every letter and revision is kept."
        )
    return 0


def _edit(args: argparse.Namespace) -> int:
    store, service = _open(args)
    with store:
        record = find_child(store, service, args.child)
        if (
            args.case_id is None
            and args.date_of_birth is None
            and args.looked_after_since is None
            and args.uasc is None
        ):
            raise UserError("say what to change: --case-id, --date-of-birth, --looked-after-since or --uasc.")
        changed = store.update_child(
            record.id,
            case_id=args.case_id,
            date_of_birth=args.date_of_birth,
            looked_after_since=args.looked_after_since,
            uasc=args.uasc,
        )
        print(f"Child {changed.id} ({service.record_ref(changed.id)}) updated.")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    child = sub.add_parser(
        "child",
        help="children's records: list, show, merge, split, edit",
        description="Every letter belongs to a child's record. Name a child by its number, its "
        "reference (C-3F9A12BC) or its case number.",
    )
    child.set_defaults(handler=lambda _args: (child.print_help(), 2)[1])
    commands = child.add_subparsers(dest="child_command", metavar="ACTION")

    p = commands.add_parser("list", help="every child, with their letters and how they were grouped")
    p.add_argument("--merged", action="store_true", help="include records merged into others")
    add_database_option(p)
    p.set_defaults(handler=_list)

    p = commands.add_parser("show", help="one child's record and letters, with each review's due date")
    p.add_argument("child", metavar="CHILD")
    add_database_option(p)
    p.set_defaults(handler=_show)

    p = commands.add_parser("merge", help="put OTHER's letters under KEEP (one child grouped as two)")
    p.add_argument("keep", metavar="KEEP")
    p.add_argument("other", metavar="OTHER")
    add_database_option(p)
    p.set_defaults(handler=_merge)

    p = commands.add_parser("split", help="move some letters to a new child (two children grouped as one)")
    p.add_argument("child", metavar="CHILD")
    p.add_argument("--letters", type=_ids, required=True, metavar="IDS", help="the letters to move: 12,15")
    add_database_option(p)
    p.set_defaults(handler=_split)

    p = commands.add_parser(
        "edit", help="set the record's case number, date of birth, date looked after, UASC"
    )
    p.add_argument("child", metavar="CHILD")
    p.add_argument("--case-id", metavar="TEXT", help="the authority's case number (LCS, Mosaic)")
    p.add_argument("--date-of-birth", type=_date, metavar="DATE")
    p.add_argument("--looked-after-since", type=_date, metavar="DATE")
    p.add_argument("--uasc", type=_yes_no, metavar="yes|no", help="an unaccompanied asylum-seeking child")
    add_database_option(p)
    p.set_defaults(handler=_edit)
