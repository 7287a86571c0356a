"""The checking engine: reading age against the reader, jargon, acronyms, hard words, personal data.

Plain Python, no Textual: the CLI, the app, the export and the audit all call this. Heavy data
(spaCy's tokenizer, syllables, word frequencies) loads on first use; `warm_up()` loads it early.
"""

from letters.checks.checker import Checker, check_text
from letters.checks.findings import RULES, Finding, Severity, line_col
from letters.checks.letter import (
    LetterChecker,
    LetterReport,
    check_letter,
    letter_parts,
    profile_for_letter,
)
from letters.checks.report import ReaderProfile, ReadingAge, Report, UnitScore
from letters.checks.resources import warm_up

__all__ = [
    "RULES",
    "Checker",
    "Finding",
    "LetterChecker",
    "LetterReport",
    "ReaderProfile",
    "ReadingAge",
    "Report",
    "Severity",
    "UnitScore",
    "check_letter",
    "check_text",
    "letter_parts",
    "line_col",
    "profile_for_letter",
    "warm_up",
]
