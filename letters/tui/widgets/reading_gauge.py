"""A reading-age gauge: a bar plus words, so "above the target" reads without colour.

Shows a reading-age band (low-high years) against a target on a fixed scale, e.g.

    Section: 9-10 yrs
    [██████|░░░░░░░] OK
    Letter: ≈11-12 yrs
    [██████|████░░░] 2 over

"≈" marks a band from too short a text to trust (a rough guide). The bar fills to the band's top,
"|" marks the target, and the verdict is always written out.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

SCALE_LOW = 5.0
SCALE_HIGH = 17.0


def verdict(low: float, target: float) -> tuple[str, str]:
    """The words for a band against a target, and a level: ok, near or over."""
    over = low - target
    if over <= 0:
        return "OK", "ok"
    years = f"{over:.0f}" if over >= 1 else "<1"
    return f"{years} over", "over" if over >= 2 else "near"


def bar(high: float, target: float, width: int) -> tuple[str, int]:
    """Blocks filled to the band's top, and the column of the target mark."""
    span = SCALE_HIGH - SCALE_LOW

    def col(value: float) -> int:
        return max(0, min(width, round((value - SCALE_LOW) / span * width)))

    filled = col(high)
    return "█" * filled + "░" * (width - filled), min(col(target), width - 1)


class ReadingGauge(Widget):
    """One labelled reading-age gauge: band, bar, target mark and verdict."""

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
            text.append("not scored yet")
            return text
        low, high, reliable = self.band
        text.append(f"{'' if reliable else '≈'}{low:.0f}-{high:.0f} yrs\n")
        words, level = verdict(low, self.target)
        width = max(6, self.size.width - len(words) - 4)  # a spare column at the edge
        blocks, mark = bar(high, self.target, width)
        colour = {"ok": "green", "near": "yellow", "over": "red"}[level]
        text.append("[")
        text.append(blocks[:mark], style=colour)
        text.append("|", style="bold")
        text.append(blocks[mark + 1 :], style=colour)
        text.append("] ")
        text.append(words, style="bold" if level == "ok" else "bold reverse")
        return text
