"""A reading-age gauge: a bar plus words, so "above the target" reads without colour.

Shows the engine's verdict on a reading-age band against a target, on a fixed scale, e.g.

    Section: 9-10 yrs
    [██████|░░░░░░░] OK
    Letter: 12-18 yrs, scores differ
    [██████|███▒▒▒░] 5 years over

The verdict (within / above / well above, the years over, whether the text is too short to trust
and whether the formulas disagree) is the engine's `Verdict`: this widget only draws it and never
decides it again from the band. The bar fills to the formulas' estimate (what the verdict judges),
shades on to the band's top, and "|" marks the target.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:  # the engine is imported in the checks' worker, after first paint
    from letters.checks.report import Verdict

SCALE_LOW = 5.0
SCALE_HIGH = 17.0

#: The verdict's state as a level: how loudly the gauge shows it.
LEVELS = {"within": "ok", "above": "near", "well-above": "over", "unscored": "none"}


def gauge_words(verdict: Verdict) -> tuple[str, str]:
    """The words and level the gauge shows for a verdict: ("OK", "ok"), ("2 years over", "near")…"""
    return verdict.short, LEVELS[verdict.state]


def band_words(verdict: Verdict) -> str:
    """The gauge's first line after its label: "9-10 yrs", "about 9 yrs, rough", "8-16 yrs, scores differ"."""
    band = verdict.band
    if band is None:
        return "not scored yet"
    notes = [
        n for n, on in (("rough", not verdict.reliable), ("scores differ", verdict.formulas_disagree)) if on
    ]
    return f"{band} yrs" + "".join(f", {n}" for n in notes)


def gauge_notes(letter: Verdict | None, section: Verdict | None, shown: Collection[str] = ()) -> list[str]:
    """Lines to show under the gauges: what "rough" and "scores differ" mean, in the engine's words
    (leaving out what is already `shown`, such as the readability finding's message)."""
    notes: list[str] = []
    if any(v is not None and v.band is not None and not v.reliable for v in (letter, section)):
        notes.append("rough: a short text, so a rough guide")
    for name, verdict in (("Letter", letter), ("Section", section)):
        if verdict is not None and verdict.band is not None and verdict.formulas_disagree:
            text = verdict.describe()
            if text not in shown:
                notes.append(f"{name}: {text}")
    return notes


def bar(high: float, target: float, width: int, estimate: float | None = None) -> tuple[str, int]:
    """Blocks filled to the estimate (or, without one, the band's top) and shaded on to the band's
    top, and the column of the target mark."""
    span = SCALE_HIGH - SCALE_LOW

    def col(value: float) -> int:
        return max(0, min(width, round((value - SCALE_LOW) / span * width)))

    top = col(high)
    solid = top if estimate is None else min(col(estimate), top)
    return "█" * solid + "▒" * (top - solid) + "░" * (width - top), min(col(target), width - 1)


class ReadingGauge(Widget):
    """One labelled reading-age gauge: band, bar, target mark and verdict."""

    DEFAULT_CSS = """
    ReadingGauge {
        height: 2;
        width: 1fr;
    }
    """

    verdict: reactive[Verdict | None] = reactive(None)

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label

    def show(self, verdict: Verdict | None) -> None:
        self.verdict = verdict

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{self.label}: ", style="bold")
        verdict = self.verdict
        if verdict is None or verdict.band is None:
            text.append("not scored yet")
            return text
        band = verdict.band
        text.append(f"{band_words(verdict)}\n")
        words, level = gauge_words(verdict)
        width = max(6, self.size.width - len(words) - 4)  # a spare column at the edge
        blocks, mark = bar(band.high, verdict.target, width, band.central)
        colour = {"ok": "green", "near": "yellow", "over": "red"}.get(level, "")
        text.append("[")
        text.append(blocks[:mark], style=colour)
        text.append("|", style="bold")
        text.append(blocks[mark + 1 :], style=colour)
        text.append("] ")
        text.append(words, style="bold" if level == "ok" else "bold reverse")
        return text
