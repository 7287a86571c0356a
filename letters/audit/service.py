"""The audit over a store: samples, gradings and export data, kept in the audit's own tables.

This is the one place the audit reads and writes the database; the CLI and the app's screens call
it and nothing else. It reads letters through `letters.store.Store`, checks them with the checking
engine (`letters.checks.check_letter`) and hands plain values to the pure modules (`figures`,
`evidence`, `exports`). It must not import Textual, and it must not log: letters and audit comments
hold personal data.
"""

from __future__ import annotations

import hashlib
import hmac
import multiprocessing
import os
import secrets
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, select, update

from letters.audit.evidence import (
    Evidence,
    LetterFacts,
    evidence_for,
    facts_for,
    facts_from_json,
    facts_to_json,
)
from letters.audit.exports import ExportData, export
from letters.audit.figures import Period, Summary, sent_in, summarise
from letters.audit.grade import Answer, AnswerRecord, Draft, Grade, Grading, build_grading
from letters.audit.rubric import Rubric, load_rubric
from letters.audit.sample import Candidate, Sample, SampleItem, draw
from letters.audit.tables import (
    AnswerRow,
    DisagreementRow,
    FactsRow,
    GradeRow,
    KeyRow,
    SampleItemRow,
    SampleRow,
)
from letters.config import Config
from letters.errors import UserError
from letters.model import Letter, Status

if TYPE_CHECKING:
    import sqlalchemy

    from letters.store import LetterSummary, Store
    from letters.store.team import TeamStore


#: From this many letters to check, the engine runs in several processes (a year, not a month:
#: starting the processes and loading the engine in each costs about two seconds).
PARALLEL_FROM = 600


def _facts_job(job: tuple[Letter, str], config: Config) -> LetterFacts:
    """One letter's facts, in a worker process."""
    from letters.checks import check_letter

    letter, ref = job
    return facts_for(letter, check_letter(letter, config.checks), config, ref)


#: The shape of cached facts; bump it when LetterFacts changes so old cache rows are ignored.
FACTS_FORMAT = 2  # 2: talks_about_child and about_child_places


def _version(updated_at: datetime) -> str:
    """A letter's version for the cache: when its current revision was saved (UTC)."""
    return updated_at.astimezone(UTC).replace(tzinfo=None).isoformat()


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _files(folder: Any) -> Iterator[Any]:
    for entry in folder.iterdir():
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _files(entry)
        elif not entry.name.endswith(".pyc"):
            yield entry


class AuditError(UserError):
    """An audit action that cannot be done as asked; nothing was changed."""


@dataclass(frozen=True, slots=True)
class SampledLetter:
    """A sampled letter as the auditor's list shows it."""

    item: SampleItem
    ref: str
    child: str  # shown only to the auditor in the app, never in a pseudonymous export
    sent_on: date | None
    grading: Grading | None


