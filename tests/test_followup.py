"""The next letter for a child: what comes forward, what each decision of the last letter says,
what happened to it, and which decisions are overdue."""

from __future__ import annotations

from datetime import date

import pytest

from letters.checks import ReaderProfile, Severity, check_text
from letters.demo import demo_letter
from letters.followup import (
    NOT_RECORDED,
    decisions_due,
    default_happened,
    followup_overdue,
    followup_words,
    next_letter,
    overdue_numbers,
    record_outcome,
    said_sentence,
    settled_decisions,
)
from letters.iro_profile import IroProfile
from letters.limits import decision_date
from letters.model import ABOUT_ME, SINCE_LAST, Decision, FollowUp, Outcome, Person

MEETING = date(2026, 11, 18)
NEXT = date(2027, 5, 12)


@pytest.mark.parametrize(
    ("by_when", "due"),
    [
        ("30/11/2026", date(2026, 11, 30)),
        ("2026-12-11", date(2026, 12, 11)),
        ("by Monday 30 November 2026", date(2026, 11, 30)),
        ("before 4th December 2026.", date(2026, 12, 4)),
        ("the 12th of May 2027", date(2027, 5, 12)),
        ("by 4 Dec", date(2026, 12, 4)),  # no year: the first after the meeting
        ("10 January", date(2027, 1, 10)),
        ("tues 1 dec", date(2026, 12, 1)),
        # Not one certain day: the IRO is asked.
        ("before the Christmas holidays", None),
        ("every week", None),
        ("Friday 30 November 2026", None),  # 30 November 2026 is a Monday: which is meant?
        ("by 29 February", None),  # none in 2027
        ("before the next meeting on 12 May 2027", None),
        ("31/02/2027", None),
        ("", None),
    ],
)
def test_a_decisions_date_is_read_from_its_by_when_only_when_it_is_certain(
    by_when: str, due: date | None
) -> None:
    assert decision_date(by_when, MEETING) == due


def _previous() -> object:
    letter = demo_letter()
    letter.id = 7
    return letter


def test_the_next_letter_brings_the_child_people_and_words_forward_and_lists_each_decision() -> None:
    previous = _previous()
    made = next_letter(previous, NEXT)
    letter = made.letter
    assert letter.child == previous.child and letter.child is not previous.child
    assert letter.people == previous.people
    assert letter.child.own_words == ["Nana Pat", "Anne and Mark", "Biscuit"]
    assert letter.meeting.date == NEXT and letter.meeting.iro == "Priya Nandra"
    assert letter.meeting.participation is None  # this meeting's, asked for again
    assert letter.decisions == [] and all(not s.text for s in letter.sections)
    assert [s.key for s in letter.sections][:3] == ["hello", SINCE_LAST, "told_us"]
    assert ABOUT_ME not in [s.key for s in letter.sections]  # the same IRO: no introduction
    assert [(f.letter, f.number, f.outcome) for f in letter.followups] == [
        (7, n, Outcome.UNRECORDED) for n in (1, 2, 3, 4)
    ]
    assert [f.due for f in letter.followups] == [date(2026, 12, 11), None, date(2026, 11, 30), None]
    assert letter.followups[2].said == "Last time we said Anne would book an eye test for you."
    assert letter.followups[3].said == (
        "Last time we said I would talk to you about how reading and family time are going."
    )
    assert "4 decisions of the last letter await what happened" in made.notes[0]


