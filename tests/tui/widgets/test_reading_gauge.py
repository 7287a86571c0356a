"""The reading-age gauge says the engine's verdict in words, and its bar marks the target.

The words come from the verdict (`letters.checks.report.verdict_for`), never from the band: a test
in tests/checks/test_verdict_surfaces.py runs the validation set through every surface.
"""

from __future__ import annotations

import pytest

from letters.checks.report import ReadingAge, verdict_for
from letters.config import TargetPolicy
from letters.tui.widgets.reading_gauge import band_words, bar, gauge_notes, gauge_words


def _verdict(
    estimate: float,
    target: float,
    *,
    low: float | None = None,
    high: float | None = None,
    reliable: bool = True,
):  # type: ignore[no-untyped-def]
    low = estimate if low is None else low
    high = estimate + 1 if high is None else high
    scores = (("Flesch-Kincaid", low), ("Dale-Chall", high - 1))
    band = ReadingAge(low, high, "Flesch-Kincaid + Dale-Chall", reliable, estimate, scores)
    return verdict_for(band, target, 120, TargetPolicy())


@pytest.mark.parametrize(
    ("estimate", "target", "words", "level"),
    [
        (7, 8, "OK", "ok"),
        (8, 8, "OK", "ok"),
        (8.5, 8, "OK", "ok"),  # within the formulas' tolerance of half a year
        (8.8, 8, "1 year over", "near"),
        (9, 8, "1 year over", "near"),
        (10, 8, "2 years over", "near"),
        (10.4, 8, ">2 years over", "over"),  # an error, not "2 years" like a warning
        (11, 8, "3 years over", "over"),
    ],
)
def test_verdict_in_words(estimate: float, target: float, words: str, level: str) -> None:
    assert gauge_words(_verdict(estimate, target)) == (words, level)


def test_bands_print_honestly() -> None:
    assert band_words(_verdict(8.5, 9)) == "9-10 yrs"  # 8.5 rounds up, never "8-8" or "8-9" by chance
    assert band_words(_verdict(9, 9, reliable=False)) == "9-10 yrs, rough"
    wide = _verdict(11.5, 11, low=8, high=16)  # Flesch-Kincaid 8, Dale-Chall 15: their mean 11.5
    assert band_words(wide) == "8-16 yrs, scores differ"
    (note,) = gauge_notes(wide, None)
    assert "scores disagree" in note and "within the target of 11" in note and "Dale-Chall is higher" in note


def test_bar_fills_to_the_top_of_the_band_and_marks_the_target() -> None:
    blocks, mark = bar(high=11, target=8, width=12)  # scale 5 to 17: one block a year
    assert blocks == "██████░░░░░░" and mark == 3
    blocks, _ = bar(high=11, target=8, width=12, estimate=9)  # solid to the estimate, shaded to the top
    assert blocks == "████▒▒░░░░░░"
