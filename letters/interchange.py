"""The letter as a file: a letter to and from TOML, and to and from plain data for the database.

`letters show ID --toml` writes this format and `letters new --from FILE` reads it; the store keeps
each revision as the same data encoded as JSON, so there is one definition of what a letter looks
like outside Python and one validation of it. The format is documented in README ("The letter
file"). Reading checks every field's type and names the one that is wrong in an `InputError`.
A new letter read from a file (`letter_from_toml`) is also held to `letters.limits` (ages, dates,
sizes, rule ids); what the store reads back is not, so a letter stays readable when a limit
changes. Neither judges the letter's content (a participation code that does not fit the child's
age is the checker's business, not a reason to refuse the file).

Round trips are lossless: `letter_from_toml(letter_to_toml(x)) == x` for every valid letter. The
one normalisation is line endings: "\\r\\n" and "\\r" in text become "\\n" when a letter is read, so
text pasted from Windows programs is stored the same way as text typed here.

No I/O here: callers read and write the files.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from letters.child_words import words_to_data
from letters.errors import InputError
from letters.interchange_next import next_parts_to_data, read_child_words, read_next_parts
from letters.limits import DEFAULT_DATE_LIMITS, DateError, DateLimits, letter_problems, parse_date
from letters.model import (
    PARTICIPATION,
    Child,
    Decision,
    Letter,
    Meeting,
    Person,
    PictureSettings,
    Pronunciation,
    ReviewKind,
    Section,
    Status,
)

#: The version of the file format. A file with a larger number came from a newer `letters`.
#: 2 adds the child's record (case_id, looked_after_since, uasc) and the review's timeliness
#: (previous_review, late_reason, decisions_sent_on); a letter using none of them is written as 1,
#: so that stored letters and files made before stay exactly as they were.
FORMAT = 2

_HEADER = (
    "# A letter to a child after their review, as written by `letters show --toml`.\n"
    "# Edit it and add it with `letters new --from FILE`. The fields are described in README,\n"
    '# "The letter file". Dates are written 2026-01-14; text may span lines inside """ quotes.\n\n'
)

T = TypeVar("T")


