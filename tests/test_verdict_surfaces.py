"""One verdict everywhere: every surface says what the engine's report decided, and nothing else.

The whole validation set (tests/checks/data/validation) is checked at every age from 6 to 17, with
English as an additional language on and off (744 checks), and each surface's own verdict function
reads the result: `letters check`'s summary line and JSON, the writing screen's gauge, the export
screen's summary and the audit's reading-age evidence. They must all agree with `Report.verdict`
(within / above / well above, and the same years over), and the readability finding must say the
same. tests/tui/test_verdict_in_app.py runs a sample through the real app.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from letters.audit.evidence import evidence_for, facts_for
from letters.audit.grade import Answer
from letters.audit.rubric import load_rubric
from letters.checks import LetterChecker, Severity
from letters.cli.check import _verdict_json, summary_line
from letters.config import Config
from letters.model import Child, Letter, Meeting
from letters.tui.widgets.check_summary import summary_lines
from letters.tui.widgets.reading_gauge import band_words, gauge_words

VALIDATION = Path(__file__).parent / "checks" / "data" / "validation"
LETTERS = sorted(VALIDATION.glob("*.txt"))
CONFIG = Config()
QUESTION = load_rubric().question("reading-age")

GAUGE_LEVEL = {"within": "ok", "above": "near", "well-above": "over", "unscored": "none"}
AUDIT_ANSWER = {"within": Answer.YES, "above": Answer.PARTLY, "well-above": Answer.NO, "unscored": None}
CLI_STATE = {"within": "within", "ABOVE": "above", "WELL ABOVE": "well-above"}


def cli_state(line: str) -> str:
    """What `letters check`'s summary line says: within, above or well above (or unscored)."""
    if "no sentences to score" in line:
        return "unscored"
    said = re.findall(r", (within|WELL ABOVE|ABOVE) target \d", line)
    assert len(said) == 1, line
    return CLI_STATE[said[0]]


def letter_of(text: str, age: int, eal: bool) -> Letter:
    """The text as a stored letter's only section (so the letter reads exactly this text)."""
    letter = Letter(Child("Sam", age=age, eal=eal), Meeting(date(2026, 1, 14)))
    letter.id = 1
    for section in letter.sections:
        section.included = section.key == "told_us"
        section.text = text if section.key == "told_us" else ""
    return letter


def _years_in(text: str) -> str | None:
    found = re.search(r"(less than a year|more than \d+ years|\d+ years?)", text)
    return found.group(1) if found else None


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.name)
def test_every_surface_says_the_engines_verdict(path: Path) -> None:
    text = path.read_text("utf-8")
    seen: set[str] = set()
    for age in range(6, 18):
        for eal in (False, True):
            letter = letter_of(text, age, eal)
            checked = LetterChecker(letter, config=CONFIG.checks).check(letter)
            report = checked.report
            assert checked.joined_text == text
            verdict = report.verdict
            state = verdict.state
            seen.add(state)
            where = f"{path.name} at {age}{' EAL' if eal else ''}: {verdict}"

            # letters check: the summary line and the JSON.
            line = summary_line(path.name, report, [])
            assert cli_state(line) == state, (where, line)
            assert f"target {report.target:g}" in line or state == "unscored", where
            assert _verdict_json(verdict)["state"] == state, where

            # The gauge.
            words, level = gauge_words(checked.verdict)
            assert level == GAUGE_LEVEL[state], where
            assert not re.search(r"\b(\d+)-\1\b", band_words(verdict) + line + verdict.describe()), where

            # The export screen.
            lines = summary_lines(checked, letter)
            assert lines[1] == verdict.describe(), where

            # The audit.
            facts = facts_for(letter, checked, CONFIG, "C-00000001")
            evidence = evidence_for(QUESTION, facts, CONFIG)
            assert evidence.suggested is AUDIT_ANSWER[state], (where, evidence.text)
            assert facts.within_target is (None if state == "unscored" else state == "within"), where

            # The same years over, in the CLI, the gauge, the export screen and the audit.
            if state in ("above", "well-above"):
                years = verdict.years
                assert f"by {years}" in line, where
                assert words.replace(">", "more than ").startswith(years) or words == "<1 year over", where
                assert _years_in(lines[1]) == years, where
                assert f"{years} above" in evidence.text, where

            # The readability finding says the same as the verdict.
            reading = [
                f for f in report.findings if f.rule == "readability" and f.message.startswith("Reading")
            ]
            assert bool(reading) == (state in ("above", "well-above")), where
            if reading:
                expected = Severity.ERROR if state == "well-above" else Severity.WARNING
                if not verdict.reliable:
                    expected = Severity.WARNING if expected is Severity.ERROR else Severity.INFO
                assert reading[0].severity is expected and reading[0].message == verdict.describe(), where
    assert seen & {"within", "above", "well-above"}, "each letter is scored"


def test_the_set_reaches_every_verdict() -> None:
    """Across ages the set is within, above and well above its target: the test above sees each."""
    states = set()
    for path in LETTERS[::3]:
        for age in (6, 11, 17):
            letter = letter_of(path.read_text("utf-8"), age, False)
            states.add(LetterChecker(letter, config=CONFIG.checks).check(letter).verdict.state)
    assert {"within", "above", "well-above"} <= states


def test_a_band_of_disagreeing_formulas_is_not_called_within_target() -> None:
    """Freya's letter for an 11-year-old: short sentences (Flesch-Kincaid about 6) of words that are
    not all on Dale-Chall's easy list (about 11). Their mean is within the target of 10, but the band
    is 6-12: the verdict says the scores disagree and why, never plainly "within target"."""
    letter = letter_of((VALIDATION / "good_age6_freya.txt").read_text("utf-8"), 11, False)
    checked = LetterChecker(letter, config=CONFIG.checks).check(letter)
    verdict = checked.verdict
    assert verdict.state == "within" and verdict.formulas_disagree
    said = verdict.describe()
    assert said.startswith(f"Reading age {verdict.band}: the scores disagree (Flesch-Kincaid about")
    assert "Dale-Chall is higher because many of its words are not on the list" in said
    assert said.endswith("On their average the letter is within the target of 10.")
    assert "the scores disagree" in summary_line("freya.txt", checked.report, [])
    assert band_words(verdict).endswith("scores differ")
