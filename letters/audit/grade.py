"""An auditor's grading of one letter: an answer per rubric question and an overall grade.

Answers are Yes / Partly / No with a comment. The software pre-fills evidence and suggests an
answer; when the auditor's answer differs from the suggestion they must say why, and that reason
is kept (`Disagreement`). This module holds the values and the rules; it must not read the database
or the screen (storage is `letters.audit.service`, the screens are in `letters/tui/`).
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from letters.audit.rubric import Rubric
from letters.errors import UserError


class GradeError(UserError):
    """An answer or grade that cannot be recorded; nothing was saved. `problems` lists them all."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


class Answer(enum.StrEnum):
    YES = "Yes"
    PARTLY = "Partly"
    NO = "No"

    @classmethod
    def parse(cls, text: str) -> Answer:
        for a in cls:
            if text.strip().lower() == a.value.lower():
                return a
        raise GradeError(f"'{text}' is not an answer: use Yes, Partly or No.")


class Grade(enum.StrEnum):
    OUTSTANDING = "Outstanding"
    GOOD = "Good"
    REQUIRES_IMPROVEMENT = "Requires improvement to be good"
    INADEQUATE = "Inadequate"

    @classmethod
    def parse(cls, text: str) -> Grade:
        wanted = " ".join(text.lower().replace("-", " ").split())
        for g in cls:
            if wanted in (g.value.lower(), g.name.lower().replace("_", " ")):
                return g
        if wanted in ("ri", "requires improvement"):
            return cls.REQUIRES_IMPROVEMENT
        raise GradeError(
            f"'{text}' is not a grade: use Outstanding, Good, "
            "Requires improvement to be good (or RI), or Inadequate."
        )


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    question: str  # rubric question id
    answer: Answer
    comment: str = ""
    evidence: str = ""  # the evidence shown to the auditor when they answered
    suggested: Answer | None = None  # what the evidence suggested
    reason: str = ""  # why the auditor disagrees with the suggestion

    @property
    def disagrees(self) -> bool:
        return self.suggested is not None and self.answer is not self.suggested


@dataclass(frozen=True, slots=True)
class Grading:
    letter_id: int
    auditor: str
    overall: Grade
    answers: tuple[AnswerRecord, ...]
    comment: str = ""
    graded_at: datetime | None = None

    def answer(self, qid: str) -> AnswerRecord | None:
        return next((a for a in self.answers if a.question == qid), None)


@dataclass(frozen=True, slots=True)
class Draft:
    """What an auditor has entered so far, before it is checked against the rubric and evidence."""

    answers: dict[str, Answer] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    overall: Grade | None = None
    comment: str = ""
    #: Values that could not be read (question id, or "overall", to what was wrong), kept so that
    #: the check below reports them with every other problem at once.
    unreadable: dict[str, str] = field(default_factory=dict)


def parse_answer(draft: Draft, qid: str, text: str) -> None:
    """Put an answer into the draft, or note why it cannot be read (never raises)."""
    try:
        draft.answers[qid] = Answer.parse(text)
    except GradeError as exc:
        draft.answers.pop(qid, None)
        draft.unreadable[qid] = f"{qid}: {exc}"


def parse_overall(draft: Draft, text: str) -> Grade | None:
    """The overall grade, or None with why it cannot be read noted in the draft (never raises)."""
    try:
        return Grade.parse(text)
    except GradeError as exc:
        draft.unreadable["overall"] = f"overall: {exc}"
        return None


def build_grading(
    rubric: Rubric,
    letter_id: int,
    auditor: str,
    draft: Draft,
    evidence: dict[str, tuple[str, Answer | None]],
) -> Grading:
    """Check a draft against the rubric and the evidence; the grading to save, or a GradeError.

    `evidence` maps question id to (evidence text, suggested answer). Every question needs an
    answer; an answer that differs from the suggestion needs a reason.
    """
    problems: list[str] = list(draft.unreadable.values())
    if not auditor.strip():
        problems.append("say who is grading (the auditor's name).")
    unknown = [
        q for q in dict.fromkeys([*draft.answers, *draft.comments, *draft.reasons]) if q not in rubric.ids
    ]
    if unknown:
        problems.append(
            f"{', '.join(repr(q) for q in unknown)} {'is' if len(unknown) == 1 else 'are'} not "
            f"in the rubric; questions: {', '.join(rubric.ids)}."
        )
    missing = [q for q in rubric.ids if q not in draft.answers and q not in draft.unreadable]
    if missing:
        problems.append(f"no answer for {', '.join(missing)}; answer every question.")
    if draft.overall is None and "overall" not in draft.unreadable:
        problems.append("no overall grade; choose Outstanding, Good, RI or Inadequate.")
    records: list[AnswerRecord] = []
    for q in rubric.questions:
        if q.id not in draft.answers:
            continue
        text, suggested = evidence.get(q.id, ("", None))
        record = AnswerRecord(
            q.id,
            draft.answers[q.id],
            draft.comments.get(q.id, "").strip(),
            text,
            suggested,
            draft.reasons.get(q.id, "").strip(),
        )
        if record.disagrees and not record.reason:
            problems.append(
                f"{q.id}: the evidence suggests {suggested} and you answered {record.answer}; "
                "give a reason for disagreeing."
            )
        records.append(record)
    if problems:
        if len(problems) == 1:
            raise GradeError(problems[0], problems)
        lines = "\n".join(f"  {p}" for p in problems)
        raise GradeError(f"{len(problems)} problems; nothing was saved:\n{lines}", problems)
    assert draft.overall is not None  # checked above
    return Grading(letter_id, auditor.strip(), draft.overall, tuple(records), draft.comment.strip())


def draft_from_toml(data: dict[str, Any], source: str) -> tuple[Draft, dict[str, Any]]:
    """A Draft from a grading TOML file (format in README "Grading from a file").

    Returns the draft and the file's other top-level values (letter, auditor).
    """
    draft = Draft(comment=str(data.get("comment", "")))
    raw = data.get("answers", {})
    if not isinstance(raw, dict):
        raise GradeError(f"{source}: [answers] must be a table of question = answer.")
    for qid, value in raw.items():
        if isinstance(value, str):
            parse_answer(draft, qid, value)
        elif isinstance(value, dict):
            if "answer" not in value:
                draft.unreadable[qid] = f"{source}: answers.{qid} has no answer (Yes, Partly or No)."
                continue
            parse_answer(draft, qid, str(value["answer"]))
            draft.comments[qid] = str(value.get("comment", ""))
            draft.reasons[qid] = str(value.get("reason", ""))
        else:
            draft.unreadable[qid] = f"{source}: answers.{qid} must be text or a table."
    overall = data.get("overall")
    if overall is not None:
        draft = dataclasses.replace(draft, overall=parse_overall(draft, str(overall)))
    rest = {k: v for k, v in data.items() if k in ("letter", "auditor")}
    unknown = set(data) - {"answers", "overall", "comment", "letter", "auditor"}
    if unknown:
        raise GradeError(
            f"{source}: unknown key {', '.join(sorted(unknown))} "
            "(keys: letter, auditor, overall, comment, [answers])."
        )
    return draft, rest
