"""What the store refuses, as typed errors whose messages say what happened and what to do.

Each is a `UserError` (shown without a traceback by the CLI and the app); the app also reads their
fields (which revision is current, where the refused text was kept) to offer the next step.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from letters.errors import StorageError, UserError

if TYPE_CHECKING:
    from letters.store.gate import PreSendCheck


class LetterNotFound(UserError):
    """No letter has this id."""

    def __init__(self, letter_id: int, revision: int | None = None) -> None:
        if revision is None:
            message = (
                f"There is no letter {letter_id}. Run `letters list --deleted` to see the letters "
                "and their ids."
            )
        else:
            message = (
                f"Letter {letter_id} has no revision {revision}. Run `letters history "
                f"{letter_id}` to see its revisions."
            )
        super().__init__(message)
        self.letter_id = letter_id


class LetterChangedElsewhere(StorageError):
    """A save based on an older revision than the stored one: someone else saved first.

    Nothing was overwritten. When `kept` is set, the refused text was stored as that revision
    (kept in the history, never the letter's current text).
    """

    def __init__(
        self,
        letter_id: int,
        *,
        based_on: int,
        current: int,
        by: str,
        at: datetime,
        kept: int | None,
    ) -> None:
        who = by or "someone"
        when = at.astimezone().strftime("%H:%M on %-d %B")
        message = (
            f"Letter {letter_id} changed elsewhere: {who} saved revision {current} at {when} "
            f"while this copy was based on revision {based_on}, so it was not saved over it."
        )
        if kept is not None:
            message += (
                f" This copy's text is kept as revision {kept}; reload the letter, or compare the "
                f"two (`letters show {letter_id} --revision {kept}`)."
            )
        else:
            message += " Reload the letter and make the change again."
        super().__init__(message)
        self.letter_id = letter_id
        self.based_on = based_on
        self.current = current
        self.by = by
        self.at = at
        self.kept = kept


class LetterIsSent(UserError):
    """A sent letter cannot be edited without a reason, nor go back to draft or ready."""

    def __init__(self, letter_id: int, sent_on: date | None, *, wanted: str = "") -> None:
        when = f" on {sent_on:%-d %B %Y}" if sent_on else ""
        if wanted:
            message = (
                f"Letter {letter_id} was sent{when}, so it cannot be marked {wanted}: the child "
                "has it. To change it, amend it (the change is kept as 'amended after sending')."
            )
        else:
            message = (
                f"Letter {letter_id} was sent{when}, so it is read-only. To change it, amend it "
                "and say why: the change is kept as 'amended after sending', with when and by whom."
            )
        super().__init__(message)
        self.letter_id = letter_id
        self.sent_on = sent_on


class SendBlocked(UserError):
    """Open errors stop a letter being marked ready or sent unless a reason is given."""

    exit_code = 1

    def __init__(self, check: PreSendCheck, status: str, *, note: str = "") -> None:
        errors = check.errors
        who = f"Letter {check.letter_id}" if check.letter_id is not None else "The letter"
        lines = [
            f"{who} cannot be marked {status}: "
            f"{len(errors)} error{'s are' if len(errors) != 1 else ' is'} open ({check.summary()})."
        ]
        lines += [f"  {finding.describe()}" for finding in errors]
        lines.append(
            "Fix them, or give the reason they should stay (--override-reason TEXT in the command "
            "line); the reason is kept with the letter and shown in the audit." + (f" {note}" if note else "")
        )
        super().__init__("\n".join(lines))
        self.check = check
        self.status = status


class CheckOutdated(UserError):
    """The letter changed between its pre-send check and the marking: check it again."""

    def __init__(self, letter_id: int, status: str) -> None:
        super().__init__(
            f"Letter {letter_id} changed after it was checked, so it was not marked {status}: "
            "check it again and then mark it."
        )
        self.letter_id = letter_id


class NotChecked(UserError):
    """Marking a letter ready or sent needs its pre-send check (letters.store.gate)."""

    def __init__(self, status: str) -> None:
        super().__init__(
            f"A letter is marked {status} only after the pre-send check: use `letters status` "
            "or the export screen, which check it first."
        )
