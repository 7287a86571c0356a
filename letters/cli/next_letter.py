"""`letters new --next ID`: the child's next letter, started from their latest one.

The child and the people come forward, with the child's own words as their record keeps them, and
the new letter's "Since your last meeting" lists each decision of the last letter with its outcome
"not yet recorded": the app asks what happened, or a letter file (`letters show --toml`, edited,
`letters new --from`) can say. When the IRO is new to the child and has a profile (`letters
profile`), the letter opens with it. What the IRO should check is printed on standard error; the
new letter's id on standard output.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from letters.errors import UserError

if TYPE_CHECKING:
    from letters.model import Letter
    from letters.store import LetterSummary, Store


def new_next_letter(args: argparse.Namespace) -> int:
    from letters.cli.records import load_cli_config, open_cli_store
    from letters.cli.terminal import printable
    from letters.followup import next_letter
    from letters.interchange import check_new_letter
    from letters.limits import meeting_date_problem

    config = load_cli_config()
    today = date.today()
    day = args.date or today
    problem = meeting_date_problem(day, today, config.limits)
    if problem:
        raise UserError(f"--date: {problem}")
    with open_cli_store(args, config) as store:
        if store.is_deleted(args.next):
            raise UserError(
                f"Letter {args.next} is in the bin: restore it first (letters restore {args.next})."
            )
        previous = store.get(args.next)
        later = _later_letter(store, previous)
        if later is not None:
            raise UserError(
                f"Letter {args.next} is not {printable(previous.child.name)}'s latest letter: letter "
                f"{later.id} (meeting {later.meeting_date}) is, and it already follows on from the "
                f"ones before. Start from it: letters new --next {later.id}"
            )
        if day <= previous.meeting.date:
            raise UserError(
                f"--date: the new meeting ({day.isoformat()}) must be after the meeting of letter "
                f"{args.next} ({previous.meeting.date.isoformat()})."
            )
        iro = " ".join((args.iro or previous.meeting.iro).split())
        profile = store.profile(iro) if iro else None
        # The child's own words as their record keeps them (changed since the last letter, perhaps).
        words = store.record_words(previous.child_id)
        made = next_letter(previous, day, iro=iro, profile=profile, record_words=words)
        check_new_letter(made.letter, today=today, limits=config.limits)
        letter_id = store.add(made.letter)
    print(letter_id)
    for note in made.notes:
        print(printable(note), file=sys.stderr)
    return 0


def _later_letter(store: Store, previous: Letter) -> LetterSummary | None:
    """The child's latest letter (not in the bin) when it is not `previous`: newest meeting."""
    if previous.child_id is None or previous.id is None:
        return None
    others = [
        store.summary(letter_id)
        for letter_id in store.child(previous.child_id).letters
        if letter_id != previous.id and not store.is_deleted(letter_id)
    ]
    later = [s for s in others if s.meeting_date is not None and s.meeting_date > previous.meeting.date]
    return max(later, key=lambda s: (s.meeting_date, s.id)) if later else None


def decision_due_text(letter: Letter, number: int, overdue: list[int]) -> str:
    """ "; due 2026-11-30, OVERDUE" for `letters show`'s line of decision `number` (from 1)."""
    from letters.followup import due_date

    day = due_date(letter.decisions[number - 1], letter.meeting.date)
    if day is None:
        return " - no due date"
    return f" - due {day.isoformat()}" + (", OVERDUE" if number in overdue else "")


def followup_lines(letter: Letter) -> list[str]:
    """`letters show`'s lines for "Since your last meeting": each decision and what happened."""
    from letters.cli.terminal import printable
    from letters.followup import followup_words

    return [
        printable(f"- [{f.outcome}] {followup_words(f, letter)}")
        + (f" (letter {f.letter}, decision {f.number})" if f.letter and f.number else "")
        for f in letter.followups
    ]
