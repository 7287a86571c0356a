"""The real app shows the engine's verdict and its errors: the writing screen's gauge and the export
screen say what `LetterReport.verdict` decided, for letters within, above and well above their
target, and a `[name]` left in the letter is an error in the findings and on the export screen.

A sample of the validation set, through the app with Pilot; tests/test_verdict_surfaces.py runs the
whole set through each surface's verdict function.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Static

from letters.checks import LetterChecker
from letters.config import Config
from letters.model import Child, Letter, Meeting
from letters.store import open_store
from letters.tui.screens.export import ExportScreen
from letters.tui.screens.writing import WritingScreen
from letters.tui.widgets.check_summary import CheckSummary
from letters.tui.widgets.findings_list import FindingsList
from letters.tui.widgets.reading_gauge import ReadingGauge, band_words, gauge_words
from tests.tui.helpers import app_for, async_test, screen_text, settle, wait_until

VALIDATION = Path(__file__).parents[1] / "checks" / "data" / "validation"
#: (letter, age, the state the engine gives it): one of each, so the sample covers every verdict.
SAMPLE = (
    ("good_age6_freya.txt", 11, "within"),  # and its formulas disagree
    ("mid_age12_formal.txt", 10, "above"),
    ("mid_age6_long.txt", 6, "well-above"),
)
SLOT = "We will ask [name] to come to your next meeting."


def _letter(name: str, age: int) -> Letter:
    letter = Letter(
        Child(name.split("_")[-1].removesuffix(".txt").title(), age=age), Meeting(date(2026, 11, 18))
    )
    for section in letter.sections:
        section.text = ""
    letter.section("told_us").text = (VALIDATION / name).read_text("utf-8")  # type: ignore[union-attr]
    if name == SAMPLE[0][0]:
        letter.section("next_meeting").text = SLOT  # type: ignore[union-attr]
    return letter


async def _open_and_compare(pilot, expected) -> str:  # type: ignore[no-untyped-def]
    """Open the highlighted letter, compare what the app shows with the engine, go back."""
    app = pilot.app
    await settle(pilot)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, WritingScreen), what="the writing screen")
    screen = app.screen
    assert isinstance(screen, WritingScreen) and screen.letter.id is not None
    await wait_until(pilot, lambda: screen.report is not None, what="the first checks")
    name, report = expected[screen.letter.id]
    verdict = report.verdict
    assert screen.report is not None and screen.report.verdict == verdict

    gauge = str(screen.query_one("#gauge-letter", ReadingGauge).render())
    assert f"Letter: {band_words(verdict)}" in gauge, gauge
    assert gauge.rstrip().endswith(gauge_words(verdict)[0]), gauge
    if verdict.formulas_disagree:
        notes = str(screen.query_one("#target", Static).content)
        assert "scores differ" in gauge and verdict.describe() in notes, notes

    if name == SAMPLE[0][0]:  # the [name] left in "next meeting" is an error there
        while screen.current != "next_meeting":
            await pilot.press("ctrl+down")
            await settle(pilot)
        findings = screen.query_one(FindingsList)
        await wait_until(pilot, lambda: any(e.finding.rule == "placeholder" for e in findings.entries))
        (entry,) = [e for e in findings.entries if e.finding.rule == "placeholder"]
        assert entry.flagged == "[name]" and str(entry.finding.severity) == "error"
        assert entry.replacements == ()  # advice: never written into the letter
        assert "x Unfilled slot" in screen_text(app)

    await pilot.press("ctrl+e")
    await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen), what="the export screen")
    summary = app.screen.query_one(CheckSummary)
    await wait_until(pilot, lambda: bool(summary.lines), what="the checks' summary")
    assert summary.lines[1] == verdict.describe()
    assert summary.lines[0].startswith("Checks: x ") is report.report.has_errors
    if name == SAMPLE[0][0]:
        errors = [line for line in summary.lines if line.startswith("x ")]
        slot = "x Unfilled slot (Your next meeting): '[name]' is a placeholder"
        assert any(e.startswith(slot) for e in errors), errors
        assert summary.lines[0].startswith("Checks: x 1 error")
    await pilot.press("escape")  # back to writing
    await settle(pilot)
    await pilot.press("escape")  # back to the list
    await wait_until(pilot, lambda: not isinstance(app.screen, WritingScreen), what="the list")
    await settle(pilot)
    return str(name)


@async_test
async def test_gauge_and_export_screen_say_the_engines_verdict(db_url: str) -> None:
    config = Config()
    expected = {}
    with open_store(db_url, config=config) as store:
        for name, age, state in SAMPLE:
            letter = _letter(name, age)
            letter_id = store.add(letter)
            stored = store.get(letter_id)
            report = LetterChecker(stored, config=config.checks).check(stored)
            assert report.verdict.state == state, (name, report.verdict)
            expected[letter_id] = (name, report)
    app = app_for(db_url, config)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        seen = set()
        for _ in SAMPLE:
            seen.add(await _open_and_compare(pilot, expected))
            await pilot.press("down")
        assert seen == {name for name, _, _ in SAMPLE}
