"""Working days and the dates a review's record is due.

Working days are Monday to Friday, less the bank holidays of the authority's nation, taken from the
`holidays` package, which ships its calendars and so works offline. A holiday that falls at a
weekend appears in that package twice (the weekend date and the weekday it is observed on); asking
"is this a working day?" of each date, rather than subtracting a count of holidays, counts it once.

For 2010 to 2050 the bank holidays are read from `bank_holidays.bin`, the package's own dates
written out by scripts/build_bank_holidays.py (a test proves the two agree): finding a country in
the package imports all 300 it knows, 0.6 s on the way to the letters list. Other years ask the
package.

This module does no I/O and must not download anything.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from letters.config import NATIONS, AuthorityConfig
from letters.errors import UserError
from letters.model import Letter

__all__ = ["NATIONS", "DueDates", "add_working_days", "due_dates", "is_working_day", "working_days_between"]

_DAY = timedelta(days=1)
_TABLE = Path(__file__).with_name("bank_holidays.bin")


@lru_cache(maxsize=1)
def shipped_bank_holidays() -> tuple[int, int, dict[str, frozenset[int]]]:
    """(first year, last year, each nation's bank holidays as day ordinals) from the shipped table."""
    import marshal
    import zlib

    data = marshal.loads(zlib.decompress(_TABLE.read_bytes()))
    return int(data["first"]), int(data["last"]), {n: frozenset(data[n]) for n in NATIONS}


def _package_test(subdivision: str) -> Callable[[date], bool]:
    import holidays

    calendar = holidays.country_holidays("GB", subdiv=subdivision)
    helper = getattr(calendar, "is_working_day", None)  # holidays >= 0.61
    if helper is None:
        helper = lambda day: day.weekday() < 5 and day not in calendar  # noqa: E731
    return helper


@lru_cache(maxsize=8)
def _working_day_test(subdivision: str) -> Callable[[date], bool]:
    if subdivision not in NATIONS:
        raise UserError(
            f"holiday_subdivision '{subdivision}' is not a UK nation: "
            f"set it to one of {', '.join(NATIONS)} in the config file."
        )
    first, last, nations = shipped_bank_holidays()
    off = nations[subdivision]
    package: list[Callable[[date], bool]] = []  # the package's test, made the first time it is needed

    def works(day: date) -> bool:
        if first <= day.year <= last:
            return day.weekday() < 5 and day.toordinal() not in off
        if not package:
            package.append(_package_test(subdivision))
        return package[0](day)

    # Remembered per date: a list of 1,500 letters asks about the same few hundred days.
    return lru_cache(maxsize=8192)(works)


def is_working_day(day: date, subdivision: str = "ENG") -> bool:
    return _working_day_test(subdivision)(day)


def add_working_days(start: date, n: int, subdivision: str = "ENG") -> date:
    """The date `n` working days after `start` (before it when `n` is negative).

    `start` itself is never counted, whether or not it is a working day, so a meeting on a Saturday
    has its first working day on the Monday. `n == 0` returns `start` unchanged.
    """
    works = _working_day_test(subdivision)
    step = _DAY if n >= 0 else -_DAY
    day = start
    for _ in range(abs(n)):
        day += step
        while not works(day):
            day += step
    return day


def working_days_between(a: date, b: date, subdivision: str = "ENG") -> int:
    """How many working days fall after `a` up to and including `b`; 0 when `b` is not after `a`.

    The inverse of `add_working_days`: `working_days_between(a, add_working_days(a, n)) == n` for
    every `n >= 0`, so "sent 21 working days after the meeting" means late against a 20-day
    target.
    """
    if b <= a:
        return 0
    first, last, _ = shipped_bank_holidays()
    if first <= a.year and b.year <= last:  # counted, not walked: a list asks this of every row
        weekday_holidays = _weekday_holidays(subdivision)
        off = bisect_right(weekday_holidays, b.toordinal()) - bisect_right(weekday_holidays, a.toordinal())
        return _weekdays_after(a, b) - off
    works = _working_day_test(subdivision)
    count = 0
    day = a + _DAY
    while day <= b:
        count += works(day)
        day += _DAY
    return count


def _weekdays_after(a: date, b: date) -> int:
    """Mondays to Fridays after `a` up to and including `b` (b > a)."""
    days = b.toordinal() - a.toordinal()
    weeks, rest = divmod(days, 7)
    start = a.weekday()  # the days after `a` left over from whole weeks
    return 5 * weeks + sum(1 for k in range(1, rest + 1) if (start + k) % 7 < 5)


@lru_cache(maxsize=8)
def _weekday_holidays(subdivision: str) -> tuple[int, ...]:
    """The shipped bank holidays of a nation that fall on a weekday, as sorted day ordinals."""
    _working_day_test(subdivision)  # an unknown nation says so, as everywhere else
    off = shipped_bank_holidays()[2][subdivision]
    return tuple(sorted(d for d in off if date.fromordinal(d).weekday() < 5))


@dataclass(frozen=True, slots=True)
class DueDates:
    decisions: date  # the decisions circulated to the adults
    letter: date  # the full record: the letter itself


def due_dates(letter: Letter, authority: AuthorityConfig) -> DueDates:
    """When the decisions and the letter are due, counted in working days from the meeting."""
    return meeting_due_dates(letter.meeting.date, authority)


def meeting_due_dates(meeting_date: date, authority: AuthorityConfig) -> DueDates:
    nation = authority.holiday_subdivision
    return DueDates(
        decisions=add_working_days(meeting_date, authority.decisions_working_days, nation),
        letter=add_working_days(meeting_date, authority.letter_working_days, nation),
    )