# ---------------------------------------------------------------------------------------------
# Letter -> data


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Drop unset values: TOML has no null, and an absent field reads back as None."""
    return {k: v for k, v in values.items() if v is not None}


def letter_to_data(letter: Letter, *, record: bool = True) -> dict[str, Any]:
    """The letter as TOML-ready data (dates stay `date`s); `record` adds id and timestamps."""
    child, meeting = letter.child, letter.meeting
    record_fields = _clean(
        {
            "case_id": child.case_id or None,
            "looked_after_since": child.looked_after_since,
            "uasc": child.uasc,
        }
    )
    timeliness = _clean(
        {
            "previous_review": meeting.previous_review,
            "late_reason": meeting.late_reason or None,
            "decisions_sent_on": meeting.decisions_sent_on,
        }
    )
    data: dict[str, Any] = {
        "format": 2 if record_fields or timeliness else 1,
        "status": str(letter.status),
        "sent_on": letter.sent_on,
        "allow": list(letter.allow),
        "disabled_rules": list(letter.disabled_rules),
        "child": _clean(
            {
                "name": child.name,
                "age": child.age,
                "date_of_birth": child.date_of_birth,
                "pronouns": child.pronouns,
                "eal": child.eal,
                "first_language": child.first_language,
                "reading_age": child.reading_age,
                "own_words": list(child.own_words),
                "words": words_to_data(child.words) or None,  # the named words, words to avoid
            }
        )
        | record_fields,
        "meeting": _clean(
            {
                "date": meeting.date,
                "review_kind": str(meeting.review_kind),
                "place": meeting.place,
                "called": meeting.called,
                "iro": meeting.iro,
                "participation": meeting.participation,
                "advocate_offered": meeting.advocate_offered,
                "advocate_used": meeting.advocate_used,
                "views_shared": meeting.views_shared,
            }
        )
        | timeliness,
        "people": [
            {
                "role": p.role,
                "name": p.name,
                "shown_as": p.shown_as,
                "attended": p.attended,
                "gets_copy": p.gets_copy,
                **({"phone": p.phone} if p.phone else {}),
                **({"email": p.email} if p.email else {}),
            }
            for p in letter.people
        ],
        "sections": [
            {"key": s.key, "title": s.title, "included": s.included, "text": s.text} for s in letter.sections
        ],
        "decisions": [
            _clean({"what": d.what, "who": d.who, "by_when": d.by_when, "due": d.due})
            for d in letter.decisions
        ],
    }
    # Optional parts, written only when set, so letters without them read and store as before.
    if letter.pronunciations:
        data["pronunciations"] = [
            {"written": p.written, "say": p.say, "letters": p.letters} for p in letter.pronunciations
        ]
    pictures = _clean({"show": letter.pictures.show, "choices": dict(letter.pictures.choices) or None})
    if pictures:
        data["pictures"] = pictures
    data |= next_parts_to_data(letter)
    if record:
        data["record"] = _clean(
            {
                "id": letter.id,
                "child": letter.child_id,
                "revision": letter.revision,
                "created_at": letter.created_at,
                "updated_at": letter.updated_at,
            }
        )
        if not data["record"]:
            del data["record"]
    return _clean(data)


def letter_to_toml(letter: Letter) -> str:
    import tomli_w

    return _HEADER + tomli_w.dumps(letter_to_data(letter), multiline_strings=True)


# ---------------------------------------------------------------------------------------------
# Data -> letter: every value is checked and a wrong one named by its path ("meeting.date").


class _Reader:
    """Reads one table of the file, remembering which keys were used so others can be refused."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise InputError(f"{where}: expected a table of fields, got {_kind(data)}.")
        self.data = data
        self.where = where
        self.used: set[str] = set()

    def path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def get(self, key: str, parse: Callable[[Any, str], T], default: T) -> T:
        self.used.add(key)
        if key not in self.data:
            return default
        return parse(self.data[key], self.path(key))

    def required(self, key: str, parse: Callable[[Any, str], T]) -> T:
        self.used.add(key)
        if key not in self.data:
            raise InputError(f"{self.path(key)}: this field is required.")
        return parse(self.data[key], self.path(key))

    def table(self, key: str) -> _Reader:
        self.used.add(key)
        if key not in self.data:
            raise InputError(f"{self.path(key)}: this table is required.")
        return _Reader(self.data[key], self.path(key))

    def tables(self, key: str) -> list[_Reader] | None:
        self.used.add(key)
        if key not in self.data:
            return None
        items = self.data[key]
        if not isinstance(items, list):
            raise InputError(f"{self.path(key)}: expected a list of tables, got {_kind(items)}.")
        return [_Reader(item, f"{self.path(key)}[{i + 1}]") for i, item in enumerate(items)]

    def done(self) -> None:
        unknown = [k for k in self.data if k not in self.used]
        if unknown:
            known = ", ".join(sorted(self.used))
            raise InputError(
                f"{self.path(str(unknown[0]))}: unknown field (known here: {known}); check its spelling."
            )


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return "text"
    return f"the number {value}"


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"{where}: expected text in quotes, got {_kind(value)}.")
    if "\x00" in value:
        raise InputError(f"{where}: contains a NUL character; remove it.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{where}: contains characters that are not valid Unicode.") from None
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _texts(value: Any, where: str) -> list[str]:
    if not isinstance(value, list):
        raise InputError(f'{where}: expected a list of text, like ["one", "two"].')
    return [_text(item, f"{where}[{i + 1}]") for i, item in enumerate(value)]


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(f"{where}: expected true or false, got {_kind(value)}.")
    return value


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{where}: expected a whole number, got {_kind(value)}.")
    return value


def _date(value: Any, where: str) -> date:
    if isinstance(value, str):
        try:
            return parse_date(value)
        except DateError as exc:
            if "check the day" in str(exc):
                raise InputError(f"{where}: {exc}") from None
            raise InputError(f"{where}: '{value}' is not a date; write it as 2026-01-14.") from None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InputError(f"{where}: expected a date written as 2026-01-14, got {_kind(value)}.")
    return value


def _timestamp(value: Any, where: str) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise InputError(f"{where}: '{value}' is not a date and time.") from None
    if not isinstance(value, datetime):
        raise InputError(f"{where}: expected a date and time, got {_kind(value)}.")
    return value


def _enum(kind: type[T], what: str) -> Callable[[Any, str], T]:
    def parse(value: Any, where: str) -> T:
        choices = [str(m) for m in kind]  # type: ignore[attr-defined]
        if not isinstance(value, str) or value not in choices:
            raise InputError(f"{where}: expected one of {', '.join(choices)} ({what}).")
        return kind(value)  # type: ignore[call-arg]

    return parse


def _participation(value: Any, where: str) -> str:
    if not isinstance(value, str) or value not in PARTICIPATION:
        raise InputError(f"{where}: expected a participation code PN0 to PN7, got '{value}'.")
    return str(value)