def test_a_new_iro_introduces_themselves_from_their_profile() -> None:
    profile = IroProfile("Sam Okafor", {"7-11": "I am Sam, your new IRO."}, photo="ab" * 32)
    letter = next_letter(_previous(), NEXT, iro="Sam Okafor", profile=profile).letter
    assert [s.key for s in letter.sections][:3] == ["hello", ABOUT_ME, SINCE_LAST]
    assert letter.section(ABOUT_ME).text == "I am Sam, your new IRO."
    assert letter.iro_photo == "ab" * 32
    # The IRO before is not this meeting's IRO; what they said they would do is theirs.
    assert [p.name for p in letter.people if "reviewing" in p.role] == ["Sam Okafor"]
    assert letter.followups[3].said == (
        "Last time we said Priya would talk to you about how reading and family time are going."
    )
    # The same IRO with a profile: they are not new to the child.
    same = next_letter(_previous(), NEXT, profile=IroProfile("Priya Nandra", {"7-11": "I am Priya."}))
    assert ABOUT_ME not in [s.key for s in same.letter.sections] and same.letter.iro_photo == ""


def test_an_age_without_a_date_of_birth_moves_on_and_is_to_be_checked() -> None:
    previous = _previous()
    previous.child.date_of_birth = None
    made = next_letter(previous, date(2028, 1, 5))
    assert made.letter.child.age == 10
    assert any("check it" in note for note in made.notes)


def test_the_next_meeting_must_come_after_the_last() -> None:
    with pytest.raises(ValueError, match="must be after the last one"):
        next_letter(_previous(), MEETING)


@pytest.mark.parametrize(
    ("what", "who", "said"),
    [
        ("Book an eye test for you.", "Anne", "Last time we said Anne would book an eye test for you."),
        ("Find you a swimming club", "Tina", "Last time we said Tina would find you a swimming club."),
        ("You will keep living with Gran.", "you", "Last time we said you would keep living with Gran."),
        ("We'll look at it again in June", "", "Last time we said we would look at it again in June."),
        ("Tina is going to find you a club", "", "Last time we said Tina was going to find you a club."),
        ("Nana Pat will visit at Christmas", "BW", "Last time we said Nana Pat would visit at Christmas."),
        ("The school will lend you a laptop", "", "Last time we said the school would lend you a laptop."),
        ("Ask CAMHS to ring you", "Priya", "Last time we said I would ask CAMHS to ring you."),
        ("Book an eye test", "", "Last time we said we would book an eye test."),
    ],
)
def test_what_was_said_reads_as_a_sentence(what: str, who: str, said: str) -> None:
    letter = next_letter(_previous(), NEXT).letter
    assert said_sentence(Decision(what, who), letter) == said


def test_an_outcome_gives_words_the_iro_can_change_and_keeps_their_own() -> None:
    letter = next_letter(_previous(), NEXT).letter
    eye = letter.followups[2]
    assert followup_words(eye, letter).endswith(NOT_RECORDED)  # a placeholder the checks flag
    record_outcome(eye, Outcome.DONE, letter)
    assert eye.happened == "Anne did this."
    record_outcome(eye, Outcome.NOT_YET, letter)
    assert eye.happened == "This has not happened yet."  # the words of the outcome before go
    eye.happened = "Anne did: your new glasses are red."
    record_outcome(eye, Outcome.DONE, letter)
    assert eye.happened == "Anne did: your new glasses are red."  # the IRO's own words stay
    assert followup_words(eye, letter) == (
        "Last time we said Anne would book an eye test for you. Anne did: your new glasses are red."
    )
    # From a letter file: an outcome with no words of its own reads with the outcome's words.
    assert followup_words(FollowUp("Ring you", "Priya", outcome=Outcome.CHANGED), letter) == (
        "Last time we said I would ring you. We changed this plan."
    )


@pytest.mark.parametrize("age", [5, 9, 13, 16])
@pytest.mark.parametrize("outcome", [o for o in Outcome if o is not Outcome.UNRECORDED])
def test_the_words_of_each_outcome_pass_the_checker(outcome: Outcome, age: int) -> None:
    letter = next_letter(_previous(), NEXT).letter
    for who in ("Anne", "Priya", "you", ""):
        text = default_happened(FollowUp("Book an eye test for you", who, outcome=outcome), letter)
        report = check_text(f"You asked about this. {text}", ReaderProfile(age=age))
        assert [
            f.rule for f in report.findings if f.severity is not Severity.INFO and f.rule != "readability"
        ] == []


