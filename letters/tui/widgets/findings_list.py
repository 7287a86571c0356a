"""The findings for the current section, each with its fixes, as a keyboard-navigable list.

Severity is written as a symbol (x error, ! warning, i note), the rule by its name from the rule
registry, and the flagged words are quoted, so a finding reads in monochrome. Whether a fix is words
for the letter or advice comes from the fix itself (`Fix.kind`), never from a list of rules here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:  # importing letters.checks loads spaCy: only inside workers, after first paint
    from letters.checks.findings import Finding, Fix
    from letters.checks.parts import PartKey

SYMBOLS = {"error": "x", "warning": "!", "info": "i"}


def rule_label(rule: str) -> str:
    """The rule's name for people, from the registry (loaded by the time there are findings)."""
    from letters.checks.rules import label_for

    return label_for(rule)


@dataclass(frozen=True, slots=True)
class FindingEntry:
    """A finding in one part of the letter: a section's text or one decision's "what"."""

    part: PartKey  # the section's text, or one decision's "what"
    finding: Finding
    text: str  # the part's text the finding was made on

    @property
    def flagged(self) -> str:
        return self.text[self.finding.start : self.finding.end]

    @property
    def fixes(self) -> tuple[Fix, ...]:
        """Fixes that are words for the letter: replacements and templates (never advice)."""
        return self.finding.replacements

    @property
    def replacements(self) -> tuple[str, ...]:
        """The texts of those fixes (a template's `[slots]` still in them)."""
        return tuple(f.text for f in self.finding.replacements)

    @property
    def advice(self) -> tuple[str, ...]:
        """Fixes that are advice for the writer, shown and never inserted."""
        return tuple(f.text for f in self.finding.fixes if not f.inserts)

    @property
    def where(self) -> str:
        return f"{self.part.label}: " if self.part.label else ""


def finding_label(entry: FindingEntry) -> Text:
    finding = entry.finding
    label = Text()
    label.append(f"{SYMBOLS.get(str(finding.severity), '?')} ", style="bold")
    label.append(f"{rule_label(finding.rule)} · ", style="dim")
    label.append(entry.where)
    flagged = entry.flagged
    if flagged and len(flagged) <= 40 and flagged not in finding.message:
        label.append(f"“{flagged}” ", style="underline")
    label.append(finding.message)
    if entry.replacements:
        label.append("\n  try: ", style="dim")
        label.append(" / ".join(entry.replacements[:3]), style="bold")
    elif entry.advice:
        label.append("\n  tip: ", style="dim")
        label.append(entry.advice[0])
    return label


class FindingsList(OptionList):
    """Findings of one section; the highlighted one is what apply/ignore/why act on."""

    DEFAULT_CSS = """
    FindingsList {
        height: 1fr;
        border: round $primary 40%;
        &:focus { border: round $primary; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: tuple[FindingEntry, ...] = ()
        self.border_title = "Findings"

    def show_entries(self, entries: Sequence[FindingEntry]) -> None:
        def key(items: Sequence[FindingEntry]) -> list[tuple[PartKey, Finding, str]]:
            return [(e.part, e.finding, e.flagged) for e in items]

        same = key(entries) == key(self.entries)
        self.entries = tuple(entries)
        if same and self.option_count:
            return  # the same findings: keep the list (and its scroll and highlight) as it is
        previous = self.highlighted
        self.clear_options()
        if not self.entries:
            self.add_option(Option(Text("Nothing to fix here."), disabled=True))
            self.border_title = "Findings: none"
            return
        self.add_options([Option(finding_label(e)) for e in self.entries])
        self.border_title = f"Findings: {len(self.entries)}"
        self.highlighted = 0 if previous is None else min(previous, len(self.entries) - 1)

    @property
    def current(self) -> FindingEntry | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.entries):
            return None
        return self.entries[index]
