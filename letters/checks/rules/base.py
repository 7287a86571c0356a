"""What a rule is: its declaration (id, severities, fix kinds, description, examples) and its two steps.

A rule reads the one shared analysis (`UnitAnalysis`, made once per unit and cached by its text) and
never re-tokenises. It has two steps, both cheap:

- `unit(reader, ua)`: what the rule makes of one unit on its own (unit-relative offsets). The
  checker keeps the result with the unit's analysis, so after a keystroke only the edited unit is
  looked at again;
- `letter(reader, scan)`: the letter-wide step, over every unit's result in reading order (terms
  already explained, acronyms already spelled out, totals); by default it shifts each unit's
  findings to letter offsets.

Rule modules declare their examples as `MUST_FLAG` and `MUST_NOT_FLAG` (one parametrised test runs
them all, and a test fails when a rule has none). Nothing here imports Textual or the store.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from letters.checks.findings import Finding, Fix, FixKind, Severity

if TYPE_CHECKING:
    from letters.checks.analysis import Counts, UnitAnalysis
    from letters.checks.lexicon import Lexicon
    from letters.checks.report import ReaderProfile, ReadingAge, Verdict
    from letters.config import ChecksConfig


@dataclass(frozen=True, slots=True)
class Example:
    """A text, its reader, and what the rule must do with it.

    In `MUST_FLAG`, `flag` is the exact text one of the rule's findings must cover (and `severity`,
    when given, the severity that finding must have); in `MUST_NOT_FLAG`, `flag` is None and the rule
    must stay silent on the whole text.
    """

    text: str
    flag: str | None = None
    age: int = 9
    eal: bool = False
    reading_age: float | None = None
    allow: tuple[str, ...] = ()
    severity: Severity | None = None
    child: str = ""  # the child's name, for rules that judge who the letter talks about
    pronouns: str = ""  # e.g. "she/her"
    avoid: tuple[str, ...] = ()  # words not to use with this child (their words profile)
    note: str = ""  # why this example matters, when it is not obvious


#: Every form of each pronoun set, so "she/her" also means "hers" and "herself".
_PRONOUN_FORMS = {
    "she": ("she", "her", "hers", "herself"),
    "her": ("she", "her", "hers", "herself"),
    "he": ("he", "him", "his", "himself"),
    "him": ("he", "him", "his", "himself"),
    "they": ("they", "them", "their", "theirs", "themself", "themselves"),
    "them": ("they", "them", "their", "theirs", "themself", "themselves"),
}


def pronoun_set(pronouns: str) -> frozenset[str]:
    """The pronouns the child uses, every form, from text such as "she/her" or "they/them"."""
    out: set[str] = set()
    for part in pronouns.replace(",", "/").replace(" ", "/").split("/"):
        word = part.strip().casefold()
        if word:
            out.update(_PRONOUN_FORMS.get(word, (word,)))
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Reader:
    """Who reads the letter and the thresholds that follow, worked out once per checker."""

    profile: ReaderProfile
    config: ChecksConfig
    lexicon: Lexicon
    target: float  # the reading age the letter should not exceed
    limit: int  # the most words in a sentence for this reader
    age: float  # what a lexicon entry's min_age is judged against
    allow_folded: frozenset[str]
    child: str = ""  # the name the child is called by ("" when unknown)
    pronouns: frozenset[str] = frozenset()  # the child's pronouns, lower case ("she", "her")
    #: Lexicon entries the letter's glossary page explains: explained from the first use.
    explained: frozenset[int] = frozenset()
    #: Words not to use with this child (their words profile), and what to say instead, in words.
    avoid: tuple[str, ...] = ()
    avoid_advice: str = ""

    def allowed(self, ua: UnitAnalysis, start: int, end: int) -> bool:
        """Whether the words at [start, end) of this unit are on the allow list."""
        if ua.text[start:end].casefold() in self.allow_folded:
            return True
        # The allowed spans are in order and do not overlap: search, do not scan (linear time).
        i = bisect.bisect_right(ua.allowed, (start, 1 << 62)) - 1
        return i >= 0 and end <= ua.allowed[i][1]


@dataclass(slots=True)
class Scan:
    """The letter as the letter-wide step sees it: every unit in order, with every rule's unit
    results, and the totals the checker has summed."""

    text: str
    units: list[tuple[int, UnitAnalysis]]  # (offset of the unit in the text, its analysis)
    total: Counts
    reading_age: ReadingAge | None
    verdict: Verdict
    runs: list[tuple[Any, ...]] = field(default_factory=list)  # per unit: each rule's result
    slots: dict[str, int] = field(default_factory=dict)  # rule id -> its place in a run

    def each(self, rule_id: str) -> Iterator[tuple[int, UnitAnalysis, Any]]:
        """(offset, analysis, the rule's unit result) for every unit where the result is not
        empty, in reading order."""
        slot = self.slots[rule_id]
        for (off, ua), run in zip(self.units, self.runs, strict=True):
            result = run[slot]
            if result:
                yield off, ua, result


class Rule:
    """One rule. Subclasses set the declarations below and override `unit` and/or `letter`."""

    id: ClassVar[str]
    label: ClassVar[str]  # a short name for people ("Jargon"), used by the app
    severities: ClassVar[tuple[Severity, ...]]
    severity_note: ClassVar[str]  # when each severity is used (the README's table says it)
    fix_kinds: ClassVar[tuple[FixKind, ...]]  # the kinds of fix its findings offer
    description: ClassVar[str]  # one line: what it flags
    must_flag: ClassVar[tuple[Example, ...]]
    must_not_flag: ClassVar[tuple[Example, ...]]
    #: Whether the rule's findings are about the whole letter (spanning it) rather than a place.
    letter_wide: ClassVar[bool] = False
    #: Whether `unit` does anything (a rule with only a letter step skips the per-unit pass).
    per_unit: ClassVar[bool] = True
    #: Whether `more_fixes` can offer fixes made only when asked (the app then asks, in a worker).
    lazy_fixes: ClassVar[bool] = False

    @property
    def local(self) -> bool:
        """Whether the rule needs nothing but each unit: its `unit` findings, shifted, are its
        findings (the checker then keeps them shifted and skips `letter`)."""
        return self.per_unit and type(self).letter is Rule.letter

    def unit(self, reader: Reader, ua: UnitAnalysis) -> Any:
        """This rule's findings (or facts) for one unit, with unit-relative offsets."""
        return ()

    def more_fixes(self, finding: Finding, flagged: str) -> tuple[Fix, ...]:
        """Fixes too slow to make for every finding (spelling suggestions), made when the writer
        asks for them: `flagged` is the text the finding covers. None by default."""
        return ()

    def letter(self, reader: Reader, scan: Scan) -> Iterable[Finding]:
        """The rule's findings for the whole letter, at letter offsets."""
        for off, _, found in scan.each(self.id):
            for f in found:
                yield f.shifted(off)
