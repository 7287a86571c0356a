"""`acronym`: capitals the letter has not spelled out before ("PEP", "LADO", "SW").

An acronym is fine once the letter says what it means: "Personal Education Plan (PEP)",
"PEP (your school plan)", "PEP, which means…", "Personal Education Plan or PEP" (the words'
initials), "IRO — the person who checks your plan", "IRO stands for / is short for…"; "your social
worker (BW)" introduces initials. Spelled out in the next sentence is in time ("Your IRO comes too.
IRO is short for…"), and so is the first sentence under a question line ("What does an IRO do?").
Capitals every child meets (TV, OK, PE…) are never flagged; a line in capitals is a heading; an
everyday word in capitals is emphasis, not an acronym ("you are NOT in trouble").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from letters.checks.findings import Finding, Fix, FixKind, Severity
from letters.checks.resources import is_easy_word
from letters.checks.rules.base import Example, Reader, Rule, Scan
from letters.checks.rules.explained import appositive_after
from letters.checks.rules.terms import lexicon_fixes, starts_sentence

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis

#: Capitals every child meets: never flagged as acronyms.
COMMON_ACRONYMS = frozenset(
    "OK TV UK PE PS DVD CD BBC ID PC AM PM NHS GCSE GCSES MP USA FIFA LEGO PTO ASAP SMS "
    "XBOX PS4 PS5 WIFI ICT RE".split()
)

_SMALL = frozenset({"of", "and", "for", "the", "in", "to", "on", "at", "with", "&"})
_TRIM = "\"'“”‘’(),;:"


def initials(words: list[str]) -> str:
    """The capitals a phrase's words would make: "Personal Education Plan" is PEP."""
    return "".join(w[0].upper() for w in words if w and w.lower() not in _SMALL)


def defined_by_or(text: str, start: int, end: int, acronym: str) -> bool:
    """ "Personal Education Plan or PEP", "PEP or Personal Education Plan": the words beside "or"
    have the acronym's initials."""
    before = text[max(0, start - 100) : start].split()
    if len(before) >= 2 and before[-1].lower() == "or":
        words = [w.strip(_TRIM) for w in before[-9:-1]]
        if any(initials(words[n:]) == acronym for n in range(len(words))):
            return True
    after = text[end : end + 100].split()
    if len(after) >= 2 and after[0].lower() == "or":
        words = [w.strip(_TRIM) for w in after[1:9]]
        return any(initials(words[: n + 1]) == acronym for n in range(len(words)))
    return False


def emphasis(norm: str) -> bool:
    """An everyday word written in capitals for emphasis ("NOT", "NEVER", "ALWAYS")."""
    return len(norm) >= 3 and is_easy_word(norm.lower())


MUST_FLAG = (
    Example("Your PEP meeting is next week.", "PEP"),
    Example("The LADO will look into it.", "LADO"),
    Example("Your SW (KL) will ring you on Monday.", "SW", note="more initials: not spelled out"),
    Example("Ring me or CAMHS if you are worried.", "CAMHS", note="'me' does not spell CAMHS"),
    Example("You can ask your SW or IRO.", "IRO"),
    Example("Your IRO will visit, and the TV is NOT on.", "IRO"),
    Example(
        "Your IRO comes too. That is a long name. IRO is short for Independent Reviewing Officer.",
        "IRO",
        note="spelled out two sentences later: too late",
    ),
)
MUST_NOT_FLAG = (
    Example("Your Personal Education Plan (PEP) is ready. Your PEP says you read well."),
    Example("Your social worker (BW) will visit. BW will bring the photos."),
    Example("You watch TV after school and you are OK."),
    Example("WHAT WE DECIDED", note="a heading in capitals"),
    Example("You enjoy DT and made a lamp.", note="the school subject"),
    Example("Your next meeting is on XX/XX/2026.", note="a fill-in mask: the placeholder rule's"),
    Example("Your Independent Reviewing Officer or IRO checks your plan. The IRO is me.", age=16),
    Example("Your PEP or Personal Education Plan is ready. The PEP says you read well."),
    Example("Your IRO — the person who checks your plan is right for you — is me. Your IRO will visit."),
    Example("Your PA, the person who helps you after you turn 18, is Kim. Your PA will ring you."),
    Example("You are NOT in trouble and this is NEVER your fault.", note="capitals for emphasis"),
    Example("You must ALWAYS tell an adult, and ALL of us are proud of you."),
    Example("Your IRO comes too. IRO is short for Independent Reviewing Officer.", note="the next sentence"),
    Example(
        "What does an IRO do?\n\nIRO stands for Independent Reviewing Officer. Every child in care has one.",
        note="a question line, answered by the paragraph under it",
    ),
)


@dataclass(frozen=True, slots=True)
class AcronymUse:
    acronym: str
    defines: bool  # this use spells it out
    finding: Finding | None  # the finding when it has not been spelled out before


@dataclass(slots=True)
class UnitAcronyms:
    """A unit's acronyms, and its findings as last shifted (keyed by offset and which of its
    acronyms were spelled out before it), so an unchanged unit is only looked up on a re-check.
    `opens_with` are the acronyms its first sentence spells out, `tail` where its last sentence
    starts: a use in the last sentence of one unit is spelled out by the next unit's first
    ("What does an IRO do?" then "IRO stands for…")."""

    uses: tuple[AcronymUse, ...]
    names: frozenset[str]
    opens_with: frozenset[str] = frozenset()
    tail: int = 0
    memo: dict[tuple[int, frozenset[str]], list[tuple[Finding, str]]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.uses)


