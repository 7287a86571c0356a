"""Evidence for each rubric question, and the answer it suggests, from a letter's facts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from letters.audit.evidence import Evidence, age_band, evidence_for
from letters.audit.grade import Answer
from letters.audit.rubric import load_rubric
from letters.config import Config
from tests.audit.month import reading_fields

RUBRIC = load_rubric()
CONFIG = Config()


def ev(facts, qid):
    return evidence_for(RUBRIC.question(qid), facts, CONFIG)


@pytest.fixture
def primer(january):
    return january[0]  # meeting 19 Dec 2025, sent 21 Jan 2026, PN1, age 9, reading 9-10, target 9


def test_on_time_shows_working_days_and_due_date(primer):
    e = ev(primer, "on-time")
    assert e.text == ("Sent 21 Jan 2026, 20 working days after the meeting (due 21 Jan 2026): on time.")
    assert e.suggested is Answer.YES


def test_late_and_unsent(january):
    late = ev(january[3], "on-time")
    assert "22 working days" in late.text and late.text.endswith("late.")
    assert late.suggested is Answer.NO
    unsent = ev(january[7], "on-time")
    assert unsent.text == "Not sent yet (due 08 Jan 2026)."
    assert unsent.suggested is None


def test_participation(january):
    assert ev(january[0], "participation").suggested is Answer.YES
    assert ev(january[1], "participation").text.startswith("PN0: Child under 4")
    wrong = ev(january[5], "participation")  # PN0 at age 4
    assert wrong.suggested is Answer.NO and "PN0 is for children under 4" in wrong.text
    missing = ev(january[9], "participation")
    assert missing.suggested is Answer.NO and "Choose a participation code" in missing.text


def test_reading_age(january):
    assert ev(january[0], "reading-age").text == "Reading age 9-10: within the target of 9."
    over = ev(january[3], "reading-age")  # 14-15 against 12: two years above, at the limit
    assert over.suggested is Answer.PARTLY and "2 years above" in over.text
    far = ev(replace(january[5], **reading_fields((9, 10), 6)), "reading-age")  # target 6
    assert far.suggested is Answer.NO and "3 years above" in far.text
    assert ev(january[1], "reading-age").suggested is None  # unscored


def test_reading_age_evidence_from_a_real_check():
    from letters.audit.evidence import facts_for
    from letters.checks import check_letter
    from tests.audit.month import HARD, build_letter

    config = Config()
    for extra, answer in (("", Answer.YES), (HARD + " " + HARD, Answer.NO)):
        letter = build_letter("Oliver Fenwickham", 8, date(2026, 1, 6), date(2026, 1, 8), "PN1", extra=extra)
        letter.id = 1
        report = check_letter(letter, config.checks)
        facts = facts_for(letter, report, config, "C-0001")
        evidence = ev(facts, "reading-age")
        verdict = report.report.verdict
        assert evidence.text == verdict.describe()  # what the IRO saw while writing
        assert evidence.suggested is answer, verdict.state


def test_jargon(january):
    assert ev(january[0], "jargon").text == ("2 jargon terms (1.0 per 100 words): placement, contact.")
    assert ev(january[0], "jargon").suggested is Answer.PARTLY
    assert ev(january[6], "jargon").suggested is Answer.NO  # 5 in 200 words
    assert ev(january[1], "jargon").suggested is Answer.YES


def test_decisions(make_facts):
    base = make_facts(1, "Sam Invented", 9, date(2026, 1, 5), date(2026, 1, 7), "PN1", None, 9)
    assert ev(base, "decisions").suggested is Answer.NO  # none recorded
    whole = replace(base, decisions=2)
    assert ev(whole, "decisions").text == "All 2 decisions say who and by when."
    part = replace(
        base, decisions=3, decisions_missing_who=1, decisions_missing_when=1, decisions_incomplete=1
    )
    assert ev(part, "decisions").suggested is Answer.PARTLY
    assert ev(part, "decisions").text == "Of 3 decisions, 1 missing who and 1 missing by when."
    none = replace(base, decisions=2, decisions_missing_when=2, decisions_incomplete=2)
    assert ev(none, "decisions").suggested is Answer.NO


def test_own_words_and_sections(make_facts):
    base = make_facts(1, "Sam Invented", 9, date(2026, 1, 5), date(2026, 1, 7), "PN1", None, 9)
    assert ev(base, "own-words").suggested is Answer.NO
    assert ev(replace(base, told_us_words=40), "own-words").suggested is Answer.PARTLY
    assert ev(replace(base, told_us_words=40, told_us_quotes=True), "own-words").suggested is Answer.YES
    assert ev(replace(base, going_well=True, worries=True), "well-and-worries").suggested is Answer.YES
    only = ev(replace(base, going_well=True), "well-and-worries")
    assert only.text == "Only 'going well' has text; 'worries' is missing."


def test_counts_from_findings(make_facts):
    base = make_facts(1, "Sam Invented", 9, date(2026, 1, 5), date(2026, 1, 7), "PN1", None, 9)
    assert ev(base, "to-child").suggested is Answer.YES
    whole = replace(base, talks_about_child=True)
    assert ev(whole, "to-child") == Evidence(
        "The letter talks about the child instead of to them.", Answer.PARTLY
    )
    one = ev(replace(whole, about_child_places=1), "to-child")
    assert one.suggested is Answer.PARTLY and "with 1 phrase such as" in one.text
    assert ev(replace(whole, about_child_places=2), "to-child").suggested is Answer.NO
    assert ev(replace(base, findings={"personal-data": 1}), "adults-data").suggested is Answer.PARTLY
    assert ev(replace(base, findings={"personal-data": 2}), "adults-data").suggested is Answer.NO


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (None, "age unknown"),
        (0, "under 7"),
        (6, "under 7"),
        (7, "7-11"),
        (11, "7-11"),
        (12, "12-15"),
        (15, "12-15"),
        (16, "16+"),
        (17, "16+"),
    ],
)
def test_age_bands(age, band):
    assert age_band(age) == band


def test_talking_about_the_child_is_counted_in_phrases_not_findings() -> None:
    """From the real engine: a letter to Ellie written as minutes is one letter that talks about the
    child, flagged once in each of the three sentences that do ("Ellie attended…", "He stated… and
    he stated…", "Ellie wants…"), not once for the letter and again for each pronoun."""
    from letters.audit.evidence import facts_for
    from letters.checks import check_letter
    from letters.demo import demo_letter

    letter = demo_letter()
    letter.id = 7
    minutes = (
        "Ellie attended her review. He stated that school is going well and he stated "
        "that she likes her foster carers. Ellie wants to see her nan more often and her "
        "carers agreed to help her with this."
    )
    for section in letter.sections:
        section.text = minutes if section.key == "told_us" else ""
    facts = facts_for(letter, check_letter(letter, CONFIG.checks), CONFIG, "C-0007")
    assert facts.talks_about_child and facts.about_child_places == 3
    question = next(q for q in RUBRIC.questions if q.id == "to-child")
    evidence = evidence_for(question, facts, CONFIG)
    assert evidence == Evidence(
        "The letter talks about the child instead of to them, with 3 phrases such as "
        "'the young person' or 'he stated'.",
        Answer.NO,
    )

    letter.section("told_us").text = "You told me that school is going well and you like living here."
    polite = facts_for(letter, check_letter(letter, CONFIG.checks), CONFIG, "C-0007")
    assert not polite.talks_about_child and polite.about_child_places == 0
    assert evidence_for(question, polite, CONFIG).suggested is Answer.YES

    letter.section("told_us").text += " He stated that he is happy in placement."  # one pasted in
    pasted = facts_for(letter, check_letter(letter, CONFIG.checks), CONFIG, "C-0007")
    assert not pasted.talks_about_child and pasted.about_child_places == 1
    assert evidence_for(question, pasted, CONFIG).suggested is Answer.PARTLY
