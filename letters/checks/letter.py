"""Checking a whole letter (letters.model.Letter) and mapping findings back to its sections.

The child reads the included sections in order, plus each decision's "what": those are joined with
blank lines into one text, checked once (so reading age and "explained earlier" are letter-wide),
and each finding is given back to the part it falls in (`PartKey`: a section's text or one
decision), with offsets into that part's text. `LetterReport` is the only map from findings to
sections: the app, the CLI and the audit read it and never rebuild it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from letters.checks.analysis import Counts
from letters.checks.checker import Checker
from letters.checks.contacts import contact_spellings
from letters.checks.findings import Finding
from letters.checks.parts import PartKey, PlacedFinding
from letters.checks.readability import reading_age
from letters.checks.report import ReaderProfile, ReadingAge, Report, Verdict, verdict_for
from letters.checks.rules import hidden_agent, rule_for
from letters.child_words import advice_for_avoided, prefer_child_words
from letters.config import ChecksConfig
from letters.letter_words import DecisionWords, decision_words
from letters.model import Letter

SEPARATOR = "\n\n"


def letter_parts(letter: Letter) -> list[tuple[PartKey, str]]:
    """(part, text) for everything the child reads that the IRO wrote, in reading order: each
    section's text and, in "what we decided", each decision as the child reads it ("Anne will book
    an eye test for you by Monday."), so what is checked is what is sent."""
    return [(key, text) for key, text, _ in _parts(letter)]


def _parts(letter: Letter) -> list[tuple[PartKey, str, DecisionWords | None]]:
    from letters.followup import followup_words

    parts: list[tuple[PartKey, str, DecisionWords | None]] = []
    for section in letter.sections:
        if not section.included:
            continue
        parts.append((PartKey(section.key), section.text, None))
        if section.key == "decisions":
            for i, decision in enumerate(letter.decisions):
                words = decision_words(decision, letter)
                parts.append((PartKey.of_decision(i), words.text, words))
        elif section.key == "since_last":  # as the child reads them: what was said, what happened
            parts.extend(
                (PartKey.of_item("since_last", i), followup_words(f, letter), None)
                for i, f in enumerate(letter.followups)
                if f.what.strip()
            )
    # The glossary page, last: what each kept word means (the words themselves are explained).
    parts.extend((PartKey.of_item("glossary", i), g.text, None) for i, g in enumerate(letter.glossary))
    return parts


def profile_for_letter(letter: Letter) -> ReaderProfile:
    return ReaderProfile(age=letter.child_age, eal=letter.child.eal, reading_age=letter.child.reading_age)


@dataclass(frozen=True, slots=True)
class LetterReport:
    report: Report
    joined_text: str
    offsets: dict[PartKey, int]  # where each part starts in `joined_text`
    by_part: dict[PartKey, tuple[Finding, ...]]  # offsets into `texts[part]`
    texts: dict[PartKey, str]  # a section's text; a decision's "what" as typed (checked as read)
    section_reading_age: dict[str, ReadingAge | None]  # a section's, with its decisions
    letter_wide: tuple[Finding, ...] = ()  # findings about the whole letter, in no one section
    #: Each section's reading age against the letter's target, decided as the letter's is.
    section_verdicts: dict[str, Verdict] = field(default_factory=dict)

    @property
    def verdict(self) -> Verdict:
        """The letter's verdict: the one the engine's report decided."""
        return self.report.verdict

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
        contacts = (*self.config.work_contacts, *letter.work_contacts())
        texts = [text for _, text in letter_parts(letter)] if contacts else []
        allow = (*letter.allow_list(), *contact_spellings(texts, contacts))
        child, pronouns = letter.child.name, letter.child.pronouns
        explained = tuple(g.term for g in letter.glossary)  # the glossary page explains these
        avoid = tuple(letter.child.words.avoid)  # the child's own words profile
        avoid_advice = advice_for_avoided(letter.child.words, letter.child.name) if avoid else ""
        key = (profile, allow, tuple(letter.disabled_rules), child, pronouns, explained, avoid, avoid_advice)
        if self._checker is None or key != self._key:
            self._checker = Checker(
                profile,
                allow=allow,
                config=self.config,
                disabled=letter.disabled_rules,
                child=child,
                pronouns=pronouns,
                explained=explained,
                avoid=avoid,
                avoid_advice=avoid_advice,
            )
            self._key = key
        return self._checker

    def check(self, letter: Letter) -> LetterReport:
        checker = self._ensure(letter)
        placed = _parts(letter)
        parts = [(key, text) for key, text, _ in placed]
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
            if f.start == 0 and f.end == len(joined) and _letter_wide(f.rule):
                letter_wide.append(f)  # whole-letter findings belong to no one section
                continue
            for key, start, end in bounds:
                if start <= f.start <= end:  # the child's own words first among its fixes
                    by_part[key].append(prefer_child_words(f.shifted(-start), letter.child.words, name))
                    break
        ages = _section_ages(report, bounds)
        counts: dict[str, int] = {}
        for key, text in parts:
            counts[key.section] = counts.get(key.section, 0) + len(text.split())
        policy = self.config.target
        verdicts = {k: verdict_for(a, report.target, counts.get(k, 0), policy) for k, a in ages.items()}
        # A decision's findings are given back as spans of the "what" the IRO typed in its row.
        texts = dict(parts)
        for key, _, words in placed:
            if words is not None:
                texts[key] = letter.decisions[key.decision or 0].what
                by_part[key] = [_moved(f, words.to_what(f.start, f.end)) for f in by_part[key]]
        return LetterReport(
            report,
            joined,
            offsets,
            hidden_agent.in_sections(by_part, letter),  # where a finding is decides how loud
            texts,
            ages,
            tuple(letter_wide),
            verdicts,
        )


def _letter_wide(rule_id: str) -> bool:
    rule = rule_for(rule_id)
    return rule is not None and rule.letter_wide


def _moved(finding: Finding, span: tuple[int, int]) -> Finding:
    return dataclasses.replace(finding, start=span[0], end=span[1])


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
