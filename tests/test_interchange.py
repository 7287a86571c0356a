"""The letter file: lossless round trips, and errors that name the field that is wrong."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letters.checks import RULES
from letters.demo import demo_letter
from letters.errors import InputError
from letters.interchange import letter_from_data, letter_from_toml, letter_to_data, letter_to_toml
from letters.limits import NAME_CHARS, age_on
from letters.model import (
    PARTICIPATION,
    SECTION_SPECS,
    Child,
    ChildWords,
    Decision,
    Letter,
    Meeting,
    Person,
    ReviewKind,
    Section,
    Status,
)

# Any text a person could type or paste, except what the format normalises or refuses:
# carriage returns (become newlines), NUL, and lone surrogates (not Unicode).
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
    max_size=60,
)
names = texts.filter(lambda s: bool(s.strip()))
# The name the child likes to be called is held to its limit (letters.limits.NAME_CHARS).
child_names = names.filter(lambda s: len(s) <= NAME_CHARS)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31))


@st.composite
def letters(draw: st.DrawFn) -> Letter:
    meeting_date = draw(days)
    status = draw(st.sampled_from(list(Status)))
    keys = draw(st.lists(st.sampled_from([s.key for s in SECTION_SPECS]) | names, unique=True, max_size=12))
    letter = Letter(
        child=Child(
            name=draw(child_names),
            age=draw(st.none() | st.integers(0, 30)),
            date_of_birth=draw(st.none() | st.dates(date(1995, 1, 1), meeting_date)),
            pronouns=draw(texts),
            eal=draw(st.booleans()),
            first_language=draw(texts),
            reading_age=draw(st.none() | st.floats(3, 25) | st.integers(3, 25).map(float)),
            words=ChildWords(other=draw(st.lists(texts, max_size=3))),
        ),
        meeting=Meeting(
            date=meeting_date,
            review_kind=draw(st.sampled_from(list(ReviewKind))),
            place=draw(texts),
            called=draw(texts),
            iro=draw(texts),
            participation=draw(st.none() | st.sampled_from(sorted(PARTICIPATION))),
            advocate_offered=draw(st.booleans()),
            advocate_used=draw(st.booleans()),
            views_shared=draw(texts),
        ),
        people=draw(
            st.lists(st.builds(Person, texts, texts, texts, st.booleans(), st.booleans()), max_size=3)
        ),
        sections=[Section(k, draw(texts), draw(texts), draw(st.booleans())) for k in keys],
        decisions=draw(st.lists(st.builds(Decision, texts, texts, texts), max_size=3)),
        status=status,
        sent_on=draw(days) if status == Status.SENT else None,
        allow=draw(st.lists(texts, max_size=3)),
        disabled_rules=draw(st.lists(texts, max_size=2)),
        id=draw(st.none() | st.integers(1, 10**6)),
        revision=draw(st.none() | st.integers(1, 10**6)),
        created_at=draw(st.none() | st.datetimes(timezones=st.just(UTC))),
    )
    return letter


TODAY = date(2026, 12, 1)


@st.composite
def new_letters(draw: st.DrawFn) -> Letter:
    """Letters within every limit of `letters.limits` (what `letter_from_toml` accepts)."""
    letter = draw(letters())
    meeting = draw(st.dates(date(1991, 10, 14), TODAY))
    letter.meeting.date = meeting
    born = draw(st.none() | st.dates(max(date(1966, 1, 1), meeting.replace(year=meeting.year - 25)), meeting))
    letter.child.date_of_birth = born
    if born is not None:
        letter.child.age = draw(st.none() | st.just(age_on(born, meeting)))
    else:
        letter.child.age = draw(st.none() | st.integers(0, 25))
    letter.child.reading_age = draw(st.none() | st.floats(4, 18) | st.integers(4, 18).map(float))
    letter.disabled_rules = draw(st.lists(st.sampled_from(RULES), max_size=3))
    if letter.status == Status.SENT:
        letter.sent_on = draw(st.dates(meeting, TODAY))
    return letter


@settings(max_examples=150, deadline=None)
@given(new_letters())
def test_any_letter_survives_a_round_trip_through_the_file(letter: Letter) -> None:
    assert letter_from_toml(letter_to_toml(letter), today=TODAY) == letter


@settings(max_examples=100, deadline=None)
@given(letters())
def test_any_stored_letter_reads_back_whatever_the_limits(letter: Letter) -> None:
    # The store reads its revisions with the type checks only: a limit may change, a letter stays.
    assert letter_from_data(tomllib.loads(letter_to_toml(letter))) == letter


def test_the_demo_letter_round_trips_and_reads_well() -> None:
    letter = demo_letter()
    text = letter_to_toml(letter)
    assert letter_from_toml(text) == letter
    assert text.startswith("# A letter to a child")
    assert '[[sections]]\nkey = "told_us"' in text
    assert 'text = """\nYou came to the start' in text  # long text as readable multi-line strings


