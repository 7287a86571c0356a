"""The tables behind an annual report: per IRO, participation by age band and for UASC, children
under 4 by code and age, month by month, and the lists of letters and reviews that are late.

Each takes the period's letters (`figures.in_period`) as plain `LetterFacts` and returns plain rows;
the export modules lay them out. No database, no files, and no names: IROs are passed through as
given (the caller maps them to references in a pseudonymous export).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from letters.audit.evidence import LetterFacts
from letters.audit.figures import Share, Summary, overdue, summarise
from letters.audit.grade import Grade
from letters.audit.periods import Basis, Period
from letters.model import PARTICIPATED, PARTICIPATION
from letters.workdays import working_days_between

#: Age bands of the participation breakdown (children of 4 and over), as annual reports give them.
PARTICIPATION_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("4-7", 4, 7),
    ("8-11", 8, 11),
    ("12-15", 12, 15),
    ("16+", 16, None),
)


def _share(facts: Iterable[LetterFacts], test: Callable[[LetterFacts], bool | None]) -> Share:
    known = [v for v in (test(f) for f in facts) if v is not None]
    return Share(sum(1 for v in known if v), len(known))


def participated(f: LetterFacts) -> bool | None:
    """PN1-PN6 for a child of 4 or over; None for a younger child or an unknown age."""
    if f.age is None or f.age < 4:
        return None
    return f.participation in PARTICIPATED


# -- per IRO ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IroRow:
    iro: str  # the name as recorded; exports show a reference unless identifiable
    children: int
    reviews: int
    letters_sent: int
    reviews_on_time: Share
    letters_on_time: Share
    within_target: Share
    participation_4plus: Share
    grades: dict[Grade, int]
    #: Decisions of the letters before that these letters say what happened to, of those they
    #: follow up; and these letters' decisions overdue on the report's date (past their day, and
    #: no later letter says done, changed or no longer needed).
    followed_up: Share = Share(0, 0)
    decisions_overdue: int = 0

    @property
    def audited(self) -> int:
        return sum(self.grades.values())


def per_iro(
    facts: Sequence[LetterFacts],
    grades: Mapping[int, Grade],
    as_of: date,
    known: Sequence[LetterFacts] = (),
) -> list[IroRow]:
    """One row per IRO, in order of name (the caller orders references for a pseudonymous export).
    `known`: every letter the caller has (later letters may settle these letters' decisions)."""
    from letters.followup import overdue_numbers
    from letters.model import Outcome

    outcomes: dict[int, dict[int, Outcome]] = {}
    for later in [*known, *facts]:
        for letter_id, number, outcome in later.settles:
            outcomes.setdefault(letter_id, {})[number] = Outcome(outcome)
    by_iro: dict[str, list[LetterFacts]] = {}
    for f in facts:
        by_iro.setdefault(f.iro, []).append(f)
    rows = []
    for iro in sorted(by_iro):
        mine = by_iro[iro]
        decided = [f for f in mine if f.sent_on is not None or overdue(f, as_of)]
        rows.append(
            IroRow(
                iro,
                len({f.ref for f in mine}),
                len(mine),
                sum(1 for f in mine if f.sent_on is not None),
                _share(mine, lambda f: f.review_on_time),
                _share(decided, lambda f: bool(f.on_time)),
                _share(mine, lambda f: f.within_target),
                _share(mine, participated),
                {g: sum(1 for f in mine if grades.get(f.letter_id) is g) for g in Grade},
                Share(sum(f.followups_recorded for f in mine), sum(f.followups for f in mine)),
                sum(len(overdue_numbers(f.decisions_dated, as_of, outcomes.get(f.letter_id))) for f in mine),
            )
        )
    return rows


# -- participation ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParticipationRow:
    group: str
    share: Share  # participated (PN1-PN6) of the reviews of children 4+ in the group


def participation_breakdown(facts: Sequence[LetterFacts]) -> list[ParticipationRow]:
    """Children aged 4+: by age band, then UASC and not UASC (where the child's record says),
    then how many of their reviews had each code (the share of all reviews of children 4+)."""
    rows = []
    for label, low, high in PARTICIPATION_BANDS:
        inband = [f for f in facts if f.age is not None and f.age >= low and (high is None or f.age <= high)]
        rows.append(ParticipationRow(f"Aged {label}", _share(inband, participated)))
    rows.append(ParticipationRow("All aged 4+", _share(facts, participated)))
    rows.append(
        ParticipationRow(
            "Unaccompanied asylum-seeking children (UASC)",
            _share([f for f in facts if f.uasc is True], participated),
        )
    )
    rows.append(ParticipationRow("Not UASC", _share([f for f in facts if f.uasc is False], participated)))
    unknown = [f for f in facts if f.uasc is None]
    rows.append(ParticipationRow("UASC not recorded", _share(unknown, participated)))
    older = [f for f in facts if f.age is not None and f.age >= 4]
    for code in [*PARTICIPATION, None]:
        n = sum(1 for f in older if f.participation == code)
        if code is None and not n:
            continue
        label = f"{code}: {PARTICIPATION[code]}" if code else "No code recorded"
        rows.append(ParticipationRow(label, Share(n, len(older))))
    return rows


@dataclass(frozen=True, slots=True)
class UnderFour:
    by_code: dict[str, int]  # PN0..PN7 and "no code", for children under 4
    by_age: dict[int, int]  # 0..3
    mismatches: list[LetterFacts]  # every letter whose code is missing or does not fit the age


def under_four(facts: Sequence[LetterFacts]) -> UnderFour:
    young = [f for f in facts if f.age is not None and f.age < 4]
    codes: Counter[str] = Counter(f.participation or "no code" for f in young)
    by_code = {code: codes.get(code, 0) for code in [*PARTICIPATION, "no code"]}
    ages: Counter[int] = Counter(f.age for f in young if f.age is not None)
    return UnderFour(
        by_code,
        {age: ages.get(age, 0) for age in range(4)},
        [f for f in facts if f.participation_problem],
    )


# -- lists ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Overdue:
    facts: LetterFacts
    working_days_late: int  # after the due date, up to the report's date


def due_not_sent(facts: Iterable[LetterFacts], period: Period, as_of: date, nation: str) -> list[Overdue]:
    """Letters due in the period and not sent by its end, oldest due first, with how late."""
    rows = []
    for f in facts:
        if f.due is None or f.due not in period:
            continue
        if f.sent_on is not None and f.sent_on <= period.end:
            continue
        until = f.sent_on or as_of
        rows.append(Overdue(f, working_days_between(f.due, until, nation)))
    return sorted(rows, key=lambda o: (o.facts.due or period.start, o.facts.letter_id))


def reviews_late(facts: Iterable[LetterFacts], nation: str) -> list[Overdue]:
    """Reviews held after their due date, with how many working days late and the reason."""
    rows = [
        Overdue(f, working_days_between(f.review_due, f.meeting_date, nation))
        for f in facts
        if f.review_due is not None and f.meeting_date > f.review_due
    ]
    return sorted(rows, key=lambda o: (o.facts.meeting_date, o.facts.letter_id))


# -- month by month ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonthRow:
    month: Period
    summary: Summary
    previous: Summary  # the same month a year earlier


def monthly(
    period: Period,
    facts: Sequence[LetterFacts],
    grades: Mapping[int, Grade],
    *,
    basis: Basis,
    as_of: date,
) -> list[MonthRow]:
    """Each month of the period beside the same month of the year before (facts hold both)."""
    # Each month's summary reads only the letters that can count in it: those whose date (on the
    # basis) or due date falls in the month. A year is 24 months of a few hundred letters each.
    by_month: dict[tuple[int, int], list[LetterFacts]] = {}
    for f in facts:
        days = (f.meeting_date if basis is Basis.MEETING else f.sent_on, f.due)
        for key in {(day.year, day.month) for day in days if day is not None}:
            by_month.setdefault(key, []).append(f)
    rows = []
    for month in period.months():
        before = Period.month(month.start.year - 1, month.start.month)
        now_facts = by_month.get((month.start.year, month.start.month), [])
        then_facts = by_month.get((before.start.year, before.start.month), [])
        rows.append(
            MonthRow(
                month,
                summarise(month, now_facts, grades, basis=basis, as_of=as_of),
                summarise(before, then_facts, grades, basis=basis, as_of=as_of),
            )
        )
    return rows
