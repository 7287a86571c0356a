"""The letter's sections down one side, each with a text mark: empty, done, has findings, left out.

Marks are characters, not colours: "○" empty, "✓" done, "!" has findings (with the count), "–" left
out. A legend under the list says so.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from letters.model import Section

LEGEND = "○ empty  ✓ done\n! findings  – left out"


def section_mark(section: Section, findings: int, filled: bool = False) -> str:
    """`filled` marks a section with content outside its text (the decisions' rows)."""
    if not section.included:
        return "–"
    if not (section.text.strip() or filled):
        return "○"
    if findings:
        return "!"
    return "✓"


class SectionList(OptionList):
    """Choose the section to write; the highlighted option follows the open section."""

    DEFAULT_CSS = """
    SectionList {
        width: 100%;
        height: 1fr;
        border: round $primary 40%;
        &:focus { border: round $primary; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: list[str] = []
        self._shown: list[tuple[str, str]] = []
        self.border_title = "Sections"

    def show_sections(
        self,
        sections: Sequence[Section],
        findings: Mapping[str, int],
        current: str | None,
        filled: Collection[str] = (),
    ) -> None:
        highlighted = self.highlighted
        labels = []
        for section in sections:
            count = findings.get(section.key, 0)
            mark = section_mark(section, count, section.key in filled)
            label = Text()
            label.append(f"{mark} ", style="bold")
            label.append(section.heading, style="strike" if mark == "–" else "")
            if mark == "!":
                label.append(f" ({count})")
            labels.append(label)
        shown = [(s.key, label.plain) for s, label in zip(sections, labels, strict=True)]
        if shown != self._shown:  # rebuilding the options costs a relayout: only when they change
            self._shown = shown
            self.keys = [s.key for s in sections]
            self.clear_options()
            self.add_options([Option(label, id=s.key) for s, label in zip(sections, labels, strict=True)])
        if current in self.keys:
            self.highlighted = self.keys.index(current)
        elif highlighted is not None and self.keys:
            self.highlighted = min(highlighted, len(self.keys) - 1)