def test_a_minimal_file_gets_the_defaults() -> None:
    letter = letter_from_toml('[child]\nname = "Rowan"\n[meeting]\ndate = 2026-01-14\n')
    assert letter == Letter(Child("Rowan"), Meeting(date(2026, 1, 14)))
    assert [s.key for s in letter.sections] == [s.key for s in SECTION_SPECS]


def test_dates_may_be_written_as_text() -> None:
    letter = letter_from_toml('[child]\nname = "Rowan"\n[meeting]\ndate = "2026-01-14"\n')
    assert letter.meeting.date == date(2026, 1, 14)


def test_windows_line_endings_become_newlines() -> None:
    text = '[child]\r\nname = "Rowan"\r\n[meeting]\r\ndate = 2026-01-14\r\n'
    text += '[[sections]]\r\nkey = "hello"\r\ntext = """\r\nDear Rowan,\r\n\r\nHi."""\r\n'
    assert letter_from_toml(text).sections == [Section("hello", "Dear Rowan,\n\nHi.")]
    data = letter_to_data(Letter(Child("R\r\nx"), Meeting(date(2026, 1, 1))))
    assert letter_from_data(data).child.name == "R\nx"


def test_a_byte_order_mark_is_ignored() -> None:
    text = '\ufeff[child]\nname = "Rowan"\n[meeting]\ndate = 2026-01-14\n'
    assert letter_from_toml(text).child.name == "Rowan"