class AuditService:
    def __init__(
        self,
        store: Store,
        config: Config,
        rubric: Rubric | None = None,
        *,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        """`now` is the clock for "drawn at" and "graded at" (the app passes its own, for tests)."""
        self.store = store
        self._clock = now or (lambda: datetime.now(UTC))
        self.config = config
        self.rubric = rubric or load_rubric(config)
        self._facts: dict[tuple[int, datetime | None], LetterFacts] = {}
        self._key: bytes | None = None
        self._engine_fingerprint: str | None = None

    # -- plumbing -------------------------------------------------------------------------------

    def _now(self) -> datetime:
        # Stored naive UTC, as the store does; a naive clock is taken as local time.
        return self._clock().astimezone(UTC).replace(tzinfo=None)

    @contextmanager
    def _tx(self, *, write: bool) -> Iterator[sqlalchemy.Connection]:
        from letters.store.engine import translate_errors

        with translate_errors(self.store.where), self.store.engine.connect() as conn:
            conn.execution_options(letters_write=write)
            with conn.begin():
                yield conn

    def _secret(self) -> bytes:
        """The random key behind child references, made once per database."""
        if self._key is None:
            with self._tx(write=True) as conn:
                secret = conn.execute(
                    select(KeyRow.secret).where(KeyRow.purpose == "child-ref")
                ).scalar_one_or_none()
                if secret is None:
                    secret = secrets.token_hex(32)
                    conn.execute(insert(KeyRow).values(purpose="child-ref", secret=secret))
            self._key = bytes.fromhex(secret)
        return self._key

    def child_ref(self, letter: Letter) -> str:
        """A pseudonymous reference: the same child gets the same one in every export.

        A keyed hash of the name and date of birth, so it cannot be reversed by guessing names
        without the key, which stays in this database.
        """
        team = self._team()
        if team is not None and letter.id is not None:  # computed in the database: key unseen
            return team.child_ref(letter.id)
        child = letter.child
        who = f"{' '.join(child.name.lower().split())}|{child.date_of_birth or ''}"
        digest = hmac.new(self._secret(), who.encode("utf-8"), hashlib.sha256).hexdigest()
        return f"C-{digest[:8].upper()}"

    def _team(self) -> TeamStore | None:
        """The team store, in team mode (letters.audit.team says what changes there)."""
        from letters.audit.team import team_store

        return team_store(self.store)

    # -- letters and evidence -------------------------------------------------------------------

    def sent_letters(self, period: Period) -> list[LetterSummary]:
        """Letters (not deleted) sent in the period, oldest sending first."""
        team = self._team()
        if team is not None:
            from letters.audit.team import sent_letters

            return sent_letters(team, period)
        found = [
            s for s in self.store.list(status=Status.SENT) if s.sent_on is not None and s.sent_on in period
        ]
        return sorted(found, key=lambda s: (s.sent_on or period.start, s.id))

    def facts(self, letter: Letter) -> LetterFacts:
        """The audit's facts about a letter (the engine is run once per saved version)."""
        key = (letter.id or 0, letter.updated_at)
        if key not in self._facts:
            self._facts[key] = _facts_job((letter, self.child_ref(letter)), self.config)
        return self._facts[key]

    def facts_many(self, letters: Sequence[Letter]) -> list[LetterFacts]:
        """Facts for many letters; a big batch (a year) is checked in parallel processes."""
        todo = [x for x in letters if (x.id or 0, x.updated_at) not in self._facts]
        workers = min(4, os.cpu_count() or 1)
        if len(todo) >= PARALLEL_FROM and workers > 1:
            jobs = [(x, self.child_ref(x)) for x in todo]
            try:
                # "spawn", not "fork": the app calls this from a worker thread, and forking a
                # process with threads can deadlock the child.
                context = multiprocessing.get_context("spawn")
                with ProcessPoolExecutor(workers, mp_context=context) as pool:
                    done = list(
                        pool.map(
                            partial(_facts_job, config=self.config),
                            jobs,
                            chunksize=max(1, len(jobs) // (workers * 4)),
                        )
                    )
            except (OSError, BrokenProcessPool):  # no processes allowed here: check one by one
                done = []
            for letter, facts in zip(todo, done, strict=False):
                self._facts[(letter.id or 0, letter.updated_at)] = facts
        return [self.facts(x) for x in letters]

    def _fingerprint(self) -> str:
        """What the facts depend on besides the letter: the engine's code and data, the config."""
        if self._engine_fingerprint is None:
            from importlib import resources

            digest = hashlib.sha256(
                f"{FACTS_FORMAT}|{self.config.checks!r}|{self.config.authority!r}".encode()
            )
            root = resources.files("letters.checks")
            for path in sorted(_files(root), key=str):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
            if self.config.checks.lexicon:
                try:
                    digest.update(Path(self.config.checks.lexicon).expanduser().read_bytes())
                except OSError:
                    pass  # the engine reports an unreadable lexicon when it checks
            self._engine_fingerprint = digest.hexdigest()
        return self._engine_fingerprint

    def cached_facts(self, summaries: Sequence[LetterSummary]) -> list[LetterFacts]:
        """Facts for listed letters, from the cache where the letter and engine are unchanged.

        Letters not in the cache are read and checked, and their facts saved for next time; a
        cache that cannot be written (a read-only database) only makes the next export slower.
        """
        fingerprint = self._fingerprint()
        versions = {s.id: _version(s.updated_at) for s in summaries}
        cached: dict[int, LetterFacts] = {}
        with self._tx(write=False) as conn:
            for chunk in _chunks(list(versions), 500):
                for row in conn.execute(
                    select(FactsRow.letter_id, FactsRow.letter_version, FactsRow.facts).where(
                        FactsRow.letter_id.in_(chunk), FactsRow.fingerprint == fingerprint
                    )
                ):
                    if row.letter_version == versions[row.letter_id]:
                        cached[row.letter_id] = facts_from_json(row.facts)
        missing = [self.store.get(i) for i in versions if i not in cached]
        fresh = self.facts_many(missing)
        if fresh:
            rows = [
                {
                    "letter_id": f.letter_id,
                    "letter_version": versions[f.letter_id],
                    "fingerprint": fingerprint,
                    "facts": facts_to_json(f),
                }
                for f in fresh
            ]
            try:
                with self._tx(write=True) as conn:
                    for chunk in _chunks([f.letter_id for f in fresh], 500):
                        conn.execute(delete(FactsRow).where(FactsRow.letter_id.in_(chunk)))
                    conn.execute(insert(FactsRow), rows)
            except UserError:
                pass  # see the docstring: the export goes on without the cache
            cached.update((f.letter_id, f) for f in fresh)
        return [cached[s.id] for s in summaries]

    def evidence(self, letter_id: int) -> tuple[Letter, LetterFacts, dict[str, Evidence]]:
        letter = self.store.get(letter_id)
        facts = self.facts(letter)
        return letter, facts, {q.id: evidence_for(q, facts, self.config) for q in self.rubric.questions}

    # -- samples --------------------------------------------------------------------------------

    def current_sample(self, month: str) -> Sample | None:
        period = Period.parse(month)
        with self._tx(write=False) as conn:
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
            row.drawn_at.replace(tzinfo=UTC),
            tuple(SampleItem(*i) for i in items),
        )

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
        and its grades are kept (marked superseded), never deleted.
        """
        period = Period.parse(month)
        team = self._team()
        if team is not None:  # team mode: the database records who signed in
            drawn_by = team.person
        if len(period.label) != 7:
            raise AuditError("a sample is drawn for one month: give --month as YYYY-MM.")
        if not drawn_by.strip():
            raise AuditError("say who is drawing the sample (--by NAME).")
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
            method, seed_text, n = "by hand", "", None
            picked = [Candidate(i, sent[i].iro, sent[i].age) for i in dict.fromkeys(letter_ids)]
        else:
            n = per_iro if per_iro is not None else self.config.audit.sample_per_iro
            if n < 1:
                raise AuditError("--per-iro must be 1 or more.")
            method = "random"
            seed_text = str(seed) if seed not in (None, "") else str(secrets.randbelow(1_000_000))
            picked = draw([Candidate(s.id, s.iro, s.age) for s in sent.values()], n, seed_text)
        now = self._now()
        with self._tx(write=True) as conn:
            if existing is not None:
                conn.execute(update(SampleRow).where(SampleRow.id == existing.id).values(superseded_at=now))
            sample_id = conn.execute(
                insert(SampleRow)
                .values(
                    month=period.label,
                    method=method,
                    seed=seed_text,
                    per_iro=n,
                    drawn_by=drawn_by.strip()[:200],
                    drawn_at=now,
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

    def sampled(self, month: str) -> list[SampledLetter]:
        """The current sample's letters with their latest grading (empty when none drawn)."""
        sample = self.current_sample(month)
        if sample is None:
            return []
        gradings = self.gradings(Period.parse(month))
        out = []
        team = self._team()
        for item in sample.items:
            if team is not None:  # the list line and the reference: no letter text read, or logged
                line = team.summary(item.letter_id)
                ref, child, sent_on = team.child_ref(item.letter_id), line.child, line.sent_on
            else:
                letter = self.store.get(item.letter_id)
                ref, child, sent_on = self.child_ref(letter), letter.child.name, letter.sent_on
            out.append(SampledLetter(item, ref, child, sent_on, gradings.get(item.letter_id)))
        return out

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
        if summary.sent_on is None:
            raise AuditError(f"letter {letter_id} has not been sent, so it is in no month's sample.")
        return f"{summary.sent_on:%Y-%m}"

    def grade(self, letter_id: int, auditor: str, draft: Draft, month: str | None = None) -> Grading:
        """Check a draft against the rubric and this letter's evidence, then save it.

        Every grading is kept; the latest one counts. Raises a `GradeError` (nothing saved) when
        an answer is missing or a disagreement with the evidence has no reason.
        """
        team = self._team()
        if team is not None:  # team mode: the database records who signed in
            auditor = team.person
        month = Period.parse(month).label if month else self.month_of(letter_id)
        with self._tx(write=False) as conn:
            self._item_for(conn, month, letter_id)
        _, _, evidence = self.evidence(letter_id)
        grading = build_grading(
            self.rubric,
            letter_id,
            auditor,
            draft,
            {q: (e.text, e.suggested) for q, e in evidence.items()},
        )
        revision = self.store.history(letter_id)[-1].number
        now = self._now()
        texts = {q.id: q.text for q in self.rubric.questions}
        with self._tx(write=True) as conn:
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
        return replace(grading, graded_at=now.replace(tzinfo=UTC))

    def gradings(self, period: Period) -> dict[int, Grading]:
        """The latest grading of each letter in any of the period's samples, by letter id."""
        months = _months(period)
        with self._tx(write=False) as conn:
            latest = (
                select(func.max(GradeRow.id))
                .join(SampleItemRow, SampleItemRow.id == GradeRow.item_id)
                .join(SampleRow, SampleRow.id == SampleItemRow.sample_id)
                .where(SampleRow.month.in_(months))
                .group_by(GradeRow.letter_id)
            )
            grades = conn.execute(select(GradeRow).where(GradeRow.id.in_(latest))).all()
            answers = conn.execute(
                select(AnswerRow, DisagreementRow.reason)
                .outerjoin(DisagreementRow, DisagreementRow.answer_id == AnswerRow.id)
                .where(AnswerRow.grade_id.in_(latest))
                .order_by(AnswerRow.grade_id, AnswerRow.position)
            ).all()
        by_grade: dict[int, list[AnswerRecord]] = {}
        for a in answers:
            by_grade.setdefault(a.grade_id, []).append(
                AnswerRecord(
                    a.question,
                    Answer(a.answer),
                    a.comment,
                    a.evidence,
                    Answer(a.suggested) if a.suggested else None,
                    a.reason or "",
                )
            )
        return {
            g.letter_id: Grading(
                g.letter_id,
                g.auditor,
                Grade(g.overall),
                tuple(by_grade.get(g.id, [])),
                g.comment,
                g.graded_at.replace(tzinfo=UTC),
            )
            for g in grades
        }

    # -- figures and export ---------------------------------------------------------------------

    def export_data(self, period: Period, *, identify: bool = False) -> ExportData:
        team = self._team()
        if team is not None:
            from letters.audit import team as teamwork

            return teamwork.export_data(self, team, period, identify=identify)
        everything = self.store.list()
        sent = [s for s in everything if s.status == Status.SENT and s.sent_on in period]
        facts = self.cached_facts(sent)
        dues = [(s.due, s.sent_on if s.status == Status.SENT else None) for s in everything]
        gradings = self.gradings(period)
        summary: Summary = summarise(period, facts, {i: g.overall for i, g in gradings.items()}, dues)
        return ExportData(
            summary,
            sent_in(period, facts),
            gradings,
            self.rubric,
            identify,
            self.config.authority.letter_working_days,
        )

    def export(self, period: Period, fmt: str, out: Path, *, identify: bool = False) -> list[Path]:
        return export(self.export_data(period, identify=identify), fmt, out)


def _months(period: Period) -> list[str]:
    if len(period.label) == 7:
        return [period.label]
    return [f"{period.start.year:04d}-{m:02d}" for m in range(1, 13)]
