"""`deficit-language`: words that blame the child ("kicked off", "attention seeking").

The words are lexicon entries with `rule = "deficit-language"` (group `deficit`, so an authority
can switch them off as one block); the fix is to describe what happened and why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from letters.checks.findings import FixKind, Severity
from letters.checks.rules.base import Example, Reader, Rule
from letters.checks.rules.terms import term_uses

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis
    from letters.checks.findings import Finding

MUST_FLAG = (
    Example("You kicked off at school on Monday.", "kicked off"),
    Example("Your behaviour was described as attention seeking.", "attention seeking"),
    Example("Your behaviour at school has been challenging.", "challenging"),
)
MUST_NOT_FLAG = (
    Example("You were upset at school because a boy took your bag."),
    Example("The spelling test was challenging but you did it.", note="not said of behaviour"),
)


class DeficitLanguage(Rule):
    id = "deficit-language"
    label = "Blaming words"
    severities = (Severity.WARNING,)
    severity_note = "warning"
    fix_kinds = (FixKind.REPLACE, FixKind.TEMPLATE, FixKind.ADVICE)
    description = 'blaming words ("kicked off", "attention seeking") — describe what happened and why'
    must_flag = MUST_FLAG
    must_not_flag = MUST_NOT_FLAG

    def unit(self, reader: Reader, ua: UnitAnalysis) -> tuple[Finding, ...]:
        return tuple(use.finding for use in term_uses(reader, ua, self.id))


RULE = DeficitLanguage()