GOOD = '[child]\nname = "Rowan"\nage = 9\n[meeting]\ndate = 2026-01-14\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"^child: this table is required"),
        ('[child]\nname = "Rowan"\n', r"^meeting: this table is required"),
        ("[child]\n[meeting]\ndate = 2026-01-14\n", r"^child.name: this field is required"),
        (GOOD.replace('"Rowan"', '"  "'), r"^child.name: give the name"),
        (GOOD.replace("age = 9", "age = 9.5"), r"^child.age: expected a whole number"),
        (
            GOOD.replace("age = 9", "age = 41"),
            r"^child.age: 41 is not a child's age: give it in years, 0 to 25",
        ),
        (GOOD.replace("age = 9", 'age = "nine"'), r"^child.age: expected a whole number, got text"),
        (GOOD.replace("age = 9", "nmae = 'x'"), r"^child.nmae: unknown field \(known here: age"),
        (GOOD.replace("age = 9", "eal = 'yes'"), r"^child.eal: expected true or false"),
        (GOOD.replace("age = 9", "reading_age = 1"), r"^child.reading_age: 1 is not a reading age"),
        (GOOD.replace("age = 9", "reading_age = nan"), r"^child.reading_age: nan is not a reading age"),
        (GOOD.replace("age = 9", "reading_age = '8'"), r"^child.reading_age: expected a reading age"),
        (GOOD.replace("age = 9", "own_words = 'x'"), r"^child.own_words: expected a list of text"),
        (GOOD.replace("age = 9", "own_words = [1]"), r"^child.own_words\[1\]: expected text"),
        (
            GOOD.replace("age = 9", "date_of_birth = 2026-02-01"),
            r"^child.date_of_birth: 2026-02-01 is after the meeting \(2026-01-14\)",
        ),
        (GOOD.replace("2026-01-14", '"14/13/2026"'), r"^meeting.date: '14/13/2026' is not a date"),
        (GOOD.replace("2026-01-14", '"31/02/2026"'), r"^meeting.date: There is no 31 February 2026"),
        (GOOD.replace("2026-01-14", "2026-01-14T10:00:00"), r"^meeting.date: expected a date"),
        (GOOD + "participation = 'PN9'\n", r"^meeting.participation: expected a participation"),
        (GOOD + "review_kind = 'third'\n", r"^meeting.review_kind: expected one of first, second"),
        ('status = "posted"\n' + GOOD, r"^status: expected one of draft, ready, sent"),
        ('status = "sent"\n' + GOOD, r"^sent_on: a sent letter needs the date it was sent"),
        ("sent_on = 2026-01-20\n" + GOOD, r'^sent_on: only a letter with status "sent"'),
        ("format = 3\n" + GOOD, r"^format: this file is format 3, from a newer version"),
        ("colour = 'red'\n" + GOOD, r"^colour: unknown field"),
        ("people = 3\n" + GOOD, r"^people: expected a list of tables"),
        (GOOD + "[[people]]\nrole = 'social worker'\n", r"^people\[1\].name: this field is required"),
        (GOOD + "[[sections]]\nkey = ''\n", r"^sections\[1\].key: a section needs a key"),
        (
            GOOD + "[[sections]]\nkey = 'hello'\n[[sections]]\nkey = 'hello'\n",
            r'^sections\[2\].key: the section "hello" appears twice',
        ),
        (GOOD + "[[decisions]]\nwho = 'BW'\n", r"^decisions\[1\].what: this field is required"),
        (GOOD + '[[decisions]]\nwhat = "a\\u0000b"\n', r"^decisions\[1\].what: contains a NUL"),
        ("[record]\nid = 0\n" + GOOD, r"^record.id: a letter id is a number from 1"),
        ('[child\nname = "Rowan"\n', r"^not a valid letter file: .*line 1"),
    ],
)
def test_bad_files_are_refused_naming_the_field(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        letter_from_toml(text)


def test_lone_surrogates_are_refused() -> None:
    data = letter_to_data(Letter(Child("Ro\ud800wan"), Meeting(date(2026, 1, 1))))
    with pytest.raises(InputError, match="child.name: contains characters that are not valid"):
        letter_from_data(data)


def test_record_fields_come_back() -> None:
    letter = demo_letter()
    letter.id = 12
    letter.created_at = datetime(2026, 11, 18, 14, 5, 9, 123456, tzinfo=UTC)
    letter.updated_at = datetime(2026, 11, 19, 8, 0, tzinfo=UTC)
    text = letter_to_toml(letter)
    assert "[record]\nid = 12\n" in text
    assert letter_from_toml(text) == letter


def test_format_2_carries_the_childs_record_and_the_reviews_timeliness():
    from letters.interchange import letter_from_toml, letter_to_data, letter_to_toml

    letter = letter_from_toml(GOOD)
    assert letter_to_data(letter)["format"] == 1  # nothing of format 2: written as before
    letter.child.case_id = "LCS-40213"
    letter.child.looked_after_since = date(2024, 3, 4)
    letter.child.uasc = True
    letter.meeting.previous_review = date(2025, 7, 14)
    letter.meeting.late_reason = "Rearranged at the child's request."
    letter.meeting.decisions_sent_on = date(2026, 1, 16)
    letter.child_id = 7
    text = letter_to_toml(letter)
    assert "format = 2" in text and 'case_id = "LCS-40213"' in text and "uasc = true" in text
    again = letter_from_toml(text)
    assert again == letter


@pytest.mark.parametrize(
    ("extra_child", "extra_meeting", "message"),
    [
        (
            "looked_after_since = 2026-02-01\n",
            "",
            r"child.looked_after_since: 2026-02-01 is after the meeting",
        ),
        (
            "",
            "previous_review = 2026-01-14\n",
            r"meeting.previous_review: 2026-01-14 is not before this meeting",
        ),
        (
            "",
            "decisions_sent_on = 2026-01-02\n",
            r"meeting.decisions_sent_on: 2026-01-02 is before the meeting",
        ),
        ('case_id = "' + "9" * 101 + '"\n', "", r"child.case_id: a case number is one line"),
        ('uasc = "yes"\n', "", r"child.uasc: expected true or false"),
    ],
)
def test_format_2_dates_that_cannot_be_are_refused(extra_child, extra_meeting, message):
    from letters.interchange import letter_from_toml

    text = (
        '[child]\nname = "Rowan"\nage = 9\n' + extra_child + "[meeting]\ndate = 2026-01-14\n" + extra_meeting
    )
    with pytest.raises(InputError, match=message):
        letter_from_toml(text)


def test_a_format_1_file_still_loads():
    from letters.interchange import letter_from_toml

    letter = letter_from_toml("format = 1\n" + GOOD)
    assert letter.child.case_id == "" and letter.child.uasc is None and letter.meeting.previous_review is None
