"""Reading what the IRO typed in the guided "new letter" steps: parse each field, or say plainly why not.

Each `parse_*` function takes the raw text of one field and returns `(value, message)`: the value when
the text is usable, and a one-line message that says what is wrong and what to type instead when it
is not. The screens show the message under the field as the IRO types; nothing here touches the
screen, so this module must not import Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from letters import limits
from letters.model import (
    PARTICIPATION,
    Child,
    ChildWords,
    Letter,
    Meeting,
    Person,
    ReviewKind,
    participation_problem,
)

DATE_HINT = limits.DATE_HINT


def parse_name(raw: str) -> tuple[str, str | None]:
    name = raw.strip()
    if not name:
        return "", "Type the name the child likes to be called."
    if len(name) > limits.NAME_CHARS:
        return name, (
            "That is long for a name: type the name they like to be called "
            f"({limits.NAME_CHARS} characters at most)."
        )
    return name, None


def parse_date(raw: str, what: str) -> tuple[date | None, str | None]:
    """A day in one of the formats people type in the UK (day first), or a message."""
    if not raw.strip():
        return None, None
    try:
        return limits.parse_date(raw, what), None
    except limits.DateError as exc:
        return None, str(exc)


def parse_age(raw: str) -> tuple[int | None, str | None]:
    text = raw.strip()
    if not text:
        return None, None
    if not text.isdigit():
        return None, "Type the age as a whole number of years, like 9."
    age = int(text)
    problem = limits.age_problem(age)
    return (None, problem) if problem else (age, None)


def parse_reading_age(raw: str) -> tuple[float | None, str | None]:
    text = raw.strip()
    if not text:
        return None, None
    try:
        value = float(text)
    except ValueError:
        return None, "Type the reading age as a number of years, like 8 or 8.5, or leave it empty."
    if value != value:  # NaN
        return None, "Type the reading age as a number of years, like 8 or 8.5, or leave it empty."
    problem = limits.reading_age_problem(value)
    return (None, problem) if problem else (value, None)


def parse_words(raw: str) -> list[str]:
    """Comma-separated words the child uses ("Mummy Jo, Anne and Mark")."""
    return [w.strip() for w in raw.split(",") if w.strip()]


def check_age_and_birth(age: int | None, born: date | None, meeting: date | None, today: date) -> str | None:
    """The child needs an age or a date of birth, and the two must agree."""
    if age is None and born is None:
        return "Give the child's age or date of birth: it sets the reading age the letter aims for."
    if born is not None:
        problem = limits.birth_problem(born, None, today)
        if problem:
            return problem
        if age is not None:
            return limits.age_and_birth_problem(age, born, meeting, today)
    return None


def check_meeting_date(
    day: date | None, born: date | None, today: date, date_limits: limits.DateLimits
) -> str | None:
    if day is None:
        return f"Type the date of the meeting, {DATE_HINT}."
    problem = limits.meeting_date_problem(day, today, date_limits)
    if problem:
        return problem
    if born is not None and born <= today:
        return limits.birth_problem(born, day, today)
    return None


#: The UASC choice (an unaccompanied asylum-seeking child), as the forms keep it.
UASC_UNKNOWN = "not recorded"
UASC_CHOICES: tuple[tuple[str, str], ...] = (("Not recorded", UASC_UNKNOWN), ("Yes", "yes"), ("No", "no"))


def parse_uasc(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def uasc_choice(value: bool | None) -> str:
    return UASC_UNKNOWN if value is None else ("yes" if value else "no")


def record_problems(case_id: str, looked_after_since: str, born: date | None, today: date) -> dict[str, str]:
    """The child's record as typed: the case number and the date they became looked after."""
    problems: dict[str, str] = {}
    if msg := limits.case_id_problem(case_id.strip()):
        problems["case_id"] = msg
    since, msg = parse_date(looked_after_since, "date they became looked after")
    if msg is None and since is not None:
        msg = limits.looked_after_problem(since, born=born, meeting=None, today=today)
    if msg:
        problems["looked_after_since"] = msg
    return problems