def _age(value: Any, where: str) -> int:
    return _int(value, where)  # its range is a limit (letters.limits), checked on new letters


def _reading_age(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"{where}: expected a reading age in years, like 8 or 8.5.")
    return float(value)


def _id(value: Any, where: str) -> int:
    number = _int(value, where)
    if number < 1:
        raise InputError(f"{where}: a letter id is a number from 1.")
    return number


def _case_id(value: Any, where: str) -> str:
    text = _text(value, where).strip()
    if len(text) > 100 or "\n" in text:
        raise InputError(f"{where}: a case number is one line of at most 100 characters.")
    return text


def _check_timeline(child: Child, meeting: Meeting, c: _Reader, m: _Reader) -> None:
    """Dates of the child's record and of the review that cannot be, named by their field."""
    day = meeting.date.isoformat()
    since = child.looked_after_since
    if since is not None and since > meeting.date:
        raise InputError(
            f"{c.path('looked_after_since')}: {since.isoformat()} is after the meeting ({day}); "
            "a review is held once a child is looked after."
        )
    if since is not None and child.date_of_birth is not None and since < child.date_of_birth:
        raise InputError(f"{c.path('looked_after_since')}: {since.isoformat()} is before the date of birth.")
    if meeting.previous_review is not None and meeting.previous_review >= meeting.date:
        raise InputError(
            f"{m.path('previous_review')}: {meeting.previous_review.isoformat()} is not before this "
            f"meeting ({day}); give the date of the review before it."
        )
    if meeting.decisions_sent_on is not None and meeting.decisions_sent_on < meeting.date:
        raise InputError(
            f"{m.path('decisions_sent_on')}: {meeting.decisions_sent_on.isoformat()} is before the "
            f"meeting ({day}); give the day the decisions were sent to the adults."
        )


def _picture_choices(value: Any, where: str) -> dict[str, str]:
    """{concept: picture name or ""}, each checked against the shipped picture set."""
    from letters.export.pictures.catalogue import load_catalogue

    if not isinstance(value, dict):
        raise InputError(f'{where}: expected a table like {{ school = "backpack", home = "" }}.')
    catalogue = load_catalogue()
    choices: dict[str, str] = {}
    for concept, name in value.items():
        path = f"{where}.{concept}"
        known = catalogue.concepts.get(concept)
        if known is None:
            raise InputError(f"{path}: no pictures for '{concept}' (known: {', '.join(catalogue.concepts)}).")
        picture = _text(name, path)
        if picture and picture not in catalogue.pictures:
            raise InputError(
                f"{path}: no picture called '{picture}' (for {concept}: {', '.join(known.pictures)}; "
                'or "" for none).'
            )
        choices[concept] = picture
    return choices


