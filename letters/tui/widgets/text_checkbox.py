"""A checkbox whose state shows as a character ("X" or blank), not only as a colour.

Textual's checkbox always draws "X" and tells on from off by colour, which vanishes with NO_COLOR.
"""

from __future__ import annotations

from textual.widgets import Checkbox


class TextCheckbox(Checkbox):
    """A Checkbox that reads correctly in monochrome."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - Textual's constant
        return "X" if self.value else " "
