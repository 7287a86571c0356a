"""One home for what a letter's fields may hold, and for reading a date as people type it.

The command line, the app's forms, the letter file (`letters.interchange`) and the import of letters
written elsewhere all read these limits and this one date parser, so that a value one of them
accepts the others accept too. Every check returns a message that says what is wrong and what to
do, in words that read well under a form field and after a field's name ("meeting.date: ...").

What is checked here is a value's sense (an age a child can be, a meeting that can have happened);
a value's type is the business of whoever reads it. Letters already stored are never re-judged by
these limits when they are read back: a limit may change, and a letter must stay readable.

No I/O here, and nothing that knows about the screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import msgspec

if TYPE_CHECKING:
    from collections.abc import Callable

    from letters.model import Letter

#: Ages in whole years. Care-experienced young people keep a personal adviser up to 25.
MIN_AGE = 0
MAX_AGE = 25
#: A known reading age, in years. Tests of reading age do not measure beyond about 18.
MIN_READING_AGE = 4.0
MAX_READING_AGE = 18.0

#: Text sizes, in characters. A 2,000-word letter is about 12,000 characters in all.
NAME_CHARS = 40  # the name the child likes to be called
SHORT_CHARS = 200  # a person's name or role, a place, the IRO, a heading, a word the child uses
PARAGRAPH_CHARS = 5_000  # how the child's views were shared; what a decision is
SECTION_CHARS = 50_000  # one section of the letter
LETTER_CHARS = 200_000  # every section of the letter together
LIST_ITEMS = 200  # people, decisions, sections, allowed words, the child's own words
CASE_ID_CHARS = 100  # the authority's case number (the ID in LCS or Mosaic), one line
#: Decisions are circulated within days of the meeting; a date a year on is a mistyped year.
DECISIONS_DAYS_AFTER = 366

#: The day the review regulations of the Children Act 1989 came into force.
CHILDREN_ACT_1989 = date(1991, 10, 14)

DATE_HINT = "like 19/12/2025"
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTHS = "January February March April May June July August September October November December".split()


class DateLimits(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The config's `[limits]`: which meeting dates a letter may have (see README, "Configuration").

    Old letters are imported (records are kept until the person's 75th birthday), so the earliest
    meeting reaches back to the Children Act 1989; an authority importing older records sets it
    earlier. A letter is written after its meeting: `meeting_days_ahead` allows drafting one before.
    """

    earliest_meeting: date = CHILDREN_ACT_1989
    meeting_days_ahead: Annotated[int, msgspec.Meta(ge=0, le=366)] = 0


DEFAULT_DATE_LIMITS = DateLimits()


class DateError(ValueError):
    """Text that is not a date; the message says how to write one."""


def parse_date(raw: str, what: str = "date") -> date:
    """A day written 2026-01-21 or 21/01/2026 (also 21-01-2026, 21.01.2026, 21 January 2026).

    Always day before month, as in the UK. Raises `DateError` saying how to write the `what`.
    """
    text = re.sub(r"\s+", " ", raw.strip())
    if _ISO.fullmatch(text):  # how the store and the letter file write dates: the quick way
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass  # an impossible day: the message below says which
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    found = _NUMERIC.fullmatch(text)
    if found:
        day, month, year = (found[1], found[2], found[3]) if found[1] else (found[6], found[5], found[4])
        if 1 <= int(month) <= 12:
            raise DateError(f"There is no {int(day)} {_MONTHS[int(month) - 1]} {year}: check the day.")
        raise DateError(f"There is no month {int(month)}: type the {what} as day/month/year, {DATE_HINT}.")
    raise DateError(f"Type the {what} as day/month/year, {DATE_HINT}.")


_LEAD_WORDS = re.compile(
    r"^(?:(?:by|before|on|until|till|due|no later than|not later than)\s+)?(?:the\s+)?", re.IGNORECASE
)
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_WEEKDAY = re.compile(
    r"^(" + "|".join(_WEEKDAYS) + r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?,?\s*", re.I
)
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b(?:\s+of\b)?", re.IGNORECASE)


