"""What a check reports: small immutable values that the CLI prints, the app shows and the audit counts.

Offsets are character offsets into the text that was checked; they become line and column only when
displayed (`line_col`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


#: The rule ids used everywhere (CLI, app, audit, config). Keep these names stable.
RULES: tuple[str, ...] = (
    "readability",
    "sentence-length",
    "jargon",
    "acronym",
    "hard-word",
    "deficit-language",
    "personal-data",
    "addressed-to-child",
)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    #: Why the rule flags this (the lexicon's reason, the formula used): shown on request.
    reason: str = ""

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
            self.suggestions,
            self.reason,
        )


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, for display."""
    line = text.count("\n", 0, offset) + 1
    last_nl = text.rfind("\n", 0, offset)
    return line, offset - last_nl
