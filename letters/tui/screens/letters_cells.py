"""The cells of the letters list that say something in words: when a letter is due (overdue written
out, not only coloured), its status, and its decisions that are overdue.

Plain functions of a `LetterSummary` and today's date, given as `rich.text.Text` (never markup a
DataTable must parse: a list of 1,500 letters felt it). No Textual, no database.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text

from letters.model import Status

if TYPE_CHECKING:
    from letters.store import LetterSummary


def due_text(summary: LetterSummary, today: date, nation: str = "ENG") -> Text:
    """When the letter is due, in words; overdue is written out, not only coloured. Lateness is
    in working days, as the due date is."""
    from letters.workdays import working_days_between

    if summary.due is None:  # a damaged row: listed, marked, never the whole list failing
        return Text("! record damaged: open to check", style="bold red")
    if summary.status is Status.SENT:
        if summary.sent_on and summary.sent_on > summary.due:
            late = working_days_between(summary.due, summary.sent_on, nation)
            return Text(f"sent {late} working day{'s' if late != 1 else ''} late")
        return Text("sent on time")
    days = (summary.due - today).days
    when = summary.due.strftime("%-d %b")
    if days < 0:
        late = working_days_between(summary.due, today, nation)
        return Text(f"! OVERDUE by {late} working day{'s' if late != 1 else ''}", style="bold red")
    if days == 0:
        return Text("! due today", style="bold yellow")
    return Text(f"in {days} day{'s' if days != 1 else ''} ({when})")


def decisions_text(summary: LetterSummary, today: date) -> Text:
    """The letter's decisions that are overdue (past their day, not settled by a later letter),
    in words: "! 2 overdue"; nothing when none are."""
    if summary.deleted:
        return Text("")
    late = summary.overdue_on(today)
    return Text(f"! {len(late)} overdue", style="bold red") if late else Text("")


def status_text(summary: LetterSummary) -> str:
    if summary.deleted:
        return "in bin"
    if summary.status is Status.SENT and summary.sent_on:
        return f"sent {summary.sent_on.strftime('%-d %b')}" + (", amended" if summary.amended else "")
    return str(summary.status) if summary.status else "?"
