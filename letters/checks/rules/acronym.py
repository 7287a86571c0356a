"""`acronym`: capitals the letter has not spelled out before ("PEP", "LADO", "SW").

An acronym is fine once the letter says what it means: "Personal Education Plan (PEP)",
"PEP (your school plan)", "PEP, which means…"; "your social worker (BW)" introduces initials.
Capitals every child meets (TV, OK, PE…) are never flagged; a line in capitals is a heading.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from letters.checks.findings import Finding, Fix, FixKind, Severity
from letters.checks.rules.base import Example, Reader, Rule, Scan
from letters.checks.rules.terms import fixes_for, starts_sentence

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis

#: Capitals every child meets: never flagged as acronyms.
COMMON_ACRONYMS = frozenset(
    "OK TV UK PE PS DVD CD BBC ID PC AM PM NHS GCSE GCSES MP USA FIFA LEGO PTO ASAP SMS "
    "XBOX PS4 PS5 WIFI ICT RE".split()
)

MUST_FLAG = (
    Example("Your PEP meeting is next week.", "PEP"),
    Example("The LADO will look into it.", "LADO"),
    Example("Your SW (KL) will ring you on Monday.", "SW", note="more initials: not spelled out"),
)
MUST_NOT_FLAG = (
    Example("Your Personal Education Plan (PEP) is ready. Your PEP says you read well."),
    Example("Your social worker (BW) will visit. BW will bring the photos."),
    Example("You watch TV after school and you are OK."),
    Example("WHAT WE DECIDED", note="a heading in capitals"),
    Example("You enjoy DT and made a lamp.", note="the school subject"),
)


@dataclass(frozen=True, slots=True)
class AcronymUse:
    acronym: str
    defines: bool  # this use spells it out
    finding: Finding | None  # the finding when it has not been spelled out before


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

    def unit(self, reader: Reader, ua: UnitAnalysis) -> tuple[AcronymUse, ...]:
        out: list[AcronymUse] = []
        lexicon = reader.lexicon
        for use in ua.acronyms:
            norm = use.text
            if use.defines:
                out.append(AcronymUse(norm, True, None))
                continue
            if norm in COMMON_ACRONYMS or reader.allowed(ua, use.start, use.end):
                continue
            index = lexicon.acronyms.get(norm)
            entry = lexicon.entries[index] if index is not None else None
            if entry is not None and entry.min_age is not None and reader.age >= entry.min_age:
                continue
            fixes: tuple[Fix, ...] = ()
            reason = "Initials are jargon unless they are spelled out the first time they are used."
            if entry is not None:
                matched = ua.text[use.start : use.end]
                fixes = fixes_for(entry, matched, initial=starts_sentence(ua.text, use.start))
                if entry.expansion:
                    reason = f"{norm} stands for {entry.expansion}. {entry.reason}".strip()
            message = f"{norm} is not spelled out: say what it means, or use plain words."
            finding = Finding(self.id, Severity.WARNING, use.start, use.end, message, fixes, reason)
            out.append(AcronymUse(norm, False, finding))
        return tuple(out)

    def letter(self, reader: Reader, scan: Scan) -> Iterable[Finding]:
        explained = reader.explained  # the letter's glossary explains these
        defined = {a for a, i in reader.lexicon.acronyms.items() if i in explained} if explained else set()
        for off, _, uses in scan.each(self.id):
            for use in uses:
                if use.defines:
                    defined.add(use.acronym)
                elif use.finding is not None and use.acronym not in defined:
                    yield use.finding.shifted(off)


RULE = Acronym()
