"""The checking engine: reading age against the reader, jargon, acronyms, hard words, personal data.

Plain Python, no Textual: the CLI, the app, the export and the audit all call this. Heavy data
(spaCy's tokenizer, syllables, word frequencies) loads on first use; `warm_up()` loads it early.
The names below are imported on first use, so that `letters.checks.tokens` can start its helper
process before the rest of the engine is imported.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names as the type checker sees them; `_WHERE` says where each lives
    from letters.checks.checker import Checker, check_text  # noqa: F401
    from letters.checks.findings import RULES, Finding, Severity, line_col  # noqa: F401
    from letters.checks.letter import (  # noqa: F401
        LetterChecker,
        LetterReport,
        check_letter,
        letter_parts,
        profile_for_letter,
    )
    from letters.checks.report import ReaderProfile, ReadingAge, Report, UnitScore  # noqa: F401
    from letters.checks.resources import warm_up  # noqa: F401

_WHERE = {
    "Checker": "checker",
    "check_text": "checker",
    "RULES": "findings",
    "Finding": "findings",
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
