"""The result of checking a text: findings, reading ages and the one verdict, as immutable values.

`Report.verdict` is the only place "is this letter above its target?" is decided: the checker makes
it once, and the CLI's summary, the app's gauge, the export screen and the audit's evidence read it
(`Verdict.describe()` and its fields) and never recompute it from the band.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from letters.checks.findings import Finding, Severity

if TYPE_CHECKING:
    from letters.config import TargetPolicy


@dataclass(frozen=True, slots=True)
class ReaderProfile:
    """Who will read the letter."""

    age: int | None = None
    eal: bool = False  # English as an additional language
    reading_age: float | None = None  # a known reading age overrides the age


def whole_years(value: float) -> int:
    """A reading age as people say it: halves round up (Python's round() would make 8.5 an 8)."""
    return math.floor(value + 0.5)


@dataclass(frozen=True, slots=True)
class ReadingAge:
    """A UK reading age as a band (US grade + 5 to grade + 6), never a false-precision point."""

    low: float
    high: float
    formula: str  # which formula(s) produced it, e.g. "Spache"
    reliable: bool = True  # False when the sample is too short to trust
    #: The formulas' mean, as a reading age: what "above target" is judged on, so that one formula
    #: running high (which widens the band) neither hides nor invents a problem.
    estimate: float | None = None
    #: Each formula's own reading age (grade + 5), in the order of `formula`.
    scores: tuple[tuple[str, float], ...] = ()

    @property
    def central(self) -> float:
        return self.estimate if self.estimate is not None else self.low

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    @property
    def formulas_disagree(self) -> bool:
        """The formulas are more than two years apart (the band is widened to cover both)."""
        if len(self.scores) >= 2:
            values = [v for _, v in self.scores]
            return max(values) - min(values) > DISAGREE_YEARS
        return self.high - self.low > 1.05

    def __str__(self) -> str:
        """The band in whole years: "9-10", "8-16"; "about 9" when both ends are the same year."""
        low, high = whole_years(self.low), whole_years(self.high)
        return f"about {low}" if low >= high else f"{low}-{high}"


#: Formulas more than this many years apart disagree (readability widens the band to cover both).
DISAGREE_YEARS = 2.0

VerdictState = Literal["within", "above", "well-above", "unscored"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The letter's reading age against its target, decided once by `verdict_for`.

    Every surface reads this: `describe()` for the IRO, `summary()` for `letters check`, `short`
    for the gauge, the fields for the audit. None of them looks at the band to decide again.
    """

    state: VerdictState
    years_over: float  # the formulas' estimate less the target, in years (0 when within or unscored)
    band: ReadingAge | None
    reliable: bool  # False for a text too short to score with confidence
    formulas_disagree: bool
    words: int
    target: float = 0.0
    limit: float = 2.0  # more years over than this is well above (the policy's error_above)

    @property
    def above(self) -> bool | None:
        """Above the target (a warning or an error), or None when there is nothing to score."""
        return None if self.state == "unscored" else self.state != "within"

    @property
    def years(self) -> str:
        """The years over in words: "less than a year", "1 year", "more than 2 years", "3 years"."""
        n = whole_years(self.years_over)
        if self.state == "well-above" and n <= self.limit:
            return f"more than {self.limit:g} years"
        if n < 1:
            return "less than a year"
        return f"{n} year{'' if n == 1 else 's'}"

    @property
    def short(self) -> str:
        """A few words for a gauge: "OK", "<1 year over", "3 years over", "not scored"."""
        if self.state == "unscored":
            return "not scored"
        if self.state == "within":
            return "OK"
        n = whole_years(self.years_over)
        if self.state == "well-above" and n <= self.limit:
            return f">{self.limit:g} years over"
        return "<1 year over" if n < 1 else f"{self.years} over"

    def describe(self) -> str:
        """A sentence or two for the IRO: the band, the verdict and, when the scores disagree, why."""
        band = self.band
        if band is None:
            return f"Not scored: too few sentences to give a reading age ({self.words} words)."
        target = f"the target of {self.target:g}"
        if self.state == "within":
            where = f"within {target}"
        else:
            where = f"{self.years} above {target}"
        if self.formulas_disagree:
            text = f"Reading age {band}: {_disagreement(band)}. On their average the letter is {where}."
        else:
            text = f"Reading age {band}: {where}."
        if not self.reliable:
            text += " The text is short, so this is a rough guide."
        return text

    def summary(self) -> str:
        """One clause for a line of `letters check` output."""
        band = self.band
        if band is None:
            return "no sentences to score"
        rough = "" if self.reliable else "; a rough guide: short text"
        if self.formulas_disagree:
            how = f"the scores disagree: {_scores(band)}{rough}"
        else:
            how = f"{band.formula}{rough}"
        where = {"within": "within", "above": "ABOVE", "well-above": "WELL ABOVE"}[self.state]
        line = f"reading age {band} ({how}), {where} target {self.target:g}"
        if self.state != "within":
            line += f" by {self.years}"
        if self.formulas_disagree:
            line += " on their average"
        return line


def verdict_for(band: ReadingAge | None, target: float, words: int, policy: TargetPolicy) -> Verdict:
    """The verdict: the formulas' estimate (their mean) against the target. Within the policy's
    tolerance (formulas are good to about a year) is within; above by more than `error_above`
    years is well above."""
    limit = policy.error_above
    if band is None:
        return Verdict("unscored", 0.0, None, False, False, words, target, limit)
    over = band.central - target
    if over <= policy.tolerance:
        state: VerdictState = "within"
    elif over > limit:
        state = "well-above"
    else:
        state = "above"
    years = round(max(over, 0.0), 1) if state != "within" else 0.0
    return Verdict(state, years, band, band.reliable, band.formulas_disagree, words, target, limit)


#: What each formula counts, to say why it scores a text higher than another formula does.
_COUNTS = {
    "Dale-Chall": "many of its words are not on the list of words most children know",
    "Spache": "many of its words are not on the list of words young readers know",
    "Flesch-Kincaid": "its words have many syllables or its sentences are long",
}


def _scores(band: ReadingAge) -> str:
    return ", ".join(f"{name} about {whole_years(value)}" for name, value in band.scores)


def _disagreement(band: ReadingAge) -> str:
    """Why the formulas' scores differ, in words: which says what, and what the higher one counts."""
    if len(band.scores) < 2:
        return "the formulas disagree"
    high = max(band.scores, key=lambda s: s[1])[0]
    why = _COUNTS.get(high)
    said = f"the scores disagree ({_scores(band)})"
    return f"{said}; {high} is higher because {why}" if why else said


@dataclass(frozen=True, slots=True)
class UnitScore:
    """Reading age of one part of the text (a paragraph or a sentence)."""

    kind: str  # "paragraph" or "sentence"
    start: int
    end: int
    words: int
    reading_age: ReadingAge | None


UNSCORED = Verdict("unscored", 0.0, None, False, False, 0)


@dataclass(frozen=True)
class Report:
    text: str
    findings: tuple[Finding, ...]
    reading_age: ReadingAge | None  # None when there is nothing to score
    target: float  # the target reading age for this reader
    words: int
    #: The one verdict on the letter's reading age against its target.
    verdict: Verdict = UNSCORED
    #: Per unit: (offset of the unit, its paragraph score, its scored sentences from the analysis),
    #: relative to the unit, so a re-check reuses them; `paragraphs` and `sentences` are made on
    #: demand (scoring every sentence on every keystroke would cost more than the check itself).
    unit_scores: tuple[tuple[int, UnitScore | None, tuple[Any, ...]], ...] = ()
    #: Every lexicon match in the text, (start, end, entry index), found or not (an explained
    #: term, an allowed word): the glossary offers the explain-tier ones (`letters.glossary`).
    terms: tuple[tuple[int, int, int], ...] = ()

    @property
    def above_target(self) -> bool | None:
        """Whether the letter is above its target (the verdict's), None if unscored."""
        return self.verdict.above

    @cached_property
    def paragraphs(self) -> tuple[UnitScore, ...]:
        return tuple(_shift(p, off) for off, p, _ in self.unit_scores if p is not None)

    @cached_property
    def sentences(self) -> tuple[UnitScore, ...]:
        from letters.checks.readability import reading_age

        return tuple(
            UnitScore(
                "sentence",
                off + s.start,
                off + s.end,
                s.counts.words,
                reading_age(s.counts, self.target, reliable_words=10**9),
            )
            for off, _, sents in self.unit_scores
            for s in sents
        )

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def count(self, rule: str) -> int:
        return sum(1 for f in self.findings if f.rule == rule)

    def within_target(self) -> bool | None:
        """Whether the letter's reading age is at or under the target (None if unscored)."""
        above = self.verdict.above
        return None if above is None else not above


def _shift(score: UnitScore, off: int) -> UnitScore:
    return UnitScore(score.kind, score.start + off, score.end + off, score.words, score.reading_age)
