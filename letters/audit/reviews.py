"""When a review was due, from the statutory intervals: plain dates in, a date out.

A child's first review is due within 20 working days of becoming looked after, the second within
3 months of the first, each later one within 6 months of the one before (`[authority]`
`first_review_working_days`, `second_review_months`, `later_review_months`). "Within 3 months" of
14 January is by 14 April; from 31 August, 6 months is the last day of February. The review before
is the date the letter gives (`Meeting.previous_review`, for reviews held before this database),
else the child's previous letter. Pure: no database.
"""

from __future__ import annotations

import calendar
from datetime import date

from letters.config import AuthorityConfig
from letters.workdays import add_working_days


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later, or the month's last day if it has fewer."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_due(
    kind: str,
    *,
    looked_after_since: date | None,
    previous_review: date | None,
    authority: AuthorityConfig,
) -> date | None:
    """When a review of this `kind` (first, second, later) was due; None when it cannot be known."""
    if kind == "first":
        if looked_after_since is None:
            return None
        return add_working_days(
            looked_after_since, authority.first_review_working_days, authority.holiday_subdivision
        )
    if previous_review is None:
        return None
    months = authority.second_review_months if kind == "second" else authority.later_review_months
    return add_months(previous_review, months)
