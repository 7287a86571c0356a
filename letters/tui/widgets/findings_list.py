"""The findings for the current section, each with its suggestions, as a keyboard-navigable list.

Severity is written as a symbol and a word (x error, ! warning, i note) so it reads in monochrome.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:  # importing letters.checks loads spaCy: only inside workers, after first paint
    from letters.checks.findings import Finding

SYMBOLS = {"error": "x", "warning": "!", "info": "i"}
WORDS = {"error": "error", "warning": "warning", "info": "note"}


def finding_label(text: str, finding: Finding) -> Text:
    sev = str(finding.severity)
    label = Text()
    label.append(f"{SYMBOLS.get(sev, '?')} ", style="bold")
    flagged = text[finding.start : finding.end]
    if flagged and finding.end - finding.start <= 40:
        label.append(f"“{flagged}” ", style="underline")
    label.append(finding.message)
    if finding.suggestions:
        label.append("\n  try: ", style="dim")
        label.append(" / ".join(finding.suggestions[:3]), style="bold")
    return label


class FindingsList(OptionList):
    """Findings of one section; the highlighted one is what apply/ignore/why act on."""

    DEFAULT_CSS = """
    FindingsList {
        height: 1fr;
        border: round $secondary 40%;
        &:focus { border: round $secondary; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: tuple[Finding, ...] = ()
        self.border_title = "Findings"

    def show_findings(self, text: str, findings: Sequence[Finding]) -> None:
        previous = self.highlighted
        self.findings = tuple(findings)
        self.clear_options()
        if not self.findings:
            self.add_option(Option(Text("No findings in this section."), disabled=True))
            self.border_title = "Findings: none"
            return
        self.add_options(Option(finding_label(text, f)) for f in self.findings)
        self.border_title = f"Findings: {len(self.findings)}"
        if previous is not None:
            self.highlighted = min(previous, len(self.findings) - 1)

    @property
    def current(self) -> Finding | None:
        if self.highlighted is None or not self.findings:
            return None
        if 0 <= self.highlighted < len(self.findings):
            return self.findings[self.highlighted]
        return None
