"""How a value of the export's tables is written: a percentage, a date, a yes or no.

`Share` (n of m) and `Percent` (a target) are percentages; the xlsx writer stores them as numbers
formatted as percentages, `plain` gives a CSV its number, `text` gives the Word report its words.
Pure: no files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from letters.audit.figures import Share


@dataclass(frozen=True, slots=True)
class Percent:
    """A percentage that is not a count of letters (a target): 95.0 means 95%."""

    value: float

    def __str__(self) -> str:
        return f"{self.value:g}%"


@dataclass(frozen=True, slots=True)
class Table:
    key: str  # the CSV file's suffix and the sheet's identity
    sheet: str  # the sheet name (at most 31 characters)
    title: str
    header: list[str]
    rows: list[list[Any]]


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def pct(value: float | None) -> Percent | None:
    return None if value is None else Percent(value)


def plain(value: Any) -> Any:
    """A cell for a CSV file: percentages as numbers (71.4), dates as 2026-01-21, None as ""."""
    if value is None:
        return ""
    if isinstance(value, Share):
        return "" if value.percent is None else value.percent
    if isinstance(value, Percent):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def text(value: Any) -> str:
    """A cell for the Word report: "71.4% (5 of 7)", "21 Jan 2026", "" for nothing."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%-d %b %Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%-d %b %Y}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
