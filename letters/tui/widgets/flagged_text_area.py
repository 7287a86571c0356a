"""A TextArea that underlines flagged words in place, and keeps them in place while the IRO types.

The checks run in a worker and report character spans of the text they saw. Until the next report
arrives, edits shift the spans after them and drop the spans they touch, and a span is only drawn if
the document still holds the flagged text there, so a stale report never marks the wrong words.
Flags are underlined (and bold for errors) as well as coloured, so they read without colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from textual.document._document import Document, EditResult, Location
from textual.document._edit import Edit
from textual.widgets import TextArea


@dataclass(frozen=True, slots=True)
class Flag:
    """A span of the editor's text to mark: character offsets and the text that was flagged."""

    start: int
    end: int
    text: str
    severity: str  # "error", "warning" or "info"


def _styles(error: str | None, warning: str | None) -> dict[str, Style]:
    return {
        "flag-error": Style(bold=True, underline=True, color=error),
        "flag-warning": Style(underline=True, color=warning),
        "flag-info": Style(underline=True),
    }


class FlaggedTextArea(TextArea):
    """The section editor: soft-wrapped prose with flagged spans underlined."""

    DEFAULT_CSS = """
    FlaggedTextArea {
        height: 1fr;
        border: round $primary 40%;
        &:focus { border: round $primary; }
    }
    """

    def __init__(self, text: str = "", **kwargs: object) -> None:
        super().__init__(text, soft_wrap=True, show_line_numbers=False, tab_behavior="focus", **kwargs)  # type: ignore[arg-type]
        self._flags: list[Flag] = []

    def index_of(self, location: Location) -> int:
        """The character offset of a (row, column) location in the text."""
        document = self.document
        assert isinstance(document, Document)  # plain text: never a syntax-tree document
        return document.get_index_from_location(location)

    def location_of(self, index: int) -> Location:
        """The (row, column) location of a character offset in the text."""
        document = self.document
        assert isinstance(document, Document)
        return document.get_location_from_index(index)

    @property
    def flags(self) -> tuple[Flag, ...]:
        return tuple(self._flags)

    def set_flags(self, flags: list[Flag]) -> None:
        """Replace the marked spans (from a fresh report) and redraw."""
        flags = sorted(flags, key=lambda f: f.start)
        if flags == self._flags:
            return
        self._flags = flags
        self._build_highlight_map()
        self.refresh()

    def visible_flags(self) -> list[Flag]:
        """The flags whose text is still where the report found it."""
        text = self.text
        return [f for f in self._flags if text[f.start : f.end] == f.text]

    def _set_theme(self, theme: str) -> None:
        super()._set_theme(theme)
        try:
            app_theme = self.app.current_theme
        except Exception:  # no app yet (constructed outside a running app)
            error = warning = None
        else:
            error, warning = app_theme.error, app_theme.warning
        self._theme.syntax_styles.update(_styles(error, warning))

    def edit(self, edit: Edit) -> EditResult:
        # Shift flags after the edit and drop those it touches, before the base class redraws.
        if self._flags:
            start = self.index_of(min(edit.from_location, edit.to_location))
            end = self.index_of(max(edit.from_location, edit.to_location))
            delta = len(edit.text) - (end - start)
            kept: list[Flag] = []
            for flag in self._flags:
                if flag.end <= start and not (flag.end == start and edit.text[:1].isalnum()):
                    kept.append(flag)
                elif flag.start >= end and not (flag.start == end and edit.text[-1:].isalnum()):
                    kept.append(Flag(flag.start + delta, flag.end + delta, flag.text, flag.severity))
            self._flags = kept
        return super().edit(edit)

    def _build_highlight_map(self) -> None:
        super()._build_highlight_map()
        if not getattr(self, "_flags", None):
            return
        highlights = self._highlights
        doc = self.document
        for flag in self.visible_flags():
            name = f"flag-{flag.severity}"
            start_row, start_col = self.location_of(flag.start)
            end_row, end_col = self.location_of(flag.end)
            for row in range(start_row, end_row + 1):
                line = doc.get_line(row)
                first = start_col if row == start_row else 0
                last = end_col if row == end_row else len(line)
                # Highlights are byte offsets into the UTF-8 line.
                first_byte = len(line[:first].encode("utf-8"))
                last_byte = len(line[:last].encode("utf-8"))
                if last_byte > first_byte:
                    highlights[row].append((first_byte, last_byte, name))
