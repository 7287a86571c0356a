"""Dates, times, money and ranges written out as a British adult reads them to a child.

espeak-ng reads "Tuesday 3 March 2026" as "Tuesday three March two thousand and twenty six",
"10:00 am" as "ten zero zero a m", "£20" as "pound twenty" and "2-3" as "two dash three". These
functions rewrite such text into words before it is spoken: "Tuesday the third of March, twenty
twenty-six", "ten o'clock in the morning", "twenty pounds", "two to three". Everything else
(plain numbers, "Year 5", "3rd", percentages) espeak-ng already reads well and is left alone.

Plain text in, plain text out: no SSML, no I/O. Dates are read day first, as they are written in
England (12/05/2027 is the twelfth of May).
"""

from __future__ import annotations

import re
from datetime import date

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_ONES = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_ORDINAL_TENS = {20: "twentieth", 30: "thirtieth"}

MONTHS = ("January February March April May June July August September October November December").split()
_MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
_MONTH_NUMBER.update({m[:3].lower(): i for i, m in enumerate(MONTHS, 1)})
_MONTH_NUMBER["sept"] = 9
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def number_words(n: int) -> str:
    """0 to 99 in words: 'twenty-six'."""
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def ordinal_words(n: int) -> str:
    """1 to 31 as an ordinal: 'twenty-first'."""
    if n < 20:
        return _ORDINAL_ONES[n]
    tens, ones = divmod(n, 10)
    return _ORDINAL_TENS[tens * 10] if not ones else f"{_TENS[tens]}-{_ORDINAL_ONES[ones]}"


def year_words(year: int) -> str:
    """'twenty twenty-six'; 'two thousand and five'; 'nineteen ninety-nine'."""
    century, rest = divmod(year, 100)
    if 2000 <= year <= 2009:
        return "two thousand" + (f" and {_ONES[rest]}" if rest else "")
    if rest == 0:
        return f"{number_words(century)} hundred"
    return f"{number_words(century)} {'oh ' + _ONES[rest] if rest < 10 else number_words(rest)}"


def date_words(day: int, month: int, year: int | None = None, weekday: str = "") -> str:
    """'Tuesday the third of March, twenty twenty-six'."""
    words = f"the {ordinal_words(day)} of {MONTHS[month - 1]}"
    if weekday:
        words = f"{weekday} {words}"
    if year is not None:
        words += f", {year_words(year)}"
    return words


def time_words(hour: int, minute: int, period: str = "") -> str:
    """'half past two in the afternoon'; 'ten o'clock'; 'twenty to four'."""
    period = period.replace(".", "").lower()
    if hour > 12 and not period:
        hour, period = hour - 12, "pm"
    if minute == 0 and (hour == 0 or (hour == 12 and period == "am")):
        return "midnight"
    if hour == 12 and minute == 0:
        return "twelve o'clock, midday" if period else "twelve o'clock"
    shown = hour % 12 or 12
    following = shown % 12 + 1
    if minute == 0:
        words = f"{number_words(shown)} o'clock"
    elif minute == 15:
        words = f"quarter past {number_words(shown)}"
    elif minute == 30:
        words = f"half past {number_words(shown)}"
    elif minute == 45:
        words = f"quarter to {number_words(following)}"
    elif minute % 5 == 0 and minute < 30:
        words = f"{number_words(minute)} past {number_words(shown)}"
    elif minute % 5 == 0:
        words = f"{number_words(60 - minute)} to {number_words(following)}"
    else:
        words = f"{number_words(shown)} {'oh ' + _ONES[minute] if minute < 10 else number_words(minute)}"
    if period == "am":
        return f"{words} in the morning"
    if period == "pm":
        return f"{words} in the {'afternoon' if hour % 12 < 6 else 'evening'}"
    return words


# ----------------------------------------------------------------------------------- patterns

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(DAYS) + r"),?\s+)?"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"

_DAY_MONTH = re.compile(rf"\b{_WEEKDAY}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+(?:the\s+)?{_DAY}(?![\d:]){_YEAR}\b", re.IGNORECASE)
_NUMERIC = re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4}|\d{2})\b")
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b")
_CLOCK = re.compile(
    r"\b(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))\s*(?P<period>[ap]m\b|[ap]\.m\b)?", re.IGNORECASE
)
_DOT_CLOCK = re.compile(
    r"\b(?P<hour>1[0-2]|0?[1-9])(?:\.(?P<minute>[0-5]\d))?\s*(?P<period>[ap]m\b|[ap]\.m\b)", re.IGNORECASE
)
_AT_DOT_CLOCK = re.compile(r"\b(?P<at>at\s+)(?P<hour>1[0-2]|0?[1-9])\.(?P<minute>[0-5]\d)\b(?!\.\d)")
_MONEY = re.compile(r"£(?P<pounds>\d{1,3}(?:,\d{3})*|\d+)(?:\.(?P<pence>\d\d))?\b")
_RANGE = re.compile(r"\b(?P<low>\d{1,3})\s?[-–]\s?(?P<high>\d{1,3})\b(?![-–/]\d)")


def _valid(day: int, month: int, year: int | None) -> bool:
    try:
        date(year or 2000, month, day)  # 2000 was a leap year: 29 February is a real date
    except ValueError:
        return False
    return True


def _named_date(match: re.Match[str]) -> str:
    day, month = int(match["day"]), _MONTH_NUMBER[match["month"].lower().rstrip(".")]
    year = int(match["year"]) if match["year"] else None
    if not _valid(day, month, year):
        return match.group(0)
    return date_words(day, month, year, (match["weekday"] or "").capitalize())


def _numeric_date(match: re.Match[str]) -> str:
    day, month, year = int(match["day"]), int(match["month"]), int(match["year"])
    year += 2000 if year < 100 else 0
    return date_words(day, month, year) if _valid(day, month, year) else match.group(0)


def _clock(match: re.Match[str]) -> str:
    minute = int(match["minute"] or 0)
    return time_words(int(match["hour"]), minute, match.groupdict().get("period") or "")


def _money(match: re.Match[str]) -> str:
    pounds = int(match["pounds"].replace(",", ""))
    words = f"{pounds} pound{'s' if pounds != 1 else ''}"
    if match["pence"] and int(match["pence"]):
        words += f" {int(match['pence'])}"
    return words


def spoken(text: str) -> str:
    """The text with its dates, times, money and number ranges written out in words."""
    text = _ISO.sub(_numeric_date, text)
    text = _NUMERIC.sub(_numeric_date, text)
    text = _DAY_MONTH.sub(_named_date, text)
    text = _MONTH_DAY.sub(_named_date, text)
    text = _CLOCK.sub(_clock, text)
    text = _DOT_CLOCK.sub(_clock, text)
    text = _AT_DOT_CLOCK.sub(lambda m: m["at"] + _clock(m), text)
    text = _MONEY.sub(_money, text)
    return _RANGE.sub(lambda m: f"{m['low']} to {m['high']}", text)
