"""Lexicon matches as rule findings: shared by the `jargon` and `deficit-language` rules.

The analysis finds lexicon matches once per unit (`UnitAnalysis.terms`); this module turns those of
one rule into findings with typed fixes from an entry's typed `Alternative`s (kind, exact, note,
the forms they fit, a verb's tenses: `Entry.alternatives_for`).
It judges nothing about who is reading beyond an entry's `min_age` and `eal_only`
(`Entry.applies_to`).
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from letters.checks.findings import Finding, Fix, FixKind, Severity, words
from letters.checks.rules.explained import explained_near, named_after

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis
    from letters.checks.lexicon import Entry, Lexicon
    from letters.checks.rules.base import Reader

_OPENERS = frozenset("\"'“‘([")
#: A plain-string alternative that tells the IRO what to write ("say what happened and why") is
#: advice, never words for the letter: until every alternative carries its kind, this is how a
#: plain string is told apart (the lexicon's typed alternatives say it themselves).
_INSTRUCTION = re.compile(r"^(?:say|describe)\b", re.I)
#: A word mentioned, not used: "you do not like the word 'respite'", "stop using the words
#: “placement” and “respite”", "words like ‘LAC’". The letter talks about the word itself (often to
#: promise it will not be used), so there is nothing to replace or explain. Scare quotes and quoted
#: names without "the word" before them are still checked (README, "Quotation marks").
_MENTION = re.compile(
    r"\b(?:the|a|that|this|those|these)\s+(?:words?|terms?|phrases?|name)\s+"
    r"(?:[\"'“‘][^\"'“”‘’\n]{1,40}[\"'”’]\s*(?:,|\band\b|\bor\b)\s*)*[\"'“‘]$"
    r"|\bwords?\s+like\s+[\"'“‘]$",
    re.I,
)


def mentioned(text: str, start: int, end: int) -> bool:
    """Whether the words at [start, end) are a quoted word the letter talks about ("the word
    'respite'"), not one it uses: the quote must close right after them."""
    if not start or text[start - 1] not in "\"'“‘" or text[end : end + 1] not in ('"', "'", "”", "’"):
        return False
    return _MENTION.search(text, max(0, start - 120), start) is not None


@dataclass(frozen=True, slots=True)
class TermUse:
    """One use of a lexicon term in a unit: which entry, whether it is explained there, the finding."""

    entry: int
    explain_tier: bool  # an `explain` word: fine once explained, its first use flagged if not
    explained_here: bool  # explained here or in the next sentence (any jargon word can be)
    finding: Finding


@dataclass(slots=True)
class UnitTerms:
    """A unit's uses of one rule's terms, with the explain-tier entries among them, and the unit's
    findings as last shifted (keyed by offset and the explain-tier entries settled before it), so
    a re-check where nothing before the unit changed only looks them up."""

    uses: tuple[TermUse, ...]
    explain: frozenset[int]  # the entries whose state this unit reads or changes
    settles: frozenset[int] = frozenset()  # entries that are fine after this unit
    heading: bool = False  # the unit is a heading: its terms are explained, if at all, just below it
    explained_early: frozenset[int] = frozenset()  # explained in the unit's first two sentences
    #: A question line ("What is a pathway plan?", "What does an IRO do?") asks about these entries
    #: (an acronym's long name too): the unit under it answers, so they are explained there.
    asks: frozenset[int] = frozenset()
    memo: dict[tuple[int, frozenset[int], frozenset[int], frozenset[int]], list[Finding]] = field(
        default_factory=dict
    )

    def __bool__(self) -> bool:
        return bool(self.uses)


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


#: Each lexicon's fixes, by (entry index, words matched, at a sentence start, the word before):
#: alternatives are made into fixes once, not at every use of a term in every letter.
_FIXES: weakref.WeakKeyDictionary[Lexicon, dict[tuple[int, str, bool, str], tuple[Fix, ...]]] = (
    weakref.WeakKeyDictionary()
)


def lexicon_fixes(
    lexicon: Lexicon, index: int, matched: str, *, initial: bool, previous_word: str = ""
) -> tuple[Fix, ...]:
    """`fixes_for` the lexicon's entry `index`, remembered per lexicon."""
    cache = _FIXES.get(lexicon)
    if cache is None:
        cache = _FIXES[lexicon] = {}
    key = (index, matched, initial, previous_word)
    fixes = cache.get(key)
    if fixes is None:
        if len(cache) > 20_000:
            cache.clear()
        entry = lexicon.entries[index]
        fixes = cache[key] = fixes_for(entry, matched, initial=initial, previous_word=previous_word)
    return fixes


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


_ONLY_A_SLOT = re.compile(r"\[[^\]]+\]")


def _named_role(entry: Entry) -> bool:
    """Whether the entry is a role children asked to have called by the person's name: its
    alternatives include exactly the name ("foster carer" -> "[carers' names]", exact)."""
    typed = (alt for alt in entry.alternatives if not isinstance(alt, str))
    return any(alt.exact and _ONLY_A_SLOT.fullmatch(alt.text) for alt in typed)


def term_uses(reader: Reader, ua: UnitAnalysis, rule: str) -> tuple[TermUse, ...]:
    """The lexicon matches of one rule in this unit, each with its finding (unit offsets)."""
    entries = reader.lexicon.entries
    out: list[TermUse] = []
    for m in ua.terms:
        entry = entries[m.entry]
        if entry.rule != rule or entry.is_acronym:
            continue  # acronyms are judged by the acronym rule, which knows definitions
        if not entry.applies_to(reader.age, reader.profile.eal):
            continue
        if reader.allowed(ua, m.start, m.end) or mentioned(ua.text, m.start, m.end):
            continue
        matched = ua.text[m.start : m.end]
        fixes = lexicon_fixes(
            reader.lexicon,
            m.entry,
            matched,
            initial=starts_sentence(ua.text, m.start),
            previous_word=word_before(ua.text, m.start),
        )
        explain = entry.tier == "explain" and rule != "deficit-language"
        # Any word may be explained; an `explain` word by any of the usual forms, a word children
        # asked to be replaced only by a clear one (see explained_near).
        words_of = tuple(matched.split())
        if rule == "deficit-language":
            explained = False
        elif explain:
            explained = (
                m.explained
                or explained_near(ua, m.start, m.end, words_of)
                or (_named_role(entry) and named_after(ua.text, m.end))
            )
        else:
            explained = explained_near(ua, m.start, m.end, words_of, strict=True)
        if rule == "deficit-language":
            severity = Severity.WARNING
            message = f"'{matched}' can read as blaming the child: say what happened and why."
        elif explain:
            severity = Severity.WARNING
            message = (
                f"'{matched}' is not explained: say what it means in words the child uses, "
                "here or in the next sentence."
            )
        elif entry.eal_only:
            severity = Severity.WARNING
            who = "a reader learning English" if reader.profile.eal else "a young reader"
            message = f"'{matched}' is an idiom: {who} may take it word for word. Say it plainly."
        elif entry.group == "plain-english":
            severity = Severity.WARNING
            message = f"'{matched}' is a formal word: use an everyday one."
        else:
            severity = Severity.WARNING
            message = f"'{matched}' is jargon: children in care have asked for other words."
        finding = Finding(rule, severity, m.start, m.end, message, fixes, entry.reason)
        out.append(TermUse(m.entry, explain, explained, finding))
    return tuple(out)


_QUESTION = re.compile(r"^\s*(?:what|who|why)\b[^.!?\n]{0,80}\?\s*$", re.I)
_CAPITALS = re.compile(r"\b[A-Z]{2,6}\b")
#: Each lexicon's acronym -> the entry of its long name ("IRO" -> "independent reviewing officer").
_LONG_NAMES: weakref.WeakKeyDictionary[Lexicon, dict[str, int]] = weakref.WeakKeyDictionary()


def _long_names(lexicon: Lexicon) -> dict[str, int]:
    names = _LONG_NAMES.get(lexicon)
    if names is None:
        by_term = {e.term.casefold(): n for n, e in enumerate(lexicon.entries) if not e.is_acronym}
        names = _LONG_NAMES[lexicon] = {
            e.term: by_term[e.expansion.casefold()]
            for e in lexicon.entries
            if e.is_acronym and e.expansion.casefold() in by_term
        }
    return names


def asked_about(lexicon: Lexicon, ua: UnitAnalysis) -> frozenset[int]:
    """The entries a question line asks about ("What is a pathway plan?"; "What does an IRO do?"
    asks about the IRO's long name too), or nothing when the unit is not such a question."""
    if not _QUESTION.match(ua.text):
        return frozenset()
    asked = {m.entry for m in ua.terms}
    names = _long_names(lexicon)
    asked.update(names[a] for a in _CAPITALS.findall(ua.text) if a in names)
    return frozenset(asked)
