"""The guided form's parsing and messages (letters/tui/forms.py), without the screen."""

from __future__ import annotations

from datetime import date

import pytest

from letters.model import ReviewKind
from letters.tui.forms import NewLetterForm, PersonRow, parse_date

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    "raw",
    [
        "19/12/2025",
        "2025-12-19",
        "19-12-2025",
        "19.12.2025",
        "19 December 2025",
        "19 Dec 2025",
        " 19/12/2025 ",
    ],
)
def test_dates_in_the_formats_people_type(raw: str) -> None:
    assert parse_date(raw, "meeting date") == (date(2025, 12, 19), None)


def test_a_date_that_is_not_one_says_how_to_type_it() -> None:
    assert parse_date("Tuesday", "meeting date") == (
        None,
        "Type the meeting date as day/month/year, like 19/12/2025.",
    )
    assert parse_date("12/19/2025", "meeting date") == (
        None,
        "There is no month 19: type the meeting date as day/month/year, like 19/12/2025.",
    )
    assert parse_date("29/02/2026", "meeting date") == (None, "There is no 29 February 2026: check the day.")


def test_age_from_date_of_birth_decides_the_participation_check() -> None:
    # Born 1 March 2023: 3 at a meeting on 20 November 2026, so only PN0 fits.
    form = NewLetterForm(
        name="Sam", born="01/03/2023", meeting_date="20/11/2026", iro="Priya", participation="PN1"
    )
    assert form.child_age_at_meeting() == 3
    assert form.meeting_problems(TODAY) == {
        "participation": "The child was 3 at the review: children under 4 are recorded as PN0."
    }
    form.participation = "PN0"
    assert form.meeting_problems(TODAY) == {}


def test_build_makes_the_letter_described() -> None:
    form = NewLetterForm(
        name=" Mo ",
        age="9",
        pronouns="he/him",
        eal=True,
        first_language="Arabic",
        reading_age="7.5",
        own_words="Mummy Jo, Anne and Mark, ",
        meeting_date="20/11/2026",
        review_kind="second",
        called="My Voice Matters",
        iro="Priya Nandra",
        participation="PN5",
        advocate_used=True,
        people=[PersonRow("social worker", "Bea Wood", "BW", True, True), PersonRow()],
    )
    letter = form.build()
    assert letter.child.name == "Mo" and letter.child.age == 9 and letter.child.eal
    assert letter.child.first_language == "Arabic" and letter.child.reading_age == 7.5
    assert letter.child.own_words == ["Mummy Jo", "Anne and Mark"]
    assert letter.meeting.date == date(2026, 11, 20)
    assert letter.meeting.review_kind is ReviewKind.SECOND
    assert letter.meeting.advocate_offered and letter.meeting.advocate_used  # used means offered
    assert [(p.role, p.name, p.shown_as) for p in letter.people] == [("social worker", "Bea Wood", "BW")]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (PersonRow(name="Bea Wood"), "Say who Bea Wood is, like social worker or foster carer."),
        (PersonRow(role="teacher"), "Type the teacher's name."),
        (PersonRow(shown_as="BW"), "Type the person's name as well as how the letter shows them."),
        (PersonRow("teacher", "Daniel Okoro"), None),
        (PersonRow(), None),
    ],
)
def test_person_rows(row: PersonRow, message: str | None) -> None:
    assert row.problem() == message


def test_long_fields_are_refused_by_the_same_limits_as_the_letter_file() -> None:
    form = NewLetterForm(name="Sam", age="9", pronouns="x" * 201, own_words="Nana, " + "y" * 201)
    problems = form.child_problems(TODAY)
    assert problems["pronouns"] == "This is 201 characters long; the most it can hold is 200: shorten it."
    assert problems["own_words"].startswith("Keep each word or name to 200 characters")
    assert PersonRow("teacher", "z" * 201).problem() == (
        "This is 201 characters long; the most it can hold is 200: shorten it."
    )
