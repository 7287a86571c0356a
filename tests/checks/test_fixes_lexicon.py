"""Every lexicon alternative, applied in sentences its entry fits, gives a letter the checks accept.

For each entry, each form it matches (term and variants) and each alternative that fits that form,
the alternative is applied (`letters.checks.fixes.apply_fix`, slots filled from a synthetic letter)
in carrier sentences chosen by the entry's part of speech, and the result is checked again: no
`[...]` left, no word doubled, and the same rule does not fire on the inserted words. A failure is a
problem in the lexicon's data (an alternative that does not fit a form, or that is itself jargon).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest

from letters.checks.checker import Checker
from letters.checks.fixes import FixError, apply_fix
from letters.checks.lexicon import Entry, builtin_entries
from letters.checks.report import ReaderProfile
from letters.checks.slots import SLOT_PATTERN, slot_fills
from letters.demo import demo_letter

#: Carrier sentences by part of speech; {X} is where the matched form goes.
CARRIERS: dict[str, tuple[str, ...]] = {
    "noun": ("We talked about your {X}.", "{X} is going well.", "I am Sam, your {X}."),
    "verb": ("We will {X} this next week.", "They {X} this every week."),
    "adjective": ("It was {X}.", "You were {X} at school."),
    "adverb": ("We met {X}.", "{X}, we met at school."),
    "preposition": ("We talked {X} your school.", "{X} the meeting, we had lunch."),
    "phrase": ("We talked about {X} today.", "{X} is going well."),
    "clause": ("{X}.", "We said that {X}."),
    "acronym": ("Your {X} is next week.", "We talked about your {X}."),
}
#: Plain-string alternatives that tell the IRO what to write are advice (as the engine reads them).
_INSTRUCTION = re.compile(r"^(?:say|describe)\b", re.I)
_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.I)
PROFILE = ReaderProfile(age=7)

#: Entries whose alternatives do not yet fit (the lexicon's data to mend), with why.
KNOWN_DATA_PROBLEMS: dict[str, str] = {}


def pos_of(entry: Entry) -> str:
    """The entry's part of speech; before the lexicon records it: "acronym" for acronyms, else
    "phrase" (the carriers that suit any words)."""
    pos = getattr(entry, "pos", None)
    if pos in CARRIERS:
        return str(pos)
    return "acronym" if entry.is_acronym else "phrase"


def alternatives(entry: Entry, form: str) -> list[tuple[str, str]]:
    """(kind, text) of the alternatives that fit `form` (typed ones say their kind)."""
    chosen: tuple[Any, ...] = (
        entry.alternatives_for(form) if hasattr(entry, "alternatives_for") else entry.alternatives
    )
    out = []
    for alt in chosen:
        if isinstance(alt, str):
            kind = (
                "advice"
                if _INSTRUCTION.match(alt)
                else ("template" if SLOT_PATTERN.search(alt) else "replace")
            )
            out.append((kind, alt))
        else:
            out.append((str(alt.kind), alt.text))
    return out


class _Fix:
    __slots__ = ("kind", "text")

    def __init__(self, kind: str, text: str) -> None:
        self.kind, self.text = kind, text


@cache
def checker() -> Checker:
    return Checker(PROFILE)


@cache
def fills() -> dict[str, str]:
    """A fill for every slot, from the demo letter's people (or a made-up name when it has none)."""
    letter = demo_letter()
    out = {}
    from letters.checks.slots import SLOTS

    for fill in slot_fills(" ".join(SLOTS), letter):
        out[fill.slot] = fill.fill or (fill.choices[0] if fill.choices else "Jo")
    return out


def problems_with(entry: Entry) -> list[str]:
    rule = "acronym" if entry.is_acronym else entry.rule
    out: list[str] = []
    for form in (entry.term, *entry.variants):
        for carrier in CARRIERS[pos_of(entry)]:
            text = carrier.replace("{X}", form)
            start = text.index(form)
            for kind, alt in alternatives(entry, form):
                if kind == "advice":
                    continue
                try:
                    edit = apply_fix(text, start, start + len(form), _Fix(kind, alt), fills())
                except FixError as exc:
                    out.append(f"{alt!r} in {text!r}: {exc}")
                    continue
                new = edit.applied_to(text)
                first, last = edit.inserted
                where = f"{form!r} -> {alt!r}: {new!r}"
                if SLOT_PATTERN.search(new):
                    out.append(f"{where}: a placeholder is left")
                doubled = {m.group(0).casefold() for m in _DOUBLED.finditer(new)}
                doubled -= {m.group(0).casefold() for m in _DOUBLED.finditer(text)}
                if doubled:
                    out.append(f"{where}: doubled {sorted(doubled)}")
                again = [
                    new[f.start : f.end]
                    for f in checker().check(new).findings
                    if f.rule == rule and f.start < last and f.end > first
                ]
                if again:
                    out.append(f"{where}: {rule} flags {again} again")
    return out


ENTRIES = builtin_entries()


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param(
            e,
            id=e.term,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_DATA_PROBLEMS[e.term])]
            if e.term in KNOWN_DATA_PROBLEMS
            else [],
        )
        for e in ENTRIES
    ],
)
def test_every_alternative_applies_cleanly(entry: Entry) -> None:
    problems = problems_with(entry)
    assert not problems, "\n".join(problems)


def test_every_entry_has_carriers_for_its_part_of_speech() -> None:
    assert all(pos_of(e) in CARRIERS for e in ENTRIES)
