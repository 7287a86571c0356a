"""`readability`: the letter's reading age against the reader's target, and EFLAW for EAL readers.

The verdict (within / above / well above) is the report's (`letters.checks.report.verdict_for`),
decided once by the checker; this rule only turns it into a finding, so the finding, the CLI's
summary, the gauge and the audit can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable

from letters.checks import readability as ra
from letters.checks.findings import Finding, FixKind, Severity, advice
from letters.checks.rules.base import Example, Reader, Rule, Scan

LONG_MINUTES = (
    "The review considered the arrangements for supervised family time and concluded that the "
    "current frequency remains appropriate, subject to the outcome of the ongoing assessment. "
    "Professionals acknowledged the considerable progress achieved in relation to educational "
    "attainment and emotional wellbeing. Consideration will subsequently be given to "
    "transitional arrangements regarding accommodation."
)
SIMPLE = (
    "You told me you like your new school. You play football at lunch. "
    "You want to see your nan more. Your nan will come on Sundays. "
    "We will meet again in the summer. You can pick where we meet."
)

MUST_FLAG = (Example(LONG_MINUTES, LONG_MINUTES, age=8),)
MUST_NOT_FLAG = (Example(SIMPLE, age=8), Example(SIMPLE, age=15))


class Readability(Rule):
    id = "readability"
    label = "Reading age"
    severities = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    severity_note = (
        "warning, error when more than 2 years above target (one step lower when the letter is too "
        "short to score reliably)"
    )
    fix_kinds = (FixKind.ADVICE,)
    description = (
        "the letter's reading age band above the reader's target; for EAL readers also McAlpine EFLAW over 25"
    )
    must_flag = MUST_FLAG
    must_not_flag = MUST_NOT_FLAG
    letter_wide = True
    per_unit = False

    def letter(self, reader: Reader, scan: Scan) -> Iterable[Finding]:
        verdict = scan.verdict
        band = verdict.band
        end = len(scan.text)
        if band is None:
            return
        if verdict.above:
            severity = Severity.ERROR if verdict.state == "well-above" else Severity.WARNING
            if not verdict.reliable:
                severity = Severity.WARNING if severity is Severity.ERROR else Severity.INFO
            yield Finding(
                self.id,
                severity,
                0,
                end,
                verdict.describe(),
                advice("Use shorter sentences.", "Swap long words for everyday ones."),
                f"Formulas: {band.formula}"
                + ("" if band.reliable else "; the letter is short, so this is a rough guide")
                + ". UK reading age is about US grade + 5 to + 6.",
            )
        if reader.profile.eal and scan.total.sentences:
            eflaw = ra.mcalpine_eflaw(scan.total)
            if eflaw > ra.EFLAW_DIFFICULT:
                yield Finding(
                    self.id,
                    Severity.WARNING,
                    0,
                    end,
                    f"Sentences are hard for someone learning English "
                    f"(McAlpine EFLAW {eflaw:.0f}; over 25 is difficult).",
                    advice("Use short, active sentences with fewer small linking words."),
                    "McAlpine EFLAW counts words plus 'mini-words' per sentence; it was made "
                    "for readers of English as an additional language.",
                )


RULE = Readability()
