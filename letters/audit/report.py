"""Everything an export shows, gathered once: `ExportData` and `build_export_data`.

The caller (the service) passes plain values: the facts of every letter the report may need (this
period's, last period's, a year earlier's for the month-by-month table, and any due in the period
but unsent), the gradings, the rubric and the config. This module works out the summaries, the
breakdowns and the lists, and holds what decides how a person is shown: a child as their reference,
an IRO as their reference unless the export is identifiable, names in free text replaced
(`redact.Redactor`). The writers (`xlsx.py`, `csvfiles.py`, `docx_report.py`) only lay it out.

Pure: no database, no engine, no files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from letters.audit.breakdowns import (
    IroRow,
    MonthRow,
    Overdue,
    ParticipationRow,
    UnderFour,
    due_not_sent,
    monthly,
    participation_breakdown,
    per_iro,
    reviews_late,
    under_four,
)
from letters.audit.evidence import LetterFacts
from letters.audit.figures import Basis, Summary, in_period, summarise
from letters.audit.grade import Grade, Grading
from letters.audit.periods import Period
from letters.audit.redact import Redactor
from letters.audit.rubric import Rubric
from letters.config import Config, TargetsConfig

PSEUDONYMOUS_NOTE = (
    "Pseudonymous: no child's name or date of birth appears here; each child is shown by a "
    "reference that only this database can link back to them, and each IRO by a reference. In "
    "comments, reasons and evidence, the names of the child, of the people in their letter, what the "
    "child calls them, and IROs' names are replaced by [child], the person's role or the reference."
)
IDENTIFY_NOTE = (
    "IDENTIFIABLE: this export contains children's and IROs' names. For internal use only: "
    "do not share it outside the service."
)


@dataclass(frozen=True)
class ExportData:
    summary: Summary
    letters: Sequence[LetterFacts]  # the period's letters, on its basis
    gradings: dict[int, Grading]  # by letter id: the latest grading of each audited letter
    rubric: Rubric
    identify: bool = False
    working_day_limit: int = 20  # config.authority.letter_working_days, for the chart
    previous: Summary | None = None  # the period before (last month, last year)
    targets: TargetsConfig = field(default_factory=TargetsConfig)
    iro_refs: Mapping[str, str] = field(default_factory=dict)  # IRO name -> reference
    iros: Sequence[IroRow] = ()
    participation: Sequence[ParticipationRow] = ()
    young: UnderFour | None = None
    overdue: Sequence[Overdue] = ()  # letters due in the period and not sent by its end
    late_reviews: Sequence[Overdue] = ()
    months: Sequence[MonthRow] = ()  # a year's months beside the year before; empty for a month
    as_of: date | None = None  # the report's date
    authority_name: str = ""
    logo: str | None = None
    known: Sequence[LetterFacts] = ()  # every letter behind the report, for taking names out
    references_changed: date | None = None  # when child references came to be made from records

    @property
    def note(self) -> str:
        note = IDENTIFY_NOTE if self.identify else PSEUDONYMOUS_NOTE
        if self.references_changed is not None:
            note += (
                f" Child references are made from each child's record since "
                f"{self.references_changed:%-d %B %Y}; exports made before then show other references."
            )
        return note

    @property
    def period(self) -> Period:
        return self.summary.period

    @property
    def basis(self) -> Basis:
        return self.summary.basis

    def heading(self, what: str) -> str:
        """A table's title, saying the period and how letters were counted."""
        return f"{what}: {self.period.title}, {self.basis.label}"

    def iro(self, name: str) -> str:
        """How an IRO is shown: their name only in an identifiable export."""
        if self.identify:
            return name or "(no IRO)"
        return self.iro_refs.get(name, "IRO-?")

    @cached_property
    def _redactor(self) -> Redactor:
        return Redactor([*self.known, *self.letters], self.iro_refs)

    def free_text(self, text: str, letter_id: int | None = None) -> str:
        """Free text as this export may show it: names replaced unless it is identifiable."""
        if self.identify or not text:
            return text
        return self._redactor.text(text, letter_id)


def iro_order(data: ExportData) -> list[IroRow]:
    """Per-IRO rows ordered by how they are shown (references sort without revealing names)."""
    return sorted(data.iros, key=lambda r: data.iro(r.iro))


def build_export_data(
    period: Period,
    facts: Sequence[LetterFacts],
    gradings: dict[int, Grading],
    rubric: Rubric,
    config: Config,
    *,
    basis: Basis = Basis.SENT,
    identify: bool = False,
    as_of: date | None = None,
    iro_refs: Mapping[str, str] | None = None,
) -> ExportData:
    """The export for `period` from the facts of every letter it may need (see module docstring)."""
    as_of = as_of or period.end
    grades: dict[int, Grade] = {i: g.overall for i, g in gradings.items()}
    chosen = in_period(period, facts, basis)
    summary = summarise(period, facts, grades, basis=basis, as_of=as_of)
    previous = summarise(period.previous(), facts, grades, basis=basis, as_of=as_of)
    nation = config.authority.holiday_subdivision
    refs = dict(iro_refs or {})
    for f in sorted(facts, key=lambda f: f.letter_id):
        # No reference given (a caller without the database's key): number them as first met.
        refs.setdefault(f.iro, f"IRO-{len(refs) + 1}")
    return ExportData(
        summary,
        chosen,
        {i: g for i, g in gradings.items() if i in {f.letter_id for f in chosen}},
        rubric,
        identify,
        config.authority.letter_working_days,
        previous=previous,
        targets=config.targets,
        iro_refs=refs,
        iros=per_iro(chosen, grades, as_of, facts),
        participation=participation_breakdown(chosen),
        young=under_four(chosen),
        overdue=due_not_sent(facts, period, as_of, nation),
        late_reviews=reviews_late(chosen, nation),
        months=[] if period.is_month else monthly(period, facts, grades, basis=basis, as_of=as_of),
        as_of=as_of,
        authority_name=config.authority.name,
        logo=config.authority.logo,
        known=facts,
    )
