"""Checking a whole letter (letters.model.Letter) and mapping findings back to its sections.

The child reads the included sections in order, plus each decision's "what": those are joined with
blank lines into one text, checked once (so reading age and "explained earlier" are letter-wide),
and each finding is given back to the section it falls in, with offsets into that section's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from letters.checks.analysis import Counts
from letters.checks.checker import Checker
from letters.checks.findings import Finding
from letters.checks.readability import reading_age
from letters.checks.report import ReaderProfile, ReadingAge, Report, Verdict, verdict_for
from letters.checks.rules import rule_for
from letters.config import ChecksConfig
from letters.model import Letter

SEPARATOR = "\n\n"


def decision_key(index: int) -> str:
    return f"decision-{index}"


def letter_parts(letter: Letter) -> list[tuple[str, str]]:
    """(key, text) for everything the child reads that the IRO wrote, in reading order."""
    parts: list[tuple[str, str]] = []
    for section in letter.sections:
        if not section.included:
            continue
        parts.append((section.key, section.text))
        if section.key == "decisions":
            parts.extend((decision_key(i), d.what) for i, d in enumerate(letter.decisions))
    return parts


def profile_for_letter(letter: Letter) -> ReaderProfile:
    return ReaderProfile(age=letter.child_age, eal=letter.child.eal, reading_age=letter.child.reading_age)


@dataclass(frozen=True, slots=True)
class LetterReport:
    report: Report
    joined_text: str
    section_offsets: dict[str, int]
    by_section: dict[str, tuple[Finding, ...]]
    section_reading_age: dict[str, ReadingAge | None]
    letter_wide: tuple[Finding, ...] = ()  # findings about the whole letter, in no one section
    #: Each section's reading age against the letter's target, decided as the letter's is.
    section_verdicts: dict[str, Verdict] = field(default_factory=dict)

    @property
    def verdict(self) -> Verdict:
        """The letter's verdict: the one the engine's report decided."""
        return self.report.verdict


class LetterChecker:
    """Keeps one Checker for a letter so that re-checks after an edit are incremental."""

    def __init__(self, letter: Letter, *, config: ChecksConfig | None = None):
        self.config = config or ChecksConfig()
        self._key: tuple[object, ...] | None = None
        self._checker: Checker | None = None
        self._ensure(letter)

    def _ensure(self, letter: Letter) -> Checker:
        profile = profile_for_letter(letter)
        allow = tuple(letter.allow_list())
        child, pronouns = letter.child.name, letter.child.pronouns
        key = (profile, allow, tuple(letter.disabled_rules), child, pronouns)
        if self._checker is None or key != self._key:
            self._checker = Checker(
                profile,
                allow=allow,
                config=self.config,
                disabled=letter.disabled_rules,
                child=child,
                pronouns=pronouns,
            )
            self._key = key
        return self._checker

    def check(self, letter: Letter) -> LetterReport:
        checker = self._ensure(letter)
        parts = letter_parts(letter)
        offsets: dict[str, int] = {}
        chunks: list[str] = []
        pos = 0
        for key, text in parts:
            offsets[key] = pos
            chunks.append(text)
            pos += len(text) + len(SEPARATOR)
        joined = SEPARATOR.join(chunks)
        report = checker.check(joined)
        by_section: dict[str, list[Finding]] = {key: [] for key, _ in parts}
        letter_wide: list[Finding] = []
        bounds = [(key, offsets[key], offsets[key] + len(text)) for key, text in parts]
        for f in report.findings:
            if f.start == 0 and f.end == len(joined) and _letter_wide(f.rule):
                letter_wide.append(f)  # whole-letter findings belong to no one section
                continue
            for key, start, end in bounds:
                if start <= f.start <= end:
                    by_section[key].append(f.shifted(-start))
                    break
        ages = _section_ages(report, bounds)
        policy = self.config.target
        words = {key: len(text.split()) for key, text in parts}
        verdicts = {k: verdict_for(a, report.target, words[k], policy) for k, a in ages.items()}
        return LetterReport(
            report,
            joined,
            offsets,
            {k: tuple(v) for k, v in by_section.items()},
            ages,
            tuple(letter_wide),
            verdicts,
        )


def _letter_wide(rule_id: str) -> bool:
    rule = rule_for(rule_id)
    return rule is not None and rule.letter_wide


def _section_ages(report: Report, bounds: list[tuple[str, int, int]]) -> dict[str, ReadingAge | None]:
    """Reading age per section, from the scored sentences the check already counted (sections
    are separated by blank lines, so no unit spans two of them): no second pass over the text."""
    out: dict[str, ReadingAge | None] = {}
    for key, start, end in bounds:
        total = Counts()
        for off, _, sentences in report.unit_scores:
            if start <= off <= end:
                for sentence in sentences:
                    total = total + sentence.counts
        out[key] = reading_age(total, report.target, reliable_words=50) if total.words else None
    return out


def check_letter(letter: Letter, config: ChecksConfig | None = None) -> LetterReport:
    return LetterChecker(letter, config=config).check(letter)
