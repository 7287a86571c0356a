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


@pytest.mark.parametrize("nation", ["ENG", "WLS", "SCT", "NIR"])
def test_the_shipped_bank_holidays_are_the_packages_own(nation: str) -> None:
    """scripts/build_bank_holidays.py wrote them; rebuild it when the `holidays` package changes."""
    import holidays

    from letters.workdays import shipped_bank_holidays

    first, last, nations = shipped_bank_holidays()
    assert first <= 2015 and last >= 2045  # every review this tool is likely to see
    package = holidays.country_holidays("GB", subdiv=nation, years=range(first, last + 1))
    assert nations[nation] == frozenset(day.toordinal() for day in package), (
        "letters/bank_holidays.bin differs from the installed holidays package: "
        "run python scripts/build_bank_holidays.py"
    )
    day, works = date(first, 1, 1), is_working_day
    while day.year <= last:  # and a working day is the same day either way
        assert works(day, nation) == package.is_working_day(day), day
        day += timedelta(days=1)


def test_years_outside_the_shipped_table_ask_the_package() -> None:
    from letters.workdays import shipped_bank_holidays

    first, last, _ = shipped_bank_holidays()
    # Christmas Day on a Saturday: the bank holidays move to Monday 27 and Tuesday 28 December.
    later = next(y for y in range(last + 1, last + 40) if date(y, 12, 25).weekday() == 5)
    assert not is_working_day(date(later, 12, 27)) and not is_working_day(date(later, 12, 28))
    assert is_working_day(date(later, 12, 29))
    earlier = next(y for y in range(first - 1, first - 40, -1) if date(y, 12, 25).weekday() == 5)
    assert add_working_days(date(earlier, 12, 24), 1) == date(earlier, 12, 29)


def test_due_dates_in_the_shipped_years_do_not_import_the_holidays_package() -> None:
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys; from datetime import date; from letters.workdays import add_working_days;"
        "print(add_working_days(date(2025, 12, 19), 20), 'holidays' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["2026-01-21", "False"]


@given(
    a=st.dates(min_value=date(2007, 1, 1), max_value=date(2053, 12, 31)),
    days=st.integers(min_value=-10, max_value=900),
    nation=st.sampled_from(["ENG", "WLS", "SCT", "NIR"]),
)
def test_working_days_between_counts_what_walking_the_calendar_counts(
    a: date, days: int, nation: str
) -> None:
    b = a + timedelta(days=days)
    walked = 0
    day = a + timedelta(days=1)
    while day <= b:
        walked += is_working_day(day, nation)
        day += timedelta(days=1)
    assert working_days_between(a, b, nation) == walked
