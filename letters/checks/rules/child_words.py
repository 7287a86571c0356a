"""`child-words`: a word this child does not want used, from their words profile ("foster",
"mum" for a birth mother they call by her name).

The words come with the letter (`letters.model.ChildWords.avoid`, given to the checker as
`avoid`); `letters check` on a file has none, so the rule is silent there. Inside quotation marks
(the child's own words) nothing is flagged. The fix is advice naming the child's own words for the
people and places in their life.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from letters.checks.findings import Finding, FixKind, Severity, advice
from letters.checks.rules.base import Example, Reader, Rule

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis

MUST_FLAG = (
    Example("Your foster carers say you are doing well.", "foster", avoid=("foster",)),
    Example("Your Mum came to the meeting.", "Mum", avoid=("mum",), note="case does not matter"),
    Example(
        "You and your half-sister Kai went to the park.", "half-sister", avoid=("half-sister", "step-dad")
    ),
)
MUST_NOT_FLAG = (
    Example("Nan and Grandad say you are doing well.", avoid=("foster",)),
    Example('You said, "my foster mum is kind."', avoid=("foster",), note="the child's own words, quoted"),
    Example("Your foster carers say you are doing well.", note="no words to avoid for this child"),
    Example("You enjoy fostering the class hamster.", avoid=("foster",), note="a whole word only"),
)


@functools.cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One search for all of a child's words, longest first, whole words only."""
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", re.IGNORECASE)


class ChildWordsRule(Rule):
    id = "child-words"
    label = "Not this child's word"
    severities = (Severity.WARNING,)
    severity_note = "warning"
    fix_kinds = (FixKind.ADVICE,)
    description = "a word on the child's own list of words not to use with them (their words profile)"
    must_flag = MUST_FLAG
    must_not_flag = MUST_NOT_FLAG

    def unit(self, reader: Reader, ua: UnitAnalysis) -> tuple[Finding, ...]:
        pattern = _pattern(reader.avoid)
        if pattern is None:
            return ()
        quoted = [(w.start, w.end) for w in ua.words if w.quoted]
        who = reader.child or "this child"
        fixes = advice(reader.avoid_advice or f"Say it another way, in words {who} uses.")
        out = []
        for m in pattern.finditer(ua.text):
            if any(a < m.end() and m.start() < b for a, b in quoted):
                continue
            out.append(
                Finding(
                    self.id,
                    Severity.WARNING,
                    m.start(),
                    m.end(),
                    f"“{m.group(0)}” is on the list of words not to use with {who}.",
                    fixes,
                    reason="The child's words profile lists it among words not to use with them.",
                )
            )
        return tuple(out)


RULE = ChildWordsRule()