def test_overdue_is_a_passed_day_that_no_later_letter_settled() -> None:
    letter = demo_letter()
    due = decisions_due(letter)
    assert due == [(1, date(2026, 12, 11)), (3, date(2026, 11, 30))]  # 2 and 4 have no day
    assert overdue_numbers(due, date(2026, 11, 30)) == []  # due that day: not yet overdue
    assert overdue_numbers(due, date(2026, 12, 12)) == [1, 3]
    assert overdue_numbers(due, date(2026, 12, 12), {3: Outcome.DONE, 1: Outcome.NOT_YET}) == [1]
    assert overdue_numbers(due, date(2026, 12, 12), {1: Outcome.CHANGED, 3: Outcome.NOT_NEEDED}) == []
    letter.decisions[1].due = date(2026, 12, 18)  # the IRO gave the day the words do not say
    assert decisions_due(letter)[1] == (2, date(2026, 12, 18))


def test_a_next_letter_says_which_earlier_decisions_it_settles() -> None:
    letter = next_letter(_previous(), NEXT).letter
    record_outcome(letter.followups[0], Outcome.DONE, letter)
    record_outcome(letter.followups[1], Outcome.NOT_YET, letter)
    assert settled_decisions(letter) == [(7, 1, Outcome.DONE), (7, 2, Outcome.NOT_YET)]
    eye = letter.followups[2]
    assert followup_overdue(eye, MEETING, date(2026, 12, 1)) == date(2026, 11, 30)
    record_outcome(eye, Outcome.DONE, letter)
    assert followup_overdue(eye, MEETING, date(2026, 12, 1)) is None


def test_a_person_named_like_the_iro_in_the_people_is_i() -> None:
    letter = next_letter(_previous(), NEXT).letter
    letter.people.append(Person("social worker", "Tina Marsh", "Tina"))
    assert said_sentence(Decision("Visit you", "Tina"), letter) == "Last time we said Tina would visit you."
    assert (
        said_sentence(Decision("Visit you", "Priya Nandra"), letter) == "Last time we said I would visit you."
    )


def test_a_childs_first_letter_opens_with_the_iros_profile_and_keeps_what_the_iro_gave() -> None:
    from letters.followup import start_letter

    letter = demo_letter()
    letter.sections = [s for s in letter.sections if s.key != "decisions"]
    profile = IroProfile("Priya Nandra", {"7-11": "I am Priya. I check that your plan is right for you."})
    made = start_letter(letter, None, profile)
    assert [s.key for s in made.letter.sections][:2] == ["hello", ABOUT_ME]
    assert made.letter.section(ABOUT_ME).text == "I am Priya. I check that your plan is right for you."  # type: ignore[union-attr]
    assert made.letter.section("told_us").text == demo_letter().section("told_us").text  # type: ignore[union-attr]
    assert made.letter.followups == [] and SINCE_LAST not in [s.key for s in made.letter.sections]
    again = start_letter(made.letter, None, profile)  # made twice: "About me" once
    assert [s.key for s in again.letter.sections].count(ABOUT_ME) == 1
    nobody = start_letter(demo_letter(), None, None)  # no profile: nothing added
    assert ABOUT_ME not in [s.key for s in nobody.letter.sections]


def test_the_childs_own_words_come_forward_beside_what_the_steps_give() -> None:
    from letters.followup import start_letter
    from letters.model import ChildWords

    previous = demo_letter()
    previous.child.words = ChildWords(carers="Nan and Grandad", other=["Biscuit"], avoid=["foster"])
    letter = demo_letter()
    letter.child.words = ChildWords(other=["Biscuit", "Rex"])  # the steps ask only for other words
    made = start_letter(letter, previous).letter
    assert made.child.words == ChildWords(
        carers="Nan and Grandad", other=["Biscuit", "Rex"], avoid=["foster"]
    )
