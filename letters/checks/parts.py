"""Which part of a letter a finding is in: a section's text, or one decision's "what".

`PartKey` is the typed key `LetterReport` maps findings by, so no caller parses strings such as
"decision-2". Kept apart from `letter.py` (which imports the checker) so that the app can use these
values on its UI thread without loading the engine. Plain data: no I/O, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from letters.checks.findings import Finding


@dataclass(frozen=True, slots=True)
class PartKey:
    """A section's own text (`decision` None), or the "what" of decision number `decision` (from 0)
    in that section's list of decisions."""

    section: str
    decision: int | None = None

    @classmethod
    def of_decision(cls, index: int) -> PartKey:
        return cls("decisions", index)

    @classmethod
    def of_item(cls, section: str, index: int) -> PartKey:
        """Item `index` (from 0) of a section's list: a follow-up of "since_last", a word of the
        "glossary" page (their `decision` field is the item's place, as for decisions)."""
        return cls(section, index)

    @property
    def is_decision(self) -> bool:
        return self.decision is not None

    @property
    def label(self) -> str:
        """How the app names the part before a finding ("Decision 3"); "" for a section's text."""
        if self.decision is None:
            return ""
        return f"{_ITEM_LABELS.get(self.section, 'Item')} {self.decision + 1}"


#: How the app names an item of a section's list.
_ITEM_LABELS = {"decisions": "Decision", "since_last": "Since last time", "glossary": "Word"}


@dataclass(frozen=True, slots=True)
class PlacedFinding:
    """A finding with the part it is in and that part's text as checked (offsets are into `text`)."""

    part: PartKey
    finding: Finding
    text: str

    @property
    def flagged(self) -> str:
        return self.text[self.finding.start : self.finding.end]
