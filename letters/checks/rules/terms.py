"""Lexicon matches as rule findings: shared by the `jargon` and `deficit-language` rules.

The analysis finds lexicon matches once per unit (`UnitAnalysis.terms`); this module turns those of
one rule into findings with typed fixes from an entry's typed `Alternative`s (kind, exact, note,
the forms they fit, a verb's tenses: `Entry.alternatives_for`).
It judges nothing about who is reading beyond an entry's `min_age`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from letters.checks.findings import Finding, Fix, FixKind, Severity, words

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis
    from letters.checks.lexicon import Entry
    from letters.checks.rules.base import Reader

_OPENERS = frozenset("\"'“‘([")
#: A plain-string alternative that tells the IRO what to write ("say what happened and why") is
#: advice, never words for the letter: until every alternative carries its kind, this is how a
#: plain string is told apart (the lexicon's typed alternatives say it themselves).
_INSTRUCTION = re.compile(r"^(?:say|describe)\b", re.I)


@dataclass(frozen=True, slots=True)
class TermUse:
    """One use of a lexicon term in a unit: which entry, whether it is explained there, the finding."""

    entry: int
    explain_tier: bool
    explained_here: bool
    finding: Finding


def starts_sentence(text: str, start: int) -> bool:
    """Whether the words at `start` begin a sentence (only openers and spaces back to a full stop
    or the unit's start): their replacement then takes a capital."""
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in _OPENERS):
        i -= 1
    return i < 0 or text[i] in ".!?…:"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


_LAST_WORD = re.compile(r"([\w'’]+)\W*$")


def word_before(text: str, start: int) -> str:
    """The word just before a span ("has" in "has utilised"): it settles a past form's tense."""
    found = _LAST_WORD.search(text, max(0, start - 40), start)
    return found.group(1) if found else ""


def fixes_for(entry: Entry, matched: str, *, initial: bool, previous_word: str = "") -> tuple[Fix, ...]:
    """The entry's alternatives for the words matched, as fixes (capitalised at a sentence start):
    those written for this form first, a verb's in its tense ("utilised" -> "used")."""
    alternatives: tuple[Any, ...] = entry.alternatives_for(matched, previous_word)
    out: list[Fix] = []
    for alt in alternatives:
        if isinstance(alt, str):  # an Entry built by hand with plain strings
            fix = Fix(FixKind.ADVICE, alt) if _INSTRUCTION.match(alt) else words(alt)
        else:  # a typed Alternative(text, kind, exact, fits, note)
            fix = Fix(FixKind(str(alt.kind)), alt.text, bool(alt.exact), str(alt.note))
        if initial and fix.kind is not FixKind.ADVICE:
            fix = Fix(fix.kind, _capital(fix.text), fix.exact, fix.note)
        out.append(fix)
    return tuple(out)


def term_uses(reader: Reader, ua: UnitAnalysis, rule: str) -> tuple[TermUse, ...]:
    """The lexicon matches of one rule in this unit, each with its finding (unit offsets)."""
    entries = reader.lexicon.entries
    out: list[TermUse] = []
    for m in ua.terms:
        entry = entries[m.entry]
        if entry.rule != rule or entry.is_acronym:
            continue  # acronyms are judged by the acronym rule, which knows definitions
        if entry.min_age is not None and reader.age >= entry.min_age:
            continue
        if reader.allowed(ua, m.start, m.end):
            continue
        matched = ua.text[m.start : m.end]
        fixes = fixes_for(
            entry,
            matched,
            initial=starts_sentence(ua.text, m.start),
            previous_word=word_before(ua.text, m.start),
        )
        if rule == "deficit-language":
            severity = Severity.WARNING
            message = f"'{matched}' can read as blaming the child: say what happened and why."
        elif entry.tier == "explain":
            severity = Severity.INFO
            message = f"'{matched}' needs explaining in words the child uses, the first time."
        elif entry.group == "plain-english":
            severity = Severity.WARNING
            message = f"'{matched}' is a formal word: use an everyday one."
        else:
            severity = Severity.WARNING
            message = f"'{matched}' is jargon: children in care have asked for other words."
        finding = Finding(rule, severity, m.start, m.end, message, fixes, entry.reason)
        out.append(TermUse(m.entry, entry.tier == "explain", m.explained, finding))
    return tuple(out)
