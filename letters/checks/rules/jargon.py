"""`jargon`: words from the lexicon that children in care have asked professionals to drop or explain.

Two tiers (letters/checks/data/lexicon.toml): `replace` words are always flagged, with
child-friendly alternatives; `explain` words may stay once the letter explains them in words the
child uses, so only an unexplained use is flagged and, once explained, later uses are fine. An
entry's `min_age` is judged against what the child reads. Acronyms belong to the `acronym` rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from letters.checks.analysis import UNIT_HEADING
from letters.checks.findings import Finding, FixKind, Severity
from letters.checks.rules.base import Example, Reader, Rule, Scan
from letters.checks.rules.terms import UnitTerms, term_uses

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis

MUST_FLAG = (
    Example("Your placement with Anne and Mark will carry on.", "placement"),
    Example("Your placement\x07 is good.\x0c", "placement", note="pasted control characters"),
    Example("Your placement \ud83d is good.", "placement", note="half an emoji, pasted"),
    Example("We will facilitate more time with your dad.", "facilitate"),
    Example("Your social worker will progress your life story book.", "progress"),
    Example("You went to respite last month.", "respite"),
    Example("Your placement is good. <!-- letters-ignore: acronym -->", "placement"),
    # An explain-tier word left unexplained is a warning at its first use, whatever the age.
    Example("Your foster carers are kind.", "foster carers", age=5, severity=Severity.WARNING),
    Example(
        "You will have a pathway plan soon. We will write it with you.",
        "pathway plan",
        age=15,
        severity=Severity.WARNING,
        note="the next sentence does not say what it is",
    ),
    # Quotation marks alone do not make words the child's: scare quotes and official names.
    Example("We talked about what 'permanence' means for you.", "permanence", note="scare quotes"),
    Example("Your “LAC review” is next month.", "LAC review", note="a quoted official name"),
    Example('Your social worker said the "placement" was going well.', "placement", note="not first person"),
)
MUST_NOT_FLAG = (
    Example("Your teacher is pleased with your progress in maths."),
    Example("Please ring me or contact me if you want to talk.", note="the everyday sense"),
    Example("Your placement is good. <!-- letters-ignore: jargon -->", note="switched off inline"),
    Example('You said, "I hate contact at the centre."', note="the child's own words"),
    Example("You said your placement feels like home.", allow=("placement",)),
    Example("You will have a pathway plan. It is your plan for the future.", age=15),
    # Explained there or in the next sentence, an explain-tier word is fine, and so are later uses.
    Example("You will have a pathway plan soon. This plan says what help you get after 18.", age=15),
    Example("You will have a pathway plan. A pathway plan says what help you get after 18.", age=15),
    Example(
        "Your personal adviser, the person who helps you after 18, is Kim. Your personal adviser is kind.",
        age=16,
    ),
    Example("The plan that says what help you get after 18 (your pathway plan) is ready.", age=15),
    Example("You have a plan for your future. The council calls it a pathway plan.", age=16),
    Example(
        "What 'permanence' means\n\nThe adults talked about 'permanence'. It means a plan for where you "
        "will live until you are grown up.",
        note="a heading, explained by the paragraph under it",
    ),
    Example("You will have an education, health and care plan (a plan for extra help at school).", age=12),
    # The child's own words: attributed, or in the first person.
    Example('"Contact is boring," you said.'),
    Example('In your words: "My placement is fine."'),
    Example('"I don\'t want respite any more."'),
    Example('You told us it was "the best thing ever, not respite".'),
)


class Jargon(Rule):
    id = "jargon"
    label = "Jargon"
    severities = (Severity.WARNING, Severity.INFO)
    severity_note = (
        "warning: every use of a `replace` word; the first use of an `explain` word when the letter "
        "does not explain it there or in the next sentence (once explained, later uses are fine)"
    )
    fix_kinds = (FixKind.REPLACE, FixKind.TEMPLATE, FixKind.ADVICE)
    description = "words from the lexicon, with child-friendly alternatives"
    must_flag = MUST_FLAG
    must_not_flag = MUST_NOT_FLAG

    def unit(self, reader: Reader, ua: UnitAnalysis) -> UnitTerms:
        uses = term_uses(reader, ua, self.id)
        entries = frozenset(u.entry for u in uses)
        settles = frozenset(u.entry for u in uses if u.explain_tier or u.explained_here)
        if not uses:
            return UnitTerms(uses, entries)
        early_end = ua.sentences[1].end if len(ua.sentences) > 1 else len(ua.text)
        early = frozenset(u.entry for u in uses if u.explained_here and u.finding.start < early_end)
        return UnitTerms(uses, entries, settles, ua.kind == UNIT_HEADING, early)

    def letter(self, reader: Reader, scan: Scan) -> Iterable[Finding]:
        # Any word is fine where the letter explains it (there or in the next sentence), and so
        # are its later uses. An explain-tier word's first use must be explained; once explained
        # or flagged, later uses are fine. A replace-tier word is flagged at every use until it is
        # explained. A heading ("What 'permanence' means") is explained by the paragraph under it,
        # and does not settle the word for the text: the text's first use must be explained too.
        settled: set[int] = set()
        slot = scan.slots[self.id]
        runs = scan.runs
        for n, (off, _) in enumerate(scan.units):
            terms: UnitTerms = runs[n][slot]
            if not terms:
                continue
            before = frozenset(settled & terms.explain) if settled and terms.explain else frozenset()
            below: frozenset[int] = frozenset()
            if terms.heading and n + 1 < len(runs):
                below = runs[n + 1][slot].explained_early & terms.explain
            key = (off, before, below)
            found = terms.memo.get(key)
            if found is None:
                found = []
                seen = set(before)
                for use in terms.uses:
                    if use.entry in seen:
                        continue
                    fine = use.explained_here or use.entry in below
                    if use.explain_tier or fine:
                        seen.add(use.entry)
                    if not fine:
                        found.append(use.finding.shifted(off))
                if len(terms.memo) > 8:
                    terms.memo.clear()
                terms.memo[key] = found
            if not terms.heading:
                settled |= terms.settles
            yield from found


RULE = Jargon()
