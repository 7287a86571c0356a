"""Working days and due dates, against dates counted by hand on a calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from letters.config import AuthorityConfig
from letters.demo import demo_letter
from letters.errors import UserError
from letters.model import Child, Letter, Meeting
from letters.workdays import (
    DueDates,
    add_working_days,
    due_dates,
    is_working_day,
    working_days_between,
)


def test_the_primers_worked_example() -> None:
    # Friday 19 December 2025 + 20 working days, over Christmas, Boxing Day and New Year's Day.
    assert add_working_days(date(2025, 12, 19), 20) == date(2026, 1, 21)
    assert working_days_between(date(2025, 12, 19), date(2026, 1, 21)) == 20
    assert working_days_between(date(2025, 12, 19), date(2026, 1, 20)) == 19


def test_a_weekend_holiday_and_its_observed_day_are_one_day_off_not_two() -> None:
    # Christmas 2027 is a Saturday: the bank holidays move to Monday 27 and Tuesday 28.
    assert not is_working_day(date(2027, 12, 27)) and not is_working_day(date(2027, 12, 28))
    assert add_working_days(date(2027, 12, 24), 1) == date(2027, 12, 29)
    assert add_working_days(date(2027, 12, 24), 5) == date(2028, 1, 5)  # 29, 30, 31, 4, 5
    assert working_days_between(date(2027, 12, 17), date(2027, 12, 31)) == 8


def test_easter_is_skipped() -> None:
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_each_nation_has_its_own_holidays() -> None:
    # 2 January is a bank holiday in Scotland only.
    assert add_working_days(date(2025, 12, 31), 1, "ENG") == date(2026, 1, 2)
    assert add_working_days(date(2025, 12, 31), 1, "SCT") == date(2026, 1, 5)
    # St Patrick's Day, Tuesday 17 March 2026, in Northern Ireland only.
    assert add_working_days(date(2026, 3, 16), 1, "NIR") == date(2026, 3, 18)
    assert add_working_days(date(2026, 3, 16), 1, "WLS") == date(2026, 3, 17)


def test_a_weekend_start_counts_from_the_next_working_day() -> None:
    assert add_working_days(date(2026, 1, 10), 1) == date(2026, 1, 12)  # Saturday -> Monday
    assert add_working_days(date(2026, 1, 10), 0) == date(2026, 1, 10)


def test_counting_backwards() -> None:
    assert add_working_days(date(2026, 1, 21), -20) == date(2025, 12, 19)


def test_no_working_days_between_a_date_and_an_earlier_one() -> None:
    assert working_days_between(date(2026, 1, 21), date(2026, 1, 21)) == 0
    assert working_days_between(date(2026, 1, 21), date(2025, 1, 21)) == 0


@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31)),
    n=st.integers(min_value=0, max_value=70),
)
def test_counting_is_the_inverse_of_adding(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    if n:
        assert is_working_day(end)
        assert working_days_between(start, end - timedelta(days=1)) == n - 1


def test_an_unknown_nation_is_a_clear_error() -> None:
    with pytest.raises(UserError, match="holiday_subdivision 'XYZ' is not a UK nation"):
        add_working_days(date(2026, 1, 1), 5, "XYZ")


def test_due_dates_of_a_letter() -> None:
    letter = Letter(Child("Rowan", age=9), Meeting(date(2025, 12, 19)))
    assert due_dates(letter, AuthorityConfig()) == DueDates(
        decisions=date(2025, 12, 30), letter=date(2026, 1, 21)
    )
    faster = AuthorityConfig(decisions_working_days=3, letter_working_days=15)
    assert due_dates(letter, faster) == DueDates(date(2025, 12, 24), date(2026, 1, 14))
    # The demo meeting, Wednesday 18 November 2026: no holidays in the way.
    assert due_dates(demo_letter(), AuthorityConfig()).letter == date(2026, 12, 16)