def review_problems(
    meeting: date,
    previous_review: str,
    decisions_sent_on: str,
    late_reason: str,
    today: date,
    date_limits: limits.DateLimits,
) -> dict[str, str]:
    """The review's timeliness as typed: the review before, decisions sent, why it was late."""
    problems: dict[str, str] = {}
    previous, msg = parse_date(previous_review, "date of the review before")
    if msg is None and previous is not None:
        msg = limits.previous_review_problem(previous, meeting, date_limits)
    if msg:
        problems["previous_review"] = msg
    sent, msg = parse_date(decisions_sent_on, "date the decisions were sent")
    if msg is None and sent is not None:
        msg = limits.decisions_sent_problem(sent, meeting, today)
    if msg:
        problems["decisions_sent_on"] = msg
    if msg := limits.text_problem(late_reason.strip(), limits.PARAGRAPH_CHARS):
        problems["late_reason"] = msg
    return problems


def participation_meaning(code: str | None) -> str:
    return PARTICIPATION.get(code or "", "")


@dataclass(slots=True)
class PersonRow:
    """One row of "who was there" as typed."""

    role: str = ""
    name: str = ""
    shown_as: str = ""
    attended: bool = True
    gets_copy: bool = False

    def problem(self) -> str | None:
        role, name = self.role.strip(), self.name.strip()
        if name and not role:
            return f"Say who {name} is, like social worker or foster carer."
        if role and not name:
            return f"Type the {role}'s name."
        if self.shown_as.strip() and not name:
            return "Type the person's name as well as how the letter shows them."
        for value in (self.role, self.name, self.shown_as):
            if msg := limits.text_problem(value.strip(), limits.SHORT_CHARS):
                return msg
        return None

    @property
    def empty(self) -> bool:
        return not (self.role.strip() or self.name.strip() or self.shown_as.strip())


