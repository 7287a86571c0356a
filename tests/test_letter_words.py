"""Words the templates add: each decision once, in words for the child; a sign-off only when needed;
and every line the templates add passes the checker at every age."""

from __future__ import annotations

from dataclasses import replace

import pytest

from letters.checks import check_text
from letters.checks.report import ReaderProfile
from letters.config import AuthorityConfig, Config
from letters.demo import demo_letter
from letters.letter_words import decision_for_child, signs_off
from letters.model import Decision, Letter
from letters.render import render_child_text


def goodbye(letter: Letter, text: str) -> Letter:
    section = letter.section("goodbye")
    assert section is not None
    section.text = text
    return letter


@pytest.mark.parametrize(
    ("what", "who", "when", "child_reads"),
    [
        (
            "Book an eye test for you.",
            "Anne",
            "by Monday 30 November 2026",
            "Anne will book an eye test for you. This will happen by Monday 30 November 2026.",
        ),
        ("Book an eye test for you.", "Anne", "by Monday", "Anne will book an eye test for you by Monday."),
        (
            "Tina will look for a swimming club",
            "Tina",
            "by June",
            "Tina will look for a swimming club by June.",
        ),
        (
            "We will find a football club near home.",
            "BW",
            "the end of January",
            "We will find a football club near home. BW will do this by the end of January.",
        ),
        (
            "Talk to you about how school is going.",
            "Priya",
            "before the next meeting",
            "I will talk to you about how school is going. This will happen before the next meeting.",
        ),
        ("Choose a club you like.", "Ellie", "12 May", "You will choose a club you like by 12 May."),
        (
            "See Nana Pat before Christmas.",
            "BW",
            "before Christmas",
            "BW will see Nana Pat before Christmas.",
        ),
        ("Keep swimming on Tuesdays.", "", "", "Keep swimming on Tuesdays."),
        ("   ", "Anne", "soon", ""),
    ],
)
def test_a_decision_is_said_once_in_words_for_the_child(
    what: str, who: str, when: str, child_reads: str
) -> None:
    assert decision_for_child(Decision(what, who, when), demo_letter()) == child_reads


def test_no_sign_off_is_added_when_the_goodbye_already_signs_off() -> None:
    letter = demo_letter()
    for line in ("Take care, Priya", "Priya", "See you soon!", "Love from Priya x", "From Priya"):
        assert signs_off(line, letter), line
        text = render_child_text(goodbye(demo_letter(), f"Thank you, Ellie.\n\n{line}"), Config())
        assert text.rstrip().endswith(line) and "From Priya\n" not in text.replace(line, "")
    assert not signs_off("Ask Anne or Mark to call me if you want to talk before then.", letter)


def test_the_built_in_sign_off_is_how_the_iro_signs() -> None:
    text = render_child_text(goodbye(demo_letter(), "Thank you for talking to me, Ellie."), Config())
    assert text.rstrip().endswith("From Priya")
    assert "Independent Reviewing Officer" not in text


@pytest.mark.parametrize("age", [5, 8, 11, 14, 17])
@pytest.mark.parametrize("meeting_name", ["your meeting", "My Voice Matters"])
def test_every_line_the_templates_add_passes_the_checker(age: int, meeting_name: str) -> None:
    letter = goodbye(demo_letter(), "Thank you for talking to me, Ellie.")
    letter.sections[0].text = "I am Priya. I chair your meetings."  # no "Dear ...": the template greets
    letter.child.date_of_birth = None
    letter.child = replace(letter.child, age=age)
    letter.decisions = [  # short ones: what is checked here is the words the template adds
        Decision("Book an eye test for you.", "Anne", "by Monday 30 November 2026"),
        Decision("We will find a club.", "BW", "the end of January"),
        Decision("Talk to you about school.", "Priya", "soon"),
        Decision("Choose a club you like", "Ellie", "next week"),
    ]
    config = Config(authority=AuthorityConfig(meeting_name=meeting_name))
    written = {line.strip() for s in letter.sections for line in s.text.splitlines() if line.strip()}
    added = [
        line
        for line in render_child_text(letter, config).splitlines()
        if line.strip() and line not in written
    ]
    assert any(line.startswith("• ") for line in added) and any(line.startswith("From ") for line in added)
    problems = []
    for line in added:
        report = check_text(line.removeprefix("• "), ReaderProfile(age=age), allow=letter.allow_list())
        problems += [f"{line!r}: {f.rule}: {f.message}" for f in report.findings]
    assert not problems, "\n".join(problems)
