"""Reporting periods (a month, a calendar year, a financial year) and how letters fall into them.

A period is a range of dates, both ends included. Which date of a letter is counted is the
`Basis`: the meeting (a review held in the period, as an IRO annual report counts reviews) or the
sending (a letter sent in the period, as the monthly audit has always counted). Every table of an
export says which basis it used.

Plain values and pure functions: no database, no files.
"""

from __future__ import annotations

import calendar
import enum
import re
from dataclasses import dataclass
from datetime import date

from letters.errors import UserError

#: The first month of the financial year (April, as English local authorities report).
FINANCIAL_YEAR_START = 4


class Basis(enum.StrEnum):
    """Which of a letter's dates places it in a period."""

    MEETING = "meeting"
    SENT = "sent"

    @classmethod
    def parse(cls, text: str) -> Basis:
        wanted = text.strip().lower()
        for basis in cls:
            if wanted == basis.value:
                return basis
        raise UserError(f"'{text}' is not a way to count: use --by meeting or --by sent.")

    @property
    def label(self) -> str:
        """Words for a table's heading: "counted by meeting date"."""
        return "counted by meeting date" if self is Basis.MEETING else "counted by date sent"

    @property
    def sentence(self) -> str:
        if self is Basis.MEETING:
            return (
                "Reviews and their letters are counted by the date of the meeting: a review held "
                "in the period counts, whether or not its letter has been sent."
            )
        return "Letters are counted by the date they were sent: a letter sent in the period counts."


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar month ("2026-01"), a calendar year ("2026") or a financial year ("2025-26")."""

    start: date
    end: date
    label: str

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), f"{year:04d}-{month:02d}")

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), f"{year:04d}")

    @classmethod
    def financial_year(cls, first_year: int) -> Period:
        start = date(first_year, FINANCIAL_YEAR_START, 1)
        last = date.fromordinal(date(first_year + 1, FINANCIAL_YEAR_START, 1).toordinal() - 1)
        return cls(start, last, f"{first_year:04d}-{(first_year + 1) % 100:02d}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """A month YYYY-MM, a calendar year YYYY or a financial year YYYY-YY (2025-26).

        "2011-12" is December 2011: a month is read first (use `parse_year` for a year).
        """
        try:
            return cls.parse_month(text)
        except UserError:
            pass
        try:
            return cls.parse_year(text)
        except UserError:
            raise UserError(
                f"'{text.strip()}' is not a month: write it as YYYY-MM, for example 2026-01 "
                "(or a year as 2026, a financial year as 2025-26)."
            ) from None

    @classmethod
    def parse_month(cls, text: str) -> Period:
        text = text.strip()
        m = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
        if m and 1 <= int(m.group(2)) <= 12:
            return cls.month(int(m.group(1)), int(m.group(2)))
        raise UserError(f"'{text}' is not a month: write it as YYYY-MM, for example 2026-01.")

    @classmethod
    def parse_year(cls, text: str) -> Period:
        """A calendar year (2025) or a financial year, April to March (2025-26 or 2025/26)."""
        text = text.strip()
        if re.fullmatch(r"\d{4}", text):
            return cls.calendar_year(int(text))
        m = re.fullmatch(r"(\d{4})[-/](\d{2}|\d{4})", text)
        if m:
            first, second = int(m.group(1)), int(m.group(2))
            if second in ((first + 1) % 100, first + 1):
                return cls.financial_year(first)
        raise UserError(
            f"'{text}' is not a year: write a calendar year as 2025 or a financial year "
            "(April to March) as 2025-26."
        )

    @property
    def kind(self) -> str:
        if len(self.label) == 4:
            return "year"
        if self.start.month == FINANCIAL_YEAR_START and self.end.year == self.start.year + 1:
            return "financial year"
        return "month"

    @property
    def is_month(self) -> bool:
        return self.kind == "month"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def title(self) -> str:
        if self.kind == "year":
            return self.label
        if self.kind == "financial year":
            return f"{self.label} (April {self.start.year} to March {self.end.year})"
        return f"{calendar.month_name[self.start.month]} {self.start.year}"

    @property
    def short(self) -> str:
        """A column heading: "Jan 2026", "2025", "2025-26"."""
        if self.kind == "month":
            return f"{calendar.month_abbr[self.start.month]} {self.start.year}"
        return self.label

    def previous(self) -> Period:
        """The period before this one, of the same kind (last month, last year)."""
        if self.kind == "month":
            y, m = (
                (self.start.year, self.start.month - 1) if self.start.month > 1 else (self.start.year - 1, 12)
            )
            return Period.month(y, m)
        if self.kind == "year":
            return Period.calendar_year(self.start.year - 1)
        return Period.financial_year(self.start.year - 1)

    def months(self) -> list[Period]:
        """The months of this period, in order (a month is one month)."""
        out: list[Period] = []
        y, m = self.start.year, self.start.month
        while date(y, m, 1) <= self.end:
            out.append(Period.month(y, m))
            y, m = (y, m + 1) if m < 12 else (y + 1, 1)
        return out