def letter_from_data(data: Any, where: str = "") -> Letter:
    """Check and build a letter from data read from TOML or JSON (dates may be ISO text)."""
    top = _Reader(data, where)
    version = top.get("format", _int, FORMAT)
    if version > FORMAT:
        raise InputError(
            f"{top.path('format')}: this file is format {version}, from a newer version of "
            f"letters (this one reads format {FORMAT}); upgrade letters to read it."
        )
    c = top.table("child")
    child = Child(
        name=c.required("name", _text),
        age=c.get("age", _age, None),
        date_of_birth=c.get("date_of_birth", _date, None),
        pronouns=c.get("pronouns", _text, ""),
        eal=c.get("eal", _bool, False),
        first_language=c.get("first_language", _text, ""),
        reading_age=c.get("reading_age", _reading_age, None),
        case_id=c.get("case_id", _case_id, ""),
        looked_after_since=c.get("looked_after_since", _date, None),
        uasc=c.get("uasc", _bool, None),
    )
    child.words = read_child_words(c, c.get("own_words", _texts, []))
    c.done()
    if not child.name.strip():
        raise InputError(f"{c.path('name')}: give the name the child likes to be called.")
    m = top.table("meeting")
    meeting = Meeting(
        date=m.required("date", _date),
        review_kind=m.get("review_kind", _enum(ReviewKind, "which review"), ReviewKind.LATER),
        place=m.get("place", _text, ""),
        called=m.get("called", _text, "your meeting"),
        iro=m.get("iro", _text, ""),
        participation=m.get("participation", _participation, None),
        advocate_offered=m.get("advocate_offered", _bool, False),
        advocate_used=m.get("advocate_used", _bool, False),
        views_shared=m.get("views_shared", _text, ""),
        previous_review=m.get("previous_review", _date, None),
        late_reason=m.get("late_reason", _text, ""),
        decisions_sent_on=m.get("decisions_sent_on", _date, None),
    )
    m.done()
    if child.date_of_birth is not None and child.date_of_birth > meeting.date:
        raise InputError(
            f"{c.path('date_of_birth')}: {child.date_of_birth.isoformat()} is after the meeting "
            f"({meeting.date.isoformat()}); check both dates."
        )
    _check_timeline(child, meeting, c, m)
    letter = Letter(child=child, meeting=meeting)
    letter.status = top.get("status", _enum(Status, "the letter's status"), Status.DRAFT)
    letter.sent_on = top.get("sent_on", _date, None)
    if letter.status == Status.SENT and letter.sent_on is None:
        raise InputError(f"{top.path('sent_on')}: a sent letter needs the date it was sent.")
    if letter.status != Status.SENT and letter.sent_on is not None:
        raise InputError(
            f'{top.path("sent_on")}: only a letter with status "sent" has a sent date; '
            'remove sent_on or set status = "sent".'
        )
    letter.allow = top.get("allow", _texts, [])
    letter.disabled_rules = top.get("disabled_rules", _texts, [])
    people = top.tables("people") or []
    letter.people = []
    for p in people:
        letter.people.append(
            Person(
                role=p.required("role", _text),
                name=p.required("name", _text),
                shown_as=p.get("shown_as", _text, ""),
                attended=p.get("attended", _bool, True),
                gets_copy=p.get("gets_copy", _bool, False),
                phone=p.get("phone", _text, ""),
                email=p.get("email", _text, ""),
            )
        )
        p.done()
    sections = top.tables("sections")
    if sections is not None:
        letter.sections = []
        for s in sections:
            section = Section(
                key=s.required("key", _text),
                title=s.get("title", _text, ""),
                included=s.get("included", _bool, True),
                text=s.get("text", _text, ""),
            )
            s.done()
            if not section.key.strip():
                raise InputError(f'{s.path("key")}: a section needs a key, like "worries".')
            if letter.section(section.key) is not None:
                raise InputError(
                    f'{s.path("key")}: the section "{section.key}" appears twice; keep one of them.'
                )
            letter.sections.append(section)
    letter.decisions = []
    for d in top.tables("decisions") or []:
        letter.decisions.append(
            Decision(
                what=d.required("what", _text),
                who=d.get("who", _text, ""),
                by_when=d.get("by_when", _text, ""),
                due=d.get("due", _date, None),
            )
        )
        d.done()
    for p in top.tables("pronunciations") or []:
        entry = Pronunciation(
            written=p.required("written", _text),
            say=p.get("say", _text, ""),
            letters=p.get("letters", _bool, False),
        )
        p.done()
        if not entry.written.strip():
            raise InputError(f"{p.path('written')}: give the name or initials as the letter writes them.")
        letter.pronunciations.append(entry)
    if "pictures" in top.data:
        pr = top.table("pictures")
        letter.pictures = PictureSettings(
            show=pr.get("show", _bool, None), choices=pr.get("choices", _picture_choices, {})
        )
        pr.done()
    read_next_parts(top, letter)
    if "record" in top.data:
        r = top.table("record")
        letter.id = r.get("id", _id, None)
        letter.child_id = r.get("child", _id, None)
        letter.revision = r.get("revision", _id, None)
        letter.created_at = r.get("created_at", _timestamp, None)
        letter.updated_at = r.get("updated_at", _timestamp, None)
        r.done()
    top.done()
    return letter


def check_new_letter(
    letter: Letter, *, today: date | None = None, limits: DateLimits = DEFAULT_DATE_LIMITS
) -> Letter:
    """The letter, if every value is within `letters.limits`; else `InputError` naming each field."""
    problems = letter_problems(letter, today=today, limits=limits)
    if problems:
        raise InputError("; ".join(str(p) for p in problems))
    return letter


def letter_from_toml(
    text: str, *, today: date | None = None, limits: DateLimits = DEFAULT_DATE_LIMITS
) -> Letter:
    """Read a new letter from a letter file. Raises `InputError` naming the line or field that is wrong."""
    try:
        data = tomllib.loads(text.lstrip("\ufeff"))  # Notepad may add a byte-order mark
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not a valid letter file: {exc}; fix the TOML at that place.") from None
    except RecursionError:
        raise InputError(
            "not a valid letter file: its tables or lists are nested too deeply; "
            "write it as `letters show --toml` does."
        ) from None
    return check_new_letter(letter_from_data(data), today=today, limits=limits)
