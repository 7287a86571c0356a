"""`jargon`: words from the lexicon that children in care have asked professionals to drop or explain.

Two tiers (letters/checks/data/lexicon.toml): `replace` words are always flagged, with
child-friendly alternatives; `explain` words may stay once the letter explains them in words the
child uses, so only an unexplained use is flagged and, once explained, later uses are fine. An
entry's `min_age` is judged against what the child reads. Acronyms belong to the `acronym` rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from letters.checks.findings import Finding, FixKind, Severity
from letters.checks.rules.base import Example, Reader, Rule, Scan
from letters.checks.rules.terms import TermUse, term_uses

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis

MUST_FLAG = (
    Example("Your placement with Anne and Mark will carry on.", "placement"),
    Example("Your placement\x07 is good.\x0c", "placement", note="pasted control characters"),
    Example("Your placement \ud83d is good.", "placement", note="half an emoji, pasted"),
    Example("We will facilitate more time with your dad.", "facilitate"),
    Example("Your social worker will progress your life story book.", "progress"),
    Example("You went to respite last month.", "respite"),
    Example("Your placement is good. <!-- letters-ignore: acronym -->", "placement"),
)
MUST_NOT_FLAG = (
    Example("Your teacher is pleased with your progress in maths."),
    Example("Please ring me or contact me if you want to talk.", note="the everyday sense"),
    Example("Your placement is good. <!-- letters-ignore: jargon -->", note="switched off inline"),
    Example('You said, "I hate contact at the centre."', note="the child's own words"),
    Example("You said your placement feels like home.", allow=("placement",)),
    Example("You will have a pathway plan. It is your plan for the future.", age=15),
)


class Jargon(Rule):
    id = "jargon"
    label = "Jargon"
    severities = (Severity.WARNING, Severity.INFO)
    severity_note = "warning (`replace` tier), info (`explain` tier, until explained once)"
    fix_kinds = (FixKind.REPLACE, FixKind.TEMPLATE, FixKind.ADVICE)
    description = "words from the lexicon, with child-friendly alternatives"
    must_flag = MUST_FLAG
    must_not_flag = MUST_NOT_FLAG

    def unit(self, reader: Reader, ua: UnitAnalysis) -> tuple[TermUse, ...]:
        return term_uses(reader, ua, self.id)

    def letter(self, reader: Reader, scan: Scan) -> Iterable[Finding]:
        explained: set[int] = set(reader.explained)  # the letter's glossary explains these
        for off, _, uses in scan.each(self.id):
            for use in uses:
                if use.explain_tier:
                    if use.explained_here:
                        explained.add(use.entry)  # explained once: fine for the rest of the letter
                        continue
                    if use.entry in explained:
                        continue
                yield use.finding.shifted(off)


RULE = Jargon()