def decision_date(text: str, after: date | None = None) -> date | None:
    """The one day a decision's "by when" names, read with `parse_date`, or None when it names
    none or it is not certain which: "30/11/2026", "by Monday 30 November 2026", "before 4th
    December 2026"; "30 November" is the first 30 November on or after `after` (the meeting: a
    decision is for after it). "Before the summer", "every week" and a weekday that is not that
    date's ("Friday 30 November 2026", a Monday) give None, and the IRO is asked for the date.
    """
    words = re.sub(r"\s+", " ", text.strip()).rstrip(".")
    words = _LEAD_WORDS.sub("", words, count=1)
    weekday = _WEEKDAY.match(words)
    if weekday:
        words = words[weekday.end() :]
    words = _ORDINAL.sub(r"\1", words).strip()
    if not words or not words[0].isdigit():
        return None
    try:
        day = parse_date(words)
    except DateError:
        day = None
        if after is not None and not re.search(r"\d{4}", words):
            try:
                day = parse_date(f"{words} {after.year}")
                if day < after:
                    day = parse_date(f"{words} {after.year + 1}")
            except DateError:
                return None  # 29 February in a year without one, or not a date at all
    if day is None:
        return None
    if weekday:
        named = weekday.group(1).lower()[:3]
        if _WEEKDAYS[day.weekday()][:3] != named:
            return None  # "Friday 30 November 2026" is a Monday: which did they mean?
    return day


def age_on(born: date, day: date) -> int:
    """Age in whole years on `day` of someone born on `born` (negative before birth)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _long(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


# -- single values ----------------------------------------------------------------------------------


def age_problem(age: int) -> str | None:
    if age < MIN_AGE:
        return "An age cannot be below 0: type it in whole years, like 9."
    if age > MAX_AGE:
        return f"Age must be {MAX_AGE} or under."
    return None


def reading_age_problem(value: float) -> str | None:
    if not MIN_READING_AGE <= value <= MAX_READING_AGE:
        return (
            f"A reading age is between {MIN_READING_AGE:g} and {MAX_READING_AGE:g} years, or leave it empty."
        )
    return None


def text_problem(text: str, limit: int) -> str | None:
    if len(text) > limit:
        return f"This is {len(text):,} characters long; the most it can hold is {limit:,}: shorten it."
    return None


def meeting_date_problem(day: date, today: date, limits: DateLimits = DEFAULT_DATE_LIMITS) -> str | None:
    """A meeting that cannot have happened, or is implausibly old."""
    if day < limits.earliest_meeting:
        return (
            f"The meeting date {_long(day)} is before {_long(limits.earliest_meeting)}, the earliest "
            "this service accepts: check the year (for older records, set [limits] "
            "earliest_meeting in the config file)."
        )
    ahead = (day - today).days
    if ahead > limits.meeting_days_ahead:
        if limits.meeting_days_ahead == 0:
            return "The meeting date is in the future: type the day the meeting happened."
        return (
            f"The meeting date is {ahead} days ahead, more than the {limits.meeting_days_ahead} "
            "allowed: type the day the meeting happened, or will happen."
        )
    return None


def birth_problem(born: date, meeting: date | None, today: date) -> str | None:
    """A date of birth after the meeting (or today), or one that makes the child too old."""
    if born > today:
        return "The date of birth is in the future: check the year."
    if meeting is not None and born > meeting:
        return "The meeting is before the child's date of birth: check both dates."
    years = age_on(born, meeting or today)
    if years > MAX_AGE:
        on = "at the meeting" if meeting else "today"
        return f"The date of birth makes the child {years} {on}, over {MAX_AGE}: check the year."
    return None


def age_and_birth_problem(age: int, born: date, meeting: date | None, today: date) -> str | None:
    """An age that contradicts the date of birth.

    The age is the child's age at the meeting. Before the meeting date is known (the first step of
    the form) it is compared with today, allowing for a birthday since the meeting.
    """
    if meeting is not None:
        from_birth = age_on(born, meeting)
        if from_birth != age:
            return (
                f"The date of birth makes the child {from_birth} at the meeting, not {age}: "
                "fix one or leave age empty."
            )
        return None
    from_birth = age_on(born, today)
    if age not in (from_birth, from_birth - 1):
        return f"The date of birth makes the child {from_birth}, not {age}: fix one or leave age empty."
    return None


def sent_problem(sent: date, meeting: date, today: date) -> str | None:
    if sent > today:
        return f"The sent date {_long(sent)} is in the future: give the day the letter was sent."
    if sent < meeting:
        return (
            f"The sent date {_long(sent)} is before the meeting ({_long(meeting)}): "
            "give the day the letter was sent."
        )
    return None


def case_id_problem(text: str) -> str | None:
    """The authority's case number: one line, as LCS or Mosaic gives it."""
    if len(text) > CASE_ID_CHARS or any(not ch.isprintable() for ch in text):
        return f"A case number is one line of at most {CASE_ID_CHARS} characters, as LCS or Mosaic shows it."
    return None


