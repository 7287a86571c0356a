"""The demo letter is complete and follows the advice it is meant to show off."""

from __future__ import annotations

import re

from letters.demo import demo_letter
from letters.interchange import letter_from_data, letter_to_data
from letters.model import SECTION_SPECS, participation_problem


def test_every_section_is_written_and_every_decision_is_complete() -> None:
    letter = demo_letter()
    assert [s.key for s in letter.sections] == [s.key for s in SECTION_SPECS]
    assert all(s.text.strip() and s.included for s in letter.sections)
    assert len(letter.decisions) >= 3
    assert all(d.complete for d in letter.decisions)


def test_the_child_is_about_nine_and_the_participation_code_fits() -> None:
    letter = demo_letter()
    assert letter.child_age == 9
    assert participation_problem(letter.meeting.participation, letter.child_age) is None


def test_it_is_written_to_the_child() -> None:
    letter = demo_letter()
    assert letter.section("hello").text.startswith(f"Dear {letter.child.name},")  # type: ignore[union-attr]
    body = " ".join(s.text for s in letter.sections)
    assert len(re.findall(r"\b[Yy]ou(?:r)?\b", body)) > 25
    assert not re.search(r"\b(?:she|her|Ellie's)\b", body)  # not about her, to her
    assert '"' in letter.section("told_us").text  # type: ignore[union-attr]  # their own words


def test_initials_are_explained_the_first_time_they_are_used() -> None:
    letter = demo_letter()
    initials = [p.shown_as for p in letter.people if re.fullmatch(r"[A-Z]{2,3}", p.shown_as)]
    assert initials
    body = "\n".join(s.text for s in letter.sections)
    for shown in initials:
        first = re.search(rf"\b{shown}\b", body)
        assert first is not None, shown
        assert body[first.start() - 1 : first.end() + 1] == f"({shown})", shown


def test_it_is_a_valid_letter() -> None:
    letter = demo_letter()
    assert letter_from_data(letter_to_data(letter)) == letter
    assert demo_letter() is not letter and demo_letter() == letter  # a fresh copy each time
