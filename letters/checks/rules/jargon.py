"""`jargon`: words from the lexicon that children in care have asked professionals to drop or explain.

Two tiers (letters/checks/data/lexicon.toml): `replace` words are always flagged, with
child-friendly alternatives; `explain` words may stay once the letter explains them in words the
child uses, so only an unexplained use is flagged and, once explained, later uses are fine. An
entry's `min_age` is judged against what the child reads; an idiom (`eal_only`) is flagged for a
reader with English as an additional language at any age, and for others under its `min_age`.
Acronyms belong to the `acronym` rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from letters.checks.analysis import UNIT_HEADING, UNIT_SIGNOFF
from letters.checks.findings import Finding, FixKind, Severity
from letters.checks.rules.base import Example, Reader, Rule, Scan
from letters.checks.rules.terms import UnitTerms, asked_about, term_uses

if TYPE_CHECKING:
    from letters.checks.analysis import UnitAnalysis

MUST_FLAG = (
    Example("We talked about your 'placement' and how it is going.", "placement", age=12),
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
    # Idioms (eal_only entries): a reader learning English takes them word for word, at any age.
    Example("You were over the moon about the match.", "over the moon about", age=15, eal=True),
    Example("Nan is a bit under the weather.", "under the weather", age=6, note="a young reader"),
    Example("Your foster carer came too. She made a cake.", "foster carer", age=11, note="not named"),
    Example("Your placement is going well. My job is to check your plan.", "placement"),
    Example("Why do we have contact?\n\nContact is time with your family.", "contact", note="replace-tier"),
    Example(
        "Thank you, your Independent Reviewing Officer, for coming.", "Independent Reviewing Officer", age=12
    ),
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
    # A word talked about, not used: "the word 'respite'" (often a promise not to use it).
    Example("You told me you do not like the word 'respite'. We will not use it.", age=15),
    Example("Everyone will stop using the words “placement” and “respite” about you.", age=15),
    # The child's own words: attributed, or in the first person.
    Example('"Contact is boring," you said.'),
    Example('In your words: "My placement is fine."'),
    Example('"I don\'t want respite any more."'),
    Example('You told us it was "the best thing ever, not respite".'),
    Example("You were over the moon about the match.", age=13, note="a fluent teenager knows the idiom"),
    Example(
        "I am Tom, your Independent Reviewing Officer. My job is to check that your plan is working.",
        age=11,
        note="a role explained by what the job is",
    ),
    Example("Your foster carer, Marcia Campbell, came too.", age=11, note="named, as children asked"),
    Example("Best wishes,\nBola\nYour Independent Reviewing Officer", age=12, note="a signature"),
    Example(
        "What does an IRO do?\n\nIRO stands for Independent Reviewing Officer. Every child in care has one.",
        age=10,
        note="the question line says the paragraph under it explains the IRO",
    ),
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
        if ua.kind == UNIT_SIGNOFF:
            # The writer's title under their name ("Your Independent Reviewing Officer") is a
            # signature, not a sentence to explain; a word children asked to be replaced still is.
            uses = tuple(u for u in uses if not u.explain_tier)
        entries = frozenset(u.entry for u in uses)
        settles = frozenset(u.entry for u in uses if u.explain_tier or u.explained_here)
        asks = asked_about(reader.lexicon, ua)
        if not uses:
            return UnitTerms(uses, entries, asks=asks)
        early_end = ua.sentences[1].end if len(ua.sentences) > 1 else len(ua.text)
        early = frozenset(u.entry for u in uses if u.explained_here and u.finding.start < early_end)
        return UnitTerms(uses, entries, settles, ua.kind == UNIT_HEADING, early, asks)

    def letter(self, reader: Reader, scan: Scan) -> Iterable[Finding]:
        # Any word is fine where the letter explains it (there or in the next sentence), and so
        # are its later uses. An explain-tier word's first use must be explained; once explained
        # or flagged, later uses are fine. A replace-tier word is flagged at every use until it is
        # explained. A heading ("What 'permanence' means") is explained by the paragraph under it,
        # and does not settle the word for the text: the text's first use must be explained too.
        settled: set[int] = set(reader.explained)  # the letter's glossary page explains these
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
            # A question line's own terms, and the terms it asks about in the unit under it.
            asked = runs[n - 1][slot].asks if n else frozenset()
            if terms.asks and n + 1 < len(runs):
                asked = asked | terms.asks
            key = (off, before, below, asked)
            found = terms.memo.get(key)
            if found is None:
                found = []
                seen = set(before)
                for use in terms.uses:
                    if use.entry in seen:
                        continue
                    # A question answers for an explain-tier word; a word children asked to be
                    # replaced is replaced in the question and the answer alike.
                    fine = (
                        use.explained_here or use.entry in below or (use.explain_tier and use.entry in asked)
                    )
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
