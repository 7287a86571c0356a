"""The summary figures of a period, computed from plain values (`LetterFacts` and grades).

Which letters count is the period's `Basis`: by date sent (a letter sent in the period; the
monthly audit's way, the default) or by meeting date (a review held in the period, as an IRO annual
report counts reviews). Letters due in the period but not sent by its end are counted separately,
whichever the basis, so a letter never sent is never hidden. Counted by meeting, a letter not sent
and already past its due date on the report's date counts as late.

Pure functions only: no database, no engine, no files. Every figure has a test with a known answer.
Breakdowns (per IRO, by age band, month by month, the lists) are in `breakdowns.py`.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from letters.audit.evidence import AGE_BANDS, LetterFacts
from letters.audit.grade import Grade
from letters.audit.periods import Basis, Period
from letters.config import TargetsConfig
from letters.model import PARTICIPATED

__all__ = [
    "Basis",
    "Figure",
    "Period",
    "Share",
    "Summary",
    "in_period",
    "sent_in",
    "summarise",
    "top_jargon",
]

#: Grades that count as "good or better" in published figures.
GOOD_OR_BETTER = frozenset({Grade.OUTSTANDING, Grade.GOOD})


@dataclass(frozen=True, slots=True)
class Share:
    """n out of `of`, shown as a count and a percentage (no percentage of nothing)."""

    n: int
    of: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.n / self.of, 1) if self.of else None

    @property
    def fraction(self) -> float | None:
        """The exact share (0 to 1), for a spreadsheet cell formatted as a percentage."""
        return self.n / self.of if self.of else None

    def __str__(self) -> str:
        if not self.of:
            return "none to count"
        return f"{self.percent:g}% ({self.n} of {self.of})"


@dataclass(frozen=True, slots=True)
class Figure:
    """One line of the summary: what it counts, its value and, for a share, the target."""

    key: str
    label: str
    value: Share | int | float | str | None
    target: float | None = None  # a percentage, from the config's [targets]

    @property
    def text(self) -> str:
        if self.value is None:
            return "none to count"
        if isinstance(self.value, float):
            return f"{self.value:g}"
        return str(self.value)

    def met(self) -> bool | None:
        """Whether the figure reaches its target (None: no target, or nothing to count)."""
        if self.target is None or not isinstance(self.value, Share) or self.value.percent is None:
            return None
        return self.value.percent >= self.target


@dataclass(frozen=True, slots=True)
class Summary:
    period: Period
    basis: Basis
    letters: int  # in the period, on its basis: reviews held (meeting) or letters sent (sent)
    letters_sent: int
    on_time: Share  # letters sent within the working days allowed (late: sent after, or overdue)
    median_working_days: float | None
    participated_4plus: Share  # reviews of children aged 4+ with PN1-PN6
    under_4: int
    participation_problems: int  # codes missing or not consistent with age
    within_target: Share  # letters with a reading age at or under the child's target
    top_jargon: tuple[tuple[str, int], ...]
    grades: dict[Grade, int]  # every grade, zero included
    audited: int
    due_not_sent: int  # due in the period and not sent by its end
    children: int = 0  # different children among the period's letters (by child reference)
    reviews_on_time: Share = Share(0, 0)  # reviews held by their statutory due date
    decisions_on_time: Share = Share(0, 0)  # decisions circulated within the working days allowed

    @property
    def good_or_better(self) -> Share:
        return Share(sum(n for g, n in self.grades.items() if g in GOOD_OR_BETTER), self.audited)

    def figures(self, targets: TargetsConfig | None = None) -> list[Figure]:
        """The summary as figures, in the order every export shows them."""
        t = targets or TargetsConfig()
        jargon = ", ".join(f"{term} ({n})" for term, n in self.top_jargon) or "none"
        first = "Reviews held" if self.basis is Basis.MEETING else "Letters sent"

        def recorded(share: Share) -> Share | str | None:
            # A share of nothing because no letter records the date is not "none to count".
            return share if share.of or not self.letters else "not recorded"

        out = [
            Figure("letters", first, self.letters),
            Figure("children", "Children", self.children),
        ]
        if self.basis is Basis.MEETING:
            out.append(Figure("letters_sent", "Letters sent for these reviews", self.letters_sent))
        out += [
            Figure(
                "reviews_on_time", "Reviews held on time", recorded(self.reviews_on_time), t.reviews_on_time
            ),
            Figure("letters_on_time", "Letters sent on time", self.on_time, t.letters_on_time),
            Figure(
                "decisions_on_time",
                "Decisions circulated on time",
                recorded(self.decisions_on_time),
                t.decisions_on_time,
            ),
            Figure("median_working_days", "Median working days, meeting to sent", self.median_working_days),
            Figure("due_not_sent", "Letters due in the period and not sent by its end", self.due_not_sent),
            Figure(
                "participation_4plus",
                "Children aged 4+ who participated (PN1-PN6)",
                self.participated_4plus,
                t.participation_4plus,
            ),
            Figure("under_4", "Children under 4 (PN0)", self.under_4),
            Figure(
                "participation_problems",
                "Participation code missing or inconsistent with age",
                self.participation_problems,
            ),
            Figure("within_target", "Within target reading age", self.within_target, t.within_reading_age),
            Figure("top_jargon", "Most frequent jargon", jargon),
            Figure("audited", "Letters audited", self.audited),
            Figure(
                "good_or_better",
                "Audited letters graded Good or Outstanding",
                self.good_or_better,
                t.good_or_better,
            ),
        ]
        out += [Figure(f"graded_{g.name.lower()}", f"Graded {g.value}", n) for g, n in self.grades.items()]
        return out

    def rows(self) -> list[tuple[str, str | int | float]]:
        """The summary as (label, text or number) rows: the period first, then every figure."""
        rows: list[tuple[str, str | int | float]] = [("Period", self.period.title)]
        for f in self.figures():
            value = f.value
            rows.append((f.label, value if isinstance(value, int | float) else f.text))
        return rows


def _on(f: LetterFacts, basis: Basis) -> date | None:
    return f.meeting_date if basis is Basis.MEETING else f.sent_on


def in_period(period: Period, facts: Iterable[LetterFacts], basis: Basis = Basis.SENT) -> list[LetterFacts]:
    """The period's letters on its basis, in order of that date then letter id."""
    chosen = [f for f in facts if (day := _on(f, basis)) is not None and day in period]
    return sorted(chosen, key=lambda f: (_on(f, basis) or period.start, f.letter_id))


