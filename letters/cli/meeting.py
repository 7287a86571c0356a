"""`letters meeting ID`: record a stored review's timeliness: when its decisions were circulated,
why it was held late, and the date of the review before it.

These are what the audit's figures read ("decisions circulated on time", late reviews and their
reasons, each review's due date). Each change is saved as a new revision of the letter through the
store, with the same revision check as every other save; a sent letter changes only as an
amendment, with `--amend-reason`. Dates go through the one date parser and the limits of
`letters.limits`; a refused value names its option and nothing is saved. The child's letter and
the adults' copy do not show these fields.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from letters.cli.records import add_database_option, load_cli_config, open_cli_store
from letters.cli.terminal import printable
from letters.errors import InputError, UserError

if TYPE_CHECKING:
    from letters.model import Meeting

#: `--decisions-sent none`: not recorded (a date typed by mistake can be taken back).
CLEAR = "none"


def _day_or_none(text: str) -> date | str:
    from letters.limits import DateError, parse_date

    if text.strip().lower() == CLEAR:
        return CLEAR
    try:
        return parse_date(text, "date")
    except DateError as exc:
        raise argparse.ArgumentTypeError(f"'{text}': {exc} (or 'none' for not recorded)") from None


def _letter_id(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a letter id (a number from 1)")
    return int(text)


def describe(meeting: Meeting, decisions_due: date | None = None) -> list[str]:
    """The review's timeliness fields as `letters meeting` prints them."""
    sent = meeting.decisions_sent_on
    when = "not recorded"
    if sent is not None:
        when = sent.isoformat()
        if decisions_due is not None:
            when += f" ({'on time' if sent <= decisions_due else 'late'}: due by {decisions_due.isoformat()})"
    return [
        f"Decisions sent:   {when}",
        f"Late reason:      {printable(meeting.late_reason.strip()) or 'not recorded'}",
        "Previous review:  "
        + (meeting.previous_review.isoformat() if meeting.previous_review else "not recorded"),
    ]


def _meeting(args: argparse.Namespace) -> int:
    from letters import limits
    from letters.store.errors import LetterIsSent
    from letters.workdays import due_dates

    if args.decisions_sent is None and args.late_reason is None and args.previous_review is None:
        raise UserError(
            "say what to set: --decisions-sent DATE, --late-reason TEXT or --previous-review DATE."
        )
    config = load_cli_config()
    today = date.today()
    with open_cli_store(args, config) as store:
        letter = store.get(args.id)
        meeting = letter.meeting
        problems: list[str] = []
        if isinstance(args.decisions_sent, date):
            problem = limits.decisions_sent_problem(args.decisions_sent, meeting.date, today)
            if problem:
                problems.append(f"--decisions-sent: {problem}")
        if isinstance(args.previous_review, date):
            problem = limits.previous_review_problem(args.previous_review, meeting.date, config.limits)
            if problem:
                problems.append(f"--previous-review: {problem}")
        if args.late_reason is not None:
            reason = args.late_reason.strip()
            problem = limits.text_problem(reason, limits.PARAGRAPH_CHARS)
            if problem:
                problems.append(f"--late-reason: {problem}")
        if problems:
            raise InputError(" ".join(problems) + f" Nothing was saved to letter {args.id}.")
        if args.decisions_sent is not None:
            meeting.decisions_sent_on = args.decisions_sent if isinstance(args.decisions_sent, date) else None
        if args.previous_review is not None:
            meeting.previous_review = args.previous_review if isinstance(args.previous_review, date) else None
        if args.late_reason is not None:
            meeting.late_reason = args.late_reason.strip()
        before = letter.revision
        try:
            number = store.save(letter, amend_reason=args.amend_reason)
        except LetterIsSent:
            raise UserError(
                f"Letter {args.id} was sent{f' on {letter.sent_on.isoformat()}' if letter.sent_on else ''}: "
                "recording these on it is an amendment. Say why with --amend-reason TEXT (kept with "
                "the letter); nothing was saved."
            ) from None
    due = due_dates(letter, config.authority).decisions
    if number == before:
        print(f"Nothing to change: letter {args.id} already says so.")
    else:
        print(f"Letter {args.id}: saved as revision {number}.")
    for line in describe(meeting, due):
        print(line)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    help_text = (
        "Record a stored review's timeliness for the audit: when its decisions were sent to the "
        "adults, why it was held late, the review before it. Saved as a new revision."
    )
    p = sub.add_parser("meeting", help=help_text, description=help_text)
    p.add_argument("id", type=_letter_id, help="the letter's id (see `letters list`)")
    p.add_argument(
        "--decisions-sent",
        type=_day_or_none,
        metavar="DATE",
        help="the day the decisions were circulated, 2026-01-21 or 21/01/2026 ('none': not recorded)",
    )
    p.add_argument(
        "--late-reason",
        metavar="TEXT",
        help="why the review was held after its due date ('' takes it away)",
    )
    p.add_argument(
        "--previous-review",
        type=_day_or_none,
        metavar="DATE",
        help="the review before this one, when it is not in this database ('none': not recorded)",
    )
    p.add_argument(
        "--amend-reason",
        metavar="TEXT",
        default="",
        help="for a sent letter: why it is amended (kept with the letter)",
    )
    add_database_option(p)
    p.set_defaults(handler=_meeting)
