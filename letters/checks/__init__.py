"""The checking engine: reading age against the reader, jargon, acronyms, hard words, personal data.

Plain Python, no Textual: the CLI, the app, the export and the audit all call this. Heavy data
(spaCy's tokenizer, syllables, word frequencies) loads on first use; `warm_up()` loads it early.
The names below are imported on first use, so that `letters.checks.tokens` can start its helper
process before the rest of the engine is imported.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names as the type checker sees them (re-exported); `_WHERE` says where each lives
    from letters.checks.checker import Checker as Checker
    from letters.checks.checker import check_text as check_text
    from letters.checks.findings import Finding as Finding
    from letters.checks.findings import Fix as Fix
    from letters.checks.findings import FixKind as FixKind
    from letters.checks.findings import Severity as Severity
    from letters.checks.findings import line_col as line_col
    from letters.checks.letter import LetterChecker as LetterChecker
    from letters.checks.letter import LetterReport as LetterReport
    from letters.checks.letter import check_letter as check_letter
    from letters.checks.letter import letter_parts as letter_parts
    from letters.checks.letter import profile_for_letter as profile_for_letter
    from letters.checks.report import ReaderProfile as ReaderProfile
    from letters.checks.report import ReadingAge as ReadingAge
    from letters.checks.report import Report as Report
    from letters.checks.report import UnitScore as UnitScore
    from letters.checks.report import Verdict as Verdict
    from letters.checks.resources import warm_up as warm_up
    from letters.checks.rules import RULES as RULES

_WHERE = {
    "Checker": "checker",
    "check_text": "checker",
    "RULES": "rules",
    "Finding": "findings",
    "Fix": "findings",
    "FixKind": "findings",
    "Severity": "findings",
    "line_col": "findings",
    "LetterChecker": "letter",
    "LetterReport": "letter",
    "check_letter": "letter",
    "letter_parts": "letter",
    "profile_for_letter": "letter",
    "ReaderProfile": "report",
    "ReadingAge": "report",
    "Report": "report",
    "UnitScore": "report",
    "Verdict": "report",
    "warm_up": "resources",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'letters.checks' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"letters.checks.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
