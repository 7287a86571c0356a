"""The monthly summary figures, computed from plain values (`LetterFacts` and grades).

Which letters count: a period's letters are the letters **sent** in it (an auditor can only grade a
letter that was sent, and "letters sent" and "% on time" are about sending). Letters due in the
period but not sent by its end are counted separately, so a letter never sent is never hidden.

Pure functions only: no database, no engine, no files. Every figure has a test with a known answer.
"""

from __future__ import annotations

import calendar
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from letters.audit.evidence import AGE_BANDS, LetterFacts
from letters.audit.grade import Grade
from letters.errors import UserError
from letters.model import PARTICIPATED


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar month ("2026-01") or year ("2026"), inclusive of both ends."""

    start: date
    end: date
    label: str

    @classmethod
    def parse(cls, text: str) -> Period:
        text = text.strip()
        m = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
        if m and 1 <= int(m.group(2)) <= 12:
            y, mo = int(m.group(1)), int(m.group(2))
            last = calendar.monthrange(y, mo)[1]
            return cls(date(y, mo, 1), date(y, mo, last), f"{y:04d}-{mo:02d}")
        if re.fullmatch(r"\d{4}", text):
            y = int(text)
            return cls(date(y, 1, 1), date(y, 12, 31), f"{y:04d}")
        raise UserError(f"'{text}' is not a month: write it as YYYY-MM, for example 2026-01.")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def title(self) -> str:
        if len(self.label) == 4:
            return self.label
        return f"{calendar.month_name[self.start.month]} {self.start.year}"


@dataclass(frozen=True, slots=True)
class Share:
    """n out of `of`, shown as a count and a percentage (no percentage of nothing)."""

    n: int
    of: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.n / self.of, 1) if self.of else None

    def __str__(self) -> str:
        if not self.of:
            return "none to count"
        return f"{self.percent:g}% ({self.n} of {self.of})"


@dataclass(frozen=True, slots=True)
class Summary:
    period: Period
    letters_sent: int
    on_time: Share
    median_working_days: float | None
    participated_4plus: Share  # children aged 4+ with PN1-PN6
    under_4: int
    participation_problems: int  # codes missing or not consistent with age
    within_target: Share  # letters with a reading age at or under the child's target
    top_jargon: tuple[tuple[str, int], ...]
    grades: dict[Grade, int]  # every grade, zero included
    audited: int
    due_not_sent: int  # due in the period and not sent by its end

    def rows(self) -> list[tuple[str, str | int | float]]:
        """The summary as (label, value) rows, shared by every export format."""
        jargon = ", ".join(f"{t} ({n})" for t, n in self.top_jargon) or "none"
        rows: list[tuple[str, str | int | float]] = [
            ("Period", self.period.title),
            ("Letters sent", self.letters_sent),
            ("Sent on time", str(self.on_time)),
            ("Median working days, meeting to sent", _num(self.median_working_days)),
            ("Due in the period and not sent by its end", self.due_not_sent),
            ("Children aged 4+ who participated (PN1-PN6)", str(self.participated_4plus)),
            ("Children under 4 (PN0)", self.under_4),
            ("Participation code missing or inconsistent with age", self.participation_problems),
            ("Within target reading age", str(self.within_target)),
            ("Most frequent jargon", jargon),
            ("Letters audited", self.audited),
        ]
        rows += [(f"Graded {g.value}", n) for g, n in self.grades.items()]
        return rows


def _num(value: float | None) -> str | float | int:
    if value is None:
        return "none to count"
    return int(value) if value.is_integer() else value


def sent_in(period: Period, facts: Iterable[LetterFacts]) -> list[LetterFacts]:
    """The period's letters: those sent in it, in order of sending then id."""
    chosen = [f for f in facts if f.sent_on is not None and f.sent_on in period]
    return sorted(chosen, key=lambda f: (f.sent_on or period.start, f.letter_id))


def top_jargon(facts: Iterable[LetterFacts], n: int = 5) -> tuple[tuple[str, int], ...]:
    counts: Counter[str] = Counter()
    for f in facts:
        counts.update(f.jargon_terms)
    # Ties are broken alphabetically so the figure does not depend on the order letters were read.
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def summarise(
    period: Period,
    facts: Sequence[LetterFacts],
    grades: Mapping[int, Grade],
    dues: Iterable[tuple[date | None, date | None]] | None = None,
) -> Summary:
    """The summary for `period` from the letters' facts and the grades by letter id.

    `dues` is (due date, sent date or None) for every letter, sent or not, for "due and not sent";
    by default it comes from `facts` (the store passes every letter, without checking the unsent).
    """
    sent = sent_in(period, facts)
    days = [f.working_days for f in sent if f.working_days is not None]
    four_plus = [f for f in sent if f.age is not None and f.age >= 4]
    scored = [f for f in sent if f.within_target is not None]
    ids = {f.letter_id for f in sent}
    graded = [g for lid, g in grades.items() if lid in ids]
    if dues is None:
        dues = [(f.due, f.sent_on) for f in facts]
    due_not_sent = sum(
        1
        for due, sent_on in dues
        if due is not None and due in period and (sent_on is None or sent_on > period.end)
    )
    return Summary(
        period=period,
        letters_sent=len(sent),
        on_time=Share(sum(1 for f in sent if f.on_time), len(sent)),
        median_working_days=float(statistics.median(days)) if days else None,
        participated_4plus=Share(
            sum(1 for f in four_plus if f.participation in PARTICIPATED), len(four_plus)
        ),
        under_4=sum(1 for f in sent if f.age is not None and f.age < 4),
        participation_problems=sum(1 for f in sent if f.participation_problem),
        within_target=Share(sum(1 for f in scored if f.within_target), len(scored)),
        top_jargon=top_jargon(sent),
        grades={g: sum(1 for x in graded if x is g) for g in Grade},
        audited=len(graded),
        due_not_sent=due_not_sent,
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
