"""The reading-age gauge says its verdict in words, and its bar marks the target."""

from __future__ import annotations

import pytest

from letters.tui.widgets.reading_gauge import bar, verdict


@pytest.mark.parametrize(
    ("low", "target", "words", "level"),
    [
        (7, 8, "OK", "ok"),
        (8, 8, "OK", "ok"),
        (8.5, 8, "<1 over", "near"),
        (9, 8, "1 over", "near"),
        (11, 8, "3 over", "over"),
    ],
)
def test_verdict_in_words(low: float, target: float, words: str, level: str) -> None:
    assert verdict(low, target) == (words, level)


def test_bar_fills_to_the_top_of_the_band_and_marks_the_target() -> None:
    blocks, mark = bar(high=11, target=8, width=12)  # scale 5 to 17: one block a year
    assert blocks == "██████░░░░░░" and mark == 3
