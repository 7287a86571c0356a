"""Dates, times, money and ranges as a British adult reads them aloud to a child."""

from __future__ import annotations

import pytest

from letters.export.spoken import spoken, time_words, year_words


@pytest.mark.parametrize(
    "written, said",
    [
        ("on Tuesday 3 March 2026.", "on Tuesday the third of March, twenty twenty-six."),
        ("on Wednesday 18 November", "on Wednesday the eighteenth of November"),
        ("the 21st of June", "the twenty-first of June"),
        ("March 3rd, 2026", "the third of March, twenty twenty-six"),
        ("on 3 Sept", "on the third of September"),
        ("by 30/04/2026", "by the thirtieth of April, twenty twenty-six"),
        ("2027-05-12", "the twelfth of May, twenty twenty-seven"),
        ("at 2:30 pm", "at half past two in the afternoon"),
        ("at 2.30pm.", "at half past two in the afternoon."),
        ("at 10:00 am", "at ten o'clock in the morning"),
        ("at 4 pm", "at four o'clock in the afternoon"),
        ("at 8.30pm", "at half past eight in the evening"),
        ("at 14:45", "at quarter to three in the afternoon"),
        ("at 3.15", "at quarter past three"),
        ("at 9:05", "at five past nine"),
        ("at 9:40", "at twenty to ten"),
        ("at 12pm", "at twelve o'clock, midday"),
        ("£20 and £1", "20 pounds and 1 pound"),
        ("£3.50", "3 pounds 50"),
        ("2-3 times a week", "2 to 3 times a week"),
    ],
)
def test_written_forms_are_said_in_words(written: str, said: str) -> None:
    assert spoken(written) == said


@pytest.mark.parametrize(
    "text",
    [
        "May I come?",  # a month name that is not a date
        "in May 2027",
        "31 February",  # not a real date: left for espeak-ng as it is
        "You are in Year 5.",
        "a 10-year-old",
        "between 1 and 2.5 miles",
        "You scored 7 out of 10.",
    ],
)
def test_other_text_is_left_alone(text: str) -> None:
    assert spoken(text) == text


def test_years_and_times_read_the_british_way() -> None:
    assert year_words(2026) == "twenty twenty-six"
    assert year_words(2005) == "two thousand and five"
    assert year_words(2000) == "two thousand"
    assert year_words(1999) == "nineteen ninety-nine"
    assert time_words(0, 0) == "midnight"
    assert time_words(18, 10) == "ten past six in the evening"
    assert time_words(7, 37, "am") == "seven thirty-seven in the morning"
    assert time_words(11, 45, "am") == "quarter to twelve in the morning"
