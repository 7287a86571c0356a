"""What a check reports: small immutable values that the CLI prints, the app shows and the audit counts.

Offsets are character offsets into the text that was checked; they become line and column only when
displayed (`line_col`). A finding's fixes are typed (`Fix`): words that may replace the flagged
ones, a template with `[slots]` that must be filled first, or advice that is never inserted. This
module does not apply fixes (letters.checks.fixes does) and knows no rule's logic (letters.checks.rules).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from letters.checks.rules import RULES as RULES  # the rule ids, from the registry (kept importable here)
from letters.checks.slots import slots_in


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class FixKind(enum.StrEnum):
    REPLACE = "replace"  # drop-in words: may be written into the letter as they are
    TEMPLATE = "template"  # words with [slots] that must be filled before anything is written
    ADVICE = "advice"  # shown to the IRO, never inserted ("Split it into shorter sentences")


@dataclass(frozen=True, slots=True)
class Fix:
    kind: FixKind
    text: str  # the words, the template (with [slots]) or the advice
    exact: bool = False  # True: means exactly what the flagged words mean; False: the IRO must judge
    note: str = ""  # why judgement is needed, shown in the apply dialog

    @property
    def slots(self) -> tuple[str, ...]:
        """The template's slots in order, each once (none for a replacement or advice)."""
        return tuple(slots_in(self.text)) if self.kind is FixKind.TEMPLATE else ()

    @property
    def inserts(self) -> bool:
        """Whether the fix is words for the letter (a replacement or a template), not advice."""
        return self.kind is not FixKind.ADVICE


def advice(*texts: str) -> tuple[Fix, ...]:
    """Advice fixes: shown, never written into the letter."""
    return tuple(Fix(FixKind.ADVICE, t) for t in texts)


def words(text: str, *, exact: bool = False, note: str = "") -> Fix:
    """Words for the letter: a template when they hold a `[slot]`, else a drop-in replacement."""
    kind = FixKind.TEMPLATE if slots_in(text) else FixKind.REPLACE
    return Fix(kind, text, exact, note)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    start: int
    end: int
    message: str
    fixes: tuple[Fix, ...] = ()
    #: Why the rule flags this (the lexicon's reason, the formula used): shown on request.
    reason: str = ""

    @property
    def suggestions(self) -> tuple[str, ...]:
        """The fixes' texts, as strings (what `letters check --format json` calls "suggestions")."""
        return tuple(f.text for f in self.fixes)

    @property
    def replacements(self) -> tuple[Fix, ...]:
        """The fixes that are words for the letter (replacements and templates), not advice."""
        return tuple(f for f in self.fixes if f.kind is not FixKind.ADVICE)

    def shifted(self, delta: int) -> Finding:
        """The same finding with its span moved by `delta` characters."""
        if not delta:
            return self
        return Finding(
            self.rule,
            self.severity,
            self.start + delta,
            self.end + delta,
            self.message,
            self.fixes,
            self.reason,
        )


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, for display."""
    line = text.count("\n", 0, offset) + 1
    last_nl = text.rfind("\n", 0, offset)
    return line, offset - last_nl