def looked_after_problem(since: date, *, born: date | None, meeting: date | None, today: date) -> str | None:
    """The day the child became looked after, against their birth, the meeting and today."""
    if since > today:
        return "The date they became looked after is in the future: check the year."
    if born is not None and since < born:
        return "The date they became looked after is before the date of birth: check both dates."
    if age_on(since, today) > MAX_AGE:
        return f"The date they became looked after is over {MAX_AGE} years ago: check the year."
    if meeting is not None and since > meeting:
        return (
            f"The child became looked after on {_long(since)}, after the meeting ({_long(meeting)}): "
            "a review is held once a child is looked after. Check both dates."
        )
    return None


def previous_review_problem(
    previous: date, meeting: date, limits: DateLimits = DEFAULT_DATE_LIMITS
) -> str | None:
    """The review before this one (when it is not in this database)."""
    if previous >= meeting:
        return (
            f"The previous review ({_long(previous)}) is not before this meeting ({_long(meeting)}): "
            "give the date of the review before it."
        )
    if previous < limits.earliest_meeting:
        return (
            f"The previous review ({_long(previous)}) is before {_long(limits.earliest_meeting)}, "
            "the earliest this service accepts: check the year."
        )
    return None


def decisions_sent_problem(sent: date, meeting: date, today: date) -> str | None:
    """The day the review's decisions were circulated to the adults."""
    if sent > today:
        return f"The decisions sent date {_long(sent)} is in the future: give the day they were sent."
    if sent < meeting:
        return (
            f"The decisions sent date {_long(sent)} is before the meeting ({_long(meeting)}): "
            "give the day the decisions were sent to the adults."
        )
    if (sent - meeting).days > DECISIONS_DAYS_AFTER:
        return (
            f"The decisions sent date {_long(sent)} is more than a year after the meeting "
            f"({_long(meeting)}): check the year."
        )
    return None


def rules_problem(rules: list[str]) -> str | None:
    from letters.checks import RULES

    unknown = [r for r in dict.fromkeys(rules) if r not in RULES]
    if unknown:
        return f"Unknown rule {', '.join(unknown)}: the rules are {', '.join(RULES)}."
    return None


