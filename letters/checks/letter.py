"""Checking a whole letter (letters.model.Letter) and mapping findings back to its sections.

The child reads the included sections in order, plus each decision's "what": those are joined with
blank lines into one text, checked once (so reading age and "explained earlier" are letter-wide),
and each finding is given back to the part it falls in (`PartKey`: a section's text or one
decision), with offsets into that part's text. `LetterReport` is the only map from findings to
sections: the app, the CLI and the audit read it and never rebuild it.
"""

from __future__ import annotations

from dataclasses import dataclass

from letters.checks.analysis import Counts
from letters.checks.checker import Checker
from letters.checks.findings import Finding
from letters.checks.parts import PartKey, PlacedFinding
from letters.checks.readability import reading_age
from letters.checks.report import ReaderProfile, ReadingAge, Report
from letters.checks.rules import hidden_agent
from letters.child_words import advice_for_avoided, prefer_child_words
from letters.config import ChecksConfig
from letters.model import Letter

SEPARATOR = "\n\n"


def letter_parts(letter: Letter) -> list[tuple[PartKey, str]]:
    """(part, text) for everything the child reads that the IRO wrote, in reading order."""
    from letters.followup import followup_words

    parts: list[tuple[PartKey, str]] = []
    for section in letter.sections:
        if not section.included:
            continue
        parts.append((PartKey(section.key), section.text))
        if section.key == "decisions":
            parts.extend((PartKey.of_decision(i), d.what) for i, d in enumerate(letter.decisions))
        elif section.key == "since_last":  # as the child reads them: what was said, what happened
            parts.extend(
                (PartKey.of_item("since_last", i), followup_words(f, letter))
                for i, f in enumerate(letter.followups)
                if f.what.strip()
            )
    # The glossary page, last: what each kept word means (the words themselves are explained).
    parts.extend((PartKey.of_item("glossary", i), g.text) for i, g in enumerate(letter.glossary))
    return parts


def profile_for_letter(letter: Letter) -> ReaderProfile:
    return ReaderProfile(age=letter.child_age, eal=letter.child.eal, reading_age=letter.child.reading_age)


@dataclass(frozen=True, slots=True)
class LetterReport:
    report: Report
    joined_text: str
    offsets: dict[PartKey, int]  # where each part starts in `joined_text`
    by_part: dict[PartKey, tuple[Finding, ...]]  # offsets into the part's own text
    texts: dict[PartKey, str]  # each part's text as checked
    section_reading_age: dict[str, ReadingAge | None]  # a section's, with its decisions
    letter_wide: tuple[Finding, ...] = ()  # findings about the whole letter, in no one section

    def in_section(self, section: str) -> tuple[PlacedFinding, ...]:
        """The findings in a section's text and, for "what we decided", in each of its decisions,
        in reading order."""
        return tuple(
            PlacedFinding(part, finding, self.texts[part])
            for part, findings in self.by_part.items()
            if part.section == section
            for finding in findings
        )

    def count_in(self, section: str) -> int:
        return sum(len(found) for part, found in self.by_part.items() if part.section == section)


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
        explained = tuple(g.term for g in letter.glossary)  # the glossary page explains these
        avoid = tuple(letter.child.words.avoid)  # the child's own words profile
        avoid_advice = advice_for_avoided(letter.child.words, letter.child.name) if avoid else ""
        key = (profile, allow, tuple(letter.disabled_rules), explained, avoid, avoid_advice)
        if self._checker is None or key != self._key:
            self._checker = Checker(
                profile,
                allow=allow,
                config=self.config,
                disabled=letter.disabled_rules,
                explained=explained,
                avoid=avoid,
                avoid_advice=avoid_advice,
            )
            self._key = key
        return self._checker

    def check(self, letter: Letter) -> LetterReport:
        checker = self._ensure(letter)
        parts = letter_parts(letter)
        offsets: dict[PartKey, int] = {}
        chunks: list[str] = []
        pos = 0
        for key, text in parts:
            offsets[key] = pos
            chunks.append(text)
            pos += len(text) + len(SEPARATOR)
        joined = SEPARATOR.join(chunks)
        report = checker.check(joined)
        by_part: dict[PartKey, list[Finding]] = {key: [] for key, _ in parts}
        name = letter.child.name
        letter_wide: list[Finding] = []
        bounds = [(key, offsets[key], offsets[key] + len(text)) for key, text in parts]
        for f in report.findings:
            if f.start == 0 and f.end == len(joined) and f.rule in ("readability", "addressed-to-child"):
                letter_wide.append(f)  # whole-letter findings belong to no one section
                continue
            for key, start, end in bounds:
                if start <= f.start <= end:  # the child's own words first among its fixes
                    by_part[key].append(prefer_child_words(f.shifted(-start), letter.child.words, name))
                    break
        return LetterReport(
            report,
            joined,
            offsets,
            hidden_agent.in_sections(by_part, letter),  # where a finding is decides how loud
            dict(parts),
            _section_ages(report, bounds),
            tuple(letter_wide),
        )


def _section_ages(report: Report, bounds: list[tuple[PartKey, int, int]]) -> dict[str, ReadingAge | None]:
    """Reading age per section (its decisions included), from the scored sentences the check
    already counted (parts are separated by blank lines, so no unit spans two of them): no second
    pass over the text."""
    totals: dict[str, Counts] = {}
    for key, start, end in bounds:
        total = totals.get(key.section, Counts())
        for off, _, sentences in report.unit_scores:
            if start <= off <= end:
                for sentence in sentences:
                    total = total + sentence.counts
        totals[key.section] = total
    return {
        key: reading_age(total, report.target, reliable_words=50) if total.words else None
        for key, total in totals.items()
    }


def check_letter(letter: Letter, config: ChecksConfig | None = None) -> LetterReport:
    return LetterChecker(letter, config=config).check(letter)
