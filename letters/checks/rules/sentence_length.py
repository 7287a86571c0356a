"""`sentence-length`: sentences longer than this reader can follow, and short ones of very long words.

The ceiling comes from `letters.checks.readability.sentence_limit` (10 words under 7, where the aim
is 5-8; then 15 / 18 / 22 / 25 for targets up to 8 / 10 / 12 / above; EAL x 0.8). Headings,
greetings and sign-offs are not sentences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from letters.checks import readability as ra
from letters.checks.findings import Finding, FixKind, Severity, advice
from letters.checks.rules.base import Example, Reader, Rule

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis

_LONG = (
    "You told me that you would like to go to the park with your brother and your sister "
    "on Saturdays after football when the weather is nice and warm."
)
_EAL = "Your nan will visit you every Sunday and you will go for a walk."

MUST_FLAG = (
    Example(_LONG, _LONG, age=8),
    Example(_EAL, _EAL, age=9, eal=True, note="shorter sentences for English learners"),
)
MUST_NOT_FLAG = (
    Example("You like school. You like your teacher. You want to stay.", age=6),
    Example(
        "You told me that you want to keep going to your dance class on "
        "Tuesday nights with your best friend.",
        age=15,
    ),
)


class SentenceLength(Rule):
    id = "sentence-length"
    label = "Long sentence"
    severities = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    severity_note = "warning over the limit, error at twice it; info for a short sentence of very long words"
    fix_kinds = (FixKind.ADVICE,)
    description = (
        "sentences longer than the reader's ceiling (10 words under 7, where the aim is 5–8; then "
        "15 / 18 / 22 / 25 words for targets up to 8 / 10 / 12 / above; EAL × 0.8)"
    )
    must_flag = MUST_FLAG
    must_not_flag = MUST_NOT_FLAG

    def unit(self, reader: Reader, ua: UnitAnalysis) -> tuple[Finding, ...]:
        limit = reader.limit
        out: list[Finding] = []
        for s in ua.sentences:
            if not s.scored:
                continue
            n = s.counts.words
            if n > limit:
                severity = Severity.ERROR if n >= 2 * limit else Severity.WARNING
                out.append(
                    Finding(
                        self.id,
                        severity,
                        s.start,
                        s.end,
                        f"This sentence has {n} words; for this reader keep sentences to {limit} or fewer.",
                        advice("Split it into shorter sentences, one idea each."),
                        f"Sentence limit {limit} words for reading age {reader.target:g}"
                        + (" (English as an additional language: shorter)" if reader.profile.eal else "")
                        + ". Long sentences are the first thing that makes a letter hard to follow.",
                    )
                )
            elif n >= 10:  # on fewer words a formula is noise
                grade = ra.flesch_kincaid_grade(s.counts) + ra.UK_OFFSET
                if grade > reader.target + 4:
                    out.append(
                        Finding(
                            self.id,
                            Severity.INFO,
                            s.start,
                            s.end,
                            f"This sentence is hard to read (reading age about {grade:.0f}): "
                            "its words are long.",
                            advice("Use shorter, everyday words."),
                            "Flesch-Kincaid on this sentence alone is far above the reader's target.",
                        )
                    )
        return tuple(out)


RULE = SentenceLength()
