"""The audit over a store: references, facts, samples, gradings and exports.

This is the one place the audit reads and writes the database; the CLI and the app's screens call
it and nothing else. It reads letters through `letters.store.Store`, keeps its own tables through
`Store.transaction` (one transaction per action), checks letters with the checking engine (through
`facts_cache.FactsCache`) and hands plain values to the pure modules (`figures`, `evidence`,
`report`, `exports`). Samples and gradings are kept by `records.AuditRecords`. It must not import
Textual, and it must not log: letters and audit comments hold personal data.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from letters.audit.evidence import Evidence, LetterFacts, evidence_for
from letters.audit.exports import export
from letters.audit.facts_cache import FactsCache
from letters.audit.figures import Basis, Period
from letters.audit.grade import Grading
from letters.audit.records import AuditError, AuditRecords, GradingInfo, GradingTexts
from letters.audit.report import ExportData, build_export_data
from letters.audit.reviews import review_due
from letters.audit.rubric import Rubric, load_rubric
from letters.audit.sample import Sample, SampleItem
from letters.audit.tables import KeyRow
from letters.config import Config
from letters.model import Letter, Status

if TYPE_CHECKING:
    import sqlalchemy

    from letters.audit.grade import Draft
    from letters.store import LetterSummary, Store
    from letters.store.team import TeamStore

__all__ = ["AuditError", "AuditService", "GradingInfo", "SampledLetter"]


@dataclass(frozen=True, slots=True)
class SampledLetter:
    """A sampled letter as the auditor's list shows it."""

    item: SampleItem
    ref: str
    child: str  # shown only to the auditor in the app, never in a pseudonymous export
    sent_on: date | None
    grading: Grading | None


