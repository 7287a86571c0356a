"""One set of limits for every way a letter comes in: the letter file, the import, the form, the CLI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from letters.errors import InputError
from letters.interchange import letter_from_toml
from letters.limits import DateError, DateLimits, parse_date
from letters.tui.forms import NewLetterForm

TODAY = date(2026, 12, 1)
GOOD = '[child]\nname = "Rowan"\nage = 9\n[meeting]\ndate = 2026-01-14\n'


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("2026-01-21", date(2026, 1, 21)),
        ("21/01/2026", date(2026, 1, 21)),
        ("1/2/2026", date(2026, 2, 1)),  # day first, as in the UK
        ("21.01.2026", date(2026, 1, 21)),
        ("21 January 2026", date(2026, 1, 21)),
        ("  21/01/2026 ", date(2026, 1, 21)),
    ],
)
def test_one_date_parser_reads_what_people_write(raw: str, day: date) -> None:
    assert parse_date(raw) == day


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("31/04/2026", "There is no 31 April 2026: check the day."),
        ("2026-02-30", "There is no 30 February 2026: check the day."),
        ("01/13/2026", "There is no month 13: type the date as day/month/year, like 19/12/2025."),
        ("next week", "Type the date as day/month/year, like 19/12/2025."),
        ("21/01/26", "Type the date as day/month/year, like 19/12/2025."),
    ],
)
def test_a_date_that_is_not_one_says_why(raw: str, message: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(raw)
    assert str(info.value) == message


def refused(text: str, **kwargs: object) -> str:
    with pytest.raises(InputError) as info:
        letter_from_toml(text, today=TODAY, **kwargs)  # type: ignore[arg-type]
    return str(info.value)


def test_absurd_meeting_dates_are_refused_naming_the_field() -> None:
    assert refused(GOOD.replace("2026-01-14", "9999-12-31")) == (
        "meeting.date: The meeting date is in the future: type the day the meeting happened."
    )
    assert refused(GOOD.replace("2026-01-14", "1026-01-14")).startswith(
        "meeting.date: The meeting date 14 January 1026 is before 14 October 1991, the earliest"
    )
    # Old records can be imported once the authority says how old.
    old = GOOD.replace("2026-01-14", "1985-06-03")
    assert "set [limits] earliest_meeting" in refused(old)
    assert letter_from_toml(old, today=TODAY, limits=DateLimits(earliest_meeting=date(1970, 1, 1)))
    # A draft ahead of the meeting, when the authority allows it.
    soon = GOOD.replace("2026-01-14", "2026-12-08")
    assert letter_from_toml(soon, today=TODAY, limits=DateLimits(meeting_days_ahead=14))
    assert refused(soon, limits=DateLimits(meeting_days_ahead=3)) == (
        "meeting.date: The meeting date is 7 days ahead, more than the 3 allowed: type the day the "
        "meeting happened, or will happen."
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            'status = "sent"\nsent_on = 2027-01-02\n',
            "sent_on: The sent date 2 January 2027 is in the future: give the day the letter was sent.",
        ),
        (
            'status = "sent"\nsent_on = 2026-01-13\n',
            "sent_on: The sent date 13 January 2026 is before the meeting (14 January 2026): give the day "
            "the letter was sent.",
        ),
        (
            'disabled_rules = ["jargon", "spelling-of-names"]\n',
            "disabled_rules: Unknown rule spelling-of-names: the rules are readability,",
        ),
    ],
)
def test_sent_dates_and_rules_are_refused_naming_the_field(change: str, message: str) -> None:
    assert refused(change + GOOD).startswith(message)


def test_a_date_of_birth_must_fit_the_meeting_and_the_age() -> None:
    assert refused(GOOD.replace("age = 9", "age = 9\ndate_of_birth = 2017-03-08")) == (
        "child.age: The date of birth makes the child 8 at the meeting, not 9: fix one or leave age empty."
    )
    assert letter_from_toml(GOOD.replace("age = 9", "age = 8\ndate_of_birth = 2017-03-08"), today=TODAY)
    assert refused(GOOD.replace("age = 9", "date_of_birth = 1990-03-08")) == (
        "child.date_of_birth: The date of birth makes the child 35 at the meeting, over 25: check the year."
    )
    assert refused(GOOD.replace("age = 9", "date_of_birth = 2026-02-01")) == (
        "child.date_of_birth: 2026-02-01 is after the meeting (2026-01-14); check both dates."
    )


def test_sizes_are_limited_and_every_problem_is_named() -> None:
    text = refused(
        GOOD.replace('"Rowan"', '"' + "R" * 41 + '"')
        + '[[sections]]\nkey = "hello"\ntext = "'
        + "x" * 50_001
        + '"\n'
    )
    assert text == (
        "child.name: This is 41 characters long; the most it can hold is 40: shorten it.; "
        "sections[1].text: This is 50,001 characters long; the most it can hold is 50,000: shorten it."
    )


def test_the_form_holds_the_age_to_the_meeting_date() -> None:
    form = NewLetterForm(name="Sam", age="9", born="20/11/2017", iro="Priya", participation="PN1")
    # Before the meeting date is known, a birthday since the meeting is allowed for.
    assert form.child_problems(TODAY) == {}
    form.meeting_date = "18/11/2026"  # two days before the ninth birthday
    assert form.meeting_problems(TODAY)["meeting_date"] == (
        "The date of birth makes the child 8 at the meeting, not 9: fix one or leave age empty."
    )
    assert form.child_problems(TODAY)["age"].startswith("The date of birth makes the child 8 at the meeting")
    form.age = "8"
    assert form.meeting_problems(TODAY) == {} and form.child_problems(TODAY) == {}
    form.meeting_date = "18/11/1985"
    problem = form.meeting_problems(TODAY)["meeting_date"]
    assert problem.startswith("The meeting date 18 November 1985 is before")


def test_the_command_line_refuses_an_absurd_letter_and_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from letters.cli import main

    monkeypatch.setenv("LETTERS_DATABASE_URL", str(tmp_path / "letters.db"))
    monkeypatch.setenv("LETTERS_CONFIG", str(tmp_path / "config.toml"))
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace("2026-01-14", "9999-12-31"))
    assert main(["new", "--from", str(bad)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"letters: error: {bad}: meeting.date: The meeting date is in the future: type the day the "
        "meeting happened."
    )
    old = tmp_path / "old.toml"
    old.write_text(GOOD.replace("2026-01-14", "1988-05-02").replace("age = 9", "age = 12"))
    assert main(["new", "--from", str(old)]) == 2
    (tmp_path / "config.toml").write_text("[limits]\nearliest_meeting = 1980-01-01\n")
    assert main(["new", "--from", str(old)]) == 0
    capsys.readouterr()
    assert main(["list"]) == 0
    assert "1988-05-02" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exited:
        main(["check", str(bad), "--age", "26"])
    assert exited.value.code == 2 and "an age between 0 and 25" in capsys.readouterr().err
