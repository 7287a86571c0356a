"""A child's reviews in order, each with its due date and whether it was held on time.

One place for what `letters child show` and the app's child screen both list: the due date comes
from the statutory intervals (`reviews.review_due`), the review before being the date the letter
gives or else the child's previous letter, and lateness is counted in working days. Reads the
child's letters from the store; prints nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from letters.audit.reviews import review_due
from letters.workdays import working_days_between

if TYPE_CHECKING:
    from letters.config import AuthorityConfig
    from letters.model import Letter
    from letters.store import Store
    from letters.store.children import ChildRecord


@dataclass(frozen=True, slots=True)
class ReviewLine:
    letter_id: int
    letter: Letter
    due: date | None  # None when it cannot be known (no date looked after, no review before)
    working_days_late: int  # 0 when on time or not known

    @property
    def late(self) -> bool:
        return self.due is not None and self.letter.meeting.date > self.due

    @property
    def held(self) -> str:
        """'on time', '3 working days late' or 'due date not known'."""
        if self.due is None:
            return "due date not known"
        if not self.late:
            return "on time"
        n = self.working_days_late
        return f"{n} working day{'' if n == 1 else 's'} late"


def child_reviews(store: Store, record: ChildRecord, authority: AuthorityConfig) -> list[ReviewLine]:
    """The child's letters, oldest first, each with its review's due date and lateness."""
    lines = []
    previous: date | None = None
    for letter_id in record.letters:
        letter = store.get(letter_id)
        due = review_due(
            str(letter.meeting.review_kind),
            looked_after_since=record.looked_after_since,
            previous_review=letter.meeting.previous_review or previous,
            authority=authority,
        )
        meeting = letter.meeting.date
        late = (
            working_days_between(due, meeting, authority.holiday_subdivision)
            if due is not None and meeting > due
            else 0
        )
        lines.append(ReviewLine(letter_id, letter, due, late))
        previous = meeting
    return lines