class AuditService(AuditRecords):
    def __init__(
        self,
        store: Store,
        config: Config,
        rubric: Rubric | None = None,
        *,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        """`now` is the clock for "drawn at", "graded at" and an export's date (the app passes its own)."""
        self.store = store
        self._clock = now or (lambda: datetime.now(UTC))
        self.config = config
        self.rubric = rubric or load_rubric(config)
        self._key: bytes | None = None
        self._cache = FactsCache(store, config, self.child_ref)

    # -- references -----------------------------------------------------------------------------

    def _now(self) -> datetime:
        # Stored naive UTC, as the store does; a naive clock is taken as local time.
        return self._clock().astimezone(UTC).replace(tzinfo=None)

    def today(self) -> date:
        return self._clock().astimezone().date()

    def _secret(self) -> bytes:
        """The random key behind references, made once per database."""
        if self._key is None:
            with self.store.transaction(write=True) as conn:
                secret = conn.execute(
                    select(KeyRow.secret).where(KeyRow.purpose == "child-ref")
                ).scalar_one_or_none()
                if secret is None:
                    secret = secrets.token_hex(32)
                    conn.execute(insert(KeyRow).values(purpose="child-ref", secret=secret))
            self._key = bytes.fromhex(secret)
        return self._key

    def _keyed(self, text: str) -> str:
        return hmac.new(self._secret(), text.encode("utf-8"), hashlib.sha256).hexdigest()

    def child_ref(self, letter: Letter) -> str:
        """A pseudonymous reference: the same child gets the same one in every export.

        A keyed hash of the child's record id (migration 0005), so two children of the same name
        never share one, and it cannot be reversed without the key, which stays in this database.
        A letter not yet stored has no record: its name and date of birth stand in. In team mode
        the database works it out (its key is unreadable there: letters.audit.team).
        """
        team = self._team()
        if team is not None and letter.id is not None:
            return team.child_ref(letter.id)
        if letter.child_id is not None:
            return self.record_ref(letter.child_id)
        child = letter.child
        who = f"{' '.join(child.name.lower().split())}|{child.date_of_birth or ''}"
        return f"C-{self._keyed(who)[:8].upper()}"

    def record_ref(self, child_id: int) -> str:
        """The reference of a child's record."""
        team = self._team()
        if team is not None:
            return team.record_ref(child_id)
        return f"C-{self._keyed(f'child|{child_id}')[:8].upper()}"

    def iro_ref(self, iro: str) -> str:
        """An IRO's pseudonymous reference (keyed like a child's, in a space of its own)."""
        team = self._team()
        if team is not None:
            return team.iro_ref(iro)
        return f"IRO-{self._keyed('iro|' + ' '.join(iro.lower().split()))[:6].upper()}"

    def _team(self) -> TeamStore | None:
        """The team store, in team mode (letters.audit.team says what changes there)."""
        from letters.audit.team import team_store

        return team_store(self.store)

    # -- letters and evidence -------------------------------------------------------------------

    def sent_letters(self, period: Period) -> list[LetterSummary]:
        """Letters (not deleted) sent in the period, oldest sending first."""
        team = self._team()
        if team is not None:  # the figures' list: no names, every letter (letters.audit.team)
            from letters.audit.team import sent_letters

            return sent_letters(team, period)
        found = [
            s for s in self.store.list(status=Status.SENT) if s.sent_on is not None and s.sent_on in period
        ]
        return sorted(found, key=lambda s: (s.sent_on or period.start, s.id))

    def facts(self, letter: Letter) -> LetterFacts:
        """The audit's facts about a letter (the engine is run once per saved version)."""
        return self._with_record_words([self._cache.facts(letter)], [letter.child_id])[0]

    def facts_many(self, letters: Sequence[Letter]) -> list[LetterFacts]:
        return self._with_record_words(self._cache.many(letters), [x.child_id for x in letters])

    def cached_facts(self, summaries: Sequence[LetterSummary]) -> list[LetterFacts]:
        return self._with_record_words(self._cache.cached(summaries), [s.child_id for s in summaries])

    def _with_record_words(
        self, facts: list[LetterFacts], child_ids: Sequence[int | None]
    ) -> list[LetterFacts]:
        """Facts whose own words include the child's record's (a child's "Nana Pat" kept on the
        record, not in this letter, is still taken out of a pseudonymous export's free text).
        Worked out each time, not cached: the record's words change without the letter. A record
        this person may not read (a manager in team mode) adds nothing."""
        from letters.errors import UserError

        wanted = {c for c in child_ids if c is not None}
        if not wanted:
            return facts
        try:
            found = self.store.children() if len(wanted) > 1 else [self.store.child(next(iter(wanted)))]
        except UserError:
            return facts
        words = {r.id: r.words.all_words() for r in found if r.words is not None}
        out = []
        for f, child_id in zip(facts, child_ids, strict=True):
            extra = words.get(child_id, []) if child_id is not None else []
            merged = tuple(dict.fromkeys([*f.own_words, *extra]))
            out.append(replace(f, own_words=merged) if merged != f.own_words else f)
        return out

    def evidence(self, letter_id: int) -> tuple[Letter, LetterFacts, dict[str, Evidence]]:
        letter = self.store.get(letter_id)
        facts = self.facts(letter)
        return letter, facts, {q.id: evidence_for(q, facts, self.config) for q in self.rubric.questions}

    def sampled(self, month: str) -> list[SampledLetter]:
        """The current sample's letters with their latest grading (empty when none drawn)."""
        sample = self.current_sample(month)
        if sample is None:
            return []
        team = self._team()
        if team is not None and "auditor" not in team.team.roles:
            raise AuditError(
                "in team mode a sample's letters are for auditors; managers see the figures and "
                "exports (letters audit export)."
            )
        gradings = self.gradings(Period.parse_month(month))
        out = []
        for item in sample.items:
            if team is not None:  # the list line and the reference: no letter text read, or logged
                line = team.summary(item.letter_id)
                ref, child, sent_on = team.child_ref(item.letter_id), line.child, line.sent_on
            else:
                letter = self.store.get(item.letter_id)
                ref, child, sent_on = self.child_ref(letter), letter.child.name, letter.sent_on
            out.append(SampledLetter(item, ref, child, sent_on, gradings.get(item.letter_id)))
        return out

    def draw_sample(self, month: str, *, drawn_by: str, **how: Any) -> Sample:
        team = self._team()
        return super().draw_sample(month, drawn_by=team.person if team else drawn_by, **how)

    def grade(self, letter_id: int, auditor: str, draft: Draft, month: str | None = None) -> Grading:
        team = self._team()
        if team is None:
            return super().grade(letter_id, auditor, draft, month)
        from letters.audit.team import keep_pseudonymous_grading

        with team.transaction(write=True):  # both or neither
            grading = super().grade(letter_id, team.person, draft, month)
            keep_pseudonymous_grading(self, team, grading)
        return grading

    def _grading_texts(
        self, conn: sqlalchemy.Connection, grade_ids: list[int], identify: bool
    ) -> dict[int, GradingTexts]:
        team = self._team()
        # In team mode a manager's process never reads the free text itself: the database gives it
        # with the names taken out, or as written with --identify (logged). Auditors read it.
        if team is not None and (not identify or not team.team.roles & {"auditor"}):
            from letters.audit.team import grading_texts

            return grading_texts(conn, team, grade_ids, identify)
        return super()._grading_texts(conn, grade_ids, identify)

    # -- figures and export ---------------------------------------------------------------------

    def export_data(
        self, period: Period, *, identify: bool = False, basis: Basis = Basis.SENT, as_of: date | None = None
    ) -> ExportData:
        """Everything the export shows, for `period` counted on `basis`, as at `as_of` (today)."""
        as_of = as_of or self.today()
        earlier = period.previous()
        team = self._team()
        everything = team.figures() if team is not None else self.store.list()

        def needed(s: LetterSummary) -> bool:
            day = (
                s.meeting_date if basis is Basis.MEETING else (s.sent_on if s.status == Status.SENT else None)
            )
            if day is not None and earlier.start <= day <= period.end:
                return True
            # Due in the period and not sent by its end: listed, whatever the basis.
            sent = s.sent_on if s.status == Status.SENT else None
            return s.due in period and (sent is None or sent > period.end)

        wanted = [s for s in everything if needed(s)]
        if team is not None:  # facts the IROs' apps stored, names only with identify (logged)
            from letters.audit.team import stored_facts

            known = stored_facts(team, wanted, identify=identify)
        else:
            known = self.cached_facts(wanted)
        facts = self._with_records(known, wanted, everything)
        gradings = self.gradings(earlier, identify=identify) | self.gradings(period, identify=identify)
        refs = {f.iro: self.iro_ref(f.iro) for f in facts}
        grouped = team.figure_grouped_at() if team is not None else self.store.grouped_at()
        data = build_export_data(
            period,
            facts,
            gradings,
            self.rubric,
            self.config,
            basis=basis,
            identify=identify,
            as_of=as_of,
            iro_refs=refs,
        )
        return replace(data, references_changed=grouped.date() if grouped else None)

    def _with_records(
        self,
        facts: list[LetterFacts],
        summaries: Sequence[LetterSummary],
        everything: Sequence[LetterSummary],
    ) -> list[LetterFacts]:
        """Facts with what comes from the child's record, worked out now (not cached: a merge or a
        later letter changes them without changing this letter): the reference, UASC, and when the
        review was due."""
        team = self._team()  # in team mode, every child's record (without names)
        found = team.figure_children() if team is not None else self.store.children(include_merged=True)
        records = {c.id: c for c in found}
        meetings: dict[int, list[date]] = {}
        for s in everything:
            if s.child_id is not None and s.meeting_date is not None:
                meetings.setdefault(s.child_id, []).append(s.meeting_date)
        out = []
        for f, s in zip(facts, summaries, strict=True):
            record = records.get(s.child_id) if s.child_id is not None else None
            if record is None:
                out.append(f)
                continue
            before = [d for d in meetings.get(record.id, []) if d < f.meeting_date]
            previous = f.previous_review or (max(before) if before else None)
            due = review_due(
                f.review_kind,
                looked_after_since=record.looked_after_since,
                previous_review=previous,
                authority=self.config.authority,
            )
            out.append(replace(f, ref=self.record_ref(record.id), uasc=record.uasc, review_due=due))
        return out

    def export(
        self,
        period: Period,
        fmt: str,
        out: Path,
        *,
        identify: bool = False,
        basis: Basis = Basis.SENT,
        as_of: date | None = None,
    ) -> list[Path]:
        return export(self.export_data(period, identify=identify, basis=basis, as_of=as_of), fmt, out)
