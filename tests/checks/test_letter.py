"""Checking a whole letter: findings go back to the section (or decision) they came from."""

from __future__ import annotations

from letters.checks import LetterChecker, check_letter
from letters.checks.parts import PartKey
from letters.demo import demo_letter
from letters.model import Decision


def test_the_demo_letter_is_an_example_to_follow() -> None:
    report = check_letter(demo_letter())
    assert report.report.findings == ()
    assert report.report.within_target()


def test_findings_are_given_back_to_their_section_with_local_offsets() -> None:
    letter = demo_letter()
    school = letter.section("school")
    assert school is not None
    school.text = "Your PEP is next week. You like your teacher."
    letter.decisions.append(Decision("Facilitate a trip to the zoo.", "Anne", "by June"))
    result = check_letter(letter)
    school_hits = [school.text[f.start : f.end] for f in result.by_part[PartKey("school")]]
    assert school_hits == ["PEP"]
    key = PartKey.of_decision(len(letter.decisions) - 1)
    assert [letter.decisions[-1].what[f.start : f.end] for f in result.by_part[key]] == ["Facilitate"]
    # The decisions section lists its decisions' findings, each with its part and text.
    placed = [(p.part, p.flagged) for p in result.in_section("decisions")]
    assert placed == [(key, "Facilitate")] and result.count_in("decisions") == 1
    assert result.section_reading_age["school"] is not None


def test_the_childs_own_words_and_people_are_allowed() -> None:
    letter = demo_letter()
    letter.child.own_words.append("respite Nan")
    worries = letter.section("worries")
    assert worries is not None
    worries.text = "You go to respite Nan at weekends. BW will phone you."
    assert check_letter(letter).by_part[PartKey("worries")] == ()


def test_ignoring_a_word_for_this_letter_rechecks_without_it() -> None:
    letter = demo_letter()
    section = letter.section("health")
    assert section is not None
    section.text = "Your placement is going well."
    checker = LetterChecker(letter)
    assert [f.rule for f in checker.check(letter).by_part[PartKey("health")]] == ["jargon"]
    letter.allow.append("placement")
    assert checker.check(letter).by_part[PartKey("health")] == ()


def test_the_letters_child_and_pronouns_judge_who_each_sentence_is_about() -> None:
    letter = demo_letter()  # to Ellie
    school = letter.section("school")
    assert school is not None
    school.text = "Ellie is doing well at school. She got a certificate. Your teacher says she is proud."
    checker = LetterChecker(letter)
    hits = [(school.text[f.start : f.end], f.start) for f in checker.check(letter).by_part[PartKey("school")]]
    # Ellie's pronouns are not known: "She" follows Ellie; "she" follows "your teacher".
    assert [h for h, _ in hits] == ["Ellie", "She"]
    letter.child.pronouns = "he/him"
    hits = [school.text[f.start : f.end] for f in checker.check(letter).by_part[PartKey("school")]]
    assert hits == ["Ellie"]  # "she" cannot be the child now: the check follows the letter's record
    letter.child.pronouns = "she/her"
    school.text = "Your teacher, Mrs Obi, says she is proud of you."
    assert checker.check(letter).by_part[PartKey("school")] == ()