class Acronym(Rule):
    id = "acronym"
    label = "Initials"
    severities = (Severity.WARNING,)
    severity_note = "warning"
    fix_kinds = (FixKind.REPLACE, FixKind.TEMPLATE, FixKind.ADVICE)
    description = (
        'capitals not spelled out earlier in the letter: "Personal Education Plan (PEP)" or '
        '"PEP (your school plan)" defines PEP; "your social worker (BW)" introduces initials'
    )
    must_flag = MUST_FLAG
    must_not_flag = MUST_NOT_FLAG

    def unit(self, reader: Reader, ua: UnitAnalysis) -> UnitAcronyms:
        out: list[AcronymUse] = []
        starts: list[int] = []  # where each of `out` is in the unit
        lexicon = reader.lexicon
        text = ua.text
        for use in ua.acronyms:
            norm = use.text
            if (
                use.defines
                or defined_by_or(text, use.start, use.end, norm)
                or appositive_after(text, use.end)
            ):
                out.append(AcronymUse(norm, True, None))
                starts.append(use.start)
                continue
            if norm not in lexicon.acronyms and emphasis(norm):
                continue
            if norm in COMMON_ACRONYMS or reader.allowed(ua, use.start, use.end):
                continue
            if len(set(norm)) == 1:
                continue  # "XX", "DD/MM/YYYY": a fill-in mask (the placeholder rule's), not initials
            index = lexicon.acronyms.get(norm)
            entry = lexicon.entries[index] if index is not None else None
            if entry is not None and entry.min_age is not None and reader.age >= entry.min_age:
                continue
            fixes: tuple[Fix, ...] = ()
            reason = "Initials are jargon unless they are spelled out the first time they are used."
            if entry is not None and index is not None:
                matched = ua.text[use.start : use.end]
                fixes = lexicon_fixes(lexicon, index, matched, initial=starts_sentence(ua.text, use.start))
                if entry.expansion:
                    reason = f"{norm} stands for {entry.expansion}. {entry.reason}".strip()
            message = f"{norm} is not spelled out: say what it means, or use plain words."
            finding = Finding(self.id, Severity.WARNING, use.start, use.end, message, fixes, reason)
            out.append(AcronymUse(norm, False, finding))
            starts.append(use.start)
        if not out:
            return UnitAcronyms((), frozenset())
        # Spelled out in the same sentence or the next one ("Your IRO comes too. IRO is short for
        # Independent Reviewing Officer."): the first use is fine, as a term explained there is.
        bounds = [s.start for s in ua.sentences] or [0]
        sentence_of = [bisect.bisect_right(bounds, start) - 1 for start in starts]
        defined_in = {(u.acronym, n) for u, n in zip(out, sentence_of, strict=True) if u.defines}
        uses = tuple(
            AcronymUse(u.acronym, False, None)
            if u.finding is not None and ({(u.acronym, n), (u.acronym, n + 1)} & defined_in)
            else u
            for u, n in zip(out, sentence_of, strict=True)
        )
        opens = frozenset(u.acronym for u, n in zip(out, sentence_of, strict=True) if u.defines and n == 0)
        return UnitAcronyms(uses, frozenset(u.acronym for u in uses), opens, bounds[-1])

    def letter(self, reader: Reader, scan: Scan) -> Iterable[Finding]:
        # A finding in a unit's last sentence waits for the next unit: its first sentence may
        # spell the acronym out ("What does an IRO do?" then "IRO stands for…").
        waiting: list[tuple[Finding, str]] = []
        waiting_tail, waiting_n = 0, -2
        for n, off, unit, found in self._found(reader, scan):
            opens = unit.opens_with if n == waiting_n + 1 else frozenset()
            yield from (f for f, a in waiting if f.start < waiting_tail or a not in opens)
            waiting, waiting_tail, waiting_n = found, off + unit.tail, n
        yield from (f for f, _ in waiting)

    def _found(
        self, reader: Reader, scan: Scan
    ) -> Iterable[tuple[int, int, UnitAcronyms, list[tuple[Finding, str]]]]:
        """(unit number, offset, the unit's acronyms, its findings at letter offsets, each with its
        acronym) for every unit with acronyms, in reading order."""
        explained = reader.explained  # the letter's glossary page explains these
        defined = {a for a, i in reader.lexicon.acronyms.items() if i in explained} if explained else set()
        slot = scan.slots[self.id]
        for n, ((off, _), run) in enumerate(zip(scan.units, scan.runs, strict=True)):
            unit: UnitAcronyms = run[slot]
            if not unit:
                continue
            key = (off, frozenset(defined & unit.names))
            found = unit.memo.get(key)
            if found is None:
                known = set(key[1])
                found = []
                for use in unit.uses:
                    if use.defines:
                        known.add(use.acronym)
                    elif use.finding is not None and use.acronym not in known:
                        found.append((use.finding.shifted(off), use.acronym))
                if len(unit.memo) > 8:
                    unit.memo.clear()
                unit.memo[key] = found
            defined.update(u.acronym for u in unit.uses if u.defines)
            yield n, off, unit, found


RULE = Acronym()
