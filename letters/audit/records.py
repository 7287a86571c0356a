"""The audit's own records: samples and gradings, kept in the audit tables (`tables.py`).

`AuditRecords` is the half of `AuditService` that writes: drawing a month's sample (and drawing it
again the same way), grading a sampled letter, and reading gradings back. Every action is one
`Store.transaction`; nothing is ever overwritten (a new sample supersedes the old, a regrade is a
new row). Must not import Textual or log.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select, update

from letters.audit.auditor import check_name
from letters.audit.evidence import Evidence, LetterFacts
from letters.audit.grade import Answer, AnswerRecord, Draft, Grade, Grading, build_grading
from letters.audit.periods import Period
from letters.audit.rubric import Rubric
from letters.audit.sample import Candidate, Sample, SampleItem, draw
from letters.audit.tables import AnswerRow, DisagreementRow, GradeRow, SampleItemRow, SampleRow
from letters.config import Config
from letters.errors import UserError
from letters.model import Letter, Status

if TYPE_CHECKING:
    import sqlalchemy

    from letters.store import LetterSummary, Store


class AuditError(UserError):
    """An audit action that cannot be done as asked; nothing was changed."""


#: Free text a store could not give with the names taken out (team mode, graded before it could).
WITHHELD = "[not shown without --identify]"


@dataclass(slots=True)
class GradingTexts:
    """A grading's free text: its overall comment and, per answer in order, (comment, evidence,
    reason for disagreeing)."""

    comment: str = WITHHELD
    answers: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class GradingInfo:
    """One grading of a letter, as the history shows it: who, when, what."""

    auditor: str
    overall: Grade
    graded_at: datetime
    month: str
    current: bool  # the latest grading in the month's current sample: the one that counts
    old_sample: bool  # given in a sample that has since been drawn again


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC)


class AuditRecords:
    store: Store
    config: Config
    rubric: Rubric
    _now: Callable[[], datetime]
    evidence: Callable[[int], tuple[Letter, LetterFacts, dict[str, Evidence]]]
    sent_letters: Callable[[Period], list[LetterSummary]]

    # -- samples --------------------------------------------------------------------------------

    def current_sample(self, month: str) -> Sample | None:
        period = Period.parse_month(month)
        with self.store.transaction(write=False) as conn:
            row = conn.execute(
                select(SampleRow)
                .where(SampleRow.month == period.label, SampleRow.superseded_at.is_(None))
                .order_by(SampleRow.id.desc())
            ).first()
            if row is None:
                return None
            items = conn.execute(
                select(SampleItemRow.letter_id, SampleItemRow.iro, SampleItemRow.age_band)
                .where(SampleItemRow.sample_id == row.id)
                .order_by(SampleItemRow.position)
            ).all()
        return Sample(
            row.id,
            row.month,
            row.method,
            row.seed,
            row.per_iro,
            row.drawn_by,
            _aware(row.drawn_at),
            tuple(SampleItem(*i) for i in items),
            _aware(row.letters_as_of or row.drawn_at),
        )

    def candidates(self, period: Period, as_of: datetime | None = None) -> list[Candidate]:
        """The letters a month's sample is drawn from: those sent in it, as they stood at `as_of`.

        A letter saved since `as_of` is read as it was then (its revision at that time), so that a
        letter landing in the month after a sample was drawn does not change the sample drawn again
        with the same seed.
        """
        out = []
        for s in self.sent_letters(period):
            if as_of is None or s.updated_at <= as_of:
                out.append(Candidate(s.id, s.iro, s.age))
                continue
            before = [r for r in self.store.history(s.id) if r.saved_at <= as_of]
            if not before:
                continue  # the letter did not exist yet
            then = self.store.revision(s.id, before[-1].number)
            if then.status == Status.SENT and then.sent_on in period:
                out.append(Candidate(s.id, then.meeting.iro.strip(), then.child_age))
        return out

    def draw_sample(
        self,
        month: str,
        *,
        drawn_by: str,
        per_iro: int | None = None,
        seed: str | None = None,
        letter_ids: Sequence[int] | None = None,
        replace_existing: bool = False,
    ) -> Sample:
        """Draw (or pick by hand, with `letter_ids`) the month's sample and save it.

        A month has one current sample; drawing again needs `replace_existing`, and the old sample
        and its grades are kept (marked superseded), never deleted. Drawing again with the current
        sample's seed draws from the letters as they stood then, so it gives the same sample.
        """
        period = Period.parse_month(month)
        try:
            drawn_by = check_name(drawn_by)
        except UserError as exc:
            raise AuditError(f"{exc} (who is drawing the sample: --by NAME)") from None
        existing = self.current_sample(period.label)
        if existing is not None and not replace_existing:
            raise AuditError(
                f"{period.label} already has a sample, drawn by {existing.drawn_by} on "
                f"{existing.drawn_at:%d %b %Y}; add --replace to draw a new one "
                "(the old one and its grades are kept)."
            )
        sent = {s.id: s for s in self.sent_letters(period)}
        if not sent:
            raise AuditError(f"no letters were sent in {period.label}, so there is nothing to sample.")
        if letter_ids is not None:
            if not letter_ids:
                raise AuditError("pick at least one letter for the sample.")
            wrong = [i for i in letter_ids if i not in sent]
            if wrong:
                raise AuditError(
                    f"letter {wrong[0]} was not sent in {period.label}; pick letters sent that "
                    "month (`letters audit show --month` lists them)."
                )
            method, seed_text, n, as_of = "by hand", "", None, None
            picked = [Candidate(i, sent[i].iro, sent[i].age) for i in dict.fromkeys(letter_ids)]
        else:
            n = per_iro if per_iro is not None else self.config.audit.sample_per_iro
            if n < 1:
                raise AuditError("--per-iro must be 1 or more.")
            method = "random"
            seed_text = str(seed) if seed not in (None, "") else str(secrets.randbelow(1_000_000))
            # The current sample's seed again: draw from the letters as they stood then.
            same = existing is not None and existing.method == "random" and existing.seed == seed_text
            as_of = existing.letters_as_of if same and existing is not None else None
            picked = draw(self.candidates(period, as_of), n, seed_text)
        now = self._now()
        # A sample drawn again the same way keeps the time its letters were taken from.
        letters_as_of = as_of.astimezone(UTC).replace(tzinfo=None) if as_of is not None else now
        with self.store.transaction(write=True) as conn:
            if existing is not None:
                conn.execute(update(SampleRow).where(SampleRow.id == existing.id).values(superseded_at=now))
            sample_id = conn.execute(
                insert(SampleRow)
                .values(
                    month=period.label,
                    method=method,
                    seed=seed_text,
                    per_iro=n,
                    drawn_by=drawn_by,
                    drawn_at=now,
                    letters_as_of=letters_as_of,
                )
                .returning(SampleRow.id)
            ).scalar_one()
            conn.execute(
                insert(SampleItemRow),
                [
                    {
                        "sample_id": sample_id,
                        "letter_id": c.letter_id,
                        "position": pos,
                        "iro": c.iro[:200],
                        "age_band": c.age_band,
                    }
                    for pos, c in enumerate(picked)
                ],
            )
        sample = self.current_sample(period.label)
        assert sample is not None  # just written in the transaction above
        return sample

    # -- grading --------------------------------------------------------------------------------

    def _item_for(self, conn: sqlalchemy.Connection, month: str, letter_id: int) -> int:
        item = conn.execute(
            select(SampleItemRow.id)
            .join(SampleRow, SampleRow.id == SampleItemRow.sample_id)
            .where(
                SampleRow.month == month,
                SampleRow.superseded_at.is_(None),
                SampleItemRow.letter_id == letter_id,
            )
        ).scalar_one_or_none()
        if item is None:
            raise AuditError(
                f"letter {letter_id} is not in the {month} sample; draw the sample first "
                f"(`letters audit sample --month {month}`) or pick it by hand (--letters)."
            )
        return int(item)

    def month_of(self, letter_id: int) -> str:
        """The month whose sample a letter belongs to: the month it was sent."""
        summary = self.store.summary(letter_id)
        if summary.sent_on is None or summary.status != Status.SENT:
            raise AuditError(f"letter {letter_id} has not been sent, so it is in no month's sample.")
        return f"{summary.sent_on:%Y-%m}"

    def grade(self, letter_id: int, auditor: str, draft: Draft, month: str | None = None) -> Grading:
        """Check a draft against the rubric and this letter's evidence, then save it.

        Every grading is kept; the latest one counts. Raises a `GradeError` (nothing saved) listing
        every missing answer and every disagreement without a reason.
        """
        month = Period.parse_month(month).label if month else self.month_of(letter_id)
        with self.store.transaction(write=False) as conn:
            self._item_for(conn, month, letter_id)
        _, _, evidence = self.evidence(letter_id)
        grading = build_grading(
            self.rubric, letter_id, auditor, draft, {q: (e.text, e.suggested) for q, e in evidence.items()}
        )
        revision = self.store.history(letter_id)[-1].number
        now = self._now()
        texts = {q.id: q.text for q in self.rubric.questions}
        with self.store.transaction(write=True) as conn:
            item_id = self._item_for(conn, month, letter_id)
            grade_id = conn.execute(
                insert(GradeRow)
                .values(
                    item_id=item_id,
                    letter_id=letter_id,
                    letter_revision=revision,
                    auditor=grading.auditor[:200],
                    overall=grading.overall.value,
                    comment=grading.comment,
                    graded_at=now,
                )
                .returning(GradeRow.id)
            ).scalar_one()
            for pos, a in enumerate(grading.answers):
                answer_id = conn.execute(
                    insert(AnswerRow)
                    .values(
                        grade_id=grade_id,
                        position=pos,
                        question=a.question,
                        question_text=texts[a.question],
                        answer=a.answer.value,
                        comment=a.comment,
                        evidence=a.evidence,
                        suggested=a.suggested.value if a.suggested else None,
                    )
                    .returning(AnswerRow.id)
                ).scalar_one()
                if a.disagrees and a.suggested is not None:
                    conn.execute(
                        insert(DisagreementRow).values(
                            answer_id=answer_id,
                            suggested=a.suggested.value,
                            answer=a.answer.value,
                            reason=a.reason,
                            auditor=grading.auditor[:200],
                        )
                    )
        return replace(grading, graded_at=_aware(now))

    def gradings(self, period: Period, *, identify: bool = True) -> dict[int, Grading]:
        """The latest grading of each letter in any of the period's samples, by letter id.

        `identify=False` asks for the free text as a pseudonymous export may show it, from a store
        that keeps it so (team mode: letters.audit.team); elsewhere the export takes names out.
        """
        months = [m.label for m in period.months()]
        with self.store.transaction(write=False) as conn:
            latest = (
                select(func.max(GradeRow.id))
                .join(SampleItemRow, SampleItemRow.id == GradeRow.item_id)
                .join(SampleRow, SampleRow.id == SampleItemRow.sample_id)
                .where(SampleRow.month.in_(months))
                .group_by(GradeRow.letter_id)
            )
            grades = conn.execute(
                select(
                    GradeRow.id, GradeRow.letter_id, GradeRow.auditor, GradeRow.overall, GradeRow.graded_at
                ).where(GradeRow.id.in_(latest))
            ).all()
            answers = conn.execute(
                select(AnswerRow.grade_id, AnswerRow.question, AnswerRow.answer, AnswerRow.suggested)
                .where(AnswerRow.grade_id.in_(latest))
                .order_by(AnswerRow.grade_id, AnswerRow.position)
            ).all()
            texts = self._grading_texts(conn, [g.id for g in grades], identify)
        by_grade: dict[int, list[AnswerRecord]] = {}
        for a in answers:
            said = by_grade.setdefault(a.grade_id, [])
            written = texts.get(a.grade_id, GradingTexts())
            comment, evidence, reason = (
                written.answers[len(said)] if len(said) < len(written.answers) else (WITHHELD, WITHHELD, "")
            )
            said.append(
                AnswerRecord(
                    a.question,
                    Answer(a.answer),
                    comment,
                    evidence,
                    Answer(a.suggested) if a.suggested else None,
                    reason,
                )
            )
        return {
            g.letter_id: Grading(
                g.letter_id,
                g.auditor,
                Grade(g.overall),
                tuple(by_grade.get(g.id, [])),
                texts.get(g.id, GradingTexts()).comment,
                _aware(g.graded_at),
            )
            for g in grades
        }

    def _grading_texts(
        self, conn: sqlalchemy.Connection, grade_ids: list[int], identify: bool
    ) -> dict[int, GradingTexts]:
        """Each grading's free text as written (`identify` matters only in team mode)."""
        out: dict[int, GradingTexts] = {}
        for start in range(0, len(grade_ids), 500):
            chunk = grade_ids[start : start + 500]
            for g in conn.execute(select(GradeRow.id, GradeRow.comment).where(GradeRow.id.in_(chunk))):
                out[g.id] = GradingTexts(g.comment)
            for a in conn.execute(
                select(AnswerRow.grade_id, AnswerRow.comment, AnswerRow.evidence, DisagreementRow.reason)
                .outerjoin(DisagreementRow, DisagreementRow.answer_id == AnswerRow.id)
                .where(AnswerRow.grade_id.in_(chunk))
                .order_by(AnswerRow.grade_id, AnswerRow.position)
            ):
                out[a.grade_id].answers.append((a.comment, a.evidence, a.reason or ""))
        return out

    def grading_history(self, letter_id: int) -> list[GradingInfo]:
        """Every grading of a letter, oldest first, with who graded it and when."""
        with self.store.transaction(write=False) as conn:
            rows = conn.execute(
                select(
                    GradeRow.id,
                    GradeRow.auditor,
                    GradeRow.overall,
                    GradeRow.graded_at,
                    SampleRow.month,
                    SampleRow.superseded_at,
                )
                .join(SampleItemRow, SampleItemRow.id == GradeRow.item_id)
                .join(SampleRow, SampleRow.id == SampleItemRow.sample_id)
                .where(GradeRow.letter_id == letter_id)
                .order_by(GradeRow.id)
            ).all()
            current = conn.execute(
                select(func.max(GradeRow.id))
                .join(SampleItemRow, SampleItemRow.id == GradeRow.item_id)
                .join(SampleRow, SampleRow.id == SampleItemRow.sample_id)
                .where(GradeRow.letter_id == letter_id, SampleRow.superseded_at.is_(None))
            ).scalar_one_or_none()
        return [
            GradingInfo(
                r.auditor,
                Grade(r.overall),
                _aware(r.graded_at),
                r.month,
                r.id == current,
                r.superseded_at is not None,
            )
            for r in rows
        ]
