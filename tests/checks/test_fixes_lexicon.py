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
#: A verb's generated forms, each in a sentence of its tense ("utilised" -> "We used it last week").
TENSE_CARRIERS: dict[str, str] = {
    "VBZ": "Sam {X} it every day.",
    "VBD": "We {X} it last week.",
    "VBN": "It has been {X} already.",
    "VBG": "We are {X} it now.",
}
_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.I)
PROFILE = ReaderProfile(age=7)

#: Entries whose alternatives do not yet fit (the lexicon's data to mend), with why.
KNOWN_DATA_PROBLEMS: dict[str, str] = {}


def pos_of(entry: Entry) -> str:
    """The entry's part of speech, as the lexicon records it."""
    return entry.pos


def alternatives(entry: Entry, form: str) -> list[tuple[str, str]]:
    """(kind, text) of the alternatives that fit `form`, in its tense, as the engine offers them."""
    return [(str(alt.kind), alt.text) for alt in entry.alternatives_for(form)]


class _Fix:
    __slots__ = ("kind", "text")

    def __init__(self, kind: str, text: str) -> None:
        self.kind, self.text = kind, text


@cache
def checker() -> Checker:
    """The checks as the app runs them on the demo letter: its people's names are its own words."""
    return Checker(PROFILE, allow=demo_letter().allow_list())


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
    listed = [
        (form, carrier) for form in (entry.term, *entry.variants) for carrier in CARRIERS[pos_of(entry)]
    ]
    tensed = [
        (form, TENSE_CARRIERS[tag])
        for form, _, tag in entry.inflected
        if entry.pos == "verb" and tag in TENSE_CARRIERS
    ]
    for form, carrier in listed + tensed:
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
