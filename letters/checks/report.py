"""The result of checking a text: findings plus reading ages, as immutable values."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from letters.checks.findings import Finding, Severity


@dataclass(frozen=True, slots=True)
class ReaderProfile:
    """Who will read the letter."""

    age: int | None = None
    eal: bool = False  # English as an additional language
    reading_age: float | None = None  # a known reading age overrides the age


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

    @property
    def central(self) -> float:
        return self.estimate if self.estimate is not None else self.low

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    def __str__(self) -> str:
        return f"{self.low:.0f}-{self.high:.0f}"


@dataclass(frozen=True, slots=True)
class UnitScore:
    """Reading age of one part of the text (a paragraph or a sentence)."""

    kind: str  # "paragraph" or "sentence"
    start: int
    end: int
    words: int
    reading_age: ReadingAge | None


@dataclass(frozen=True)
class Report:
    text: str
    findings: tuple[Finding, ...]
    reading_age: ReadingAge | None  # None when there is nothing to score
    target: float  # the target reading age for this reader
    words: int
    #: Whether the letter is above its target (estimate over target + the policy's tolerance).
    above_target: bool | None = None
    #: Per unit: (offset of the unit, its paragraph score, its scored sentences from the analysis),
    #: relative to the unit, so a re-check reuses them; `paragraphs` and `sentences` are made on
    #: demand (scoring every sentence on every keystroke would cost more than the check itself).
    unit_scores: tuple[tuple[int, UnitScore | None, tuple[Any, ...]], ...] = ()

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
        if self.above_target is None:
            return None
        return not self.above_target


def _shift(score: UnitScore, off: int) -> UnitScore:
    return UnitScore(score.kind, score.start + off, score.end + off, score.words, score.reading_age)