# -- a whole letter ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    field: str  # the letter file's name for it: "meeting.date", "sections[2].text"
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def letter_problems(
    letter: Letter, *, today: date | None = None, limits: DateLimits = DEFAULT_DATE_LIMITS
) -> list[Problem]:
    """Every value of a new letter that breaks a limit, named by its field in the letter file."""
    today = today or date.today()
    problems: list[Problem] = []

    def add(name: str, message: str | None) -> None:
        if message:
            problems.append(Problem(name, message))

    def text(name: str, value: str, limit: int) -> None:
        add(name, text_problem(value, limit))

    def items(name: str, values: list[str], limit: int) -> None:
        if len(values) > LIST_ITEMS:
            add(name, f"This list has {len(values)} entries; the most it can hold is {LIST_ITEMS}.")
        for i, value in enumerate(values):
            text(f"{name}[{i + 1}]", value, limit)

    child, meeting = letter.child, letter.meeting
    text("child.name", child.name, NAME_CHARS)
    text("child.pronouns", child.pronouns, SHORT_CHARS)
    text("child.first_language", child.first_language, SHORT_CHARS)
    items("child.own_words", child.own_words, SHORT_CHARS)
    for key, value in child.words.named().items():
        text(f"child.words.{key}", value, SHORT_CHARS)
    items("child.words.avoid", child.words.avoid, SHORT_CHARS)
    if child.age is not None and age_problem(child.age):
        add("child.age", f"{child.age} is not a child's age: give it in years, {MIN_AGE} to {MAX_AGE}.")
    if child.reading_age is not None and reading_age_problem(child.reading_age):
        add(
            "child.reading_age",
            f"{child.reading_age:g} is not a reading age: give it in years, "
            f"{MIN_READING_AGE:g} to {MAX_READING_AGE:g}, or leave it out.",
        )
    add("meeting.date", meeting_date_problem(meeting.date, today, limits))
    if child.date_of_birth is not None:
        born = birth_problem(child.date_of_birth, meeting.date, today)
        add("child.date_of_birth", born)
        if not born and child.age is not None and not age_problem(child.age):
            add("child.age", age_and_birth_problem(child.age, child.date_of_birth, meeting.date, today))
    for name in ("place", "called", "iro"):
        text(f"meeting.{name}", getattr(meeting, name), SHORT_CHARS)
    text("meeting.views_shared", meeting.views_shared, PARAGRAPH_CHARS)
    record_problems(letter, today, limits, add)
    if letter.sent_on is not None:
        add("sent_on", sent_problem(letter.sent_on, meeting.date, today))
    items("allow", letter.allow, SHORT_CHARS)
    add("disabled_rules", rules_problem(letter.disabled_rules))
    for kind, count in (("people", len(letter.people)), ("sections", len(letter.sections))):
        if count > LIST_ITEMS:
            add(kind, f"The letter has {count} {kind}; the most it can hold is {LIST_ITEMS}.")
    for i, person in enumerate(letter.people, start=1):
        for name in ("role", "name", "shown_as"):
            text(f"people[{i}].{name}", getattr(person, name), SHORT_CHARS)
    total = 0
    for i, section in enumerate(letter.sections, start=1):
        text(f"sections[{i}].key", section.key, SHORT_CHARS)
        text(f"sections[{i}].title", section.title, SHORT_CHARS)
        text(f"sections[{i}].text", section.text, SECTION_CHARS)
        total += len(section.text)
    if total > LETTER_CHARS:
        add("sections", f"The letter is {total:,} characters long; the most it can hold is {LETTER_CHARS:,}.")
    if len(letter.decisions) > LIST_ITEMS:
        add("decisions", f"The letter has {len(letter.decisions)} decisions; the most is {LIST_ITEMS}.")
    for i, decision in enumerate(letter.decisions, start=1):
        text(f"decisions[{i}].what", decision.what, PARAGRAPH_CHARS)
        text(f"decisions[{i}].who", decision.who, SHORT_CHARS)
        text(f"decisions[{i}].by_when", decision.by_when, SHORT_CHARS)
    return problems


def record_problems(
    letter: Letter, today: date, limits: DateLimits, add: Callable[[str, str | None], None]
) -> None:
    """The child's record and the review's timeliness (letter file format 2), named by field."""
    child, meeting = letter.child, letter.meeting
    add("child.case_id", case_id_problem(child.case_id.strip()))
    if child.looked_after_since is not None:
        add(
            "child.looked_after_since",
            looked_after_problem(
                child.looked_after_since, born=child.date_of_birth, meeting=meeting.date, today=today
            ),
        )
    if meeting.previous_review is not None:
        add("meeting.previous_review", previous_review_problem(meeting.previous_review, meeting.date, limits))
    if meeting.decisions_sent_on is not None:
        add(
            "meeting.decisions_sent_on",
            decisions_sent_problem(meeting.decisions_sent_on, meeting.date, today),
        )
    add("meeting.late_reason", text_problem(meeting.late_reason, PARAGRAPH_CHARS))
