"""A reading-age gauge: a bar plus words, so "above the target" reads without colour.

Shows a reading-age band (low-high years) against a target on a fixed scale, e.g.

    This section: 9-10 yrs OK
    [███████|░░░░░░░░]
    Whole letter: 11-12 yrs 2 above target
    [███████|████░░░░]

The bar uses block characters; the verdict is always written out.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

SCALE_LOW = 5.0
SCALE_HIGH = 17.0


def verdict(low: float, target: float, reliable: bool) -> tuple[str, str]:
    """The words for a band against a target, and a style class: ok, near or over."""
    over = low - target
    note = "" if reliable else " (rough)"
    if over <= 0:
        return "OK" + note, "ok"
    years = f"{over:.0f}" if over >= 1 else "<1"
    return f"{years} above target{note}", "over" if over >= 2 else "near"


def bar(low: float, high: float, target: float, width: int) -> tuple[str, int]:
    """Blocks filled to the band's top, and the column of the target mark."""
    span = SCALE_HIGH - SCALE_LOW

    def col(value: float) -> int:
        return max(0, min(width, round((value - SCALE_LOW) / span * width)))

    filled = col(high)
    return "█" * filled + "░" * (width - filled), min(col(target), width - 1)


class ReadingGauge(Widget):
    """One labelled reading-age line: band, bar, target mark and verdict."""

    DEFAULT_CSS = """
    ReadingGauge {
        height: 2;
        width: 1fr;
    }
    """

    band: reactive[tuple[float, float, bool] | None] = reactive(None)
    target: reactive[float | None] = reactive(None)

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label

    def show(self, band: tuple[float, float, bool] | None, target: float | None) -> None:
        self.band = band
        self.target = target

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{self.label}: ", style="bold")
        if self.band is None or self.target is None:
            text.append("not scored yet (write a few sentences)")
            return text
        low, high, reliable = self.band
        words, level = verdict(low, self.target, reliable)
        text.append(f"{low:.0f}-{high:.0f} yrs ")
        text.append(words, style={"ok": "bold", "near": "bold", "over": "bold reverse"}[level])
        text.append("\n")
        width = max(8, self.size.width - 2)
        blocks, mark = bar(low, high, self.target, width)
        colour = {"ok": "green", "near": "yellow", "over": "red"}[level]
        gauge = Text("[", no_wrap=True)
        gauge.append(blocks[:mark], style=colour)
        gauge.append("|", style="bold")
        gauge.append(blocks[mark + 1 :], style=colour)
        gauge.append("]")
        text.append_text(gauge)
        return text
