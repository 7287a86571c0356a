"""Answers, grades and disagreements with the evidence: what an auditor can and cannot record."""

from __future__ import annotations

import pytest

from letters.audit.grade import Answer, Draft, Grade, GradeError, build_grading, draft_from_toml
from letters.audit.rubric import load_rubric

RUBRIC = load_rubric()
EVIDENCE = {q: ("some evidence", Answer.YES) for q in RUBRIC.ids} | {
    "on-time": ("Not sent yet.", None),
}


def _all(answer: Answer = Answer.YES) -> dict[str, Answer]:
    return dict.fromkeys(RUBRIC.ids, answer)


def test_agreeing_with_the_evidence_needs_no_reason():
    g = build_grading(RUBRIC, 7, " Ann Auditor ", Draft(_all(), overall=Grade.GOOD), EVIDENCE)
    assert g.auditor == "Ann Auditor"
    assert g.overall is Grade.GOOD
    assert [a.question for a in g.answers] == list(RUBRIC.ids)
    assert not any(a.disagrees for a in g.answers)


def test_disagreeing_needs_a_reason_and_keeps_it():
    answers = _all() | {"jargon": Answer.NO}
    with pytest.raises(GradeError, match="jargon: the evidence suggests Yes and you answered No"):
        build_grading(RUBRIC, 7, "Ann", Draft(answers, overall=Grade.GOOD), EVIDENCE)
    g = build_grading(
        RUBRIC,
        7,
        "Ann",
        Draft(answers, reasons={"jargon": "'PEP' is never explained."}, overall=Grade.GOOD),
        EVIDENCE,
    )
    jargon = g.answer("jargon")
    assert jargon is not None and jargon.disagrees
    assert (jargon.suggested, jargon.answer, jargon.reason) == (
        Answer.YES,
        Answer.NO,
        "'PEP' is never explained.",
    )


def test_no_suggestion_means_no_disagreement():
    answers = _all() | {"on-time": Answer.NO}
    g = build_grading(RUBRIC, 7, "Ann", Draft(answers, overall=Grade.INADEQUATE), EVIDENCE)
    assert not g.answer("on-time").disagrees


@pytest.mark.parametrize(
    ("draft", "auditor", "message"),
    [
        (Draft({"to-child": Answer.YES}, overall=Grade.GOOD), "Ann", "no answer for reading-age"),
        (Draft(_all()), "Ann", "no overall grade"),
        (Draft(_all(), overall=Grade.GOOD), "  ", "who is grading"),
        (Draft(_all() | {"tone": Answer.YES}, overall=Grade.GOOD), "Ann", "'tone' is not in the rubric"),
    ],
)
def test_incomplete_gradings_are_refused(draft, auditor, message):
    with pytest.raises(GradeError, match=message):
        build_grading(RUBRIC, 7, auditor, draft, EVIDENCE)


def test_every_problem_is_reported_at_once():
    draft = Draft({"to-child": Answer.NO, "tone": Answer.YES})  # to-child suggests Yes
    with pytest.raises(GradeError) as info:
        build_grading(RUBRIC, 7, " ", draft, EVIDENCE)
    problems = info.value.problems
    assert len(problems) == 5
    parts = ("who is grading", "'tone' is not in the rubric", "no answer for reading-age", "no overall grade")
    for part in parts:
        assert any(part in p for p in problems), part
    assert any(p.startswith("to-child: the evidence suggests") for p in problems)
    assert str(info.value).startswith("5 problems; nothing was saved:")


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("good", Grade.GOOD),
        ("RI", Grade.REQUIRES_IMPROVEMENT),
        ("Requires improvement to be good", Grade.REQUIRES_IMPROVEMENT),
        ("requires-improvement", Grade.REQUIRES_IMPROVEMENT),
        ("OUTSTANDING", Grade.OUTSTANDING),
    ],
)
def test_grade_names(text, grade):
    assert Grade.parse(text) is grade


def test_bad_answer_and_grade_words():
    with pytest.raises(GradeError, match="Yes, Partly or No"):
        Answer.parse("maybe")
    with pytest.raises(GradeError, match="not a grade"):
        Grade.parse("excellent")


def test_draft_from_toml():
    draft, rest = draft_from_toml(
        {
            "letter": 3,
            "auditor": "Ann",
            "overall": "Good",
            "comment": "Warm letter.",
            "answers": {
                "to-child": "yes",
                "jargon": {"answer": "No", "comment": "PEP", "reason": "not explained"},
            },
        },
        "g.toml",
    )
    assert rest == {"letter": 3, "auditor": "Ann"}
    assert draft.answers == {"to-child": Answer.YES, "jargon": Answer.NO}
    assert draft.comments == {"jargon": "PEP"}
    assert draft.reasons == {"jargon": "not explained"}
    assert draft.overall is Grade.GOOD
    with pytest.raises(GradeError, match="unknown key colour"):
        draft_from_toml({"colour": "red"}, "g.toml")
    # Values that cannot be read are kept as problems, reported with every other one at once.
    draft, _ = draft_from_toml({"answers": {"jargon": {"comment": "x"}, "to-child": "Maybe"}}, "g.toml")
    assert "answers.jargon has no answer" in draft.unreadable["jargon"]
    assert "'Maybe' is not an answer" in draft.unreadable["to-child"] and not draft.answers
