"""`hard-word`: long words that are rare for a child and not on the Dale-Chall easy list.

A word of three or more syllables is flagged when how common it is *for a child* (Zipf scale:
`wordfreq`'s adult frequency, half a step up for a concrete noun and down for an abstract one,
`resources.child_zipf`) is under a threshold that rises for younger readers. Names, numbers,
capitals, quoted words and words already flagged by the lexicon are left alone.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from letters.checks.findings import Finding, FixKind, Severity, advice
from letters.checks.resources import child_zipf, is_easy_word
from letters.checks.rules.base import Example, Reader, Rule

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis

MUST_FLAG = (Example("Your carers are commensurate with your needs.", "commensurate", age=8),)
MUST_NOT_FLAG = (
    Example("You told me you love dinosaurs and crocodiles.", age=7),
    Example('You said the film was "extraordinarily unputdownable".', age=8, note="the child's words"),
    Example("You went to Bournemouth with Tamsin.", age=8, note="names"),
)


_ADVICE = advice("Use a word the child uses every day, or explain it.")


def hard_word_zipf(target: float) -> float:
    """Words of three or more syllables rarer than this (Zipf scale) may be hard for the reader."""
    if target <= 8:
        return 3.3
    if target <= 11:
        return 3.0
    return 2.5


class HardWord(Rule):
    id = "hard-word"
    label = "Hard word"
    severities = (Severity.INFO,)
    severity_note = "info"
    fix_kinds = (FixKind.ADVICE,)
    description = (
        "words of 3+ syllables, not on the Dale-Chall easy list, and rare for a child (word "
        "frequency, moved up for concrete nouns and down for abstract ones, below a threshold "
        "that rises for younger readers)"
    )
    must_flag = MUST_FLAG
    must_not_flag = MUST_NOT_FLAG

    def unit(self, reader: Reader, ua: UnitAnalysis) -> tuple[Finding, ...]:
        threshold = hard_word_zipf(reader.target)
        easy = is_easy_word
        flagged = [(m.start, m.end) for m in ua.terms]  # in order, not overlapping
        flagged_starts = [a for a, _ in flagged]
        out: list[Finding] = []
        for w in ua.words:
            if (
                w.syllables < 3
                or w.quoted
                or w.name
                or w.number
                or w.upper
                or easy(w.lower)
                or not w.text.isalpha()
            ):
                continue
            freq = child_zipf(w.lower)
            if freq >= threshold:
                continue
            i = bisect.bisect_right(flagged_starts, w.start) - 1  # a search, not a scan: linear
            if (i >= 0 and w.start < flagged[i][1]) or reader.allowed(ua, w.start, w.end):
                continue
            out.append(
                Finding(
                    self.id,
                    Severity.INFO,
                    w.start,
                    w.end,
                    f"'{w.text}' may be a hard word for this reader.",
                    _ADVICE,
                    f"It has {w.syllables} syllables and is not common in a child's English "
                    f"(Zipf frequency {freq:.1f} for a child; under {threshold} flags for reading age "
                    f"{reader.target:g}). Use a word the child uses every day, or explain it.",
                )
            )
        return tuple(out)


RULE = HardWord()
