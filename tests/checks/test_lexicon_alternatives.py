"""Every alternative of every lexicon entry, dropped into a sentence for its part of speech.

What an IRO would notice if applying a suggestion went wrong: a doubled word ("your your
meeting"), a slot the app cannot fill ("[Mum/Dad]"), or words the checker flags again as soon as
they are in the letter ("your review meeting" for a reader "review" is jargon to). Each entry's
part of speech picks the carrier sentences ("We talked about your X." for a noun, "We will X
soon." for a verb); a verb's alternatives are tried in every tense the entry matches ("utilised"
-> "We used it last week"). A determiner the alternative brings replaces the carrier's "your", as
the app's apply does. Slots are filled with synthetic words, as the apply dialog would.
"""

from __future__ import annotations

import functools
import re

import pytest

from letters.checks import Checker, ReaderProfile
from letters.checks.lexicon import Alternative, Entry, builtin_entries, fold
from letters.checks.slots import SLOT_PATTERN, SLOTS

WORD_RULES = {"jargon", "deficit-language", "acronym"}
FILL = {
    "[name]": "Sam",
    "[child's name]": "Ellie",
    "[your name]": "Priya",
    "[social worker's name]": "Bethany",
    "[carers' names]": "Anne and Mark",
    "[what you call your mum]": "Mummy Jo",
    "[what you call your dad]": "Dad",
    "[what you call your parents]": "Mum and Dad",
    "[what you call your home]": "Oak House",
    "[brothers' and sisters' names]": "Leo and Mia",
    "[teacher's name]": "Mr Khan",
}
#: Words an alternative may bring that stand for the carrier's own "your".
_DETERMINERS = re.compile(
    r"^(?:a|an|the|your|my|our|their|his|her|this|that|these|those|some|every|[A-Z\[])\b"
)

CARRIERS = {
    "noun": ("We talked about your {x}.", "I am glad your {x} is going well."),
    "acronym": ("We talked about your {x}.", "I am glad your {x} is going well."),
    "adjective": ("I think it is {x}.",),
    "adverb": ("We will meet again {x}.",),
    "preposition": ("I wrote to you {x} your school.",),
    "phrase": ("We will meet again {x}.",),
    "clause": ("{x} that you like your school.",),
    "verb": ("We will {x} soon.",),
}
TENSE_CARRIERS = {
    "VBZ": "Sam {x} every day.",
    "VBD": "We {x} last week.",
    "VBN": "It has been {x} already.",
    "VBG": "We are {x} now.",
}


def test_fills_cover_every_slot() -> None:
    assert set(FILL) == set(SLOTS)


def _sentence(carrier: str, text: str) -> str:
    filled = SLOT_PATTERN.sub(lambda m: FILL.get(m.group(0), m.group(0)), text)
    if "your {x}" in carrier and _DETERMINERS.match(text):
        carrier = carrier.replace("your {x}", "{x}")
    sentence = carrier.format(x=filled)
    return sentence[0].upper() + sentence[1:]


@functools.cache
def _checker(age: int) -> Checker:
    return Checker(ReaderProfile(age=age))


def _cases(entry: Entry) -> list[tuple[str, str, str]]:
    """(matched form, tag, carrier) for each form an alternative is written for."""
    forms = {entry.term: ""}
    for alt in entry.alternatives:
        for form in alt.fits:
            forms.setdefault(form, "")
    for form, _base, tag in entry.inflected:
        if entry.pos == "verb":
            forms[form] = tag
    out = []
    for form, tag in forms.items():
        for carrier in [TENSE_CARRIERS[tag.split("/")[0]]] if tag else CARRIERS[entry.pos]:
            out.append((form, tag, carrier))
    return out


def _problems(entry: Entry, form: str, carrier: str, alt: Alternative) -> list[str]:
    if alt.kind == "advice":
        return []
    sentence = _sentence(carrier, alt.text)
    problems = []
    if "[" in sentence:
        problems.append(f"a slot is left: {sentence!r}")
    if doubled := re.search(r"\b(\w+) \1\b", sentence, re.I):
        problems.append(f"{doubled.group(0)!r} is doubled: {sentence!r}")
    # The reader for whom the entry itself is flagged.
    age = 8 if entry.min_age is None else min(8, int(entry.min_age) - 1)
    report = _checker(age).check(sentence)
    for f in report.findings:  # the carriers themselves are clean: anything flagged came in
        if f.rule in WORD_RULES:
            flagged = sentence[f.start : f.end]
            same = fold(flagged, entry.case_sensitive) in {
                fold(x, entry.case_sensitive) for x in entry.forms()
            }
            problems.append(f"{'the same entry' if same else f.rule} flags {flagged!r} in {sentence!r}")
    return problems


@pytest.mark.parametrize("entry", builtin_entries(), ids=lambda e: e.term)
def test_alternatives_read_well_in_a_sentence(entry: Entry) -> None:
    problems = []
    for form, tag, carrier in _cases(entry):
        previous = "has" if tag.endswith("VBN") else ""
        for alt in entry.alternatives_for(form, previous):
            problems += _problems(entry, form, carrier, alt)
    assert not problems, "\n".join(problems)


def test_every_entry_has_a_carrier_for_its_part_of_speech() -> None:
    assert {e.pos for e in builtin_entries()} <= set(CARRIERS)