def sent_in(period: Period, facts: Iterable[LetterFacts]) -> list[LetterFacts]:
    """The period's letters counted by date sent (the monthly audit's letters)."""
    return in_period(period, facts, Basis.SENT)


def normal_case(term: str) -> str:
    """A jargon term as it would be written mid-sentence: "Placement" → "placement", "LAC" kept."""
    if len(term) > 1 and term[0].isupper() and not any(c.isupper() for c in term[1:]):
        return term[0].lower() + term[1:]
    return term


def top_jargon(facts: Iterable[LetterFacts], n: int = 5) -> tuple[tuple[str, int], ...]:
    """The most frequent jargon, each shown as letters most often write it ("LAC review")."""
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for f in facts:
        for term in f.jargon_terms:
            key = term.casefold()
            counts[key] += 1
            forms.setdefault(key, Counter())[normal_case(term)] += 1
    # Ties are broken alphabetically so the figure does not depend on the order letters were read.
    best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return tuple((sorted(forms[k].items(), key=lambda fc: (-fc[1], fc[0]))[0][0], c) for k, c in best)


def overdue(f: LetterFacts, as_of: date) -> bool:
    """Not sent, and its due date has passed by `as_of`."""
    return f.sent_on is None and f.due is not None and f.due < as_of


def summarise(
    period: Period,
    facts: Sequence[LetterFacts],
    grades: Mapping[int, Grade],
    dues: Iterable[tuple[date | None, date | None]] | None = None,
    *,
    basis: Basis = Basis.SENT,
    as_of: date | None = None,
) -> Summary:
    """The summary for `period` from the letters' facts and the grades by letter id.

    `dues` is (due date, sent date or None) for every letter, sent or not, for "due and not sent";
    by default it comes from `facts`. `as_of` is the report's date (default: the period's end):
    counted by meeting, a letter unsent and past due by then counts as late.
    """
    as_of = as_of or period.end
    chosen = in_period(period, facts, basis)
    sent = [f for f in chosen if f.sent_on is not None]
    decided = [f for f in chosen if f.sent_on is not None or overdue(f, as_of)]
    days = [f.working_days for f in sent if f.working_days is not None]
    four_plus = [f for f in chosen if f.age is not None and f.age >= 4]
    scored = [f for f in chosen if f.within_target is not None]
    ids = {f.letter_id for f in chosen}
    graded = [g for lid, g in grades.items() if lid in ids]
    if dues is None:
        dues = [(f.due, f.sent_on) for f in facts]
    due_not_sent = sum(
        1
        for due, sent_on in dues
        if due is not None and due in period and (sent_on is None or sent_on > period.end)
    )
    reviews = [f for f in chosen if f.review_on_time is not None]
    circulated = [f for f in chosen if f.decisions_on_time is not None]
    return Summary(
        period=period,
        basis=basis,
        letters=len(chosen),
        children=len({f.ref for f in chosen}),
        letters_sent=len(sent),
        on_time=Share(sum(1 for f in decided if f.on_time), len(decided)),
        median_working_days=float(statistics.median(days)) if days else None,
        participated_4plus=Share(
            sum(1 for f in four_plus if f.participation in PARTICIPATED), len(four_plus)
        ),
        under_4=sum(1 for f in chosen if f.age is not None and f.age < 4),
        participation_problems=sum(1 for f in chosen if f.participation_problem),
        within_target=Share(sum(1 for f in scored if f.within_target), len(scored)),
        top_jargon=top_jargon(chosen),
        grades={g: sum(1 for x in graded if x is g) for g in Grade},
        audited=len(graded),
        due_not_sent=due_not_sent,
        reviews_on_time=Share(sum(1 for f in reviews if f.review_on_time), len(reviews)),
        decisions_on_time=Share(sum(1 for f in circulated if f.decisions_on_time), len(circulated)),
    )


@dataclass(frozen=True, slots=True)
class BandReading:
    band: str
    letters: int
    median_reading: float | None
    median_target: float | None


def reading_by_band(facts: Iterable[LetterFacts]) -> list[BandReading]:
    """Median reading age and median target per age band (bands with no letters left out)."""
    out: list[BandReading] = []
    facts = list(facts)
    for band in AGE_BANDS:
        inband = [f for f in facts if f.age_band == band]
        if not inband:
            continue
        mids = [f.reading_mid for f in inband if f.reading_mid is not None]
        targets = [f.target for f in inband if f.target is not None]
        out.append(
            BandReading(
                band,
                len(inband),
                float(statistics.median(mids)) if mids else None,
                float(statistics.median(targets)) if targets else None,
            )
        )
    return out