@dataclass(slots=True)
class NewLetterForm:
    """Everything typed in the guided steps, kept as text so that going back loses nothing."""

    name: str = ""
    age: str = ""
    born: str = ""
    pronouns: str = ""
    eal: bool = False
    first_language: str = ""
    reading_age: str = ""
    own_words: str = ""
    case_id: str = ""  # the authority's case number (the ID in LCS or Mosaic)
    looked_after_since: str = ""
    uasc: str = UASC_UNKNOWN  # "yes", "no" or not recorded
    meeting_date: str = ""
    review_kind: str = ReviewKind.LATER.value
    place: str = ""
    called: str = "your meeting"
    iro: str = ""
    participation: str | None = None
    advocate_offered: bool = False
    advocate_used: bool = False
    views_shared: str = ""
    previous_review: str = ""  # the review before, when it is not in this app
    decisions_sent_on: str = ""  # when the decisions were circulated to the adults
    late_reason: str = ""  # why the review was held after its due date
    people: list[PersonRow] = field(default_factory=list)

    # -- per-field problems, keyed by field name ------------------------------------------------

    def child_problems(self, today: date) -> dict[str, str]:
        problems: dict[str, str] = {}
        _, msg = parse_name(self.name)
        if msg:
            problems["name"] = msg
        age, age_msg = parse_age(self.age)
        born, born_msg = parse_date(self.born, "date of birth")
        meeting, _ = parse_date(self.meeting_date, "meeting date")
        if age_msg:
            problems["age"] = age_msg
        if born_msg:
            problems["born"] = born_msg
        if not age_msg and not born_msg:
            if born is not None and (msg := limits.birth_problem(born, meeting, today)):
                problems["born"] = msg
            elif msg := check_age_and_birth(age, born, meeting, today):
                problems["age"] = msg
        _, msg = parse_reading_age(self.reading_age)
        if msg:
            problems["reading_age"] = msg
        for name in ("pronouns", "first_language"):
            if msg := limits.text_problem(str(getattr(self, name)).strip(), limits.SHORT_CHARS):
                problems[name] = msg
        problems.update(record_problems(self.case_id, self.looked_after_since, born, today))
        words = parse_words(self.own_words)
        too_long = next((w for w in words if len(w) > limits.SHORT_CHARS), None)
        if too_long or len(words) > limits.LIST_ITEMS:
            problems["own_words"] = (
                f"Keep each word or name to {limits.SHORT_CHARS} characters, and at most "
                f"{limits.LIST_ITEMS} of them."
            )
        return problems

    def meeting_problems(self, today: date, date_limits: limits.DateLimits | None = None) -> dict[str, str]:
        problems: dict[str, str] = {}
        day, msg = parse_date(self.meeting_date, "meeting date")
        born, _ = parse_date(self.born, "date of birth")
        msg = msg or check_meeting_date(day, born, today, date_limits or limits.DEFAULT_DATE_LIMITS)
        age, _ = parse_age(self.age)
        if not msg and day is not None and born is not None and age is not None:
            # The age typed on the first step must be the age at this meeting.
            msg = limits.age_and_birth_problem(age, born, day, today)
        if msg:
            problems["meeting_date"] = msg
        if not self.called.strip():
            problems["called"] = 'Say what your authority calls the meeting, like "your meeting".'
        elif msg := limits.text_problem(self.called.strip(), limits.SHORT_CHARS):
            problems["called"] = msg
        if not self.iro.strip():
            problems["iro"] = "Type the IRO's name: it goes on the adults' copy."
        elif msg := limits.text_problem(self.iro.strip(), limits.SHORT_CHARS):
            problems["iro"] = msg
        for name in ("place", "views_shared"):
            size = limits.SHORT_CHARS if name == "place" else limits.PARAGRAPH_CHARS
            if msg := limits.text_problem(str(getattr(self, name)).strip(), size):
                problems[name] = msg
        age = self.child_age_at_meeting()
        msg = participation_problem(self.participation, age)
        if msg:
            problems["participation"] = msg
        since, _ = parse_date(self.looked_after_since, "date they became looked after")
        if day is not None and since is not None and "meeting_date" not in problems:
            # Step 1 cannot know the meeting date: the meeting step says when the two disagree.
            late = limits.looked_after_problem(since, born=None, meeting=day, today=max(today, since))
            if late:
                problems["meeting_date"] = late
        if day is not None:
            problems.update(
                review_problems(
                    day,
                    self.previous_review,
                    self.decisions_sent_on,
                    self.late_reason,
                    today,
                    date_limits or limits.DEFAULT_DATE_LIMITS,
                )
            )
        return problems

    def people_problems(self) -> dict[int, str]:
        return {i: msg for i, row in enumerate(self.people) if (msg := row.problem())}

    def child_age_at_meeting(self) -> int | None:
        age, _ = parse_age(self.age)
        born, _ = parse_date(self.born, "date of birth")
        day, _ = parse_date(self.meeting_date, "meeting date")
        if born is not None and day is not None:
            return Child("", date_of_birth=born).age_on(day)
        return age

    def build(self) -> Letter:
        """The letter these answers describe (call only when there are no problems)."""
        age, _ = parse_age(self.age)
        born, _ = parse_date(self.born, "date of birth")
        reading_age, _ = parse_reading_age(self.reading_age)
        day, _ = parse_date(self.meeting_date, "meeting date")
        assert day is not None, "build() called with problems outstanding"
        child = Child(
            name=self.name.strip(),
            age=age,
            date_of_birth=born,
            pronouns=self.pronouns.strip(),
            eal=self.eal,
            first_language=self.first_language.strip() if self.eal else "",
            reading_age=reading_age,
            words=ChildWords(other=parse_words(self.own_words)),
            case_id=self.case_id.strip(),
            looked_after_since=parse_date(self.looked_after_since, "date")[0],
            uasc=parse_uasc(self.uasc),
        )
        meeting = Meeting(
            date=day,
            review_kind=ReviewKind(self.review_kind),
            place=self.place.strip(),
            called=self.called.strip(),
            iro=self.iro.strip(),
            participation=self.participation,
            advocate_offered=self.advocate_offered or self.advocate_used,
            advocate_used=self.advocate_used,
            views_shared=self.views_shared.strip(),
            previous_review=parse_date(self.previous_review, "date")[0],
            decisions_sent_on=parse_date(self.decisions_sent_on, "date")[0],
            late_reason=self.late_reason.strip(),
        )
        people = [
            Person(
                role=row.role.strip(),
                name=row.name.strip(),
                shown_as=row.shown_as.strip(),
                attended=row.attended,
                gets_copy=row.gets_copy,
            )
            for row in self.people
            if not row.empty
        ]
        return Letter(child=child, meeting=meeting, people=people)
